#pragma once

#include "agentapi.h"
#include "agenthub.h"
#include "repositorydataremover.h"
#include "schedulerservice.h"
#include "serverconfig.h"
#include "tenantrepositories.h"
#include "tlsidentity.h"

#include <api/apiservice.h>
#include <api/auth.h>
#include <api/eventstream.h>
#include <api/httpserveradapter.h>
#include <api/serveridentity.h>
#include <catalog/database.h>
#include <core/clock.h>
#include <scheduler/scheduler.h>

#include <QHostAddress>
#include <QObject>

#include <memory>

namespace Kura::Server {

// The first tenant and administrator, created on the first start of an empty data folder.
struct InitialAdmin
{
    QString tenant;
    QString user;
    QString password;
};

// A running kura-server: the catalog (SQLite in the data folder), the scheduler ticking in
// real time, the tenants' repositories, the agent listener (TLS 1.3) and the HTTP API
// (/api/v1; TLS when not on loopback). Everything lives in the thread that called start()
// (kura-server's main thread, or the console's worker thread in embedded mode). On start,
// jobs left running by a previous process are marked failed with that reason.
class ServerHost : public QObject
{
    Q_OBJECT

public:
    ~ServerHost() override;

    // Errors: the data folder is empty and no `admin` is given (InvalidArgument), the
    // catalog or TLS files cannot be opened, a port is taken (Unavailable).
    static Result<std::unique_ptr<ServerHost>> start(const ServerConfig &config,
                                                     const std::optional<InitialAdmin> &admin,
                                                     const Clock *clock = nullptr);

    quint16 apiPort() const { return m_apiPort; }
    quint16 agentPort() const { return m_agentPort; }
    QString apiUrl() const;
    QByteArray certificateFingerprint() const { return m_tls.fingerprint(); }
    AgentHub &agents() { return *m_hub; }
    Catalog::Database &catalog() { return *m_db; }
    Api::Authenticator &authenticator() { return *m_auth; }
    Scheduler::Scheduler &scheduler() { return *m_scheduler; }

private:
    ServerHost() = default;
    Status init(const ServerConfig &config, const std::optional<InitialAdmin> &admin, const Clock *clock);

    SystemClock m_systemClock;
    const Clock *m_clock = nullptr;
    TlsIdentity m_tls;
    Api::ServerIdentity m_identity;
    std::unique_ptr<Catalog::Database> m_db;
    std::unique_ptr<TenantRepositories> m_repositories;
    std::unique_ptr<RepositoryDataRemover> m_remover;
    std::unique_ptr<AgentHub> m_hub;
    std::unique_ptr<AgentApi> m_agentApi;
    std::unique_ptr<Scheduler::Scheduler> m_scheduler;
    std::unique_ptr<SchedulerService> m_service;
    std::unique_ptr<Api::Authenticator> m_auth;
    std::unique_ptr<Api::ApiService> m_api;
    std::optional<Policy::PriceTable> m_prices;
    std::unique_ptr<Api::HttpServerAdapter> m_http;
    std::unique_ptr<Api::EventStream> m_events;
    quint16 m_apiPort = 0;
    quint16 m_agentPort = 0;
    bool m_apiTls = false;
};

} // namespace Kura::Server
