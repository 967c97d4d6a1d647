#include "schedulerfixture.h"

#include <catalog/generationstore.h>
#include <policy/retention.h>
#include <policy/schedule.h>

#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;
using namespace Kura;
using Kura::Policy::JobState;
using Kura::Test::utcMs;

// Virtual-time run of the whole scheduler over a real catalog: mixed plans, random durations
// (some longer than a day), random immediate requests and agents that are offline on some
// days. The invariants are then checked from what the catalog recorded.
class tst_SchedulerSimulation : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void invariantsHoldOverSixtyDays();

private:
    struct SimServer
    {
        qint64 id = 0;
        Policy::Plan plan;
        QSet<int> offlineDays; // whole UTC days (0 = 2026-01-01) the agent is away
        double requestsPerDay = 0;
    };
    struct RunningJob
    {
        qint64 jobId = 0;
        qint64 endMs = 0;
        bool fails = false;
    };

    void setUpServers();
    qint64 randomDurationMs();
    void startDispatched(qsizetype from);
    void finishDue();
    // Whether to tick at this step: a planned start was reached since the previous step, or
    // the periodic tick (overdue check, retention sweep) is due. Ticking only then keeps the
    // run fast; when a tick happens it sees everything a tick at every step would see.
    bool tickDue();
    void checkQuotaAndOverlap(const SimServer &server, const QList<Catalog::JobRecord> &jobs);
    void checkScheduledRuns(const SimServer &server, const QList<Catalog::JobRecord> &jobs);
    void checkRetention(const SimServer &server, const QList<Catalog::JobRecord> &jobs);
    static bool refusalWasRight(const Catalog::JobRecord &run, const QList<Catalog::JobRecord> &jobs);

    static constexpr int ServerCount = 50;
    static constexpr int Days = 60;
    // Coarser than a minute but finer than PlannedStartMarginMs, so every planned start is
    // reached inside its window.
    static constexpr qint64 StepMs = 20 * Policy::MsPerMinute;
    static constexpr qint64 PeriodicTickMs = 2 * Policy::MsPerHour;
    // Job execution is suppressed (SPEC §12) for two and a half days in the middle of the run.
    static inline const qint64 SuppressedFromMs = utcMs(30, 6);
    static inline const qint64 SuppressedUntilMs = utcMs(32, 18);

    std::unique_ptr<Test::SchedulerFixture> m_f;
    QRandomGenerator m_random { 20260101 };
    QList<SimServer> m_servers;
    QList<RunningJob> m_running;
    QHash<QString, qint64> m_snapshotServer;
    int m_requests = 0;
    int m_onlineWindows = 0;
    int m_ranWindows = 0;
    int m_heldWindows = 0;
};

void tst_SchedulerSimulation::initTestCase()
{
    m_f = std::make_unique<Test::SchedulerFixture>();
    QVERIFY(m_f->ok());
    setUpServers();
}

void tst_SchedulerSimulation::setUpServers()
{
    const int retentions[] = { 7, 30, 365 };
    for (int i = 0; i < ServerCount; ++i) {
        SimServer server;
        const int retention = retentions[m_random.bounded(3)];
        switch (i % 5) {
        case 0:
        case 1:
            server.plan = Test::SchedulerFixture::dailyPlan(m_random.bounded(8), retention);
            server.requestsPerDay = 0.3;
            break;
        case 2:
            server.plan = Test::SchedulerFixture::weeklyPlan(1 + m_random.bounded(7), m_random.bounded(3), retention);
            server.requestsPerDay = 0.3;
            break;
        default:
            server.plan = Test::SchedulerFixture::immediatePlan(retention);
            server.requestsPerDay = 2;
            break;
        }
        for (int day = 0; day < Days; ++day)
            if (m_random.bounded(100) < 5)
                server.offlineDays.insert(day);
        server.id = m_f->addServer(u"server-%1"_s.arg(i, 2, 10, QLatin1Char('0')), server.plan);
        QVERIFY(server.id > 0);
        m_servers << server;
    }
}

