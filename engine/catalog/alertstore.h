#pragma once

#include <catalog/database.h>
#include <core/error.h>

#include <QList>
#include <QString>

#include <optional>

namespace Kura::Catalog {

// SPEC §13 "no silent failure". See docs/catalog.md for when each kind is raised.
enum class AlertKind { Overdue, JobFailed, ScheduledRefused, ReplicationLag, RegionFailed };
enum class AlertState { Open, Acknowledged, Resolved };
QString alertKindName(AlertKind kind);
QString alertStateName(AlertState state);
std::optional<AlertKind> alertKindFromName(const QString &name);

// The subject of a server's alert ("server:<id>") and of a region's ("region:<name>").
QString serverSubject(qint64 serverId);
QString regionSubject(const QString &region);

struct NewAlert {
    AlertKind kind = AlertKind::JobFailed;
    std::optional<qint64> serverId; // the server concerned; none for region alerts
    QString subject; // serverSubject()/regionSubject(); one active alert per kind+subject
    QString details; // what happened, e.g. the failed job's id and reason
    qint64 nowMs = 0;
};

struct AlertRecord {
    qint64 id = 0;
    qint64 tenantId = 0;
    std::optional<qint64> serverId;
    AlertKind kind = AlertKind::JobFailed;
    QString subject;
    AlertState state = AlertState::Open;
    qint64 openedMs = 0;
    QString acknowledgedBy;
    std::optional<qint64> acknowledgedMs;
    std::optional<qint64> resolvedMs;
    QString details;
};

struct RaisedAlert {
    qint64 id = 0;
    bool created = false; // false: an active alert of that kind and subject already existed
};

// Alerts of one tenant. An alert is *active* while open or acknowledged; there is at most one
// active alert per tenant, kind and subject, so raising is idempotent. Every function takes
// the tenant id; another tenant's alert id gives NotFound.
class AlertStore {
public:
    explicit AlertStore(Database &database)
        : m_db(database)
    {
    }

    // Opens an alert unless an active one of the same kind and subject exists (then returns
    // that one unchanged). Safe under concurrent raises and usable inside a caller's write
    // transaction (it opens none). InvalidArgument for an empty subject.
    Result<RaisedAlert> raise(qint64 tenantId, const NewAlert &alert);
    // Open -> Acknowledged by `userName`. Conflict if it is not open.
    Status acknowledge(qint64 tenantId, qint64 alertId, const QString &userName, qint64 nowMs);
    // Open or Acknowledged -> Resolved. Conflict if already resolved.
    Status resolve(qint64 tenantId, qint64 alertId, qint64 nowMs);
    // Resolves the active alert of `kind` and `subject`, if any. Returns how many (0 or 1).
    Result<int> resolveActive(
        qint64 tenantId, AlertKind kind, const QString &subject, qint64 nowMs);
    Result<AlertRecord> alert(qint64 tenantId, qint64 alertId);
    // Open and acknowledged alerts, newest first.
    Result<QList<AlertRecord>> listActive(qint64 tenantId);
    // Every alert, newest first, at most `limit`.
    Result<QList<AlertRecord>> listAll(qint64 tenantId, int limit);

private:
    Result<QList<AlertRecord>> select(const QString &where, const QVariantList &values);
    Result<std::optional<qint64>> activeId(qint64 tenantId, AlertKind kind, const QString &subject);

    Database &m_db;
};

} // namespace Kura::Catalog
