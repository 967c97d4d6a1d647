#include "migrations.h"

#include "dialect.h"
#include "private/sql.h"

#include <QDateTime>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

    Status checkNumbering(const QList<Migration> &migrations)
    {
        for (int i = 0; i < migrations.size(); ++i) {
            if (migrations.at(i).version != i + 1)
                return fail(ErrorCode::Internal,
                    u"migration at position %1 has version %2, expected %3"_s.arg(i)
                        .arg(migrations.at(i).version)
                        .arg(i + 1));
        }
        return {};
    }

    Status createVersionTable(const QSqlDatabase &db, const Dialect &dialect)
    {
        auto created = Sql::run(db, dialect,
            u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
            " name TEXT NOT NULL, applied_ms BIGINT NOT NULL)"_s);
        if (!created)
            return fail(created.error());
        return {};
    }

    Status refuseNewer(int current, int latest)
    {
        if (current <= latest)
            return {};
        return fail(ErrorCode::Unsupported,
            u"catalog schema version %1 is newer than this build supports (version %2); "
            "use a newer Kura or restore a catalog copy made by this version"_s.arg(current)
                .arg(latest));
    }

    // Applies one migration in its own write transaction, unless another process applied it
    // between our version check and taking the write lock.
    Status applyOne(const QSqlDatabase &db, const Dialect &dialect, const Migration &migration)
    {
        KURA_TRY(Sql::run(db, dialect, dialect.beginWrite()));
        auto work = [&]() -> Status {
            auto current = readSchemaVersion(db, dialect);
            if (!current)
                return fail(current.error());
            if (*current >= migration.version)
                return {};
            for (const QString &statement : migration.statements) {
                auto done = Sql::run(db, dialect, dialect.adapt(statement));
                if (!done)
                    return fail(done.error().withContext(
                        u"migration %1 (%2)"_s.arg(migration.version).arg(migration.name)));
            }
            KURA_TRY(Sql::run(db, dialect,
                u"INSERT INTO schema_version (version, name, applied_ms) VALUES (?, ?, ?)"_s,
                { migration.version, migration.name, QDateTime::currentMSecsSinceEpoch() }));
            return {};
        };
        const Status status = work();
        if (!status) {
            (void)Sql::run(db, dialect, u"ROLLBACK"_s);
            return status;
        }
        KURA_TRY(Sql::run(db, dialect, u"COMMIT"_s));
        return {};
    }

} // namespace

int latestVersion(const QList<Migration> &migrations)
{
    return migrations.isEmpty() ? 0 : migrations.constLast().version;
}

Result<int> readSchemaVersion(const QSqlDatabase &db, const Dialect &dialect)
{
    if (!db.tables().contains("schema_version"_L1))
        return 0;
    auto query = Sql::run(db, dialect, u"SELECT MAX(version), COUNT(*) FROM schema_version"_s);
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(ErrorCode::Corrupt, u"schema_version table returned no row"_s);
    const qint64 maxVersion = query->value(0).toLongLong();
    const qint64 count = query->value(1).toLongLong();
    if (maxVersion != count)
        return fail(ErrorCode::Corrupt,
            u"schema_version table has %1 rows but its highest version is %2"_s.arg(count).arg(
                maxVersion));
    return int(maxVersion);
}

Result<int> applyMigrations(
    const QSqlDatabase &db, const Dialect &dialect, const QList<Migration> &migrations)
{
    KURA_TRY(checkNumbering(migrations));
    KURA_TRY(createVersionTable(db, dialect));
    auto current = readSchemaVersion(db, dialect);
    if (!current)
        return fail(current.error());
    const int latest = latestVersion(migrations);
    KURA_TRY(refuseNewer(*current, latest));
    for (int version = *current + 1; version <= latest; ++version)
        KURA_TRY(applyOne(db, dialect, migrations.at(version - 1)));
    return readSchemaVersion(db, dialect);
}

} // namespace Kura::Catalog
