// kuractl commands for restores: restore, restore-targets, browse.
#include "cli.h"
#include "format.h"
#include "jobwatch.h"
#include "options.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Kuractl {
namespace {

using namespace Client;

QCommandLineOption generationOption(const QString &description, const QString &fallback = {})
{
    return { u"generation"_s, description, u"GEN"_s, fallback };
}

// GEN as a generation id, or "latest": the newest complete generation of `serverId`.
void resolveGeneration(
    Session &s, qint64 serverId, const QString &text, std::function<void(qint64)> next)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (ok && id > 0)
        return next(id);
    if (text != u"latest"_s)
        return s.fail(
            ExitUsage, u"--generation \"%1\": expected a generation id or \"latest\""_s.arg(text));
    s.client().generations(serverId, &s,
        s.then<QList<GenerationInfo>>([&s, serverId, next](const QList<GenerationInfo> &list) {
            for (const GenerationInfo &generation : list) // newest first
                if (generation.status == u"complete"_s)
                    return next(generation.id);
            s.fail(ExitNotFound, u"server %1 has no complete generation"_s.arg(serverId));
        }));
}

// SERVER and --generation GEN, resolved.
void withGeneration(Session &s, std::function<void(qint64, qint64)> next)
{
    s.resolveServer(s.arguments().at(0), [&s, next](qint64 serverId) {
        resolveGeneration(s, serverId, s.value(u"generation"_s),
            [next, serverId](qint64 generationId) { next(serverId, generationId); });
    });
}

void listTargets(Session &s)
{
    withGeneration(s, [&s](qint64 serverId, qint64 generationId) {
        if (s.json())
            return s.printJson(Requests::restoreTargets(serverId, generationId));
        s.client().restoreTargets(serverId, generationId, &s,
            s.then<QList<RestoreTarget>>([&s](const QList<RestoreTarget> &targets) {
                Table table({ u"ID"_s, u"NAME"_s, u"ONLINE"_s, u"ALLOWED"_s, u"ISSUES"_s });
                for (const RestoreTarget &t : targets)
                    table.addRow({ QString::number(t.serverId), t.name, yesNo(t.online),
                        yesNo(t.allowed), t.issues.isEmpty() ? u"-"_s : t.issues.join(u", "_s) });
                printOut(table.toString());
                s.finish(ExitOk);
            }));
    });
}

// The restore's options, checked before anything is sent; nullopt after a usage failure.
std::optional<RestoreRequest> restoreOptions(Session &s)
{
    RestoreRequest restore;
    restore.targetPath = s.value(u"to"_s);
    restore.device = s.value(u"device"_s);
    restore.paths = s.values(u"path"_s);
    restore.overwrite = s.value(u"overwrite"_s);
    QString problem;
    if (restore.targetPath.isEmpty() == restore.device.isEmpty())
        problem = u"restore needs either --to FOLDER (files) or --device DEVICE (system)"_s;
    else if (!restore.device.isEmpty() && !restore.paths.isEmpty())
        problem = u"--path chooses files; a system restore writes the whole image"_s;
    else if (!QStringList { u"skip"_s, u"overwrite"_s, u"keep_both"_s }.contains(restore.overwrite))
        problem
            = u"--overwrite \"%1\": expected skip, overwrite or keep_both"_s.arg(restore.overwrite);
    if (problem.isEmpty())
        return restore;
    s.fail(ExitUsage, problem);
    return std::nullopt;
}

void sendRestore(Session &s, qint64 serverId, const RestoreRequest &restore,
    std::optional<std::chrono::milliseconds> interval)
{
    s.client().send(Requests::startRestore(serverId, restore), &s,
        s.then<QByteArray>([&s, interval](const QByteArray &body) {
            const auto job = JobInfo::fromJson(QJsonDocument::fromJson(body).object());
            if (!job)
                return s.fail(ExitFailed, u"unexpected answer: "_s + job.error().message());
            const QString line = u"job %1 queued: %2 to server %3 %4\n"_s.arg(job->id)
                                     .arg(job->kind)
                                     .arg(job->targetServerId.value_or(job->serverId))
                                     .arg(job->targetPath);
            if (interval) {
                printErr(line);
                return (new JobWatch(s, job->id, *interval))->start();
            }
            if (s.json())
                writeOut(body + '\n');
            else
                printOut(line);
            s.finish(ExitOk);
        }));
}