qint64 tst_SchedulerSimulation::randomDurationMs()
{
    const int kind = m_random.bounded(100);
    if (kind < 90)
        return (5 + m_random.bounded(175)) * Policy::MsPerMinute;          // 5 min .. 3 h
    if (kind < 97)
        return (3 * 60 + m_random.bounded(17 * 60)) * Policy::MsPerMinute; // 3 h .. 20 h
    return (24 * 60 + m_random.bounded(6 * 60)) * Policy::MsPerMinute;    // longer than a day
}

void tst_SchedulerSimulation::startDispatched(qsizetype from)
{
    for (qsizetype i = from; i < m_f->dispatcher.dispatched.size(); ++i) {
        const qint64 jobId = m_f->dispatcher.dispatched.at(i).request.jobId;
        QVERIFY(m_f->start(jobId));
        m_running << RunningJob { jobId, m_f->clock.nowMs() + randomDurationMs(), m_random.bounded(100) < 5 };
    }
}

void tst_SchedulerSimulation::finishDue()
{
    const qint64 now = m_f->clock.nowMs();
    for (qsizetype i = 0; i < m_running.size();) {
        const RunningJob job = m_running.at(i);
        if (job.endMs > now) {
            ++i;
            continue;
        }
        m_running.removeAt(i);
        const QString snapshot = u"snap-%1"_s.arg(job.jobId);
        QVERIFY(m_f->finish(job.jobId, job.fails ? JobState::Failed : JobState::Succeeded,
                            job.fails ? u"simulated failure"_s : QString(), snapshot));
    }
}

bool tst_SchedulerSimulation::tickDue()
{
    const qint64 now = m_f->clock.nowMs();
    const qint64 previous = now - StepMs;
    if (now % PeriodicTickMs < StepMs)
        return true;
    for (const SimServer &server : std::as_const(m_servers)) {
        if (server.plan.timing == Policy::Timing::Immediate)
            continue;
        const auto planned = Policy::plannedStart(server.id, server.plan, Policy::utcDate(now));
        if (planned && *planned > previous && *planned <= now)
            return true;
    }
    return false;
}

void tst_SchedulerSimulation::invariantsHoldOverSixtyDays()
{
    QElapsedTimer timer;
    timer.start();
    const qint64 endMs = utcMs(Days);
    int today = -1;
    while (m_f->clock.nowMs() < endMs) {
        const int day = int((m_f->clock.nowMs() - utcMs(0)) / Policy::MsPerDay);
        if (day != today) {
            today = day;
            for (const SimServer &server : std::as_const(m_servers))
                m_f->dispatcher.setConnected(server.id, !server.offlineDays.contains(day));
        }
        const bool suppress = m_f->clock.nowMs() >= SuppressedFromMs && m_f->clock.nowMs() < SuppressedUntilMs;
        if (suppress != m_f->scheduler->isSuppressed())
            m_f->scheduler->setSuppressed(suppress, suppress ? u"disaster recovery drill"_s : QString());
        finishDue();
        qsizetype before = m_f->dispatcher.dispatched.size();
        if (tickDue()) {
            QVERIFY_RESULT(m_f->scheduler->tick());
            startDispatched(before);
        }
        for (const SimServer &server : std::as_const(m_servers)) {
            if (m_random.generateDouble() >= server.requestsPerDay * StepMs / Policy::MsPerDay)
                continue;
            ++m_requests;
            before = m_f->dispatcher.dispatched.size();
            auto result = m_f->scheduler->requestImmediate(m_f->tenant(), server.id, Policy::JobKind::FileBackup);
            if (suppress) {
                QVERIFY(!result);
                QCOMPARE(result.error().code(), ErrorCode::Conflict);
                continue;
            }
            QVERIFY_RESULT(result);
            startDispatched(before);
        }
        m_f->clock.advanceMs(StepMs);
    }
    qInfo("simulated %d days, %d servers: %lld jobs dispatched, %d immediate requests, %lld snapshots forgotten, "
          "in %lld ms",
          Days, ServerCount, qint64(m_f->dispatcher.dispatched.size()), m_requests,
          qint64(m_f->remover.forgotten().size()), timer.elapsed());

    for (const SimServer &server : std::as_const(m_servers)) {
        const QList<Catalog::JobRecord> jobs = m_f->jobsOf(server.id);
        checkQuotaAndOverlap(server, jobs);
        checkScheduledRuns(server, jobs);
        checkRetention(server, jobs);
        if (QTest::currentTestFailed())
            return;
    }
    // Nearly every window of an online agent ran; the others were refused for a reason above.
    qInfo("scheduled windows of online agents: %d, ran: %d; held and run after suppression: %d", m_onlineWindows,
          m_ranWindows, m_heldWindows);
    QVERIFY(m_heldWindows >= 15);
    QVERIFY(m_onlineWindows > 1000);
    QVERIFY(m_ranWindows * 100 >= m_onlineWindows * 90);
}

