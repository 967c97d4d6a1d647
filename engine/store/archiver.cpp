#include "archiver.h"

#include "nodemetadata.h"

#include <store/fs/pathtext.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QMutex>
#include <QSemaphore>
#include <QThreadPool>
#include <QWaitCondition>

#include <algorithm>
#include <cstring>
#include <functional>
#include <deque>
#include <fnmatch.h>
#include <map>
#include <thread>

namespace Kura::Store {
namespace {

// A directory whose tree is being built. `nodes` is complete before any child work starts,
// so workers may fill the slots of different nodes concurrently without reallocation.
struct DirState
{
    std::shared_ptr<DirState> parent;
    qsizetype slot = -1; // index of this directory in parent->nodes; -1 for the root
    std::vector<Node> nodes;
    std::atomic<int> pending { 1 }; // 1 while the walker is inside, + one per unfinished child
};

struct FileState
{
    std::shared_ptr<DirState> dir;
    qsizetype slot = 0;
    std::deque<ContentPart> parts; // push_back keeps references to earlier parts valid
    std::atomic<int> pending { 1 };
};

constexpr qsizetype ZeroSplitBytes = 64 * 1024;

bool isAllZero(const char *data, qsizetype size)
{
    return size > 0 && data[0] == 0 && std::memcmp(data, data + 1, size_t(size - 1)) == 0;
}

using Fs::baseName;
using Fs::joinPath;

// The selected paths as a tree of path components; intermediate components are virtual
// directories holding only what was selected below them.
struct PathNode
{
    std::map<QByteArray, PathNode> children;
    bool selected = false;
};

// How long the scan waits for room in the listing cache while the walk is not taking listings.
constexpr qint64 ListingWaitMs = 50;
// The least a chunk in flight costs of BackupOptions::maxInFlightBytes, in KiB.
constexpr qint64 MinChunkCostKiB = 64;
// Files up to this size are read ahead by the scan of a full backup.
constexpr qint64 PrefetchFileBytes = 1024 * 1024;
constexpr qint64 PrefetchAheadBytes = 256 * 1024 * 1024;

class BackupRun
{
public:
    BackupRun(BlobSink &sink, Fs::FileSystem &fs, const BackupOptions &options, const BlobId &parentTree,
              Progress *progress, const std::atomic<bool> *cancel)
        : m_repo(sink), m_fs(fs), m_options(options), m_parentTree(parentTree), m_progress(progress ? progress : &m_ownProgress)
        , m_cancel(cancel), m_budget(int(qMax<qint64>(options.maxInFlightBytes / 1024, 16 * 1024)))
    {
        m_pool.setMaxThreadCount(options.workers > 0 ? options.workers : QThread::idealThreadCount());
    }

    Result<BackupResult> run();

private:
    bool stopped() const { return m_failed.load() || (m_cancel && m_cancel->load()); }
    void setError(const Error &error);
    void warn(const QString &text);
    bool excluded(const QByteArray &path) const;
    std::optional<Tree> parentTree(const Tree *parentDir, const QByteArray &name);

    std::shared_ptr<DirState> newDir(const std::shared_ptr<DirState> &parent, qsizetype slot);
    void walkVirtual(const PathNode &pathNode, const QByteArray &path, const std::shared_ptr<DirState> &dir,
                     const Tree *parent);
    void walkDirectory(const QByteArray &path, const std::shared_ptr<DirState> &dir, const Tree *parent);
    void visitNode(const QByteArray &path, const std::shared_ptr<DirState> &dir, qsizetype slot,
                   const Tree *parent);
    void backupFile(const QByteArray &path, const std::shared_ptr<DirState> &dir, qsizetype slot,
                    const Node *previous);
    void submitChunk(const std::shared_ptr<FileState> &file, QByteArray data);
    void fileDone(const std::shared_ptr<FileState> &file);
    void childDone(const std::shared_ptr<DirState> &dir);
    void scanAhead();
    // The scan's listing of `path` for the walk, if it made one; otherwise the scan is told that
    // the walk lists `path` itself. Only while the scan runs.
    std::optional<QList<Fs::ListedEntry>> takeListing(const QByteArray &path);
    // The scan hands a listing to the walk. When the cache is full the scan waits for the walk
    // to take listings, as long as the walk keeps taking them; while it does not (it reads a
    // large file, or lists folders the scan has not reached) the listing is dropped instead, the
    // walk lists that folder itself, and the scan goes on warming the metadata cache.
    void offerListing(const QByteArray &path, QList<Fs::ListedEntry> listing);
    bool walkedAlready(const QByteArray &path);
    bool walkedThrough(const QByteArray &path) const; // the walk reached `path`; m_listingMutex held

