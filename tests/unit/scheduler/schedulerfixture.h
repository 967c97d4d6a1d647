#pragma once

// Shared set-up for the scheduler tests: a real SQLite catalog in a temporary folder with one
// tenant, a ManualClock for virtual time, a dispatcher that records the jobs it is handed
// (the test reports jobStarted/jobFinished back, as an agent session would) and a data
// remover that records the snapshots it is asked to forget.
#include <catalog/database.h>
#include <catalog/jobstore.h>
#include <catalog/serverstore.h>
#include <policy/types.h>
#include <scheduler/scheduler.h>
#include <testsupport.h>

#include <QHash>
#include <QList>
#include <QSet>
#include <QTemporaryDir>

#include <memory>

namespace Kura::Test {

// A dispatch as the recording dispatcher saw it, with the virtual time it happened.
struct Dispatched
{
    Scheduler::DispatchRequest request;
    qint64 atMs = 0;
};

class RecordingDispatcher final : public Scheduler::Dispatcher
{
public:
    explicit RecordingDispatcher(const Clock &clock) : m_clock(clock) { }

    bool isConnected(qint64 tenantId, qint64 serverId) const override;
    void dispatch(const Scheduler::DispatchRequest &request) override;
    void stop(qint64 tenantId, qint64 jobId) override;

    // Every server is connected unless set otherwise.
    void setConnected(qint64 serverId, bool connected);

    QList<Dispatched> dispatched;
    QList<qint64> stopRequests;

private:
    const Clock &m_clock;
    QSet<qint64> m_offline;
};

class RecordingRemover final : public Scheduler::DataRemover
{
public:
    explicit RecordingRemover(const Clock &clock) : m_clock(clock) { }
    Status forgetSnapshots(qint64 tenantId, qint64 serverId, const QStringList &snapshotIds) override;

    struct Call
    {
        qint64 serverId = 0;
        QStringList snapshotIds;
        qint64 atMs = 0;
    };
    QList<Call> calls;
    QStringList forgotten() const;

private:
    const Clock &m_clock;
};

class SchedulerFixture
{
public:
    // Opens a fresh catalog with tenant "alpha" at the ManualClock's default start
    // (2026-01-01T00:00:00Z, a Thursday). Check ok() afterwards.
    SchedulerFixture();

    bool ok() const { return m_db != nullptr; }
    Catalog::Database &db() { return *m_db; }
    qint64 tenant() const { return m_tenant; }

    // Creates a server in region JP1; protects it with `plan` unless it is nullopt. 0 on error.
    qint64 addServer(const QString &name, const std::optional<Policy::Plan> &plan);
    static Policy::Plan dailyPlan(int window, int retentionDays = 30);
    static Policy::Plan weeklyPlan(int weekday, int window, int retentionDays = 30);
    static Policy::Plan immediatePlan(int retentionDays = 7);

    // The dispatcher's answers: job started now / finished now.
    bool start(qint64 jobId);
    bool finish(qint64 jobId, Policy::JobState state, const QString &reason = QString(),
                const QString &snapshotId = QString());
    // Requests an immediate backup and, when admitted, reports it started. The job id or 0.
    qint64 runImmediate(qint64 serverId);

    Catalog::JobRecord job(qint64 jobId);
    QList<Catalog::JobRecord> jobsOf(qint64 serverId); // oldest first

    ManualClock clock;
    RecordingDispatcher dispatcher { clock };
    RecordingRemover remover { clock };
    std::unique_ptr<Scheduler::Scheduler> scheduler;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Catalog::Database> m_db;
    qint64 m_tenant = 0;
};

// 2026-01-01T00:00:00Z + days + hours, in UTC milliseconds.
qint64 utcMs(int day, double hours = 0);

} // namespace Kura::Test
