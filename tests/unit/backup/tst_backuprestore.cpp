#include "backuptestutil.h"

#include <testsupport.h>

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QTest>
#include <QThread>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace Kura;
using namespace Kura::Store;
using Kura::Test::RepoFixture;

namespace {

// The POSIX file system, except that folder listings on the walking thread are slow and the
// scan's listing of `heldBack` waits until the walk has listed that folder itself, so that the
// walk gets there first. Counts the walk's own listings below `heldBack`.
class WalkFirstFileSystem final : public Fs::FileSystem
{
public:
    explicit WalkFirstFileSystem(QByteArray heldBack) : m_heldBack(std::move(heldBack)) { }

    std::atomic<int> walkListingsBelow { 0 };

    Result<QList<Fs::ListedEntry>> listDirectoryStat(const QByteArray &path) override
    {
        if (QThread::currentThread() == m_walker) {
            if (path.startsWith(m_heldBack + '/'))
                walkListingsBelow.fetch_add(1);
            auto listing = m_posix.listDirectoryStat(path);
            if (path == m_heldBack)
                m_heldBackWalked = true;
            QThread::msleep(5);
            return listing;
        }
        if (path == m_heldBack) {
            for (int waited = 0; !m_heldBackWalked && waited < 10000; ++waited)
                QThread::msleep(1);
        }
        return m_posix.listDirectoryStat(path);
    }

    Result<Fs::Metadata> stat(const QByteArray &path) override { return m_posix.stat(path); }
    Result<Fs::Metadata> statBasic(const QByteArray &path) override { return m_posix.statBasic(path); }
    Result<Fs::Metadata> statSince(const QByteArray &path, const Fs::Metadata &previous) override
    {
        return m_posix.statSince(path, previous);
    }
    Result<QList<QByteArray>> listDirectory(const QByteArray &path) override { return m_posix.listDirectory(path); }
    Result<Fs::Metadata> completeMetadata(const QByteArray &path, const Fs::Metadata &basic,
                                          const Fs::Metadata *previous) override
    {
        return m_posix.completeMetadata(path, basic, previous);
    }
    Result<std::unique_ptr<Fs::FileReader>> openForRead(const QByteArray &path) override
    {
        return m_posix.openForRead(path);
    }
    Result<bool> isMounted(const QByteArray &path) override { return m_posix.isMounted(path); }
    Result<Fs::TargetDecision> prepareTarget(const QByteArray &path, Fs::NodeType incoming,
                                             Fs::OverwritePolicy policy) override
    {
        return m_posix.prepareTarget(path, incoming, policy);
    }
    Status createDirectory(const QByteArray &path, quint32 mode) override { return m_posix.createDirectory(path, mode); }
    Status createSymlink(const QByteArray &target, const QByteArray &path) override
    {
        return m_posix.createSymlink(target, path);
    }
    Status createHardLink(const QByteArray &existingPath, const QByteArray &newPath) override
    {
        return m_posix.createHardLink(existingPath, newPath);
    }
    Status createSpecial(const QByteArray &path, const Fs::Metadata &metadata) override
    {
        return m_posix.createSpecial(path, metadata);
    }
    Result<std::unique_ptr<Fs::FileWriter>> openForWrite(const QByteArray &path, Fs::OpenMode mode) override
    {
        return m_posix.openForWrite(path, mode);
    }
    Status writeAtomically(const QByteArray &path, const QByteArray &data, quint32 mode) override
    {
        return m_posix.writeAtomically(path, data, mode);
    }
    Result<QList<Error>> applyMetadata(const QByteArray &path, const Fs::Metadata &metadata,
                                       const Fs::ApplyOptions &options) override
    {
        return m_posix.applyMetadata(path, metadata, options);
    }

private:
    Fs::PosixFileSystem m_posix;
    QByteArray m_heldBack;
    QThread *m_walker = QThread::currentThread();
    std::atomic<bool> m_heldBackWalked { false };
};

} // namespace

class tst_BackupRestore : public QObject
{
    Q_OBJECT
private slots:
    void restoresEveryKindOfNodeFaithfully();
    void keepsHolesAndLargeSparseFiles();
    void reusesUnchangedFilesWithoutReading();
    void incrementalBackupSeesMetadataOnlyChanges();
    void storesOnlyNewChunksAfterAChange();
    void excludesByNameAndByPath();
    void restoresChosenPathsOnly();
    void asksForSubfolderTreesAheadOfTheWalk();
    void asksForAFilesChunksAhead();
    void appliesOverwritePolicy_data();
    void appliesOverwritePolicy();
    void reportsProgressTotals();
    void countsTotalsOfAWideTreeWithParallelScan();
    void walkTakingTheScansListingsStoresTheSameTrees();
    void scanGoesOnBelowAFolderTheWalkReachedFirst();
    void cancelledBackupWritesNoSnapshotButKeepsData();
    void refusesRelativePathsAndMissingSources();

private:
    QByteArray makeTree(RepoFixture &f);
};

