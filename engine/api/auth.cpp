#include "auth.h"

#include <catalog/password.h>
#include <catalog/tenantstore.h>
#include <catalog/userstore.h>

using namespace Qt::StringLiterals;

namespace Kura::Api {
namespace {

const QString LoginRefused = u"unknown tenant, user or password"_s;

tl::unexpected<Error> unauthorized(const QString &message)
{
    return fail(ErrorCode::Unauthorized, message);
}

// Keeps a database failure as it is (503/500) and turns everything else into Unauthorized,
// so that a caller cannot tell which part of a credential was wrong.
tl::unexpected<Error> refuse(const Error &error, const QString &message)
{
    if (error.code() == ErrorCode::Unavailable || error.code() == ErrorCode::Io
        || error.code() == ErrorCode::Internal)
        return fail(error);
    return unauthorized(message);
}

} // namespace

Authenticator::Authenticator(Catalog::Database &database, const Clock &clock, AuthOptions options)
    : m_db(database)
    , m_clock(clock)
    , m_options(options)
{
}

QString Authenticator::bearerToken(const QByteArray &authorizationHeader)
{
    const QByteArray value = authorizationHeader.trimmed();
    const qsizetype space = value.indexOf(' ');
    if (space <= 0 || value.left(space).compare("Bearer", Qt::CaseInsensitive) != 0)
        return {};
    return QString::fromLatin1(value.mid(space + 1).trimmed());
}

Result<Session> Authenticator::login(
    const QString &tenantName, const QString &userName, const QString &password)
{
    Catalog::UserStore users(m_db);
    auto tenant = Catalog::TenantStore(m_db).findByName(tenantName);
    if (!tenant) {
        // Spend the same scrypt run as for a known tenant, so timing does not reveal tenants.
        (void)users.authenticate(0, userName, password);
        return refuse(tenant.error(), LoginRefused);
    }
    auto user = users.authenticate(tenant->id, userName, password);
    if (!user)
        return refuse(user.error(), LoginRefused);
    auto token = Catalog::generateToken();
    if (!token)
        return fail(token.error());
    const qint64 now = m_clock.nowMs();
    Session session { *token, now + m_options.sessionLifetimeMs,
        { tenant->id, user->id, user->name, user->role, false } };
    QMutexLocker locker(&m_mutex);
    dropExpiredLocked(now);
    if (m_sessions.size() >= m_options.maxSessions)
        return fail(ErrorCode::Unavailable, u"too many open sessions; try again later"_s, true);
    m_sessions.insert(Catalog::tokenHash(*token), { session.identity, session.expiresMs });
    return session;
}

Result<Identity> Authenticator::authenticate(const QByteArray &authorizationHeader)
{
    if (authorizationHeader.isEmpty())
        return unauthorized(u"missing \"Authorization: Bearer <token>\" header"_s);
    const QString token = bearerToken(authorizationHeader);
    if (token.isEmpty())
        return unauthorized(u"the Authorization header is not \"Bearer <token>\""_s);
    return token.contains(u'.') ? apiKeyIdentity(token) : sessionIdentity(token);
}

Result<Identity> Authenticator::sessionIdentity(const QString &token)
{
    Identity identity;
    {
        QMutexLocker locker(&m_mutex);
        const auto it = m_sessions.constFind(Catalog::tokenHash(token));
        if (it == m_sessions.cend())
            return unauthorized(u"unknown or expired session token"_s);
        if (it->expiresMs <= m_clock.nowMs()) {
            m_sessions.erase(it);
            return unauthorized(u"unknown or expired session token"_s);
        }
        identity = it->identity;
    }
    return currentIdentity(identity);
}

Result<Identity> Authenticator::apiKeyIdentity(const QString &token)
{
    auto tenant = Catalog::tenantOfToken(token);
    if (!tenant)
        return unauthorized(u"malformed API key"_s);
    auto user = Catalog::UserStore(m_db).authenticateApiKey(*tenant, token, m_clock.nowMs());
    if (!user)
        return refuse(user.error(), u"unknown or revoked API key"_s);
    return Identity { *tenant, user->id, user->name, user->role, true };
}

Result<Identity> Authenticator::currentIdentity(Identity identity)
{
    auto user = Catalog::UserStore(m_db).user(identity.tenantId, identity.userId);
    if (!user)
        return refuse(user.error(), u"the session's user no longer exists"_s);
    if (user->disabled)
        return unauthorized(u"the session's user is disabled"_s);
    identity.role = user->role;
    return identity;
}

Status Authenticator::logout(const QString &token)
{
    QMutexLocker locker(&m_mutex);
    if (m_sessions.remove(Catalog::tokenHash(token)) == 0)
        return fail(ErrorCode::NotFound, u"not a live session token"_s);
    return {};
}

int Authenticator::sessionCount()
{
    QMutexLocker locker(&m_mutex);
    dropExpiredLocked(m_clock.nowMs());
    return int(m_sessions.size());
}

void Authenticator::dropExpiredLocked(qint64 nowMs)
{
    for (auto it = m_sessions.begin(); it != m_sessions.end();)
        it = it->expiresMs <= nowMs ? m_sessions.erase(it) : std::next(it);
}

} // namespace Kura::Api
