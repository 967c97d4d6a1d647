#pragma once

#include <catalog/database.h>
#include <catalog/password.h>
#include <core/error.h>

#include <QList>
#include <QString>

#include <optional>

namespace Kura::Catalog {

// SPEC §11 roles: admin (everything), operator (run, stop, restore), viewer (read only).
enum class Role { Admin, Operator, Viewer };
QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);
// The role that may do less of the two (viewer < operator < admin).
Role lesserRole(Role a, Role b);

struct UserRecord {
    qint64 id = 0;
    qint64 tenantId = 0;
    QString name;
    Role role = Role::Viewer;
    bool disabled = false;
    qint64 createdMs = 0;
};

struct ApiKeyRecord {
    qint64 id = 0;
    qint64 userId = 0;
    QString name;
    qint64 createdMs = 0;
    std::optional<qint64> lastUsedMs;
    bool revoked = false;
    // The most the key may do; none: everything its user may. The key acts with the lesser
    // of this and its user's current role.
    std::optional<Role> role;
};

struct NewApiKey {
    qint64 id = 0;
    QString token; // shown once; only its hash is stored
};

// Users and API keys of one tenant. A user belongs to exactly one tenant (logging in to
// another tenant means another account and another login, SPEC §11). Every function takes
// the tenant id and touches only that tenant's rows: asking for another tenant's user gives
// NotFound, and authenticating against the wrong tenant gives Unauthorized.
class UserStore {
public:
    explicit UserStore(Database &database, ScryptParams params = {})
        : m_db(database)
        , m_params(params)
    {
    }

    // Errors: InvalidArgument (empty name or password), Conflict (name taken in this tenant).
    Result<qint64> create(
        qint64 tenantId, const QString &name, const QString &password, Role role, qint64 nowMs);
    Result<UserRecord> user(qint64 tenantId, qint64 userId);
    Result<QList<UserRecord>> list(qint64 tenantId);
    Status setRole(qint64 tenantId, qint64 userId, Role role);
    Status setDisabled(qint64 tenantId, qint64 userId, bool disabled);
    Status setPassword(qint64 tenantId, qint64 userId, const QString &password);

    // Checks a login. Unauthorized with the same message for an unknown name, a wrong
    // password and a disabled account (an unknown name still costs one scrypt run).
    Result<UserRecord> authenticate(qint64 tenantId, const QString &name, const QString &password);

    // Creates an API key acting as `userId`, limited to `role` when given; the token
    // ("<tenant id>.<secret>") is returned once.
    Result<NewApiKey> createApiKey(qint64 tenantId, qint64 userId, const QString &name,
        qint64 nowMs, std::optional<Role> role = std::nullopt);
    // The user behind a bearer token, recording its use; the record's role is the lesser of
    // the user's and the key's limit. Unauthorized for unknown, revoked, or disabled-user
    // keys, and for a key of another tenant.
    Result<UserRecord> authenticateApiKey(qint64 tenantId, const QString &token, qint64 nowMs);
    Status revokeApiKey(qint64 tenantId, qint64 keyId);
    // Every key of the tenant, revoked ones included, oldest first.
    Result<QList<ApiKeyRecord>> apiKeys(qint64 tenantId);

private:
    Database &m_db;
    ScryptParams m_params;
};

} // namespace Kura::Catalog
