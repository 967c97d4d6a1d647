#include "restorer.h"

#include "nodemetadata.h"

#include "fs/restoreorder.h"

#include <QMutex>
#include <QSemaphore>
#include <QThreadPool>

namespace Kura::Store {
namespace {

QByteArray normalizeInclude(QByteArray path)
{
    while (path.startsWith('/'))
        path.remove(0, 1);
    while (path.endsWith('/'))
        path.chop(1);
    return path;
}

// How a snapshot-relative path relates to the include list.
enum class Selection { None, Ancestor, Selected };

Selection select(const QByteArray &relative, const QList<QByteArray> &includes, Selection parent)
{
    if (includes.isEmpty() || parent == Selection::Selected)
        return Selection::Selected;
    Selection result = Selection::None;
    for (const QByteArray &include : includes) {
        if (include == relative)
            return Selection::Selected;
        if (include.startsWith(relative + '/'))
            result = Selection::Ancestor;
    }
    return result;
}

class RestoreRun
{
public:
    RestoreRun(BlobSource &repo, Fs::FileSystem &fs, const RestoreOptions &options, Progress *progress,
               const std::atomic<bool> *cancel)
        : m_repo(repo), m_fs(fs), m_options(options), m_progress(progress), m_cancel(cancel), m_slots(64)
    {
        m_pool.setMaxThreadCount(options.workers > 0 ? options.workers : QThread::idealThreadCount());
        for (const QByteArray &include : options.includes)
            m_includes << normalizeInclude(include);
    }

    Result<RestoreResult> run(const BlobId &root);

private:
    bool cancelled() const { return m_cancel && m_cancel->load(); }
    void error(const Error &e)
    {
        QMutexLocker lock(&m_mutex);
        m_result.errors << e;
    }
    void restoreTree(const BlobId &treeId, const QByteArray &relative, const QByteArray &targetDir,
                     Selection selection);
    void restoreNode(const Node &node, const QByteArray &relative, const QByteArray &path);
    void restoreFile(const Node &node, const QByteArray &path);
    void applyMetadata(const QByteArray &path, const Node &node);

