// AgentHub: the jobs it runs on agent sessions (backups, restores, browsing).
#include "agenthub.h"

#include <catalog/generationstore.h>
#include <catalog/jobstore.h>
#include <catalog/serverstore.h>

#include <QSslSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Kura::Server {
namespace {

// The root tree of the server's newest complete generation of `kind`, for the agent's
// local cache; empty when there is none.
QByteArray parentTree(Catalog::Database &db, Store::Repository &repo, qint64 tenantId, qint64 serverId,
                      Policy::JobKind kind)
{
    Catalog::GenerationStore generations(db);
    auto list = generations.listForServer(tenantId, serverId);
    if (!list)
        return {};
    for (const Catalog::GenerationRecord &g : std::as_const(*list)) {
        if (g.kind != kind || g.status != Catalog::GenerationStatus::Complete || g.snapshotId.isEmpty())
            continue;
        auto snapshot = repo.loadSnapshot(g.snapshotId);
        if (snapshot)
            return snapshot->tree.toByteArray();
    }
    return {};
}

} // namespace

void AgentHub::dispatch(const Scheduler::DispatchRequest &request)
{
    const qint64 tenant = request.tenantId;
    const qint64 jobId = request.jobId;
    auto failJob = [&](const QString &reason) {
        QTimer::singleShot(0, this, [this, tenant, jobId, reason] {
            finishJob(tenant, jobId, failedJob(reason), true);
        });
    };
    Session *s = sessionFor(tenant, request.serverId);
    if (!s) {
        failJob(u"the agent is not connected"_s);
        return;
    }
    auto repo = m_repositories.repository(tenant);
    if (!repo) {
        failJob(repo.error().message());
        return;
    }
    Catalog::ServerStore servers(m_db);
    auto server = servers.server(tenant, request.serverId);
    Protocol::JobStart start;
    start.jobId = jobId;
    start.kind = request.kind;
    const Policy::Plan &plan = request.plan;
    start.includePaths = plan.includePaths;
    start.excludePatterns = plan.excludePatterns;
    start.device = plan.systemDevice;
    start.preCommand = plan.preCommand;
    start.postCommand = plan.postCommand;
    start.commandTimeoutSeconds = qBound(1, plan.commandTimeoutSeconds, 86400);
    const Store::Repository &r = **repo;
    start.chunkIdKey = r.masterKey().idKey;
    start.chunkerMin = r.config().chunker.minSize;
    start.chunkerAverage = r.config().chunker.averageSize;
    start.chunkerMax = r.config().chunker.maxSize;
    start.chunkerSeed = r.masterKey().chunkerSeed;
    if (request.kind == Policy::JobKind::FileBackup)
        start.parentTree = parentTree(m_db, **repo, tenant, request.serverId, request.kind);
    start.bandwidthLimitBytesPerSecond = server ? server->bandwidthLimitBytesPerSecond : 0;
    if (request.kind == Policy::JobKind::SystemBackup && start.device.isEmpty()) {
        failJob(u"the plan names no device or image file for a system backup"_s);
        return;
    }

    Store::Snapshot snapshot;
    snapshot.kind = request.kind == Policy::JobKind::SystemBackup ? Store::SnapshotKind::Image : Store::SnapshotKind::Files;
    snapshot.host = server ? server->name : QString();
    snapshot.paths = request.kind == Policy::JobKind::SystemBackup ? QStringList { plan.systemDevice } : plan.includePaths;
    snapshot.excludes = plan.excludePatterns;
    snapshot.tags = { u"server:%1"_s.arg(request.serverId), u"job:%1"_s.arg(jobId) };
    Stream stream;
    stream.kind = Stream::Kind::Backup;
    stream.jobId = jobId;
    const quint32 streamId = openStream(s, std::move(stream));
    auto *receiver = new BackupReceiver(s->connection, streamId, **repo, snapshot, m_pool, this);
    if (const Status begun = receiver->begin(u"backup job %1"_s.arg(jobId)); !begun) {
        s->streams.erase(streamId);
        delete receiver;
        failJob(begun.error().message());
        return;
    }
    s->streams[streamId].receiver = receiver;
    connect(receiver, &BackupReceiver::progress, this, [this, tenant, jobId, receiver](const Protocol::JobProgress &p) {
        if (m_scheduler)
            (void)m_scheduler->jobProgress(tenant, jobId, { p.bytesTotal, p.filesTotal, p.bytesDone, p.filesDone,
                                                            receiver->receivedBytes() });
        emit jobChanged(tenant, jobId);
    });
    connect(receiver, &BackupReceiver::event, this, [this, tenant, jobId](const Protocol::JobEvent &e) {
        addEvent(tenant, jobId, int(e.level), e.text);
    });
    connect(receiver, &BackupReceiver::finished, this,
            [this, tenant, jobId, receiver, s, streamId](const BackupReceiver::Outcome &outcome) {
                // The session may be gone by now: compare pointers, dereference only a live one.
                for (const auto &session : m_sessions)
                    if (session.get() == s)
                        session->streams.erase(streamId);
                Scheduler::FinishedJob finished;
                finished.state = outcome.state;
                finished.reason = outcome.reason;
                finished.snapshotId = outcome.snapshotId;
                finished.files = outcome.statistics.files;
                finished.sourceBytes = outcome.statistics.sourceBytes;
                finished.newBytes = outcome.statistics.bytesSent;
                finishJob(tenant, jobId, finished, true);
                receiver->deleteLater();
            });
    if (m_scheduler)
        (void)m_scheduler->jobStarted(tenant, jobId);
    if (const Status sent = s->connection->send(streamId, start); !sent)
        receiver->abort(sent.error().message());
    emit jobChanged(tenant, jobId);
}

