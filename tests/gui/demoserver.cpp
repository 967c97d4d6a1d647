#include "demoserver.h"

#include <catalog/alertstore.h>
#include <catalog/generationstore.h>
#include <catalog/jobstore.h>
#include <catalog/plancodec.h>
#include <catalog/regionstore.h>
#include <catalog/serverstore.h>
#include <catalog/tenantstore.h>
#include <catalog/usagestore.h>
#include <catalog/userstore.h>
#include <policy/regionmatrix.h>

#include <QDateTime>
#include <QFile>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace Kura::Test {

namespace {
// Cheap scrypt for tests; verifyPassword reads the parameters from the stored hash.
const Catalog::ScryptParams FastScrypt { 1u << 4, 1, 1 };
constexpr qint64 GiB = 1024LL * 1024 * 1024;
constexpr qint64 MsPerDay = 86400000LL;
} // namespace

Policy::Plan demoPlan(Policy::Timing timing, Policy::Storage storage, int retentionDays,
                      Policy::Content content)
{
    Policy::Plan plan;
    plan.timing = timing;
    plan.storage = storage;
    plan.retentionDays = retentionDays;
    plan.content = content;
    plan.dailyWindow = 6;
    plan.weekday = 6;
    plan.weeklyWindow = 0;
    if (content == Policy::Content::System)
        plan.systemDevice = u"/dev/vda"_s;
    return plan;
}

DemoServer::DemoServer()
    : clock(QDateTime::currentMSecsSinceEpoch())
{
    Catalog::DatabaseOptions options;
    options.name = m_dir.filePath(u"catalog.sqlite"_s);
    auto db = Catalog::Database::open(options);
    if (!db) {
        qWarning("cannot open the demo catalog: %s", qPrintable(db.error().toString()));
        return;
    }
    m_db = std::move(*db);
    if (!createTenant() || !seedRegions())
        return;
    scheduler = std::make_unique<Scheduler::Scheduler>(*m_db, clock, dispatcher, remover);
    auth = std::make_unique<Api::Authenticator>(*m_db, clock);
    QFile priceFile(QStringLiteral(KURA_DEMO_PRICES_FILE));
    if (priceFile.open(QIODevice::ReadOnly)) {
        if (auto table = Policy::PriceTable::fromJson(priceFile.readAll()))
            prices = *table;
    }
    api = std::make_unique<Api::ApiService>(Api::ApiContext {
        *m_db, *scheduler, remover, clock, *auth, Policy::defaultRegionMatrix(), {}, &identity, nullptr,
        prices ? &*prices : nullptr });
    m_http = std::make_unique<Api::HttpServerAdapter>(
        [this](const Api::ApiRequest &request) { return api->handle(request); });
    events = std::make_unique<Api::EventStream>(*m_db, *auth, clock);
    m_http->setWebSocketHandler([this](std::unique_ptr<QWebSocket> socket) { events->accept(std::move(socket)); });
    auto port = m_http->listen();
    if (!port) {
        qWarning("cannot listen: %s", qPrintable(port.error().toString()));
        return;
    }
    m_port = *port;
}

DemoServer::~DemoServer() = default;

QUrl DemoServer::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

bool DemoServer::createTenant()
{
    auto tenant = Catalog::TenantStore(*m_db).create(u"acme"_s, clock.nowMs());
    if (!tenant)
        return false;
    m_tenant = *tenant;
    Catalog::UserStore users(*m_db, FastScrypt);
    return users.create(m_tenant, u"admin"_s, u"pw-admin"_s, Catalog::Role::Admin, clock.nowMs())
        && users.create(m_tenant, u"operator"_s, u"pw-operator"_s, Catalog::Role::Operator, clock.nowMs())
        && users.create(m_tenant, u"viewer"_s, u"pw-viewer"_s, Catalog::Role::Viewer, clock.nowMs());
}

bool DemoServer::seedRegions()
{
    Catalog::RegionStore regions(*m_db);
    for (const Policy::RegionInfo &region : Policy::defaultRegionMatrix().regions()) {
        if (!regions.upsert(region.name, region.remoteStorage, region.backupService))
            return false;
    }
    return true;
}

qint64 DemoServer::addServer(const QString &name, const QString &region,
                             const std::optional<Policy::Plan> &plan, const QString &osId,
                             const QString &osVersion, const QString &flavor)
{
    Catalog::NewServer server;
    server.name = name;
    server.agentId = u"agent-"_s + name;
    server.agentSecretHash = u"hash-of-"_s + name;
    server.region = region;
    server.facts = { name + u".acme.example"_s, osId, osVersion, u"x86_64"_s, flavor, u"0.1.0"_s,
                     { u"10.0.0.%1"_s.arg(qHash(name) % 200 + 10) } };
    Catalog::ServerStore servers(*m_db);
    auto id = servers.create(m_tenant, server, clock.nowMs());
    if (!id || !servers.setOnline(m_tenant, *id, true, clock.nowMs()))
        return 0;
    if (plan && !servers.protect(m_tenant, *id, *plan, clock.nowMs() - 30 * MsPerDay))
        return 0;
    return *id;
}

