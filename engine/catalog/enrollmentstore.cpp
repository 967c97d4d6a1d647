#include "enrollmentstore.h"

#include "password.h"
#include "private/sql.h"

using namespace Qt::StringLiterals;

namespace Kura::Catalog {

Result<NewEnrollmentToken> EnrollmentStore::create(
    qint64 tenantId, const QString &region, qint64 nowMs, qint64 validForMs)
{
    if (region.isEmpty() || validForMs <= 0)
        return fail(ErrorCode::InvalidArgument,
            u"enrollment token needs a region and a positive validity"_s);
    auto token = generateTenantToken(tenantId);
    if (!token)
        return fail(token.error());
    auto id = Sql::insert(m_db,
        u"INSERT INTO enrollment_tokens (tenant_id, token_hash, region, created_ms, expires_ms)"
        " VALUES (?, ?, ?, ?, ?) RETURNING id"_s,
        { tenantId, tokenHash(*token), region, nowMs, nowMs + validForMs });
    if (!id)
        return fail(id.error());
    return NewEnrollmentToken { *id, *token };
}

Result<EnrollmentGrant> EnrollmentStore::consume(
    qint64 tenantId, const QString &token, qint64 nowMs)
{
    auto transaction = Sql::Transaction::begin(m_db);
    if (!transaction)
        return fail(transaction.error());
    const QString hash = tokenHash(token);
    auto query = Sql::run(m_db,
        u"SELECT id, region FROM enrollment_tokens WHERE tenant_id = ? AND token_hash = ?"
        " AND used_ms IS NULL AND expires_ms > ?"_s,
        { tenantId, hash, nowMs });
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(
            ErrorCode::Unauthorized, u"enrollment token is unknown, expired or already used"_s);
    const EnrollmentGrant grant { query->value(0).toLongLong(), query->value(1).toString() };
    query->finish();
    KURA_TRY(Sql::updateOne(m_db,
        u"UPDATE enrollment_tokens SET used_ms = ? WHERE tenant_id = ? AND id = ?"
        " AND used_ms IS NULL"_s,
        { nowMs, tenantId, grant.tokenId }, u"enrollment token %1"_s.arg(grant.tokenId)));
    KURA_TRY(transaction->commit());
    return grant;
}

Status EnrollmentStore::recordServer(qint64 tenantId, qint64 tokenId, qint64 serverId)
{
    return Sql::updateOne(m_db,
        u"UPDATE enrollment_tokens SET used_by_server_id = ? WHERE tenant_id = ? AND id = ?"_s,
        { serverId, tenantId, tokenId }, u"enrollment token %1"_s.arg(tokenId));
}

} // namespace Kura::Catalog
