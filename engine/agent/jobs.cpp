#include "jobs.h"

#include "commands.h"
#include "remoteblobs.h"
#include "treecache.h"

#include <protocol/connection.h>
#include <store/archiver.h>
#include <store/restorer.h>

#include <QElapsedTimer>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Kura::Agent {

void AgentJob::Context::event(Protocol::JobEvent::Level level, const QString &text) const
{
    Protocol::JobEvent message { level, text.left(16000) };
    QPointer<AgentJob> target(&job);
    QMetaObject::invokeMethod(&job, [target, message] {
        if (target && target->m_connection && !target->m_done)
            (void)target->m_connection->send(target->m_streamId, message);
    }, Qt::QueuedConnection);
}

AgentJob::AgentJob(Protocol::Connection *connection, quint32 streamId, qint64 bandwidthLimit, Body body,
                   QObject *parent)
    : QObject(parent), m_connection(connection), m_streamId(streamId)
    , m_channel(new StreamChannel(connection, streamId, bandwidthLimit, this)), m_body(std::move(body))
{
    m_progressTimer.setInterval(1000);
    connect(&m_progressTimer, &QTimer::timeout, this, &AgentJob::sendProgress);
}

AgentJob::~AgentJob()
{
    m_channel->abort(Error(ErrorCode::Cancelled, u"the job was abandoned"_s));
    if (m_worker.joinable())
        m_worker.join();
}

void AgentJob::start()
{
    m_progressTimer.start();
    m_worker = std::thread([this] {
        Context context { *this, *m_channel, m_progress, m_channel->cancelFlag() };
        Protocol::JobFinished result = m_body(context);
        QMetaObject::invokeMethod(this, [this, result] { complete(result); }, Qt::QueuedConnection);
    });
}

void AgentJob::cancel(const QString &reason)
{
    m_channel->abort(Error(ErrorCode::Cancelled, reason.isEmpty() ? u"stopped on request"_s : reason));
}

void AgentJob::abandon(const Error &reason)
{
    m_done = true;
    m_progressTimer.stop();
    m_channel->abort(reason);
}

void AgentJob::sendProgress()
{
    if (!m_connection || m_done)
        return;
    Protocol::JobProgress progress;
    progress.bytesDone = m_progress.bytesDone();
    progress.filesDone = m_progress.filesDone();
    progress.bytesTotal = m_progress.bytesTotal();
    progress.filesTotal = m_progress.filesTotal();
    progress.currentFile = m_progress.currentFile().left(1024);
    (void)m_connection->send(m_streamId, progress);
}

void AgentJob::complete(const Protocol::JobFinished &result)
{
    if (m_worker.joinable())
        m_worker.join();
    m_progressTimer.stop();
    if (!m_done && m_connection && !m_connection->isClosed()) {
        sendProgress();
        (void)m_connection->send(m_streamId, result);
    }
    m_done = true;
    emit finished(m_streamId);
    deleteLater();
}

namespace {

Protocol::JobFinished failed(const QString &reason, Policy::JobState state = Policy::JobState::Failed)
{
    Protocol::JobFinished result;
    result.state = state;
    result.reason = reason;
    return result;
}

// Stopped on request, or failed with the error.
Protocol::JobFinished fromError(const Error &error, const std::atomic<bool> *cancel)
{
    if (error.code() == ErrorCode::Cancelled || (cancel && cancel->load()))
        return failed(error.message(), Policy::JobState::Stopped);
    return failed(error.message());
}

} // namespace