    BlobSink &m_repo;
    Fs::FileSystem &m_fs;
    const BackupOptions &m_options;
    const BlobId m_parentTree;
    Progress m_ownProgress;
    Progress *m_progress;
    const std::atomic<bool> *m_cancel;
    QThreadPool m_pool;
    QSemaphore m_budget; // KiB of chunk data in flight
    std::atomic<bool> m_failed { false };
    std::atomic<bool> m_walkDone { false };
    QByteArray m_readBuffer; // the walking thread's read buffer (backupFile)
    std::atomic<qint64> m_smallBytesReached { 0 }; // bytes of files the scan may read ahead that the walk reached

    // Directory listings (with each entry's statBasic) the scan made ahead of the walk, so that
    // the walk does not list and stat them a second time.
    std::atomic<bool> m_scanning { false };
    QMutex m_listingMutex;
    struct WalkOrder
    {
        bool operator()(const QByteArray &a, const QByteArray &b) const { return Fs::walksBefore(a, b); }
    };
    std::map<QByteArray, QList<Fs::ListedEntry>, WalkOrder> m_listings; // guarded by m_listingMutex
    // The last folder the walk asked for. It goes through the folders in WalkOrder, so every
    // folder up to here it has listed already (from the cache or by itself): no listing of one
    // is offered or kept. A set of those folders cost 9.5 MB at 124,000 folders.
    QByteArray m_walkCursor; // guarded by m_listingMutex
    qsizetype m_listedEntries = 0; // in m_listings; guarded by m_listingMutex
    QWaitCondition m_listingTaken;  // the walk took a listing or finished
    QElapsedTimer m_sinceStart;
    qint64 m_lastTakeMs = 0;        // when the walk last took a listing; guarded by m_listingMutex

    QMutex m_mutex;
    std::optional<Error> m_error; // guarded by m_mutex
    QStringList m_warnings;       // guarded by m_mutex
    BlobId m_rootTree;            // guarded by m_mutex

