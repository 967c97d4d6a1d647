// The Usage and Disaster Recovery pages, and live jobs, against a real server (DemoServer:
// SQLite catalog, real scheduler, the API and its live events on 127.0.0.1): the month's usage
// per server with the tenant total and estimated charges, the chart of daily samples, the month
// list following the server's months (older months with samples, a new calendar month), the CSV
// export read back, "not configured" disaster recovery, and a job's progress reaching the jobs
// model through the events while polling is slowed to minutes.
#include "guisupport.h"

#include <csvrecords.h>
#include <drview.h>
#include <jobsmodel.h>
#include <mainwindow.h>
#include <serversmodel.h>
#include <usagemodel.h>
#include <usageview.h>

#include <api/client/apiclient.h>

#include <QChart>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace Kura;
using Kura::Models::UsageModel;

class tst_UsageView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void showsTheMonthPerServerWithTotal();
    void chartFollowsTheSelection();
    void earlierMonthAndEmptyMonth();
    void monthListFollowsTheMonthsWithSamples();
    void newMonthAppearsWhenTheCalendarMonthChanges();
    void exportWritesTheServersCsv();
    void disasterRecoverySaysNotConfigured();
    void jobProgressArrivesWithoutPolling();
    void pollingResumesWhenTheEventsAreDown();

private:
    void showUsage();
    int chartPoints() const;

    Widgets::LanguageManager *m_languages = nullptr;
    std::unique_ptr<Test::DemoServer> m_server;
    std::unique_ptr<Widgets::Console> m_console;
    QTemporaryDir m_dir;
};

void tst_UsageView::initTestCase()
{
    m_languages = Test::startInEnglish(this);
    QVERIFY(m_languages);
}

void tst_UsageView::init()
{
    QVERIFY(Test::startDemoConsole(m_server, m_console, m_languages));
    QVERIFY(m_server->prices); // resources/prices.json
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"viewer"_s));
    QTRY_COMPARE(m_console->session()->servers()->rowCount(), 6);
}

void tst_UsageView::cleanup()
{
    m_console.reset();
    m_server.reset();
}

void tst_UsageView::showUsage()
{
    m_console->window()->show();
    m_console->window()->showPage(Widgets::Page::Usage);
    QTRY_COMPARE(m_console->session()->usage()->rowCount(), 4);
}

int tst_UsageView::chartPoints() const
{
    const auto series = m_console->usageView()->chart()->series();
    if (series.size() != 1)
        return -1;
    return int(static_cast<QLineSeries *>(series.first())->count());
}

void tst_UsageView::showsTheMonthPerServerWithTotal()
{
    showUsage();
    UsageModel *usage = m_console->session()->usage();
    const QDate today = QDateTime::currentDateTimeUtc().date();
    QCOMPARE(usage->total().month, today.toString(u"yyyy-MM"_s));
    QCOMPARE(usage->total().currency, u"JPY"_s);
    QVERIFY(usage->total().estimatedCharge); // every demo menu is in the price table
    qint64 sum = 0;
    double average = 0;
    for (int row = 0; row < usage->rowCount(); ++row) {
        const qint64 charge = usage->index(row, UsageModel::Charge).data(UsageModel::ChargeRole).toLongLong();
        QVERIFY(charge > 0);
        sum += charge;
        average += usage->index(row, 0).data(UsageModel::AverageBytesRole).toDouble();
    }
    QCOMPARE(*usage->total().estimatedCharge, sum);
    QVERIFY(qAbs(usage->total().averageBytes - average) < 1.0);
    auto *total = m_console->usageView()->findChild<QLabel *>(u"usageTotal"_s);
    QVERIFY(total->text().contains(u"4 servers"_s));
    QVERIFY(total->text().contains(u"JPY"_s));
    for (int row = 0; row < usage->rowCount(); ++row) {
        if (usage->index(row, 0).data().toString() == u"web-01"_s)
            QCOMPARE(usage->index(row, UsageModel::Plan).data().toString(), u"Double, Daily, 30 days"_s);
    }
}

