#include "eventstream.h"

#include "jsonviews.h"

#include <catalog/jobstore.h>

#include <QJsonDocument>
#include <QUrlQuery>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace Kura::Api {

EventStream::EventStream(Catalog::Database &database, Authenticator &auth, const Clock &clock, QObject *parent)
    : QObject(parent), m_db(database), m_auth(auth), m_clock(clock)
{
}

EventStream::~EventStream()
{
    for (Client &client : m_clients) {
        client.socket->disconnect(this);
        client.socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"the server is shutting down"_s);
    }
}

void EventStream::accept(std::unique_ptr<QWebSocket> socket)
{
    const QUrl url = socket->requestUrl();
    if (url.path() != u"/api/v1/events"_s) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"no WebSocket at %1; use /api/v1/events"_s.arg(url.path()));
        return;
    }
    QByteArray authorization = socket->request().rawHeader("Authorization");
    const QString queryToken = QUrlQuery(url).queryItemValue(u"token"_s, QUrl::FullyDecoded);
    if (authorization.isEmpty() && !queryToken.isEmpty())
        authorization = "Bearer " + queryToken.toUtf8();
    auto identity = m_auth.authenticate(authorization);
    if (!identity) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, identity.error().message().left(120));
        return;
    }
    QWebSocket *raw = socket.get();
    connect(raw, &QWebSocket::disconnected, this, [this, raw] { drop(raw); });
    m_clients.push_back({ std::move(socket), identity->tenantId });
    raw->sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject { { u"type"_s, u"hello"_s } }).toJson(QJsonDocument::Compact)));
}

void EventStream::drop(QWebSocket *socket)
{
    for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
        if (it->socket.get() == socket) {
            it->socket.release()->deleteLater();
            m_clients.erase(it);
            return;
        }
    }
}

void EventStream::publishJob(qint64 tenantId, qint64 jobId)
{
    bool anyone = false;
    for (const Client &client : m_clients)
        anyone = anyone || client.tenantId == tenantId;
    if (!anyone)
        return;
    auto job = Catalog::JobStore(m_db).job(tenantId, jobId);
    if (!job)
        return;
    const QString message = QString::fromUtf8(
        QJsonDocument(QJsonObject { { u"type"_s, u"job"_s }, { u"job"_s, jobToJson(*job, m_clock.nowMs()) } })
            .toJson(QJsonDocument::Compact));
    for (const Client &client : m_clients)
        if (client.tenantId == tenantId)
            client.socket->sendTextMessage(message);
}

} // namespace Kura::Api
