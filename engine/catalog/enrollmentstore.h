#pragma once

#include <catalog/database.h>
#include <core/error.h>

#include <QString>

namespace Kura::Catalog {

struct NewEnrollmentToken {
    qint64 id = 0;
    QString token; // "<tenant id>.<secret>", shown once; only its hash is stored
};

struct EnrollmentGrant {
    qint64 tokenId = 0;
    QString region; // the region the enrolling server is placed in
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
    // Records which server the token enrolled (for the audit trail).
    Status recordServer(qint64 tenantId, qint64 tokenId, qint64 serverId);

private:
    Database &m_db;
};

} // namespace Kura::Catalog
