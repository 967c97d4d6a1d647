#include "repocommands.h"

#include "terminalprogress.h"

#include <store/archiver.h>
#include <store/localstore.h>
#include <store/lock.h>
#include <store/restorer.h>
#include <store/fs/posixfilesystem.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>

#include <cstdio>

using namespace Kura;
using namespace Kura::Store;
using namespace Qt::StringLiterals;

void out(const QString &text) { std::fputs(qPrintable(text + u'\n'), stdout); }
void err(const QString &text) { std::fputs(qPrintable(text + u'\n'), stderr); }

QString repositoryPath(const QCommandLineParser &parser)
{
    if (parser.isSet(u"repo"_s))
        return parser.value(u"repo"_s);
    return qEnvironmentVariable("KURA_REPOSITORY");
}

namespace {

QJsonObject statsJson(const SnapshotStats &s)
{
    return { { u"source_bytes"_s, double(s.sourceBytes) }, { u"files"_s, double(s.files) },
             { u"directories"_s, double(s.directories) }, { u"new_blobs"_s, double(s.newBlobs) },
             { u"new_bytes"_s, double(s.newBytes) }, { u"stored_bytes"_s, double(s.storedBytes) },
             { u"read_bytes"_s, double(s.readBytes) }, { u"warnings"_s, double(s.warnings) },
             { u"duration_ms"_s, double(s.durationMs) } };
}

QJsonObject snapshotJson(const Snapshot &s)
{
    QJsonObject o { { u"id"_s, s.id }, { u"short_id"_s, s.id.left(8) },
                    { u"time"_s, s.time.toString(Qt::ISODateWithMs) },
                    { u"end_time"_s, s.endTime.toString(Qt::ISODateWithMs) },
                    { u"kind"_s, s.kind == SnapshotKind::Image ? u"image"_s : u"files"_s },
                    { u"host"_s, s.host }, { u"user"_s, s.user },
                    { u"paths"_s, QJsonArray::fromStringList(s.paths) },
                    { u"tags"_s, QJsonArray::fromStringList(s.tags) }, { u"tree"_s, s.tree.toHex() },
                    { u"stats"_s, statsJson(s.stats) } };
    if (s.parent)
        o.insert(u"parent"_s, s.parent->toHex());
    return o;
}

} // namespace

std::unique_ptr<RepositoryLock> takeLock(ObjectStore &store, bool exclusive, const QString &command, int *exitCode)
{
    auto lock = RepositoryLock::acquire(store, exclusive, command, 30 * 1000);
    if (!lock) {
        *exitCode = reportError(lock.error());
        return nullptr;
    }
    return std::move(*lock);
}