static void write(const QByteArray &path, const QByteArray &data)
{
    QVERIFY(Kura::Test::writeFile(QFile::decodeName(path), data));
}

QByteArray tst_BackupRestore::makeTree(RepoFixture &f)
{
    const QByteArray src = f.path("src");
    ::mkdir(src.constData(), 0755);
    ::mkdir((src + "/empty").constData(), 0700);
    ::mkdir((src + "/sticky").constData(), 01777);
    write(src + "/small.txt", "hello\n");
    write(src + "/big.bin", Kura::Test::randomBytes(20 * 1024 * 1024 + 123, 7));
    write(src + "/name with\nnewline", "n");
    write(src + "/latin1-\xe9\xff", "bytes that are not UTF-8");
    write(src + "/deep/er/still/file", "deep");
    ::symlink("small.txt", (src + "/link").constData());
    ::symlink("/nonexistent/target", (src + "/dangling").constData());
    ::link((src + "/small.txt").constData(), (src + "/hardlink").constData());
    ::mkfifo((src + "/fifo").constData(), 0640);
    ::chmod((src + "/small.txt").constData(), 04755);
    write(src + "/empty-file", "");
    ::lsetxattr((src + "/small.txt").constData(), "user.kura", "value\0with nul", 14, 0);
    struct timespec times[2] = { { 1000000000, 123456789 }, { 1200000000, 987654321 } };
    ::utimensat(AT_FDCWD, (src + "/big.bin").constData(), times, AT_SYMLINK_NOFOLLOW);
    return src;
}

void tst_BackupRestore::restoresEveryKindOfNodeFaithfully()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = makeTree(f);
    auto backup = f.backup({ src });
    QVERIFY_RESULT(backup);
    QVERIFY2(backup->warnings.isEmpty(), qPrintable(backup->warnings.join(u'\n')));
    QCOMPARE(backup->snapshot.stats.files, 7); // regular files, the hard link counted twice
    auto restored = f.restore(backup->snapshot, f.path("out"));
    QVERIFY_RESULT(restored);
    QVERIFY(restored->errors.isEmpty());
    const QString difference = Kura::Test::compareTrees(src, f.path("out") + src);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));

    // The same through a freshly opened repository (nothing cached in memory).
    auto reopened = Repository::open(std::make_unique<LocalStore>(f.repoPath()), "test passphrase");
    QVERIFY_RESULT(reopened);
    auto snapshot = (*reopened)->findSnapshot(QStringLiteral("latest"));
    QVERIFY_RESULT(snapshot);
    QCOMPARE(snapshot->tree, backup->snapshot.tree);
}

void tst_BackupRestore::keepsHolesAndLargeSparseFiles()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = f.path("sparse");
    ::mkdir(src.constData(), 0755);
    const int fd = ::open((src + "/huge").constData(), O_CREAT | O_WRONLY, 0644);
    QVERIFY(fd >= 0);
    const QByteArray data = Kura::Test::randomBytes(1024 * 1024, 3);
    QCOMPARE(::pwrite(fd, data.constData(), size_t(data.size()), 5ll * 1024 * 1024 * 1024), data.size());
    QCOMPARE(::pwrite(fd, data.constData(), 4096, 100 * 1024 * 1024), 4096);
    QCOMPARE(::ftruncate(fd, 6ll * 1024 * 1024 * 1024), 0);
    ::close(fd);
    auto backup = f.backup({ src });
    QVERIFY_RESULT(backup);
    QVERIFY2(backup->snapshot.stats.newBytes < 3 * 1024 * 1024, "holes must cost nothing");
    auto restored = f.restore(backup->snapshot, f.path("out"));
    QVERIFY_RESULT(restored);
    QVERIFY(restored->errors.isEmpty());
    const QByteArray copy = f.path("out") + src + "/huge";
    struct stat st;
    QCOMPARE(::stat(copy.constData(), &st), 0);
    QCOMPARE(qint64(st.st_size), 6ll * 1024 * 1024 * 1024);
    QVERIFY2(qint64(st.st_blocks) * 512 < 16 * 1024 * 1024, "restored holes must stay holes");
    QByteArray back(data.size(), Qt::Uninitialized);
    const int in = ::open(copy.constData(), O_RDONLY);
    QCOMPARE(::pread(in, back.data(), size_t(back.size()), 5ll * 1024 * 1024 * 1024), back.size());
    ::close(in);
    QCOMPARE(back, data);
}

