// Reading side of kura_fs: stat, listing, reading, extents, change detection, errors.

#include "fshelpers.h"

#include <store/fs/pathtext.h>
#include <store/fs/posixfilesystem.h>
#include <store/fs/restoreorder.h>

#include <testsupport.h>

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/sysmacros.h>
#include <sys/mman.h>
#include <sys/xattr.h>
#include <fcntl.h>
#include <unistd.h>

using namespace Kura;
using namespace Kura::Fs;
using namespace Kura::Test;

Q_DECLARE_METATYPE(Kura::ErrorCode)

class tst_FsRead : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void listsAndStatsAnyName_data();
    void listsAndStatsAnyName();
    void listsEmptyDirectorySorted();
    void listsLargeDirectoryWithMetadataOfEachEntry();
    void statsSymlinksWithoutFollowing_data();
    void statsSymlinksWithoutFollowing();
    void detectsHardLinksByDeviceAndInode();
    void capturesModeBits_data();
    void capturesModeBits();
    void capturesUserXattrsSorted();
    void capturesOwnerNames();
    void findsDataExtentsOfSparseFile();
    void readsBeyondFourGibibytes();
    void readsSequentiallyToEnd();
    void detectsChangeWhileReading_data();
    void detectsChangeWhileReading();
    void vanishedFileIsNotFound();
    void rejectsBadReads_data();
    void rejectsBadReads();
    void prefetchBringsAFileIntoTheCache();

private:
    QByteArray path(const QByteArray &name) const { return joinPath(rawPath(*m_dir), name); }

    std::unique_ptr<QTemporaryDir> m_dir;
    PosixFileSystem m_fs;
};

void tst_FsRead::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_FsRead::cleanup()
{
    QVERIFY(removeContentsRaw(rawPath(*m_dir)));
    m_dir.reset();
}

void tst_FsRead::listsAndStatsAnyName_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("plain ascii") << QByteArray("plain.txt");
    QTest::newRow("newline in the middle") << QByteArray("line one\nline two");
    QTest::newRow("trailing newline") << QByteArray("name\n");
    QTest::newRow("invalid utf-8 bytes") << QByteArray("bad\xff\xfe\x80name");
    QTest::newRow("latin-1 encoded") << QByteArray("caf\xe9");
    QTest::newRow("utf-8 japanese") << QByteArray("\xe3\x83\x90\xe3\x83\x83\xe3\x82\xaf");
    QTest::newRow("backslash and tab") << QByteArray("a\\b\tc");
    QTest::newRow("leading dash and spaces") << QByteArray("- x ");
    QTest::newRow("255 bytes") << QByteArray(255, 'n');
}

void tst_FsRead::listsAndStatsAnyName()
{
    QFETCH(QByteArray, name);
    const QByteArray content = pattern(1000, 3);
    QVERIFY(writeRaw(path(name), content));

    const auto names = m_fs.listDirectory(rawPath(*m_dir));
    QVERIFY_RESULT(names);
    QCOMPARE(*names, QList<QByteArray> { name });

    const auto metadata = m_fs.stat(path(name));
    QVERIFY_RESULT(metadata);
    QCOMPARE(metadata->type, NodeType::File);
    QCOMPARE(metadata->size, qint64(content.size()));

    auto reader = m_fs.openForRead(path(name));
    QVERIFY_RESULT(reader);
    const auto bytes = (*reader)->readBytesAt(0, 4096);
    QVERIFY_RESULT(bytes);
    QCOMPARE(*bytes, content);
}

void tst_FsRead::listsEmptyDirectorySorted()
{
    QVERIFY(::mkdir(path("empty").constData(), 0755) == 0);
    const auto empty = m_fs.listDirectory(path("empty"));
    QVERIFY_RESULT(empty);
    QVERIFY(empty->isEmpty());
    const auto emptyMetadata = m_fs.stat(path("empty"));
    QVERIFY_RESULT(emptyMetadata);
    QCOMPARE(emptyMetadata->type, NodeType::Directory);

    for (const char *name : { "b", "a", "\xc3\xa9", "B", "a\n" })
        QVERIFY(writeRaw(path(name), "x"));
    const auto names = m_fs.listDirectory(rawPath(*m_dir));
    QVERIFY_RESULT(names);
    // Byte order: uppercase before lowercase, "a" before "a\n", UTF-8 after ASCII.
    const QList<QByteArray> expected { "B", "a", "a\n", "b", "empty", "\xc3\xa9" };
    QCOMPARE(*names, expected);
}

