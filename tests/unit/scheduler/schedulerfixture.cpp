#include "schedulerfixture.h"

#include <catalog/tenantstore.h>

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Kura::Test {

bool RecordingDispatcher::isConnected(qint64, qint64 serverId) const
{
    return !m_offline.contains(serverId);
}

void RecordingDispatcher::dispatch(const Scheduler::DispatchRequest &request)
{
    dispatched.append({ request, m_clock.nowMs() });
}

void RecordingDispatcher::stop(qint64, qint64 jobId)
{
    stopRequests.append(jobId);
}

void RecordingDispatcher::setConnected(qint64 serverId, bool connected)
{
    if (connected)
        m_offline.remove(serverId);
    else
        m_offline.insert(serverId);
}

Status RecordingRemover::forgetSnapshots(qint64, qint64 serverId, const QStringList &snapshotIds)
{
    calls.append({ serverId, snapshotIds, m_clock.nowMs() });
    return {};
}

QStringList RecordingRemover::forgotten() const
{
    QStringList all;
    for (const Call &call : calls)
        all << call.snapshotIds;
    std::sort(all.begin(), all.end());
    return all;
}

SchedulerFixture::SchedulerFixture()
{
    Catalog::DatabaseOptions options;
    options.name = m_dir.filePath(u"catalog.sqlite"_s);
    auto db = Catalog::Database::open(options);
    if (!db) {
        qWarning("cannot open test catalog: %s", qPrintable(db.error().toString()));
        return;
    }
    auto tenant = Catalog::TenantStore(**db).create(u"alpha"_s, clock.nowMs());
    if (!tenant) {
        qWarning("cannot create tenant: %s", qPrintable(tenant.error().toString()));
        return;
    }
    // Durability is of no interest in a temporary test catalog: without a sync per commit the
    // virtual-time runs are bound by CPU, not by the disk.
    auto connection = (*db)->connection();
    if (!connection || connection->exec(u"PRAGMA synchronous = OFF"_s).lastError().isValid()) {
        qWarning("cannot turn off synchronous commits of the test catalog");
        return;
    }
    m_tenant = *tenant;
    m_db = std::move(*db);
    scheduler = std::make_unique<Scheduler::Scheduler>(*m_db, clock, dispatcher, remover);
}

qint64 SchedulerFixture::addServer(const QString &name, const std::optional<Policy::Plan> &plan)
{
    Catalog::NewServer server;
    server.name = name;
    server.agentId = u"agent-"_s + name;
    server.agentSecretHash = u"hash-of-"_s + name;
    server.region = u"JP1"_s;
    server.facts = { name + u".example"_s, u"debian"_s, u"12"_s, u"x86_64"_s, u"m1.small"_s, u"0.1.0"_s,
                     { u"10.0.0.1"_s } };
    Catalog::ServerStore servers(*m_db);
    auto id = servers.create(m_tenant, server, clock.nowMs());
    if (!id) {
        qWarning("addServer: %s", qPrintable(id.error().toString()));
        return 0;
    }
    if (!servers.setOnline(m_tenant, *id, true, clock.nowMs()))
        return 0;
    if (plan) {
        auto done = servers.protect(m_tenant, *id, *plan, clock.nowMs());
        if (!done) {
            qWarning("protect: %s", qPrintable(done.error().toString()));
            return 0;
        }
    }
    return *id;
}

Policy::Plan SchedulerFixture::dailyPlan(int window, int retentionDays)
{
    Policy::Plan plan;
    plan.timing = Policy::Timing::Daily;
    plan.dailyWindow = window;
    plan.retentionDays = retentionDays;
    return plan;
}

Policy::Plan SchedulerFixture::weeklyPlan(int weekday, int window, int retentionDays)
{
    Policy::Plan plan;
    plan.timing = Policy::Timing::Weekly;
    plan.weekday = weekday;
    plan.weeklyWindow = window;
    plan.retentionDays = retentionDays;
    return plan;
}

Policy::Plan SchedulerFixture::immediatePlan(int retentionDays)
{
    Policy::Plan plan;
    plan.timing = Policy::Timing::Immediate;
    plan.retentionDays = retentionDays;
    return plan;
}

bool SchedulerFixture::start(qint64 jobId)
{
    const Status done = scheduler->jobStarted(m_tenant, jobId);
    if (!done)
        qWarning("jobStarted %lld: %s", jobId, qPrintable(done.error().toString()));
    return bool(done);
}

bool SchedulerFixture::finish(qint64 jobId, Policy::JobState state, const QString &reason, const QString &snapshotId)
{
    Scheduler::FinishedJob outcome;
    outcome.state = state;
    outcome.reason = reason;
    outcome.sourceBytes = 1000;
    outcome.files = 10;
    outcome.newBytes = 100;
    outcome.snapshotId = snapshotId.isEmpty() ? u"snap-%1"_s.arg(jobId) : snapshotId;
    const Status done = scheduler->jobFinished(m_tenant, jobId, outcome);
    if (!done)
        qWarning("jobFinished %lld: %s", jobId, qPrintable(done.error().toString()));
    return bool(done);
}

qint64 SchedulerFixture::runImmediate(qint64 serverId)
{
    auto result = scheduler->requestImmediate(m_tenant, serverId, Policy::JobKind::FileBackup);
    if (!result) {
        qWarning("requestImmediate: %s", qPrintable(result.error().toString()));
        return 0;
    }
    if (!result->jobId || !result->admission.allowed)
        return 0;
    return start(result->jobId) ? result->jobId : 0;
}

Catalog::JobRecord SchedulerFixture::job(qint64 jobId)
{
    auto record = Catalog::JobStore(*m_db).job(m_tenant, jobId);
    if (!record)
        qWarning("job %lld: %s", jobId, qPrintable(record.error().toString()));
    return record.value_or(Catalog::JobRecord {});
}

QList<Catalog::JobRecord> SchedulerFixture::jobsOf(qint64 serverId)
{
    auto jobs = Catalog::JobStore(*m_db).jobsSince(m_tenant, serverId, 0);
    if (!jobs)
        qWarning("jobsSince: %s", qPrintable(jobs.error().toString()));
    return jobs.value_or(QList<Catalog::JobRecord> {});
}

qint64 utcMs(int day, double hours)
{
    return ManualClock().nowMs() + qint64(day) * 86400000 + qint64(hours * 3600000.0);
}

} // namespace Kura::Test
