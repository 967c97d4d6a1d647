#include "eventsubscription.h"

#include "apiclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace Kura::Api::Client {

EventSubscription::EventSubscription(ApiClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &EventSubscription::open);
    m_handshakeTimeout.setSingleShot(true);
    connect(&m_handshakeTimeout, &QTimer::timeout, this, [this] {
        m_failure = u"no answer within %1 ms"_s.arg(m_client.timeout().count());
        m_socket->abort();
    });
}

EventSubscription::~EventSubscription()
{
    if (m_socket)
        m_socket->disconnect(this);
}

void EventSubscription::setRetryInterval(std::chrono::milliseconds interval)
{
    m_retryInterval = interval;
}

void EventSubscription::start()
{
    if (m_active)
        return;
    m_active = true;
    open();
}

void EventSubscription::stop()
{
    m_active = false;
    m_retry.stop();
    m_handshakeTimeout.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket.release()->deleteLater();
    }
    m_connected = false;
}

void EventSubscription::open()
{
    if (!m_active)
        return;
    QUrl url = m_client.urlOf(Requests::events());
    url.setScheme(url.scheme() == u"https"_s ? u"wss"_s : u"ws"_s);
    QNetworkRequest request(url);
    if (!m_client.token().isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_client.token().toUtf8());
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket.release()->deleteLater();
    }
    m_failure.clear();
    m_socket = std::make_unique<QWebSocket>();
    QWebSocket *socket = m_socket.get();
    connect(socket, &QWebSocket::textMessageReceived, this, &EventSubscription::handleMessage);
    connect(socket, &QWebSocket::disconnected, this, &EventSubscription::handleClosed);
    connect(socket, &QWebSocket::connected, this, &EventSubscription::checkPin);
    connect(socket, &QWebSocket::sslErrors, this, [this, socket](const QList<QSslError> &errors) {
        const QByteArray pin = m_client.pinnedCertificate();
        const QSslCertificate peer = socket->sslConfiguration().peerCertificate();
        if (!pin.isEmpty() && !peer.isNull() && peer.digest(QCryptographicHash::Sha256) == pin)
            socket->ignoreSslErrors(errors);
        else if (!pin.isEmpty())
            m_failure = u"the server's certificate does not match the pinned fingerprint"_s;
    });
    if (m_client.timeout().count() > 0)
        m_handshakeTimeout.start(m_client.timeout());
    socket->open(request);
}

// A certificate that a trusted authority vouches for must still be the pinned one.
void EventSubscription::checkPin()
{
    const QByteArray pin = m_client.pinnedCertificate();
    if (pin.isEmpty() || m_socket->requestUrl().scheme() != u"wss"_s)
        return;
    const QSslCertificate peer = m_socket->sslConfiguration().peerCertificate();
    if (peer.isNull() || peer.digest(QCryptographicHash::Sha256) != pin) {
        m_failure = u"the server's certificate does not match the pinned fingerprint"_s;
        m_socket->abort();
    }
}

void EventSubscription::handleMessage(const QString &message)
{
    const QJsonObject json = QJsonDocument::fromJson(message.toUtf8()).object();
    const QString type = json.value(u"type"_s).toString();
    if (type == u"hello"_s) {
        m_handshakeTimeout.stop();
        m_connected = true;
        emit connected();
        return;
    }
    if (type != u"job"_s)
        return; // a kind of event this client does not know yet
    auto job = JobInfo::fromJson(json.value(u"job"_s).toObject());
    if (!job) {
        emit messageRejected(u"job event: "_s + job.error().message());
        return;
    }
    emit jobChanged(*job);
}

void EventSubscription::handleClosed()
{
    m_handshakeTimeout.stop();
    m_connected = false;
    const auto code = m_socket->closeCode();
    QString reason = m_failure;
    if (reason.isEmpty())
        reason = m_socket->closeReason();
    if (reason.isEmpty())
        reason = m_socket->errorString();
    if (code == QWebSocketProtocol::CloseCodePolicyViolated
        || m_failure.contains(u"pinned fingerprint"_s))
        return giveUp(reason);
    scheduleRetry(reason);
}

void EventSubscription::giveUp(const QString &reason)
{
    m_active = false;
    emit refused(reason);
}

void EventSubscription::scheduleRetry(const QString &reason)
{
    emit disconnected(reason);
    if (m_active)
        m_retry.start(m_retryInterval);
}

} // namespace Kura::Api::Client