// More names than one getdents64 buffer (32 KiB) holds; each entry's metadata is what
// statBasic() gives, and completeMetadata() turns it into what stat() gives.
void tst_FsRead::listsLargeDirectoryWithMetadataOfEachEntry()
{
    QList<QByteArray> expected;
    for (int i = 0; i < 1500; ++i) {
        const QByteArray name = "entry-" + QByteArray::number(i * 7919 % 1500).rightJustified(4, '0')
                                + QByteArray(40, 'x') + "\n";
        QVERIFY(writeRaw(path(name), QByteArray::number(i)));
        expected.append(name);
    }
    QVERIFY(::mkdir(path("sub").constData(), 0700) == 0);
    QVERIFY(::symlink("sub", path("link").constData()) == 0);
    const bool xattrs = ::lsetxattr(path("sub").constData(), "user.k", "v", 1, 0) == 0;
    expected << "link" << "sub";
    std::sort(expected.begin(), expected.end());

    const auto names = m_fs.listDirectory(rawPath(*m_dir));
    QVERIFY_RESULT(names);
    QCOMPARE(*names, expected);
    const auto entries = m_fs.listDirectoryStat(rawPath(*m_dir));
    QVERIFY_RESULT(entries);
    QCOMPARE(entries->size(), expected.size());
    for (qsizetype i = 0; i < entries->size(); ++i) {
        const ListedEntry &entry = entries->at(i);
        QCOMPARE(entry.name, expected.at(i));
        QVERIFY_RESULT(entry.metadata);
        const auto basic = m_fs.statBasic(path(entry.name));
        QVERIFY_RESULT(basic);
        QVERIFY2(*entry.metadata == *basic, entry.name.constData());
        const auto full = m_fs.completeMetadata(path(entry.name), *entry.metadata, nullptr);
        QVERIFY_RESULT(full);
        auto stat = m_fs.stat(path(entry.name));
        QVERIFY_RESULT(stat);
        // Reading a symlink's target moves its atime in between; the rest is the same.
        stat->atimeNs = full->atimeNs;
        QVERIFY2(*full == *stat, entry.name.constData());
    }
    const auto link = std::find_if(entries->cbegin(), entries->cend(), [](const ListedEntry &e) { return e.name == "link"; });
    QCOMPARE(link->metadata->type, NodeType::Symlink);
    const auto linkFull = m_fs.completeMetadata(path("link"), *link->metadata, nullptr);
    QVERIFY_RESULT(linkFull);
    QCOMPARE(linkFull->symlinkTarget, QByteArray("sub"));
    if (xattrs) {
        const auto sub = m_fs.stat(path("sub"));
        QVERIFY_RESULT(sub);
        QCOMPARE(sub->xattrs.size(), 1);
        // Unchanged since `previous`: its xattrs are taken, not read (a marker proves it).
        Metadata previous = *sub;
        previous.xattrs = { Xattr { "user.previous", "kept" } };
        const auto basic = m_fs.statBasic(path("sub"));
        QVERIFY_RESULT(basic);
        const auto reused = m_fs.completeMetadata(path("sub"), *basic, &previous);
        QVERIFY_RESULT(reused);
        QCOMPARE(reused->xattrs, previous.xattrs);
    }

    const auto missing = m_fs.listDirectoryStat(path("missing"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code(), ErrorCode::NotFound);
    const auto notDirectory = m_fs.listDirectoryStat(path("link"));
    QVERIFY(!notDirectory);
    QCOMPARE(notDirectory.error().code(), ErrorCode::InvalidArgument);
}

void tst_FsRead::statsSymlinksWithoutFollowing_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<bool>("targetExists");
    QTest::newRow("to an existing file") << QByteArray("real") << true;
    QTest::newRow("dangling") << QByteArray("does/not/exist") << false;
    QTest::newRow("target with newline and bad utf-8") << QByteArray("x\n\xff") << false;
    QTest::newRow("absolute") << QByteArray("/etc/hostname-that-is-not-there") << false;
}

