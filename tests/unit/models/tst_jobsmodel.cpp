// JobsModel: live progress from successive samples (recent rate, ETA, stalled), server names,
// incremental updates and the state filter.
#include "modeltestdata.h"

#include <jobsfiltermodel.h>
#include <jobsmodel.h>
#include <serversmodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura;
using Api::Client::JobState;
using Models::JobsModel;
using Test::job;

namespace {
constexpr qint64 MiB = 1024 * 1024;
}

class tst_JobsModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init();
    void queuedJobShowsNoProgress();
    void recentRateComesFromSamples();
    void serverAverageIsUsedUntilTwoSamplesMoved();
    void stalledAfterNothingMoves();
    void stallIsSignalledWithoutServerChange();
    void finishedJobHasNoRateAndFullBar();
    void serverColumnFollowsServerNames();
    void updateJobPrependsNewJobs();
    void liveUpdateTouchesOnlyItsRow();
    void liveUpdatesKeepTheRate();
    void refreshDerivedSignalsStallBetweenEvents();
    void filterGroupsStates_data();
    void filterGroupsStates();

private:
    qint64 m_now = 0;
    std::unique_ptr<JobsModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_JobsModel::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    m_now = 1'700'000'000'000;
    m_model = std::make_unique<JobsModel>();
    m_model->setClock([this] { return m_now; });
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_JobsModel::queuedJobShowsNoProgress()
{
    m_model->setJobs({ job(1, 1, JobState::Queued) });
    QCOMPARE(m_model->index(0, JobsModel::State).data().toString(), u"Queued"_s);
    QCOMPARE(m_model->index(0, JobsModel::Progress).data().toString(), QString());
    QCOMPARE(m_model->index(0, JobsModel::Progress).data(JobsModel::FractionRole).toDouble(), -1.0);
    QVERIFY(m_model->hasActiveJobs());
}

void tst_JobsModel::recentRateComesFromSamples()
{
    m_model->setJobs({ job(1, 1, JobState::Running, 1000 * MiB, 100 * MiB) });
    m_now += 2000;
    m_model->setJobs({ job(1, 1, JobState::Running, 1000 * MiB, 120 * MiB) });
    const QModelIndex rate = m_model->index(0, JobsModel::Rate);
    QCOMPARE(rate.data(JobsModel::RateRole).toDouble(), double(10 * MiB));
    // 880 MiB left at 10 MiB/s.
    QCOMPARE(m_model->index(0, JobsModel::Eta).data(JobsModel::EtaRole).toLongLong(), 88);
    QCOMPARE(m_model->index(0, JobsModel::Eta).data().toString(), u"1 min 28 s"_s);
    QCOMPARE(m_model->index(0, JobsModel::Progress).data().toString(), u"12 %"_s);
    QCOMPARE(m_model->index(0, JobsModel::Progress).data(JobsModel::FractionRole).toDouble(), 0.12);
}

void tst_JobsModel::serverAverageIsUsedUntilTwoSamplesMoved()
{
    auto first = job(1, 1, JobState::Running, 1000 * MiB, 100 * MiB);
    first.progress.bytesPerSecond = 5 * MiB;
    first.progress.etaSeconds = 180;
    m_model->setJobs({ first });
    QCOMPARE(m_model->index(0, 0).data(JobsModel::RateRole).toDouble(), double(5 * MiB));
    QCOMPARE(m_model->index(0, 0).data(JobsModel::EtaRole).toLongLong(), 180);
}

void tst_JobsModel::stalledAfterNothingMoves()
{
    m_model->setStallAfterMs(30000);
    m_model->setJobs({ job(1, 1, JobState::Running, 1000 * MiB, 100 * MiB) });
    m_now += 29000;
    m_model->setJobs({ job(1, 1, JobState::Running, 1000 * MiB, 100 * MiB) });
    QVERIFY(!m_model->isStalled(1));
    m_now += 1000;
    m_model->setJobs({ job(1, 1, JobState::Running, 1000 * MiB, 100 * MiB) });
    QVERIFY(m_model->isStalled(1));
    QCOMPARE(m_model->index(0, JobsModel::State).data().toString(), u"Running (stalled)"_s);
    QCOMPARE(m_model->index(0, JobsModel::Eta).data(JobsModel::EtaRole).toLongLong(), -1);
    // Moving again ends the stall.
    m_now += 1000;
    m_model->setJobs({ job(1, 1, JobState::Running, 1000 * MiB, 101 * MiB) });
    QVERIFY(!m_model->isStalled(1));
}

void tst_JobsModel::stallIsSignalledWithoutServerChange()
{
    m_model->setStallAfterMs(1000);
    const QList list { job(1, 1, JobState::Succeeded), job(2, 1, JobState::Running, 10, 5) };
    m_model->setJobs(list);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_now += 1500;
    m_model->setJobs(list);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
}

void tst_JobsModel::finishedJobHasNoRateAndFullBar()
{
    auto done = job(1, 1, JobState::Succeeded, 10 * MiB, 10 * MiB);
    done.progress.transferredBytes = 2 * MiB;
    m_model->setJobs({ done });
    QCOMPARE(m_model->index(0, JobsModel::Rate).data().toString(), QString());
    QCOMPARE(m_model->index(0, 0).data(JobsModel::FractionRole).toDouble(), 1.0);
    QVERIFY(!m_model->hasActiveJobs());
    QCOMPARE(m_model->index(0, JobsModel::Transferred).data().toString(), u"2.00 MiB"_s);
}