void tst_UsageView::chartFollowsTheSelection()
{
    showUsage();
    const int days = QDateTime::currentDateTimeUtc().date().day();
    QTRY_COMPARE(chartPoints(), days); // every server added up: one point per sampled day
    QVERIFY(m_console->usageView()->chart()->title().contains(u"every server"_s));
    QTableView *table = m_console->usageView()->table();
    int files = -1;
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        if (table->model()->index(row, 0).data().toString() == u"files-03"_s)
            files = row;
    }
    QVERIFY(files >= 0);
    table->selectRow(files);
    QCOMPARE(chartPoints(), days - 1); // files-03 has no sample today
    QVERIFY(m_console->usageView()->chart()->title().contains(u"files-03"_s));
}

void tst_UsageView::earlierMonthAndEmptyMonth()
{
    showUsage();
    QComboBox *month = m_console->usageView()->monthBox();
    QCOMPARE(month->count(), 13);
    QSignalSpy loaded(m_console->session(), &Models::Session::usageLoaded);
    month->setCurrentIndex(1);
    QVERIFY(loaded.wait(5000));
    const QDate first = QDateTime::currentDateTimeUtc().date();
    const QDate previous = QDate(first.year(), first.month(), 1).addMonths(-1);
    QCOMPARE(m_console->session()->usage()->total().month, previous.toString(u"yyyy-MM"_s));
    QCOMPARE(m_console->session()->usage()->rowCount(), 4);
    QTRY_COMPARE(chartPoints(), previous.daysInMonth());

    month->setCurrentIndex(12);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(m_console->session()->usage()->rowCount(), 0);
    auto *total = m_console->usageView()->findChild<QLabel *>(u"usageTotal"_s);
    QVERIFY(total->text().startsWith(u"No usage was recorded"_s));
    QCOMPARE(chartPoints(), 0);
}

// Months with samples older than the twelve before this one join the list when the data
// refreshes (here: samples of 20 months ago arrive while the page is open), and the chosen
// month stays chosen.
void tst_UsageView::monthListFollowsTheMonthsWithSamples()
{
    showUsage();
    QComboBox *month = m_console->usageView()->monthBox();
    QCOMPARE(month->count(), 13);
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QDate old = QDate(today.year(), today.month(), 1).addMonths(-20);
    const qint64 web = Test::serverIdByName(*m_console->session(), u"web-01"_s);
    QVERIFY(m_server->addUsage(web, u"web-01"_s, Test::demoPlan(Policy::Timing::Daily, Policy::Storage::Double, 30),
                               old, old.addDays(4), 20LL << 30, 0));
    month->setCurrentIndex(2);
    QSignalSpy loaded(m_console->session(), &Models::Session::usageLoaded);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(month->count(), 14);
    QCOMPARE(month->itemData(13).toString(), old.toString(u"yyyy-MM"_s));
    QCOMPARE(month->itemText(13), QLocale().toString(old, u"MMMM yyyy"_s));
    QCOMPARE(month->currentIndex(), 2); // still the month chosen
    QCOMPARE(m_console->usageView()->month(), QDate(today.year(), today.month(), 1).addMonths(-2).toString(u"yyyy-MM"_s));

    month->setCurrentIndex(13);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(m_console->session()->usage()->total().month, old.toString(u"yyyy-MM"_s));
    QCOMPARE(m_console->session()->usage()->rowCount(), 1);
    QTRY_COMPARE(chartPoints(), 5);
    // Refresh keeps everything as it is: no rebuilt list, no other month.
    QSignalSpy rebuilt(month->model(), &QAbstractItemModel::modelReset);
    QSignalSpy removed(month->model(), &QAbstractItemModel::rowsRemoved);
    m_console->usageView()->findChild<QAction *>(u"refreshUsageAction"_s)->trigger();
    QVERIFY(loaded.wait(5000));
    QCOMPARE(rebuilt.count() + removed.count(), 0);
    QCOMPARE(month->currentIndex(), 13);
}