void tst_BackupRestore::reusesUnchangedFilesWithoutReading()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = makeTree(f);
    auto first = f.backup({ src });
    QVERIFY_RESULT(first);
    QVERIFY(first->snapshot.stats.readBytes > 20 * 1024 * 1024);
    auto second = f.backup({ src });
    QVERIFY_RESULT(second);
    QCOMPARE(second->snapshot.stats.readBytes, 0);
    QCOMPARE(second->snapshot.stats.newBytes, 0);
    QCOMPARE(second->snapshot.parent, BlobId::fromHex(first->snapshot.id));
    QCOMPARE(second->snapshot.stats.sourceBytes, first->snapshot.stats.sourceBytes);
}

// An incremental backup takes xattrs and symlink targets of nodes whose ctime is unchanged from
// the parent snapshot instead of reading them again; a change to either changes the ctime and
// must still be seen.
void tst_BackupRestore::incrementalBackupSeesMetadataOnlyChanges()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = makeTree(f);
    write(src + "/other.txt", "other");
    if (::lsetxattr((src + "/other.txt").constData(), "user.keep", "same", 4, 0) != 0)
        QSKIP("the temporary directory's file system does not support user xattrs");
    auto first = f.backup({ src });
    QVERIFY_RESULT(first);
    QTest::qWait(20); // a ctime that differs even on coarse clocks
    QVERIFY(::lsetxattr((src + "/small.txt").constData(), "user.kura", "changed", 7, 0) == 0);
    QVERIFY(::lsetxattr((src + "/small.txt").constData(), "user.added", "new", 3, 0) == 0);
    QVERIFY(::unlink((src + "/link").constData()) == 0);
    QVERIFY(::symlink("empty-file", (src + "/link").constData()) == 0);
    auto second = f.backup({ src });
    QVERIFY_RESULT(second);
    // Only small.txt and its hard link (one inode, whose ctime the xattr change moved) are read
    // again: 2 x 6 bytes; the 20 MiB file is not.
    QCOMPARE(second->snapshot.stats.readBytes, 12);
    auto restored = f.restore(second->snapshot, f.path("out"));
    QVERIFY_RESULT(restored);
    const QString difference = Kura::Test::compareTrees(src, f.path("out") + src);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
    char value[64] = {};
    const ssize_t got = ::lgetxattr((f.path("out") + src + "/small.txt").constData(), "user.kura", value, sizeof value);
    QCOMPARE(QByteArray(value, int(qMax<ssize_t>(got, 0))), QByteArray("changed"));
    const ssize_t kept = ::lgetxattr((f.path("out") + src + "/other.txt").constData(), "user.keep", value, sizeof value);
    QCOMPARE(QByteArray(value, int(qMax<ssize_t>(kept, 0))), QByteArray("same"));
}

void tst_BackupRestore::storesOnlyNewChunksAfterAChange()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = f.path("src");
    QByteArray content = Kura::Test::randomBytes(40 * 1024 * 1024, 11);
    write(src + "/data", content);
    auto first = f.backup({ src });
    QVERIFY_RESULT(first);
    content.insert(17 * 1024 * 1024, QByteArray("inserted bytes shift everything after them"));
    write(src + "/data", content);
    auto second = f.backup({ src });
    QVERIFY_RESULT(second);
    QVERIFY2(second->snapshot.stats.newBytes < 12 * 1024 * 1024,
             qPrintable(QStringLiteral("content-defined chunks limit new data, got %1").arg(second->snapshot.stats.newBytes)));
    auto restored = f.restore(second->snapshot, f.path("out"));
    QVERIFY_RESULT(restored);
    QCOMPARE(Kura::Test::readFile(QFile::decodeName(f.path("out") + src + "/data")), content);
}

