// The console's shell against a real server on 127.0.0.1: login dialog, navigation and
// shortcuts, language switch at run time, the lost-server banner, remembered geometry and
// column widths.
#include "guisupport.h"

#include <alertsmodel.h>
#include <connectionbanner.h>
#include <logindialog.h>
#include <mainwindow.h>
#include <serversmodel.h>
#include <serversview.h>
#include <settingsview.h>

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace Kura;
using Widgets::Page;

class tst_ConsoleWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void loginDialogLogsIn();
    void wrongPasswordKeepsTheDialogOpen();
    void loginDialogValidatesBeforeSubmitting();
    void navigationAndShortcutsReachEveryPage();
    void languageSwitchesAtOnce();
    void lostServerShowsBannerAndRecovers();
    void geometryAndColumnWidthsAreRemembered();

private:
    Widgets::LanguageManager *m_languages = nullptr;
    std::unique_ptr<Test::DemoServer> m_server;
};

void tst_ConsoleWindow::initTestCase()
{
    Test::isolateSettings();
    m_languages = new Widgets::LanguageManager(this);
}

void tst_ConsoleWindow::init()
{
    QSettings().clear();
    QVERIFY(m_languages->setLanguage(Widgets::Language::English));
    m_server = std::make_unique<Test::DemoServer>();
    QVERIFY(m_server->ok());
    QVERIFY(m_server->seedDemoFleet());
}

void tst_ConsoleWindow::cleanup()
{
    m_server.reset();
}

void tst_ConsoleWindow::loginDialogLogsIn()
{
    Widgets::Console console(m_languages);
    console.start(Widgets::ConsoleOptions::login(m_server->url(), u"acme"_s, u"admin"_s));
    QVERIFY(QTest::qWaitForWindowExposed(console.window()));
    Widgets::LoginDialog *dialog = console.loginDialog();
    QVERIFY(dialog);
    auto *password = dialog->findChild<QLineEdit *>(u"loginPassword"_s);
    auto *login = dialog->findChild<QPushButton *>(u"loginButton"_s);
    QVERIFY(password && login);
    QVERIFY(!login->isEnabled()); // no password yet
    QVERIFY(password->hasFocus() || !dialog->isActiveWindow());
    QTest::keyClicks(password, u"pw-admin"_s);
    QVERIFY(login->isEnabled());
    QTest::mouseClick(login, Qt::LeftButton);
    QTRY_COMPARE(console.session()->state(), Models::Session::State::Connected);
    QTRY_VERIFY(!console.loginDialog());
    QTRY_COMPARE(console.session()->servers()->rowCount(), 6);
    auto *status = console.window()->findChild<QLabel *>(u"connectionStatus"_s);
    QVERIFY(status->text().contains(u"admin (Administrator)"_s));
    // The failed backup of files-03 raised an alert nobody has acknowledged.
    auto *alerts = console.window()->findChild<QLabel *>(u"alertsStatus"_s);
    QTRY_VERIFY(console.session()->alerts()->openCount() > 0);
    const int open = console.session()->alerts()->openCount();
    QCOMPARE(alerts->text(), open == 1 ? u"1 open alert"_s : u"%1 open alerts"_s.arg(open));
    auto *table = console.serversView()->table();
    QCOMPARE(table->model()->rowCount(), 6);
    // Sorted by name: app-02 first.
    QCOMPARE(table->model()->index(0, Models::ServersModel::Name).data().toString(), u"app-02"_s);
}

void tst_ConsoleWindow::wrongPasswordKeepsTheDialogOpen()
{
    Widgets::Console console(m_languages);
    console.start(Widgets::ConsoleOptions::login(m_server->url(), u"acme"_s, u"admin"_s));
    Widgets::LoginDialog *dialog = console.loginDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"loginPassword"_s), u"wrong"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"loginButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!dialog->errorText().isEmpty());
    QCOMPARE(dialog->errorText(), u"The tenant, user or password is wrong, or the session has expired."_s);
    QVERIFY(dialog->isVisible());
    QCOMPARE(console.session()->state(), Models::Session::State::Disconnected);
    QVERIFY(dialog->findChild<QPushButton *>(u"loginButton"_s)->isEnabled());
}

void tst_ConsoleWindow::loginDialogValidatesBeforeSubmitting()
{
    Widgets::LoginDialog dialog;
    dialog.setParameters(QUrl(u"ftp://host"_s), u"acme"_s, u"admin"_s);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"loginPassword"_s), u"x"_s);
    QCOMPARE(dialog.validationProblem(), u"The address must start with http:// or https:// and name a host."_s);
    QVERIFY(!dialog.findChild<QPushButton *>(u"loginButton"_s)->isEnabled());
    dialog.setParameters(QUrl(u"https://backup.example:8640"_s), QString(), u"admin"_s);
    QCOMPARE(dialog.validationProblem(), u"Enter the tenant."_s);
    auto *local = dialog.findChild<QPushButton *>(u"localServerButton"_s);
    dialog.setLocalServerAvailable(false, u"no embedded server"_s);
    QVERIFY(!local->isEnabled());
    QCOMPARE(local->toolTip(), u"no embedded server"_s);
}