void AgentHub::stop(qint64 tenantId, qint64 jobId)
{
    for (auto &session : m_sessions) {
        if (session->tenantId != tenantId)
            continue;
        for (auto &[id, stream] : session->streams)
            if (stream.jobId == jobId && session->connection)
                (void)session->connection->send(id, Protocol::Cancel { u"stopped on request"_s });
    }
}

Status AgentHub::startRestore(const RestoreRequest &request)
{
    Session *s = sessionFor(request.tenantId, request.targetServerId);
    if (!s)
        return fail(ErrorCode::Unavailable, u"the target server's agent is not connected"_s);
    auto repo = m_repositories.repository(request.tenantId);
    if (!repo)
        return fail(repo.error());
    auto snapshot = (*repo)->loadSnapshot(request.snapshotId);
    if (!snapshot)
        return fail(snapshot.error());
    Protocol::RestoreStart start;
    start.jobId = request.jobId;
    start.kind = request.kind;
    start.rootId = snapshot->tree.toByteArray();
    start.chunkIdKey = (*repo)->masterKey().idKey;
    start.targetPath = request.targetPath;
    start.selectedPaths = request.selectedPaths;
    start.overwrite = request.overwrite;
    start.device = request.device;
    auto target = Catalog::ServerStore(m_db).server(request.tenantId, request.targetServerId);
    start.bandwidthLimitBytesPerSecond = target ? target->bandwidthLimitBytesPerSecond : 0;
    Stream stream;
    stream.kind = Stream::Kind::Restore;
    stream.jobId = request.jobId;
    stream.restoreTargetServer = request.targetServerId;
    stream.restoreRate = Protocol::RateLimiter(start.bandwidthLimitBytesPerSecond);
    const quint32 streamId = openStream(s, std::move(stream));
    Catalog::JobStore jobs(m_db);
    (void)jobs.markRunning(request.tenantId, request.jobId, m_clock.nowMs());
    // The agent knows its totals only when its walk is done; a whole generation's are known now.
    if (request.kind == Policy::JobKind::FileRestore && request.selectedPaths.isEmpty())
        (void)jobs.updateProgress(request.tenantId, request.jobId,
                                  { snapshot->stats.sourceBytes, snapshot->stats.files, 0, 0, 0 });
    if (const Status sent = s->connection->send(streamId, start); !sent) {
        s->streams.erase(streamId);
        return sent;
    }
    emit jobChanged(request.tenantId, request.jobId);
    return {};
}

