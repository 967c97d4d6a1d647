#include "serverhost.h"

#include <catalog/jobstore.h>
#include <catalog/serverstore.h>
#include <catalog/tenantstore.h>
#include <catalog/userstore.h>
#include <policy/regionmatrix.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace Kura::Server {
ServerHost::~ServerHost()
{
    if (m_service)
        m_service->stop();
    m_events.reset();
    m_http.reset();
    m_api.reset();
    m_hub.reset();
}

QString ServerHost::apiUrl() const
{
    return u"%1://127.0.0.1:%2"_s.arg(m_apiTls ? u"https"_s : u"http"_s).arg(m_apiPort);
}

Result<std::unique_ptr<ServerHost>> ServerHost::start(const ServerConfig &config, const std::optional<InitialAdmin> &admin,
                                                      const Clock *clock)
{
    std::unique_ptr<ServerHost> host(new ServerHost);
    KURA_TRY(host->init(config, admin, clock));
    return host;
}

Status ServerHost::init(const ServerConfig &config, const std::optional<InitialAdmin> &admin, const Clock *clock)
{
    m_clock = clock ? clock : &m_systemClock;
    if (config.dataFolder.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"no data folder given"_s);
    if (!QDir().mkpath(config.dataFolder))
        return fail(ErrorCode::Io, u"cannot create the data folder \"%1\""_s.arg(config.dataFolder));
    QFile::setPermissions(config.dataFolder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    Catalog::DatabaseOptions options;
    options.name = config.dataFolder + u"/catalog.sqlite"_s;
    auto db = Catalog::Database::open(options);
    if (!db)
        return fail(db.error());
    m_db = std::move(*db);

    Catalog::TenantStore tenants(*m_db);
    auto existing = tenants.list();
    if (!existing)
        return fail(existing.error());
    if (existing->isEmpty()) {
        if (!admin)
            return fail(ErrorCode::InvalidArgument,
                        u"the data folder \"%1\" has no tenant yet: give the first tenant and administrator "
                        "(--init-tenant, --init-admin and --init-password-file)"_s.arg(config.dataFolder));
        if (admin->password.size() < 8)
            return fail(ErrorCode::InvalidArgument, u"the administrator's password must have at least 8 characters"_s);
        if (admin->tenant.trimmed().isEmpty() || admin->user.trimmed().isEmpty())
            return fail(ErrorCode::InvalidArgument, u"the first tenant and administrator need names"_s);
        auto tenant = tenants.create(admin->tenant, m_clock->nowMs());
        if (!tenant)
            return fail(tenant.error());
        Catalog::UserStore users(*m_db);
        auto user = users.create(*tenant, admin->user, admin->password, Catalog::Role::Admin, m_clock->nowMs());
        if (!user)
            return fail(user.error());
    }

    // Jobs that a previous process left running failed; queued backups wait for their agent.
    if (auto recovered = Scheduler::recoverUnfinishedJobs(*m_db, m_clock->nowMs()); !recovered)
        return fail(recovered.error());
    auto all = tenants.list();
    if (all) {
        for (const Catalog::TenantRecord &t : std::as_const(*all)) {
            // No agent is connected to a server that just started.
            Catalog::ServerStore servers(*m_db);
            auto list = servers.list(t.id);
            if (!list)
                return fail(list.error());
            for (const Catalog::ServerRecord &server : std::as_const(*list))
                if (server.online)
                    KURA_TRY(servers.setOnline(t.id, server.id, false, m_clock->nowMs()));
        }
    }

    QStringList names = config.tlsHostNames;
    if (names.isEmpty())
        names = { QSysInfo::machineHostName(), u"localhost"_s, u"127.0.0.1"_s };
    auto tls = loadOrCreateTlsIdentity(config.dataFolder + u"/tls"_s, names);
    if (!tls)
        return fail(tls.error());
    m_tls = *tls;

    Policy::RegionMatrix matrix = Policy::defaultRegionMatrix();
    if (!config.regionMatrixFile.isEmpty()) {
        QFile file(config.regionMatrixFile);
        if (!file.open(QIODevice::ReadOnly))
            return fail(ErrorCode::NotFound, u"cannot read the region matrix \"%1\""_s.arg(config.regionMatrixFile));
        auto parsed = Policy::RegionMatrix::fromJson(file.readAll());
        if (!parsed)
            return fail(parsed.error().withContext(config.regionMatrixFile));
        matrix = *parsed;
    }

    if (!config.priceTableFile.isEmpty()) {
        QFile file(config.priceTableFile);
        if (!file.open(QIODevice::ReadOnly))
            return fail(ErrorCode::NotFound, u"cannot read the price table \"%1\""_s.arg(config.priceTableFile));
        auto parsed = Policy::PriceTable::fromJson(file.read(Policy::PriceTable::MaxJsonBytes + 1));
        if (!parsed)
            return fail(parsed.error().withContext(config.priceTableFile));
        m_prices = *parsed;
    }

    m_repositories = std::make_unique<TenantRepositories>(config.dataFolder);
    m_remover = std::make_unique<RepositoryDataRemover>([this](qint64 tenant) -> Store::Repository * {
        auto repo = m_repositories->repository(tenant);
        return repo ? *repo : nullptr;
    });
    m_hub = std::make_unique<AgentHub>(*m_db, *m_repositories, *m_clock);
    m_scheduler = std::make_unique<Scheduler::Scheduler>(*m_db, *m_clock, *m_hub, *m_remover);
    m_hub->setScheduler(m_scheduler.get());
    auto agentPort = m_hub->listen(m_tls, config.agentAddress, config.agentPort);
    if (!agentPort)
        return fail(agentPort.error());
    m_agentPort = *agentPort;

    m_identity.agentAddress = config.advertisedAgentAddress.isEmpty()
        ? u"%1:%2"_s.arg(config.agentAddress == QHostAddress::LocalHost ? u"127.0.0.1"_s : QSysInfo::machineHostName())
              .arg(m_agentPort)
        : config.advertisedAgentAddress;
    m_identity.drAddress = config.drAgentAddress;
    m_identity.certificateSha256 = m_tls.fingerprint();

    m_auth = std::make_unique<Api::Authenticator>(*m_db, *m_clock);
    m_agentApi = std::make_unique<AgentApi>(*m_hub, *m_repositories);
    m_api = std::make_unique<Api::ApiService>(Api::ApiContext {
        *m_db, *m_scheduler, *m_remover, *m_clock, *m_auth, matrix, {}, &m_identity, m_agentApi.get(),
        m_prices ? &*m_prices : nullptr });
    m_http = std::make_unique<Api::HttpServerAdapter>([this](const Api::ApiRequest &r) { return m_api->handle(r); });
    m_events = std::make_unique<Api::EventStream>(*m_db, *m_auth, *m_clock);
    m_http->setWebSocketHandler([this](std::unique_ptr<QWebSocket> socket) { m_events->accept(std::move(socket)); });
    connect(m_hub.get(), &AgentHub::jobChanged, m_events.get(), &Api::EventStream::publishJob);
    if (!config.apiAddress.isLoopback()) {
        KURA_TRY(m_http->useTls(m_tls.certificate, m_tls.key));
        m_apiTls = true;
    }
    auto apiPort = m_http->listen(config.apiAddress, config.apiPort);
    if (!apiPort)
        return fail(apiPort.error());
    m_apiPort = *apiPort;

    m_service = std::make_unique<SchedulerService>(*m_scheduler, std::chrono::milliseconds(config.tickIntervalMs));
    m_service->start();
    return {};
}

} // namespace Kura::Server