void tst_BackupRestore::excludesByNameAndByPath()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = f.path("src");
    write(src + "/keep.txt", "k");
    write(src + "/skip.tmp", "s");
    write(src + "/cache/big", "c");
    write(src + "/other/cache", "file named cache, kept: the pattern has a path");
    auto backup = f.backup({ src }, SnapshotKind::Files, { "*.tmp", src + "/cache" });
    QVERIFY_RESULT(backup);
    auto restored = f.restore(backup->snapshot, f.path("out"));
    QVERIFY_RESULT(restored);
    const QByteArray out = f.path("out") + src;
    QVERIFY(QFile::exists(QFile::decodeName(out + "/keep.txt")));
    QVERIFY(!QFile::exists(QFile::decodeName(out + "/skip.tmp")));
    QVERIFY(!QFile::exists(QFile::decodeName(out + "/cache")));
    QVERIFY(QFile::exists(QFile::decodeName(out + "/other/cache")));
}

void tst_BackupRestore::restoresChosenPathsOnly()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = makeTree(f);
    auto backup = f.backup({ src });
    QVERIFY_RESULT(backup);
    auto restored = f.restore(backup->snapshot, f.path("out"), { src + "/deep/er", src + "/small.txt" });
    QVERIFY_RESULT(restored);
    const QByteArray out = f.path("out") + src;
    QCOMPARE(Kura::Test::readFile(QFile::decodeName(out + "/deep/er/still/file")), QByteArray("deep"));
    QCOMPARE(Kura::Test::readFile(QFile::decodeName(out + "/small.txt")), QByteArray("hello\n"));
    QVERIFY(!QFile::exists(QFile::decodeName(out + "/big.bin")));
    QVERIFY(!QFile::exists(QFile::decodeName(out + "/empty")));
    QCOMPARE(restored->files, 2);
}

namespace {

// The repository, with a log of what the restorer asked for ahead and what it loaded.
class RecordingSource final : public BlobSource
{
public:
    explicit RecordingSource(BlobSource &repository) : m_repository(repository) {}

    Result<QByteArray> loadBlob(BlobType type, const BlobId &id) override
    {
        record(type, true, id, 0);
        auto data = m_repository.loadBlob(type, id);
        if (data) {
            QMutexLocker lock(&m_mutex);
            m_sizes.insert(id.toByteArray(), data->size());
        }
        return data;
    }
    Result<Tree> loadTree(const BlobId &id) override
    {
        record(BlobType::Tree, true, id, 0);
        return m_repository.loadTree(id);
    }
    void prefetch(BlobType type, const QList<BlobId> &ids) override
    {
        for (const BlobId &id : ids)
            record(type, false, id, ids.size());
    }

    struct Replay
    {
        QList<QByteArray> loadedUnasked;
        int loads = 0;
        qsizetype largestRequest = 0;
        qsizetype mostWaiting = 0;    // asked for and not loaded yet, at once
        qint64 mostWaitingBytes = 0;  // their size (data only)
        int askedByTheWalk = 0;       // blobs first asked for by the thread that loaded the trees
    };
    // The log of one type of blob, replayed. A blob asked for while it waits counts once, as
    // the agent asks for it once.
    Replay replay(BlobType type) const
    {
        QMutexLocker lock(&m_mutex);
        Replay r;
        QSet<QByteArray> waiting, asked;
        qint64 waitingBytes = 0;
        const QThread *walk = nullptr;
        for (const Event &e : m_events)
            if (e.type == BlobType::Tree && e.load && !walk)
                walk = e.thread;
        for (const Event &e : m_events) {
            if (e.type != type)
                continue;
            if (!e.load && !asked.contains(e.id)) {
                asked.insert(e.id);
                r.askedByTheWalk += e.thread == walk ? 1 : 0;
            }
            const qint64 size = m_sizes.value(e.id);
            if (e.load) {
                ++r.loads;
                if (waiting.remove(e.id))
                    waitingBytes -= size;
                else
                    r.loadedUnasked << e.id;
            } else {
                r.largestRequest = qMax(r.largestRequest, e.requestSize);
                if (!waiting.contains(e.id)) {
                    waiting.insert(e.id);
                    waitingBytes += size;
                }
                r.mostWaiting = qMax(r.mostWaiting, waiting.size());
                r.mostWaitingBytes = qMax(r.mostWaitingBytes, waitingBytes);
            }
        }
        return r;
    }

private:
    struct Event
    {
        BlobType type;
        bool load;
        QByteArray id;
        qsizetype requestSize;
        const QThread *thread;
    };
    void record(BlobType type, bool load, const BlobId &id, qsizetype requestSize)
    {
        QMutexLocker lock(&m_mutex);
        m_events.push_back({ type, load, id.toByteArray(), requestSize, QThread::currentThread() });
    }

