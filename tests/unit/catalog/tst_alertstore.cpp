#include "catalogfixture.h"

#include <catalog/alertstore.h>
#include <catalog/generationstore.h>
#include <catalog/overdue.h>
#include <catalog/regionstore.h>
#include <catalog/replicationlag.h>
#include <catalog/serverstore.h>
#include <testsupport.h>

#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Catalog;
using Kura::Policy::JobState;
using Kura::Policy::Timing;

namespace {
constexpr qint64 HourMs = 3600 * 1000;
constexpr qint64 DayMs = 24 * HourMs;
constexpr qint64 T0 = 1767225600000; // 2026-01-01T00:00:00Z
} // namespace

class tst_AlertStore : public QObject {
    Q_OBJECT
private slots:
    void init();
    void raiseIsIdempotentPerKindAndSubject();
    void acknowledgeAndResolve();
    void raisesAgainAfterResolve();
    void rejectsEmptySubject();
    void listsActiveAndAll();
    void deadline_data();
    void deadline();
    void overdueCheckRaisesAndResolves();
    void overdueIgnoresImmediateAndUnprotected();
    void overdueCountsFromPlanChange();
    void failedJobRaisesOneAlertPerServer();
    void replicationLag_data();
    void replicationLag();
    void regionReplicationCountsTheCopiesWaitingForEachRegion();

private:
    std::unique_ptr<Test::CatalogFixture> m_f;
    qint64 m_server = 0;
};

void tst_AlertStore::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s)); // stray warnings fail the test
    m_f = std::make_unique<Test::CatalogFixture>();
    QVERIFY(m_f->ok());
    m_server = m_f->addServer(m_f->alpha(), u"web"_s);
    QVERIFY(m_server > 0);
}

void tst_AlertStore::raiseIsIdempotentPerKindAndSubject()
{
    AlertStore alerts(m_f->db());
    auto first = alerts.raise(
        m_f->alpha(), { AlertKind::JobFailed, m_server, serverSubject(m_server), u"job 1"_s, 10 });
    QVERIFY_RESULT(first);
    QVERIFY(first->created);
    auto second = alerts.raise(
        m_f->alpha(), { AlertKind::JobFailed, m_server, serverSubject(m_server), u"job 2"_s, 20 });
    QVERIFY_RESULT(second);
    QVERIFY(!second->created);
    QCOMPARE(second->id, first->id);
    QCOMPARE(alerts.alert(m_f->alpha(), first->id)->details, u"job 1"_s);
    auto otherKind = alerts.raise(
        m_f->alpha(), { AlertKind::Overdue, m_server, serverSubject(m_server), {}, 30 });
    QVERIFY(otherKind->created);
    auto region = alerts.raise(
        m_f->alpha(), { AlertKind::RegionFailed, std::nullopt, regionSubject(u"JP1"_s), {}, 40 });
    QVERIFY(region->created);
    QVERIFY(!alerts.alert(m_f->alpha(), region->id)->serverId);
    QCOMPARE(alerts.listActive(m_f->alpha())->size(), 3);
}

void tst_AlertStore::acknowledgeAndResolve()
{
    AlertStore alerts(m_f->db());
    const qint64 id
        = alerts
              .raise(m_f->alpha(),
                  { AlertKind::ReplicationLag, m_server, serverSubject(m_server), {}, 10 })
              ->id;
    QVERIFY_RESULT(alerts.acknowledge(m_f->alpha(), id, u"admin"_s, 20));
    auto acked = alerts.alert(m_f->alpha(), id);
    QCOMPARE(acked->state, AlertState::Acknowledged);
    QCOMPARE(acked->acknowledgedBy, u"admin"_s);
    QCOMPARE(acked->acknowledgedMs, 20);
    QCOMPARE(
        alerts.acknowledge(m_f->alpha(), id, u"admin"_s, 21).error().code(), ErrorCode::Conflict);
    // Acknowledged is still active: raising again returns it.
    QVERIFY(!alerts
                 .raise(m_f->alpha(),
                     { AlertKind::ReplicationLag, m_server, serverSubject(m_server), {}, 25 })
                 ->created);
    QVERIFY_RESULT(alerts.resolve(m_f->alpha(), id, 30));
    QCOMPARE(alerts.alert(m_f->alpha(), id)->state, AlertState::Resolved);
    QCOMPARE(alerts.alert(m_f->alpha(), id)->resolvedMs, 30);
    QCOMPARE(alerts.resolve(m_f->alpha(), id, 31).error().code(), ErrorCode::Conflict);
    QCOMPARE(
        alerts.acknowledge(m_f->alpha(), id, u"admin"_s, 32).error().code(), ErrorCode::Conflict);
    QCOMPARE(alerts.resolve(m_f->alpha(), 4242, 31).error().code(), ErrorCode::NotFound);
    QCOMPARE(alerts.acknowledge(m_f->alpha(), id, QString(), 31).error().code(),
        ErrorCode::InvalidArgument);
}

