#pragma once

// Helpers for tests of the kura-server and kura-agent programs as an administrator runs
// them: the real binaries as child processes, their exit codes, messages and files.

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace Kura::Test {

// What a finished process left behind.
struct ProgramRun {
    int exitCode = -1; // -1: crashed, killed by a signal or timed out
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;

    // One line for failure messages: the exit code and both output streams.
    QString describe() const;
};

QString serverBinary();
QString agentBinary();

// Runs `program arguments...` to its end, killing it after `timeoutMs`.
ProgramRun runProgram(const QString &program, const QStringList &arguments, int timeoutMs = 30000);

// What kura-server writes to its --ports-file once it listens.
struct Listening {
    quint16 apiPort = 0;
    quint16 agentPort = 0;
    QByteArray fingerprint; // 64 hex digits, lower case
    bool isValid() const { return apiPort && agentPort && fingerprint.size() == 64; }
};
// Parses "api=PORT agent=PORT fingerprint=HEX\n"; an invalid Listening if it is not that.
Listening parseListening(const QByteArray &line);

// One kura-server process on 127.0.0.1 with ports chosen by the system (or the agent port
// given), writing its ports file beside the data folder. Stopped (SIGKILL) by the destructor
// if still running.
class ServerProcess {
public:
    ServerProcess(QString dataFolder, QString portsFile);
    ~ServerProcess();

    // Starts `kura-server --data DIR --api-port 0 --agent-port AGENT --agent-address
    // 127.0.0.1 --ports-file FILE extraArguments...` and waits until the ports file holds a
    // whole line and the API answers. False if the process ended first or did not listen
    // within `timeoutMs` (then describe() says why).
    bool start(const QStringList &extraArguments, quint16 agentPort = 0, int timeoutMs = 20000);
    const Listening &listening() const { return m_listening; }
    QString apiUrl() const;
    // SIGTERM, then waits up to `timeoutMs` for the end.
    ProgramRun terminate(int timeoutMs = 10000);
    QString describe() const;

private:
    QString m_dataFolder;
    QString m_portsFile;
    std::unique_ptr<QProcess> m_process;
    Listening m_listening;
    QByteArray m_err;
};

// A small HTTP client of the API that waits for each answer.
class ApiCaller {
public:
    struct Reply {
        int status = 0; // 0: no HTTP answer
        QJsonObject json;
    };

    explicit ApiCaller(QString baseUrl)
        : m_baseUrl(std::move(baseUrl))
    {
    }
    Reply call(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    // POST /login; keeps the session token for later calls.
    bool login(const QString &tenant, const QString &user, const QString &password);

private:
    QString m_baseUrl;
    QString m_token;
    QNetworkAccessManager m_network;
};

} // namespace Kura::Test
