#include "catalogfixture.h"

using namespace Qt::StringLiterals;

namespace Kura::Test {

CatalogFixture::CatalogFixture()
{
    Catalog::DatabaseOptions options;
    options.name = path();
    auto db = Catalog::Database::open(options);
    if (!db) {
        qWarning("cannot open test catalog: %s", qPrintable(db.error().toString()));
        return;
    }
    Catalog::TenantStore tenants(**db);
    auto alpha = tenants.create(u"alpha"_s, 1);
    auto beta = tenants.create(u"beta"_s, 1);
    if (!alpha || !beta)
        return;
    m_alpha = *alpha;
    m_beta = *beta;
    m_db = std::move(*db);
}

qint64 CatalogFixture::addServer(qint64 tenantId, const QString &name, qint64 nowMs)
{
    Catalog::NewServer server;
    server.name = name;
    server.agentId = u"%1-%2"_s.arg(tenantId).arg(name);
    server.agentSecretHash = u"hash-of-"_s + name;
    server.region = u"JP1"_s;
    server.facts = { name + u".example"_s, u"debian"_s, u"12"_s, u"x86_64"_s, u"m1.small"_s,
        u"0.1.0"_s, { u"10.0.0.1"_s } };
    auto id = Catalog::ServerStore(*m_db).create(tenantId, server, nowMs);
    if (!id)
        qWarning("addServer: %s", qPrintable(id.error().toString()));
    return id.value_or(0);
}

Policy::Plan CatalogFixture::plan(Policy::Timing timing)
{
    Policy::Plan plan;
    plan.timing = timing;
    plan.dailyWindow = 1;
    plan.weekday = 3;
    plan.weeklyWindow = 2;
    plan.retentionDays = 30;
    return plan;
}

bool CatalogFixture::protect(qint64 tenantId, qint64 serverId, Policy::Timing timing, qint64 nowMs)
{
    auto done = Catalog::ServerStore(*m_db).protect(tenantId, serverId, plan(timing), nowMs);
    if (!done)
        qWarning("protect: %s", qPrintable(done.error().toString()));
    return bool(done);
}

qint64 CatalogFixture::addJob(qint64 tenantId, qint64 serverId, qint64 queuedMs,
    Policy::JobState state, Policy::JobKind kind, qint64 durationMs)
{
    using Policy::JobState;
    Catalog::JobStore jobs(*m_db);
    Catalog::NewJob job;
    job.serverId = serverId;
    job.kind = kind;
    job.trigger = Policy::JobTrigger::Scheduled;
    job.planSummary = u"local/daily 03-06/30d/files"_s;
    job.queuedMs = queuedMs;
    if (state == JobState::Cancelled)
        job.state = state;
    auto id = jobs.create(tenantId, job);
    if (!id) {
        qWarning("addJob: %s", qPrintable(id.error().toString()));
        return 0;
    }
    if (state == JobState::Queued || state == JobState::Cancelled)
        return *id;
    if (!jobs.markRunning(tenantId, *id, queuedMs + 1000))
        return 0;
    if (state == JobState::Running)
        return *id;
    if (!jobs.finish(tenantId, *id, state, state == JobState::Failed ? u"disk full"_s : QString(),
            queuedMs + 1000 + durationMs))
        return 0;
    return *id;
}

} // namespace Kura::Test