// The page is open across the end of a month (the server's clock and the page's both pass
// midnight UTC of the month's last day): it asks the server again by itself, and the new month
// tops the list while the month being looked at stays chosen.
void tst_UsageView::newMonthAppearsWhenTheCalendarMonthChanges()
{
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QDate next = QDate(today.year(), today.month(), 1).addMonths(1);
    const QDateTime boundary(next, QTime(0, 0), Qt::UTC);
    Test::DemoServer server; // its own, with the clock an hour before the end of this month
    QVERIFY(server.ok());
    server.clock.setNowMs(boundary.toMSecsSinceEpoch() - 3600 * 1000);
    QVERIFY(server.seedDemoFleet());
    Widgets::Console console(m_languages);
    console.start({});
    console.loginDialog()->reject();
    // The page's clock one second before midnight: its watch wakes up a second after it.
    QDateTime pageNow = boundary.addSecs(-1);
    console.usageView()->setClock([&pageNow] { return pageNow; });
    QVERIFY(Test::logIn(*console.session(), server, u"viewer"_s));
    console.window()->show();
    console.window()->showPage(Widgets::Page::Usage);
    QTRY_COMPARE(console.session()->usage()->rowCount(), 4);
    QComboBox *month = console.usageView()->monthBox();
    const QString thisMonth = today.toString(u"yyyy-MM"_s);
    QCOMPARE(month->itemData(0).toString(), thisMonth);
    QCOMPARE(month->currentIndex(), 0);

    // Midnight passes for both clocks.
    QSignalSpy loaded(console.session(), &Models::Session::usageLoaded);
    server.clock.setNowMs(boundary.toMSecsSinceEpoch() + 1000);
    pageNow = boundary.addSecs(1);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(month->count(), 13);
    QCOMPARE(month->itemData(0).toString(), next.toString(u"yyyy-MM"_s));
    QCOMPARE(month->currentData().toString(), thisMonth); // the month looked at stays
    QCOMPARE(month->currentIndex(), 1);
    QCOMPARE(console.session()->usage()->total().month, thisMonth);
}

void tst_UsageView::exportWritesTheServersCsv()
{
    showUsage();
    const QString path = m_dir.filePath(u"usage.csv"_s);
    QSignalSpy exported(m_console->usageView(), &Widgets::UsageView::exported);
    m_console->usageView()->exportTo(path);
    QVERIFY(exported.wait(5000));
    QCOMPARE(exported.first().at(1).toInt(), 4);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    auto document = Models::parseCsv(file.readAll());
    QVERIFY2(document, qPrintable(document ? QString() : document.error().message()));
    QCOMPARE(document->byteOrderMark, QByteArray("\xEF\xBB\xBF"));
    QCOMPARE(document->records.size(), 6); // header, four servers, total
    QCOMPARE(document->records.first().fields.at(2), u"server"_s);
    UsageModel *usage = m_console->session()->usage();
    for (int i = 1; i <= 4; ++i) {
        const QStringList &fields = document->records.at(i).fields;
        const int row = usage->rowOf(fields.at(1).toLongLong());
        QVERIFY(row >= 0);
        QCOMPARE(fields.at(2), usage->index(row, 0).data().toString());
        QCOMPARE(fields.at(7).toLongLong(), usage->index(row, 0).data(UsageModel::ChargeRole).toLongLong());
    }
    QCOMPARE(document->records.last().fields.at(7).toLongLong(), *usage->total().estimatedCharge);
}