void tst_FsRead::statsSymlinksWithoutFollowing()
{
    QFETCH(QByteArray, target);
    QFETCH(bool, targetExists);
    if (targetExists)
        QVERIFY(writeRaw(path(target), pattern(5000, 1)));
    QVERIFY(::symlink(target.constData(), path("link").constData()) == 0);

    const auto metadata = m_fs.stat(path("link"));
    QVERIFY_RESULT(metadata);
    QCOMPARE(metadata->type, NodeType::Symlink);
    QCOMPARE(metadata->symlinkTarget, target);
    QCOMPARE(metadata->size, qint64(target.size()));

    // Reading never follows a symlink.
    const auto reader = m_fs.openForRead(path("link"));
    QVERIFY(!reader);
    QCOMPARE(reader.error().code(), ErrorCode::InvalidArgument);
}

void tst_FsRead::detectsHardLinksByDeviceAndInode()
{
    QVERIFY(writeRaw(path("first"), "shared"));
    QVERIFY(::link(path("first").constData(), path("second").constData()) == 0);
    QVERIFY(writeRaw(path("other"), "shared"));

    const auto first = m_fs.stat(path("first"));
    const auto second = m_fs.stat(path("second"));
    const auto other = m_fs.stat(path("other"));
    QVERIFY_RESULT(first);
    QVERIFY_RESULT(second);
    QVERIFY_RESULT(other);
    QCOMPARE(first->links, quint64(2));
    QCOMPARE(first->device, second->device);
    QCOMPARE(first->inode, second->inode);
    QVERIFY(first->inode != other->inode);

    HardLinkTracker tracker;
    QCOMPARE(tracker.firstPathOf(path("first"), *first), std::nullopt);
    QCOMPARE(tracker.firstPathOf(path("other"), *other), std::nullopt);
    QCOMPARE(tracker.firstPathOf(path("second"), *second), std::optional<QByteArray>(path("first")));
    QCOMPARE(tracker.trackedCount(), 1); // "other" has one link and is not tracked
}

void tst_FsRead::capturesModeBits_data()
{
    QTest::addColumn<bool>("directory");
    QTest::addColumn<quint32>("mode");
    QTest::newRow("private file") << false << quint32(0600);
    QTest::newRow("setuid executable") << false << quint32(04755);
    QTest::newRow("setgid file") << false << quint32(02711);
    QTest::newRow("no permissions at all") << false << quint32(0);
    QTest::newRow("setgid directory") << true << quint32(02775);
    QTest::newRow("sticky directory") << true << quint32(01777);
}

void tst_FsRead::capturesModeBits()
{
    QFETCH(bool, directory);
    QFETCH(quint32, mode);
    const QByteArray node = path("node");
    QVERIFY(directory ? ::mkdir(node.constData(), 0700) == 0 : writeRaw(node, "x"));
    QVERIFY(::chmod(node.constData(), mode) == 0);
    const auto metadata = m_fs.stat(node);
    QVERIFY_RESULT(metadata);
    QCOMPARE(metadata->mode, mode);
    QCOMPARE(metadata->type, directory ? NodeType::Directory : NodeType::File);
}

void tst_FsRead::capturesUserXattrsSorted()
{
    QVERIFY(writeRaw(path("file"), "x"));
    const QByteArray binary("\x00\x01\xff value with NUL", 18);
    if (::lsetxattr(path("file").constData(), "user.zeta", binary.constData(), size_t(binary.size()), 0) != 0) {
        if (errno == ENOTSUP)
            QSKIP("the temporary directory's file system does not support user xattrs (ENOTSUP)");
        QFAIL(qPrintable(QStringLiteral("setxattr failed: errno %1").arg(errno)));
    }
    QVERIFY(::lsetxattr(path("file").constData(), "user.alpha", "", 0, 0) == 0);
    const auto metadata = m_fs.stat(path("file"));
    QVERIFY_RESULT(metadata);
    QList<Xattr> user;
    for (const Xattr &xattr : metadata->xattrs) {
        if (xattr.name.startsWith("user."))
            user.append(xattr);
    }
    const QList<Xattr> expected { Xattr { "user.alpha", QByteArray() }, Xattr { "user.zeta", binary } };
    QCOMPARE(user, expected);
}

