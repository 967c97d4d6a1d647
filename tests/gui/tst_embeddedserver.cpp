// The console's embedded server: the real ServerHost on its own thread with a temporary data
// folder; the console logs in with the API key it makes, through the API like to any server,
// and the in-process agent enrolls the local machine.
#include "guisupport.h"

#include <embeddedserver.h>
#include <mainwindow.h>
#include <serversmodel.h>
#include <settingsview.h>

#include <QLabel>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace Kura;

class tst_EmbeddedServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void startsAndGivesAWorkingToken();
    void secondStartReusesTheFolder();
    void consoleStartsAndConnectsByItself();
    void unusableFolderFails();

private:
    QTemporaryDir m_dir;
};

void tst_EmbeddedServer::initTestCase()
{
    Test::isolateSettings();
    auto *languages = new Widgets::LanguageManager(this);
    QVERIFY(languages->setLanguage(Widgets::Language::English));
    QVERIFY(m_dir.isValid());
}

void tst_EmbeddedServer::startsAndGivesAWorkingToken()
{
    Models::EmbeddedServer server;
    QSignalSpy started(&server, &Models::EmbeddedServer::started);
    QSignalSpy failed(&server, &Models::EmbeddedServer::failed);
    server.start(m_dir.filePath(u"one"_s));
    QVERIFY(started.wait(30000));
    QCOMPARE(failed.count(), 0);
    const QUrl url = started.first().at(0).toUrl();
    QCOMPARE(url.host(), u"127.0.0.1"_s);
    QVERIFY(url.port() > 0);
    Api::Client::ApiClient client;
    Models::Session session(&client);
    session.useToken(url, started.first().at(1).toString());
    QTRY_COMPARE(session.state(), Models::Session::State::Connected);
    QCOMPARE(session.identity().user, u"admin"_s);
    QCOMPARE(session.identity().role, u"admin"_s);
    QVERIFY(session.identity().apiKey);
}

void tst_EmbeddedServer::secondStartReusesTheFolder()
{
    const QString folder = m_dir.filePath(u"two"_s);
    QString firstToken;
    {
        Models::EmbeddedServer server;
        QSignalSpy started(&server, &Models::EmbeddedServer::started);
        server.start(folder);
        QVERIFY(started.wait(30000));
        firstToken = started.first().at(1).toString();
    }
    Models::EmbeddedServer again;
    QSignalSpy started(&again, &Models::EmbeddedServer::started);
    QSignalSpy failed(&again, &Models::EmbeddedServer::failed);
    again.start(folder);
    QVERIFY2(started.wait(30000), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));
    QVERIFY(started.first().at(1).toString() != firstToken);
    {
        // The local machine is one server, however often the console starts.
        Api::Client::ApiClient client;
        Models::Session session(&client);
        session.setServersInterval(200);
        session.useToken(started.first().at(0).toUrl(), started.first().at(1).toString());
        QTRY_COMPARE_WITH_TIMEOUT(session.servers()->rowCount(), 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(session.servers()->serverAt(0).online, 30000);
        QTest::qWait(1000);
        QCOMPARE(session.servers()->rowCount(), 1);
    }
    // The first run's key was revoked when it stopped.
    Api::Client::ApiClient client;
    Models::Session session(&client);
    QSignalSpy loginFailed(&session, &Models::Session::loginFailed);
    session.useToken(started.first().at(0).toUrl(), firstToken);
    QVERIFY(loginFailed.wait(5000));
}

void tst_EmbeddedServer::consoleStartsAndConnectsByItself()
{
    Widgets::LanguageManager languages;
    Widgets::Console console(&languages);
    Widgets::ConsoleOptions options;
    options.embedded = true;
    options.dataFolder = m_dir.filePath(u"console"_s);
    console.session()->setServersInterval(200);
    console.start(options);
    QTRY_COMPARE_WITH_TIMEOUT(console.session()->state(), Models::Session::State::Connected, 30000);
    QVERIFY(!console.loginDialog());
    // The in-process agent enrolls the local machine: it appears as an unprotected server.
    const auto *servers = console.session()->servers();
    QTRY_COMPARE_WITH_TIMEOUT(servers->rowCount(), 1, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(servers->serverAt(0).online, 30000);
    QVERIFY(!servers->serverAt(0).isProtected);
    QCOMPARE(servers->serverAt(0).facts.hostName, QSysInfo::machineHostName());
    const QList<QLabel *> note = console.settingsView()->findChildren<QLabel *>();
    bool mentionsFolder = false;
    for (QLabel *label : note)
        mentionsFolder = mentionsFolder || label->text().contains(u"local server"_s);
    QVERIFY(mentionsFolder);
}

void tst_EmbeddedServer::unusableFolderFails()
{
    QFile file(m_dir.filePath(u"not-a-folder"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    Models::EmbeddedServer server;
    QSignalSpy failed(&server, &Models::EmbeddedServer::failed);
    server.start(file.fileName());
    QVERIFY(failed.wait(30000));
    QVERIFY(!failed.first().at(0).toString().isEmpty());
    QVERIFY(!server.isRunning());
}

QTEST_MAIN(tst_EmbeddedServer)
#include "tst_embeddedserver.moc"