    BlobSource &m_repo;
    Fs::FileSystem &m_fs;
    const RestoreOptions &m_options;
    Progress *m_progress;
    const std::atomic<bool> *m_cancel;
    QList<QByteArray> m_includes;
    QThreadPool m_pool;
    QSemaphore m_slots; // files queued or being written
    Fs::DirectoryFinisher m_directories;
    Fs::HardLinkTracker m_hardLinks;
    qint64 m_walkedFiles = 0, m_walkedBytes = 0; // the walk's thread only
    QMutex m_mutex;
    RestoreResult m_result; // guarded by m_mutex
};

void RestoreRun::applyMetadata(const QByteArray &path, const Node &node)
{
    auto warnings = m_fs.applyMetadata(path, metadataFromNode(node), m_options.metadata);
    QMutexLocker lock(&m_mutex);
    if (!warnings)
        m_result.errors << warnings.error();
    else
        m_result.warnings << *warnings;
}

void RestoreRun::restoreFile(const Node &node, const QByteArray &path)
{
    auto writer = m_fs.openForWrite(path, Fs::OpenMode::CreateExclusive);
    if (!writer) {
        error(writer.error());
        return;
    }
    const Status written = writeContent(m_repo, node, **writer, false, m_progress, m_cancel);
    if (!written) {
        error(written.error().withContext(QStringLiteral("restore \"%1\"").arg(QString::fromUtf8(path))));
        return;
    }
    const Status finished = (*writer)->finish(node.size, false);
    if (!finished) {
        error(finished.error());
        return;
    }
    applyMetadata(path, node);
    if (m_progress)
        m_progress->addFilesDone(1);
    QMutexLocker lock(&m_mutex);
    m_result.files += 1;
    for (const ContentPart &part : node.content)
        if (!part.isHole())
            m_result.bytes += part.length;
}

void RestoreRun::restoreNode(const Node &node, const QByteArray &relative, const QByteArray &path)
{
    auto decision = m_fs.prepareTarget(path, Fs::NodeType(int(node.type)), m_options.overwrite);
    if (!decision) {
        error(decision.error());
        return;
    }
    if (decision->action == Fs::TargetDecision::Action::Skip) {
        QMutexLocker lock(&m_mutex);
        m_result.skipped += 1;
        return;
    }
    const QByteArray target = decision->path;
    const Fs::Metadata metadata = metadataFromNode(node);
    if (node.type == NodeType::Directory) {
        if (const Status made = m_fs.createDirectory(target, 0700); !made) {
            error(made.error());
            return;
        }
        m_directories.add(target, metadata);
        {
            QMutexLocker lock(&m_mutex);
            m_result.directories += 1;
        }
        restoreTree(node.subtree, relative, target, Selection::Selected);
        return;
    }
    if (auto first = m_hardLinks.firstPathOf(target, metadata)) {
        if (const Status linked = m_fs.createHardLink(*first, target); !linked)
            error(linked.error());
        return;
    }
    if (node.type == NodeType::Symlink) {
        if (const Status made = m_fs.createSymlink(node.linkTarget, target); !made)
            error(made.error());
        else
            applyMetadata(target, node);
        return;
    }
    if (node.type != NodeType::File) {
        if (const Status made = m_fs.createSpecial(target, metadata); !made)
            error(made.error());
        else
            applyMetadata(target, node);
        return;
    }
    m_walkedFiles += 1; // what the workers will write
    m_walkedBytes += node.size;
    // Hard links need the first path to exist before the second is linked: files with more
    // than one link are written right here, the others on the pool.
    if (node.links > 1) {
        restoreFile(node, target);
        return;
    }
    m_slots.acquire();
    if (node.size <= RestoreSmallFileBytes) { // its chunks come while it waits for a worker
        QList<BlobId> chunks;
        for (const ContentPart &part : node.content)
            if (!part.isHole())
                chunks << part.id;
        if (!chunks.isEmpty())
            m_repo.prefetch(BlobType::Data, chunks);
    }
    m_pool.start([this, node, target] {
        if (!cancelled())
            restoreFile(node, target);
        m_slots.release();
    });
}

void RestoreRun::restoreTree(const BlobId &treeId, const QByteArray &relative, const QByteArray &targetDir,
                             Selection selection)
{
    auto tree = m_repo.loadTree(treeId);
    if (!tree) {
        error(tree.error().withContext(QStringLiteral("folder \"/%1\"").arg(QString::fromUtf8(relative))));
        return;
    }
    const auto childRelative = [&relative](const Node &node) {
        return relative.isEmpty() ? node.name : relative + '/' + node.name;
    };
    std::vector<Selection> selections;
    selections.reserve(tree->nodes.size());
    QList<BlobId> subtrees; // of the folders the walk goes into, in order
    for (const Node &node : std::as_const(tree->nodes)) {
        selections.push_back(select(childRelative(node), m_includes, selection));
        if (node.type == NodeType::Directory && selections.back() != Selection::None)
            subtrees << node.subtree;
    }
    // The next folders' trees are asked for ahead of the walk, a bounded number at a time.
    qsizetype asked = 0;
    const auto askAhead = [&](qsizetype reached) {
        const qsizetype until = qMin(subtrees.size(), reached + RestoreTreesAhead);
        if (until > asked) {
            m_repo.prefetch(BlobType::Tree, subtrees.mid(asked, until - asked));
            asked = until;
        }
    };
    askAhead(0);
    qsizetype foldersReached = 0;
    for (qsizetype i = 0; i < tree->nodes.size(); ++i) {
        if (cancelled())
            return;
        const Node &node = tree->nodes.at(i);
        const Selection childSelection = selections[size_t(i)];
        if (node.type == NodeType::Directory && childSelection != Selection::None)
            askAhead(++foldersReached);
        const QByteArray path = targetDir + '/' + node.name;
        if (childSelection == Selection::Selected) {
            restoreNode(node, childRelative(node), path);
        } else if (childSelection == Selection::Ancestor && node.type == NodeType::Directory) {
            if (const Status made = m_fs.createDirectory(path, 0700); !made) {
                error(made.error());
                continue;
            }
            m_directories.add(path, metadataFromNode(node));
            restoreTree(node.subtree, childRelative(node), path, Selection::Ancestor);
        }
    }
}

Result<RestoreResult> RestoreRun::run(const BlobId &root)
{
    QByteArray target = m_options.target;
    while (target.size() > 1 && target.endsWith('/'))
        target.chop(1);
    if (target.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("no restore target given"));
    // Create the target folder and its parents.
    QByteArray partial;
    for (const QByteArray &part : target.split('/')) {
        partial += (partial.isEmpty() && target.startsWith('/') ? "/" : partial.isEmpty() ? "" : "/") + part;
        if (part.isEmpty())
            continue;
        KURA_TRY(m_fs.createDirectory(partial, 0755));
    }
    restoreTree(root, {}, target, m_includes.isEmpty() ? Selection::Selected : Selection::Ancestor);
    // The totals are known once the walk is done (the workers may still be writing). Counts
    // of a walk still under way would make the ETA read "almost done" all along: the walk is
    // seldom far ahead of the workers.
    if (m_progress) {
        m_progress->addFilesTotal(m_walkedFiles);
        m_progress->addBytesTotal(m_walkedBytes);
        m_progress->setTotalsFinal();
    }
    m_pool.waitForDone();
    const auto finished = m_directories.finish(m_fs, m_options.metadata);
    m_result.warnings << finished.warnings;
    m_result.errors << finished.errors;
    if (cancelled())
        return fail(ErrorCode::Cancelled, QStringLiteral("restore stopped on request"));
    return m_result;
}

} // namespace

Status writeContent(BlobSource &repository, const Node &node, Fs::FileWriter &writer, bool writeZeros,
                    Progress *progress, const std::atomic<bool> *cancel)
{
    qint64 offset = 0;
    QByteArray zeros;
    // The chunks after the one being written are asked for ahead, up to RestoreContentAheadBytes.
    qsizetype asked = 0;   // parts [0, asked) were asked for (or are holes)
    qint64 aheadBytes = 0; // of those, the bytes not written yet
    for (qsizetype index = 0; index < node.content.size(); ++index) {
        const ContentPart &part = node.content.at(index);
        if (cancel && cancel->load())
            return fail(ErrorCode::Cancelled, QStringLiteral("restore stopped on request"));
        QList<BlobId> ahead;
        while (asked < node.content.size()
               && (asked <= index || aheadBytes + node.content.at(asked).length <= RestoreContentAheadBytes)) {
            const ContentPart &next = node.content.at(asked++);
            if (!next.isHole()) {
                ahead << next.id;
                aheadBytes += next.length;
            }
        }
        if (!ahead.isEmpty())
            repository.prefetch(BlobType::Data, ahead);
        if (part.isHole()) {
            if (writeZeros) {
                for (qint64 done = 0; done < part.length;) {
                    const qint64 piece = qMin<qint64>(part.length - done, 4 * 1024 * 1024);
                    if (zeros.size() != piece)
                        zeros = QByteArray(piece, '\0');
                    KURA_TRY(writer.writeAt(offset + done, zeros));
                    done += piece;
                }
            }
        } else {
            auto data = repository.loadBlob(BlobType::Data, part.id);
            if (!data)
                return fail(data.error());
            if (data->size() != qsizetype(part.length))
                return fail(ErrorCode::Corrupt, QStringLiteral("chunk %1 has %2 bytes, the tree says %3")
                                                    .arg(part.id.toHex())
                                                    .arg(data->size())
                                                    .arg(part.length));
            KURA_TRY(writer.writeAt(offset, *data));
            aheadBytes -= part.length;
        }
        offset += part.length;
        if (progress)
            progress->addBytesDone(part.length);
    }
    if (offset != node.size)
        return fail(ErrorCode::Corrupt, QStringLiteral("content adds up to %1 bytes, the file has %2")
                                            .arg(offset)
                                            .arg(node.size));
    return {};
}

Restorer::Restorer(BlobSource &repository, Fs::FileSystem &fileSystem)
    : m_repository(repository), m_fileSystem(fileSystem)
{
}

Result<RestoreResult> Restorer::restore(const Snapshot &snapshot, const RestoreOptions &options)
{
    return restoreTree(snapshot.tree, options);
}

Result<RestoreResult> Restorer::restoreTree(const BlobId &root, const RestoreOptions &options)
{
    RestoreRun run(m_repository, m_fileSystem, options, m_progress, m_cancel);
    return run.run(root);
}

Result<RestoreResult> Restorer::restoreImage(const Snapshot &snapshot, const QByteArray &target)
{
    if (snapshot.kind != SnapshotKind::Image)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("snapshot %1 is not an image backup").arg(snapshot.id));
    return restoreImage(snapshot.tree, target);
}

