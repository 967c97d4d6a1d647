// Deleting a client with its agent connected: a real kura-server and kura-agent on 127.0.0.1.
// The server's record goes, the agent is told and stops (its identity is no longer valid), a
// restarted agent with the old state is refused, and the machine enrolls again with a new
// package as a new server.
#include "systemfixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_DeleteClient : public QObject
{
    Q_OBJECT

private slots:
    void deletedClientsAgentStopsAndMustEnrollAgain();

private:
    static bool waitExit(QProcess *process, int timeoutMs)
    {
        return QTest::qWaitFor([process] { return process->state() == QProcess::NotRunning; }, timeoutMs);
    }
};

void tst_DeleteClient::deletedClientsAgentStopsAndMustEnrollAgain()
{
    Kura::Test::SystemFixture f;
    QVERIFY(f.ok());
    const qint64 id = f.addAgent(u"gone"_s);
    QVERIFY(id);
    const qint64 other = f.addAgent(u"stays"_s);
    QVERIFY(other);

    const Kura::Test::HttpReply ask = f.request("DELETE", u"/servers/%1"_s.arg(id));
    QCOMPARE(ask.status, 400);
    QCOMPARE(ask.json.value(u"details"_s).toObject().value(u"generations"_s).toInt(), 0);
    QVERIFY(f.agentProcess(u"gone"_s)->state() == QProcess::Running);

    const Kura::Test::HttpReply done = f.request("DELETE", u"/servers/%1?confirm=true"_s.arg(id));
    QCOMPARE(done.status, 200);
    QVERIFY2(waitExit(f.agentProcess(u"gone"_s), 15000), "the deleted client's agent keeps running");
    QCOMPARE(f.agentProcess(u"gone"_s)->exitCode(), 3); // stopped for good, not reconnecting
    QCOMPARE(f.get(u"/servers/%1"_s.arg(id)).status, 404);
    QVERIFY(f.waitOnline(other)); // the other agent is untouched

    // The old identity is refused: the agent started again stops at once.
    QVERIFY(f.startAgent(u"gone"_s));
    QVERIFY2(waitExit(f.agentProcess(u"gone"_s), 15000), "an agent with a deleted identity keeps running");
    QCOMPARE(f.agentProcess(u"gone"_s)->exitCode(), 3);
    QCOMPARE(f.get(u"/servers"_s).json.value(u"servers"_s).toArray().size(), 1);

    // Enrolling again with a new package makes a new server.
    const qint64 again = f.addAgent(u"again"_s);
    QVERIFY(again);
    QVERIFY(again != id);
    QCOMPARE(f.get(u"/servers"_s).json.value(u"servers"_s).toArray().size(), 2);
}

QTEST_GUILESS_MAIN(tst_DeleteClient)
#include "tst_deleteclient.moc"