void tst_AlertStore::raisesAgainAfterResolve()
{
    AlertStore alerts(m_f->db());
    const NewAlert alert { AlertKind::ScheduledRefused, m_server, serverSubject(m_server),
        u"quota"_s, 10 };
    const qint64 first = alerts.raise(m_f->alpha(), alert)->id;
    auto resolved = alerts.resolveActive(
        m_f->alpha(), AlertKind::ScheduledRefused, serverSubject(m_server), 20);
    QCOMPARE(*resolved, 1);
    QCOMPARE(*alerts.resolveActive(
                 m_f->alpha(), AlertKind::ScheduledRefused, serverSubject(m_server), 21),
        0);
    auto again = alerts.raise(m_f->alpha(), alert);
    QVERIFY(again->created);
    QVERIFY(again->id != first);
}

void tst_AlertStore::rejectsEmptySubject()
{
    auto refused = AlertStore(m_f->db()).raise(
        m_f->alpha(), { AlertKind::JobFailed, m_server, QString(), {}, 1 });
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), ErrorCode::InvalidArgument);
}

void tst_AlertStore::listsActiveAndAll()
{
    AlertStore alerts(m_f->db());
    const qint64 a = alerts
                         .raise(m_f->alpha(),
                             { AlertKind::JobFailed, m_server, serverSubject(m_server), {}, 10 })
                         ->id;
    const qint64 b = alerts
                         .raise(m_f->alpha(),
                             { AlertKind::Overdue, m_server, serverSubject(m_server), {}, 20 })
                         ->id;
    QVERIFY_RESULT(alerts.resolve(m_f->alpha(), a, 30));
    auto active = alerts.listActive(m_f->alpha());
    QCOMPARE(active->size(), 1);
    QCOMPARE(active->at(0).id, b);
    auto all = alerts.listAll(m_f->alpha(), 10);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).id, b); // newest first
    QCOMPARE(alerts.listAll(m_f->alpha(), 1)->size(), 1);
}

void tst_AlertStore::deadline_data()
{
    QTest::addColumn<Timing>("timing");
    QTest::addColumn<qint64>("lastSuccess"); // -1: never
    QTest::addColumn<qint64>("since");
    QTest::addColumn<qint64>("expected"); // -1: never overdue
    const qint64 grace = DefaultOverdueGraceMs;
    QTest::newRow("daily after success") << Timing::Daily << T0 << T0 - DayMs << T0 + DayMs + grace;
    QTest::newRow("weekly after success")
        << Timing::Weekly << T0 << T0 - DayMs << T0 + 7 * DayMs + grace;
    QTest::newRow("daily, never succeeded")
        << Timing::Daily << qint64(-1) << T0 << T0 + DayMs + grace;
    QTest::newRow("plan changed after last success")
        << Timing::Daily << T0 << T0 + 3 * DayMs << T0 + 4 * DayMs + grace;
    QTest::newRow("immediate is never overdue") << Timing::Immediate << T0 << T0 << qint64(-1);
}

void tst_AlertStore::deadline()
{
    QFETCH(Timing, timing);
    QFETCH(qint64, lastSuccess);
    QFETCH(qint64, since);
    QFETCH(qint64, expected);
    const auto deadline = overdueDeadlineMs(
        timing, lastSuccess < 0 ? std::nullopt : std::optional(lastSuccess), since);
    QCOMPARE(deadline.value_or(-1), expected);
}