void startRestore(Session &s)
{
    auto restore = restoreOptions(s);
    if (!restore)
        return;
    std::optional<std::chrono::milliseconds> interval;
    if (s.isSet(u"wait"_s) && !(interval = intervalOption(s)))
        return;
    withGeneration(s, [&s, restore = *restore, interval](qint64 serverId, qint64 generationId) {
        RestoreRequest request = restore;
        request.generationId = generationId;
        if (!s.isSet(u"target"_s))
            return sendRestore(s, serverId, request, interval);
        s.resolveServer(s.value(u"target"_s), [&s, request, serverId, interval](qint64 target) {
            RestoreRequest toTarget = request;
            toTarget.targetServerId = target;
            sendRestore(s, serverId, toTarget, interval);
        });
    });
}

void printListing(Session &s, const FolderListing &listing)
{
    Table table({ u"KIND"_s, u"SIZE"_s, u"MODIFIED"_s, u"NAME"_s });
    for (const FileEntry &e : listing.entries)
        table.addRow({ e.kind, e.kind == u"directory"_s ? u"-"_s : formatBytes(e.sizeBytes),
            formatTime(e.modified), e.name });
    printOut(table.toString());
    if (listing.truncated)
        printErr(u"kuractl: \"%1\" has more entries than were listed\n"_s.arg(listing.path));
    s.finish(ExitOk);
}

void browse(Session &s)
{
    const QString path = s.arguments().value(1, u"/"_s);
    int limit = 0;
    if (s.isSet(u"limit"_s)) {
        bool ok = false;
        limit = s.value(u"limit"_s).toInt(&ok);
        if (!ok || limit < 1)
            return s.fail(ExitUsage,
                u"--limit \"%1\": expected a positive number"_s.arg(s.value(u"limit"_s)));
    }
    auto show = s.then<FolderListing>([&s](const FolderListing &l) { printListing(s, l); });
    if (s.isSet(u"generation"_s))
        return withGeneration(s, [&s, path, show](qint64 serverId, qint64 generationId) {
            if (s.json())
                return s.printJson(Requests::browseGeneration(serverId, generationId, path));
            s.client().browseGeneration(serverId, generationId, path, &s, show);
        });
    s.resolveServer(s.arguments().at(0), [&s, path, limit, show](qint64 serverId) {
        if (s.json())
            return s.printJson(Requests::browseServer(serverId, path, limit));
        s.client().browseServer(serverId, path, limit, &s, show);
    });
}

} // namespace

QList<Command> restoreCommands()
{
    const QCommandLineOption json = Options::json();
    return {
        { u"restore"_s, u"SERVER"_s,
            u"Restore a generation of SERVER, to it or to another allowed server."_s,
            { generationOption(u"The generation: an id or \"latest\" (default)."_s, u"latest"_s),
                { u"target"_s, u"The server to restore to (default: SERVER itself)."_s,
                    u"SERVER"_s },
                { u"to"_s, u"Files: the absolute folder to restore into."_s, u"FOLDER"_s },
                { u"path"_s, u"Files: restore only this path of the generation (repeatable)."_s,
                    u"PATH"_s },
                { u"overwrite"_s, u"Files: skip (default), overwrite or keep_both."_s, u"POLICY"_s,
                    u"skip"_s },
                { u"device"_s, u"System: the device or image file to write."_s, u"DEVICE"_s },
                Options::wait(), Options::interval(), json },
            1, 1, startRestore },
        { u"restore-targets"_s, u"SERVER"_s,
            u"Which servers may receive a restore of a generation, and why not."_s,
            { generationOption(u"The generation: an id or \"latest\" (default)."_s, u"latest"_s),
                json },
            1, 1, listTargets },
        { u"browse"_s, u"SERVER [PATH]"_s,
            u"List a folder of the server (asked of its agent) or of a generation."_s,
            { generationOption(u"List the folder in this generation (an id or \"latest\")."_s),
                { u"limit"_s, u"At most this many entries (default 1000)."_s, u"N"_s }, json },
            1, 2, browse },
    };
}

} // namespace Kuractl
