// A virtual-time simulation that drives only the policy functions: 1,000 servers with mixed
// plans over 400 days, random immediate requests, random job durations (some longer than a
// day), a daily retention sweep, and plan changes. The simulator keeps what a real server keeps
// (a pruned job history per server and the generations) and checks the invariants of SPEC §3-§5
// with its own bookkeeping, independent of the policy code.
#include "policytestutil.h"

#include <policy/planrules.h>
#include <policy/quota.h>
#include <policy/retention.h>
#include <policy/schedule.h>

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <random>

using namespace Kura;
using namespace Kura::Policy;

namespace {

constexpr int ServerCount = 1000;
constexpr int SimulatedDays = 400;
const QDate FirstDay(2026, 1, 1);

struct Request
{
    qint64 atMs = 0;
    JobTrigger trigger = JobTrigger::Immediate;
};

struct RunningJob
{
    JobRecord record;
    bool succeeds = true;
    Timing timing = Timing::Immediate;
    int retentionDays = 0;
};

struct Totals
{
    qint64 requests = 0;
    qint64 started = 0;
    qint64 refusedQuota = 0;
    qint64 refusedBusy = 0;
    qint64 longJobs = 0;
    qint64 generations = 0;
    qint64 expired = 0;
    qint64 keptPastRetention = 0;
    int largestHistory = 0;
    int largestGenerationCount = 0;
};

class ServerSimulation
{
public:
    ServerSimulation(qint64 id, Totals &totals)
        : m_id(id)
        , m_random(quint64(id) * 7919 + 17)
        , m_totals(totals)
    {
        m_plan = randomPlan();
        m_planChangeDay = chance(0.2) ? int(uniform(1, SimulatedDays - 1)) : -1;
        m_quiet = chance(0.1); // rare requests: retention passes between immediate backups
        noteMenu();
    }

    // Runs the whole simulation; returns an empty string or the first broken invariant.
    QString run()
    {
        for (int dayIndex = 0; dayIndex < SimulatedDays && m_failure.isEmpty(); ++dayIndex) {
            const QDate day = FirstDay.addDays(dayIndex);
            if (dayIndex == m_planChangeDay) {
                m_plan = randomPlan();
                noteMenu();
            }
            for (const Request &request : requestsOn(day))
                handle(request);
            const qint64 midnight = utcDayStartMs(day.addDays(1));
            finishJobsEndingBy(midnight);
            sweep(midnight);
        }
        return m_failure;
    }

private:
    double uniform(double low, double high)
    {
        return std::uniform_real_distribution<double>(low, high)(m_random);
    }
    bool chance(double p) { return uniform(0, 1) < p; }

    Plan randomPlan()
    {
        static const int retentions[] = { 7, 7, 30, 30, 365 };
        const int kind = int(uniform(0, 3));
        const int retention = retentions[int(uniform(0, 5))];
        if (kind == 0)
            return Test::immediatePlan(retention);
        if (kind == 1)
            return Test::dailyPlan(int(uniform(0, DailyWindowCount)), retention);
        return Test::weeklyPlan(int(uniform(1, 8)), int(uniform(0, WeeklyWindowCount)), retention);
    }

    // The bound on kept generations: every (runs per 24 h, retention) pair the server has had
    // contributes its maximum, because the generations taken under it expire by its retention.
    void noteMenu()
    {
        const int key = runsPer24Hours(m_plan.timing) * 10000 + m_plan.retentionDays;
        if (!m_menusUsed.contains(key)) {
            m_menusUsed.insert(key);
            m_generationBound += maxGenerations(m_plan);
        }
    }

    QList<Request> requestsOn(QDate day)
    {
        QList<Request> requests;
        if (const auto start = plannedStart(m_id, m_plan, day))
            requests.append({ *start, JobTrigger::Scheduled });
        const double meanImmediate = m_quiet     ? 0.05
            : m_plan.timing == Timing::Immediate ? 2.5
                                                 : 0.3;
        const int count = std::poisson_distribution<int>(meanImmediate)(m_random);
        const qint64 dayStart = utcDayStartMs(day);
        for (int i = 0; i < count; ++i)
            requests.append(
                { dayStart + qint64(uniform(0, double(MsPerDay))), JobTrigger::Immediate });
        std::sort(requests.begin(), requests.end(),
            [](const Request &a, const Request &b) { return a.atMs < b.atMs; });
        return requests;
    }