    std::atomic<qint64> m_files { 0 }, m_dirs { 0 }, m_sourceBytes { 0 }, m_readBytes { 0 };
    std::atomic<qint64> m_newBlobs { 0 }, m_newBytes { 0 }, m_storedBytes { 0 };
};

void BackupRun::setError(const Error &error)
{
    QMutexLocker lock(&m_mutex);
    if (!m_error)
        m_error = error;
    m_failed = true;
}

void BackupRun::warn(const QString &text)
{
    m_progress->addWarning();
    QMutexLocker lock(&m_mutex);
    m_warnings << text;
}

bool BackupRun::excluded(const QByteArray &path) const
{
    const QByteArray name = baseName(path);
    for (const QByteArray &pattern : m_options.excludes) {
        const bool whole = pattern.contains('/');
        if (::fnmatch(pattern.constData(), (whole ? path : name).constData(), 0) == 0)
            return true;
    }
    return false;
}

// The entry `name` of a parent-snapshot directory (trees keep their nodes sorted by name).
const Node *findNode(const Tree *tree, const QByteArray &name)
{
    if (!tree)
        return nullptr;
    const auto it = std::lower_bound(tree->nodes.cbegin(), tree->nodes.cend(), name,
                                     [](const Node &node, const QByteArray &key) { return node.name < key; });
    return it != tree->nodes.cend() && it->name == name ? &*it : nullptr;
}

std::optional<Tree> BackupRun::parentTree(const Tree *parentDir, const QByteArray &name)
{
    const Node *node = findNode(parentDir, name);
    if (!node || node->type != NodeType::Directory)
        return std::nullopt;
    auto tree = m_repo.loadParentTree(node->subtree);
    if (!tree)
        return std::nullopt;
    return *tree;
}

std::shared_ptr<DirState> BackupRun::newDir(const std::shared_ptr<DirState> &parent, qsizetype slot)
{
    auto dir = std::make_shared<DirState>();
    dir->parent = parent;
    dir->slot = slot;
    if (parent)
        parent->pending.fetch_add(1);
    return dir;
}

void BackupRun::childDone(const std::shared_ptr<DirState> &dir)
{
    if (dir->pending.fetch_sub(1) != 1)
        return;
    if (stopped())
        return;
    Tree tree;
    tree.nodes = QList<Node>(dir->nodes.begin(), dir->nodes.end());
    SaveResult saved;
    auto id = m_repo.saveTree(tree, &saved);
    if (!id) {
        setError(id.error());
        return;
    }
    if (saved.stored) {
        m_newBlobs.fetch_add(1);
        m_storedBytes.fetch_add(saved.storedBytes);
    }
    m_dirs.fetch_add(1);
    if (!dir->parent) {
        QMutexLocker lock(&m_mutex);
        m_rootTree = *id;
        return;
    }
    dir->parent->nodes[size_t(dir->slot)].subtree = *id;
    childDone(dir->parent);
}

void BackupRun::fileDone(const std::shared_ptr<FileState> &file)
{
    if (file->pending.fetch_sub(1) != 1)
        return;
    Node &node = file->dir->nodes[size_t(file->slot)];
    node.content = QList<ContentPart>(file->parts.begin(), file->parts.end());
    // Adjacent holes (from zero chunks) merge into one part when they fit.
    QList<ContentPart> merged;
    for (const ContentPart &part : std::as_const(node.content)) {
        if (part.isHole() && !merged.isEmpty() && merged.last().isHole()
            && quint64(merged.last().length) + part.length <= 0xffffffffull)
            merged.last().length += part.length;
        else
            merged.append(part);
    }
    node.content = merged;
    m_files.fetch_add(1);
    m_progress->addFilesDone(1);
    childDone(file->dir);
}

// Length of the run of zero bytes at the end of [data, data + size).
qsizetype trailingZeros(const char *data, qsizetype size)
{
    qsizetype n = 0;
    while (n < size && data[size - 1 - n] == 0)
        ++n;
    return n;
}

void BackupRun::submitChunk(const std::shared_ptr<FileState> &file, QByteArray data)
{
    // Zeros after data in one chunk (a chunk that runs from data into an empty area of a
    // disk image) are split off, so that zero areas cost nothing wherever the cut falls.
    const qsizetype zeros = trailingZeros(data.constData(), data.size());
    if (zeros >= ZeroSplitBytes && zeros < data.size()) {
        submitChunk(file, data.left(data.size() - zeros));
        file->parts.push_back({ BlobId {}, quint32(zeros) });
        m_progress->addBytesDone(zeros);
        return;
    }
    file->parts.push_back({});
    ContentPart *part = &file->parts.back();
    part->length = quint32(data.size());
    // A chunk costs at least MinChunkCostKiB of the budget: a queued chunk costs a task, its
    // part and allocator overhead besides its data, and 40 MiB of small files' chunks were
    // 20,000 queued tasks (peak heap 100 MB for two corpora of 390 MB, 89 MB for one).
    const int units = int(qMax<qint64>((data.size() + 1023) / 1024, MinChunkCostKiB));
    m_budget.acquire(units);
    file->pending.fetch_add(1);
    m_pool.start([this, file, part, units, data = std::move(data)] {
        if (!stopped() && !isAllZero(data.constData(), data.size())) {
            part->id = m_repo.blobId(data.constData(), data.size());
            auto saved = m_repo.saveBlob(BlobType::Data, part->id, data.constData(), data.size());
            if (!saved) {
                setError(saved.error());
            } else if (saved->stored) {
                m_newBlobs.fetch_add(1);
                m_newBytes.fetch_add(data.size());
                m_storedBytes.fetch_add(saved->storedBytes);
            }
        }
        m_progress->addBytesDone(data.size());
        m_budget.release(units);
        fileDone(file);
    });
}

void BackupRun::backupFile(const QByteArray &path, const std::shared_ptr<DirState> &dir, qsizetype slot,
                           const Node *previous)
{
    Node &node = dir->nodes[size_t(slot)];
    m_sourceBytes.fetch_add(node.size);
    if (node.size <= PrefetchFileBytes)
        m_smallBytesReached.fetch_add(node.size);
    auto file = std::make_shared<FileState>();
    file->dir = dir;
    file->slot = slot;
    dir->pending.fetch_add(1);
    if (previous && previous->type == NodeType::File && previous->size == node.size
        && previous->mtimeNs == node.mtimeNs && previous->ctimeNs == node.ctimeNs
        && previous->inode == node.inode
        && std::all_of(previous->content.begin(), previous->content.end(), [&](const ContentPart &p) {
               return p.isHole() || m_repo.hasBlob(BlobType::Data, p.id);
           })) {
        file->parts.assign(previous->content.begin(), previous->content.end());
        m_progress->addBytesDone(node.size);
        fileDone(file);
        return;
    }
    m_progress->setCurrentFile(QString::fromUtf8(path));
    auto reader = m_fs.openForRead(path);
    if (!reader) {
        warn(QStringLiteral("cannot read \"%1\", stored without content: %2")
                 .arg(QString::fromUtf8(path), reader.error().message()));
        node.size = 0;
        fileDone(file);
        return;
    }
    if (node.type != NodeType::File) { // an image of a block device is stored as a file
        node.type = NodeType::File;
        node.size = (*reader)->size();
        m_sourceBytes.fetch_add(node.size);
    }
    auto extents = (*reader)->dataExtents();
    if (!extents) {
        setError(extents.error());
        fileDone(file);
        return;
    }
    const Chunker &chunker = m_repo.chunker();
    const qsizetype window = chunker.params().maxSize * 2;
    qint64 position = 0;
    auto addHole = [&](qint64 length) {
        while (length > 0) {
            const quint32 piece = quint32(qMin<qint64>(length, 0x40000000));
            file->parts.push_back({ BlobId {}, piece });
            m_progress->addBytesDone(piece);
            length -= piece;
        }
    };
    // One read buffer of `window` bytes for the whole walk (only the walking thread reads). Its
    // size is fixed and what is left of it moves to the front by hand: resizing and removing from
    // the front of a QByteArray let its allocation grow to several times the window.
    QByteArray &buffer = m_readBuffer;
    if (buffer.size() != window)
        buffer.resize(window);
    char *const data = buffer.data();
    for (const Fs::Extent &extent : std::as_const(*extents)) {
        addHole(extent.offset - position);
        qint64 readPos = extent.offset;
        const qint64 end = extent.offset + extent.length;
        qsizetype start = 0;
        qsizetype filled = 0;
        while (!stopped()) {
            if (filled - start < chunker.params().maxSize && readPos < end) {
                if (start > 0) {
                    std::memmove(data, data + start, size_t(filled - start));
                    filled -= start;
                    start = 0;
                }
                const qint64 want = qMin<qint64>(window - filled, end - readPos);
                auto n = (*reader)->readAt(readPos, data + filled, want);
                if (!n) {
                    setError(n.error());
                    break;
                }
                filled += *n;
                readPos += *n;
                m_readBytes.fetch_add(*n);
                if (*n < want)
                    readPos = end; // the file shrank while being read
            }
            const qsizetype available = filled - start;
            if (available == 0)
                break;
            const qsizetype cut = chunker.nextCut(reinterpret_cast<const std::uint8_t *>(data) + start, available,
                                                  readPos >= end);
            if (cut == 0)
                continue;
            // A copy of exactly the chunk, so that chunks in flight hold what the in-flight budget
            // counts and never the read buffer.
            submitChunk(file, QByteArray(data + start, cut));
            start += cut;
        }
        position = readPos;
    }
    addHole(node.size - position);
    auto changed = (*reader)->changedSinceOpen();
    if (changed && *changed)
        warn(QStringLiteral("\"%1\" changed while it was read; the copy may be inconsistent")
                 .arg(QString::fromUtf8(path)));
    fileDone(file);
}

void BackupRun::visitNode(const QByteArray &path, const std::shared_ptr<DirState> &dir, qsizetype slot,
                          const Tree *parent)
{
    const Node &node = dir->nodes[size_t(slot)];
    const Node *previous = findNode(parent, node.name);
    if (node.type == NodeType::Directory) {
        auto child = newDir(dir, slot);
        const auto childParent = parentTree(parent, node.name);
        walkDirectory(path, child, childParent ? &*childParent : nullptr);
        childDone(child);
    } else if (node.type == NodeType::File || m_options.kind == SnapshotKind::Image) {
        backupFile(path, dir, slot, m_options.kind == SnapshotKind::Image ? nullptr : previous);
    }
}

std::optional<QList<Fs::ListedEntry>> BackupRun::takeListing(const QByteArray &path)
{
    if (!m_scanning.load())
        return std::nullopt;
    QMutexLocker lock(&m_listingMutex);
    if (!walkedThrough(path))
        m_walkCursor = path;
    // Listings of folders before this one will not be asked for again (the walk skipped them:
    // excluded, or no longer a folder): they only took room.
    const auto it = m_listings.lower_bound(path);
    const bool dropped = it != m_listings.begin();
    for (auto passed = m_listings.begin(); passed != it; ++passed)
        m_listedEntries -= passed->second.size();
    m_listings.erase(m_listings.begin(), it);
    if (it == m_listings.end() || it->first != path) {
        if (dropped)
            m_listingTaken.wakeAll();
        return std::nullopt;
    }
    m_lastTakeMs = m_sinceStart.elapsed();
    QList<Fs::ListedEntry> listing = std::move(it->second);
    m_listings.erase(it);
    m_listedEntries -= listing.size();
    m_listingTaken.wakeAll();
    return listing;
}

bool BackupRun::walkedThrough(const QByteArray &path) const
{
    return !m_walkCursor.isEmpty() && !Fs::walksBefore(m_walkCursor, path);
}

void BackupRun::offerListing(const QByteArray &path, QList<Fs::ListedEntry> listing)
{
    QMutexLocker lock(&m_listingMutex);
    // A listing larger than the whole cache is still taken while the cache is empty.
    auto full = [&] { return m_listedEntries > 0 && m_listedEntries + listing.size() > m_options.listingCacheEntries; };
    while (full() && !m_walkDone.load() && !stopped() && !walkedThrough(path)) {
        // Without this wait a scan far ahead of a walk over many small folders dropped most
        // listings, and the walk listed them again: re-backups took twice as long by chance.
        if (m_sinceStart.elapsed() - m_lastTakeMs > ListingWaitMs)
            return;
        m_listingTaken.wait(&m_listingMutex, ListingWaitMs);
    }
    if (full() || m_walkDone.load() || stopped() || walkedThrough(path))
        return;
    const qsizetype entries = listing.size();
    if (m_listings.try_emplace(path, std::move(listing)).second)
        m_listedEntries += entries;
}

bool BackupRun::walkedAlready(const QByteArray &path)
{
    QMutexLocker lock(&m_listingMutex);
    return walkedThrough(path);
}

void BackupRun::walkDirectory(const QByteArray &path, const std::shared_ptr<DirState> &dir, const Tree *parent)
{
    auto listed = takeListing(path);
    auto entries = listed ? Result<QList<Fs::ListedEntry>>(std::move(*listed)) : m_fs.listDirectoryStat(path);
    if (!entries) {
        warn(QStringLiteral("cannot list \"%1\": %2").arg(QString::fromUtf8(path), entries.error().message()));
        return;
    }
    std::vector<QByteArray> paths;
    for (const Fs::ListedEntry &entry : std::as_const(*entries)) {
        const QByteArray full = joinPath(path, entry.name);
        if (excluded(full))
            continue;
        if (!entry.metadata) {
            warn(QStringLiteral("skipped \"%1\": %2").arg(QString::fromUtf8(full), entry.metadata.error().message()));
            continue;
        }
        const Node *previous = findNode(parent, entry.name);
        std::optional<Fs::Metadata> before;
        if (previous)
            before = metadataFromNode(*previous);
        auto metadata = m_fs.completeMetadata(full, *entry.metadata, before ? &*before : nullptr);
        if (!metadata) {
            warn(QStringLiteral("skipped \"%1\": %2").arg(QString::fromUtf8(full), metadata.error().message()));
            continue;
        }
        dir->nodes.push_back(nodeFromMetadata(entry.name, *metadata));
        paths.push_back(full);
    }
    for (size_t i = 0; i < paths.size() && !stopped(); ++i)
        visitNode(paths[i], dir, qsizetype(i), parent);
}

void BackupRun::walkVirtual(const PathNode &pathNode, const QByteArray &path, const std::shared_ptr<DirState> &dir,
                            const Tree *parent)
{
    std::vector<std::pair<const PathNode *, QByteArray>> children;
    for (const auto &[name, child] : pathNode.children) {
        const QByteArray full = joinPath(path, name);
        auto metadata = m_fs.stat(full);
        if (!metadata) {
            setError(metadata.error().withContext(QStringLiteral("backup source")));
            return;
        }
        dir->nodes.push_back(nodeFromMetadata(name, *metadata));
        children.emplace_back(&child, full);
    }
    for (size_t i = 0; i < children.size() && !stopped(); ++i) {
        const auto &[child, full] = children[i];
        if (child->selected) {
            visitNode(full, dir, qsizetype(i), parent);
            continue;
        }
        Node &node = dir->nodes[i];
        if (node.type != NodeType::Directory) {
            setError(Error(ErrorCode::InvalidArgument,
                           QStringLiteral("\"%1\" is not a directory").arg(QString::fromUtf8(full))));
            return;
        }
        auto sub = newDir(dir, qsizetype(i));
        const auto subParent = parentTree(parent, node.name);
        walkVirtual(*child, full, sub, subParent ? &*subParent : nullptr);
        childDone(sub);
    }
}

void BackupRun::scanAhead()
{
    // Directories still to list; a stack, so that the scan goes depth first like the walk and
    // stays ahead of it rather than wandering off. Each thread lists one directory and stats its
    // entries at a time, so up to scanThreads metadata reads are outstanding at once.
    const bool prefetchData = m_parentTree.isNull() && m_options.kind == SnapshotKind::Files;
    std::atomic<qint64> prefetched { 0 }; // bytes of small files read ahead, against m_smallBytesReached
    QMutex mutex;
    QWaitCondition wake;
    std::vector<QByteArray> stack;
    int busy = 0;
    bool complete = false;
    // The stack pops the path the walk goes through first first.
    QList<QByteArray> roots = m_options.paths;
    std::sort(roots.begin(), roots.end(), [](const QByteArray &a, const QByteArray &b) { return Fs::walksBefore(b, a); });
    for (const QByteArray &path : std::as_const(roots)) {
        auto metadata = m_fs.statBasic(path);
        if (!metadata)
            continue;
        if (metadata->type == Fs::NodeType::Directory) {
            stack.push_back(path);
        } else if (metadata->type == Fs::NodeType::File && m_options.estimateTotals) {
            m_progress->addBytesTotal(metadata->size);
            m_progress->addFilesTotal(1);
        }
    }
    auto worker = [&] {
        QMutexLocker lock(&mutex);
        for (;;) {
            while (stack.empty() && busy > 0 && !m_walkDone.load() && !stopped())
                wake.wait(&mutex, 100);
            if (m_walkDone.load() || stopped())
                return;
            if (stack.empty()) { // and nobody busy: the whole tree is scanned
                complete = true;
                wake.wakeAll();
                return;
            }
            const QByteArray path = std::move(stack.back());
            stack.pop_back();
            ++busy;
            lock.unlock();
            std::vector<QByteArray> subdirectories;
            qint64 bytes = 0, files = 0;
            // When the walk got here first it lists this folder itself; the scan still lists it
            // (from the cache by now) to go on below it ahead of the walk. Skipping it left the
            // walk to read every folder below it from the disk on its own.
            const bool behind = walkedAlready(path);
            auto listing = m_fs.listDirectoryStat(path);
            if (listing) {
                for (const Fs::ListedEntry &entry : std::as_const(*listing)) {
                    const QByteArray full = joinPath(path, entry.name);
                    if (excluded(full))
                        continue;
                    const auto &metadata = entry.metadata;
                    if (!metadata)
                        continue;
                    if (metadata->type == Fs::NodeType::Directory) {
                        subdirectories.push_back(full);
                    } else if (metadata->type == Fs::NodeType::File) {
                        bytes += metadata->size;
                        ++files;
                        // A full backup reads every file: small ones are read ahead here, many
                        // at once, so the walk does not wait for each from a cold disk. (Large
                        // files get the kernel's own sequential read-ahead; an incremental
                        // backup reads only changed files, which the scan cannot tell.)
                        // At most PrefetchAheadBytes ahead of what the backup has done, so that
                        // what is read ahead is still cached when the walk gets there.
                        if (prefetchData && metadata->size > 0 && metadata->size <= PrefetchFileBytes
                            && prefetched - m_smallBytesReached.load() < PrefetchAheadBytes) {
                            m_fs.prefetch(full, metadata->size);
                            prefetched += metadata->size;
                        }
                    }
                }
                if (!behind)
                    offerListing(path, std::move(*listing));
            }
            if (m_options.estimateTotals) {
                m_progress->addBytesTotal(bytes);
                m_progress->addFilesTotal(files);
            }
            lock.relock();
            --busy;
            // Pushed in reverse, so that the first name is listed first.
            for (auto it = subdirectories.rbegin(); it != subdirectories.rend(); ++it)
                stack.push_back(std::move(*it));
            wake.wakeAll();
        }
    };
    std::vector<std::thread> threads;
    for (int i = 1; i < m_options.scanThreads; ++i)
        threads.emplace_back(worker);
    worker();
    for (std::thread &t : threads)
        t.join();
    if (complete && m_options.estimateTotals)
        m_progress->setTotalsFinal();
}

Result<BackupResult> BackupRun::run()
{
    if (m_options.paths.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("nothing to back up: no paths given"));
    PathNode rootPaths;
    for (const QByteArray &path : m_options.paths) {
        if (!path.startsWith('/'))
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("backup path \"%1\" is not absolute").arg(QString::fromUtf8(path)));
        PathNode *node = &rootPaths;
        for (const QByteArray &part : path.split('/'))
            if (!part.isEmpty() && part != ".")
                node = &node->children[part];
        node->selected = true;
    }
    if (rootPaths.selected)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("backing up \"/\" as a whole is not supported; name its folders"));
    if (m_options.kind == SnapshotKind::Image && m_options.paths.size() != 1)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("an image backup takes exactly one device or file"));

    QElapsedTimer timer;
    timer.start();
    const QDateTime startTime = QDateTime::currentDateTimeUtc();
    std::optional<Tree> parentRoot;
    if (!m_parentTree.isNull()) {
        auto tree = m_repo.loadParentTree(m_parentTree);
        if (tree)
            parentRoot = *tree;
        else
            warn(QStringLiteral("parent snapshot not usable, reading everything: %1").arg(tree.error().message()));
    }
    m_sinceStart.start();
    std::thread scanner;
    if (m_options.scanThreads > 0 && (m_options.estimateTotals || m_options.kind == SnapshotKind::Files)) {
        m_scanning = true;
        scanner = std::thread([this] { scanAhead(); });
    }
    auto root = newDir(nullptr, -1);
    walkVirtual(rootPaths, "/", root, parentRoot ? &*parentRoot : nullptr);
    childDone(root);
    m_walkDone = true;
    {
        QMutexLocker lock(&m_listingMutex);
        m_listingTaken.wakeAll();
    }
    m_pool.waitForDone();
    if (scanner.joinable())
        scanner.join();
    m_scanning = false;
    m_listings.clear();
    m_walkCursor.clear();
    const Status flushed = m_repo.flush(); // store what was uploaded even when stopping
    if (m_error)
        return fail(*m_error);
    if (m_cancel && m_cancel->load())
        return fail(ErrorCode::Cancelled, QStringLiteral("backup stopped on request; no snapshot was written"));
    if (!flushed)
        return fail(flushed.error());
    if (m_rootTree.isNull())
        return fail(ErrorCode::Internal, QStringLiteral("backup finished without a root tree"));

    BackupResult result;
    Snapshot &s = result.snapshot;
    s.kind = m_options.kind;
    s.time = startTime;
    s.endTime = QDateTime::currentDateTimeUtc();
    s.host = m_options.host;
    s.user = m_options.user;
    for (const QByteArray &p : m_options.paths)
        s.paths << QString::fromUtf8(p);
    for (const QByteArray &e : m_options.excludes)
        s.excludes << QString::fromUtf8(e);
    s.tags = m_options.tags;
    s.tree = m_rootTree;
    s.stats = { m_sourceBytes.load(), m_files.load(), m_dirs.load(), m_newBlobs.load(), m_newBytes.load(),
                m_storedBytes.load(), m_readBytes.load(), qint64(m_warnings.size()), timer.elapsed() };
    result.warnings = m_warnings;
    return result;
}

