#pragma once

#include <catalog/database.h>
#include <core/error.h>
#include <policy/types.h>

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace Kura::Catalog {

// One day's protected (source) bytes of one server (SPEC §10), with the plan menu it was
// protected under that day so that billing can prorate plan changes within a month.
struct UsageSample {
    qint64 serverId = 0;
    QString serverName; // kept so a deleted server's month can still be billed
    QDate day; // UTC day
    qint64 protectedBytes = 0;
    Policy::Storage storage = Policy::Storage::Local;
    Policy::Timing timing = Policy::Timing::Immediate;
    int retentionDays = 7;

    bool operator==(const UsageSample &) const = default;
};

// Daily usage samples of one tenant. Every function takes the tenant id.
class UsageStore {
public:
    explicit UsageStore(Database &database)
        : m_db(database)
    {
    }

    // Records the sample for (server, day), replacing an earlier sample of that day.
    // InvalidArgument for an invalid day or negative bytes; NotFound if the server is not
    // (or no longer) the tenant's.
    Status record(qint64 tenantId, const UsageSample &sample);
    // Samples with first <= day <= last, ordered by server id then day.
    Result<QList<UsageSample>> samples(qint64 tenantId, QDate first, QDate last);
    Result<QList<UsageSample>> samplesForServer(
        qint64 tenantId, qint64 serverId, QDate first, QDate last);
    // The months ("YYYY-MM", UTC) that have at least one sample, newest first.
    Result<QStringList> months(qint64 tenantId);

private:
    Result<QList<UsageSample>> select(const QString &where, const QVariantList &values);

    Database &m_db;
};

} // namespace Kura::Catalog
