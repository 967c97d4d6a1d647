// kuractl commands that change things or act: backup, stop, protect, plan, unprotect,
// acknowledge, login.
#include "cli.h"
#include "format.h"
#include "jobwatch.h"
#include "options.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Kuractl {
namespace {

using namespace Client;

void startBackup(Session &s)
{
    const QString kind = s.value(u"kind"_s);
    if (!kind.isEmpty() && kind != u"files"_s && kind != u"system"_s)
        return s.fail(ExitUsage, u"--kind \"%1\": expected files or system"_s.arg(kind));
    std::optional<std::chrono::milliseconds> interval;
    if (s.isSet(u"wait"_s) && !(interval = intervalOption(s)))
        return;
    s.resolveServer(s.arguments().at(0), [&s, kind, interval](qint64 id) {
        s.client().send(Requests::startBackup(id, kind), &s,
            s.then<QByteArray>([&s, interval](const QByteArray &body) {
                const auto job = JobInfo::fromJson(QJsonDocument::fromJson(body).object());
                if (!job)
                    return s.fail(ExitFailed, u"unexpected answer: "_s + job.error().message());
                if (interval) {
                    printErr(u"job %1 queued: %2 of server %3\n"_s.arg(job->id).arg(job->kind).arg(
                        job->serverId));
                    return (new JobWatch(s, job->id, *interval))->start();
                }
                if (s.json())
                    writeOut(body + '\n');
                else
                    printOut(u"job %1 queued: %2 of server %3\n"_s.arg(job->id).arg(job->kind).arg(
                        job->serverId));
                s.finish(ExitOk);
            }));
    });
}

void stopJob(Session &s)
{
    const auto id = s.idArgument(0, u"job"_s);
    if (!id)
        return;
    if (s.json())
        return s.printJson(Requests::stopJob(*id));
    s.client().stopJob(*id, &s, s.then<JobInfo>([&s](const JobInfo &job) {
        printOut(
            u"stop requested for job %1 (now %2)\n"_s.arg(job.id).arg(jobStateName(job.state)));
        s.finish(ExitOk);
    }));
}

// A plan file: the plan object, or {"plan": {...}, "confirmTransfer": true}.
struct PlanFile {
    PlanInfo plan;
    bool confirmTransfer = false;
};

Kura::Result<PlanFile> readPlanFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Kura::fail(
            Kura::ErrorCode::NotFound, u"cannot read \"%1\": %2"_s.arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Kura::fail(Kura::ErrorCode::InvalidArgument,
            u"\"%1\": not a JSON object (%2 at offset %3)"_s.arg(path, error.errorString())
                .arg(error.offset));
    QJsonObject object = document.object();
    PlanFile out;
    QString prefix;
    if (object.contains(u"plan"_s)) {
        for (const QString &key : object.keys())
            if (key != u"plan"_s && key != u"confirmTransfer"_s)
                return Kura::fail(Kura::ErrorCode::InvalidArgument,
                    u"\"%1\": unknown field \"%2\""_s.arg(path, key));
        const QJsonValue confirm = object.value(u"confirmTransfer"_s);
        if (!confirm.isUndefined() && !confirm.isBool())
            return Kura::fail(Kura::ErrorCode::InvalidArgument,
                u"\"%1\": confirmTransfer: expected true or false"_s.arg(path));
        out.confirmTransfer = confirm.toBool();
        if (!object.value(u"plan"_s).isObject())
            return Kura::fail(
                Kura::ErrorCode::InvalidArgument, u"\"%1\": plan: expected an object"_s.arg(path));
        object = object.value(u"plan"_s).toObject();
        prefix = u"plan."_s;
    }
    static const QSet<QString> known { u"storage"_s, u"timing"_s, u"dailyWindow"_s, u"weekday"_s,
        u"weeklyWindow"_s, u"retentionDays"_s, u"content"_s, u"includePaths"_s,
        u"excludePatterns"_s, u"systemDevice"_s, u"preCommand"_s, u"postCommand"_s,
        u"commandTimeoutSeconds"_s, u"summary"_s, u"maxGenerations"_s };
    for (const QString &key : object.keys())
        if (!known.contains(key))
            return Kura::fail(Kura::ErrorCode::InvalidArgument,
                u"\"%1\": unknown plan field \"%2%3\""_s.arg(path, prefix, key));
    auto plan = PlanInfo::fromJson(object);
    if (!plan)
        return Kura::fail(Kura::ErrorCode::InvalidArgument,
            u"\"%1\": %2%3"_s.arg(path, prefix, plan.error().message()));
    out.plan = *plan;
    return out;
}

void applyPlan(Session &s, bool protect)
{
    auto file = readPlanFile(s.value(u"plan"_s));
    if (!file)
        return s.fail(ExitUsage, file.error().message());
    const bool confirm = file->confirmTransfer || s.isSet(u"confirm-transfer"_s);
    const PlanInfo plan = file->plan;
    s.resolveServer(s.arguments().at(0), [&s, plan, confirm, protect](qint64 id) {
        const ApiRequest request
            = protect ? Requests::protect(id, plan, confirm) : Requests::setPlan(id, plan, confirm);
        if (s.json())
            return s.printJson(request);
        auto done = s.then<ServerInfo>([&s, protect](const ServerInfo &server) {
            printOut(u"%1 \"%2\": %3\n"_s.arg(
                protect ? u"protected"_s : u"new plan for"_s, server.name, server.planSummary));
            s.finish(ExitOk);
        });
        if (protect)
            s.client().protect(id, plan, confirm, &s, done);
        else
            s.client().setPlan(id, plan, confirm, &s, done);
    });
}

void protectServer(Session &s)
{
    applyPlan(s, true);
}

void changePlan(Session &s)
{
    applyPlan(s, false);
}

// Without --yes, asks the server what would be deleted (it refuses without confirmation and
// names the amount) and says so.
void unprotectServer(Session &s)
{
    const bool confirmed = s.isSet(u"yes"_s);
    s.resolveServer(s.arguments().at(0), [&s, confirmed](qint64 id) {
        s.client().unprotect(id, confirmed, &s, [&s, confirmed](ApiResult<UnprotectResult> result) {
            if (!result && !confirmed && result.error().field() == u"confirm"_s) {
                const QJsonObject &d = result.error().details;
                return s.fail(ExitUsage,
                    u"unprotecting deletes %1 generation(s), %2 stored; run again with --yes to confirm"_s
                        .arg(d.value(u"generations"_s).toInteger())
                        .arg(formatBytes(d.value(u"storedBytes"_s).toInteger())));
            }
            if (!result)
                return s.fail(result.error());
            if (s.json())
                writeOut(QJsonDocument(QJsonObject { { u"serverId"_s, double(result->serverId) },
                                           { u"protected"_s, false },
                                           { u"generations"_s, double(result->generations) },
                                           { u"storedBytes"_s, double(result->storedBytes) } })
                             .toJson(QJsonDocument::Compact)
                    + '\n');
            else
                printOut(
                    u"server %1 unprotected: deleted %2 generation(s), %3\n"_s.arg(result->serverId)
                        .arg(result->generations)
                        .arg(formatBytes(result->storedBytes)));
            s.finish(ExitOk);
        });
    });
}

// "0" or "none", a number of bytes per second, or one with K, M or G (KiB, MiB, GiB per second).
std::optional<qint64> parseRate(const QString &text)
{
    if (text == u"none"_s)
        return 0;
    static const QRegularExpression pattern(u"^([0-9]+)([KMG]?)$"_s);
    const QRegularExpressionMatch match = pattern.match(text.toUpper());
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 number = match.captured(1).toLongLong(&ok);
    const int shift
        = QStringLiteral(" KMG").indexOf(match.captured(2).isEmpty() ? u" "_s : match.captured(2))
        * 10;
    if (!ok || number > (qint64(1) << 50) >> shift)
        return std::nullopt;
    return number << shift;
}

void setBandwidth(Session &s)
{
    const auto rate = parseRate(s.arguments().at(1));
    if (!rate)
        return s.fail(ExitUsage,
            u"bandwidth \"%1\": expected bytes per second, with K, M or G for KiB, MiB or GiB, "
            "or 0 or none"_s.arg(s.arguments().at(1)));
    s.resolveServer(s.arguments().at(0), [&s, rate = *rate](qint64 id) {
        if (s.json())
            return s.printJson(Requests::setBandwidth(id, rate));
        s.client().setBandwidth(id, rate, &s, s.then<ServerInfo>([&s](const ServerInfo &server) {
            printOut(u"bandwidth limit of \"%1\": %2\n"_s.arg(server.name,
                server.bandwidthLimit ? formatBytes(server.bandwidthLimit) + u"/s"_s : u"none"_s));
            s.finish(ExitOk);
        }));
    });
}

void acknowledgeAlert(Session &s)
{
    const auto id = s.idArgument(0, u"alert"_s);
    if (!id)
        return;
    if (s.json())
        return s.printJson(Requests::acknowledgeAlert(*id));
    s.client().acknowledgeAlert(*id, &s, s.then<AlertInfo>([&s](const AlertInfo &alert) {
        printOut(u"alert %1 acknowledged: %2\n"_s.arg(alert.id).arg(alert.subject));
        s.finish(ExitOk);
    }));
}

// The first line of `path` ("-": standard input) without its line end.
Kura::Result<QString> readPassword(const QString &path)
{
    QFile file;
    const bool opened = path == u"-"_s ? file.open(stdin, QIODevice::ReadOnly)
                                       : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened)
        return Kura::fail(
            Kura::ErrorCode::NotFound, u"cannot read \"%1\": %2"_s.arg(path, file.errorString()));
    QByteArray line = file.readLine(64 * 1024);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        return Kura::fail(
            Kura::ErrorCode::InvalidArgument, u"\"%1\": the password is empty"_s.arg(path));
    return QString::fromUtf8(line);
}

