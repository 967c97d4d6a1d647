#pragma once

#include <catalog/database.h>
#include <core/error.h>
#include <policy/types.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Kura::Catalog {

// What an agent reports about its host (SPEC §1).
struct HostFacts {
    QString hostName;
    QString osId; // os-release ID
    QString osVersion; // os-release VERSION_ID
    QString arch;
    QString flavor; // a label such as the VM size
    QString agentVersion;
    QStringList addresses;

    bool operator==(const HostFacts &) const = default;
};

struct NewServer {
    QString name;
    QString agentId; // unique across the installation
    QString agentSecretHash; // tokenHash() of the agent's secret
    QString region;
    HostFacts facts;
};

struct ServerRecord {
    qint64 id = 0;
    qint64 tenantId = 0;
    QString name;
    QString agentId;
    QString agentSecretHash;
    HostFacts facts;
    QString advertisedAddress;
    QString region;
    bool online = false;
    std::optional<qint64> lastSeenMs;
    bool isProtected = false;
    std::optional<qint64> protectedSinceMs;
    qint64 enrolledMs = 0;
    std::optional<Policy::Plan> plan; // set while protected
    std::optional<qint64> planUpdatedMs;
    std::optional<qint64> lastBackupMs; // end of the newest successful backup
    qint64 bandwidthLimitBytesPerSecond = 0; // for the agent's backups and restores; 0: none

    // The subset policy functions need.
    Policy::ServerFacts toFacts() const;
};

// Servers (agents) of one tenant and their plans (SPEC §2, §3). Every function takes the
// tenant id and only sees that tenant's servers: another tenant's server id gives NotFound.
class ServerStore {
public:
    explicit ServerStore(Database &database)
        : m_db(database)
    {
    }

    // Records an enrolled agent as an unprotected server. Conflict if the name is taken in
    // the tenant or the agent id anywhere; InvalidArgument for an empty name/agent id/region.
    Result<qint64> create(qint64 tenantId, const NewServer &server, qint64 nowMs);
    Result<ServerRecord> server(qint64 tenantId, qint64 serverId);
    Result<ServerRecord> findByAgentId(qint64 tenantId, const QString &agentId);
    // Every server of the tenant with its plan, ordered by name.
    Result<QList<ServerRecord>> list(qint64 tenantId);
    Result<QList<ServerRecord>> protectedServers(qint64 tenantId);

    Status updateFacts(qint64 tenantId, qint64 serverId, const HostFacts &facts);
    Status setOnline(qint64 tenantId, qint64 serverId, bool online, qint64 nowMs);
    Status setAdvertisedAddress(qint64 tenantId, qint64 serverId, const QString &address);
    // Bytes per second the server's agent may use for backups and restores (0: no limit).
    Status setBandwidthLimit(qint64 tenantId, qint64 serverId, qint64 bytesPerSecond);

    // Starts protection with `plan` (SPEC §2 "Protect"). Conflict if already protected.
    Status protect(qint64 tenantId, qint64 serverId, const Policy::Plan &plan, qint64 nowMs);
    // Replaces the plan of a protected server. Conflict if it is not protected.
    Status setPlan(qint64 tenantId, qint64 serverId, const Policy::Plan &plan, qint64 nowMs);
    // Ends protection and drops the plan. The caller deletes the backup data and generations.
    Status unprotect(qint64 tenantId, qint64 serverId);
    // Deletes the server; its plan, jobs and generations go with it (foreign keys cascade).
    Status remove(qint64 tenantId, qint64 serverId);

private:
    Result<QList<ServerRecord>> select(const QString &where, const QVariantList &values);
    Result<ServerRecord> selectOne(
        const QString &where, const QVariantList &values, const QString &what);
    Status writePlan(qint64 tenantId, qint64 serverId, const Policy::Plan &plan, qint64 nowMs);

    Database &m_db;
};

} // namespace Kura::Catalog
