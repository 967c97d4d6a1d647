#include "serverstore.h"

#include "private/sql.h"

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

    const QString ServerSelect
        = u"SELECT s.id, s.tenant_id, s.name, s.agent_id, s.agent_secret_hash, s.host_name, "
          u"s.os_id,"
          " s.os_version, s.arch, s.flavor, s.agent_version, s.addresses, s.advertised_address, "
          "s.region,"
          " s.online, s.last_seen_ms, s.protected, s.protected_since_ms, s.enrolled_ms,"
          " p.storage, p.timing, p.daily_window, p.weekday, p.weekly_window, p.retention_days, "
          "p.content,"
          " p.include_paths, p.exclude_patterns, p.system_device, p.pre_command, p.post_command,"
          " p.command_timeout_seconds, p.updated_ms, s.last_backup_ms, s.bandwidth_limit"
          " FROM servers s LEFT JOIN plans p ON p.tenant_id = s.tenant_id AND p.server_id = s.id "_s;
    constexpr int PlanColumn = 19;

    Result<Policy::Plan> readPlan(const QSqlQuery &q)
    {
        auto column = [&q](int offset) { return q.value(PlanColumn + offset); };
        const auto storage = Policy::storageFromName(column(0).toString());
        const auto timing = Policy::timingFromName(column(1).toString());
        const auto content = Policy::contentFromName(column(6).toString());
        if (!storage || !timing || !content)
            return fail(ErrorCode::Corrupt,
                u"plan of server %1 has an unknown storage, timing or content"_s.arg(
                    q.value(0).toLongLong()));
        Policy::Plan plan;
        plan.storage = *storage;
        plan.timing = *timing;
        plan.dailyWindow = column(2).toInt();
        plan.weekday = column(3).toInt();
        plan.weeklyWindow = column(4).toInt();
        plan.retentionDays = column(5).toInt();
        plan.content = *content;
        auto includes = Sql::fromJsonArray(column(7).toString(), u"plan include paths"_s);
        auto excludes = Sql::fromJsonArray(column(8).toString(), u"plan exclude patterns"_s);
        if (!includes || !excludes)
            return fail(!includes ? includes.error() : excludes.error());
        plan.includePaths = *includes;
        plan.excludePatterns = *excludes;
        plan.systemDevice = column(9).toString();
        plan.preCommand = column(10).toString();
        plan.postCommand = column(11).toString();
        plan.commandTimeoutSeconds = column(12).toInt();
        return plan;
    }

    Result<ServerRecord> readServer(const QSqlQuery &q)
    {
        ServerRecord s;
        s.id = q.value(0).toLongLong();
        s.tenantId = q.value(1).toLongLong();
        s.name = q.value(2).toString();
        s.agentId = q.value(3).toString();
        s.agentSecretHash = q.value(4).toString();
        s.facts = { q.value(5).toString(), q.value(6).toString(), q.value(7).toString(),
            q.value(8).toString(), q.value(9).toString(), q.value(10).toString(), {} };
        auto addresses = Sql::fromJsonArray(q.value(11).toString(), u"server addresses"_s);
        if (!addresses)
            return fail(addresses.error());
        s.facts.addresses = *addresses;
        s.advertisedAddress = q.value(12).toString();
        s.region = q.value(13).toString();
        s.online = q.value(14).toInt() != 0;
        s.lastSeenMs = Sql::optionalInt(q.value(15));
        s.isProtected = q.value(16).toInt() != 0;
        s.protectedSinceMs = Sql::optionalInt(q.value(17));
        s.enrolledMs = q.value(18).toLongLong();
        s.lastBackupMs = Sql::optionalInt(q.value(PlanColumn + 14));
        s.bandwidthLimitBytesPerSecond = q.value(PlanColumn + 15).toLongLong();
        if (!q.value(PlanColumn).isNull()) {
            auto plan = readPlan(q);
            if (!plan)
                return fail(plan.error());
            s.plan = *plan;
            s.planUpdatedMs = q.value(PlanColumn + 13).toLongLong();
        }
        return s;
    }

    Status validatePlan(const Policy::Plan &plan)
    {
        const bool ok = plan.dailyWindow >= 0 && plan.dailyWindow <= 7 && plan.weekday >= 1
            && plan.weekday <= 7 && plan.weeklyWindow >= 0 && plan.weeklyWindow <= 2
            && plan.retentionDays > 0 && plan.commandTimeoutSeconds > 0;
        if (!ok)
            return fail(ErrorCode::InvalidArgument,
                u"plan has a window, weekday, retention or timeout out of range"_s);
        return {};
    }

} // namespace

