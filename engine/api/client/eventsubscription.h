#pragma once

#include "apitypes.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <memory>

class QWebSocket;

namespace Kura::Api::Client {

class ApiClient;

// Live job changes pushed by the server (docs/api.md "Live events"): a WebSocket at
// /api/v1/events that sends every change of the tenant's jobs (queued, started, progress
// about once a second, finished). It connects with the ApiClient's base URL, token and pinned
// certificate (the same rules as for calls: TLS errors are ignored only for a certificate
// that matches the pin, and a certificate that does not match is refused).
//
// After start() it stays connected: when the connection drops or cannot be made (within the
// client's timeout), it tries again every retryInterval() until stop(). When the server
// refuses the subscription (close code 1008: a bad token) or the certificate does not match
// the pin, it stops and reports refused(). Lives on the client's thread; `client` must
// outlive it.
class EventSubscription : public QObject {
    Q_OBJECT

public:
    explicit EventSubscription(ApiClient &client, QObject *parent = nullptr);
    ~EventSubscription() override;

    void start();
    void stop();
    // Started and not stopped (connected or trying to be).
    bool isActive() const { return m_active; }
    // The server has greeted this connection.
    bool isConnected() const { return m_connected; }

    // Time between connection attempts. Default 5 s.
    void setRetryInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds retryInterval() const { return m_retryInterval; }

signals:
    // The server accepted the subscription.
    void connected();
    // A job of the tenant changed; `job` is as GET /jobs/{id} shows it, without events.
    void jobChanged(const Kura::Api::Client::JobInfo &job);
    // The connection ended or could not be made; another attempt follows while active.
    void disconnected(const QString &reason);
    // The server refused the subscription, or its certificate is not the pinned one; no more
    // attempts are made.
    void refused(const QString &reason);
    // A message that is not what the API describes (it is skipped).
    void messageRejected(const QString &problem);

private:
    void open();
    void handleMessage(const QString &message);
    void handleClosed();
    void checkPin();
    void giveUp(const QString &reason);
    void scheduleRetry(const QString &reason);

    ApiClient &m_client;
    std::unique_ptr<QWebSocket> m_socket;
    QTimer m_retry;
    QTimer m_handshakeTimeout;
    std::chrono::milliseconds m_retryInterval { 5000 };
    bool m_active = false;
    bool m_connected = false;
    QString m_failure; // why the current connection ends, when known before it closes
};

} // namespace Kura::Api::Client