qint64 DemoServer::addFinishedBackup(qint64 serverId, double daysAgo, Policy::JobState state,
                                     qint64 sourceBytes, const QString &reason)
{
    auto server = Catalog::ServerStore(*m_db).server(m_tenant, serverId);
    if (!server || !server->plan)
        return 0;
    const Policy::Plan plan = *server->plan;
    const auto kind = plan.content == Policy::Content::System ? Policy::JobKind::SystemBackup
                                                              : Policy::JobKind::FileBackup;
    const qint64 start = clock.nowMs() - qint64(daysAgo * double(MsPerDay));
    const qint64 seconds = 300 + sourceBytes / (80 * 1024 * 1024);
    const qint64 end = start + seconds * 1000;
    Catalog::JobStore jobs(*m_db);
    Catalog::NewJob newJob;
    newJob.serverId = serverId;
    newJob.kind = kind;
    newJob.trigger = Policy::JobTrigger::Scheduled;
    newJob.planSummary = Catalog::planSummary(plan);
    newJob.queuedMs = start - 60000;
    auto job = jobs.create(m_tenant, newJob);
    if (!job || !jobs.markRunning(m_tenant, *job, start))
        return 0;
    const qint64 done = state == Policy::JobState::Succeeded ? sourceBytes : sourceBytes / 3;
    if (!jobs.updateProgress(m_tenant, *job, { sourceBytes, sourceBytes / 200000 + 40, done,
                                               done / 200000 + 10, done / 12 }))
        return 0;
    std::optional<qint64> generationId;
    if (state == Policy::JobState::Succeeded) {
        Catalog::GenerationStore generations(*m_db);
        Catalog::NewGeneration newGeneration;
        newGeneration.serverId = serverId;
        newGeneration.jobId = *job;
        newGeneration.kind = kind;
        newGeneration.plan = plan;
        newGeneration.startMs = start;
        auto generation = generations.create(m_tenant, newGeneration);
        if (!generation
            || !generations.complete(m_tenant, *generation, { end, sourceBytes, sourceBytes / 200000 + 40,
                                                              sourceBytes / 12, u"snap-%1"_s.arg(*job) }))
            return 0;
        if (!generations.setCopy(m_tenant, *generation, { server->region, Catalog::CopyState::Complete, end }))
            return 0;
        if (plan.storage == Policy::Storage::Double) {
            const QString remote = Policy::defaultRegionMatrix().pairOf(server->region);
            const bool recent = daysAgo < 0.5;
            if (!generations.setCopy(m_tenant, *generation,
                                     { remote, recent ? Catalog::CopyState::Copying : Catalog::CopyState::Complete,
                                       recent ? std::nullopt : std::optional<qint64>(end + 3 * 3600000) }))
                return 0;
        }
        generationId = *generation;
    }
    (void)jobs.addEvent(m_tenant, *job, { start, Catalog::EventLevel::Info, u"Backup started by the schedule"_s });
    if (!jobs.finish(m_tenant, *job, state, reason, end, generationId))
        return 0;
    return *job;
}

qint64 DemoServer::addRunningBackup(qint64 serverId, qint64 sourceBytes, double fraction)
{
    auto result = scheduler->requestImmediate(m_tenant, serverId, Policy::JobKind::FileBackup);
    if (!result || result->jobId == 0)
        return 0;
    const qint64 job = result->jobId;
    clock.advanceMs(-600000); // the job started ten minutes ago
    const bool started = bool(scheduler->jobStarted(m_tenant, job));
    clock.advanceMs(600000);
    if (!started || !reportProgress(job, sourceBytes, qint64(double(sourceBytes) * fraction)))
        return 0;
    return job;
}

bool DemoServer::reportProgress(qint64 jobId, qint64 sourceBytes, qint64 bytesDone)
{
    if (!scheduler->jobProgress(m_tenant, jobId, { sourceBytes, sourceBytes / 200000 + 40, bytesDone,
                                                   bytesDone / 200000, bytesDone / 10 }))
        return false;
    events->publishJob(m_tenant, jobId);
    return true;
}