void tst_UsageView::disasterRecoverySaysNotConfigured()
{
    m_console->window()->show();
    Widgets::DrView *dr = m_console->drView();
    QSignalSpy loaded(dr, &Widgets::DrView::loaded);
    m_console->window()->showPage(Widgets::Page::DisasterRecovery);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(dr->stateText(), u"Disaster recovery is not configured on this backup server."_s);
    QVERIFY(!dr->steps()->isVisible());

    // The configured shape as the API will send it.
    Api::Client::DrStatus status;
    status.configured = true;
    status.state = u"standby"_s;
    status.lastCatalogCopyAt = QDateTime::currentDateTimeUtc().addSecs(-2 * 3600);
    status.steps = { { u"copy-catalog"_s, u"done"_s, {} }, { u"verify"_s, u"pending"_s, {} } };
    dr->showStatus(status);
    QCOMPARE(dr->stateText(), u"State: Standing by"_s);
    QVERIFY(dr->steps()->isVisible());
    QCOMPARE(dr->steps()->model()->rowCount(), 2);
    QCOMPARE(dr->steps()->model()->index(1, 1).data().toString(), u"Pending"_s);
    const QString details = dr->findChild<QLabel *>(u"drDetails"_s)->text();
    QVERIFY2(details.contains(u"(2 h 00 min ago)"_s), qPrintable(details));

    // Logging out forgets the server's state.
    m_console->session()->logout();
    QVERIFY(dr->stateText().isEmpty());
    QVERIFY(!dr->steps()->isVisible());
}

void tst_UsageView::jobProgressArrivesWithoutPolling()
{
    Models::Session *session = m_console->session();
    QTRY_VERIFY(session->hasLiveEvents());
    session->setLiveJobsInterval(10 * 60 * 1000);
    session->setIdleJobsInterval(10 * 60 * 1000);
    session->refreshJobs(); // reschedules with the long interval
    Models::JobsModel *jobs = session->jobs();
    QTRY_VERIFY(jobs->rowCount() > 0);
    // The running backup of files-03 (37 % of 642 GiB in the demo fleet).
    qint64 jobId = 0;
    qint64 source = 0;
    for (int row = 0; row < jobs->rowCount(); ++row) {
        const auto &job = jobs->jobAt(row);
        if (job.state == Api::Client::JobState::Running && job.progress.sourceBytes > source) {
            jobId = job.id;
            source = job.progress.sourceBytes;
        }
    }
    QVERIFY(jobId);
    QTest::qWait(500); // the refresh above has answered; the next poll is ten minutes away
    QSignalSpy updated(jobs, &Models::KeyedTableModel::updated);
    const qint64 done = source / 2 + 12345;
    QVERIFY(m_server->reportProgress(jobId, source, done));
    QTRY_COMPARE_WITH_TIMEOUT(jobs->jobById(jobId)->progress.bytesDone, done, 3000);
    // The event changed that one row in place: nothing inserted or removed.
    QVERIFY(updated.contains(QVariantList({ 0, 1, 0 })));
}

void tst_UsageView::pollingResumesWhenTheEventsAreDown()
{
    Models::Session *session = m_console->session();
    QTRY_VERIFY(session->hasLiveEvents());
    QSignalSpy live(session, &Models::Session::liveEventsChanged);
    session->setEventsRetryInterval(60 * 1000);
    m_server->events.reset(); // the server's event stream goes away; its sockets close
    QVERIFY(live.wait(5000));
    QCOMPARE(live.last().at(0).toBool(), false);
    QVERIFY(!session->hasLiveEvents());
    // A running job: the session polls every second again.
    Models::JobsModel *jobs = session->jobs();
    QTRY_VERIFY(jobs->hasActiveJobs());
    qint64 jobId = 0;
    for (int row = 0; row < jobs->rowCount() && !jobId; ++row) {
        if (jobs->jobAt(row).state == Api::Client::JobState::Running)
            jobId = jobs->jobAt(row).id;
    }
    QVERIFY(jobId);
    const auto job = *jobs->jobById(jobId);
    QVERIFY(bool(m_server->scheduler->jobProgress(m_server->tenant(), jobId,
        { job.progress.sourceBytes, 100, job.progress.bytesDone + 777, 1, 1 })));
    QTRY_COMPARE_WITH_TIMEOUT(jobs->jobById(jobId)->progress.bytesDone, job.progress.bytesDone + 777, 3000);
}

QTEST_MAIN(tst_UsageView)
#include "tst_usageview.moc"