void tst_AlertStore::overdueCheckRaisesAndResolves()
{
    QVERIFY(m_f->protect(m_f->alpha(), m_server, Timing::Daily, T0));
    const qint64 deadline = T0 + DayMs + DefaultOverdueGraceMs;
    auto atDeadline = checkOverdue(m_f->db(), m_f->alpha(), deadline);
    QVERIFY_RESULT(atDeadline);
    QCOMPARE(atDeadline->size(), 0); // exactly at the deadline: not yet
    auto late = checkOverdue(m_f->db(), m_f->alpha(), deadline + 1);
    QVERIFY_RESULT(late);
    QCOMPARE(late->size(), 1);
    QCOMPARE(late->at(0).serverId, m_server);
    QVERIFY(!late->at(0).lastSuccessMs);
    auto active = AlertStore(m_f->db()).listActive(m_f->alpha());
    QCOMPARE(active->size(), 1);
    QCOMPARE(active->at(0).kind, AlertKind::Overdue);
    QVERIFY2(active->at(0).details.contains(u"no successful backup yet"_s),
        qPrintable(active->at(0).details));
    // Checking again does not raise a second alert.
    QVERIFY_RESULT(checkOverdue(m_f->db(), m_f->alpha(), deadline + 2));
    QCOMPARE(AlertStore(m_f->db()).listAll(m_f->alpha(), 10)->size(), 1);
    // A successful backup resolves it.
    QVERIFY(m_f->addJob(m_f->alpha(), m_server, deadline + 10, JobState::Succeeded) > 0);
    auto fine = checkOverdue(m_f->db(), m_f->alpha(), deadline + 2 * HourMs);
    QCOMPARE(fine->size(), 0);
    QCOMPARE(AlertStore(m_f->db()).listActive(m_f->alpha())->size(), 0);
}

void tst_AlertStore::overdueIgnoresImmediateAndUnprotected()
{
    const qint64 immediate = m_f->addServer(m_f->alpha(), u"immediate"_s);
    const qint64 weekly = m_f->addServer(m_f->alpha(), u"weekly"_s);
    QVERIFY(m_f->protect(m_f->alpha(), immediate, Timing::Immediate, T0));
    QVERIFY(m_f->protect(m_f->alpha(), weekly, Timing::Weekly, T0));
    // m_server stays unprotected.
    auto overdue = checkOverdue(m_f->db(), m_f->alpha(), T0 + 6 * DayMs);
    QCOMPARE(overdue->size(), 0);
    overdue = checkOverdue(m_f->db(), m_f->alpha(), T0 + 8 * DayMs);
    QCOMPARE(overdue->size(), 1);
    QCOMPARE(overdue->at(0).serverId, weekly);
    // Unprotecting resolves its overdue alert.
    QVERIFY_RESULT(ServerStore(m_f->db()).unprotect(m_f->alpha(), weekly));
    QCOMPARE(checkOverdue(m_f->db(), m_f->alpha(), T0 + 9 * DayMs)->size(), 0);
    QCOMPARE(AlertStore(m_f->db()).listActive(m_f->alpha())->size(), 0);
}

void tst_AlertStore::overdueCountsFromPlanChange()
{
    QVERIFY(m_f->protect(m_f->alpha(), m_server, Timing::Weekly, T0));
    QVERIFY(m_f->addJob(m_f->alpha(), m_server, T0 + HourMs, JobState::Succeeded) > 0);
    // Five days later the plan becomes daily: the daily interval counts from the change.
    const qint64 change = T0 + 5 * DayMs;
    QVERIFY_RESULT(ServerStore(m_f->db()).setPlan(
        m_f->alpha(), m_server, Test::CatalogFixture::plan(Timing::Daily), change));
    QCOMPARE(checkOverdue(m_f->db(), m_f->alpha(), change + HourMs)->size(), 0);
    QCOMPARE(
        checkOverdue(m_f->db(), m_f->alpha(), change + DayMs + DefaultOverdueGraceMs + 1)->size(),
        1);
}

