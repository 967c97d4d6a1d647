#include "session.h"

#include "alertsmodel.h"
#include "jobsmodel.h"
#include "modeltext.h"
#include "regionsmodel.h"
#include "reportmodel.h"
#include "serversmodel.h"
#include "usagemodel.h"

using namespace Qt::StringLiterals;

namespace Kura::Models {

using namespace Api::Client;

namespace {
constexpr int ActiveJobsIntervalMs = 1000;
constexpr int ServersIntervalMs = 10000;
constexpr int AlertsIntervalMs = 30000;
} // namespace

Session::Session(ApiClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_servers(new ServersModel(this))
    , m_jobs(new JobsModel(this))
    , m_report(new ReportModel(this))
    , m_alerts(new AlertsModel(this))
    , m_regions(new RegionsModel(this))
    , m_usage(new UsageModel(this))
    , m_events(new EventSubscription(*client, this))
{
    m_jobs->setServersModel(m_servers);
    m_alerts->setServersModel(m_servers);
    m_serversTimer.setInterval(ServersIntervalMs);
    m_alertsTimer.setInterval(AlertsIntervalMs);
    m_jobsTimer.setSingleShot(true);
    connect(&m_serversTimer, &QTimer::timeout, this, &Session::refreshServers);
    connect(&m_alertsTimer, &QTimer::timeout, this, &Session::refreshAlerts);
    connect(&m_jobsTimer, &QTimer::timeout, this, &Session::refreshJobs);
    m_derivedTimer.setInterval(ActiveJobsIntervalMs);
    connect(&m_derivedTimer, &QTimer::timeout, m_jobs, &JobsModel::refreshDerived);
    watchEvents();
    connect(m_client, &ApiClient::connectionLost, this, [this](const QString &reason) {
        if (m_state != State::Connected)
            return;
        setState(State::Lost);
        emit connectionLost(reason);
    });
    connect(m_client, &ApiClient::connectionRestored, this, [this] {
        if (m_state != State::Lost)
            return;
        setState(State::Connected);
        refreshAll();
    });
    connect(m_client, &ApiClient::tokenRejected, this, [this] {
        if (m_state == State::Connected || m_state == State::Lost) {
            stopPolling();
            setState(State::Disconnected);
            emit loginFailed(Tr::tr("The session has ended. Log in again."));
        }
    });
}

Session::~Session() = default;

void Session::watchEvents()
{
    connect(m_events, &EventSubscription::jobChanged, this, [this](const JobInfo &job) {
        if (m_state != State::Connected)
            return;
        m_jobs->updateJob(job);
        if (!job.isFinished())
            m_derivedTimer.start();
    });
    connect(m_events, &EventSubscription::connected, this, [this] {
        emit liveEventsChanged(true);
        // Catch up with what changed while the subscription was down, then poll slowly.
        refreshJobs();
    });
    auto down = [this](const QString &) {
        emit liveEventsChanged(false);
        if (!m_jobsCall.isRunning())
            scheduleJobs();
    };
    connect(m_events, &EventSubscription::disconnected, this, down);
    connect(m_events, &EventSubscription::refused, this, down);
}

void Session::setEventsRetryInterval(int ms)
{
    m_events->setRetryInterval(std::chrono::milliseconds(ms));
}

void Session::login(const QUrl &url, const QString &tenant, const QString &user, const QString &password)
{
    stopPolling();
    m_client->setBaseUrl(url);
    m_client->setToken({});
    m_tenant = tenant;
    setState(State::LoggingIn);
    m_client->login(tenant, user, password, this, [this](ApiResult<LoginResult> result) {
        if (!result) {
            setState(State::Disconnected);
            emit loginFailed(errorText(result.error()));
            return;
        }
        m_client->setToken(result->token);
        finishLogin(result->identity);
    });
}

void Session::useToken(const QUrl &url, const QString &token)
{
    stopPolling();
    m_client->setBaseUrl(url);
    m_client->setToken(token);
    m_tenant.clear();
    setState(State::LoggingIn);
    m_client->me(this, [this](ApiResult<Identity> result) {
        if (!result) {
            setState(State::Disconnected);
            emit loginFailed(errorText(result.error()));
            return;
        }
        finishLogin(*result);
    });
}

void Session::finishLogin(const Identity &identity)
{
    m_identity = identity;
    setState(State::Connected);
    startPolling();
}

void Session::logout()
{
    stopPolling();
    if (m_state == State::Connected)
        m_client->logout(m_client, [](ApiResult<void>) {});
    m_client->setToken({});
    m_identity = {};
    m_servers->clear();
    m_jobs->clear();
    m_report->clear();
    m_alerts->clear();
    m_regions->clear();
    m_usage->clear();
    setState(State::Disconnected);
}

bool Session::mayOperate() const
{
    return m_identity.role == u"admin"_s || m_identity.role == u"operator"_s;
}

bool Session::mayAdminister() const
{
    return m_identity.role == u"admin"_s;
}

void Session::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void Session::startPolling()
{
    m_serversTimer.start();
    m_alertsTimer.start();
    m_events->start();
    refreshAll();
}

void Session::stopPolling()
{
    m_serversTimer.stop();
    m_alertsTimer.stop();
    m_jobsTimer.stop();
    m_derivedTimer.stop();
    m_events->stop();
    for (ApiCall *call : { &m_serversCall, &m_jobsCall, &m_alertsCall, &m_reportCall, &m_regionsCall, &m_usageCall })
        call->abort();
}

void Session::reportError(const ApiError &error)
{
    // Lost connections are reported once by the client's connectionLost(); cancelled calls
    // were abandoned on purpose.
    if (error.unreachable || error.code == ErrorCode::Cancelled || error.httpStatus == 401)
        return;
    emit refreshFailed(errorText(error));
}

void Session::refreshServers()
{
    if (m_state != State::Connected || m_serversCall.isRunning())
        return;
    m_serversCall = m_client->servers(this, [this](ApiResult<QList<ServerInfo>> result) {
        if (result)
            m_servers->setServers(*result);
        else
            reportError(result.error());
    });
}

void Session::scheduleJobs()
{
    if (m_state != State::Connected)
        return;
    const bool active = m_jobs->hasActiveJobs();
    if (active)
        m_derivedTimer.start();
    else
        m_derivedTimer.stop();
    if (m_events->isConnected())
        m_jobsTimer.start(m_liveJobsIntervalMs);
    else
        m_jobsTimer.start(active ? ActiveJobsIntervalMs : m_idleJobsIntervalMs);
}

void Session::refreshJobs()
{
    if (m_state != State::Connected || m_jobsCall.isRunning())
        return;
    m_jobsTimer.stop();
    m_jobsCall = m_client->jobs(JobFilter {}, this, [this](ApiResult<QList<JobInfo>> result) {
        if (result)
            m_jobs->setJobs(*result);
        else
            reportError(result.error());
        scheduleJobs();
    });
}

void Session::refreshAlerts()
{
    if (m_state != State::Connected || m_alertsCall.isRunning())
        return;
    m_alertsCall = m_client->alerts(false, 0, this, [this](ApiResult<QList<AlertInfo>> result) {
        if (result)
            m_alerts->setAlerts(*result);
        else
            reportError(result.error());
    });
}

void Session::refreshReport()
{
    if (m_state != State::Connected || m_reportCall.isRunning())
        return;
    m_reportCall = m_client->jobReport(0, this, [this](ApiResult<JobReport> result) {
        if (!result) {
            reportError(result.error());
            return;
        }
        m_report->setReport(*result);
        emit reportLoaded();
    });
}

void Session::refreshRegions()
{
    if (m_state != State::Connected || m_regionsCall.isRunning())
        return;
    m_regionsCall = m_client->regions(this, [this](ApiResult<QList<RegionInfo>> result) {
        if (result)
            m_regions->setRegions(*result);
        else
            reportError(result.error());
    });
}

void Session::refreshUsage(const QString &month)
{
    if (m_state != State::Connected)
        return;
    if (m_usageCall.isRunning()) {
        if (month == m_usageMonth)
            return;
        m_usageCall.abort();
    }
    m_usageMonth = month;
    m_usageCall = m_client->usage(month, this, [this](ApiResult<UsageReport> result) {
        if (!result) {
            reportError(result.error());
            return;
        }
        m_usage->setReport(*result);
        emit usageLoaded();
    });
}

void Session::retryNow()
{
    if (m_state == State::Lost)
        m_client->me(this, [](ApiResult<Identity>) {});
}

void Session::refreshAll()
{
    refreshServers();
    refreshJobs();
    refreshAlerts();
    refreshRegions();
    refreshReport();
}

} // namespace Kura::Models