    qint64 randomDurationMs()
    {
        const double p = uniform(0, 1);
        if (p < 0.80)
            return qint64(uniform(2, 120) * double(MsPerMinute));
        if (p < 0.96)
            return qint64(uniform(2, 20) * double(MsPerHour));
        ++m_totals.longJobs;
        return qint64(uniform(24, 60) * double(MsPerHour)); // longer than a day
    }

    void handle(const Request &request)
    {
        finishJobsEndingBy(request.atMs);
        ++m_totals.requests;
        const JobKind kind
            = m_plan.content == Content::System ? JobKind::SystemBackup : JobKind::FileBackup;
        const Admission admission
            = admitJob({ kind, request.trigger, request.atMs }, m_plan.timing, m_history);
        if (!admission.allowed) {
            noteRefusal(admission, request);
            return;
        }
        checkStartInvariants(request.atMs);
        const JobRecord record { ++m_nextJobId, kind, request.trigger, JobState::Running,
            request.atMs, -1 };
        m_history.append(record);
        m_running = RunningJob { record, chance(0.9), m_plan.timing, m_plan.retentionDays };
        m_runningEndMs = request.atMs + randomDurationMs();
        m_recentStarts.append(request.atMs);
        ++m_totals.started;
    }

    void noteRefusal(const Admission &admission, const Request &request)
    {
        if (admission.refusal == Refusal::QuotaExhausted) {
            ++m_totals.refusedQuota;
            if (!admission.liftsAtMs || *admission.liftsAtMs <= request.atMs)
                fail(QStringLiteral("quota refusal without a future lift time"));
            return;
        }
        ++m_totals.refusedBusy;
        if (!m_running)
            fail(QStringLiteral("refused as busy while nothing runs: %1")
                     .arg(refusalName(admission.refusal)));
        if (request.trigger == JobTrigger::Scheduled) // SPEC §4: recorded as cancelled, never ran
            m_history.append({ ++m_nextJobId, m_running->record.kind, request.trigger,
                JobState::Cancelled, -1, request.atMs });
    }

    // Independent checks of what the policy just allowed.
    void checkStartInvariants(qint64 startMs)
    {
        if (m_running)
            fail(QStringLiteral("two backups at once at %1").arg(Test::isoOf(startMs)));
        if (startMs < m_lastEndMs)
            fail(QStringLiteral("a backup started before the previous one ended"));
        m_recentStarts.erase(std::remove_if(m_recentStarts.begin(), m_recentStarts.end(),
                                 [&](qint64 s) { return s <= startMs - MsPerDay; }),
            m_recentStarts.end());
        if (m_recentStarts.size() >= runsPer24Hours(m_plan.timing))
            fail(QStringLiteral("over quota: %1 starts in the 24 h before %2")
                     .arg(m_recentStarts.size())
                     .arg(Test::isoOf(startMs)));
    }

    void finishJobsEndingBy(qint64 ms)
    {
        if (!m_running || m_runningEndMs > ms)
            return;
        const RunningJob job = *m_running;
        m_running.reset();
        m_lastEndMs = m_runningEndMs;
        for (JobRecord &record : m_history) {
            if (record.id == job.record.id) {
                record.state = job.succeeds ? JobState::Succeeded : JobState::Failed;
                record.endMs = m_runningEndMs;
            }
        }
        if (!job.succeeds)
            return;
        // The generation is stamped with the start of its backup and the plan it ran under.
        m_generations.append({ job.record.id, job.record.startMs, job.retentionDays, job.timing });
        m_newestGenerationId = job.record.id;
        ++m_totals.generations;
    }

    void fail(const QString &message)
    {
        if (m_failure.isEmpty())
            m_failure = QStringLiteral("server %1: %2").arg(m_id).arg(message);
    }

