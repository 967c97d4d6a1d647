#pragma once

#include <catalog/database.h>
#include <core/error.h>

#include <QList>
#include <QString>

#include <optional>

namespace Kura::Catalog {

enum class RegionState { Ok, Failed };
QString regionStateName(RegionState state);

struct RegionRecord {
    QString name; // e.g. "JP1"
    QString remoteRegion; // double-storage pair, empty if none (SPEC §7)
    bool backupAllowed = true;
    RegionState state = RegionState::Ok;
    QString stateChangedBy;
    std::optional<qint64> stateChangedMs;

    bool operator==(const RegionRecord &) const = default;
};

struct RegionHealthChange {
    RegionState state = RegionState::Ok;
    QString changedBy; // a user name or "health-check"
    qint64 changedMs = 0;
    QString reason;
};

// Storage regions and their health (SPEC §7). Regions are installation-wide infrastructure,
// shared by all tenants, and hold no tenant data; per-tenant consequences (region_failed
// alerts) are raised through AlertStore for each affected tenant.
class RegionStore {
public:
    explicit RegionStore(Database &database)
        : m_db(database)
    {
    }

    // Creates a region or updates its pairing and availability (the health is kept).
    Status upsert(const QString &name, const QString &remoteRegion, bool backupAllowed);
    Result<RegionRecord> region(const QString &name);
    Result<QList<RegionRecord>> list();
    // Records a health change and keeps its history. In the same transaction, every tenant
    // with servers in the region gets a region_failed alert (subject regionSubject(name))
    // when it fails, resolved when it is ok again. NotFound for an unknown region.
    Status setState(const QString &name, const RegionHealthChange &change);
    // Health changes of a region, oldest first.
    Result<QList<RegionHealthChange>> history(const QString &name);

private:
    Status updateTenantAlerts(const QString &name, const RegionHealthChange &change);

    Database &m_db;
};

} // namespace Kura::Catalog
