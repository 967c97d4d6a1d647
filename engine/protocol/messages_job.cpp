#include "messages_job.h"

#include "private/cborfields.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace Kura::Protocol {

using namespace Detail;
using Policy::JobKind;
using Policy::JobState;

namespace {
constexpr qint64 MaxCount = std::numeric_limits<qint64>::max();
constexpr qsizetype MaxSnapshotText = 128;
constexpr qsizetype MaxNameBytes = 1024;
constexpr int MaxCommandTimeoutSeconds = 86400;

Result<JobKind> readKind(const FieldReader &in, std::initializer_list<JobKind> allowed)
{
    auto name = in.text("kind", 32);
    if (!name)
        return fail(name.error());
    const auto kind = Policy::jobKindFromName(*name);
    for (JobKind candidate : allowed) {
        if (kind == candidate)
            return candidate;
    }
    return fail(in.error("kind", u"\"%1\" is not allowed here"_s.arg(*name)));
}

Result<qint64> readJobId(const FieldReader &in)
{
    return in.integer("jobId", 1, MaxCount);
}

Result<qint64> readBandwidth(const FieldReader &in)
{
    return optionalInteger(in, "bandwidthLimitBytesPerSecond", 0, MaxCount, 0);
}

Status requireNonEmpty(const FieldReader &in, const char *key, const QString &value)
{
    if (value.isEmpty())
        return fail(in.error(key, u"is empty"_s));
    return {};
}
} // namespace

QCborMap JobStart::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("jobId"_L1, jobId);
    map.insert("kind"_L1, Policy::jobKindName(kind));
    map.insert("includePaths"_L1, toCborArray(includePaths));
    map.insert("excludePatterns"_L1, toCborArray(excludePatterns));
    map.insert("device"_L1, device);
    map.insert("preCommand"_L1, preCommand);
    map.insert("postCommand"_L1, postCommand);
    map.insert("commandTimeoutSeconds"_L1, commandTimeoutSeconds);
    map.insert("parentSnapshot"_L1, parentSnapshot);
    map.insert("chunkIdKey"_L1, chunkIdKey);
    map.insert("bandwidthLimitBytesPerSecond"_L1, bandwidthLimitBytesPerSecond);
    map.insert("chunker"_L1, QCborMap{{"min"_L1, chunkerMin}, {"average"_L1, chunkerAverage},
                                      {"max"_L1, chunkerMax},
                                      {"seed"_L1, QString::number(chunkerSeed, 16)}});
    if (!parentTree.isEmpty())
        map.insert("parentTree"_L1, parentTree);
    return map;
}

Result<JobStart> JobStart::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "job_start");
    JobStart job;
    KURA_READ(job.jobId, readJobId(in));
    KURA_READ(job.kind, readKind(in, {JobKind::FileBackup, JobKind::SystemBackup}));
    KURA_READ(job.includePaths, optionalTextList(in, "includePaths", MaxListItems, MaxPathBytes));
    KURA_READ(job.excludePatterns,
              optionalTextList(in, "excludePatterns", MaxListItems, MaxPathBytes));
    KURA_READ(job.device, optionalText(in, "device", MaxPathBytes));
    if (job.kind == JobKind::SystemBackup)
        KURA_TRY(requireNonEmpty(in, "device", job.device));
    KURA_READ(job.preCommand, optionalText(in, "preCommand", MaxTextBytes));
    KURA_READ(job.postCommand, optionalText(in, "postCommand", MaxTextBytes));
    KURA_READ(job.commandTimeoutSeconds,
              optionalInteger(in, "commandTimeoutSeconds", 1, MaxCommandTimeoutSeconds, 600));
    KURA_READ(job.parentSnapshot, optionalText(in, "parentSnapshot", MaxSnapshotText));
    KURA_READ(job.chunkIdKey, in.bytes("chunkIdKey", IdKeyBytes));
    KURA_READ(job.bandwidthLimitBytesPerSecond, readBandwidth(in));
    KURA_READ(job.parentTree, optionalBytes(in, "parentTree", ChunkIdBytes));
    const QCborValue chunker = map.value("chunker"_L1);
    if (!chunker.isUndefined()) {
        if (!chunker.isMap())
            return fail(in.error("chunker", u"is not a map"_s));
        const QCborMap chunkerMap = chunker.toMap();
        FieldReader c(chunkerMap, "job_start chunker");
        KURA_READ(job.chunkerMin, c.integer("min", 4096, MaxDataPayloadBytes));
        KURA_READ(job.chunkerAverage, c.integer("average", job.chunkerMin, MaxDataPayloadBytes));
        KURA_READ(job.chunkerMax, c.integer("max", job.chunkerAverage, MaxDataPayloadBytes));
        if ((job.chunkerAverage & (job.chunkerAverage - 1)) != 0)
            return fail(in.error("chunker", u"average %1 is not a power of two"_s.arg(job.chunkerAverage)));
        QString seed;
        KURA_READ(seed, c.text("seed", 16));
        bool ok = false;
        job.chunkerSeed = seed.toULongLong(&ok, 16);
        if (!ok)
            return fail(in.error("chunker", u"seed \"%1\" is not a hexadecimal number"_s.arg(seed)));
    }
    return job;
}