    // The daily retention sweep, then the retention invariants.
    void sweep(qint64 nowMs)
    {
        m_history = pruneHistory(m_history, nowMs);
        m_totals.largestHistory = std::max(m_totals.largestHistory, int(m_history.size()));
        const QList<RetentionDecision> decisions
            = applyRetention(m_generations, m_plan.timing, nowMs);
        QList<GenerationInfo> kept;
        for (qsizetype i = 0; i < decisions.size(); ++i) {
            const GenerationInfo &generation = m_generations.at(i);
            const bool passed
                = nowMs >= generation.timestampMs + generation.retentionDays * MsPerDay;
            if (decisions.at(i).keep) {
                kept.append(generation);
                if (passed)
                    checkKeptPastRetention(generation);
            } else {
                ++m_totals.expired;
                if (!passed)
                    fail(QStringLiteral("generation %1 expired before its retention")
                             .arg(generation.id));
            }
        }
        m_generations = kept;
        checkKeptGenerations();
    }

    void checkKeptPastRetention(const GenerationInfo &generation)
    {
        ++m_totals.keptPastRetention;
        const bool immediate
            = m_plan.timing == Timing::Immediate || generation.timing == Timing::Immediate;
        if (generation.id != m_newestGenerationId || !immediate)
            fail(QStringLiteral("generation %1 kept past retention without reason")
                     .arg(generation.id));
    }

    void checkKeptGenerations()
    {
        const int count = int(m_generations.size());
        m_totals.largestGenerationCount = std::max(m_totals.largestGenerationCount, count);
        if (count > m_generationBound)
            fail(QStringLiteral("%1 generations kept, more than the maximum %2")
                     .arg(count)
                     .arg(m_generationBound));
        if (m_plan.timing != Timing::Immediate || m_newestGenerationId == 0)
            return;
        const bool newestKept = std::any_of(m_generations.begin(), m_generations.end(),
            [&](const GenerationInfo &g) { return g.id == m_newestGenerationId; });
        if (!newestKept)
            fail(QStringLiteral("the newest generation of an immediate plan was lost"));
    }

    qint64 m_id;
    std::mt19937_64 m_random;
    Totals &m_totals;
    Plan m_plan;
    int m_planChangeDay = -1;
    bool m_quiet = false;
    QSet<int> m_menusUsed;
    int m_generationBound = 0;
    QList<JobRecord> m_history;
    std::optional<RunningJob> m_running;
    qint64 m_runningEndMs = 0;
    qint64 m_lastEndMs = 0;
    qint64 m_nextJobId = 0;
    QList<qint64> m_recentStarts;
    QList<GenerationInfo> m_generations;
    qint64 m_newestGenerationId = 0;
    QString m_failure;
};

} // namespace

class tst_PolicySimulation : public QObject
{
    Q_OBJECT
private slots:
    void thousandServersFourHundredDays();
};

void tst_PolicySimulation::thousandServersFourHundredDays()
{
    QElapsedTimer timer;
    timer.start();
    Totals totals;
    for (qint64 id = 1; id <= ServerCount; ++id) {
        ServerSimulation server(id, totals);
        const QString failure = server.run();
        if (!failure.isEmpty())
            QFAIL(qPrintable(failure));
    }
    qInfo("%lld requests, %lld started (%lld longer than a day), %lld refused by quota, %lld "
          "refused as busy;"
          " %lld generations, %lld expired, %lld kept past retention as newest; largest history %d,"
          " most generations kept %d; %lld ms",
        totals.requests, totals.started, totals.longJobs, totals.refusedQuota, totals.refusedBusy,
        totals.generations, totals.expired, totals.keptPastRetention, totals.largestHistory,
        totals.largestGenerationCount, timer.elapsed());
    // The simulation must have exercised every rule, or its silence proves nothing.
    QVERIFY(totals.refusedQuota > 1000);
    QVERIFY(totals.refusedBusy > 1000);
    QVERIFY(totals.longJobs > 100);
    QVERIFY(totals.expired > 10000);
    QVERIFY(totals.keptPastRetention > 0);
    QVERIFY(totals.largestHistory < 40);
}

QTEST_GUILESS_MAIN(tst_PolicySimulation)
#include "tst_policysimulation.moc"
