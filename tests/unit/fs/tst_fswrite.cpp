// Writing side of kura_fs: sparse writes, creating nodes, atomic replace, overwrite policy.

#include "fshelpers.h"

#include <store/fs/pathtext.h>
#include <store/fs/posixfilesystem.h>

#include <testsupport.h>

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/sysmacros.h>

using namespace Kura;
using namespace Kura::Fs;
using namespace Kura::Test;

Q_DECLARE_METATYPE(Kura::ErrorCode)
Q_DECLARE_METATYPE(Kura::Fs::NodeType)
Q_DECLARE_METATYPE(Kura::Fs::OverwritePolicy)

namespace {
constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 GiB = 1024 * MiB;
}

class tst_FsWrite : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void restoresSparseFileWithHoles();
    void skipsZeroBlocksWhenAsked();
    void writesBeyondFourGibibytes();
    void createsLinksAndSpecials();
    void writesAtomically_data();
    void writesAtomically();
    void atomicWriteLeavesNoTemporaryOnFailure_data();
    void atomicWriteLeavesNoTemporaryOnFailure();
    void appliesOverwritePolicy_data();
    void appliesOverwritePolicy();
    void rejectsBadWrites_data();
    void rejectsBadWrites();

private:
    QByteArray path(const QByteArray &name) const { return joinPath(rawPath(*m_dir), name); }
    // Copies `from` to `to` through dataExtents() and openForWrite(), as restore does.
    bool copyThroughSeam(const QByteArray &from, const QByteArray &to);

    std::unique_ptr<QTemporaryDir> m_dir;
    PosixFileSystem m_fs;
};

void tst_FsWrite::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_FsWrite::cleanup()
{
    QVERIFY(removeContentsRaw(rawPath(*m_dir)));
    m_dir.reset();
}

bool tst_FsWrite::copyThroughSeam(const QByteArray &from, const QByteArray &to)
{
    auto reader = m_fs.openForRead(from);
    auto writer = m_fs.openForWrite(to, OpenMode::CreateExclusive);
    if (!reader || !writer)
        return false;
    const auto extents = (*reader)->dataExtents();
    if (!extents)
        return false;
    for (const Extent &extent : *extents) {
        for (qint64 done = 0; done < extent.length; done += 4 * MiB) {
            const auto bytes = (*reader)->readBytesAt(extent.offset + done, std::min(4 * MiB, extent.length - done));
            if (!bytes || !(*writer)->writeAt(extent.offset + done, *bytes))
                return false;
        }
    }
    return bool((*writer)->finish((*reader)->size(), true));
}

void tst_FsWrite::restoresSparseFileWithHoles()
{
    const QByteArray data = pattern(MiB, 2);
    QVERIFY(makeSparse(path("original"), 100 * MiB, 50 * MiB, data));
    QVERIFY(copyThroughSeam(path("original"), path("copy")));

    const struct stat original = lstatRaw(path("original"));
    const struct stat copy = lstatRaw(path("copy"));
    QCOMPARE(copy.st_size, qint64(100 * MiB));
    // Holes stay holes: the copy occupies about 1 MiB like the original, not 100 MiB.
    QVERIFY2(copy.st_blocks <= 2 * original.st_blocks + 64,
             qPrintable(QStringLiteral("%1 vs %2 blocks").arg(copy.st_blocks).arg(original.st_blocks)));
    QVERIFY(copy.st_blocks * 512 >= MiB);
    QCOMPARE(readRaw(path("copy")), readRaw(path("original")));
}

void tst_FsWrite::skipsZeroBlocksWhenAsked()
{
    // 8 MiB of zeros with one data block at an unaligned place, written in one call.
    QByteArray buffer(8 * MiB, '\0');
    buffer.replace(5 * MiB + 100, 10, "0123456789");
    auto writer = m_fs.openForWrite(path("image"), OpenMode::CreateExclusive);
    QVERIFY_RESULT(writer);
    QVERIFY_RESULT((*writer)->writeAtSkippingZeros(1000, buffer));
    QVERIFY_RESULT((*writer)->finish(1000 + buffer.size(), false));
    QCOMPARE(readRaw(path("image")), QByteArray(1000, '\0') + buffer);
    QVERIFY(lstatRaw(path("image")).st_blocks * 512 <= 16 * 1024);

    // Written in place over old contents, zeros must really be written.
    QVERIFY(writeRaw(path("old"), QByteArray(64 * 1024, 'o')));
    auto inPlace = m_fs.openForWrite(path("old"), OpenMode::ExistingInPlace);
    QVERIFY_RESULT(inPlace);
    QVERIFY_RESULT((*inPlace)->writeAtSkippingZeros(0, QByteArray(64 * 1024, '\0')));
    QVERIFY_RESULT((*inPlace)->finish(64 * 1024, true));
    QCOMPARE(readRaw(path("old")), QByteArray(64 * 1024, '\0'));
}

