#include <catalog/database.h>
#include <catalog/migrations.h>
#include <catalog/private/sql.h>
#include <catalog/serverstore.h>
#include <catalog/tenantstore.h>
#include <testsupport.h>

#include <QRegularExpression>

#include <QSqlQuery>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Catalog;

class tst_Migrations : public QObject {
    Q_OBJECT
private slots:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void freshCatalogHasEveryMigration();
    void upgradesOlderCatalogAndKeepsData();
    void refusesCatalogFromNewerVersion();
    void reopeningAppliesNothing();
    void failingMigrationIsRolledBack();
    void rejectsBadNumbering_data();
    void rejectsBadNumbering();

private:
    static Result<std::unique_ptr<Database>> openWith(
        const QString &path, const QList<Migration> &migrations);
    static bool hasIndex(Database &db, const QString &name);
};

Result<std::unique_ptr<Database>> tst_Migrations::openWith(
    const QString &path, const QList<Migration> &migrations)
{
    DatabaseOptions options;
    options.name = path;
    options.migrations = migrations;
    return Database::open(options);
}

bool tst_Migrations::hasIndex(Database &db, const QString &name)
{
    auto query = Sql::run(
        db, u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?"_s, { name });
    return query && query->next() && query->value(0).toInt() == 1;
}

void tst_Migrations::freshCatalogHasEveryMigration()
{
    QTemporaryDir dir;
    auto db = openWith(dir.filePath(u"c.sqlite"_s), catalogMigrations());
    QVERIFY_RESULT(db);
    QCOMPARE((*db)->schemaVersion(), latestVersion(catalogMigrations()));
    QVERIFY(latestVersion(catalogMigrations()) >= 2);
    auto tables = (*db)->connection()->tables();
    for (const char *table :
        { "tenants", "users", "api_keys", "servers", "plans", "enrollment_tokens", "jobs",
            "job_events", "generations", "generation_copies", "usage_samples", "regions",
            "region_health_log", "alerts", "audit_log", "dr_state", "dr_steps", "schema_version" })
        QVERIFY2(tables.contains(QLatin1String(table)), table);
    QVERIFY(hasIndex(**db, u"jobs_tenant_queued"_s));
}

void tst_Migrations::upgradesOlderCatalogAndKeepsData()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"c.sqlite"_s);
    {
        auto old = openWith(path, catalogMigrations().mid(0, 1));
        QVERIFY_RESULT(old);
        QCOMPARE((*old)->schemaVersion(), 1);
        QVERIFY(!hasIndex(**old, u"jobs_tenant_queued"_s));
        auto tenant = TenantStore(**old).create(u"kept"_s, 5);
        QVERIFY_RESULT(tenant);
        // Rows written by a version 1 build, with plain SQL as that build would have.
        QVERIFY_RESULT(Sql::run(**old,
            u"INSERT INTO servers (id, tenant_id, name, agent_id, agent_secret_hash, region,"
            " enrolled_ms) VALUES (7, ?, 'web', 'agent-7', 'h', 'JP1', 1)"_s,
            { *tenant }));
        for (const auto &[state, endMs] : { std::pair { "succeeded", 5000 },
                 std::pair { "succeeded", 9000 }, std::pair { "failed", 12000 } })
            QVERIFY_RESULT(Sql::run(**old,
                u"INSERT INTO jobs (tenant_id, server_id, kind, trigger_kind, state,"
                " queued_ms, end_ms) VALUES (?, 7, 'file_backup', 'scheduled', ?, 1, ?)"_s,
                { *tenant, QString::fromLatin1(state), endMs }));
    }
    auto upgraded = openWith(path, catalogMigrations());
    QVERIFY_RESULT(upgraded);
    QCOMPARE((*upgraded)->schemaVersion(), latestVersion(catalogMigrations()));
    QVERIFY(hasIndex(**upgraded, u"jobs_tenant_queued"_s));
    auto kept = TenantStore(**upgraded).findByName(u"kept"_s);
    QVERIFY_RESULT(kept);
    QCOMPARE(kept->createdMs, 5);
    // Migration 3 backfilled each server's last successful backup from its jobs.
    auto server = ServerStore(**upgraded).server(kept->id, 7);
    QVERIFY_RESULT(server);
    QCOMPARE(server->lastBackupMs, 9000);
}

void tst_Migrations::refusesCatalogFromNewerVersion()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"c.sqlite"_s);
    QList<Migration> future = catalogMigrations();
    const int known = latestVersion(future);
    future << Migration { known + 1, u"from the future"_s,
        { u"CREATE TABLE future_things (id INTEGER)"_s } };
    QVERIFY_RESULT(openWith(path, future));
    auto refused = openWith(path, catalogMigrations());
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), ErrorCode::Unsupported);
    const QString message = refused.error().message();
    QVERIFY2(message.contains(u"version %1"_s.arg(known + 1)), qPrintable(message));
    QVERIFY2(message.contains(u"version %1"_s.arg(known)), qPrintable(message));
}

void tst_Migrations::reopeningAppliesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"c.sqlite"_s);
    QVERIFY_RESULT(openWith(path, catalogMigrations()));
    auto again = openWith(path, catalogMigrations());
    QVERIFY_RESULT(again);
    auto rows = Sql::run(**again, u"SELECT COUNT(*) FROM schema_version"_s);
    QVERIFY_RESULT(rows);
    QVERIFY(rows->next());
    QCOMPARE(rows->value(0).toInt(), latestVersion(catalogMigrations()));
}

void tst_Migrations::failingMigrationIsRolledBack()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"c.sqlite"_s);
    QList<Migration> broken = catalogMigrations();
    broken << Migration { latestVersion(broken) + 1, u"half done"_s,
        { u"CREATE TABLE half_done (id INTEGER)"_s, u"THIS IS NOT SQL"_s } };
    auto failed = openWith(path, broken);
    QVERIFY(!failed);
    QVERIFY2(
        failed.error().message().contains(u"half done"_s), qPrintable(failed.error().message()));
    auto db = openWith(path, catalogMigrations());
    QVERIFY_RESULT(db);
    QCOMPARE((*db)->schemaVersion(), latestVersion(catalogMigrations()));
    QVERIFY(!(*db)->connection()->tables().contains(u"half_done"_s));
}

void tst_Migrations::rejectsBadNumbering_data()
{
    QTest::addColumn<QList<int>>("versions");
    QTest::newRow("starts at two") << QList<int> { 2, 3 };
    QTest::newRow("gap") << QList<int> { 1, 3 };
    QTest::newRow("out of order") << QList<int> { 2, 1 };
    QTest::newRow("duplicate") << QList<int> { 1, 1 };
}

void tst_Migrations::rejectsBadNumbering()
{
    QFETCH(QList<int>, versions);
    QList<Migration> migrations;
    for (int v : versions)
        migrations << Migration { v, u"m%1"_s.arg(v),
            { u"CREATE TABLE t%1 (id INTEGER)"_s.arg(migrations.size()) } };
    QTemporaryDir dir;
    auto db = openWith(dir.filePath(u"c.sqlite"_s), migrations);
    QVERIFY(!db);
    QCOMPARE(db.error().code(), ErrorCode::Internal);
}

QTEST_GUILESS_MAIN(tst_Migrations)
#include "tst_migrations.moc"
