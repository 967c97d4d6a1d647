// kuractl commands that read: servers, server, generations, jobs, job, report, alerts,
// regions, whoami.
#include "cli.h"
#include "format.h"
#include "jobwatch.h"
#include "options.h"

#include <QHash>
#include <QRegularExpression>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Kuractl {
namespace {

using namespace Client;

void listServers(Session &s)
{
    if (s.json())
        return s.printJson(Requests::servers());
    s.client().servers(&s, s.then<QList<ServerInfo>>([&s](const QList<ServerInfo> &servers) {
        Table table({ u"ID"_s, u"NAME"_s, u"REGION"_s, u"ONLINE"_s, u"PROTECTED"_s, u"PLAN"_s,
            u"LAST BACKUP"_s });
        for (const ServerInfo &server : servers)
            table.addRow({ QString::number(server.id), server.name, server.region,
                yesNo(server.online), yesNo(server.isProtected),
                server.planSummary.isEmpty() ? u"-"_s : server.planSummary,
                formatTime(server.lastBackup) });
        printOut(table.toString());
        s.finish(ExitOk);
    }));
}

QString describeServer(const ServerInfo &server)
{
    const HostFacts &f = server.facts;
    QList<QPair<QString, QString>> pairs { { u"id"_s, QString::number(server.id) },
        { u"name"_s, server.name }, { u"region"_s, server.region },
        { u"advertised address"_s,
            server.advertisedAddress.isEmpty() ? u"-"_s : server.advertisedAddress },
        { u"host"_s, f.hostName }, { u"os"_s, (f.osId + u' ' + f.osVersion).trimmed() },
        { u"arch"_s, f.arch }, { u"flavor"_s, f.flavor }, { u"agent"_s, f.agentVersion },
        { u"addresses"_s, f.addresses.join(u", "_s) }, { u"online"_s, yesNo(server.online) },
        { u"last seen"_s, formatTime(server.lastSeen) },
        { u"protected"_s, yesNo(server.isProtected) } };
    if (server.plan) {
        pairs.append({ { u"protected since"_s, formatTime(server.protectedSince) },
            { u"plan"_s, server.planSummary },
            { u"max generations"_s, QString::number(server.plan->maxGenerations) } });
    }
    pairs.append({ { u"last backup"_s, formatTime(server.lastBackup) },
        { u"bandwidth limit"_s,
            server.bandwidthLimit ? formatBytes(server.bandwidthLimit) + u"/s"_s : u"none"_s } });
    return keyValues(pairs);
}

void showServer(Session &s)
{
    s.resolveServer(s.arguments().at(0), [&s](qint64 id) {
        if (s.json())
            return s.printJson(Requests::server(id));
        s.client().server(id, &s, s.then<ServerInfo>([&s](const ServerInfo &server) {
            printOut(describeServer(server));
            s.finish(ExitOk);
        }));
    });
}

QString copiesText(const QList<GenerationCopy> &copies)
{
    QStringList parts;
    for (const GenerationCopy &copy : copies)
        parts << copy.region + u':' + copy.state;
    return parts.isEmpty() ? u"-"_s : parts.join(u' ');
}

void listGenerations(Session &s)
{
    s.resolveServer(s.arguments().at(0), [&s](qint64 id) {
        if (s.json())
            return s.printJson(Requests::generations(id));
        s.client().generations(
            id, &s, s.then<QList<GenerationInfo>>([&s](const QList<GenerationInfo> &generations) {
                Table table({ u"ID"_s, u"KIND"_s, u"START"_s, u"END"_s, u"SOURCE"_s, u"NEW"_s,
                    u"FILES"_s, u"RETENTION"_s, u"STATUS"_s, u"COPIES"_s });
                for (const GenerationInfo &g : generations)
                    table.addRow({ QString::number(g.id), g.kind, formatTime(g.start),
                        formatTime(g.end), formatBytes(g.sourceBytes), formatBytes(g.newBytes),
                        QString::number(g.files), u"%1d"_s.arg(g.retentionDays), g.status,
                        copiesText(g.copies) });
                printOut(table.toString());
                s.finish(ExitOk);
            }));
    });
}

void printJobs(Session &s, const QList<JobInfo> &jobs, const QHash<qint64, QString> &names)
{
    Table table({ u"ID"_s, u"SERVER"_s, u"KIND"_s, u"TRIGGER"_s, u"STATE"_s, u"QUEUED"_s,
        u"ENDED"_s, u"SOURCE"_s, u"REASON"_s });
    for (const JobInfo &job : jobs)
        table.addRow(
            { QString::number(job.id), names.value(job.serverId, QString::number(job.serverId)),
                job.kind, job.trigger, jobStateName(job.state), formatTime(job.queued),
                formatTime(job.ended), formatBytes(job.progress.sourceBytes), job.reason });
    printOut(table.toString());
    s.finish(ExitOk);
}

void fetchJobs(Session &s, const JobFilter &filter)
{
    if (s.json())
        return s.printJson(Requests::jobs(filter));
    s.client().servers(
        &s, s.then<QList<ServerInfo>>([&s, filter](const QList<ServerInfo> &servers) {
            QHash<qint64, QString> names;
            for (const ServerInfo &server : servers)
                names.insert(server.id, server.name);
            s.client().jobs(filter, &s,
                s.then<QList<JobInfo>>(
                    [&s, names](const QList<JobInfo> &jobs) { printJobs(s, jobs, names); }));
        }));
}

void listJobs(Session &s)
{
    JobFilter filter;
    if (s.isSet(u"state"_s)) {
        filter.state = jobStateFromName(s.value(u"state"_s));
        if (!filter.state)
            return s.fail(ExitUsage,
                u"--state \"%1\": expected queued, running, succeeded, failed, stopped, "
                "cancelled or interrupted"_s.arg(s.value(u"state"_s)));
    }
    if (s.isSet(u"limit"_s)) {
        bool ok = false;
        filter.limit = s.value(u"limit"_s).toInt(&ok);
        if (!ok || filter.limit < 1)
            return s.fail(ExitUsage,
                u"--limit \"%1\": expected a positive number"_s.arg(s.value(u"limit"_s)));
    }
    if (!s.isSet(u"server"_s))
        return fetchJobs(s, filter);
    s.resolveServer(s.value(u"server"_s), [&s, filter](qint64 id) mutable {
        filter.serverId = id;
        fetchJobs(s, filter);
    });
}

void showJob(Session &s)
{
    const auto id = s.idArgument(0, u"job"_s);
    if (!id)
        return;
    if (s.isSet(u"wait"_s)) {
        const auto interval = intervalOption(s);
        if (interval)
            (new JobWatch(s, *id, *interval))->start();
        return;
    }
    if (s.json())
        return s.printJson(Requests::job(*id));
    s.client().job(*id, &s, s.then<JobInfo>([&s](const JobInfo &job) {
        printOut(describeJob(job));
        s.finish(ExitOk);
    }));
}

void writeCsv(Session &s, const QString &path, const QByteArray &csv)
{
    if (path == u"-"_s) {
        writeOut(csv);
        return s.finish(ExitOk);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit())
        return s.fail(ExitFailed, u"cannot write \"%1\": %2"_s.arg(path, file.errorString()));
    printErr(u"wrote the report to \"%1\" (%2 bytes)\n"_s.arg(path).arg(csv.size()));
    s.finish(ExitOk);
}

void showReport(Session &s)
{
    if (s.isSet(u"csv"_s)) {
        const QString path = s.value(u"csv"_s);
        return void(s.client().jobReportCsv(s.value(u"tz"_s), &s,
            s.then<QByteArray>([&s, path](const QByteArray &csv) { writeCsv(s, path, csv); })));
    }
    if (s.json())
        return s.printJson(Requests::jobReport());
    s.client().jobReport(0, &s, s.then<JobReport>([&s](const JobReport &report) {
        Table table({ u"JOB"_s, u"SERVER"_s, u"KIND"_s, u"TRIGGER"_s, u"START"_s, u"DURATION"_s,
            u"SOURCE"_s, u"TRANSFERRED"_s, u"FILES"_s, u"RESULT"_s, u"REASON"_s });
        for (const ReportRow &row : report.rows)
            table.addRow({ QString::number(row.jobId), row.serverName, row.kind, row.trigger,
                formatTime(row.start),
                row.durationSeconds ? formatDuration(*row.durationSeconds) : u"-"_s,
                formatBytes(row.sourceBytes), formatBytes(row.transferredBytes),
                QString::number(row.files), jobStateName(row.result), row.reason });
        printOut(table.toString());
        s.finish(ExitOk);
    }));
}

void listAlerts(Session &s)
{
    const bool all = s.isSet(u"all"_s);
    if (s.json())
        return s.printJson(Requests::alerts(all));
    s.client().alerts(all, 0, &s, s.then<QList<AlertInfo>>([&s](const QList<AlertInfo> &alerts) {
        Table table({ u"ID"_s, u"KIND"_s, u"STATE"_s, u"SERVER"_s, u"SUBJECT"_s, u"OPENED"_s,
            u"ACKNOWLEDGED BY"_s, u"DETAILS"_s });
        for (const AlertInfo &a : alerts)
            table.addRow({ QString::number(a.id), a.kind, a.state, formatOptional(a.serverId),
                a.subject, formatTime(a.opened),
                a.acknowledgedBy.isEmpty() ? u"-"_s : a.acknowledgedBy, a.details });
        printOut(table.toString());
        s.finish(ExitOk);
    }));
}

void listRegions(Session &s)
{
    if (s.json())
        return s.printJson(Requests::regions());
    s.client().regions(&s, s.then<QList<RegionInfo>>([&s](const QList<RegionInfo> &regions) {
        Table table({ u"REGION"_s, u"REMOTE"_s, u"BACKUP"_s, u"DOUBLE"_s, u"STATE"_s, u"CHANGED"_s,
            u"BY"_s });
        for (const RegionInfo &r : regions)
            table.addRow({ r.name, r.remoteRegion.isEmpty() ? u"-"_s : r.remoteRegion,
                yesNo(r.backupService), yesNo(r.doubleAvailable), r.state,
                formatTime(r.stateChanged),
                r.stateChangedBy.isEmpty() ? u"-"_s : r.stateChangedBy });
        printOut(table.toString());
        s.finish(ExitOk);
    }));
}

QString chargeText(const std::optional<qint64> &charge, const QString &currency)
{
    return charge ? u"%1 %2"_s.arg(*charge).arg(currency) : u"-"_s;
}

void showUsage(Session &s)
{
    static const QRegularExpression monthPattern(u"^[0-9]{4}-[0-9]{2}$"_s);
    const QString month = s.value(u"month"_s);
    if (!month.isEmpty() && !monthPattern.match(month).hasMatch())
        return s.fail(ExitUsage, u"--month \"%1\": expected YYYY-MM"_s.arg(month));
    if (s.json())
        return s.printJson(Requests::usage(month));
    s.client().usage(month, &s, s.then<UsageReport>([&s](const UsageReport &usage) {
        Table table({ u"ID"_s, u"SERVER"_s, u"DAYS"_s, u"AVERAGE"_s, u"CHARGE"_s });
        for (const ServerUsage &server : usage.servers)
            table.addRow({ QString::number(server.serverId), server.name,
                QString::number(server.days.size()), formatBytes(qint64(server.averageBytes)),
                server.chargeError.isEmpty() ? chargeText(server.estimatedCharge, usage.currency)
                                             : server.chargeError });
        table.addRow({ {}, u"total"_s, {}, formatBytes(qint64(usage.averageBytes)),
            chargeText(usage.estimatedCharge, usage.currency) });
        printOut(u"usage of %1\n"_s.arg(usage.month) + table.toString());
        s.finish(ExitOk);
    }));
}

void whoAmI(Session &s)
{
    if (s.json())
        return s.printJson(Requests::me());
    s.client().me(&s, s.then<Identity>([&s](const Identity &me) {
        printOut(keyValues({ { u"user"_s, me.user }, { u"role"_s, me.role },
            { u"tenant"_s, QString::number(me.tenantId) },
            { u"token"_s, me.apiKey ? u"API key"_s : u"login session"_s } }));
        s.finish(ExitOk);
    }));
}

} // namespace