    BlobSource &m_repository;
    mutable QMutex m_mutex;
    std::vector<Event> m_events;
    QHash<QByteArray, qint64> m_sizes;
};

// Backs up `src` and restores that snapshot to "out" through `source`, with `workers` threads
// (0: the default).
bool backUpAndRestoreThrough(RepoFixture &f, RecordingSource &source, const QByteArray &src, int workers,
                             Snapshot *snapshot)
{
    auto backup = f.backup({ src });
    if (!backup) {
        qWarning("backup: %s", qPrintable(backup.error().message()));
        return false;
    }
    Restorer restorer(source, f.fs);
    RestoreOptions options;
    options.target = f.path("out");
    options.workers = workers;
    auto restored = restorer.restore(backup->snapshot, options);
    if (!restored || !restored->errors.isEmpty()) {
        qWarning("restore: %s", qPrintable(restored ? restored->errors.first().message() : restored.error().message()));
        return false;
    }
    *snapshot = backup->snapshot;
    return true;
}

} // namespace

// From a server every tree is a round trip: the restore asks for the next subfolders' trees
// while it walks, a bounded number at a time, and still restores everything as it was.
void tst_BackupRestore::asksForSubfolderTreesAheadOfTheWalk()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = f.path("src");
    const int folders = 3 * int(RestoreTreesAhead);
    for (int i = 0; i < folders; ++i) // every folder different, so that every tree is too
        for (const char *sub : {"a", "b"})
            write(src + "/d" + QByteArray::number(i) + '/' + sub + "/f", QByteArray::number(i) + sub);
    RecordingSource source(*f.repo);
    Snapshot snapshot;
    QVERIFY(backUpAndRestoreThrough(f, source, src, 0, &snapshot));
    QCOMPARE(Kura::Test::compareTrees(src, f.path("out") + src), QString());
    // Every tree but the snapshot's root was asked for before it was loaded.
    const auto trees = source.replay(BlobType::Tree);
    QCOMPARE(trees.loadedUnasked, QList<QByteArray>{ snapshot.tree.toByteArray() });
    QVERIFY2(trees.loads > 3 * folders, qPrintable(QString::number(trees.loads)));
    // Ahead, but bounded: never all of src's subfolders at once.
    QCOMPARE(trees.largestRequest, RestoreTreesAhead);
    QVERIFY2(trees.mostWaiting >= RestoreTreesAhead && trees.mostWaiting < 2 * RestoreTreesAhead,
             qPrintable(QString::number(trees.mostWaiting)));
    // The small files' chunks were asked for when the walk queued them, not by the workers.
    const auto data = source.replay(BlobType::Data);
    QCOMPARE(data.loads, 2 * folders);
    QCOMPARE(data.loadedUnasked, QList<QByteArray>{});
    QCOMPARE(data.askedByTheWalk, 2 * folders);
}

// A large file's chunks are asked for ahead of the one being written, up to
// RestoreContentAheadBytes of them.
void tst_BackupRestore::asksForAFilesChunksAhead()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = f.path("src");
    write(src + "/big", Kura::Test::randomBytes(40 * 1024 * 1024, 3));
    RecordingSource source(*f.repo);
    Snapshot snapshot;
    QVERIFY(backUpAndRestoreThrough(f, source, src, 1, &snapshot));
    QCOMPARE(Kura::Test::readFile(QFile::decodeName(f.path("out") + src + "/big")),
             Kura::Test::readFile(QFile::decodeName(src + "/big")));
    const auto data = source.replay(BlobType::Data);
    QVERIFY2(data.loads >= 10, qPrintable(QString::number(data.loads)));
    QCOMPARE(data.loadedUnasked, QList<QByteArray>{});
    const qint64 largestChunk = 8 * 1024 * 1024; // the default chunker's maximum
    QVERIFY2(data.mostWaitingBytes >= RestoreContentAheadBytes / 2
                 && data.mostWaitingBytes <= RestoreContentAheadBytes + largestChunk,
             qPrintable(QString::number(data.mostWaitingBytes)));
}

void tst_BackupRestore::appliesOverwritePolicy_data()
{
    QTest::addColumn<int>("policy");
    QTest::addColumn<QByteArray>("expectedOriginal");
    QTest::addColumn<bool>("keptCopy");
    QTest::newRow("skip leaves the existing file") << int(Fs::OverwritePolicy::Skip) << QByteArray("local edit") << false;
    QTest::newRow("overwrite replaces it") << int(Fs::OverwritePolicy::Overwrite) << QByteArray("hello\n") << false;
    QTest::newRow("keep both restores beside it") << int(Fs::OverwritePolicy::KeepBoth) << QByteArray("local edit") << true;
}