AgentJob::Body backupBody(const Protocol::JobStart &start, const AgentSettings &settings, Fs::FileSystem &fs)
{
    return [start, settings, &fs](AgentJob::Context &context) -> Protocol::JobFinished {
        QElapsedTimer timer;
        timer.start();
        using Level = Protocol::JobEvent::Level;
        if (!start.preCommand.isEmpty()) {
            const CommandOutcome pre = runCommand(start.preCommand, start.commandTimeoutSeconds, context.cancel);
            context.event(pre.succeeded() ? Level::Info : Level::Error, pre.describe(u"pre-command"_s));
            if (!pre.succeeded())
                return failed(pre.describe(u"pre-command"_s),
                              pre.stopped ? Policy::JobState::Stopped : Policy::JobState::Failed);
        }
        const QString cacheFolder = settings.stateFolder + u"/cache"_s;
        std::unique_ptr<TreeCache> parent;
        const bool files = start.kind == Policy::JobKind::FileBackup;
        if (files && !start.parentTree.isEmpty()) {
            auto opened = TreeCache::open(cacheFolder, *Store::BlobId::fromByteArray(start.parentTree), start.chunkIdKey);
            if (opened)
                parent = std::move(*opened);
            else
                context.event(Level::Info, u"no usable local cache of the previous generation; every file is read: %1"_s
                                               .arg(opened.error().message()));
        }
        std::unique_ptr<TreeCacheWriter> writer;
        if (files) {
            auto created = TreeCacheWriter::create(cacheFolder);
            if (!created)
                context.event(Level::Warning, created.error().message());
            else
                writer = std::move(*created);
        }
        Store::ChunkerParams chunker;
        chunker.minSize = start.chunkerMin;
        chunker.averageSize = start.chunkerAverage;
        chunker.maxSize = start.chunkerMax;
        if (!chunker.isValid())
            return failed(u"the server sent chunker sizes this agent cannot use"_s);
        RemoteSink sink(context.channel, start.chunkIdKey, chunker, start.chunkerSeed, parent.get(), writer.get(),
                        settings.compressionLevel);
        Store::BackupOptions options;
        options.kind = files ? Store::SnapshotKind::Files : Store::SnapshotKind::Image;
        if (files) {
            for (const QString &path : start.includePaths)
                options.paths << path.toUtf8();
            if (options.paths.isEmpty())
                return failed(u"the plan names no folders to back up"_s);
            for (const QString &pattern : start.excludePatterns)
                options.excludes << pattern.toUtf8();
        } else {
            options.paths << start.device.toUtf8();
        }
        // Backup workers never wait for the server (offers are answered in batches while they go
        // on), so one per core, as kura-repo: more only add memory and compete with the server.
        options.workers = settings.workers > 0 ? settings.workers : QThread::idealThreadCount();
        const Store::BlobId parentRoot = parent ? *Store::BlobId::fromByteArray(start.parentTree) : Store::BlobId {};
        auto result = Store::archive(sink, fs, options, parentRoot, &context.progress, context.cancel);
        Protocol::JobFinished finished;
        if (!result) {
            finished = fromError(result.error(), context.cancel);
        } else {
            for (const QString &warning : std::as_const(result->warnings))
                context.event(Level::Warning, warning);
            if (const Status drained = sink.flush(); !drained) {
                finished = fromError(drained.error(), context.cancel);
            } else {
                finished.state = Policy::JobState::Succeeded;
                finished.rootId = result->snapshot.tree.toByteArray();
                const Store::SnapshotStats &stats = result->snapshot.stats;
                finished.statistics.files = stats.files;
                finished.statistics.sourceBytes = stats.sourceBytes;
                finished.statistics.bytesRead = stats.readBytes;
                if (writer) {
                    if (const Status committed = writer->commit(result->snapshot.tree); !committed)
                        context.event(Level::Warning, committed.error().message());
                }
            }
        }
        finished.statistics.bytesSent = context.channel.sentBytes();
        finished.statistics.chunksSent = sink.chunksSent();
        finished.statistics.chunksDeduplicated = sink.chunksDeduplicated();
        finished.statistics.durationMs = timer.elapsed();
        if (!start.postCommand.isEmpty()) {
            const CommandOutcome post = runCommand(start.postCommand, start.commandTimeoutSeconds, nullptr);
            context.event(post.succeeded() ? Level::Info : Level::Warning, post.describe(u"post-command"_s));
        }
        return finished;
    };
}

