#pragma once

#include <catalog/database.h>
#include <catalog/serverstore.h>
#include <core/error.h>

#include <QList>
#include <QString>

#include <optional>

namespace Kura::Catalog {

struct NewEnrollmentToken {
    qint64 id = 0;
    QString token; // "<tenant id>.<secret>", shown once; only its hash is stored
};

struct EnrollmentGrant {
    qint64 tokenId = 0;
    QString region; // the region the enrolling server is placed in
};

struct EnrolledServer {
    EnrollmentGrant grant;
    qint64 serverId = 0;
};

// A token as administrators see it: never the secret, which exists only at creation.
struct EnrollmentTokenRecord {
    qint64 id = 0;
    QString region;
    qint64 createdMs = 0;
    qint64 expiresMs = 0; // the token works while now < expiresMs
    std::optional<qint64> usedMs; // when an agent enrolled with it
    std::optional<qint64> usedByServerId; // the server it enrolled (see recordServer)
};

// One-time enrollment tokens of a tenant (SPEC §2). Every function takes the tenant id:
// a token of another tenant is refused exactly like an unknown token.
class EnrollmentStore {
public:
    explicit EnrollmentStore(Database &database)
        : m_db(database)
    {
    }

    // A token valid until nowMs + validForMs for an agent to enroll into `region`.
    Result<NewEnrollmentToken> create(
        qint64 tenantId, const QString &region, qint64 nowMs, qint64 validForMs);
    // Uses up a token. Unauthorized if the token is unknown, expired (at nowMs >= expiry)
    // or already used; two concurrent uses of one token cannot both succeed.
    Result<EnrollmentGrant> consume(qint64 tenantId, const QString &token, qint64 nowMs);
    // Uses up a token and creates the server it enrolls (in the token's region, which replaces
    // server.region) in one transaction, recording which server the token enrolled: if the
    // server cannot be created, the token stays unused. Errors as consume() and
    // ServerStore::create().
    Result<EnrolledServer> enroll(qint64 tenantId, const QString &token, qint64 nowMs, NewServer server);
    // Records which server the token enrolled (for the audit trail).
    Status recordServer(qint64 tenantId, qint64 tokenId, qint64 serverId);

    // The tenant's tokens, newest first, at most `limit`: unused, used and expired ones.
    Result<QList<EnrollmentTokenRecord>> list(qint64 tenantId, int limit);
    // One token. NotFound for an unknown id and for another tenant's token.
    Result<EnrollmentTokenRecord> token(qint64 tenantId, qint64 tokenId);
    // Deletes an unused token (expired or not), so that nobody can enroll with it. NotFound
    // for an unknown id and for another tenant's token; Conflict for a used token, whose row
    // stays as the record of that enrollment.
    Status revoke(qint64 tenantId, qint64 tokenId);

private:
    Result<EnrollmentGrant> useToken(qint64 tenantId, const QString &token, qint64 nowMs);

    Database &m_db;
};

} // namespace Kura::Catalog