void tst_BackupRestore::appliesOverwritePolicy()
{
    QFETCH(int, policy);
    QFETCH(QByteArray, expectedOriginal);
    QFETCH(bool, keptCopy);
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = f.path("src");
    write(src + "/small.txt", "hello\n");
    auto backup = f.backup({ src });
    QVERIFY_RESULT(backup);
    write(src + "/small.txt", "local edit");
    auto restored = f.restore(backup->snapshot, "/", { src + "/small.txt" }, Fs::OverwritePolicy(policy));
    QVERIFY_RESULT(restored);
    QVERIFY(restored->errors.isEmpty());
    QCOMPARE(Kura::Test::readFile(QFile::decodeName(src + "/small.txt")), expectedOriginal);
    QCOMPARE(QFile::exists(QFile::decodeName(src + "/small.txt.restored-1")), keptCopy);
    if (keptCopy)
        QCOMPARE(Kura::Test::readFile(QFile::decodeName(src + "/small.txt.restored-1")), QByteArray("hello\n"));
}

void tst_BackupRestore::reportsProgressTotals()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = makeTree(f);
    Progress progress;
    Archiver archiver(*f.repo, f.fs);
    archiver.setProgress(&progress);
    BackupOptions options;
    options.paths = { src };
    auto backup = archiver.run(options);
    QVERIFY_RESULT(backup);
    QVERIFY(progress.totalsFinal());
    QCOMPARE(progress.filesTotal(), 7);
    QCOMPARE(progress.filesDone(), 7);
    QCOMPARE(progress.bytesDone(), backup->snapshot.stats.sourceBytes);
    QCOMPARE(progress.bytesTotal(), backup->snapshot.stats.sourceBytes);

    // A restore's totals are the files it writes, known when its walk is done (for the ETA);
    // the second name of a hard link is a link, not a file written.
    for (const QList<QByteArray> &includes : { QList<QByteArray>{}, QList<QByteArray>{ src + "/small.txt" } }) {
        Progress restoring;
        Restorer restorer(*f.repo, f.fs);
        restorer.setProgress(&restoring);
        RestoreOptions restoreOptions;
        restoreOptions.target = f.path(includes.isEmpty() ? "all" : "chosen");
        restoreOptions.includes = includes;
        auto restored = restorer.restore(backup->snapshot, restoreOptions);
        QVERIFY_RESULT(restored);
        QVERIFY(restoring.totalsFinal());
        QCOMPARE(restoring.filesTotal(), restored->files);
        QCOMPARE(restoring.filesDone(), restored->files);
        QCOMPARE(restoring.bytesTotal(), restoring.bytesDone());
        if (includes.isEmpty()) {
            QCOMPARE(restored->files, 6);
            QCOMPARE(restoring.bytesTotal(), backup->snapshot.stats.sourceBytes - 6); // "hello\n" once
        } else {
            QCOMPARE(restored->files, 1);
            QCOMPARE(restoring.bytesTotal(), 6);
        }
    }
}

// The scan ahead lists directories on several threads: every file is counted once, excluded
// ones are not, and the totals are final when the scan finished before the walk.
void tst_BackupRestore::countsTotalsOfAWideTreeWithParallelScan()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = f.path("src");
    qint64 bytes = 0;
    for (int d = 0; d < 40; ++d)
        for (int n = 0; n < 3; ++n) {
            const QByteArray content = QByteArray::number(d * 10 + n).repeated(d + 1);
            write(src + "/d" + QByteArray::number(d) + "/sub/f" + QByteArray::number(n), content);
            bytes += content.size();
        }
    write(src + "/d7/sub/skip.tmp", "excluded");
    // Read last, so that the walk is still busy when the scan ends.
    const QByteArray big = Kura::Test::randomBytes(24 * 1024 * 1024, 5);
    write(src + "/zz-big", big);
    bytes += big.size();
    Progress progress;
    Archiver archiver(*f.repo, f.fs);
    archiver.setProgress(&progress);
    BackupOptions options;
    options.paths = { src };
    options.excludes = { "*.tmp" };
    options.scanThreads = 6;
    auto backup = archiver.run(options);
    QVERIFY_RESULT(backup);
    QVERIFY(progress.totalsFinal());
    QCOMPARE(progress.filesTotal(), 121);
    QCOMPARE(progress.bytesTotal(), bytes);
    QCOMPARE(backup->snapshot.stats.sourceBytes, bytes);
}

