#include "userstore.h"

#include "private/sql.h"

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

    const QString UserColumns
        = u"SELECT id, tenant_id, name, role, disabled, created_ms, password_hash FROM users "_s;

    UserRecord readUser(const QSqlQuery &q)
    {
        return { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
            roleFromName(q.value(3).toString()).value_or(Role::Viewer), q.value(4).toInt() != 0,
            q.value(5).toLongLong() };
    }

    Error loginRefused()
    {
        return Error(ErrorCode::Unauthorized, u"unknown user name or wrong password"_s);
    }

} // namespace

QString roleName(Role role)
{
    switch (role) {
    case Role::Admin:
        return u"admin"_s;
    case Role::Operator:
        return u"operator"_s;
    case Role::Viewer:
        return u"viewer"_s;
    }
    return {};
}

std::optional<Role> roleFromName(const QString &name)
{
    for (Role role : { Role::Admin, Role::Operator, Role::Viewer })
        if (roleName(role) == name)
            return role;
    return std::nullopt;
}

Role lesserRole(Role a, Role b)
{
    // The enum runs from the most (admin) to the least (viewer) a role may do.
    return std::max(a, b);
}

Result<qint64> UserStore::create(
    qint64 tenantId, const QString &name, const QString &password, Role role, qint64 nowMs)
{
    if (name.trimmed().isEmpty() || password.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"user name and password must not be empty"_s);
    auto hash = hashPassword(password, m_params);
    if (!hash)
        return fail(hash.error());
    return Sql::insert(m_db,
        u"INSERT INTO users (tenant_id, name, password_hash, role, created_ms)"
        " VALUES (?, ?, ?, ?, ?) RETURNING id"_s,
        { tenantId, name, *hash, roleName(role), nowMs });
}

Result<UserRecord> UserStore::user(qint64 tenantId, qint64 userId)
{
    auto query
        = Sql::run(m_db, UserColumns + u"WHERE tenant_id = ? AND id = ?"_s, { tenantId, userId });
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(ErrorCode::NotFound, u"user %1 not found"_s.arg(userId));
    return readUser(*query);
}

Result<QList<UserRecord>> UserStore::list(qint64 tenantId)
{
    auto query = Sql::run(m_db, UserColumns + u"WHERE tenant_id = ? ORDER BY name"_s, { tenantId });
    if (!query)
        return fail(query.error());
    QList<UserRecord> out;
    while (query->next())
        out << readUser(*query);
    return out;
}

Status UserStore::setRole(qint64 tenantId, qint64 userId, Role role)
{
    return Sql::updateOne(m_db, u"UPDATE users SET role = ? WHERE tenant_id = ? AND id = ?"_s,
        { roleName(role), tenantId, userId }, u"user %1"_s.arg(userId));
}

Status UserStore::setDisabled(qint64 tenantId, qint64 userId, bool disabled)
{
    return Sql::updateOne(m_db, u"UPDATE users SET disabled = ? WHERE tenant_id = ? AND id = ?"_s,
        { disabled ? 1 : 0, tenantId, userId }, u"user %1"_s.arg(userId));
}

Status UserStore::setPassword(qint64 tenantId, qint64 userId, const QString &password)
{
    if (password.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"password must not be empty"_s);
    auto hash = hashPassword(password, m_params);
    if (!hash)
        return fail(hash.error());
    return Sql::updateOne(m_db,
        u"UPDATE users SET password_hash = ? WHERE tenant_id = ? AND id = ?"_s,
        { *hash, tenantId, userId }, u"user %1"_s.arg(userId));
}