Result<RestoreResult> Restorer::restoreImage(const BlobId &root, const QByteArray &target)
{
    // The image is the only file below the path components of its source path.
    BlobId treeId = root;
    std::optional<Node> image;
    while (!image) {
        auto tree = m_repository.loadTree(treeId);
        if (!tree)
            return fail(tree.error());
        if (tree->nodes.size() != 1)
            return fail(ErrorCode::Corrupt, QStringLiteral("image backup %1 does not hold exactly one image").arg(root.toHex()));
        const Node &node = tree->nodes.first();
        if (node.type == NodeType::Directory)
            treeId = node.subtree;
        else
            image = node;
    }
    auto existing = m_fileSystem.stat(target);
    const bool device = existing && existing->type == Fs::NodeType::BlockDevice;
    if (device) {
        auto mounted = m_fileSystem.isMounted(target);
        if (!mounted)
            return fail(mounted.error());
        if (*mounted)
            return fail(ErrorCode::Conflict, QStringLiteral("\"%1\" is mounted; unmount it before restoring an image onto it")
                                                 .arg(QString::fromUtf8(target)));
    }
    auto writer = m_fileSystem.openForWrite(target, device ? Fs::OpenMode::ExistingInPlace : Fs::OpenMode::ReplaceExisting);
    if (!writer)
        return fail(writer.error());
    if (m_progress) {
        m_progress->addBytesTotal(image->size);
        m_progress->addFilesTotal(1);
        m_progress->setTotalsFinal();
    }
    KURA_TRY(writeContent(m_repository, *image, **writer, device, m_progress, m_cancel));
    KURA_TRY((*writer)->finish(image->size, true));
    RestoreResult result;
    result.files = 1;
    for (const ContentPart &part : std::as_const(image->content))
        if (!part.isHole())
            result.bytes += part.length;
    return result;
}

} // namespace Kura::Store