void tst_FsRead::capturesOwnerNames()
{
    QVERIFY(writeRaw(path("file"), "x"));
    QVERIFY(::lchown(path("file").constData(), ::geteuid(), ::getegid()) == 0);
    const auto metadata = m_fs.stat(path("file"));
    QVERIFY_RESULT(metadata);
    QCOMPARE(metadata->uid, quint32(::geteuid()));
    QCOMPARE(metadata->gid, quint32(::getegid()));
    if (::geteuid() == 0) {
        QCOMPARE(metadata->userName, QByteArray("root"));
        // An id without a passwd entry has no name and is kept numerically.
        QVERIFY(::lchown(path("file").constData(), 54321, 54321) == 0);
        const auto unnamed = m_fs.stat(path("file"));
        QVERIFY_RESULT(unnamed);
        QCOMPARE(unnamed->uid, quint32(54321));
        QVERIFY(unnamed->userName.isEmpty());
        QVERIFY(unnamed->groupName.isEmpty());
    }
}

void tst_FsRead::findsDataExtentsOfSparseFile()
{
    constexpr qint64 MiB = 1024 * 1024;
    const QByteArray data = pattern(MiB, 9);
    QVERIFY(makeSparse(path("sparse"), 100 * MiB, 50 * MiB, data));
    auto reader = m_fs.openForRead(path("sparse"));
    QVERIFY_RESULT(reader);
    QCOMPARE((*reader)->size(), 100 * MiB);
    const auto extents = (*reader)->dataExtents();
    QVERIFY_RESULT(extents);
    QCOMPARE(*extents, (QList<Extent> { Extent { 50 * MiB, MiB } }));
    const auto middle = (*reader)->readBytesAt(50 * MiB, MiB);
    QVERIFY_RESULT(middle);
    QCOMPARE(*middle, data);
    const auto hole = (*reader)->readBytesAt(10 * MiB, 4096);
    QVERIFY_RESULT(hole);
    QCOMPARE(*hole, QByteArray(4096, '\0'));

    QVERIFY(writeRaw(path("empty"), QByteArray()));
    auto emptyReader = m_fs.openForRead(path("empty"));
    QVERIFY_RESULT(emptyReader);
    const auto none = (*emptyReader)->dataExtents();
    QVERIFY_RESULT(none);
    QVERIFY(none->isEmpty());
}

void tst_FsRead::readsBeyondFourGibibytes()
{
    constexpr qint64 GiB = qint64(1024) * 1024 * 1024;
    const QByteArray straddling = pattern(8192, 4);
    const QByteArray far = pattern(65536, 5);
    QVERIFY(makeSparse(path("big"), 5 * GiB, 4 * GiB - 4096, straddling));
    QVERIFY(writeRawAt(path("big"), 4 * GiB + GiB / 2, far));

    auto reader = m_fs.openForRead(path("big"));
    QVERIFY_RESULT(reader);
    QCOMPARE((*reader)->size(), 5 * GiB);
    const auto across = (*reader)->readBytesAt(4 * GiB - 4096, 8192);
    QVERIFY_RESULT(across);
    QCOMPARE(*across, straddling);
    const auto beyond = (*reader)->readBytesAt(4 * GiB + GiB / 2, 65536);
    QVERIFY_RESULT(beyond);
    QCOMPARE(*beyond, far);
    const auto tail = (*reader)->readBytesAt(5 * GiB - 10, 100);
    QVERIFY_RESULT(tail);
    QCOMPARE(tail->size(), 10);

    const auto extents = (*reader)->dataExtents();
    QVERIFY_RESULT(extents);
    QCOMPARE(extents->size(), 2);
    QCOMPARE(extents->at(1).offset, 4 * GiB + GiB / 2);
    QVERIFY(lstatRaw(path("big")).st_blocks * 512 < 1024 * 1024); // costs no disk
}