Policy::ServerFacts ServerRecord::toFacts() const
{
    return { id, tenantId, name, region, facts.flavor, facts.osId, facts.osVersion, isProtected,
        plan };
}

Result<qint64> ServerStore::create(qint64 tenantId, const NewServer &server, qint64 nowMs)
{
    if (server.name.isEmpty() || server.agentId.isEmpty() || server.region.isEmpty())
        return fail(
            ErrorCode::InvalidArgument, u"server name, agent id and region must not be empty"_s);
    const HostFacts &f = server.facts;
    return Sql::insert(m_db,
        u"INSERT INTO servers (tenant_id, name, agent_id, agent_secret_hash, host_name,"
        " os_id, os_version, arch, flavor, agent_version, addresses, region, enrolled_ms)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
        { tenantId, server.name, server.agentId, server.agentSecretHash, f.hostName, f.osId,
            f.osVersion, f.arch, f.flavor, f.agentVersion, Sql::toJsonArray(f.addresses),
            server.region, nowMs });
}

Result<QList<ServerRecord>> ServerStore::select(const QString &where, const QVariantList &values)
{
    auto query = Sql::run(m_db, ServerSelect + where, values);
    if (!query)
        return fail(query.error());
    QList<ServerRecord> out;
    while (query->next()) {
        auto record = readServer(*query);
        if (!record)
            return fail(record.error());
        out << *record;
    }
    return out;
}

Result<ServerRecord> ServerStore::selectOne(
    const QString &where, const QVariantList &values, const QString &what)
{
    auto rows = select(where, values);
    if (!rows)
        return fail(rows.error());
    if (rows->isEmpty())
        return fail(ErrorCode::NotFound, u"server %1 not found"_s.arg(what));
    return rows->constFirst();
}

Result<ServerRecord> ServerStore::server(qint64 tenantId, qint64 serverId)
{
    return selectOne(
        u"WHERE s.tenant_id = ? AND s.id = ?"_s, { tenantId, serverId }, QString::number(serverId));
}

Result<ServerRecord> ServerStore::findByAgentId(qint64 tenantId, const QString &agentId)
{
    return selectOne(u"WHERE s.tenant_id = ? AND s.agent_id = ?"_s, { tenantId, agentId },
        u"with agent id \"%1\""_s.arg(agentId));
}

Result<QList<ServerRecord>> ServerStore::list(qint64 tenantId)
{
    return select(u"WHERE s.tenant_id = ? ORDER BY s.name"_s, { tenantId });
}

Result<QList<ServerRecord>> ServerStore::protectedServers(qint64 tenantId)
{
    return select(u"WHERE s.tenant_id = ? AND s.protected = 1 ORDER BY s.name"_s, { tenantId });
}

Status ServerStore::updateFacts(qint64 tenantId, qint64 serverId, const HostFacts &f)
{
    return Sql::updateOne(m_db,
        u"UPDATE servers SET host_name = ?, os_id = ?, os_version = ?, arch = ?,"
        " flavor = ?, agent_version = ?, addresses = ? WHERE tenant_id = ? AND id = ?"_s,
        { f.hostName, f.osId, f.osVersion, f.arch, f.flavor, f.agentVersion,
            Sql::toJsonArray(f.addresses), tenantId, serverId },
        u"server %1"_s.arg(serverId));
}

Status ServerStore::setOnline(qint64 tenantId, qint64 serverId, bool online, qint64 nowMs)
{
    return Sql::updateOne(m_db,
        u"UPDATE servers SET online = ?, last_seen_ms = ? WHERE tenant_id = ? AND id = ?"_s,
        { online ? 1 : 0, nowMs, tenantId, serverId }, u"server %1"_s.arg(serverId));
}

