#include "catalogfixture.h"

#include <catalog/alertstore.h>
#include <catalog/drstore.h>
#include <catalog/regionstore.h>
#include <testsupport.h>

#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Catalog;

class tst_RegionAndDr : public QObject {
    Q_OBJECT
private slots:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void regionsWithPairsAndHealth();
    void unknownRegionIsNotFound();
    void failedRegionAlertsTenantsWithServersThere();
    void drStartsActiveAndIdle();
    void drStepsFollowInOrder_data();
    void drStepsFollowInOrder();
    void drSuppressionAndRecoveryPoint();
};

void tst_RegionAndDr::regionsWithPairsAndHealth()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    RegionStore regions(f.db());
    QVERIFY_RESULT(regions.upsert(u"JP1"_s, u"JP2"_s, true));
    QVERIFY_RESULT(regions.upsert(u"JP2"_s, u"JP1"_s, true));
    QVERIFY_RESULT(regions.upsert(u"AU1"_s, QString(), false));
    QVERIFY_RESULT(regions.setState(
        u"JP1"_s, { RegionState::Failed, u"operator1"_s, 100, u"array offline"_s }));
    QVERIFY_RESULT(regions.upsert(u"JP1"_s, u"JP2"_s, true)); // re-import keeps the health
    auto jp1 = regions.region(u"JP1"_s);
    QVERIFY_RESULT(jp1);
    QCOMPARE(jp1->state, RegionState::Failed);
    QCOMPARE(jp1->stateChangedBy, u"operator1"_s);
    QCOMPARE(jp1->stateChangedMs, 100);
    QCOMPARE(jp1->remoteRegion, u"JP2"_s);
    QVERIFY_RESULT(regions.setState(u"JP1"_s, { RegionState::Ok, u"health-check"_s, 200, {} }));
    auto history = regions.history(u"JP1"_s);
    QCOMPARE(history->size(), 2);
    QCOMPARE(history->at(0).reason, u"array offline"_s);
    QCOMPARE(history->at(1).state, RegionState::Ok);
    auto list = regions.list();
    QCOMPARE(list->size(), 3);
    QCOMPARE(list->at(0).name, u"AU1"_s);
    QVERIFY(!list->at(0).backupAllowed);
}

void tst_RegionAndDr::unknownRegionIsNotFound()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    RegionStore regions(f.db());
    QCOMPARE(regions.region(u"XX9"_s).error().code(), ErrorCode::NotFound);
    QCOMPARE(regions.setState(u"XX9"_s, { RegionState::Failed, u"op"_s, 1, {} }).error().code(),
        ErrorCode::NotFound);
    QCOMPARE(regions.history(u"XX9"_s)->size(), 0);
    QCOMPARE(regions.upsert(QString(), QString(), true).error().code(), ErrorCode::InvalidArgument);
}

void tst_RegionAndDr::failedRegionAlertsTenantsWithServersThere()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    QVERIFY(f.addServer(f.alpha(), u"web"_s) > 0); // the fixture places servers in JP1
    RegionStore regions(f.db());
    QVERIFY_RESULT(regions.upsert(u"JP1"_s, u"JP2"_s, true));
    QVERIFY_RESULT(
        regions.setState(u"JP1"_s, { RegionState::Failed, u"op"_s, 100, u"power loss"_s }));
    QVERIFY_RESULT(regions.setState(
        u"JP1"_s, { RegionState::Failed, u"health-check"_s, 150, u"still down"_s }));
    auto alpha = AlertStore(f.db()).listActive(f.alpha());
    QVERIFY_RESULT(alpha);
    QCOMPARE(alpha->size(), 1);
    QCOMPARE(alpha->at(0).kind, AlertKind::RegionFailed);
    QCOMPARE(alpha->at(0).subject, regionSubject(u"JP1"_s));
    QVERIFY(!alpha->at(0).serverId);
    QCOMPARE(alpha->at(0).details, u"region JP1 marked failed by op: power loss"_s);
    QCOMPARE(AlertStore(f.db()).listActive(f.beta())->size(), 0); // beta has no server in JP1
    QVERIFY_RESULT(regions.setState(u"JP1"_s, { RegionState::Ok, u"op"_s, 200, {} }));
    QCOMPARE(AlertStore(f.db()).listActive(f.alpha())->size(), 0);
    QCOMPARE(AlertStore(f.db()).alert(f.alpha(), alpha->at(0).id)->resolvedMs, 200);
}