AgentJob::Body restoreBody(const Protocol::RestoreStart &start, const AgentSettings &settings, Fs::FileSystem &fs)
{
    return [start, settings, &fs](AgentJob::Context &context) -> Protocol::JobFinished {
        using Level = Protocol::JobEvent::Level;
        QElapsedTimer timer;
        timer.start();
        RemoteSource source(context.channel, start.chunkIdKey);
        Store::Restorer restorer(source, fs);
        restorer.setProgress(&context.progress);
        restorer.setCancelFlag(context.cancel);
        const auto root = Store::BlobId::fromByteArray(start.rootId);
        if (!root)
            return failed(u"the server sent no root tree to restore"_s);
        Result<Store::RestoreResult> result;
        if (start.kind == Policy::JobKind::SystemRestore) {
            result = restorer.restoreImage(*root, start.device.toUtf8());
        } else {
            Store::RestoreOptions options;
            options.target = start.targetPath.toUtf8();
            for (const QString &path : start.selectedPaths)
                options.includes << path.toUtf8();
            options.overwrite = start.overwrite == Protocol::OverwritePolicy::Skip ? Fs::OverwritePolicy::Skip
                : start.overwrite == Protocol::OverwritePolicy::KeepBoth          ? Fs::OverwritePolicy::KeepBoth
                                                                                 : Fs::OverwritePolicy::Overwrite;
            options.workers = settings.workers > 0 ? settings.workers : 2 * QThread::idealThreadCount();
            result = restorer.restoreTree(*root, options);
        }
        if (!result)
            return fromError(result.error(), context.cancel);
        for (const Error &warning : std::as_const(result->warnings))
            context.event(Level::Warning, warning.message());
        for (const Error &error : std::as_const(result->errors))
            context.event(Level::Error, error.message());
        Protocol::JobFinished finished;
        finished.statistics.files = result->files;
        finished.statistics.sourceBytes = result->bytes;
        finished.statistics.bytesRead = source.receivedBytes();
        finished.statistics.durationMs = timer.elapsed();
        if (!result->errors.isEmpty()) {
            finished.state = Policy::JobState::Failed;
            finished.reason = u"%1 item(s) could not be restored; the first: %2"_s.arg(result->errors.size())
                                  .arg(result->errors.first().message());
        }
        return finished;
    };
}

Result<Protocol::BrowseReply> browse(const Protocol::BrowseRequest &request, Fs::FileSystem &fs)
{
    QByteArray path = request.path.toUtf8();
    if (path.isEmpty())
        path = "/"_ba;
    if (!path.startsWith('/'))
        return fail(ErrorCode::InvalidArgument, u"\"%1\" is not an absolute path"_s.arg(request.path));
    auto names = fs.listDirectory(path);
    if (!names)
        return fail(names.error());
    std::sort(names->begin(), names->end());
    Protocol::BrowseReply reply;
    reply.path = request.path.isEmpty() ? u"/"_s : request.path;
    for (const QByteArray &name : std::as_const(*names)) {
        if (reply.entries.size() >= request.maxEntries) {
            reply.truncated = true;
            break;
        }
        const QByteArray full = path.endsWith('/') ? path + name : path + '/' + name;
        auto metadata = fs.statBasic(full);
        if (!metadata)
            continue;
        Protocol::BrowseEntry entry;
        entry.name = QString::fromUtf8(name);
        entry.kind = metadata->type == Fs::NodeType::Directory ? Protocol::BrowseEntry::Kind::Directory
            : metadata->type == Fs::NodeType::File             ? Protocol::BrowseEntry::Kind::File
            : metadata->type == Fs::NodeType::Symlink          ? Protocol::BrowseEntry::Kind::Symlink
                                                               : Protocol::BrowseEntry::Kind::Other;
        entry.sizeBytes = metadata->size;
        entry.modifiedMs = metadata->mtimeNs / 1000000;
        reply.entries << entry;
    }
    return reply;
}

} // namespace Kura::Agent