void tst_ConsoleWindow::navigationAndShortcutsReachEveryPage()
{
    Widgets::Console console(m_languages);
    console.start({});
    QVERIFY(QTest::qWaitForWindowExposed(console.window()));
    console.loginDialog()->reject();
    auto *window = console.window();
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
    auto *navigation = window->findChild<QListWidget *>(u"navigation"_s);
    QCOMPARE(navigation->count(), Widgets::PageCount);
    const QStringList titles { u"Servers"_s, u"Jobs"_s, u"Restore"_s, u"Reports"_s, u"Usage"_s,
                               u"Regions"_s, u"Disaster Recovery"_s, u"Settings"_s };
    for (int i = 0; i < Widgets::PageCount; ++i) {
        QCOMPARE(navigation->item(i)->text(), titles.at(i));
        QVERIFY(!navigation->item(i)->toolTip().isEmpty());
        QTest::keyClick(window, Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
        QCOMPARE(window->currentPage(), Page(i));
        QCOMPARE(navigation->currentRow(), i);
        QVERIFY(window->page(Page(i))->isVisible());
    }
    QCOMPARE(window->page(Page::Servers), console.serversView());
    QCOMPARE(window->page(Page::Settings), console.settingsView());
}

void tst_ConsoleWindow::languageSwitchesAtOnce()
{
    Widgets::Console console(m_languages);
    console.start({});
    console.loginDialog()->reject();
    QVERIFY(Test::logIn(*console.session(), *m_server, u"admin"_s));
    auto *window = console.window();
    auto *navigation = window->findChild<QListWidget *>(u"navigation"_s);
    auto *combo = console.settingsView()->findChild<QComboBox *>(u"languageCombo"_s);
    auto *protect = console.serversView()->findChild<QAction *>(u"protectAction"_s);
    const auto *servers = console.session()->servers();
    QTRY_COMPARE(servers->rowCount(), 6);
    QCOMPARE(servers->headerData(Models::ServersModel::Name, Qt::Horizontal, Qt::DisplayRole).toString(), u"Name"_s);

    QVERIFY(m_languages->setLanguage(Widgets::Language::Japanese));
    QCOMPARE(m_languages->effectiveCode(), u"ja"_s);
    // Qt delivers QEvent::LanguageChange through the event loop: the next turn of it.
    QTRY_COMPARE(window->windowTitle(), u"Kura バックアップコンソール"_s);
    QCOMPARE(navigation->item(0)->text(), u"サーバー"_s);
    QCOMPARE(protect->text(), u"保護(&P)..."_s);
    QCOMPARE(servers->headerData(Models::ServersModel::Name, Qt::Horizontal, Qt::DisplayRole).toString(), u"名前"_s);
    QCOMPARE(servers->serverAt(0).name, u"app-02"_s);
    QCOMPARE(servers->index(0, Models::ServersModel::Protection).data().toString(), u"保護中"_s);
    QCOMPARE(combo->currentData().toInt(), int(Widgets::Language::Japanese));
    QCOMPARE(QSettings().value(u"ui/language"_s).toString(), u"ja"_s);

    QVERIFY(m_languages->setLanguage(Widgets::Language::English));
    QTRY_COMPARE(navigation->item(0)->text(), u"Servers"_s);
    QCOMPARE(protect->text(), u"&Protect..."_s);
    QCOMPARE(combo->currentData().toInt(), int(Widgets::Language::English));
}

void tst_ConsoleWindow::lostServerShowsBannerAndRecovers()
{
    Widgets::Console console(m_languages);
    console.start({});
    console.loginDialog()->reject();
    console.client()->setProbeInterval(std::chrono::milliseconds(200));
    console.session()->setServersInterval(200);
    QVERIFY(Test::logIn(*console.session(), *m_server, u"operator"_s));
    auto *banner = console.window()->banner();
    QVERIFY(!banner->isVisible());
    m_server.reset(); // the server goes away
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
    QCOMPARE(console.session()->state(), Models::Session::State::Lost);
    QVERIFY(banner->text().contains(u"is lost"_s));
    // The GUI still answers: navigation works while the server is away.
    console.window()->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(console.window()));
    QTest::keyClick(console.window(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(console.window()->currentPage(), Page::Jobs);
    auto *status = console.window()->findChild<QLabel *>(u"connectionStatus"_s);
    QCOMPARE(status->text(), u"Connection lost"_s);
}

void tst_ConsoleWindow::geometryAndColumnWidthsAreRemembered()
{
    {
        Widgets::Console console(m_languages);
        console.start({});
        console.loginDialog()->reject();
        console.window()->resize(1000, 640);
        console.window()->showPage(Page::Reports);
        QTableView *table = console.serversView()->table();
        table->setColumnWidth(Models::ServersModel::Region, 222);
        QTRY_VERIFY(QSettings().contains(u"serversView/header"_s));
        console.window()->close();
    }
    Widgets::Console again(m_languages);
    again.start({});
    again.loginDialog()->reject();
    QCOMPARE(again.window()->size(), QSize(1000, 640));
    QCOMPARE(again.window()->currentPage(), Page::Reports);
    QCOMPARE(again.serversView()->table()->columnWidth(Models::ServersModel::Region), 222);
}

QTEST_MAIN(tst_ConsoleWindow)
#include "tst_consolewindow.moc"