void tst_FsRead::readsSequentiallyToEnd()
{
    const QByteArray content = pattern(100000, 6);
    QVERIFY(writeRaw(path("file"), content));
    auto reader = m_fs.openForRead(path("file"));
    QVERIFY_RESULT(reader);
    QByteArray collected;
    char buffer[30000];
    while (true) {
        const auto got = (*reader)->read(buffer, sizeof buffer);
        QVERIFY_RESULT(got);
        if (*got == 0)
            break;
        collected.append(buffer, *got);
    }
    QCOMPARE(collected, content);
}

void tst_FsRead::detectsChangeWhileReading_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<bool>("changed");
    QTest::newRow("nothing happens") << QStringLiteral("none") << false;
    QTest::newRow("data appended") << QStringLiteral("append") << true;
    QTest::newRow("truncated") << QStringLiteral("truncate") << true;
    QTest::newRow("rewritten in place, same size") << QStringLiteral("rewrite") << true;
    QTest::newRow("only the mtime moved") << QStringLiteral("mtime") << true;
    QTest::newRow("only the permissions changed (ctime moves)") << QStringLiteral("chmod") << true;
    QTest::newRow("read by someone else") << QStringLiteral("read") << false;
}

void tst_FsRead::detectsChangeWhileReading()
{
    QFETCH(QString, change);
    QFETCH(bool, changed);
    const QByteArray file = path("file");
    QVERIFY(writeRaw(file, pattern(10000, 1)));
    const struct timespec old[2] = { { 1000000, 5 }, { 1000000, 5 } };
    QVERIFY(::utimensat(AT_FDCWD, file.constData(), old, 0) == 0);

    auto reader = m_fs.openForRead(file);
    QVERIFY_RESULT(reader);
    QVERIFY_RESULT((*reader)->readBytesAt(0, 5000));
    if (change == u"append") {
        QVERIFY(writeRawAt(file, 10000, "more"));
    } else if (change == u"truncate") {
        QVERIFY(::truncate(file.constData(), 10) == 0);
    } else if (change == u"rewrite") {
        QVERIFY(writeRawAt(file, 0, pattern(10000, 2)));
    } else if (change == u"mtime") {
        const struct timespec moved[2] = { { 1000000, 5 }, { 1000000, 6 } };
        QVERIFY(::utimensat(AT_FDCWD, file.constData(), moved, 0) == 0);
    } else if (change == u"chmod") {
        QVERIFY(::chmod(file.constData(), 0600) == 0);
    } else if (change == u"read") {
        QCOMPARE(readRaw(file).size(), 10000);
    }
    const auto result = (*reader)->changedSinceOpen();
    QVERIFY_RESULT(result);
    QCOMPARE(*result, changed);
}

void tst_FsRead::vanishedFileIsNotFound()
{
    const QByteArray name("gone\n\xff");
    QVERIFY(writeRaw(path(name), "x"));
    const auto names = m_fs.listDirectory(rawPath(*m_dir));
    QVERIFY_RESULT(names);
    QCOMPARE(names->size(), 1);
    QVERIFY(::unlink(path(name).constData()) == 0);

    const auto metadata = m_fs.stat(path(names->first()));
    QVERIFY(!metadata);
    QCOMPARE(metadata.error().code(), ErrorCode::NotFound);
    QVERIFY2(metadata.error().message().contains(QStringLiteral("gone\\n\\xff")),
             qPrintable(metadata.error().message()));
    const auto reader = m_fs.openForRead(path(names->first()));
    QVERIFY(!reader);
    QCOMPARE(reader.error().code(), ErrorCode::NotFound);
}