void tst_FsWrite::writesBeyondFourGibibytes()
{
    const QByteArray far = pattern(100000, 8);
    auto writer = m_fs.openForWrite(path("big"), OpenMode::CreateExclusive);
    QVERIFY_RESULT(writer);
    QVERIFY_RESULT((*writer)->writeAt(4 * GiB + 12345, far));
    QVERIFY_RESULT((*writer)->finish(6 * GiB, true));
    QCOMPARE(lstatRaw(path("big")).st_size, 6 * GiB);
    QVERIFY(lstatRaw(path("big")).st_blocks * 512 < 4 * MiB);

    auto reader = m_fs.openForRead(path("big"));
    QVERIFY_RESULT(reader);
    const auto back = (*reader)->readBytesAt(4 * GiB + 12345, far.size());
    QVERIFY_RESULT(back);
    QCOMPARE(*back, far);
    QVERIFY(!(*writer)->writeAt(0, "late")); // a finished writer refuses writes
    QVERIFY(!(*writer)->finish(6 * GiB, false));
}

void tst_FsWrite::createsLinksAndSpecials()
{
    QVERIFY_RESULT(m_fs.writeAtomically(path("first"), "content"));
    QVERIFY_RESULT(m_fs.createHardLink(path("first"), path("second\nname")));
    QCOMPARE(lstatRaw(path("first")).st_ino, lstatRaw(path("second\nname")).st_ino);
    QCOMPARE(lstatRaw(path("first")).st_nlink, nlink_t(2));

    QVERIFY_RESULT(m_fs.createSymlink("dangling/target", path("link")));
    QVERIFY_RESULT(m_fs.createHardLink(path("link"), path("link2"))); // links the symlink itself
    QVERIFY(S_ISLNK(lstatRaw(path("link2")).st_mode));

    Metadata fifo;
    fifo.type = NodeType::Fifo;
    fifo.mode = 0640;
    QVERIFY_RESULT(m_fs.createSpecial(path("fifo"), fifo));
    const auto fifoBack = m_fs.stat(path("fifo"));
    QVERIFY_RESULT(fifoBack);
    QCOMPARE(fifoBack->type, NodeType::Fifo);

    Metadata device;
    device.type = NodeType::CharDevice;
    device.mode = 0600;
    device.rdev = makedev(1, 3);
    const Status created = m_fs.createSpecial(path("null"), device);
    if (!created && created.error().code() == ErrorCode::Forbidden)
        QSKIP("creating device nodes needs CAP_MKNOD");
    QVERIFY_RESULT(created);
    const auto deviceBack = m_fs.stat(path("null"));
    QVERIFY_RESULT(deviceBack);
    QCOMPARE(deviceBack->type, NodeType::CharDevice);
    QCOMPARE(deviceBack->rdev, device.rdev);
}

void tst_FsWrite::writesAtomically_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("existing");
    QTest::addColumn<quint32>("mode");
    QTest::newRow("new file, default mode") << QByteArray("index") << false << quint32(0600);
    QTest::newRow("replaces an existing file") << QByteArray("config") << true << quint32(0644);
    QTest::newRow("name with newline") << QByteArray("a\nb") << false << quint32(0640);
    QTest::newRow("255-byte name") << QByteArray(255, 'x') << true << quint32(0600);
}

void tst_FsWrite::writesAtomically()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, existing);
    QFETCH(quint32, mode);
    if (existing)
        QVERIFY(writeRaw(path(name), "old contents that are longer"));
    const QByteArray data = pattern(300000, 7);
    QVERIFY_RESULT(mode == 0600 ? m_fs.writeAtomically(path(name), data)
                                : m_fs.writeAtomically(path(name), data, mode));
    QCOMPARE(readRaw(path(name)), data);
    QCOMPARE(lstatRaw(path(name)).st_mode & 07777, mode_t(mode));
    const auto names = m_fs.listDirectory(rawPath(*m_dir));
    QVERIFY_RESULT(names);
    QCOMPARE(*names, QList<QByteArray> { name }); // no temporary file left behind
}