void tst_AlertStore::failedJobRaisesOneAlertPerServer()
{
    const qint64 first = m_f->addJob(m_f->alpha(), m_server, T0, JobState::Failed);
    m_f->addJob(m_f->alpha(), m_server, T0 + HourMs, JobState::Failed);
    m_f->addJob(m_f->alpha(), m_server, T0 + 2 * HourMs, JobState::Stopped);
    auto active = AlertStore(m_f->db()).listActive(m_f->alpha());
    QVERIFY_RESULT(active);
    QCOMPARE(active->size(), 1);
    QCOMPARE(active->at(0).kind, AlertKind::JobFailed);
    QCOMPARE(active->at(0).serverId, m_server);
    QCOMPARE(active->at(0).details, u"job %1 (file_backup) failed: disk full"_s.arg(first));
    // A job that fails at creation (agent offline) raises one too, for its own server.
    const qint64 other = m_f->addServer(m_f->alpha(), u"offline"_s);
    NewJob n;
    n.serverId = other;
    n.state = JobState::Failed;
    n.reason = u"agent not connected since 2026-01-01T00:00:00Z"_s;
    QVERIFY_RESULT(JobStore(m_f->db()).create(m_f->alpha(), n));
    QCOMPARE(AlertStore(m_f->db()).listActive(m_f->alpha())->size(), 2);
}

void tst_AlertStore::replicationLag_data()
{
    QTest::addColumn<Policy::Storage>("storage");
    QTest::addColumn<qint64>("endAgoMs");
    QTest::addColumn<QString>("copyRegion"); // complete copy in this region, empty: none
    QTest::addColumn<bool>("lagging");
    QTest::newRow("double, 25 h, no copy")
        << Policy::Storage::Double << 25 * HourMs << QString() << true;
    QTest::newRow("double, 23 h, no copy")
        << Policy::Storage::Double << 23 * HourMs << QString() << false;
    QTest::newRow("double, 25 h, local copy only")
        << Policy::Storage::Double << 25 * HourMs << u"JP1"_s << true;
    QTest::newRow("double, 25 h, remote copy")
        << Policy::Storage::Double << 25 * HourMs << u"JP2"_s << false;
    QTest::newRow("local plan, 25 h")
        << Policy::Storage::Local << 25 * HourMs << QString() << false;
}

void tst_AlertStore::replicationLag()
{
    QFETCH(Policy::Storage, storage);
    QFETCH(qint64, endAgoMs);
    QFETCH(QString, copyRegion);
    QFETCH(bool, lagging);
    const qint64 now = T0 + 10 * DayMs;
    GenerationStore generations(m_f->db());
    NewGeneration g;
    g.serverId = m_server;
    g.plan = Test::CatalogFixture::plan(Policy::Timing::Daily);
    g.plan.storage = storage;
    g.startMs = now - endAgoMs - HourMs;
    auto id = generations.create(m_f->alpha(), g);
    QVERIFY_RESULT(id);
    QVERIFY_RESULT(generations.complete(m_f->alpha(), *id, { now - endAgoMs, 1, 1, 1, u"s"_s }));
    if (!copyRegion.isEmpty())
        QVERIFY_RESULT(
            generations.setCopy(m_f->alpha(), *id, { copyRegion, CopyState::Complete, now }));
    auto found = checkReplicationLag(m_f->db(), m_f->alpha(), now);
    QVERIFY_RESULT(found);
    QCOMPARE(found->size(), lagging ? 1 : 0);
    QCOMPARE(AlertStore(m_f->db()).listActive(m_f->alpha())->size(), lagging ? 1 : 0);
    if (!lagging)
        return;
    QCOMPARE(found->at(0).oldestUnreplicatedEndMs, now - endAgoMs);
    // The copy arrives: the next check resolves the alert.
    QVERIFY_RESULT(
        generations.setCopy(m_f->alpha(), *id, { u"JP2"_s, CopyState::Complete, now + 1 }));
    QCOMPARE(checkReplicationLag(m_f->db(), m_f->alpha(), now + 2)->size(), 0);
    QCOMPARE(AlertStore(m_f->db()).listActive(m_f->alpha())->size(), 0);
}

