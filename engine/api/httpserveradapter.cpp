#include "httpserveradapter.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace Kura::Api {
namespace {

Method methodOf(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return Method::Get;
    case QHttpServerRequest::Method::Post:
        return Method::Post;
    case QHttpServerRequest::Method::Put:
        return Method::Put;
    case QHttpServerRequest::Method::Delete:
        return Method::Delete;
    default:
        break;
    }
    return Method::Other;
}

ApiRequest toApiRequest(const QHttpServerRequest &request)
{
    ApiRequest out;
    out.method = methodOf(request.method());
    out.path = request.url().path(QUrl::FullyDecoded);
    out.query = request.query();
    out.headers = request.headers();
    out.body = request.body();
    out.remoteAddress = request.remoteAddress();
    return out;
}

void writeResponse(const ApiResponse &response, QHttpServerResponder &&responder)
{
    QHttpServerResponse reply(response.contentType, response.body,
        static_cast<QHttpServerResponder::StatusCode>(response.status));
    for (const auto &[name, value] : response.headers)
        reply.addHeader(name, value);
    reply.write(std::move(responder));
}

} // namespace

HttpServerAdapter::HttpServerAdapter(RequestHandler handler)
    : m_server(std::make_unique<QHttpServer>())
    , m_handler(std::move(handler))
{
    // No QHttpServer routes are registered: every request reaches the missing handler, which
    // is our single entry point into the Router.
    m_server->setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            writeResponse(m_handler(toApiRequest(request)), std::move(responder));
        });
    // QHttpServer 6.4 upgrades a WebSocket request only when a route takes it: this one does,
    // and writes nothing for upgrades (the socket then goes to newWebSocketConnection); a
    // plain request to the same path gets the router's answer.
    m_server->route(u"/api/v1/events"_s, [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        if (request.value("upgrade").compare("websocket", Qt::CaseInsensitive) != 0)
            writeResponse(m_handler(toApiRequest(request)), std::move(responder));
    });
    QObject::connect(m_server.get(), &QHttpServer::newWebSocketConnection, m_server.get(), [this] {
        while (m_server->hasPendingWebSocketConnections()) {
            std::unique_ptr<QWebSocket> socket = m_server->nextPendingWebSocketConnection();
            if (m_webSocketHandler)
                m_webSocketHandler(std::move(socket));
            else
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"no WebSocket service here"_s);
        }
    });
}

HttpServerAdapter::~HttpServerAdapter() = default;

Status HttpServerAdapter::useTls(const QSslCertificate &certificate, const QSslKey &privateKey)
{
    if (!QSslSocket::supportsSsl())
        return fail(ErrorCode::Unsupported, u"this Qt build has no TLS support"_s);
    if (certificate.isNull() || privateKey.isNull())
        return fail(ErrorCode::InvalidArgument, u"TLS needs a certificate and its private key"_s);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(privateKey);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    m_server->sslSetup(configuration);
    m_tls = true;
    return {};
}

void HttpServerAdapter::setWebSocketHandler(WebSocketHandler handler)
{
    m_webSocketHandler = std::move(handler);
}

Result<quint16> HttpServerAdapter::listen(const QHostAddress &address, quint16 port)
{
    const quint16 bound = m_server->listen(address, port);
    if (bound == 0)
        return fail(ErrorCode::Unavailable,
            u"cannot listen on %1 port %2"_s.arg(address.toString()).arg(port), true);
    return bound;
}

} // namespace Kura::Api