namespace {

int cmdBackup(CommandContext &c)
{
    const bool image = c.parser.isSet(u"image"_s);
    if (c.arguments.isEmpty()) {
        err(u"backup: name at least one path"_s);
        return ExitUsage;
    }
    int code = ExitOk;
    auto repo = openRepository(c, &code);
    if (!repo)
        return code;
    auto lock = takeLock(repo->store(), false, u"backup"_s, &code);
    if (!lock)
        return code;
    if (const Status reloaded = repo->loadIndex(); !reloaded) // a prune may have run while we waited
        return reportError(reloaded.error());
    for (const Error &e : repo->damagedIndexes())
        err(u"warning: "_s + e.message() + u" (data it lists is stored again; run check)"_s);
    BackupOptions options;
    for (const QString &path : std::as_const(c.arguments))
        options.paths << QFile::encodeName(QDir::cleanPath(QDir::current().absoluteFilePath(path)));
    for (const QString &pattern : c.parser.values(u"exclude"_s))
        options.excludes << QFile::encodeName(pattern);
    options.kind = image ? SnapshotKind::Image : SnapshotKind::Files;
    options.host = c.parser.isSet(u"host"_s) ? c.parser.value(u"host"_s) : QSysInfo::machineHostName();
    options.user = qEnvironmentVariable("USER");
    options.tags = c.parser.values(u"tag"_s);
    options.parent = c.parser.value(u"parent"_s);
    // Totals only feed the display: without one, no second walk of the tree to count them.
    options.estimateTotals = TerminalProgress::shows(!c.quiet && !c.json);
    Fs::PosixFileSystem fs;
    Progress progress;
    Archiver archiver(*repo, fs);
    archiver.setProgress(&progress);
    archiver.setCancelFlag(&c.interrupted);
    Result<BackupResult> result = [&] {
        TerminalProgress display(progress, !c.quiet && !c.json);
        return archiver.run(options);
    }();
    if (!result) {
        if (result.error().code() == ErrorCode::Cancelled) {
            err(result.error().message());
            return ExitInterrupted;
        }
        return reportError(result.error());
    }
    for (const QString &warning : std::as_const(result->warnings))
        err(u"warning: "_s + warning);
    const Snapshot &s = result->snapshot;
    if (c.json) {
        QJsonObject o = snapshotJson(s);
        o.insert(u"warnings"_s, QJsonArray::fromStringList(result->warnings));
        printJson(o);
    } else if (!c.quiet) {
        out(QStringLiteral("snapshot %1 saved: %2 files, %3 in %4 directories; %5 new (%6 stored) in %7 s")
                .arg(s.id.left(8))
                .arg(s.stats.files)
                .arg(formatBytes(s.stats.sourceBytes))
                .arg(s.stats.directories)
                .arg(formatBytes(s.stats.newBytes), formatBytes(s.stats.storedBytes))
                .arg(double(s.stats.durationMs) / 1000.0, 0, 'f', 1));
    }
    return result->warnings.isEmpty() ? ExitOk : ExitWarnings;
}

int cmdSnapshots(CommandContext &c)
{
    int code = ExitOk;
    auto repo = openRepository(c, &code);
    if (!repo)
        return code;
    QList<Error> damaged;
    auto snapshots = repo->snapshots(&damaged);
    if (!snapshots)
        return reportError(snapshots.error());
    for (const Error &e : std::as_const(damaged))
        err(u"error: "_s + e.message());
    if (c.json) {
        QJsonArray array;
        for (const Snapshot &s : std::as_const(*snapshots))
            array.append(snapshotJson(s));
        printJson(array);
        return damaged.isEmpty() ? ExitOk : ExitError;
    }
    out(u"ID        Time                  Host          Kind    Size        Paths"_s);
    for (const Snapshot &s : std::as_const(*snapshots))
        out(QStringLiteral("%1  %2  %3  %4  %5  %6")
                .arg(s.id.left(8), s.time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s))
                .arg(s.host.left(12), -12)
                .arg(s.kind == SnapshotKind::Image ? u"image"_s : u"files"_s, -6)
                .arg(formatBytes(s.stats.sourceBytes), -10)
                .arg(s.paths.join(u", "_s)));
    out(QStringLiteral("%1 snapshot(s)").arg(snapshots->size()));
    return damaged.isEmpty() ? ExitOk : ExitError;
}

void listTree(Repository &repo, const BlobId &treeId, const QByteArray &path, const QByteArray &prefix,
              QJsonArray *json, int *code)
{
    auto tree = repo.loadTree(treeId);
    if (!tree) {
        *code = reportError(tree.error());
        return;
    }
    for (const Node &node : std::as_const(tree->nodes)) {
        const QByteArray child = path + '/' + node.name;
        const bool inside = prefix.isEmpty() || child == prefix || child.startsWith(prefix + '/');
        const bool above = prefix.startsWith(child + '/');
        if (inside) {
            if (json)
                json->append(QJsonObject { { u"path"_s, QString::fromUtf8(child) },
                                           { u"type"_s, int(node.type) }, { u"size"_s, double(node.size) },
                                           { u"mtime_ns"_s, double(node.mtimeNs) } });
            else
                out(QStringLiteral("%1 %2 %3").arg(QChar(node.type == NodeType::Directory ? u'd' : node.type == NodeType::Symlink ? u'l' : u'-'))
                        .arg(node.size, 12)
                        .arg(QString::fromUtf8(child)));
        }
        if (node.type == NodeType::Directory && (inside || above))
            listTree(repo, node.subtree, child, prefix, json, code);
    }
}

int cmdLs(CommandContext &c)
{
    if (c.arguments.isEmpty() || c.arguments.size() > 2) {
        err(u"ls: give a snapshot and optionally a path"_s);
        return ExitUsage;
    }
    int code = ExitOk;
    auto repo = openRepository(c, &code);
    if (!repo)
        return code;
    auto snapshot = repo->findSnapshot(c.arguments[0]);
    if (!snapshot)
        return reportError(snapshot.error());
    QByteArray prefix = c.arguments.size() > 1 ? QFile::encodeName(QDir::cleanPath(c.arguments[1])) : QByteArray();
    if (!prefix.isEmpty() && !prefix.startsWith('/'))
        prefix.prepend('/');
    if (prefix == "/")
        prefix.clear();
    QJsonArray json;
    listTree(*repo, snapshot->tree, {}, prefix, c.json ? &json : nullptr, &code);
    if (c.json)
        printJson(json);
    return code;
}

