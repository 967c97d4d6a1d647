#include "session.h"

#include "format.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Kuractl {

int exitCodeFor(const Client::ApiError &error)
{
    if (error.isTransport() && error.unreachable)
        return ExitUnreachable;
    switch (error.code) {
    case Kura::ErrorCode::NotFound:
        return ExitNotFound;
    case Kura::ErrorCode::Conflict:
        return ExitRefused;
    case Kura::ErrorCode::Unauthorized:
    case Kura::ErrorCode::Forbidden:
        return ExitUnauthorized;
    default:
        break;
    }
    return ExitFailed;
}

Session::Session(
    Client::ApiClient &client, const QCommandLineParser &options, QStringList arguments)
    : m_client(client)
    , m_options(options)
    , m_arguments(std::move(arguments))
{
}

void Session::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished(code);
}

// "refused: quota_exhausted; possible again at ..." with what the details tell.
QString Session::refusalLine(const Client::ApiError &error)
{
    QString line = u"refused: "_s + error.refusal();
    if (!error.issues().isEmpty())
        line += u" ("_s + error.issues().join(u", "_s) + u')';
    const QDateTime lifts = error.liftsAt();
    const QJsonValue blocking = error.details.value(u"blockingJobId"_s);
    if (lifts.isValid())
        line += u"; possible again at "_s + formatTime(lifts);
    else if (blocking.isDouble())
        line += u"; possible again when job %1 ends"_s.arg(blocking.toInteger());
    return line + u'\n';
}

void Session::fail(const Client::ApiError &error)
{
    QString text = u"kuractl: %1\n"_s.arg(error.toString());
    if (!error.refusal().isEmpty())
        text += refusalLine(error);
    for (const QJsonValue &problem : error.problems()) {
        const QJsonObject p = problem.toObject();
        text += u"  %1: %2 (%3)\n"_s.arg(p.value(u"field"_s).toString(),
            p.value(u"issue"_s).toString(), p.value(u"value"_s).toString());
    }
    printErr(text);
    finish(exitCodeFor(error));
}

void Session::fail(int code, const QString &message)
{
    printErr(u"kuractl: %1\n"_s.arg(message));
    finish(code);
}

void Session::resolveServer(const QString &text, std::function<void(qint64)> next)
{
    static const QRegularExpression digits(u"^[0-9]+$"_s);
    if (digits.match(text).hasMatch()) {
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        if (ok && id > 0)
            return next(id);
    }
    m_client.servers(this, then<QList<Client::ServerInfo>>([this, text, next](const auto &servers) {
        for (const Client::ServerInfo &server : servers)
            if (server.name == text)
                return next(server.id);
        fail(ExitNotFound, u"no server named \"%1\""_s.arg(text));
    }));
}

std::optional<qint64> Session::idArgument(qsizetype index, const QString &what)
{
    bool ok = false;
    const QString text = m_arguments.value(index);
    const qint64 id = text.toLongLong(&ok);
    if (ok && id > 0)
        return id;
    fail(ExitUsage, u"%1 \"%2\": expected a positive number"_s.arg(what, text));
    return std::nullopt;
}

void Session::printJson(const Client::ApiRequest &request)
{
    m_client.send(request, this, then<QByteArray>([this](const QByteArray &body) {
        writeOut(body.endsWith('\n') ? body : body + '\n');
        finish(ExitOk);
    }));
}

} // namespace Kuractl
