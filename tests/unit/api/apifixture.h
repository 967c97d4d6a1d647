#pragma once

// Shared set-up for the API tests: a real SQLite catalog in a temporary folder with two
// tenants and one user per role, the real Scheduler over a dispatcher that records what it is
// handed (the test reports back as an agent session would), the ApiService behind a real
// QHttpServer on 127.0.0.1 (random port), and a QNetworkAccessManager client.
#include <api/apiservice.h>
#include <api/auth.h>
#include <api/httpserveradapter.h>
#include <catalog/database.h>
#include <scheduler/scheduler.h>
#include <testsupport.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTemporaryDir>

#include <memory>

namespace Kura::Test {

class ApiDispatcher final : public Scheduler::Dispatcher {
public:
    bool isConnected(qint64, qint64 serverId) const override { return !offline.contains(serverId); }
    void dispatch(const Scheduler::DispatchRequest &request) override { dispatched << request; }
    void stop(qint64, qint64 jobId) override { stopRequests << jobId; }

    QSet<qint64> offline;
    QList<Scheduler::DispatchRequest> dispatched;
    QList<qint64> stopRequests;
};

class ApiRemover final : public Scheduler::DataRemover {
public:
    Status forgetSnapshots(qint64, qint64 serverId, const QStringList &snapshotIds) override
    {
        forgotten.append({ serverId, snapshotIds });
        return {};
    }
    QList<QPair<qint64, QStringList>> forgotten;
};

// One HTTP answer as the client saw it.
struct Reply {
    int status = 0;
    QByteArray body;
    QJsonObject json; // the body parsed as an object (empty if it is not one)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray header(const QByteArray &name) const;
    QString code() const { return json.value(QStringLiteral("code")).toString(); }
    QJsonObject details() const { return json.value(QStringLiteral("details")).toObject(); }
};

class ApiFixture {
public:
    // Builds everything and starts listening. Check ok() afterwards.
    ApiFixture();
    ~ApiFixture();

    bool ok() const { return m_port != 0; }
    QUrl url(const QString &pathAndQuery) const;
    Catalog::Database &db() { return *m_db; }

    qint64 alpha = 0; // tenant "alpha": users admin, operator, viewer (password "pw-<name>")
    qint64 beta = 0; // tenant "beta": user admin
    qint64 alphaAdminId = 0;

    // Sends a request and waits for the answer (at most 5 s). `token` empty: no
    // Authorization header. `body` is sent as application/json when not null.
    Reply send(const QByteArray &method, const QString &path, const QString &token = {},
        const QByteArray &body = {});
    Reply get(const QString &path, const QString &token) { return send("GET", path, token); }
    // A GET with this exact Authorization header value (none when empty).
    Reply getWithAuthorization(const QString &path, const QByteArray &authorization);
    Reply post(const QString &path, const QString &token, const QJsonObject &body = {});
    // Logs in and returns the session token, or an empty string.
    QString login(const QString &tenant, const QString &user);

    // A server in region JP1 of `tenant`, protected with `plan` when given; 0 on error.
    qint64 addServer(qint64 tenant, const QString &name, const std::optional<Policy::Plan> &plan);
    static Policy::Plan immediatePlan();

    ManualClock clock;
    ApiDispatcher dispatcher;
    ApiRemover remover;
    std::unique_ptr<Scheduler::Scheduler> scheduler;
    std::unique_ptr<Api::Authenticator> auth;
    std::unique_ptr<Api::ApiService> api;

private:
    bool createUsers();
    Reply exchange(const QByteArray &method, const QString &path, const QByteArray &authorization,
        const QByteArray &body);

    QTemporaryDir m_dir;
    std::unique_ptr<Catalog::Database> m_db;
    std::unique_ptr<Api::HttpServerAdapter> m_http;
    QNetworkAccessManager m_client;
    quint16 m_port = 0;
};

} // namespace Kura::Test
