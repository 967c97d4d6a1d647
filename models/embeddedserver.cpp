#include "embeddedserver.h"

#ifdef KURA_HAVE_EMBEDDED_AGENT
#include <agent/agent.h>
#include <catalog/enrollmentstore.h>
#include <policy/regionmatrix.h>
#endif
#include <catalog/tenantstore.h>
#include <catalog/userstore.h>
#include <server/serverhost.h>

#include <QDateTime>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Kura::Models {

namespace {
const QString LocalTenant = u"local"_s;
const QString LocalAdmin = u"admin"_s;

QString randomPassword()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
} // namespace

#ifdef KURA_HAVE_EMBEDDED_AGENT
// The in-process agent for the local machine, on its own thread ("kura-embedded-agent"). The
// Agent is created inside that thread (its timers and sockets must belong to it) as a child of
// a holder object that is deleted there when the thread ends.
class EmbeddedAgent
{
public:
    EmbeddedAgent(const Agent::AgentSettings &settings, const Agent::AgentState &state)
    {
        m_thread.setObjectName(u"kura-embedded-agent"_s);
        auto *holder = new QObject;
        holder->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, holder, &QObject::deleteLater);
        m_thread.start();
        QMetaObject::invokeMethod(holder, [holder, settings, state] {
            auto *agent = new Agent::Agent(settings, state, holder);
            agent->start();
        }, Qt::QueuedConnection);
    }
    ~EmbeddedAgent()
    {
        m_thread.quit();
        m_thread.wait();
    }

private:
    QThread m_thread;
};
#endif

// Lives on the server's thread; owns the ServerHost there.
class EmbeddedServerWorker : public QObject
{
    Q_OBJECT

public:
    ~EmbeddedServerWorker() override { stop(); }

    void start(const QString &dataFolder)
    {
        m_dataFolder = dataFolder;
        Server::ServerConfig config;
        config.dataFolder = dataFolder;
        config.apiAddress = QHostAddress::LocalHost;
        config.apiPort = 0;
        config.agentAddress = QHostAddress::LocalHost;
        config.agentPort = 0;
        auto host = Server::ServerHost::start(config, Server::InitialAdmin { LocalTenant, LocalAdmin, randomPassword() });
        if (!host) {
            emit failed(host.error().message());
            return;
        }
        m_host = std::move(*host);
        auto token = consoleKey();
        if (!token) {
            m_host.reset();
            emit failed(token.error().message());
            return;
        }
#ifdef KURA_HAVE_EMBEDDED_AGENT
        if (auto agent = startAgent(dataFolder + u"/agent"_s); !agent)
            qWarning("embedded server: the local agent does not run: %s", qPrintable(agent.error().message()));
#endif
        emit started(QUrl(m_host->apiUrl()), *token);
    }

signals:
    void started(const QUrl &url, const QString &token);
    void failed(const QString &reason);

private:
    Result<QString> consoleKey()
    {
        auto &db = m_host->catalog();
        auto tenant = Catalog::TenantStore(db).findByName(LocalTenant);
        if (!tenant)
            return fail(tenant.error().withContext(u"embedded server: tenant \"%1\""_s.arg(LocalTenant)));
        Catalog::UserStore users(db);
        auto list = users.list(tenant->id);
        if (!list)
            return fail(list.error());
        for (const Catalog::UserRecord &user : std::as_const(*list)) {
            if (user.name != LocalAdmin || user.disabled)
                continue;
            auto key = users.createApiKey(tenant->id, user.id, u"console"_s,
                                          QDateTime::currentMSecsSinceEpoch());
            if (!key)
                return fail(key.error());
            m_tenantId = tenant->id;
            m_keyId = key->id;
            return key->token;
        }
        return fail(ErrorCode::NotFound, u"embedded server: the tenant \"%1\" has no enabled user \"%2\""_s
                                             .arg(LocalTenant, LocalAdmin));
    }

#ifdef KURA_HAVE_EMBEDDED_AGENT
    // Enrolls the local machine on the first start (a one-time token of the tenant "local" for
    // the first region with backup service, the server's certificate pinned), then runs the agent.
    Status startAgent(const QString &folder)
    {
        auto state = Agent::AgentState::load(folder);
        if (!state && state.error().code() != ErrorCode::NotFound)
            return fail(state.error());
        Agent::AgentState current = state ? *state : Agent::AgentState {};
        if (!current.isEnrolled()) {
            QString region;
            for (const Policy::RegionInfo &info : Policy::defaultRegionMatrix().regions()) {
                if (info.backupService) {
                    region = info.name;
                    break;
                }
            }
            auto token = Catalog::EnrollmentStore(m_host->catalog())
                             .create(m_tenantId, region, QDateTime::currentMSecsSinceEpoch(), 3600 * 1000);
            if (!token)
                return fail(token.error());
            current.token = token->token;
            current.region = region;
        }
        // The ports are new on every start: point the agent at this run's listener.
        current.primaryAddress = u"127.0.0.1:%1"_s.arg(m_host->agentPort());
        current.certificateSha256 = m_host->certificateFingerprint();
        KURA_TRY(current.save(folder));
        Agent::AgentSettings settings;
        settings.stateFolder = folder;
        m_agent = std::make_unique<EmbeddedAgent>(settings, current);
        return {};
    }
#endif

    void stop()
    {
#ifdef KURA_HAVE_EMBEDDED_AGENT
        m_agent.reset(); // before the server it talks to
#endif
        if (m_host && m_keyId != 0)
            (void)Catalog::UserStore(m_host->catalog()).revokeApiKey(m_tenantId, m_keyId);
        m_host.reset();
    }

    std::unique_ptr<Server::ServerHost> m_host;
#ifdef KURA_HAVE_EMBEDDED_AGENT
    std::unique_ptr<EmbeddedAgent> m_agent;
#endif
    qint64 m_tenantId = 0;
    qint64 m_keyId = 0;
    QString m_dataFolder;
};

EmbeddedServer::EmbeddedServer(QObject *parent)
    : QObject(parent)
{
}

EmbeddedServer::~EmbeddedServer()
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
    }
}

void EmbeddedServer::start(const QString &dataFolder)
{
    if (m_thread)
        return;
    m_thread = new QThread(this);
    m_thread->setObjectName(u"kura-embedded-server"_s);
    m_worker = new EmbeddedServerWorker;
    m_worker->moveToThread(m_thread);
    // The worker, and with it the ServerHost, is destroyed on the server's thread as it ends.
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &EmbeddedServerWorker::started, this, [this](const QUrl &url, const QString &token) {
        m_url = url;
        m_running = true;
        emit started(url, token);
    });
    connect(m_worker, &EmbeddedServerWorker::failed, this, [this](const QString &reason) {
        m_running = false;
        emit failed(reason);
    });
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, dataFolder] { worker->start(dataFolder); },
                              Qt::QueuedConnection);
}

QString EmbeddedServer::defaultDataFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u"/server"_s;
}

} // namespace Kura::Models

#include "embeddedserver.moc"