const char *jobEventLevelName(JobEvent::Level level)
{
    switch (level) {
    case JobEvent::Level::Info:
        return "info";
    case JobEvent::Level::Warning:
        return "warning";
    case JobEvent::Level::Error:
        return "error";
    }
    return "info";
}

QCborMap JobEvent::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("level"_L1, QLatin1StringView(jobEventLevelName(level)));
    map.insert("text"_L1, text);
    return map;
}

Result<JobEvent> JobEvent::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "job_event");
    JobEvent event;
    QString level;
    KURA_READ(level, in.text("level", 16));
    bool known = false;
    for (JobEvent::Level candidate : {JobEvent::Level::Info, JobEvent::Level::Warning, JobEvent::Level::Error}) {
        if (level == QLatin1StringView(jobEventLevelName(candidate))) {
            event.level = candidate;
            known = true;
        }
    }
    if (!known)
        return fail(in.error("level", u"names no known level: \"%1\""_s.arg(level)));
    KURA_READ(event.text, in.text("text", MaxTextBytes));
    return event;
}

QCborMap JobProgress::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("bytesDone"_L1, bytesDone);
    map.insert("bytesTotal"_L1, bytesTotal);
    map.insert("filesDone"_L1, filesDone);
    map.insert("filesTotal"_L1, filesTotal);
    map.insert("currentFile"_L1, currentFile);
    return map;
}

Result<JobProgress> JobProgress::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "job_progress");
    JobProgress progress;
    KURA_READ(progress.bytesDone, in.integer("bytesDone", 0, MaxCount));
    KURA_READ(progress.bytesTotal, in.integer("bytesTotal", 0, MaxCount));
    KURA_READ(progress.filesDone, in.integer("filesDone", 0, MaxCount));
    KURA_READ(progress.filesTotal, in.integer("filesTotal", 0, MaxCount));
    KURA_READ(progress.currentFile, optionalText(in, "currentFile", MaxPathBytes));
    return progress;
}

static QCborMap statisticsToCbor(const JobStatistics &s)
{
    QCborMap map;
    map.insert("files"_L1, s.files);
    map.insert("sourceBytes"_L1, s.sourceBytes);
    map.insert("filesNew"_L1, s.filesNew);
    map.insert("filesChanged"_L1, s.filesChanged);
    map.insert("filesUnchanged"_L1, s.filesUnchanged);
    map.insert("bytesRead"_L1, s.bytesRead);
    map.insert("bytesSent"_L1, s.bytesSent);
    map.insert("chunksSent"_L1, s.chunksSent);
    map.insert("chunksDeduplicated"_L1, s.chunksDeduplicated);
    map.insert("durationMs"_L1, s.durationMs);
    return map;
}

