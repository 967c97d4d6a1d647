#include "embeddedserver.h"

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

// Lives on the server's thread; owns the ServerHost there.
class EmbeddedServerWorker : public QObject
{
    Q_OBJECT

public:
    ~EmbeddedServerWorker() override { stop(); }

    void start(const QString &dataFolder)
    {
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

    void stop()
    {
        if (m_host && m_keyId != 0)
            (void)Catalog::UserStore(m_host->catalog()).revokeApiKey(m_tenantId, m_keyId);
        m_host.reset();
    }

    std::unique_ptr<Server::ServerHost> m_host;
    qint64 m_tenantId = 0;
    qint64 m_keyId = 0;
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