void tst_RegionAndDr::drStartsActiveAndIdle()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    auto state = DrStore(f.db()).state();
    QVERIFY_RESULT(state);
    QCOMPARE(state->siteRole, SiteRole::Active);
    QCOMPARE(state->operation, DrOperation::None);
    QVERIFY(!state->suppressed);
    QCOMPARE(state->currentStep, 0);
    QVERIFY(state->steps.isEmpty());
}

void tst_RegionAndDr::drStepsFollowInOrder_data()
{
    QTest::addColumn<QList<int>>("steps"); // steps of a switch-over, recorded in this order
    QTest::addColumn<int>("firstRefused"); // index of the first refused step, -1: none
    QTest::newRow("all six in order") << QList<int> { 1, 2, 3, 4, 5, 6 } << -1;
    QTest::newRow("skips a step") << QList<int> { 1, 2, 4 } << 2;
    QTest::newRow("starts at two") << QList<int> { 2 } << 0;
    QTest::newRow("restarts mid-way") << QList<int> { 1, 2, 1 } << 2;
    QTest::newRow("new operation after completion") << QList<int> { 1, 2, 3, 4, 5, 6, 1 } << -1;
    QTest::newRow("step seven") << QList<int> { 1, 2, 3, 4, 5, 6, 7 } << 6;
}

void tst_RegionAndDr::drStepsFollowInOrder()
{
    QFETCH(QList<int>, steps);
    QFETCH(int, firstRefused);
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    DrStore dr(f.db());
    for (int i = 0; i < steps.size(); ++i) {
        auto done = dr.recordStep(
            { DrOperation::SwitchOver, steps.at(i), u"op%1"_s.arg(i), 1000 + i, {} });
        if (i == firstRefused) {
            QVERIFY(!done);
            QVERIFY(done.error().code() == ErrorCode::Conflict
                || done.error().code() == ErrorCode::InvalidArgument);
            return;
        }
        QVERIFY_RESULT(done);
    }
    auto state = dr.state();
    QCOMPARE(state->operation, DrOperation::SwitchOver);
    QCOMPARE(state->currentStep, steps.constLast());
    QCOMPARE(state->steps.constLast().doneBy, u"op%1"_s.arg(steps.size() - 1));
    QCOMPARE(state->steps.constFirst().step, 1);
}

void tst_RegionAndDr::drSuppressionAndRecoveryPoint()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    DrStore dr(f.db());
    QVERIFY_RESULT(dr.setSiteRole(SiteRole::Dr));
    QVERIFY_RESULT(dr.setSuppressed(true));
    QVERIFY_RESULT(dr.setLastCatalogCopy(123456));
    auto state = dr.state();
    QCOMPARE(state->siteRole, SiteRole::Dr);
    QVERIFY(state->suppressed);
    QCOMPARE(state->lastCatalogCopyMs, 123456);
    QCOMPARE(dr.recordStep({ DrOperation::None, 1, u"x"_s, 1, {} }).error().code(),
        ErrorCode::InvalidArgument);
    QVERIFY_RESULT(dr.recordStep({ DrOperation::Drill, 1, u"x"_s, 1, {} }));
    QCOMPARE(dr.recordStep({ DrOperation::SwitchOver, 2, u"x"_s, 2, {} }).error().code(),
        ErrorCode::Conflict);
}

QTEST_GUILESS_MAIN(tst_RegionAndDr)
#include "tst_regionanddr.moc"