static Result<JobStatistics> statisticsFromCbor(const QCborMap &map)
{
    FieldReader in(map, "job_finished statistics");
    JobStatistics s;
    KURA_READ(s.files, optionalInteger(in, "files", 0, MaxCount, 0));
    KURA_READ(s.sourceBytes, optionalInteger(in, "sourceBytes", 0, MaxCount, 0));
    KURA_READ(s.filesNew, optionalInteger(in, "filesNew", 0, MaxCount, 0));
    KURA_READ(s.filesChanged, optionalInteger(in, "filesChanged", 0, MaxCount, 0));
    KURA_READ(s.filesUnchanged, optionalInteger(in, "filesUnchanged", 0, MaxCount, 0));
    KURA_READ(s.bytesRead, optionalInteger(in, "bytesRead", 0, MaxCount, 0));
    KURA_READ(s.bytesSent, optionalInteger(in, "bytesSent", 0, MaxCount, 0));
    KURA_READ(s.chunksSent, optionalInteger(in, "chunksSent", 0, MaxCount, 0));
    KURA_READ(s.chunksDeduplicated, optionalInteger(in, "chunksDeduplicated", 0, MaxCount, 0));
    KURA_READ(s.durationMs, optionalInteger(in, "durationMs", 0, MaxCount, 0));
    return s;
}

QCborMap JobFinished::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("state"_L1, Policy::jobStateName(state));
    map.insert("reason"_L1, reason);
    map.insert("statistics"_L1, statisticsToCbor(statistics));
    if (!rootId.isEmpty())
        map.insert("rootId"_L1, rootId);
    return map;
}

Result<JobFinished> JobFinished::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "job_finished");
    JobFinished finished;
    QString state;
    KURA_READ(state, in.text("state", 32));
    const auto parsed = Policy::jobStateFromName(state);
    if (!parsed || (*parsed != JobState::Succeeded && *parsed != JobState::Failed
                    && *parsed != JobState::Stopped && *parsed != JobState::Cancelled))
        return fail(in.error("state", u"\"%1\" is not a final job state"_s.arg(state)));
    finished.state = *parsed;
    KURA_READ(finished.reason, optionalText(in, "reason", MaxTextBytes));
    QCborMap statistics;
    KURA_READ(statistics, in.map("statistics"));
    KURA_READ(finished.statistics, statisticsFromCbor(statistics));
    KURA_READ(finished.rootId, optionalBytes(in, "rootId", ChunkIdBytes));
    return finished;
}

QCborMap Cancel::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("reason"_L1, reason);
    return map;
}

Result<Cancel> Cancel::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "cancel");
    Cancel cancel;
    KURA_READ(cancel.reason, optionalText(in, "reason", MaxTextBytes));
    return cancel;
}

const char *overwritePolicyName(OverwritePolicy policy)
{
    switch (policy) {
    case OverwritePolicy::Skip:
        return "skip";
    case OverwritePolicy::Overwrite:
        return "overwrite";
    case OverwritePolicy::KeepBoth:
        return "keep_both";
    }
    return "skip";
}

static std::optional<OverwritePolicy> overwritePolicyFromName(const QString &name)
{
    for (auto policy : {OverwritePolicy::Skip, OverwritePolicy::Overwrite, OverwritePolicy::KeepBoth}) {
        if (name == QLatin1StringView(overwritePolicyName(policy)))
            return policy;
    }
    return std::nullopt;
}

QCborMap RestoreStart::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("jobId"_L1, jobId);
    map.insert("kind"_L1, Policy::jobKindName(kind));
    map.insert("rootId"_L1, rootId);
    map.insert("chunkIdKey"_L1, chunkIdKey);
    map.insert("targetPath"_L1, targetPath);
    map.insert("selectedPaths"_L1, toCborArray(selectedPaths));
    map.insert("overwrite"_L1, QLatin1StringView(overwritePolicyName(overwrite)));
    map.insert("device"_L1, device);
    map.insert("bandwidthLimitBytesPerSecond"_L1, bandwidthLimitBytesPerSecond);
    return map;
}

static Status readRestoreTarget(const FieldReader &in, RestoreStart &restore)
{
    KURA_READ(restore.targetPath, optionalText(in, "targetPath", MaxPathBytes));
    KURA_READ(restore.device, optionalText(in, "device", MaxPathBytes));
    KURA_READ(restore.selectedPaths,
              optionalTextList(in, "selectedPaths", MaxListItems, MaxPathBytes));
    QString overwrite;
    KURA_READ(overwrite, optionalText(in, "overwrite", 16));
    if (!overwrite.isEmpty()) {
        const auto policy = overwritePolicyFromName(overwrite);
        if (!policy)
            return fail(in.error("overwrite", u"names no known policy: \"%1\""_s.arg(overwrite)));
        restore.overwrite = *policy;
    }
    if (restore.kind == JobKind::SystemRestore)
        return requireNonEmpty(in, "device", restore.device);
    return requireNonEmpty(in, "targetPath", restore.targetPath);
}

