// The Servers and Jobs pages against a real server: protect through the plan dialog, back up
// now, stop, unprotect after the confirmation that names the amount, role-dependent actions,
// and refusals shown with their reason.
#include "guisupport.h"

#include <jobsmodel.h>
#include <alertsmodel.h>
#include <jobsview.h>
#include <mainwindow.h>
#include <plandialog.h>
#include <serversmodel.h>
#include <serversview.h>

#include <catalog/serverstore.h>

#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace Kura;

class tst_ServersView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void protectThroughThePlanDialog();
    void backUpNowAndStop();
    void unprotectAsksWithTheAmountFirst();
    void offlineServerBackupShowsTheReason();
    void viewerCannotChangeAnything();
    void jobsPageShowsProgress();
    void acknowledgeAnOpenAlert();

private:
    QAction *action(const QString &name) const;

    Widgets::LanguageManager *m_languages = nullptr;
    std::unique_ptr<Test::DemoServer> m_server;
    std::unique_ptr<Widgets::Console> m_console;
};

void tst_ServersView::initTestCase()
{
    m_languages = Test::startInEnglish(this);
    QVERIFY(m_languages);
}

void tst_ServersView::init()
{
    QVERIFY(Test::startDemoConsole(m_server, m_console, m_languages));
}

void tst_ServersView::cleanup()
{
    m_console.reset();
    m_server.reset();
}

QAction *tst_ServersView::action(const QString &name) const
{
    return m_console->serversView()->findChild<QAction *>(name);
}

void tst_ServersView::protectThroughThePlanDialog()
{
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"admin"_s));
    QTRY_COMPARE(m_console->session()->servers()->rowCount(), 6);
    m_console->session()->refreshRegions();
    const qint64 build = Test::serverIdByName(*m_console->session(), u"build-05"_s);
    m_console->serversView()->selectServer(build);
    QVERIFY(action(u"protectAction"_s)->isEnabled());
    QVERIFY(!action(u"editPlanAction"_s)->isEnabled());
    QVERIFY(!action(u"backUpAction"_s)->isEnabled());
    action(u"protectAction"_s)->trigger();
    QPointer<Widgets::PlanDialog> dialog = Test::waitForTopLevel<Widgets::PlanDialog>(u"planDialog"_s);
    QVERIFY(dialog);
    QCOMPARE(dialog->windowTitle(), u"Protect \"build-05\""_s);
    // JP4 has no pair: double storage cannot be chosen.
    QVERIFY(!dialog->findChild<QRadioButton *>(u"storageDouble"_s)->isEnabled());
    dialog->findChild<QRadioButton *>(u"timingDaily"_s)->click();
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"planOk"_s), Qt::LeftButton);
    QTRY_VERIFY(m_console->session()->servers()->serverById(build)->isProtected);
    QCOMPARE(m_console->session()->servers()->serverById(build)->plan->timing, u"daily"_s);
    auto stored = Catalog::ServerStore(m_server->db()).server(m_server->tenant(), build);
    QVERIFY(stored && stored->plan);
    QCOMPARE(stored->plan->timing, Policy::Timing::Daily);
    QTRY_VERIFY(!dialog); // accepted and deleted
    QVERIFY(action(u"editPlanAction"_s)->isEnabled());
}

void tst_ServersView::backUpNowAndStop()
{
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"operator"_s));
    QTRY_COMPARE(m_console->session()->servers()->rowCount(), 6);
    const qint64 web = Test::serverIdByName(*m_console->session(), u"web-01"_s);
    m_console->serversView()->selectServer(web);
    QVERIFY(!action(u"protectAction"_s)->isEnabled()); // operators cannot change plans
    QVERIFY(action(u"backUpAction"_s)->isEnabled());
    QVERIFY(!action(u"stopAction"_s)->isEnabled());
    const int before = int(m_server->dispatcher.dispatched.size());
    action(u"backUpAction"_s)->trigger();
    QTRY_COMPARE(int(m_server->dispatcher.dispatched.size()), before + 1);
    const qint64 jobId = m_server->dispatcher.dispatched.last().jobId;
    QTRY_VERIFY(m_console->session()->jobs()->jobById(jobId).has_value());
    QTRY_VERIFY(action(u"stopAction"_s)->isEnabled());
    action(u"stopAction"_s)->trigger();
    QTRY_VERIFY(m_server->dispatcher.stopRequests.contains(jobId)
                || m_console->session()->jobs()->jobById(jobId)->state == Api::Client::JobState::Stopped);
}