Status ServerStore::setBandwidthLimit(qint64 tenantId, qint64 serverId, qint64 bytesPerSecond)
{
    if (bytesPerSecond < 0)
        return fail(ErrorCode::InvalidArgument, u"a bandwidth limit cannot be negative"_s);
    return Sql::updateOne(m_db, u"UPDATE servers SET bandwidth_limit = ? WHERE tenant_id = ? AND id = ?"_s,
        { bytesPerSecond, tenantId, serverId }, u"server %1"_s.arg(serverId));
}

Status ServerStore::setAdvertisedAddress(qint64 tenantId, qint64 serverId, const QString &address)
{
    return Sql::updateOne(m_db,
        u"UPDATE servers SET advertised_address = ? WHERE tenant_id = ? AND id = ?"_s,
        { address, tenantId, serverId }, u"server %1"_s.arg(serverId));
}

Status ServerStore::writePlan(qint64 tenantId, qint64 serverId, const Policy::Plan &p, qint64 nowMs)
{
    KURA_TRY(Sql::run(m_db, u"DELETE FROM plans WHERE tenant_id = ? AND server_id = ?"_s,
        { tenantId, serverId }));
    return Sql::run(m_db,
        u"INSERT INTO plans (server_id, tenant_id, storage, timing, daily_window, weekday,"
        " weekly_window, retention_days, content, include_paths, exclude_patterns, system_device,"
        " pre_command, post_command, command_timeout_seconds, updated_ms)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        { serverId, tenantId, Policy::storageName(p.storage), Policy::timingName(p.timing),
            p.dailyWindow, p.weekday, p.weeklyWindow, p.retentionDays,
            Policy::contentName(p.content), Sql::toJsonArray(p.includePaths),
            Sql::toJsonArray(p.excludePatterns), p.systemDevice, p.preCommand, p.postCommand,
            p.commandTimeoutSeconds, nowMs })
        .map([](auto &&) {});
}

Status ServerStore::protect(
    qint64 tenantId, qint64 serverId, const Policy::Plan &plan, qint64 nowMs)
{
    KURA_TRY(validatePlan(plan));
    auto transaction = Sql::Transaction::begin(m_db);
    if (!transaction)
        return fail(transaction.error());
    auto current = server(tenantId, serverId);
    if (!current)
        return fail(current.error());
    if (current->isProtected)
        return fail(ErrorCode::Conflict,
            u"server %1 is already protected; change its plan instead"_s.arg(serverId));
    KURA_TRY(Sql::run(m_db,
        u"UPDATE servers SET protected = 1, protected_since_ms = ? WHERE tenant_id = ? AND id = ?"_s,
        { nowMs, tenantId, serverId }));
    KURA_TRY(writePlan(tenantId, serverId, plan, nowMs));
    return transaction->commit();
}

Status ServerStore::setPlan(
    qint64 tenantId, qint64 serverId, const Policy::Plan &plan, qint64 nowMs)
{
    KURA_TRY(validatePlan(plan));
    auto transaction = Sql::Transaction::begin(m_db);
    if (!transaction)
        return fail(transaction.error());
    auto current = server(tenantId, serverId);
    if (!current)
        return fail(current.error());
    if (!current->isProtected)
        return fail(ErrorCode::Conflict,
            u"server %1 is not protected; protect it with a plan first"_s.arg(serverId));
    KURA_TRY(writePlan(tenantId, serverId, plan, nowMs));
    return transaction->commit();
}

Status ServerStore::unprotect(qint64 tenantId, qint64 serverId)
{
    auto transaction = Sql::Transaction::begin(m_db);
    if (!transaction)
        return fail(transaction.error());
    KURA_TRY(Sql::updateOne(m_db,
        u"UPDATE servers SET protected = 0, protected_since_ms = NULL"
        " WHERE tenant_id = ? AND id = ?"_s,
        { tenantId, serverId }, u"server %1"_s.arg(serverId)));
    KURA_TRY(Sql::run(m_db, u"DELETE FROM plans WHERE tenant_id = ? AND server_id = ?"_s,
        { tenantId, serverId }));
    return transaction->commit();
}

Status ServerStore::remove(qint64 tenantId, qint64 serverId)
{
    return Sql::updateOne(m_db, u"DELETE FROM servers WHERE tenant_id = ? AND id = ?"_s,
        { tenantId, serverId }, u"server %1"_s.arg(serverId));
}

} // namespace Kura::Catalog