Result<RestoreStart> RestoreStart::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "restore_start");
    RestoreStart restore;
    KURA_READ(restore.jobId, readJobId(in));
    KURA_READ(restore.kind, readKind(in, {JobKind::FileRestore, JobKind::SystemRestore}));
    KURA_READ(restore.rootId, in.bytes("rootId", ChunkIdBytes));
    KURA_READ(restore.chunkIdKey, in.bytes("chunkIdKey", IdKeyBytes));
    KURA_TRY(readRestoreTarget(in, restore));
    KURA_READ(restore.bandwidthLimitBytesPerSecond, readBandwidth(in));
    return restore;
}

QCborMap BrowseRequest::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("path"_L1, path);
    map.insert("maxEntries"_L1, maxEntries);
    return map;
}

Result<BrowseRequest> BrowseRequest::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "browse_request");
    BrowseRequest request;
    KURA_READ(request.path, in.text("path", MaxPathBytes));
    KURA_TRY(requireNonEmpty(in, "path", request.path));
    KURA_READ(request.maxEntries, optionalInteger(in, "maxEntries", 1, MaxBrowseEntries, 1000));
    return request;
}

static const char *entryKindName(BrowseEntry::Kind kind)
{
    switch (kind) {
    case BrowseEntry::Kind::File:
        return "file";
    case BrowseEntry::Kind::Directory:
        return "directory";
    case BrowseEntry::Kind::Symlink:
        return "symlink";
    case BrowseEntry::Kind::Other:
        return "other";
    }
    return "other";
}

static QCborMap entryToCbor(const BrowseEntry &entry)
{
    QCborMap map;
    map.insert("name"_L1, entry.name);
    map.insert("kind"_L1, QLatin1StringView(entryKindName(entry.kind)));
    map.insert("sizeBytes"_L1, entry.sizeBytes);
    map.insert("modifiedMs"_L1, entry.modifiedMs);
    return map;
}

static Result<BrowseEntry> entryFromCbor(const QCborValue &value, qsizetype index)
{
    const QByteArray context = "browse_reply entry " + QByteArray::number(index);
    if (!value.isMap())
        return fail(ErrorCode::Corrupt, QString::fromLatin1(context) + u" is not a map"_s);
    const QCborMap map = value.toMap();
    FieldReader in(map, context.constData());
    BrowseEntry entry;
    KURA_READ(entry.name, in.text("name", MaxNameBytes));
    KURA_TRY(requireNonEmpty(in, "name", entry.name));
    QString kind;
    KURA_READ(kind, in.text("kind", 16));
    for (auto candidate : {BrowseEntry::Kind::File, BrowseEntry::Kind::Directory,
                           BrowseEntry::Kind::Symlink, BrowseEntry::Kind::Other}) {
        if (kind == QLatin1StringView(entryKindName(candidate)))
            entry.kind = candidate;
    }
    if (kind != QLatin1StringView(entryKindName(entry.kind)))
        return fail(in.error("kind", u"names no known entry kind: \"%1\""_s.arg(kind)));
    KURA_READ(entry.sizeBytes, in.integer("sizeBytes", 0, MaxCount));
    KURA_READ(entry.modifiedMs, in.integer("modifiedMs", std::numeric_limits<qint64>::min(), MaxCount));
    return entry;
}

QCborMap BrowseReply::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("path"_L1, path);
    QCborArray list;
    for (const BrowseEntry &entry : entries)
        list.append(entryToCbor(entry));
    map.insert("entries"_L1, list);
    map.insert("truncated"_L1, truncated);
    return map;
}

Result<BrowseReply> BrowseReply::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "browse_reply");
    BrowseReply reply;
    KURA_READ(reply.path, in.text("path", MaxPathBytes));
    QCborArray list;
    KURA_READ(list, in.array("entries", MaxBrowseEntries));
    reply.entries.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        auto entry = entryFromCbor(list.at(i), i);
        if (!entry)
            return fail(entry.error());
        reply.entries.append(std::move(*entry));
    }
    KURA_READ(reply.truncated, in.boolean("truncated"));
    return reply;
}

} // namespace Kura::Protocol
