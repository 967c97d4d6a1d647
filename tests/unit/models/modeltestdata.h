#pragma once

// Builders of API client values for the model tests.
#include <api/client/apitypes.h>

#include <QAbstractItemModel>
#include <QTimeZone>

namespace Kura::Test {

inline QDateTime utc(int day, int hour = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, 0), QTimeZone::utc());
}

inline Api::Client::ServerInfo server(qint64 id, const QString &name, bool isProtected = false,
                                      bool online = true)
{
    Api::Client::ServerInfo s;
    s.id = id;
    s.name = name;
    s.region = QStringLiteral("JP1");
    s.online = online;
    s.isProtected = isProtected;
    s.facts.osId = QStringLiteral("debian");
    s.facts.osVersion = QStringLiteral("12");
    s.facts.flavor = QStringLiteral("m1.small");
    if (isProtected) {
        s.plan = Api::Client::PlanInfo {};
        s.plan->timing = QStringLiteral("daily");
        s.plan->dailyWindow = 1;
        s.planSummary = QStringLiteral("local/daily 03-06/7d/files");
    }
    return s;
}

inline Api::Client::JobInfo job(qint64 id, qint64 serverId, Api::Client::JobState state,
                                qint64 sourceBytes = 0, qint64 bytesDone = 0)
{
    Api::Client::JobInfo j;
    j.id = id;
    j.serverId = serverId;
    j.kind = QStringLiteral("file_backup");
    j.trigger = QStringLiteral("immediate");
    j.state = state;
    j.queued = utc(20, 1);
    j.progress.sourceBytes = sourceBytes;
    j.progress.bytesDone = bytesDone;
    return j;
}

// Every display text of the model, row by row, for comparisons.
inline QStringList allTexts(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int column = 0; column < model.columnCount(); ++column)
            out << model.index(row, column).data().toString();
    }
    return out;
}

} // namespace Kura::Test
