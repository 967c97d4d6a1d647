#pragma once

#include <api/client/apiclient.h>

#include <QCommandLineParser>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace Kuractl {

namespace Client = Kura::Api::Client;

// kuractl's exit codes (docs/cli.md).
enum ExitCode {
    ExitOk = 0,
    ExitFailed = 1, // a failed job or any other error
    ExitUsage = 2, // bad command line, or a confirmation is missing
    ExitNotFound = 3,
    ExitRefused = 4, // refused by policy or by the state of things (HTTP 409)
    ExitUnauthorized = 5, // bad or expired token, role not allowed, server certificate not trusted
    ExitUnreachable = 6, // no answer from the server
};

// The exit code a failed call ends kuractl with.
int exitCodeFor(const Client::ApiError &error);

// One run of one command: the client, the command's arguments and options, and the ways to
// end. Commands are asynchronous: they start calls and end with finish() (or fail()) from a
// callback; the event loop of main() runs until then.
class Session : public QObject {
    Q_OBJECT

public:
    Session(Client::ApiClient &client, const QCommandLineParser &options, QStringList arguments);

    Client::ApiClient &client() { return m_client; }
    const QStringList &arguments() const { return m_arguments; }
    bool isSet(const QString &option) const { return m_options.isSet(option); }
    QString value(const QString &option) const { return m_options.value(option); }
    QStringList values(const QString &option) const { return m_options.values(option); }
    bool json() const { return isSet(QStringLiteral("json")); }

    // Ends the command with `code`; later calls are ignored.
    void finish(int code);
    // Prints "kuractl: <message>" (and the details that help: refusal, lift time, plan
    // problems) and ends with the error's exit code.
    void fail(const Client::ApiError &error);
    // Prints "kuractl: <message>" and ends with `code`.
    void fail(int code, const QString &message);

    // A callback that passes a value on to `next` and fails the command on an error.
    template <class T> Client::Callback<T> then(std::function<void(const T &)> next)
    {
        return [this, next](Client::ApiResult<T> result) {
            if (!result)
                return fail(result.error());
            next(*result);
        };
    }

    // SERVER as a numeric id or a server name; fails with ExitNotFound for an unknown name.
    void resolveServer(const QString &text, std::function<void(qint64)> next);
    // Argument `index` as a positive id (job or alert); nullopt after a usage failure.
    std::optional<qint64> idArgument(qsizetype index, const QString &what);
    // Sends `request` and prints the answer's JSON as it came, then ends with ExitOk.
    void printJson(const Client::ApiRequest &request);

signals:
    void finished(int code);

private:
    static QString refusalLine(const Client::ApiError &error);

    Client::ApiClient &m_client;
    const QCommandLineParser &m_options;
    QStringList m_arguments;
    bool m_finished = false;
};

} // namespace Kuractl