void tst_FsRead::rejectsBadReads_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<Kura::ErrorCode>("expected");
    QTest::newRow("stat of a missing path") << QStringLiteral("stat") << QByteArray("missing") << ErrorCode::NotFound;
    QTest::newRow("list a missing directory") << QStringLiteral("list") << QByteArray("missing") << ErrorCode::NotFound;
    QTest::newRow("list a regular file") << QStringLiteral("list") << QByteArray("file") << ErrorCode::Io;
    QTest::newRow("list through a symlink") << QStringLiteral("list") << QByteArray("dirlink") << ErrorCode::InvalidArgument;
    QTest::newRow("read a directory") << QStringLiteral("read") << QByteArray("dir") << ErrorCode::InvalidArgument;
    QTest::newRow("read a fifo without hanging") << QStringLiteral("read") << QByteArray("fifo") << ErrorCode::InvalidArgument;
    QTest::newRow("read a missing file") << QStringLiteral("read") << QByteArray("missing") << ErrorCode::NotFound;
    QTest::newRow("read 1 TiB at once") << QStringLiteral("huge") << QByteArray("file") << ErrorCode::InvalidArgument;
    QTest::newRow("mount state of a file") << QStringLiteral("mounted") << QByteArray("file") << ErrorCode::InvalidArgument;
}

void tst_FsRead::rejectsBadReads()
{
    QFETCH(QString, operation);
    QFETCH(QByteArray, name);
    QFETCH(Kura::ErrorCode, expected);
    QVERIFY(writeRaw(path("file"), "x"));
    QVERIFY(::mkdir(path("dir").constData(), 0755) == 0);
    QVERIFY(::symlink("dir", path("dirlink").constData()) == 0);
    QVERIFY(::mkfifo(path("fifo").constData(), 0644) == 0);

    Error error;
    if (operation == u"stat") {
        error = errorOf(m_fs.stat(path(name)));
    } else if (operation == u"list") {
        error = errorOf(m_fs.listDirectory(path(name)));
    } else if (operation == u"read") {
        error = errorOf(m_fs.openForRead(path(name)));
    } else if (operation == u"huge") {
        auto reader = m_fs.openForRead(path(name));
        QVERIFY_RESULT(reader);
        error = errorOf((*reader)->readBytesAt(0, qint64(1) << 40));
    } else if (operation == u"mounted") {
        error = errorOf(m_fs.isMounted(path(name)));
    }
    QCOMPARE(error.code(), expected);
    QVERIFY2(operation == u"huge" || error.message().contains(QString::fromUtf8(name)),
             qPrintable(error.message()));
}


namespace {
// Pages of the open file `fd` (of `size` bytes) that are in the page cache.
qsizetype residentPages(int fd, qsizetype size)
{
    void *map = ::mmap(nullptr, size_t(size), PROT_READ, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED)
        return -1;
    const qsizetype pages = (size + ::sysconf(_SC_PAGESIZE) - 1) / ::sysconf(_SC_PAGESIZE);
    std::vector<unsigned char> vector(size_t(pages), 0);
    const int ok = ::mincore(map, size_t(size), vector.data());
    ::munmap(map, size_t(size));
    if (ok != 0)
        return -1;
    return std::count_if(vector.begin(), vector.end(), [](unsigned char v) { return v & 1; });
}
} // namespace

void tst_FsRead::prefetchBringsAFileIntoTheCache()
{
    const qsizetype size = 1024 * 1024;
    QVERIFY(writeFile(QFile::decodeName(path("cold")), QByteArray(size, 'c')));
    const int fd = ::open(path("cold").constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(fd >= 0);
    ::fdatasync(fd);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED); // clean pages leave the cache
    const qsizetype all = (size + ::sysconf(_SC_PAGESIZE) - 1) / ::sysconf(_SC_PAGESIZE);
    const qsizetype before = residentPages(fd, size);
    if (before < 0 || before == all) {
        ::close(fd);
        QSKIP("this file system keeps the file cached (or mincore is unavailable); nothing to observe");
    }
    m_fs.prefetch(path("cold"), size);
    QTRY_COMPARE(residentPages(fd, size), all);
    ::close(fd);
    // Not a regular file, or gone: no error, nothing happens.
    m_fs.prefetch(path("missing"), 10);
    m_fs.prefetch(rawPath(*m_dir), 10);
}

QTEST_GUILESS_MAIN(tst_FsRead)
#include "tst_fsread.moc"
