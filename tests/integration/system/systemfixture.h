#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>

namespace Kura::Test {

struct HttpReply
{
    int status = 0;
    QJsonObject json;
    QByteArray body;
};

// A real kura-server process with a fresh data folder on 127.0.0.1 (ports chosen by the
// system), its first tenant "acme" and administrator, and kura-agent processes enrolled with
// packages made by the server. Everything is stopped by the destructor.
class SystemFixture
{
public:
    SystemFixture();
    ~SystemFixture();

    bool ok() const { return m_ok; }
    QString dir() const { return m_dir.path(); }
    QString serverData() const { return m_dir.path() + QStringLiteral("/server"); }

    bool startServer();
    // SIGKILL, or SIGTERM and wait.
    void killServer();
    bool stopServer();
    quint16 apiPort() const { return m_apiPort; }
    quint16 agentPort() const { return m_agentPort; }
    QByteArray fingerprint() const { return m_fingerprint; }
    QString token() const { return m_token; }

    HttpReply request(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                      const QString &token = {});
    HttpReply get(const QString &path) { return request("GET", path); }
    HttpReply post(const QString &path, const QJsonObject &body) { return request("POST", path, body); }
    bool login();

    // A package for `region`, saved to a file; empty on failure.
    QString makePackage(const QString &name, const QString &region = QStringLiteral("JP1"));
    // Runs `kura-agent ARGS...` to the end; returns the exit code (-1 crashed/timed out).
    int runAgentCommand(const QStringList &arguments, QString *output = nullptr, int timeoutMs = 30000);
    // Enrolls an agent with a new package into state folder `name`, starts `kura-agent run`,
    // waits until the server shows it online; returns its server id (0 on failure).
    qint64 addAgent(const QString &name);
    QString agentState(const QString &name) const { return m_dir.path() + QStringLiteral("/agents/") + name; }
    bool startAgent(const QString &name);
    void killAgent(const QString &name);
    QProcess *agentProcess(const QString &name) { return m_agents.value(name).get(); }
    bool waitOnline(qint64 serverId, bool online = true, int timeoutMs = 30000);

    HttpReply protect(qint64 serverId, const QJsonObject &plan);
    // Requests a backup; returns the job id, or 0 (the reply goes to *reply).
    qint64 backup(qint64 serverId, const QString &kind = QStringLiteral("files"), HttpReply *reply = nullptr);
    // Polls the job until it reaches a final state (or timeout); returns its JSON.
    QJsonObject waitJob(qint64 jobId, int timeoutMs = 120000);
    // Polls until `predicate(job)` holds.
    QJsonObject waitJobUntil(qint64 jobId, const std::function<bool(const QJsonObject &)> &predicate,
                             int timeoutMs = 60000);

    // kura-repo on the tenant's repository in the server's data folder.
    QJsonArray repositorySnapshots(qint64 tenantId = 1);
    int repositoryCheck(qint64 tenantId = 1, QString *output = nullptr);

private:
    QTemporaryDir m_dir;
    bool m_ok = false;
    std::unique_ptr<QProcess> m_server;
    quint16 m_apiPort = 0;
    quint16 m_agentPort = 0;
    QByteArray m_fingerprint;
    QString m_token;
    QNetworkAccessManager m_http;
    QMap<QString, std::shared_ptr<QProcess>> m_agents;
    int m_packages = 0;
};

// A tree's content and metadata: relative path -> "type mode size mtime sha256|target".
QMap<QString, QString> treeState(const QString &root);
QString sha256Of(const QString &path);
// The entries that differ between two treeState()s, one line each (empty: equal).
QStringList treeDifferences(const QMap<QString, QString> &actual, const QMap<QString, QString> &expected);

} // namespace Kura::Test