Fs::OverwritePolicy overwritePolicy(const QString &name, bool *ok)
{
    *ok = true;
    if (name == u"skip"_s)
        return Fs::OverwritePolicy::Skip;
    if (name == u"keep-both"_s)
        return Fs::OverwritePolicy::KeepBoth;
    *ok = name.isEmpty() || name == u"overwrite"_s;
    return Fs::OverwritePolicy::Overwrite;
}

int cmdRestore(CommandContext &c, bool image)
{
    if (c.arguments.size() != 1 || !c.parser.isSet(u"target"_s)) {
        err(QStringLiteral("%1: give one snapshot and --target").arg(image ? u"restore-image"_s : u"restore"_s));
        return ExitUsage;
    }
    bool ok = true;
    RestoreOptions options;
    options.overwrite = overwritePolicy(c.parser.value(u"overwrite"_s), &ok);
    if (!ok) {
        err(u"--overwrite takes skip, overwrite or keep-both"_s);
        return ExitUsage;
    }
    int code = ExitOk;
    auto repo = openRepository(c, &code);
    if (!repo)
        return code;
    auto lock = takeLock(repo->store(), false, u"restore"_s, &code);
    if (!lock)
        return code;
    if (const Status reloaded = repo->loadIndex(); !reloaded)
        return reportError(reloaded.error());
    for (const Error &e : repo->damagedIndexes())
        err(u"error: "_s + e.message() + u" (files whose data it lists cannot be restored)"_s);
    auto snapshot = repo->findSnapshot(c.arguments[0]);
    if (!snapshot)
        return reportError(snapshot.error());
    options.target = QFile::encodeName(QDir::cleanPath(QDir::current().absoluteFilePath(c.parser.value(u"target"_s))));
    for (const QString &include : c.parser.values(u"include"_s))
        options.includes << QFile::encodeName(QDir::cleanPath(include));
    Fs::PosixFileSystem fs;
    Progress progress;
    if (!image) { // restoreImage sets its own totals
        progress.addBytesTotal(snapshot->stats.sourceBytes);
        progress.addFilesTotal(snapshot->stats.files);
        if (options.includes.isEmpty())
            progress.setTotalsFinal();
    }
    Restorer restorer(*repo, fs);
    restorer.setProgress(&progress);
    restorer.setCancelFlag(&c.interrupted);
    Result<RestoreResult> result = [&] {
        TerminalProgress display(progress, !c.quiet && !c.json);
        return image ? restorer.restoreImage(*snapshot, options.target) : restorer.restore(*snapshot, options);
    }();
    if (!result)
        return result.error().code() == ErrorCode::Cancelled ? ExitInterrupted : reportError(result.error());
    for (const Error &e : std::as_const(result->warnings))
        err(u"warning: "_s + e.message());
    for (const Error &e : std::as_const(result->errors))
        err(u"error: "_s + e.message());
    if (c.json)
        printJson(QJsonObject { { u"files"_s, double(result->files) }, { u"directories"_s, double(result->directories) },
                                { u"bytes"_s, double(result->bytes) }, { u"skipped"_s, double(result->skipped) },
                                { u"errors"_s, double(result->errors.size()) },
                                { u"warnings"_s, double(result->warnings.size()) } });
    else if (!c.quiet)
        out(QStringLiteral("restored %1 files, %2 directories, %3 to %4 (%5 skipped, %6 errors)")
                .arg(result->files)
                .arg(result->directories)
                .arg(formatBytes(result->bytes), QString::fromUtf8(options.target))
                .arg(result->skipped)
                .arg(result->errors.size()));
    return result->errors.isEmpty() ? ExitOk : ExitWarnings;
}

} // namespace

void printJson(const QJsonValue &value)
{
    const QByteArray text = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    std::fputc('\n', stdout);
}

int reportError(const Error &error)
{
    err(u"kura-repo: "_s + error.message());
    switch (error.code()) {
    case ErrorCode::Unauthorized: return ExitWrongPassword;
    case ErrorCode::Conflict: return error.retryable() ? ExitLocked : ExitError; // only lock conflicts are retryable
    case ErrorCode::InvalidArgument: return ExitUsage;
    case ErrorCode::Cancelled: return ExitInterrupted;
    default: return ExitError;
    }
}

