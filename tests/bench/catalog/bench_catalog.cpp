// Catalog benchmark (docs/catalog.md, "Benchmark"): a tenant with 10,000 servers and
// 1,000,000 jobs spread over 100 days, plus a second tenant, in a real SQLite file. Measures
// the bulk load (at schema version 2), the migration to the latest version (which backfills
// each server's last backup from the jobs), then the §8 report query, the server list and
// the overdue check (medians of several runs), and the report once more without its index.
#include <catalog/database.h>
#include <catalog/overdue.h>
#include <catalog/private/sql.h>
#include <catalog/report.h>
#include <catalog/serverstore.h>
#include <catalog/tenantstore.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Catalog;

namespace {

constexpr qint64 DayMs = 24ll * 3600 * 1000;
constexpr qint64 Now = 1795392000000; // 2026-11-23T00:00:00Z
constexpr int Runs = 7;

void check(const Status &status, const char *what)
{
    if (!status) {
        std::fprintf(stderr, "%s failed: %s\n", what, qPrintable(status.error().toString()));
        std::exit(1);
    }
}

template <class T> T take(Result<T> result, const char *what)
{
    check(result ? Status() : Status(tl::unexpected(result.error())), what);
    return std::move(*result);
}

void exec(QSqlQuery &query, const char *what)
{
    if (!query.exec()) {
        std::fprintf(stderr, "%s failed: %s\n", what, qPrintable(query.lastError().text()));
        std::exit(1);
    }
}

// Inserts `count` servers of `tenantId` (every second one protected with a daily plan) in one
// transaction through one prepared statement per table. Returns the first server id.
qint64 insertServers(Database &db, qint64 tenantId, int count)
{
    auto transaction = take(Sql::Transaction::begin(db), "begin");
    QSqlQuery server(*db.connection());
    server.prepare(u"INSERT INTO servers (tenant_id, name, agent_id, agent_secret_hash, host_name, "
                   u"os_id, os_version,"
                   " arch, flavor, agent_version, addresses, region, online, protected, "
                   "protected_since_ms, enrolled_ms)"
                   " VALUES (?, ?, ?, 'h', ?, 'debian', '12', 'x86_64', 'm1.small', '0.1.0', "
                   "'[\"10.0.0.1\"]', 'JP1',"
                   " 1, ?, ?, ?) RETURNING id"_s);
    QSqlQuery plan(*db.connection());
    plan.prepare(u"INSERT INTO plans (server_id, tenant_id, storage, timing, daily_window, "
                 u"weekday, weekly_window,"
                 " retention_days, content, command_timeout_seconds, updated_ms)"
                 " VALUES (?, ?, 'local', 'daily', ?, 1, 0, 30, 'files', 600, ?)"_s);
    qint64 first = 0;
    for (int i = 0; i < count; ++i) {
        const bool isProtected = i % 2 == 0;
        const QString name = u"srv-%1-%2"_s.arg(tenantId).arg(i, 5, 10, QChar(u'0'));
        for (const QVariant &v : { QVariant(tenantId), QVariant(name), QVariant(name),
                 QVariant(name + u".example"_s), QVariant(isProtected ? 1 : 0),
                 QVariant(Now - 200 * DayMs), QVariant(Now - 200 * DayMs) })
            server.addBindValue(v);
        exec(server, "insert server");
        server.next();
        const qint64 id = server.value(0).toLongLong();
        server.finish();
        first = first ? first : id;
        if (!isProtected)
            continue;
        for (const QVariant &v :
            { QVariant(id), QVariant(tenantId), QVariant(i % 8), QVariant(Now - 200 * DayMs) })
            plan.addBindValue(v);
        exec(plan, "insert plan");
    }
    check(transaction.commit(), "commit servers");
    return first;
}

// Inserts `count` jobs spread evenly over the last 100 days across `servers` servers.
void insertJobs(Database &db, qint64 tenantId, qint64 firstServer, int servers, int count)
{
    static const char *const states[]
        = { "succeeded", "succeeded", "succeeded", "failed", "cancelled", "stopped" };
    auto transaction = take(Sql::Transaction::begin(db), "begin");
    QSqlQuery job(*db.connection());
    job.prepare(u"INSERT INTO jobs (tenant_id, server_id, kind, trigger_kind, state, reason, "
                u"plan_summary, queued_ms,"
                " start_ms, end_ms, source_bytes, transferred_bytes, files) VALUES (?, ?, "
                "'file_backup', 'scheduled',"
                " ?, ?, 'local/daily 03-06/30d/files', ?, ?, ?, ?, ?, ?)"_s);
    const qint64 span = 100 * DayMs;
    for (int i = 0; i < count; ++i) {
        const qint64 queued = Now - span + span * i / count;
        const char *state = states[i % 6];
        for (const QVariant &v : { QVariant(tenantId), QVariant(firstServer + i % servers),
                 QVariant(QLatin1String(state)), QVariant(i % 6 == 3 ? u"disk full"_s : u""_s),
                 QVariant(queued), QVariant(queued + 5000), QVariant(queued + 65000),
                 QVariant(qint64(1) << 30), QVariant(qint64(i % 1000) << 16),
                 QVariant(10000 + i % 100) })
            job.addBindValue(v);
        exec(job, "insert job");
    }
    check(transaction.commit(), "commit jobs");
}

double medianMs(const std::function<void()> &work)
{
    QList<double> times;
    for (int i = 0; i < Runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times << timer.nsecsElapsed() / 1e6;
    }
    std::sort(times.begin(), times.end());
    return times.at(Runs / 2);
}

void measureReport(Database &db, qint64 tenantId, const char *label)
{
    qsizetype rows = 0;
    const double ms = medianMs([&] { rows = take(jobReport(db, tenantId, Now), "report").size(); });
    std::printf("report query (%s): median %.1f ms of %d runs, %lld rows\n", label, ms, Runs,
        qlonglong(rows));
}

void measureLists(Database &db, qint64 tenantId)
{
    qsizetype servers = 0, overdue = 0;
    const double list
        = medianMs([&] { servers = take(ServerStore(db).list(tenantId), "server list").size(); });
    std::printf(
        "server list: median %.1f ms of %d runs, %lld servers\n", list, Runs, qlonglong(servers));
    const double check
        = medianMs([&] { overdue = take(checkOverdue(db, tenantId, Now), "overdue").size(); });
    std::printf("overdue check: median %.1f ms of %d runs, %lld overdue\n", check, Runs,
        qlonglong(overdue));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int servers = argc > 1 ? QByteArray(argv[1]).toInt() : 10000;
    const int jobs = argc > 2 ? QByteArray(argv[2]).toInt() : 1000000;
    if (servers <= 0 || jobs <= 0) {
        std::fprintf(stderr, "usage: bench_catalog [servers > 0] [jobs > 0]\n");
        return 2;
    }
    QTemporaryDir dir;
    DatabaseOptions options;
    options.name = dir.filePath(u"bench.sqlite"_s);
    options.migrations = catalogMigrations().mid(0, 2);
    auto db = take(Database::open(options), "open");
    const qint64 tenant = take(TenantStore(*db).create(u"bench"_s, Now), "tenant");
    const qint64 other = take(TenantStore(*db).create(u"other"_s, Now), "tenant");

    QElapsedTimer timer;
    timer.start();
    const qint64 first = insertServers(*db, tenant, servers);
    const qint64 otherFirst = insertServers(*db, other, 100);
    std::printf("inserted %d + 100 servers in %.1f s\n", servers, timer.elapsed() / 1000.0);
    timer.restart();
    insertJobs(*db, tenant, first, servers, jobs);
    insertJobs(*db, other, otherFirst, 100, 10000);
    std::printf("inserted %d + 10000 jobs in one transaction each in %.1f s (%.0f rows/s)\n", jobs,
        timer.elapsed() / 1000.0, (jobs + 10000) / (timer.elapsed() / 1000.0));

    db.reset();
    options.migrations = catalogMigrations();
    timer.restart();
    db = take(Database::open(options), "migrate");
    std::printf(
        "migrated to schema v%d in %.1f s\n", db->schemaVersion(), timer.elapsed() / 1000.0);
    measureReport(*db, tenant, "with index jobs_tenant_queued");
    measureLists(*db, tenant);
    check(Sql::run(*db, u"DROP INDEX jobs_tenant_queued"_s).map([](auto &&) {}), "drop index");
    measureReport(*db, tenant, "without index jobs_tenant_queued");
    return 0;
}