void tst_JobsModel::serverColumnFollowsServerNames()
{
    Models::ServersModel servers;
    m_model->setServersModel(&servers);
    m_model->setJobs({ job(1, 7, JobState::Succeeded) });
    QCOMPARE(m_model->index(0, JobsModel::Server).data().toString(), u"#7"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    servers.setServers({ Test::server(7, u"web-01"_s) });
    QVERIFY(changed.count() >= 1);
    QCOMPARE(m_model->index(0, JobsModel::Server).data().toString(), u"web-01"_s);
}

void tst_JobsModel::updateJobPrependsNewJobs()
{
    m_model->setJobs({ job(1, 1, JobState::Succeeded) });
    m_model->updateJob(job(2, 1, JobState::Queued));
    QCOMPARE(m_model->rowCount(), 2);
    QVERIFY(m_model->jobById(2).has_value());
    m_model->updateJob(job(2, 1, JobState::Stopped));
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->jobById(2)->state, JobState::Stopped);
}

void tst_JobsModel::liveUpdateTouchesOnlyItsRow()
{
    m_model->setJobs({ job(1, 1, JobState::Running, 100, 10), job(2, 1, JobState::Running, 100, 20),
                       job(3, 1, JobState::Succeeded, 100, 100) });
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy updated(m_model.get(), &Models::KeyedTableModel::updated);
    m_model->updateJob(job(2, 1, JobState::Running, 100, 20)); // the same figures: nothing
    QCOMPARE(changed.count(), 0);
    QCOMPARE(updated.count(), 0);
    m_now += 1000;
    m_model->updateJob(job(2, 1, JobState::Running, 100, 30));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 1);
    QCOMPARE(updated.first(), QVariantList({ 0, 1, 0 }));
    QCOMPARE(m_model->jobById(2)->progress.bytesDone, 30);
    m_model->updateJob(job(2, 1, JobState::Succeeded, 100, 100));
    QVERIFY(!m_model->isStalled(2));
    QCOMPARE(m_model->index(1, JobsModel::State).data(JobsModel::RunningRole).toBool(), false);
}

void tst_JobsModel::liveUpdatesKeepTheRate()
{
    m_model->setJobs({ job(1, 1, JobState::Running, 1000 * MiB, 100 * MiB) });
    m_now += 1000;
    m_model->updateJob(job(1, 1, JobState::Running, 1000 * MiB, 104 * MiB));
    QCOMPARE(m_model->index(0, JobsModel::Rate).data(JobsModel::RateRole).toDouble(), double(4 * MiB));
    m_now += 2000;
    m_model->updateJob(job(1, 1, JobState::Running, 1000 * MiB, 110 * MiB));
    QCOMPARE(m_model->index(0, JobsModel::Rate).data(JobsModel::RateRole).toDouble(), double(3 * MiB));
}

void tst_JobsModel::refreshDerivedSignalsStallBetweenEvents()
{
    m_model->setStallAfterMs(5000);
    m_model->setJobs({ job(1, 1, JobState::Succeeded), job(2, 1, JobState::Running, 100, 50) });
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_now += 4000;
    m_model->refreshDerived();
    QCOMPARE(changed.count(), 0);
    m_now += 1000;
    m_model->refreshDerived();
    QVERIFY(m_model->isStalled(2));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    m_model->refreshDerived(); // still stalled: nothing new
    QCOMPARE(changed.count(), 1);
}

void tst_JobsModel::filterGroupsStates_data()
{
    QTest::addColumn<int>("filter");
    QTest::addColumn<QList<qint64>>("ids");
    using F = Models::JobsFilterModel::StateFilter;
    QTest::newRow("all") << int(F::All) << QList<qint64> { 1, 2, 3, 4, 5 };
    QTest::newRow("queued and running") << int(F::Active) << QList<qint64> { 1, 2 };
    QTest::newRow("failed and interrupted") << int(F::Failed) << QList<qint64> { 3, 5 };
    QTest::newRow("finished") << int(F::Finished) << QList<qint64> { 3, 4, 5 };
}

void tst_JobsModel::filterGroupsStates()
{
    QFETCH(int, filter);
    QFETCH(QList<qint64>, ids);
    m_model->setJobs({ job(1, 1, JobState::Queued), job(2, 1, JobState::Running),
                       job(3, 1, JobState::Failed), job(4, 1, JobState::Succeeded),
                       job(5, 1, JobState::Interrupted) });
    Models::JobsFilterModel proxy;
    proxy.setSourceModel(m_model.get());
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(JobsModel::Id);
    proxy.setStateFilter(Models::JobsFilterModel::StateFilter(filter));
    QList<qint64> shown;
    for (int row = 0; row < proxy.rowCount(); ++row)
        shown << proxy.index(row, 0).data(JobsModel::IdRole).toLongLong();
    QCOMPARE(shown, ids);
}

QTEST_GUILESS_MAIN(tst_JobsModel)
#include "tst_jobsmodel.moc"
