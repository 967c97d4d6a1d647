#pragma once

#include "router.h"

#include <catalog/database.h>
#include <core/clock.h>
#include <core/error.h>

#include <QHash>
#include <QMutex>
#include <QString>

namespace Kura::Api {

struct AuthOptions {
    qint64 sessionLifetimeMs = 12ll * 3600 * 1000; // a login lasts 12 hours
    int maxSessions = 10000; // live sessions kept at once; logins beyond it get Unavailable
};

struct Session {
    QString token; // the bearer token, returned once; only its hash is kept
    qint64 expiresMs = 0;
    Identity identity;
};

// Bearer-token authentication of the API (SPEC §9, §11). Two kinds of token:
// - login sessions: login() checks the password (scrypt, UserStore) and returns a random
//   token (32 bytes, base64url, no '.'); the server keeps only its SHA-256 in memory with the
//   identity and an expiry, so sessions end when the server restarts (clients log in again);
// - API keys made by UserStore::createApiKey ("<tenant id>.<secret>", stored hashed in the
//   catalog's api_keys table); the '.' tells them apart from session tokens.
// Either way the token fixes the tenant, the user and the role. The user's row is read on
// every request, so disabling a user or changing a role takes effect at once.
//
// Thread-safety: all functions may be called from any thread (sessions are guarded by a
// mutex; catalog access uses the calling thread's connection).
class Authenticator {
public:
    Authenticator(Catalog::Database &database, const Clock &clock, AuthOptions options = {});

    // Checks a login within the named tenant. Unauthorized, with one message for an unknown
    // tenant, an unknown user, a wrong password and a disabled account.
    Result<Session> login(
        const QString &tenantName, const QString &userName, const QString &password);
    // The caller behind an "Authorization: Bearer <token>" header value. Unauthorized for a
    // missing or malformed header, an unknown, expired or revoked token, or a disabled user.
    Result<Identity> authenticate(const QByteArray &authorizationHeader);
    // Ends the session of `token`. NotFound when it is not a live session token.
    Status logout(const QString &token);
    // Live (unexpired) sessions.
    int sessionCount();

    // The token of an "Authorization" header value ("Bearer <token>"), empty if malformed.
    static QString bearerToken(const QByteArray &authorizationHeader);

private:
    struct Entry {
        Identity identity;
        qint64 expiresMs = 0;
    };
    Result<Identity> sessionIdentity(const QString &token);
    Result<Identity> apiKeyIdentity(const QString &token);
    Result<Identity> currentIdentity(Identity identity);
    void dropExpiredLocked(qint64 nowMs);

    Catalog::Database &m_db;
    const Clock &m_clock;
    AuthOptions m_options;
    QMutex m_mutex;
    QHash<QString, Entry> m_sessions; // token hash -> session; guarded by m_mutex
};

} // namespace Kura::Api