QList<Command> readCommands()
{
    const QCommandLineOption json = Options::json();
    return {
        { u"servers"_s, {}, u"List the servers of the tenant."_s, { json }, 0, 0, listServers },
        { u"server"_s, u"SERVER"_s, u"Show a server, its facts and its plan."_s, { json }, 1, 1,
            showServer },
        { u"generations"_s, u"SERVER"_s, u"List a server's generations and their copies."_s,
            { json }, 1, 1, listGenerations },
        { u"jobs"_s, {}, u"List jobs, newest first."_s,
            { { u"server"_s, u"Only this server's jobs (id or name)."_s, u"SERVER"_s },
                { u"state"_s, u"Only jobs in this state."_s, u"STATE"_s },
                { u"limit"_s, u"At most this many jobs (default 200)."_s, u"N"_s }, json },
            0, 0, listJobs },
        { u"job"_s, u"JOB"_s, u"Show a job with its progress and events."_s,
            { Options::wait(), Options::interval(), json }, 1, 1, showJob },
        { u"report"_s, {}, u"The job report of the last 14 days."_s,
            { { u"csv"_s, u"Write the report as CSV to FILE (- for standard output)."_s,
                  u"FILE"_s },
                { u"tz"_s, u"Time zone of the CSV's times, e.g. Asia/Tokyo (default UTC)."_s,
                    u"ZONE"_s },
                json },
            0, 0, showReport },
        { u"alerts"_s, {}, u"List active alerts."_s,
            { { u"all"_s, u"Include resolved alerts."_s }, json }, 0, 0, listAlerts },
        { u"regions"_s, {}, u"List storage regions and their health."_s, { json }, 0, 0,
            listRegions },
        { u"usage"_s, {}, u"Protected data per server in a month, and estimated charges."_s,
            { { u"month"_s, u"The month, YYYY-MM (default: this month, UTC)."_s, u"MONTH"_s },
                json },
            0, 0, showUsage },
        { u"whoami"_s, {}, u"Show who the token belongs to."_s, { json }, 0, 0, whoAmI },
    };
}

} // namespace Kuractl