void tst_FsWrite::atomicWriteLeavesNoTemporaryOnFailure_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("directoryToCheck");
    // Tests may run as root, so a read-only directory would not stop the write.
    QTest::newRow("parent is a file") << QByteArray("file/target") << QByteArray("");
    QTest::newRow("target is a directory (rename fails)") << QByteArray("dir") << QByteArray("");
    QTest::newRow("target is a non-empty directory in a subfolder") << QByteArray("dir/inner") << QByteArray("dir");
    QTest::newRow("parent does not exist") << QByteArray("missing/target") << QByteArray("");
}

void tst_FsWrite::atomicWriteLeavesNoTemporaryOnFailure()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, directoryToCheck);
    QVERIFY(writeRaw(path("file"), "keep"));
    QVERIFY(::mkdir(path("dir").constData(), 0755) == 0);
    QVERIFY(::mkdir(path("dir/inner").constData(), 0755) == 0);
    QVERIFY(writeRaw(path("dir/inner/child"), "keep"));
    const auto before = m_fs.listDirectory(path(directoryToCheck));
    QVERIFY_RESULT(before);

    const Status written = m_fs.writeAtomically(path(target), "new data");
    QVERIFY(!written);
    QVERIFY2(written.error().message().contains(QString::fromUtf8(target)),
             qPrintable(written.error().message()));
    const auto after = m_fs.listDirectory(path(directoryToCheck));
    QVERIFY_RESULT(after);
    QCOMPARE(*after, *before);
    QCOMPARE(readRaw(path("file")), QByteArray("keep"));
}

void tst_FsWrite::appliesOverwritePolicy_data()
{
    QTest::addColumn<QString>("existing");
    QTest::addColumn<NodeType>("incoming");
    QTest::addColumn<OverwritePolicy>("policy");
    QTest::addColumn<int>("action");
    QTest::addColumn<QByteArray>("chosen");
    QTest::addColumn<bool>("oldKept");
    const int create = int(TargetDecision::Action::Create);
    const int merge = int(TargetDecision::Action::Merge);
    const int skip = int(TargetDecision::Action::Skip);
    QTest::newRow("nothing there") << QString() << NodeType::File << OverwritePolicy::Skip << create << QByteArray("t") << false;
    QTest::newRow("skip keeps a file") << QStringLiteral("file") << NodeType::File << OverwritePolicy::Skip << skip << QByteArray("t") << true;
    QTest::newRow("overwrite removes a file") << QStringLiteral("file") << NodeType::File << OverwritePolicy::Overwrite << create << QByteArray("t") << false;
    QTest::newRow("overwrite removes a symlink, not its target") << QStringLiteral("symlink") << NodeType::File << OverwritePolicy::Overwrite << create << QByteArray("t") << false;
    QTest::newRow("keep both picks .restored-1") << QStringLiteral("file") << NodeType::File << OverwritePolicy::KeepBoth << create << QByteArray("t.restored-1") << true;
    QTest::newRow("keep both skips a taken -1") << QStringLiteral("file and -1") << NodeType::File << OverwritePolicy::KeepBoth << create << QByteArray("t.restored-2") << true;
    QTest::newRow("directory onto directory merges") << QStringLiteral("dir") << NodeType::Directory << OverwritePolicy::KeepBoth << merge << QByteArray("t") << true;
    QTest::newRow("overwrite a file by a directory") << QStringLiteral("file") << NodeType::Directory << OverwritePolicy::Overwrite << create << QByteArray("t") << false;
    QTest::newRow("overwrite a directory by a file is refused") << QStringLiteral("dir") << NodeType::File << OverwritePolicy::Overwrite << -1 << QByteArray() << true;
}