// Never more backup starts in any sliding 24 h than the plan's quota; never two backups of
// the server at once.
void tst_SchedulerSimulation::checkQuotaAndOverlap(const SimServer &server, const QList<Catalog::JobRecord> &jobs)
{
    QList<Catalog::JobRecord> started;
    for (const Catalog::JobRecord &job : jobs)
        if (job.startMs)
            started << job;
    std::sort(started.begin(), started.end(),
              [](const Catalog::JobRecord &a, const Catalog::JobRecord &b) { return *a.startMs < *b.startMs; });
    const int limit = Policy::runsPer24Hours(server.plan.timing);
    for (qsizetype i = 0; i < started.size(); ++i) {
        int inWindow = 0;
        for (qsizetype j = i; j >= 0 && *started.at(j).startMs > *started.at(i).startMs - Policy::MsPerDay; --j)
            ++inWindow;
        QVERIFY2(inWindow <= limit, qPrintable(u"server %1: %2 starts in the 24 h up to job %3"_s.arg(server.id)
                                                   .arg(inWindow).arg(started.at(i).id)));
        if (i == 0)
            continue;
        const Catalog::JobRecord &previous = started.at(i - 1);
        QVERIFY2(previous.endMs && *previous.endMs <= *started.at(i).startMs,
                 qPrintable(u"server %1: job %2 started while job %3 ran"_s.arg(server.id).arg(started.at(i).id)
                                .arg(previous.id)));
    }
}

// One decision per window: offline days are recorded as failed, the others ran unless the
// previous backup still ran or the quota was used up (checked against the recorded jobs).
void tst_SchedulerSimulation::checkScheduledRuns(const SimServer &server, const QList<Catalog::JobRecord> &jobs)
{
    if (server.plan.timing == Policy::Timing::Immediate) {
        for (const Catalog::JobRecord &job : jobs)
            QCOMPARE(job.trigger, Policy::JobTrigger::Immediate);
        return;
    }
    std::map<int, QList<Catalog::JobRecord>> scheduledByDay;
    for (const Catalog::JobRecord &job : jobs)
        if (job.trigger == Policy::JobTrigger::Scheduled)
            scheduledByDay[int((job.queuedMs - utcMs(0)) / Policy::MsPerDay)] << job;
    int onlineWindows = 0;
    int ran = 0;
    for (int day = 0; day < Days; ++day) {
        const QDate date = Policy::utcDate(utcMs(day));
        const auto window = Policy::windowFor(server.plan, date);
        const QList<Catalog::JobRecord> decided = scheduledByDay[day];
        if (!window) {
            QVERIFY(decided.isEmpty());
            continue;
        }
        QVERIFY2(decided.size() == 1, qPrintable(u"server %1 day %2: %3 scheduled runs"_s.arg(server.id).arg(day)
                                                     .arg(decided.size())));
        const Catalog::JobRecord &job = decided.first();
        QVERIFY(window->contains(job.queuedMs));
        QVERIFY(job.queuedMs >= *Policy::plannedStart(server.id, server.plan, date));
        if (job.queuedMs >= SuppressedFromMs && job.queuedMs < SuppressedUntilMs) {
            // Held: started after the release, cancelled then because the agent was away, or
            // cancelled because a run held earlier was waiting.
            const bool startedAfter = job.startMs && *job.startMs >= SuppressedUntilMs;
            const bool failedAtRelease = job.state == JobState::Cancelled && job.endMs == SuppressedUntilMs
                && job.reason.startsWith(u"cancelled: agent not connected"_s);
            const bool cancelled = job.state == JobState::Cancelled && refusalWasRight(job, jobs);
            QVERIFY2(startedAfter || failedAtRelease || cancelled,
                     qPrintable(u"server %1 day %2: %3 %4"_s.arg(server.id).arg(day)
                                    .arg(Policy::jobStateName(job.state), job.reason)));
            m_heldWindows += startedAfter ? 1 : 0;
            continue;
        }
        if (server.offlineDays.contains(day)) {
            QCOMPARE(job.state, JobState::Failed);
            QVERIFY(job.reason.startsWith(u"agent not connected since"_s));
            continue;
        }
        ++onlineWindows;
        if (job.startMs) {
            ++ran;
            QVERIFY(window->contains(*job.startMs));
        } else {
            QCOMPARE(job.state, JobState::Cancelled);
            QVERIFY2(refusalWasRight(job, jobs), qPrintable(u"server %1 day %2: %3"_s.arg(server.id).arg(day)
                                                                .arg(job.reason)));
        }
    }
    m_onlineWindows += onlineWindows;
    m_ranWindows += ran;
}

