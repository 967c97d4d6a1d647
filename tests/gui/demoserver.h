#pragma once

// A real Kura API server for the console's GUI tests and screenshots: a SQLite catalog in a
// temporary folder, the real scheduler, the ApiService behind a real QHttpServer on 127.0.0.1
// (random port). Agents are not running; the dispatcher records what the scheduler hands out
// and the tests report job progress as an agent session would. Tenant "acme" has the users
// admin, operator and viewer (password "pw-<name>").
#include <api/apiservice.h>
#include <api/auth.h>
#include <api/eventstream.h>
#include <api/httpserveradapter.h>
#include <catalog/database.h>
#include <policy/pricetable.h>
#include <scheduler/scheduler.h>
#include <testsupport.h>

#include <QSet>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace Kura::Test {

class RecordingDispatcher final : public Scheduler::Dispatcher
{
public:
    bool isConnected(qint64, qint64 serverId) const override { return !offline.contains(serverId); }
    void dispatch(const Scheduler::DispatchRequest &request) override { dispatched << request; }
    void stop(qint64, qint64 jobId) override { stopRequests << jobId; }

    QSet<qint64> offline;
    QList<Scheduler::DispatchRequest> dispatched;
    QList<qint64> stopRequests;
};

class NoDataRemover final : public Scheduler::DataRemover
{
public:
    Status forgetSnapshots(qint64, qint64, const QStringList &) override { return {}; }
};

class DemoServer
{
public:
    // Builds everything and listens. Check ok() afterwards. The clock starts at the real
    // current time so that the report's 14 days contain the demo jobs.
    DemoServer();
    ~DemoServer();

    bool ok() const { return m_port != 0; }
    QUrl url() const;
    Catalog::Database &db() { return *m_db; }
    qint64 tenant() const { return m_tenant; }

    // A server of the tenant in `region`, protected with `plan` when given; 0 on error.
    qint64 addServer(const QString &name, const QString &region, const std::optional<Policy::Plan> &plan,
                     const QString &osId = QStringLiteral("debian"), const QString &osVersion = QStringLiteral("12"),
                     const QString &flavor = QStringLiteral("m1.medium"));
    // A finished backup job `daysAgo` days back with its generation (and a remote copy for
    // double plans); returns the job id, 0 on error.
    qint64 addFinishedBackup(qint64 serverId, double daysAgo, Policy::JobState state,
                             qint64 sourceBytes, const QString &reason = {});
    // A running backup job at `fraction` of `sourceBytes`; returns the job id.
    qint64 addRunningBackup(qint64 serverId, qint64 sourceBytes, double fraction);
    // Reports progress of a running job as its agent would; the live events send the job.
    bool reportProgress(qint64 jobId, qint64 sourceBytes, qint64 bytesDone);
    // Daily usage samples of `serverId` with the menu of `plan`: `bytes` on each day from
    // `from` to `to` (UTC), growing by `growthPerDay`.
    bool addUsage(qint64 serverId, const QString &name, const Policy::Plan &plan, QDate from, QDate to,
                  qint64 bytes, qint64 growthPerDay);

    // The demo fleet of the screenshots: servers in several regions and states, finished,
    // failed, running and queued jobs, generations with copies, alerts, a failed region and
    // daily usage samples of this month and the last.
    bool seedDemoFleet();

    ManualClock clock;
    // The agent listener the agent packages of enrollment tokens name (none listens there).
    const Api::ServerIdentity identity { QStringLiteral("backup.acme.example:8641"), {},
        QByteArray::fromHex("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") };
    RecordingDispatcher dispatcher;
    NoDataRemover remover;
    std::unique_ptr<Scheduler::Scheduler> scheduler;
    std::unique_ptr<Api::Authenticator> auth;
    std::unique_ptr<Api::ApiService> api;
    // The live events (GET /events as a WebSocket), as kura-server serves them.
    std::unique_ptr<Api::EventStream> events;
    // resources/prices.json, for the usage page's estimated charges.
    std::optional<Policy::PriceTable> prices;

private:
    bool createTenant();
    bool seedRegions();

    QTemporaryDir m_dir;
    std::unique_ptr<Catalog::Database> m_db;
    std::unique_ptr<Api::HttpServerAdapter> m_http;
    qint64 m_tenant = 0;
    quint16 m_port = 0;
};

Policy::Plan demoPlan(Policy::Timing timing, Policy::Storage storage, int retentionDays,
                      Policy::Content content = Policy::Content::Files);

} // namespace Kura::Test