bool DemoServer::addUsage(qint64 serverId, const QString &name, const Policy::Plan &plan, QDate from, QDate to,
                          qint64 bytes, qint64 growthPerDay)
{
    Catalog::UsageStore usage(*m_db);
    for (QDate day = from; day <= to; day = day.addDays(1)) {
        Catalog::UsageSample sample;
        sample.serverId = serverId;
        sample.serverName = name;
        sample.day = day;
        sample.protectedBytes = bytes + growthPerDay * from.daysTo(day);
        sample.storage = plan.storage;
        sample.timing = plan.timing;
        sample.retentionDays = plan.retentionDays;
        if (!usage.record(m_tenant, sample))
            return false;
    }
    return true;
}

bool DemoServer::seedDemoFleet()
{
    using Policy::Content;
    using Policy::JobState;
    using Policy::Storage;
    using Policy::Timing;
    const qint64 web = addServer(u"web-01"_s, u"JP1"_s, demoPlan(Timing::Daily, Storage::Double, 30));
    const qint64 db = addServer(u"db-01"_s, u"JP1"_s, demoPlan(Timing::Weekly, Storage::Local, 365, Content::System),
                                u"rhel"_s, u"9.3"_s, u"m1.large"_s);
    const qint64 app = addServer(u"app-02"_s, u"JP2"_s, demoPlan(Timing::Daily, Storage::Local, 7));
    const qint64 files = addServer(u"files-03"_s, u"US1"_s, demoPlan(Timing::Immediate, Storage::Local, 30),
                                   u"ubuntu"_s, u"24.04"_s, u"s1.small"_s);
    const qint64 edge = addServer(u"edge-sg-04"_s, u"SG1"_s, std::nullopt, u"debian"_s, u"12"_s, u"s1.small"_s);
    const qint64 build = addServer(u"build-05"_s, u"JP4"_s, std::nullopt, u"windows"_s, u"2022"_s, u"m1.xlarge"_s);
    if (!web || !db || !app || !files || !edge || !build)
        return false;
    if (!Catalog::ServerStore(*m_db).setOnline(m_tenant, edge, false, clock.nowMs() - 2 * 3600000))
        return false;
    dispatcher.offline.insert(edge);

    bool ok = true;
    for (int day = 9; day >= 1; --day) {
        ok = ok && addFinishedBackup(web, day + 0.2, JobState::Succeeded, 38 * GiB + day * 700 * 1024 * 1024);
        ok = ok && addFinishedBackup(app, day + 0.3, JobState::Succeeded, 12 * GiB + day * 90 * 1024 * 1024);
    }
    ok = ok && addFinishedBackup(db, 7.1, JobState::Succeeded, 120 * GiB);
    ok = ok && addFinishedBackup(db, 0.1, JobState::Succeeded, 121 * GiB);
    ok = ok && addFinishedBackup(files, 2.4, JobState::Succeeded, 640 * GiB);
    ok = ok && addFinishedBackup(files, 1.4, JobState::Failed, 641 * GiB,
                                 u"agent not connected since 2 hours: connection reset by peer"_s);
    ok = ok && addFinishedBackup(app, 0.2, JobState::Stopped, 12 * GiB, u"stopped by operator"_s);
    ok = ok && addFinishedBackup(web, 0.05, JobState::Succeeded, 45 * GiB);
    ok = ok && addRunningBackup(files, 642 * GiB, 0.37) != 0;
    ok = ok && addRunningBackup(app, 13 * GiB, 0.82) != 0;
    const QDate today = QDateTime::fromMSecsSinceEpoch(clock.nowMs(), Qt::UTC).date();
    const QDate lastMonth = QDate(today.year(), today.month(), 1).addMonths(-1);
    ok = ok && addUsage(web, u"web-01"_s, demoPlan(Timing::Daily, Storage::Double, 30), lastMonth, today, 31 * GiB, GiB / 4);
    ok = ok && addUsage(db, u"db-01"_s, demoPlan(Timing::Weekly, Storage::Local, 365, Content::System), lastMonth,
                        today, 118 * GiB, GiB / 20);
    ok = ok && addUsage(app, u"app-02"_s, demoPlan(Timing::Daily, Storage::Local, 7), lastMonth, today, 11 * GiB, GiB / 30);
    ok = ok && addUsage(files, u"files-03"_s, demoPlan(Timing::Immediate, Storage::Local, 30), lastMonth.addDays(9),
                        today.addDays(-1), 610 * GiB, GiB);
    if (!ok)
        return false;

    Catalog::RegionHealthChange failed { Catalog::RegionState::Failed, u"health-check"_s,
                                         clock.nowMs() - 5 * 3600000, u"storage nodes unreachable"_s };
    return bool(Catalog::RegionStore(*m_db).setState(u"JP4"_s, failed));
}

} // namespace Kura::Test