void AgentHub::handleRestoreMessage(Session *s, quint32 streamId, Stream &stream, const Protocol::Message &message)
{
    const qint64 tenant = s->tenantId;
    const qint64 jobId = stream.jobId;
    if (const auto *fetch = std::get_if<Protocol::FetchChunks>(&message)) {
        for (const QByteArray &id : fetch->ids)
            stream.pendingFetches.emplace_back(fetch->kind, id);
        pumpRestore(s, streamId);
        return;
    }
    if (const auto *p = std::get_if<Protocol::JobProgress>(&message)) {
        Catalog::JobStore jobs(m_db);
        Catalog::JobProgressFigures figures { p->bytesTotal, p->filesTotal, p->bytesDone, p->filesDone, 0 };
        if (p->bytesTotal == 0 && p->filesTotal == 0) { // not known yet: keep what startRestore() set
            if (auto job = jobs.job(tenant, jobId)) {
                figures.sourceBytes = job->figures.sourceBytes;
                figures.files = job->figures.files;
            }
        }
        (void)jobs.updateProgress(tenant, jobId, figures);
        emit jobChanged(tenant, jobId);
        return;
    }
    if (const auto *e = std::get_if<Protocol::JobEvent>(&message)) {
        addEvent(tenant, jobId, int(e->level), e->text);
        return;
    }
    if (const auto *finished = std::get_if<Protocol::JobFinished>(&message)) {
        s->streams.erase(streamId);
        Scheduler::FinishedJob outcome = failedJob(finished->reason, finished->state);
        outcome.sourceBytes = finished->statistics.sourceBytes;
        outcome.files = finished->statistics.files;
        finishJob(tenant, jobId, outcome, false);
        return;
    }
    if (const auto *error = std::get_if<Protocol::ErrorMessage>(&message)) {
        s->streams.erase(streamId);
        finishJob(tenant, jobId, failedJob(error->message), false);
    }
}

void AgentHub::pumpRestore(Session *s, quint32 streamId)
{
    auto it = s->streams.find(streamId);
    if (it == s->streams.end() || !s->connection)
        return;
    auto repo = m_repositories.repository(s->tenantId);
    // Sending may close the connection, which takes the session's streams: look again each time.
    for (;;) {
        it = s->streams.find(streamId);
        if (it == s->streams.end() || it->second.pendingFetches.empty() || !s->connection)
            return;
        Stream &stream = it->second;
        if (stream.restorePumpTimed)
            return;
        const auto [kind, rawId] = stream.pendingFetches.front();
        const auto id = Store::BlobId::fromByteArray(rawId);
        auto blob = repo ? (*repo)->loadStoredBlob(kind == Protocol::BlobKind::Tree ? Store::BlobType::Tree
                                                                                   : Store::BlobType::Data, *id)
                         : Result<Store::Repository::StoredBlob>(fail(repo.error()));
        if (!blob) {
            stream.pendingFetches.pop_front();
            (void)s->connection->send(streamId, Protocol::ChunkUnavailable { rawId, blob.error().message() });
            continue;
        }
        if (s->connection->sendCreditBytes() < blob->bytes.size())
            return; // sendCreditAvailable pumps again
        if (const qint64 waitMs = stream.restoreRate.take(blob->bytes.size(), Protocol::RateLimiter::clockMs());
            waitMs > 0) {
            stream.restorePumpTimed = true;
            const qint64 tenant = s->tenantId, target = stream.restoreTargetServer, jobId = stream.jobId;
            QTimer::singleShot(int(waitMs), this, [this, tenant, target, jobId, streamId] {
                // The session may be gone by now: look it up again.
                Session *session = sessionFor(tenant, target);
                if (!session)
                    return;
                auto again = session->streams.find(streamId);
                if (again == session->streams.end() || again->second.jobId != jobId)
                    return;
                again->second.restorePumpTimed = false;
                pumpRestore(session, streamId);
            });
            return;
        }
        Protocol::ChunkData header;
        header.id = rawId;
        header.kind = kind;
        header.rawLength = blob->rawLength;
        header.compression = blob->compression == Store::Compression::Zstd ? Protocol::Compression::Zstd
                                                                           : Protocol::Compression::None;
        header.storedLength = blob->bytes.size();
        stream.pendingFetches.pop_front();
        if (!s->connection->sendChunk(streamId, header, blob->bytes))
            return;
    }
}

void AgentHub::browse(qint64 tenantId, qint64 serverId, const QString &path, int maxEntries, BrowseCallback callback)
{
    Session *s = sessionFor(tenantId, serverId);
    if (!s) {
        callback(fail(ErrorCode::Unavailable, u"the server's agent is not connected"_s));
        return;
    }
    Stream stream;
    stream.kind = Stream::Kind::Browse;
    stream.browse = std::move(callback);
    const quint32 streamId = openStream(s, std::move(stream));
    const Status sent = s->connection->send(streamId, Protocol::BrowseRequest { path, qBound(1, maxEntries, int(Protocol::MaxBrowseEntries)) });
    if (!sent) {
        BrowseCallback cb = std::move(s->streams[streamId].browse);
        s->streams.erase(streamId);
        cb(fail(sent.error()));
    }
}

} // namespace Kura::Server