Result<UserRecord> UserStore::authenticate(
    qint64 tenantId, const QString &name, const QString &password)
{
    auto query
        = Sql::run(m_db, UserColumns + u"WHERE tenant_id = ? AND name = ?"_s, { tenantId, name });
    if (!query)
        return fail(query.error());
    if (!query->next()) {
        // Spend the same work as for a real account so that timing does not reveal names.
        static const QString dummy = hashPassword(u"dummy"_s, m_params).value_or(QString());
        (void)verifyPassword(password, dummy);
        return fail(loginRefused());
    }
    const UserRecord record = readUser(*query);
    auto matches = verifyPassword(password, query->value(6).toString());
    if (!matches)
        return fail(matches.error().withContext(u"user %1"_s.arg(record.id)));
    if (!*matches || record.disabled)
        return fail(loginRefused());
    return record;
}

Result<NewApiKey> UserStore::createApiKey(qint64 tenantId, qint64 userId, const QString &name,
    qint64 nowMs, std::optional<Role> role)
{
    if (name.trimmed().isEmpty())
        return fail(ErrorCode::InvalidArgument, u"an API key needs a name"_s);
    auto token = generateTenantToken(tenantId);
    if (!token)
        return fail(token.error());
    auto id = Sql::insert(m_db,
        u"INSERT INTO api_keys (tenant_id, user_id, name, key_hash, created_ms, role)"
        " VALUES (?, ?, ?, ?, ?, ?) RETURNING id"_s,
        { tenantId, userId, name, tokenHash(*token), nowMs,
            Sql::nullable(role ? roleName(*role) : QString()) });
    if (!id)
        return fail(id.error().code() == ErrorCode::Conflict
                ? Error(ErrorCode::NotFound, u"user %1 not found"_s.arg(userId))
                : id.error());
    return NewApiKey { *id, *token };
}

Result<UserRecord> UserStore::authenticateApiKey(
    qint64 tenantId, const QString &token, qint64 nowMs)
{
    auto query = Sql::run(m_db,
        u"SELECT k.id, k.user_id, k.role FROM api_keys k JOIN users u"
        " ON u.tenant_id = k.tenant_id AND u.id = k.user_id"
        " WHERE k.tenant_id = ? AND k.key_hash = ? AND k.revoked = 0 AND u.disabled = 0"_s,
        { tenantId, tokenHash(token) });
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(ErrorCode::Unauthorized, u"unknown or revoked API key"_s);
    const qint64 keyId = query->value(0).toLongLong();
    const qint64 userId = query->value(1).toLongLong();
    const QString keyRole = query->value(2).toString();
    query->finish();
    KURA_TRY(
        Sql::run(m_db, u"UPDATE api_keys SET last_used_ms = ? WHERE tenant_id = ? AND id = ?"_s,
            { nowMs, tenantId, keyId }));
    auto record = user(tenantId, userId);
    if (record && !keyRole.isEmpty())
        // An unknown stored name limits the key to viewing rather than widening it.
        record->role = lesserRole(record->role, roleFromName(keyRole).value_or(Role::Viewer));
    return record;
}

Status UserStore::revokeApiKey(qint64 tenantId, qint64 keyId)
{
    return Sql::updateOne(m_db, u"UPDATE api_keys SET revoked = 1 WHERE tenant_id = ? AND id = ?"_s,
        { tenantId, keyId }, u"API key %1"_s.arg(keyId));
}

Result<QList<ApiKeyRecord>> UserStore::apiKeys(qint64 tenantId)
{
    auto query = Sql::run(m_db,
        u"SELECT id, user_id, name, created_ms, last_used_ms, revoked, role FROM api_keys"
        " WHERE tenant_id = ? ORDER BY id"_s,
        { tenantId });
    if (!query)
        return fail(query.error());
    QList<ApiKeyRecord> out;
    while (query->next())
        out << ApiKeyRecord { query->value(0).toLongLong(), query->value(1).toLongLong(),
            query->value(2).toString(), query->value(3).toLongLong(),
            Sql::optionalInt(query->value(4)), query->value(5).toInt() != 0,
            query->value(6).isNull() ? std::nullopt : roleFromName(query->value(6).toString()) };
    return out;
}

} // namespace Kura::Catalog