void tst_AlertStore::regionReplicationCountsTheCopiesWaitingForEachRegion()
{
    RegionStore regions(m_f->db());
    QVERIFY_RESULT(regions.upsert(u"JP1"_s, u"JP2"_s, true));
    QVERIFY_RESULT(regions.upsert(u"JP2"_s, u"JP1"_s, true));
    QVERIFY_RESULT(regions.upsert(u"US1"_s, QString(), true));
    const qint64 now = T0 + 10 * DayMs;
    GenerationStore generations(m_f->db());
    // A generation of m_server (region JP1) that ended `endAgoMs` before now, with its copies.
    auto add = [&](qint64 tenant, qint64 server, Policy::Storage storage, qint64 endAgoMs,
                   const QList<GenerationCopy> &copies) -> qint64 {
        NewGeneration g;
        g.serverId = server;
        g.plan = Test::CatalogFixture::plan(Policy::Timing::Daily);
        g.plan.storage = storage;
        g.startMs = now - endAgoMs - HourMs;
        auto id = generations.create(tenant, g);
        if (!id || !generations.complete(tenant, *id, { now - endAgoMs, 1, 1, 1, u"s"_s }))
            return 0;
        for (const GenerationCopy &copy : copies)
            if (!generations.setCopy(tenant, *id, copy))
                return 0;
        return *id;
    };
    const GenerationCopy local { u"JP1"_s, CopyState::Complete, now };
    QVERIFY(add(m_f->alpha(), m_server, Policy::Storage::Double, 30 * HourMs,
                { local, { u"JP2"_s, CopyState::Complete, now - 20 * HourMs } }));
    const qint64 copying = add(m_f->alpha(), m_server, Policy::Storage::Double, 5 * HourMs,
                               { local, { u"JP2"_s, CopyState::Copying, std::nullopt } });
    QVERIFY(copying);
    QVERIFY(add(m_f->alpha(), m_server, Policy::Storage::Double, HourMs, { local }));
    QVERIFY(add(m_f->alpha(), m_server, Policy::Storage::Local, 50 * HourMs, { local }));
    // Neither a running generation nor another tenant's waits.
    NewGeneration running;
    running.serverId = m_server;
    running.plan.storage = Policy::Storage::Double;
    running.startMs = now - 80 * HourMs;
    QVERIFY_RESULT(generations.create(m_f->alpha(), running));
    const qint64 intruder = m_f->addServer(m_f->beta(), u"beta-web"_s);
    QVERIFY(add(m_f->beta(), intruder, Policy::Storage::Double, 70 * HourMs, { local }));

    auto found = regionReplication(m_f->db(), m_f->alpha());
    QVERIFY_RESULT(found);
    QCOMPARE(found->size(), 2); // US1 pairs with nothing and receives nothing
    QCOMPARE(found->at(0).region, u"JP1"_s);
    QCOMPARE(found->at(0).sourceRegions, QStringList { u"JP2"_s });
    QCOMPARE(found->at(0).waitingGenerations, 0);
    QCOMPARE(found->at(0).oldestWaitingEndMs, std::nullopt);
    QCOMPARE(found->at(0).lagMs(now), 0);
    const RegionReplication jp2 = found->at(1);
    QCOMPARE(jp2.region, u"JP2"_s);
    QCOMPARE(jp2.sourceRegions, QStringList { u"JP1"_s });
    QCOMPARE(jp2.waitingGenerations, 2); // the copying one and the one without a remote copy
    QCOMPARE(jp2.oldestWaitingEndMs, std::optional<qint64>(now - 5 * HourMs));
    QCOMPARE(jp2.lagMs(now), 5 * HourMs);
    QCOMPARE(jp2.lagMs(now + HourMs), 6 * HourMs);
    QCOMPARE(jp2.lagMs(now - 6 * HourMs), 0); // a clock behind the catalog is no negative lag

    // The copy arrives: only the newest generation waits; a failed copy still waits.
    QVERIFY_RESULT(generations.setCopy(m_f->alpha(), copying, { u"JP2"_s, CopyState::Complete, now }));
    auto later = regionReplication(m_f->db(), m_f->alpha());
    QVERIFY_RESULT(later);
    QCOMPARE(later->at(1).waitingGenerations, 1);
    QCOMPARE(later->at(1).lagMs(now), HourMs);
    QVERIFY_RESULT(generations.setCopy(m_f->alpha(), copying, { u"JP2"_s, CopyState::Failed, now }));
    QCOMPARE(regionReplication(m_f->db(), m_f->alpha())->at(1).lagMs(now), 5 * HourMs);
}

QTEST_GUILESS_MAIN(tst_AlertStore)
#include "tst_alertstore.moc"