// The snapshot whose unchanged files a local backup reuses (BackupOptions::parent).
std::optional<Snapshot> findParent(Repository &repo, const BackupOptions &options, QStringList *warnings)
{
    if (options.parent == QLatin1String("none"))
        return std::nullopt;
    if (!options.parent.isEmpty()) {
        auto found = repo.findSnapshot(options.parent);
        if (found)
            return *found;
        *warnings << QStringLiteral("parent snapshot not usable, reading everything: %1").arg(found.error().message());
        return std::nullopt;
    }
    QList<Error> errors;
    auto all = repo.snapshots(&errors);
    if (!all)
        return std::nullopt;
    QStringList paths;
    for (const QByteArray &p : options.paths)
        paths << QString::fromUtf8(p);
    for (auto it = all->crbegin(); it != all->crend(); ++it)
        if (it->host == options.host && it->paths == paths && it->kind == options.kind)
            return *it;
    return std::nullopt;
}

} // namespace

Archiver::Archiver(Repository &repository, Fs::FileSystem &fileSystem)
    : m_repository(repository), m_fileSystem(fileSystem)
{
}

Result<BackupResult> Archiver::run(const BackupOptions &options)
{
    QStringList parentWarnings;
    const std::optional<Snapshot> parent = findParent(m_repository, options, &parentWarnings);
    auto result = archive(m_repository, m_fileSystem, options, parent ? parent->tree : BlobId {}, m_progress, m_cancel);
    if (!result)
        return result;
    Snapshot &s = result->snapshot;
    if (parent)
        s.parent = BlobId::fromHex(parent->id);
    result->warnings = parentWarnings + result->warnings;
    s.stats.warnings = result->warnings.size();
    auto id = m_repository.saveSnapshot(s);
    if (!id)
        return fail(id.error());
    s.id = *id;
    return result;
}

Result<BackupResult> archive(BlobSink &sink, Fs::FileSystem &fileSystem, const BackupOptions &options,
                             const BlobId &parentTree, Progress *progress, const std::atomic<bool> *cancel)
{
    BackupRun run(sink, fileSystem, options, parentTree, progress, cancel);
    return run.run();
}

} // namespace Kura::Store
