// kura-repo commands that administer a repository: init, check, forget, prune, stats, key.
#include "repocommands.h"

#include "terminalprogress.h"

#include <store/checker.h>
#include <store/localstore.h>
#include <store/lock.h>
#include <store/pruner.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <cstdio>

using namespace Kura;
using namespace Kura::Store;
using namespace Qt::StringLiterals;

namespace {

// Parses "7d", "12h", "30m", "2w", "1y" into seconds; -1 when malformed.
qint64 parseDuration(const QString &text)
{
    static const QRegularExpression pattern(u"^(\\d+)([smhdwy])$"_s);
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return -1;
    const qint64 n = match.captured(1).toLongLong();
    switch (match.captured(2).at(0).unicode()) {
    case 's': return n;
    case 'm': return n * 60;
    case 'h': return n * 3600;
    case 'd': return n * 86400;
    case 'w': return n * 7 * 86400;
    default: return n * 365 * 86400;
    }
}

std::optional<ScryptParams> scryptFrom(const QCommandLineParser &parser)
{
    ScryptParams params;
    if (!parser.isSet(u"kdf-cost"_s))
        return params;
    bool ok = false;
    const int log2 = parser.value(u"kdf-cost"_s).toInt(&ok);
    if (!ok || log2 < 10 || log2 > 22)
        return std::nullopt;
    params.n = 1ull << log2;
    return params;
}

int cmdInit(CommandContext &c)
{
    const QString path = repositoryPath(c.parser);
    if (path.isEmpty()) {
        err(u"kura-repo: no repository: use -r DIR or set KURA_REPOSITORY"_s);
        return ExitUsage;
    }
    int code = ExitOk;
    const QByteArray passphrase = readPassphrase(c.parser, "KURA_PASSWORD", &code);
    if (passphrase.isEmpty())
        return code;
    InitOptions options;
    auto scrypt = scryptFrom(c.parser);
    bool ok = true;
    if (c.parser.isSet(u"compression"_s))
        options.compressionLevel = c.parser.value(u"compression"_s).toInt(&ok);
    if (!scrypt || !ok || options.compressionLevel < 0 || options.compressionLevel > 19) {
        err(u"kura-repo: --kdf-cost takes 10-22 and --compression 0-19"_s);
        return ExitUsage;
    }
    options.scrypt = *scrypt;
    auto repo = Repository::init(std::make_unique<LocalStore>(path), passphrase, options);
    if (!repo)
        return reportError(repo.error());
    if (c.json)
        printJson(QJsonObject { { u"id"_s, (*repo)->config().id }, { u"location"_s, (*repo)->store().location() } });
    else if (!c.quiet)
        out(QStringLiteral("created repository %1 at %2").arg((*repo)->config().id.left(8), (*repo)->store().location()));
    return ExitOk;
}

int cmdCheck(CommandContext &c)
{
    int code = ExitOk;
    auto repo = openRepository(c, &code);
    if (!repo)
        return code;
    auto lock = takeLock(repo->store(), false, u"check"_s, &code);
    if (!lock)
        return code;
    Progress progress;
    Checker checker(*repo);
    checker.setProgress(&progress);
    Result<CheckReport> report = [&] {
        TerminalProgress display(progress, !c.quiet && !c.json);
        return checker.run(c.parser.isSet(u"read-data"_s));
    }();
    if (!report)
        return reportError(report.error());
    if (c.json) {
        QJsonArray problems;
        for (const CheckProblem &p : std::as_const(report->problems))
            problems.append(QJsonObject { { u"message"_s, p.error.message() }, { u"pack"_s, p.pack },
                                          { u"snapshots"_s, QJsonArray::fromStringList(p.snapshots) },
                                          { u"files"_s, QJsonArray::fromStringList(p.files) } });
        printJson(QJsonObject { { u"ok"_s, report->ok() }, { u"packs"_s, double(report->packs) },
                                { u"blobs"_s, double(report->blobs) }, { u"snapshots"_s, double(report->snapshots) },
                                { u"packs_read"_s, double(report->packsRead) }, { u"problems"_s, problems },
                                { u"notes"_s, QJsonArray::fromStringList(report->notes) } });
    } else {
        for (const QString &note : std::as_const(report->notes))
            err(u"note: "_s + note);
        for (const CheckProblem &p : std::as_const(report->problems)) {
            err(u"error: "_s + p.error.message());
            if (!p.snapshots.isEmpty())
                err(u"  affects snapshots: "_s + p.snapshots.join(u", "_s));
            for (const QString &file : p.files)
                err(u"  affects file "_s + file);
        }
        if (!c.quiet)
            out(QStringLiteral("%1: %2 packs, %3 blobs, %4 snapshots checked%5")
                    .arg(report->ok() ? u"no errors"_s : QStringLiteral("%1 problem(s)").arg(report->problems.size()))
                    .arg(report->packs)
                    .arg(report->blobs)
                    .arg(report->snapshots)
                    .arg(c.parser.isSet(u"read-data"_s) ? QStringLiteral(", %1 packs read").arg(report->packsRead) : QString()));
    }
    return report->ok() ? ExitOk : ExitDamaged;
}

int runPrune(CommandContext &c, Repository &repo)
{
    PruneOptions options;
    options.dryRun = c.parser.isSet(u"dry-run"_s);
    auto report = prune(repo, options);
    if (!report)
        return reportError(report.error());
    if (c.json)
        printJson(QJsonObject { { u"packs_before"_s, double(report->packsBefore) },
                                { u"packs_deleted"_s, double(report->packsDeleted) },
                                { u"packs_repacked"_s, double(report->packsRepacked) },
                                { u"packs_written"_s, double(report->packsWritten) },
                                { u"bytes_freed"_s, double(report->bytesFreed) },
                                { u"blobs_removed"_s, double(report->blobsRemoved) } });
    else if (!c.quiet)
        out(QStringLiteral("%1%2 of %3 packs deleted, %4 repacked into %5, %6 freed, %7 blobs removed")
                .arg(options.dryRun ? u"dry run: "_s : QString())
                .arg(report->packsDeleted)
                .arg(report->packsBefore)
                .arg(report->packsRepacked)
                .arg(report->packsWritten)
                .arg(formatBytes(report->bytesFreed))
                .arg(report->blobsRemoved));
    return ExitOk;
}

int cmdForget(CommandContext &c)
{
    ForgetPolicy policy;
    if (c.parser.isSet(u"keep-within"_s)) {
        policy.keepWithinSeconds = parseDuration(c.parser.value(u"keep-within"_s));
        if (policy.keepWithinSeconds < 0) {
            err(u"kura-repo: --keep-within takes a number and a unit s, m, h, d, w or y (e.g. 7d)"_s);
            return ExitUsage;
        }
    }
    if (c.parser.isSet(u"keep-last"_s)) {
        bool ok = false;
        policy.keepLast = c.parser.value(u"keep-last"_s).toInt(&ok);
        if (!ok || policy.keepLast < 0) {
            err(u"kura-repo: --keep-last takes a whole number"_s);
            return ExitUsage;
        }
    }
    if (policy.isEmpty()) {
        err(u"kura-repo: forget needs --keep-within or --keep-last"_s);
        return ExitUsage;
    }
    int code = ExitOk;
    auto repo = openRepository(c, &code);
    if (!repo)
        return code;
    auto lock = takeLock(repo->store(), true, u"forget"_s, &code);
    if (!lock)
        return code;
    auto snapshots = repo->snapshots();
    if (!snapshots)
        return reportError(snapshots.error());
    const bool dryRun = c.parser.isSet(u"dry-run"_s);
    QJsonArray removed;
    for (const ForgetDecision &d : applyForgetPolicy(*snapshots, policy, QDateTime::currentDateTimeUtc())) {
        if (!c.json && !c.quiet)
            out(QStringLiteral("%1 %2 %3: %4").arg(d.keep ? u"keep  "_s : u"remove"_s, d.snapshot.id.left(8),
                                                  d.snapshot.time.toString(Qt::ISODate), d.reason));
        if (d.keep)
            continue;
        removed.append(d.snapshot.id);
        if (!dryRun)
            if (const Status s = repo->store().remove(ObjectKind::Snapshot, d.snapshot.id); !s)
                return reportError(s.error());
    }
    if (c.json && !c.parser.isSet(u"prune"_s))
        printJson(QJsonObject { { u"removed"_s, removed } });
    if (c.parser.isSet(u"prune"_s))
        return runPrune(c, *repo);
    return ExitOk;
}

int cmdPrune(CommandContext &c)
{
    int code = ExitOk;
    auto repo = openRepository(c, &code);
    if (!repo)
        return code;
    auto lock = takeLock(repo->store(), true, u"prune"_s, &code);
    if (!lock)
        return code;
    return runPrune(c, *repo);
}

int cmdStats(CommandContext &c)
{
    int code = ExitOk;
    auto repo = openRepository(c, &code);
    if (!repo)
        return code;
    auto snapshots = repo->snapshots();
    if (!snapshots)
        return reportError(snapshots.error());
    qint64 packBytes = 0, rawBytes = 0, blobs = 0;
    const QList<IndexedPack> packs = repo->index().packs();
    for (const IndexedPack &pack : packs) {
        auto size = repo->store().size(ObjectKind::Pack, pack.packId.toHex());
        if (size)
            packBytes += *size;
        for (const PackEntry &e : pack.entries) {
            rawBytes += e.rawLength;
            ++blobs;
        }
    }
    const qint64 sourceBytes = snapshots->isEmpty() ? 0 : snapshots->last().stats.sourceBytes;
    if (c.json) {
        printJson(QJsonObject { { u"snapshots"_s, double(snapshots->size()) }, { u"packs"_s, double(packs.size()) },
                                { u"blobs"_s, double(blobs) }, { u"stored_bytes"_s, double(packBytes) },
                                { u"unique_bytes"_s, double(rawBytes) },
                                { u"latest_source_bytes"_s, double(sourceBytes) } });
        return ExitOk;
    }
    out(QStringLiteral("snapshots: %1\npacks: %2\nblobs: %3\nunique data: %4\nstored (compressed, encrypted): %5\n"
                       "latest snapshot source size: %6")
            .arg(snapshots->size())
            .arg(packs.size())
            .arg(blobs)
            .arg(formatBytes(rawBytes), formatBytes(packBytes), formatBytes(sourceBytes)));
    return ExitOk;
}

int cmdKey(CommandContext &c)
{
    const QString action = c.arguments.value(0);
    int code = ExitOk;
    auto repo = openRepository(c, &code);
    if (!repo)
        return code;
    if (action == u"list"_s) {
        auto keys = repo->store().list(ObjectKind::Key);
        if (!keys)
            return reportError(keys.error());
        for (const QString &key : std::as_const(*keys))
            out((key == repo->currentKeyId() ? u"* "_s : u"  "_s) + key);
        return ExitOk;
    }
    if (action == u"remove"_s) {
        if (c.arguments.size() != 2) {
            err(u"kura-repo: key remove takes a key id"_s);
            return ExitUsage;
        }
        const Status removed = repo->removeKey(c.arguments[1]);
        return removed ? ExitOk : reportError(removed.error());
    }
    if (action != u"add"_s && action != u"passwd"_s) {
        err(u"kura-repo: key takes list, add, passwd or remove"_s);
        return ExitUsage;
    }
    QByteArray newPassphrase;
    if (c.parser.isSet(u"new-password-file"_s)) {
        QFile file(c.parser.value(u"new-password-file"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            err(u"kura-repo: cannot read the new password file"_s);
            return ExitUsage;
        }
        newPassphrase = file.readAll();
        while (newPassphrase.endsWith('\n') || newPassphrase.endsWith('\r'))
            newPassphrase.chop(1);
    } else {
        newPassphrase = qgetenv("KURA_NEW_PASSWORD");
    }
    auto scrypt = scryptFrom(c.parser);
    if (newPassphrase.isEmpty() || !scrypt) {
        err(u"kura-repo: give the new passphrase with --new-password-file or KURA_NEW_PASSWORD"_s);
        return ExitUsage;
    }
    auto added = repo->addKey(newPassphrase, *scrypt);
    if (!added)
        return reportError(added.error());
    if (action == u"passwd"_s) {
        const Status removed = repo->removeKey(repo->currentKeyId());
        if (!removed)
            return reportError(removed.error());
    }
    if (!c.quiet)
        out(QStringLiteral("%1 key %2").arg(action == u"add"_s ? u"added"_s : u"passphrase changed; new"_s, added->left(8)));
    return ExitOk;
}

} // namespace

int runAdminCommand(const QString &command, CommandContext &c, bool *handled)
{
    *handled = true;
    if (command == u"init"_s)
        return cmdInit(c);
    if (command == u"check"_s)
        return cmdCheck(c);
    if (command == u"forget"_s)
        return cmdForget(c);
    if (command == u"prune"_s)
        return cmdPrune(c);
    if (command == u"stats"_s)
        return cmdStats(c);
    if (command == u"key"_s)
        return cmdKey(c);
    *handled = false;
    return ExitUsage;
}
