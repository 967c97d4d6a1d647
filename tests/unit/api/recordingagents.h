#pragma once

// The API's seam to connected agents (api/agentoperations.h) for tests that have no agent
// processes: it records every restore it is handed and answers browse requests with a small
// fixed folder, as an agent session would after asking its agent. The real implementation
// (engine/server AgentApi) is exercised with real agents in tests/integration/system.
#include <api/agentoperations.h>

#include <QJsonArray>
#include <QList>
#include <QSet>

namespace Kura::Test {

class RecordingAgents final : public Api::AgentOperations {
public:
    Status startRestore(const Api::RestoreOrder &order) override
    {
        if (offline.contains(order.targetServerId))
            return fail(ErrorCode::Unavailable,
                QStringLiteral("agent of server %1 is not connected").arg(order.targetServerId));
        orders << order;
        return {};
    }

    Result<QJsonObject> browse(
        qint64, qint64 serverId, const QString &path, int maxEntries) override
    {
        browsed << path;
        limits << maxEntries;
        if (offline.contains(serverId))
            return fail(ErrorCode::Unavailable, QStringLiteral("agent is not connected"));
        return listing(path);
    }

    Result<QJsonObject> browseGeneration(
        qint64, const QString &snapshotId, const QString &path) override
    {
        snapshotsBrowsed << snapshotId;
        return listing(path);
    }

    // Finds "notes.txt" below every folder of listing(): "/notes.txt" and "/docs/notes.txt".
    Result<QJsonObject> searchGeneration(
        qint64, const QString &snapshotId, const QString &text, int maxResults) override
    {
        snapshotsBrowsed << snapshotId;
        limits << maxResults;
        QJsonArray entries;
        for (const QString &path : { QStringLiteral("/notes.txt"), QStringLiteral("/docs/notes.txt") })
            if (QStringLiteral("notes.txt").contains(text, Qt::CaseInsensitive) && entries.size() < maxResults)
                entries.append(QJsonObject { { QStringLiteral("path"), path },
                    { QStringLiteral("name"), QStringLiteral("notes.txt") },
                    { QStringLiteral("kind"), QStringLiteral("file") }, { QStringLiteral("size"), 1234 },
                    { QStringLiteral("modified"), QStringLiteral("2026-01-01T01:02:03.000Z") } });
        return QJsonObject { { QStringLiteral("query"), text }, { QStringLiteral("entries"), entries },
            { QStringLiteral("truncated"), false } };
    }

    void disconnectAgent(qint64, qint64 serverId, const QString &reason) override
    {
        disconnected << qMakePair(serverId, reason);
    }

    // "/missing" is NotFound; every other folder holds "docs" and "notes.txt".
    static Result<QJsonObject> listing(const QString &path)
    {
        if (path == QStringLiteral("/missing"))
            return fail(ErrorCode::NotFound, QStringLiteral("no folder \"/missing\""));
        const QJsonArray entries {
            QJsonObject { { QStringLiteral("name"), QStringLiteral("docs") },
                { QStringLiteral("kind"), QStringLiteral("directory") },
                { QStringLiteral("size"), 0 },
                { QStringLiteral("modified"), QStringLiteral("2026-01-01T00:00:00.000Z") } },
            QJsonObject { { QStringLiteral("name"), QStringLiteral("notes.txt") },
                { QStringLiteral("kind"), QStringLiteral("file") },
                { QStringLiteral("size"), 1234 },
                { QStringLiteral("modified"), QStringLiteral("2026-01-01T01:02:03.000Z") } },
        };
        return QJsonObject { { QStringLiteral("path"), path },
            { QStringLiteral("entries"), entries }, { QStringLiteral("truncated"), false } };
    }

    QSet<qint64> offline;
    QList<Api::RestoreOrder> orders;
    QStringList browsed;
    QList<int> limits;
    QStringList snapshotsBrowsed;
    QList<QPair<qint64, QString>> disconnected;
};

} // namespace Kura::Test
