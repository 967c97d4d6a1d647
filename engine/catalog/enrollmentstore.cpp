#include "enrollmentstore.h"
#include "serverstore.h"

#include "password.h"
#include "private/sql.h"

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

const QString TokenSelect = u"SELECT id, region, created_ms, expires_ms, used_ms, used_by_server_id"
                            " FROM enrollment_tokens "_s;

EnrollmentTokenRecord readToken(const QSqlQuery &query)
{
    EnrollmentTokenRecord token;
    token.id = query.value(0).toLongLong();
    token.region = query.value(1).toString();
    token.createdMs = query.value(2).toLongLong();
    token.expiresMs = query.value(3).toLongLong();
    token.usedMs = Sql::optionalInt(query.value(4));
    token.usedByServerId = Sql::optionalInt(query.value(5));
    return token;
}

} // namespace

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
    auto grant = useToken(tenantId, token, nowMs);
    if (!grant)
        return fail(grant.error());
    KURA_TRY(transaction->commit());
    return grant;
}

Result<EnrolledServer> EnrollmentStore::enroll(
    qint64 tenantId, const QString &token, qint64 nowMs, NewServer server)
{
    // One transaction: a token is used up only together with the server row it creates, so a
    // failure in between (a name taken meanwhile, a full disk) leaves the token usable.
    auto transaction = Sql::Transaction::begin(m_db);
    if (!transaction)
        return fail(transaction.error());
    auto grant = useToken(tenantId, token, nowMs);
    if (!grant)
        return fail(grant.error());
    server.region = grant->region;
    auto serverId = ServerStore(m_db).create(tenantId, server, nowMs);
    if (!serverId)
        return fail(serverId.error());
    KURA_TRY(recordServer(tenantId, grant->tokenId, *serverId));
    KURA_TRY(transaction->commit());
    return EnrolledServer { *grant, *serverId };
}

Result<EnrollmentGrant> EnrollmentStore::useToken(
    qint64 tenantId, const QString &token, qint64 nowMs)
{
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
    return grant;
}

Status EnrollmentStore::recordServer(qint64 tenantId, qint64 tokenId, qint64 serverId)
{
    return Sql::updateOne(m_db,
        u"UPDATE enrollment_tokens SET used_by_server_id = ? WHERE tenant_id = ? AND id = ?"_s,
        { serverId, tenantId, tokenId }, u"enrollment token %1"_s.arg(tokenId));
}

Result<QList<EnrollmentTokenRecord>> EnrollmentStore::list(qint64 tenantId, int limit)
{
    auto query = Sql::run(m_db,
        TokenSelect + u"WHERE tenant_id = ? ORDER BY created_ms DESC, id DESC LIMIT ?"_s,
        { tenantId, qMax(0, limit) });
    if (!query)
        return fail(query.error());
    QList<EnrollmentTokenRecord> tokens;
    while (query->next())
        tokens.append(readToken(*query));
    return tokens;
}

Result<EnrollmentTokenRecord> EnrollmentStore::token(qint64 tenantId, qint64 tokenId)
{
    auto query
        = Sql::run(m_db, TokenSelect + u"WHERE tenant_id = ? AND id = ?"_s, { tenantId, tokenId });
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(ErrorCode::NotFound, u"enrollment token %1 does not exist"_s.arg(tokenId));
    return readToken(*query);
}

Status EnrollmentStore::revoke(qint64 tenantId, qint64 tokenId)
{
    // One statement, so that a concurrent consume() either finds the row gone or keeps it
    // as used.
    auto deleted = Sql::run(m_db,
        u"DELETE FROM enrollment_tokens WHERE tenant_id = ? AND id = ? AND used_ms IS NULL"_s,
        { tenantId, tokenId });
    if (!deleted)
        return fail(deleted.error());
    if (deleted->numRowsAffected() == 1)
        return {};
    auto existing = token(tenantId, tokenId);
    if (!existing)
        return fail(existing.error());
    return fail(ErrorCode::Conflict,
        u"enrollment token %1 was already used to enroll a server; only unused tokens can be"
        " revoked"_s.arg(tokenId));
}

} // namespace Kura::Catalog