void login(Session &s)
{
    for (const QString &option : { u"tenant"_s, u"user"_s, u"password-file"_s })
        if (s.value(option).isEmpty())
            return s.fail(ExitUsage, u"login needs --%1"_s.arg(option));
    const auto password = readPassword(s.value(u"password-file"_s));
    if (!password)
        return s.fail(ExitUsage, password.error().message());
    const ApiRequest request = Requests::login(s.value(u"tenant"_s), s.value(u"user"_s), *password);
    if (s.json())
        return s.printJson(request);
    s.client().login(s.value(u"tenant"_s), s.value(u"user"_s), *password, &s,
        s.then<LoginResult>([&s](const LoginResult &session) {
            printOut(session.token + u'\n');
            printErr(u"logged in as %1 (%2); the token expires at %3\n"_s.arg(
                session.identity.user, session.identity.role, formatTime(session.expires)));
            s.finish(ExitOk);
        }));
}

} // namespace

QList<Command> changeCommands()
{
    const QCommandLineOption json = Options::json();
    const QCommandLineOption planFile { u"plan"_s, u"The plan as a JSON file (docs/cli.md)."_s,
        u"FILE"_s };
    const QCommandLineOption confirmTransfer { u"confirm-transfer"_s,
        u"Confirm that double storage copies the data to the paired region."_s };
    return {
        { u"backup"_s, u"SERVER"_s, u"Run an immediate backup."_s,
            { { u"kind"_s, u"files or system (default: the plan's content)."_s, u"KIND"_s },
                Options::wait(), Options::interval(), json },
            1, 1, startBackup },
        { u"stop"_s, u"JOB"_s, u"Stop a queued or running job."_s, { json }, 1, 1, stopJob },
        { u"protect"_s, u"SERVER"_s, u"Start protecting a server with a plan (--plan FILE)."_s,
            { planFile, confirmTransfer, json }, 1, 1, protectServer },
        { u"plan"_s, u"SERVER"_s, u"Replace a protected server's plan (--plan FILE)."_s,
            { planFile, confirmTransfer, json }, 1, 1, changePlan },
        { u"unprotect"_s, u"SERVER"_s,
            u"Stop protecting a server and delete its backups (--yes)."_s,
            { { u"yes"_s, u"Confirm that all backup data of the server is deleted."_s }, json }, 1,
            1, unprotectServer },
        { u"bandwidth"_s, u"SERVER LIMIT"_s,
            u"Limit the agent's backups and restores to LIMIT bytes/s (10M, 500K; 0: none)."_s,
            { json }, 2, 2, setBandwidth },
        { u"acknowledge"_s, u"ALERT"_s, u"Acknowledge an alert."_s, { json }, 1, 1,
            acknowledgeAlert },
        { u"login"_s, {}, u"Log in and print a session token."_s,
            { { u"tenant"_s, u"The tenant's name."_s, u"TENANT"_s },
                { u"user"_s, u"The user's name."_s, u"USER"_s },
                { u"password-file"_s,
                    u"A file whose first line is the password (- for standard input)."_s,
                    u"FILE"_s },
                json },
            0, 0, login },
    };
}

} // namespace Kuractl