void tst_ServersView::unprotectAsksWithTheAmountFirst()
{
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"admin"_s));
    QTRY_COMPARE(m_console->session()->servers()->rowCount(), 6);
    // A server without generations in their minimum retention: protect it fresh first.
    const qint64 edge = Test::serverIdByName(*m_console->session(), u"edge-sg-04"_s);
    QVERIFY(Catalog::ServerStore(m_server->db()).protect(m_server->tenant(), edge,
                                                         Test::demoPlan(Policy::Timing::Immediate, Policy::Storage::Local, 7),
                                                         m_server->clock.nowMs()));
    m_console->session()->refreshServers();
    QTRY_VERIFY(m_console->session()->servers()->serverById(edge)->isProtected);
    m_console->serversView()->selectServer(edge);
    QVERIFY(action(u"unprotectAction"_s)->isEnabled());
    action(u"unprotectAction"_s)->trigger();
    auto *box = Test::waitForTopLevel<QMessageBox>(u"confirmBox"_s);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"0 generations, 0 bytes"_s), qPrintable(box->text()));
    QVERIFY(Catalog::ServerStore(m_server->db()).server(m_server->tenant(), edge)->isProtected);
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmYes"_s), Qt::LeftButton);
    QTRY_VERIFY(!m_console->session()->servers()->serverById(edge)->isProtected);
    QVERIFY(!Catalog::ServerStore(m_server->db()).server(m_server->tenant(), edge)->isProtected);
}

void tst_ServersView::offlineServerBackupShowsTheReason()
{
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"admin"_s));
    QTRY_COMPARE(m_console->session()->servers()->rowCount(), 6);
    const qint64 web = Test::serverIdByName(*m_console->session(), u"web-01"_s);
    m_server->dispatcher.offline.insert(web);
    m_console->serversView()->selectServer(web);
    action(u"backUpAction"_s)->trigger();
    auto *box = Test::waitForTopLevel<QMessageBox>(u"errorBox"_s);
    QVERIFY(box);
    QCOMPARE(box->windowTitle(), u"Back Up \"web-01\""_s);
    QVERIFY2(box->text().startsWith(u"The server cannot do this now: "_s), qPrintable(box->text()));
    box->close();
}

void tst_ServersView::viewerCannotChangeAnything()
{
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"viewer"_s));
    QTRY_COMPARE(m_console->session()->servers()->rowCount(), 6);
    for (const QString &name : { u"web-01"_s, u"build-05"_s }) {
        m_console->serversView()->selectServer(Test::serverIdByName(*m_console->session(), name));
        for (const QString &act : { u"protectAction"_s, u"editPlanAction"_s, u"unprotectAction"_s,
                                    u"backUpAction"_s, u"stopAction"_s })
            QVERIFY2(!action(act)->isEnabled(), qPrintable(name + u' ' + act));
    }
}

void tst_ServersView::jobsPageShowsProgress()
{
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"operator"_s));
    const auto *jobs = m_console->session()->jobs();
    QTRY_VERIFY(jobs->hasActiveJobs());
    m_console->window()->showPage(Widgets::Page::Jobs);
    QTableView *table = m_console->jobsView()->table();
    int running = 0;
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QModelIndex index = table->model()->index(row, Models::JobsModel::Progress);
        if (index.data(Models::JobsModel::RunningRole).toBool()) {
            ++running;
            const double fraction = index.data(Models::JobsModel::FractionRole).toDouble();
            QVERIFY(fraction > 0.3 && fraction < 0.9);
            QVERIFY(index.data().toString().endsWith(u" %"_s));
        }
    }
    QCOMPARE(running, 2);
    // The agent reports progress; the next poll shows it with a rate.
    const qint64 jobId = m_server->dispatcher.dispatched.first().jobId;
    const qint64 total = 642LL * 1024 * 1024 * 1024;
    QVERIFY(m_server->reportProgress(jobId, total, total / 2));
    m_console->session()->refreshJobs();
    QTRY_COMPARE(jobs->jobById(jobId)->progress.bytesDone, total / 2);
    const int row = jobs->rowOf(jobId);
    QVERIFY(jobs->index(row, Models::JobsModel::Rate).data(Models::JobsModel::RateRole).toDouble() > 0);
    QVERIFY(!jobs->index(row, Models::JobsModel::Eta).data().toString().isEmpty());
}

void tst_ServersView::acknowledgeAnOpenAlert()
{
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"operator"_s));
    const auto *alerts = m_console->session()->alerts();
    QTRY_VERIFY(alerts->openCount() >= 1); // the failed backup of files-03
    auto *table = m_console->serversView()->findChild<QTableView *>(u"alertsTable"_s);
    auto *button = m_console->serversView()->findChild<QPushButton *>(u"acknowledgeAlert"_s);
    QVERIFY(!button->isEnabled());
    int row = -1;
    for (int i = 0; i < alerts->rowCount(); ++i) {
        if (alerts->alertAt(i).kind == u"job_failed"_s)
            row = i;
    }
    QVERIFY(row >= 0);
    table->selectRow(row);
    QVERIFY(button->isEnabled());
    const int open = alerts->openCount();
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE(alerts->openCount(), open - 1);
    QCOMPARE(alerts->alertAt(row).acknowledgedBy, u"operator"_s);
    QVERIFY(!button->isEnabled());
}

QTEST_MAIN(tst_ServersView)
#include "tst_serversview.moc"
