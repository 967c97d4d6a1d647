#pragma once

#include <api/client/apiclient.h>
#include <api/client/eventsubscription.h>

#include <QObject>
#include <QTimer>
#include <QUrl>

namespace Kura::Models {

class AlertsModel;
class JobsModel;
class RegionsModel;
class ReportModel;
class ServersModel;
class UsageModel;

// The console's connection to one server and the models fed from it. Every call goes through
// the asynchronous ApiClient, so nothing here blocks the GUI thread. While connected, servers
// and alerts are polled; the report, the regions and the usage load on request. Each kind of
// data has at most one call in flight. Models are updated incrementally from each answer.
//
// Jobs come live: the session subscribes to the server's events (EventSubscription) and applies
// every job change to the JobsModel as it arrives. While the subscription is connected, jobs
// are still polled every liveJobsInterval (30 s) as a fallback; while it is down, every second
// while a job is active, else every idleJobsInterval.
class Session : public QObject
{
    Q_OBJECT

public:
    enum class State { Disconnected, LoggingIn, Connected, Lost };
    Q_ENUM(State)

    // `client` must outlive the session (usually both are children of the same owner).
    explicit Session(Api::Client::ApiClient *client, QObject *parent = nullptr);
    ~Session() override;

    // Logs in with a password; emits loginFailed(translated reason) or stateChanged(Connected).
    void login(const QUrl &url, const QString &tenant, const QString &user, const QString &password);
    // Uses an existing token (the embedded server's, or an API key): asks /me to learn the
    // identity, then behaves as after a login.
    void useToken(const QUrl &url, const QString &token);
    // Ends the session on the server (best effort) and clears every model.
    void logout();

    State state() const { return m_state; }
    QUrl url() const { return m_client->baseUrl(); }
    QString tenant() const { return m_tenant; }
    const Api::Client::Identity &identity() const { return m_identity; }
    bool mayOperate() const; // operator or admin
    bool mayAdminister() const; // admin
    Api::Client::ApiClient *client() const { return m_client; }

    ServersModel *servers() const { return m_servers; }
    JobsModel *jobs() const { return m_jobs; }
    ReportModel *report() const { return m_report; }
    AlertsModel *alerts() const { return m_alerts; }
    RegionsModel *regions() const { return m_regions; }
    UsageModel *usage() const { return m_usage; }
    // The live events subscription is connected (jobs arrive without polling).
    bool hasLiveEvents() const { return m_events->isConnected(); }

    void refreshServers();
    void refreshJobs();
    void refreshAlerts();
    void refreshReport();
    void refreshRegions();
    // Loads the usage of `month` ("YYYY-MM"; empty: the current month) into usage(); a call
    // for another month abandons the one in flight.
    void refreshUsage(const QString &month = {});
    void refreshAll();
    // While the connection is lost: asks the server at once instead of waiting for the
    // client's next probe.
    void retryNow();

    void setIdleJobsInterval(int ms) { m_idleJobsIntervalMs = ms; }
    void setLiveJobsInterval(int ms) { m_liveJobsIntervalMs = ms; }
    // Time between attempts to reconnect the live events (default 5 s).
    void setEventsRetryInterval(int ms);
    void setServersInterval(int ms) { m_serversTimer.setInterval(ms); }

signals:
    void stateChanged(Kura::Models::Session::State state);
    void loginFailed(const QString &reason);
    // A refresh failed for a reason other than a lost connection (translated).
    void refreshFailed(const QString &reason);
    // The server stopped answering; `reason` is translated.
    void connectionLost(const QString &reason);
    void reportLoaded();
    void usageLoaded();
    // The live events subscription connected (true) or went down (false).
    void liveEventsChanged(bool connected);

private:
    void setState(State state);
    void startPolling();
    void stopPolling();
    void scheduleJobs();
    void finishLogin(const Api::Client::Identity &identity);
    void reportError(const Api::Client::ApiError &error);
    void watchEvents();

    Api::Client::ApiClient *m_client;
    ServersModel *m_servers;
    JobsModel *m_jobs;
    ReportModel *m_report;
    AlertsModel *m_alerts;
    RegionsModel *m_regions;
    UsageModel *m_usage;
    Api::Client::EventSubscription *m_events;
    QTimer m_serversTimer;
    QTimer m_jobsTimer;
    QTimer m_alertsTimer;
    QTimer m_derivedTimer; // rate and stall of running jobs between live events
    Api::Client::ApiCall m_serversCall;
    Api::Client::ApiCall m_jobsCall;
    Api::Client::ApiCall m_alertsCall;
    Api::Client::ApiCall m_reportCall;
    Api::Client::ApiCall m_regionsCall;
    Api::Client::ApiCall m_usageCall;
    QString m_usageMonth; // of the call in flight
    State m_state = State::Disconnected;
    Api::Client::Identity m_identity;
    QString m_tenant;
    int m_idleJobsIntervalMs = 10000;
    int m_liveJobsIntervalMs = 30000;
};

} // namespace Kura::Models
