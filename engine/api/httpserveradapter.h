#pragma once

#include "httpmessage.h"

#include <core/error.h>

#include <QHostAddress>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>

#include <functional>
#include <memory>

class QHttpServer;
class QWebSocket;

namespace Kura::Api {

// The only place that touches QHttpServer (Qt 6.4 API: listen() and sslSetup() were removed
// in 6.8, so a later port changes this file alone). It turns every incoming request into an
// ApiRequest, passes it to one handler (the API's Router) and writes the ApiResponse back.
//
// Requests are handled on the thread the adapter lives in, one at a time. QHttpServer 6.4
// reads the whole body before calling us and has no size limit of its own; the handler
// enforces the body limit (ApiOptions::maxBodyBytes) after the fact.
class HttpServerAdapter {
public:
    using RequestHandler = std::function<ApiResponse(const ApiRequest &)>;

    explicit HttpServerAdapter(RequestHandler handler);
    ~HttpServerAdapter();
    HttpServerAdapter(const HttpServerAdapter &) = delete;
    HttpServerAdapter &operator=(const HttpServerAdapter &) = delete;

    // Serves HTTPS with this certificate and key. Call before listen(). InvalidArgument for a
    // null certificate or key; Unsupported when Qt was built without TLS.
    Status useTls(const QSslCertificate &certificate, const QSslKey &privateKey);

    // Starts listening on `address` (loopback by default) and `port` (0: a free port chosen by
    // the system). Returns the port. Unavailable when the port cannot be bound.
    Result<quint16> listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);

    bool isTls() const { return m_tls; }

    // WebSocket upgrades (live events): QHttpServer 6.4 accepts every upgrade request and
    // hands the socket here; the handler checks its path and credentials. Without a handler
    // upgraded sockets are closed.
    using WebSocketHandler = std::function<void(std::unique_ptr<QWebSocket>)>;
    void setWebSocketHandler(WebSocketHandler handler);

private:
    std::unique_ptr<QHttpServer> m_server;
    RequestHandler m_handler;
    WebSocketHandler m_webSocketHandler;
    bool m_tls = false;
};

} // namespace Kura::Api