void tst_FsWrite::appliesOverwritePolicy()
{
    QFETCH(QString, existing);
    QFETCH(NodeType, incoming);
    QFETCH(OverwritePolicy, policy);
    QFETCH(int, action);
    QFETCH(QByteArray, chosen);
    QFETCH(bool, oldKept);
    QVERIFY(writeRaw(path("outside"), "must survive"));
    if (existing.startsWith(u"file"))
        QVERIFY(writeRaw(path("t"), "old"));
    if (existing.endsWith(u"-1"))
        QVERIFY(writeRaw(path("t.restored-1"), "older"));
    if (existing == u"symlink")
        QVERIFY(::symlink("outside", path("t").constData()) == 0);
    if (existing == u"dir")
        QVERIFY(::mkdir(path("t").constData(), 0755) == 0);

    const auto decision = m_fs.prepareTarget(path("t"), incoming, policy);
    if (action < 0) {
        QVERIFY(!decision);
        QCOMPARE(decision.error().code(), ErrorCode::Conflict);
    } else {
        QVERIFY_RESULT(decision);
        QCOMPARE(int(decision->action), action);
        QCOMPARE(decision->path, path(chosen));
    }
    QCOMPARE(exists(path("t")), oldKept);
    QCOMPARE(readRaw(path("outside")), QByteArray("must survive"));
}

void tst_FsWrite::rejectsBadWrites_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<Kura::ErrorCode>("expected");
    QTest::newRow("create exclusive over a file") << QStringLiteral("exclusive") << ErrorCode::Conflict;
    QTest::newRow("replace a directory") << QStringLiteral("replace dir") << ErrorCode::Conflict;
    QTest::newRow("write in place to a missing file") << QStringLiteral("in place missing") << ErrorCode::NotFound;
    QTest::newRow("write in place to a fifo") << QStringLiteral("in place fifo") << ErrorCode::InvalidArgument;
    QTest::newRow("directory over a file") << QStringLiteral("mkdir over file") << ErrorCode::Conflict;
    QTest::newRow("symlink over a file") << QStringLiteral("symlink over file") << ErrorCode::Conflict;
    QTest::newRow("special node of type file") << QStringLiteral("special file") << ErrorCode::Unsupported;
    QTest::newRow("hard link to a missing file") << QStringLiteral("link missing") << ErrorCode::NotFound;
    QTest::newRow("path with a NUL byte") << QStringLiteral("nul path") << ErrorCode::InvalidArgument;
    QTest::newRow("symlink target with a NUL byte") << QStringLiteral("nul target") << ErrorCode::InvalidArgument;
    QTest::newRow("empty path") << QStringLiteral("empty path") << ErrorCode::InvalidArgument;
}

void tst_FsWrite::rejectsBadWrites()
{
    QFETCH(QString, operation);
    QFETCH(Kura::ErrorCode, expected);
    QVERIFY(writeRaw(path("file"), "x"));
    QVERIFY(::mkdir(path("dir").constData(), 0755) == 0);
    QVERIFY(::mkfifo(path("fifo").constData(), 0644) == 0);
    Error error;
    if (operation == u"exclusive")
        error = errorOf(m_fs.openForWrite(path("file"), OpenMode::CreateExclusive));
    else if (operation == u"replace dir")
        error = errorOf(m_fs.openForWrite(path("dir"), OpenMode::ReplaceExisting));
    else if (operation == u"in place missing")
        error = errorOf(m_fs.openForWrite(path("missing"), OpenMode::ExistingInPlace));
    else if (operation == u"in place fifo")
        error = errorOf(m_fs.openForWrite(path("fifo"), OpenMode::ExistingInPlace));
    else if (operation == u"mkdir over file")
        error = errorOf(m_fs.createDirectory(path("file"), 0755));
    else if (operation == u"symlink over file")
        error = errorOf(m_fs.createSymlink("x", path("file")));
    else if (operation == u"special file")
        error = errorOf(m_fs.createSpecial(path("new"), Metadata()));
    else if (operation == u"link missing")
        error = errorOf(m_fs.createHardLink(path("missing"), path("new")));
    else if (operation == u"nul path") // must not write to "file" (the bytes before the NUL)
        error = errorOf(m_fs.writeAtomically(path("file") + QByteArray("\0x", 2), "new"));
    else if (operation == u"nul target")
        error = errorOf(m_fs.createSymlink(QByteArray("a\0b", 3), path("new")));
    else if (operation == u"empty path")
        error = errorOf(m_fs.stat(QByteArray()));
    QCOMPARE(error.code(), expected);
    QCOMPARE(readRaw(path("file")), QByteArray("x"));
    QVERIFY(!exists(path("new")));
}

QTEST_GUILESS_MAIN(tst_FsWrite)
#include "tst_fswrite.moc"