// A cancelled scheduled run: either another backup of the server was running (or held) at
// that moment, or 3 backups had started in the 24 h before it.
bool tst_SchedulerSimulation::refusalWasRight(const Catalog::JobRecord &run, const QList<Catalog::JobRecord> &jobs)
{
    const qint64 at = run.queuedMs;
    if (run.reason == u"cancelled: previous backup still running"_s) {
        // A job occupies the server from its queueing (a held job long before it starts).
        return std::any_of(jobs.cbegin(), jobs.cend(), [&run, at](const Catalog::JobRecord &job) {
            return job.id != run.id && job.queuedMs <= at && (!job.endMs || *job.endMs > at);
        });
    }
    if (!run.reason.startsWith(u"cancelled: quota of 3 backups"_s))
        return false;
    const auto counted = std::count_if(jobs.cbegin(), jobs.cend(), [at](const Catalog::JobRecord &job) {
        return job.startMs && *job.startMs <= at && *job.startMs > at - Policy::MsPerDay;
    });
    return counted >= 3;
}

// Forgotten generations had reached their retention; the catalog keeps every generation still
// within it, the newest one of an immediate plan, and never more than the plan's maximum.
void tst_SchedulerSimulation::checkRetention(const SimServer &server, const QList<Catalog::JobRecord> &jobs)
{
    QHash<QString, qint64> forgottenAt;
    for (const Test::RecordingRemover::Call &call : std::as_const(m_f->remover.calls)) {
        if (call.serverId != server.id)
            continue;
        for (const QString &snapshot : call.snapshotIds)
            forgottenAt.insert(snapshot, call.atMs);
    }
    auto generations = Catalog::GenerationStore(m_f->db()).listForServer(m_f->tenant(), server.id);
    QVERIFY_RESULT(generations);
    QSet<qint64> keptJobs;
    for (const Catalog::GenerationRecord &g : std::as_const(*generations))
        keptJobs.insert(g.jobId.value_or(0));
    QVERIFY(generations->size() <= Policy::maxGenerations(server.plan));

    qint64 newestSuccess = 0;
    for (const Catalog::JobRecord &job : jobs) {
        if (job.state != JobState::Succeeded)
            continue;
        newestSuccess = job.id;
        const QString snapshot = u"snap-%1"_s.arg(job.id);
        const qint64 retentionEnds = *job.startMs + server.plan.retentionDays * Policy::MsPerDay;
        if (forgottenAt.contains(snapshot)) {
            QVERIFY2(forgottenAt.value(snapshot) >= retentionEnds, qPrintable(snapshot));
            QVERIFY(!keptJobs.contains(job.id));
        } else {
            QVERIFY2(keptJobs.contains(job.id), qPrintable(snapshot));
        }
        if (m_f->clock.nowMs() < retentionEnds)
            QVERIFY2(keptJobs.contains(job.id), qPrintable(snapshot));
    }
    if (server.plan.timing == Policy::Timing::Immediate && newestSuccess)
        QVERIFY(keptJobs.contains(newestSuccess));
}

QTEST_GUILESS_MAIN(tst_SchedulerSimulation)
#include "tst_schedulersimulation.moc"