// The first node that differs between two stored trees below `source`, as "path: fields", or
// empty. The folders above `source` (the temporary folder's parents) may change in between.
static QString treeDifference(Repository &repo, const BlobId &a, const BlobId &b, const QByteArray &source,
                              const QByteArray &path = "/")
{
    if (a == b)
        return {};
    auto left = repo.loadTree(a);
    auto right = repo.loadTree(b);
    if (!left || !right)
        return QStringLiteral("%1: tree not readable").arg(QString::fromUtf8(path));
    if (left->nodes.size() != right->nodes.size())
        return QStringLiteral("%1: %2 entries against %3").arg(QString::fromUtf8(path)).arg(left->nodes.size()).arg(right->nodes.size());
    for (qsizetype i = 0; i < left->nodes.size(); ++i) {
        const Node &l = left->nodes[i];
        const Node &r = right->nodes[i];
        const QByteArray here = path + l.name;
        if (l.type == NodeType::Directory && r.type == NodeType::Directory) {
            const QString below = treeDifference(repo, l.subtree, r.subtree, source, here + '/');
            if (!below.isEmpty())
                return below;
            Node lc = l, rc = r;
            lc.subtree = rc.subtree = BlobId();
            if (lc == rc || source.startsWith(here + '/'))
                continue;
        } else if (l == r) {
            continue;
        }
        return QStringLiteral("%1: differs (mtime %2/%3 atime %4/%5 ctime %6/%7 size %8/%9 name %10)")
            .arg(QString::fromUtf8(here)).arg(l.mtimeNs).arg(r.mtimeNs).arg(l.atimeNs).arg(r.atimeNs)
            .arg(l.ctimeNs).arg(r.ctimeNs).arg(l.size).arg(r.size).arg(QString::fromUtf8(r.name));
    }
    return {};
}

// The walk takes the folder listings (with each entry's lstat) that the scan made ahead of it;
// with a cache so small that the scan keeps waiting and the walk overtakes it, and without any
// scan, the snapshots hold the same trees, and an incremental run over the cached listings
// still sees a change.
void tst_BackupRestore::walkTakingTheScansListingsStoresTheSameTrees()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = makeTree(f);
    for (int d = 0; d < 150; ++d) {
        const QByteArray folder = src + "/wide/d" + QByteArray::number(d);
        for (int n = 0; n < 4; ++n)
            write(folder + "/sub" + QByteArray::number(n % 2) + "/f" + QByteArray::number(n), QByteArray::number(d * n));
        ::symlink("sub0/f0", (folder + "/link").constData());
    }
    write(src + "/wide/skip.tmp", "excluded");
    Archiver archiver(*f.repo, f.fs);
    auto run = [&](int scanThreads, qsizetype cacheEntries, bool totals, const QString &parent) {
        BackupOptions options;
        options.paths = { src };
        options.excludes = { "*.tmp" };
        options.scanThreads = scanThreads;
        options.listingCacheEntries = cacheEntries;
        options.estimateTotals = totals;
        options.parent = parent;
        return archiver.run(options);
    };
    // Listing a folder or reading a symlink moves its atime while the atime is not after the
    // mtime (relatime); the runs compared come after one such read, a clock tick later.
    QTest::qWait(20);
    QVERIFY_RESULT(run(0, 0, false, QStringLiteral("none")));
    auto alone = run(0, 0, false, QStringLiteral("none"));
    QVERIFY_RESULT(alone);
    QVERIFY(alone->warnings.isEmpty());
    for (const qsizetype cacheEntries : { qsizetype(32 * 1024), qsizetype(7) }) {
        for (const bool totals : { false, true }) {
            auto scanned = run(16, cacheEntries, totals, QStringLiteral("none"));
            QVERIFY_RESULT(scanned);
            const QString difference = treeDifference(*f.repo, alone->snapshot.tree, scanned->snapshot.tree, src);
            QVERIFY2(difference.isEmpty(), qPrintable(difference));
            QCOMPARE(scanned->snapshot.stats.files, alone->snapshot.stats.files);
            QVERIFY(scanned->warnings.isEmpty());
        }
    }
    auto incremental = run(16, 7, false, QString());
    QVERIFY_RESULT(incremental);
    const QString incrementalDifference = treeDifference(*f.repo, alone->snapshot.tree, incremental->snapshot.tree, src);
    QVERIFY2(incrementalDifference.isEmpty(), qPrintable(incrementalDifference));
    QCOMPARE(incremental->snapshot.stats.readBytes, 0);

    QTest::qWait(20);
    write(src + "/wide/d140/sub1/f3", "changed deep down");
    auto changed = run(16, 7, false, QString());
    QVERIFY_RESULT(changed);
    QVERIFY(changed->snapshot.tree != alone->snapshot.tree);
    QCOMPARE(changed->snapshot.stats.readBytes, qint64(strlen("changed deep down")));
    auto restored = f.restore(changed->snapshot, f.path("out"));
    QVERIFY_RESULT(restored);
    // The excluded file is not in the backup: remove it, keeping its folder's times.
    struct stat wide = {};
    QVERIFY(::lstat((src + "/wide").constData(), &wide) == 0);
    QVERIFY(::unlink((src + "/wide/skip.tmp").constData()) == 0);
    const struct timespec times[2] = { wide.st_atim, wide.st_mtim };
    QVERIFY(::utimensat(AT_FDCWD, (src + "/wide").constData(), times, AT_SYMLINK_NOFOLLOW) == 0);
    const QString difference = Kura::Test::compareTrees(src, f.path("out") + src);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

