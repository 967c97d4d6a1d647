// A kura-server host that starts on a data folder its previous process left with unfinished
// jobs: it starts (a queued job must not stop it), running jobs are failed and a queued backup
// waits for its agent.
#include <catalog/jobstore.h>
#include <catalog/serverstore.h>
#include <catalog/tenantstore.h>
#include <server/serverhost.h>
#include <testsupport.h>

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura;

class tst_ServerHost : public QObject
{
    Q_OBJECT

private slots:
    void restartKeepsQueuedBackupAndFailsRunningOne();

private:
    static Server::ServerConfig config(const QString &dataFolder)
    {
        Server::ServerConfig c;
        c.dataFolder = dataFolder;
        c.apiAddress = QHostAddress::LocalHost;
        c.apiPort = 0;
        c.agentAddress = QHostAddress::LocalHost;
        c.agentPort = 0;
        c.tickIntervalMs = 200;
        return c;
    }
};

void tst_ServerHost::restartKeepsQueuedBackupAndFailsRunningOne()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    qint64 tenant = 0;
    qint64 runningJob = 0;
    qint64 queuedJob = 0;
    {
        auto host = Server::ServerHost::start(config(dir.path()),
                                              Server::InitialAdmin { u"alpha"_s, u"admin"_s, u"a long password"_s });
        QVERIFY_RESULT(host);
        auto tenants = Catalog::TenantStore((*host)->catalog()).list();
        QVERIFY_RESULT(tenants);
        QCOMPARE(tenants->size(), 1);
        tenant = tenants->first().id;
        Catalog::NewServer server;
        server.name = u"app"_s;
        server.region = u"JP1"_s;
        server.agentId = u"agent-app"_s;
        server.agentSecretHash = u"00"_s;
        auto serverId = Catalog::ServerStore((*host)->catalog()).create(tenant, server, 0);
        QVERIFY_RESULT(serverId);
        Policy::Plan plan;
        plan.timing = Policy::Timing::Immediate;
        plan.retentionDays = 7;
        plan.includePaths = { u"/srv"_s };
        QVERIFY_RESULT(Catalog::ServerStore((*host)->catalog()).protect(tenant, *serverId, plan, 0));
        Catalog::JobStore jobs((*host)->catalog());
        Catalog::NewJob job;
        job.serverId = *serverId;
        job.kind = Policy::JobKind::FileBackup;
        job.queuedMs = 1000;
        auto running = jobs.create(tenant, job);
        QVERIFY_RESULT(running);
        QVERIFY_RESULT(jobs.markRunning(tenant, *running, 2000));
        runningJob = *running;
        job.queuedMs = 3000;
        auto queued = jobs.create(tenant, job);
        QVERIFY_RESULT(queued);
        queuedJob = *queued;
    }

    auto host = Server::ServerHost::start(config(dir.path()), std::nullopt);
    QVERIFY_RESULT(host);
    Catalog::JobStore jobs((*host)->catalog());
    auto running = jobs.job(tenant, runningJob);
    QVERIFY_RESULT(running);
    QCOMPARE(running->state, Policy::JobState::Failed);
    QVERIFY(running->reason.contains(u"the server stopped while the job was running"_s));
    auto queued = jobs.job(tenant, queuedJob);
    QVERIFY_RESULT(queued);
    QCOMPARE(queued->state, Policy::JobState::Queued);
    QCOMPARE(queued->reason, u"held: the server restarted before the job started"_s);
    // The scheduler ticks on its own; with the agent away, the job keeps waiting (not cancelled).
    QTest::qWait(1500);
    queued = jobs.job(tenant, queuedJob);
    QVERIFY_RESULT(queued);
    QCOMPARE(queued->state, Policy::JobState::Queued);
}

QTEST_GUILESS_MAIN(tst_ServerHost)
#include "tst_serverhost.moc"