QByteArray readPassphrase(const QCommandLineParser &parser, const char *environment, int *exitCode)
{
    if (parser.isSet(u"password-file"_s)) {
        QFile file(parser.value(u"password-file"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            err(QStringLiteral("kura-repo: cannot read password file \"%1\": %2").arg(file.fileName(), file.errorString()));
            *exitCode = ExitUsage;
            return {};
        }
        QByteArray text = file.readAll();
        while (text.endsWith('\n') || text.endsWith('\r'))
            text.chop(1);
        if (text.isEmpty()) {
            err(QStringLiteral("kura-repo: password file \"%1\" is empty").arg(file.fileName()));
            *exitCode = ExitUsage;
        }
        return text;
    }
    const QByteArray value = qgetenv(environment);
    if (value.isEmpty()) {
        err(QStringLiteral("kura-repo: no passphrase: set %1 or use --password-file").arg(QLatin1String(environment)));
        *exitCode = ExitUsage;
    }
    return value;
}

std::unique_ptr<Repository> openRepository(CommandContext &c, int *exitCode)
{
    const QString path = repositoryPath(c.parser);
    if (path.isEmpty()) {
        err(u"kura-repo: no repository: use -r DIR or set KURA_REPOSITORY"_s);
        *exitCode = ExitUsage;
        return nullptr;
    }
    const QByteArray passphrase = readPassphrase(c.parser, "KURA_PASSWORD", exitCode);
    if (passphrase.isEmpty())
        return nullptr;
    auto repo = Repository::open(std::make_unique<LocalStore>(path), passphrase);
    if (!repo) {
        *exitCode = reportError(repo.error());
        return nullptr;
    }
    return std::move(*repo);
}

void addCommandOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        { { u"r"_s, u"repo"_s }, u"Repository folder (default: $KURA_REPOSITORY)."_s, u"dir"_s },
        { u"password-file"_s, u"Read the passphrase from this file (default: $KURA_PASSWORD)."_s, u"file"_s },
        { u"json"_s, u"Print results as JSON."_s },
        { { u"q"_s, u"quiet"_s }, u"Print only warnings and errors."_s },
        { u"exclude"_s, u"backup: skip entries matching this pattern (repeatable)."_s, u"pattern"_s },
        { u"image"_s, u"backup: back up one block device or image file as an image."_s },
        { u"host"_s, u"backup: host name to record (default: this machine's)."_s, u"name"_s },
        { u"tag"_s, u"backup: tag to record (repeatable)."_s, u"tag"_s },
        { u"parent"_s, u"backup: snapshot whose unchanged files are reused, or \"none\"."_s, u"snapshot"_s },
        { u"target"_s, u"restore: folder to restore into; restore-image: file or device."_s, u"path"_s },
        { u"include"_s, u"restore: path in the snapshot to restore (repeatable)."_s, u"path"_s },
        { u"overwrite"_s, u"restore: skip, overwrite (default) or keep-both."_s, u"policy"_s },
        { u"read-data"_s, u"check: read and verify every blob."_s },
        { u"keep-within"_s, u"forget: keep snapshots newer than this (e.g. 7d, 12h)."_s, u"duration"_s },
        { u"keep-last"_s, u"forget: keep the newest N snapshots of each host and paths."_s, u"n"_s },
        { u"prune"_s, u"forget: prune afterwards."_s },
        { u"dry-run"_s, u"forget, prune: only say what would be done."_s },
        { u"compression"_s, u"init: zstd level 0-19 (0: none; default 3)."_s, u"level"_s },
        { u"kdf-cost"_s, u"init, key add: scrypt N as a power of two, 10-22 (default 15)."_s, u"log2"_s },
        { u"new-password-file"_s, u"key add, key passwd: read the new passphrase from this file "
                                  "(default: $KURA_NEW_PASSWORD)."_s, u"file"_s },
    });
}

int runCommand(const QString &command, CommandContext &context)
{
    context.json = context.parser.isSet(u"json"_s);
    context.quiet = context.parser.isSet(u"quiet"_s);
    if (command == u"backup"_s)
        return cmdBackup(context);
    if (command == u"snapshots"_s)
        return cmdSnapshots(context);
    if (command == u"ls"_s)
        return cmdLs(context);
    if (command == u"restore"_s)
        return cmdRestore(context, false);
    if (command == u"restore-image"_s)
        return cmdRestore(context, true);
    bool handled = false;
    const int code = runAdminCommand(command, context, &handled);
    if (handled)
        return code;
    err(QStringLiteral("kura-repo: unknown command \"%1\" (see --help)").arg(command));
    return ExitUsage;
}