// When the walk lists a folder before the scan got to it, the scan still goes on below that
// folder, so the walk finds the listings of what lies below it made ahead (it used to leave the
// whole subtree to the walk, which then read every folder of it from the disk on its own).
void tst_BackupRestore::scanGoesOnBelowAFolderTheWalkReachedFirst()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = f.path("src");
    constexpr int Folders = 40;
    for (int d = 0; d < Folders; ++d)
        for (int s = 0; s < 2; ++s)
            write(src + "/deep/d" + QByteArray::number(d) + "/s" + QByteArray::number(s) + "/f", "x");
    WalkFirstFileSystem fs(src + "/deep");
    Archiver archiver(*f.repo, fs);
    BackupOptions options;
    options.paths = { src };
    options.parent = QStringLiteral("none");
    options.scanThreads = 8;
    auto result = archiver.run(options);
    QVERIFY_RESULT(result);
    QCOMPARE(result->snapshot.stats.files, qint64(2 * Folders));
    // 120 folders below; the walk lists only those it reaches before the scan.
    qInfo("the walk listed %d of %d folders below the one it reached first", fs.walkListingsBelow.load(), Folders * 3);
    QVERIFY2(fs.walkListingsBelow.load() < Folders * 3 / 4,
             qPrintable(QStringLiteral("the walk listed %1 of %2 folders below itself")
                            .arg(fs.walkListingsBelow.load()).arg(Folders * 3)));
    auto restored = f.restore(result->snapshot, f.path("out"));
    QVERIFY_RESULT(restored);
    const QString difference = Kura::Test::compareTrees(src, f.path("out") + src);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void tst_BackupRestore::cancelledBackupWritesNoSnapshotButKeepsData()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = f.path("src");
    for (int i = 0; i < 8; ++i)
        write(src + "/f" + QByteArray::number(i), Kura::Test::randomBytes(6 * 1024 * 1024, quint64(i)));
    std::atomic<bool> cancel { false };
    Progress progress;
    Archiver archiver(*f.repo, f.fs);
    archiver.setCancelFlag(&cancel);
    archiver.setProgress(&progress);
    std::thread stopper([&] {
        while (progress.bytesDone() < 10 * 1024 * 1024)
            std::this_thread::yield();
        cancel = true;
    });
    BackupOptions options;
    options.paths = { src };
    auto result = archiver.run(options);
    stopper.join();
    QVERIFY(!result);
    QCOMPARE(result.error().code(), ErrorCode::Cancelled);
    auto snapshots = f.repo->snapshots();
    QVERIFY_RESULT(snapshots);
    QVERIFY(snapshots->isEmpty());
    QVERIFY2(f.repo->index().blobCount() > 0, "uploaded chunks stay for the next run");
    auto next = f.backup({ src });
    QVERIFY_RESULT(next);
    QVERIFY(next->snapshot.stats.newBytes < next->snapshot.stats.sourceBytes);
}

void tst_BackupRestore::refusesRelativePathsAndMissingSources()
{
    RepoFixture f;
    QVERIFY(f.init());
    auto relative = f.backup({ "relative/path" });
    QVERIFY(!relative);
    QCOMPARE(relative.error().code(), ErrorCode::InvalidArgument);
    auto missing = f.backup({ f.path("does-not-exist") });
    QVERIFY(!missing);
    QCOMPARE(missing.error().code(), ErrorCode::NotFound);
    QVERIFY(missing.error().message().contains(QStringLiteral("does-not-exist")));
}

QTEST_GUILESS_MAIN(tst_BackupRestore)
#include "tst_backuprestore.moc"
