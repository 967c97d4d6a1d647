// Metadata restore of kura_fs: modes, nanosecond times, xattrs, owner by name or id,
// warnings instead of failures, and directories finished after their contents.

#include "fshelpers.h"

#include <store/fs/pathtext.h>
#include <store/fs/posixfilesystem.h>
#include <store/fs/restoreorder.h>

#include <testsupport.h>

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <grp.h>
#include <sys/wait.h>
#include <sys/xattr.h>

using namespace Kura;
using namespace Kura::Fs;
using namespace Kura::Test;

Q_DECLARE_METATYPE(Kura::Fs::NodeType)

class tst_FsMetadata : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void restoresModesAndTimes_data();
    void restoresModesAndTimes();
    void restoresXattrs();
    void restoresOwnerByNameThenId();
    void warnsInsteadOfFailing();
    void ownerIsAWarningWithoutRoot();
    void finishesDirectoriesAfterTheirContents();

private:
    QByteArray path(const QByteArray &name) const { return joinPath(rawPath(*m_dir), name); }

    std::unique_ptr<QTemporaryDir> m_dir;
    PosixFileSystem m_fs;
};

void tst_FsMetadata::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_FsMetadata::cleanup()
{
    QVERIFY(removeContentsRaw(rawPath(*m_dir)));
    m_dir.reset();
}

void tst_FsMetadata::restoresModesAndTimes_data()
{
    QTest::addColumn<NodeType>("type");
    QTest::addColumn<quint32>("mode");
    QTest::addColumn<qint64>("atimeNs");
    QTest::addColumn<qint64>("mtimeNs");
    QTest::newRow("file with nanoseconds") << NodeType::File << quint32(0640) << qint64(1700000000123456789) << qint64(1600000000987654321);
    QTest::newRow("setuid file") << NodeType::File << quint32(04755) << qint64(1) << qint64(2);
    QTest::newRow("mode 000") << NodeType::File << quint32(0) << qint64(1000000000000000001) << qint64(999);
    QTest::newRow("times before 1970") << NodeType::File << quint32(0644) << qint64(-1000000001) << qint64(-86400000000001);
    QTest::newRow("setgid directory") << NodeType::Directory << quint32(02775) << qint64(1500000000000000007) << qint64(1500000000000000008);
    QTest::newRow("sticky directory") << NodeType::Directory << quint32(01777) << qint64(42) << qint64(43);
    QTest::newRow("symlink times") << NodeType::Symlink << quint32(0777) << qint64(1234567890000000123) << qint64(1234567890000000456);
    QTest::newRow("fifo") << NodeType::Fifo << quint32(0620) << qint64(5) << qint64(6);
}

void tst_FsMetadata::restoresModesAndTimes()
{
    QFETCH(NodeType, type);
    QFETCH(quint32, mode);
    QFETCH(qint64, atimeNs);
    QFETCH(qint64, mtimeNs);
    Metadata wanted;
    wanted.type = type;
    wanted.mode = mode;
    wanted.uid = ::geteuid();
    wanted.gid = ::getegid();
    wanted.atimeNs = atimeNs;
    wanted.mtimeNs = mtimeNs;
    wanted.symlinkTarget = type == NodeType::Symlink ? QByteArray("target\n\xff") : QByteArray();
    const QByteArray node = path("node");
    switch (type) {
    case NodeType::File: QVERIFY_RESULT(m_fs.writeAtomically(node, "data")); break;
    case NodeType::Directory: QVERIFY_RESULT(m_fs.createDirectory(node, 0700)); break;
    case NodeType::Symlink: QVERIFY_RESULT(m_fs.createSymlink(wanted.symlinkTarget, node)); break;
    default: QVERIFY_RESULT(m_fs.createSpecial(node, wanted)); break;
    }
    const auto warnings = m_fs.applyMetadata(node, wanted);
    QVERIFY_RESULT(warnings);
    QVERIFY(warnings->isEmpty());

    const auto restored = m_fs.stat(node);
    QVERIFY_RESULT(restored);
    QCOMPARE(restored->type, type);
    QCOMPARE(restored->mode, mode);
    QCOMPARE(restored->atimeNs, atimeNs);
    QCOMPARE(restored->mtimeNs, mtimeNs);
    QCOMPARE(restored->symlinkTarget, wanted.symlinkTarget);
}

void tst_FsMetadata::restoresXattrs()
{
    QVERIFY(writeRaw(path("probe"), "x"));
    if (::lsetxattr(path("probe").constData(), "user.probe", "1", 1, 0) != 0 && errno == ENOTSUP)
        QSKIP("the temporary directory's file system does not support user xattrs (ENOTSUP)");
    Metadata wanted;
    wanted.mode = 0600;
    wanted.uid = ::geteuid();
    wanted.gid = ::getegid();
    wanted.xattrs = { Xattr { "user.a", QByteArray("\x00\x01", 2) }, Xattr { "user.b", "text\n" },
                      Xattr { "user.empty", QByteArray() } };
    if (::geteuid() == 0)
        wanted.xattrs.append(Xattr { "trusted.kura", "root only" });
    QVERIFY_RESULT(m_fs.writeAtomically(path("file"), "x"));
    const auto warnings = m_fs.applyMetadata(path("file"), wanted);
    QVERIFY_RESULT(warnings);
    QVERIFY(warnings->isEmpty());
    const auto restored = m_fs.stat(path("file"));
    QVERIFY_RESULT(restored);
    QList<Xattr> sorted = wanted.xattrs;
    std::sort(sorted.begin(), sorted.end(), [](const Xattr &a, const Xattr &b) { return a.name < b.name; });
    QList<Xattr> got;
    for (const Xattr &xattr : restored->xattrs) {
        if (xattr.name.startsWith("user.") || xattr.name.startsWith("trusted."))
            got.append(xattr);
    }
    QCOMPARE(got, sorted);
}

void tst_FsMetadata::restoresOwnerByNameThenId()
{
    if (::geteuid() != 0)
        QSKIP("giving files to other users needs root");
    QVERIFY(writeRaw(path("by id"), "x"));
    QVERIFY(writeRaw(path("by name"), "x"));
    Metadata numeric;
    numeric.mode = 0644;
    numeric.uid = 43210;
    numeric.gid = 43211;
    numeric.userName = "no-such-user-on-this-machine";
    QVERIFY_RESULT(m_fs.applyMetadata(path("by id"), numeric));
    QCOMPARE(lstatRaw(path("by id")).st_uid, uid_t(43210));
    QCOMPARE(lstatRaw(path("by id")).st_gid, gid_t(43211));

    // "root" exists here, so the name wins over the source machine's id.
    Metadata named = numeric;
    named.userName = "root";
    named.groupName = "root";
    QVERIFY_RESULT(m_fs.applyMetadata(path("by name"), named));
    QCOMPARE(lstatRaw(path("by name")).st_uid, uid_t(0));
    QCOMPARE(lstatRaw(path("by name")).st_gid, gid_t(0));

    // chown before chmod: the setuid bit survives.
    Metadata setuid = numeric;
    setuid.mode = 04755;
    QVERIFY_RESULT(m_fs.applyMetadata(path("by name"), setuid));
    QCOMPARE(lstatRaw(path("by name")).st_mode & 07777, mode_t(04755));
}

void tst_FsMetadata::warnsInsteadOfFailing()
{
    // Linux refuses user.* xattrs on symlinks: a warning, and the times still get restored.
    QVERIFY_RESULT(m_fs.createSymlink("somewhere", path("link")));
    Metadata wanted;
    wanted.type = NodeType::Symlink;
    wanted.uid = ::geteuid();
    wanted.gid = ::getegid();
    wanted.mtimeNs = 1111111111222222222;
    wanted.atimeNs = 1111111111333333333;
    wanted.xattrs = { Xattr { "user.refused", "x" } };
    const auto warnings = m_fs.applyMetadata(path("link"), wanted);
    QVERIFY_RESULT(warnings);
    QCOMPARE(warnings->size(), 1);
    QVERIFY2(warnings->first().message().contains(QStringLiteral("user.refused")),
             qPrintable(warnings->first().message()));
    QCOMPARE(lstatRaw(path("link")).st_mtim.tv_nsec, 222222222L);

    const auto missing = m_fs.applyMetadata(path("missing"), wanted);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code(), ErrorCode::NotFound);
}

// Applies `wanted` to `file` with the privileges of the unprivileged user `nobody` and
// returns a code: 0 success with one owner warning and the mode set, else the failed step.
static int applyAsUnprivileged(const QByteArray &file, const Metadata &wanted, uid_t uid)
{
    if (::setgroups(0, nullptr) != 0 || ::setresgid(uid, uid, uid) != 0
        || ::setresuid(uid, uid, uid) != 0)
        return 10;
    PosixFileSystem fs;
    const auto warnings = fs.applyMetadata(file, wanted);
    if (!warnings)
        return 11;
    if (warnings->size() != 1 || warnings->first().code() != ErrorCode::Forbidden)
        return 12;
    if ((lstatRaw(file).st_mode & 07777) != mode_t(wanted.mode))
        return 13;
    return lstatRaw(file).st_mtim.tv_nsec == wanted.mtimeNs % 1000000000 ? 0 : 14;
}

void tst_FsMetadata::ownerIsAWarningWithoutRoot()
{
    if (::geteuid() != 0)
        QSKIP("needs root to switch to an unprivileged user for the check");
    // A file of an unprivileged user, restored with root as owner by that same user.
    constexpr uid_t Unprivileged = 65534;
    QVERIFY(::chmod(rawPath(*m_dir).constData(), 0755) == 0);
    QVERIFY(writeRaw(path("mine"), "x"));
    QVERIFY(::lchown(path("mine").constData(), Unprivileged, Unprivileged) == 0);
    Metadata wanted;
    wanted.mode = 0604;
    wanted.uid = 0;
    wanted.gid = 0;
    wanted.userName = "root";
    wanted.mtimeNs = 1500000000123456789;
    wanted.atimeNs = 1500000000000000001;
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0)
        ::_exit(applyAsUnprivileged(path("mine"), wanted, Unprivileged));
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 0);
    QCOMPARE(lstatRaw(path("mine")).st_uid, Unprivileged); // owner untouched
}

void tst_FsMetadata::finishesDirectoriesAfterTheirContents()
{
    Metadata outer;
    outer.type = NodeType::Directory;
    outer.mode = 0555; // read-only: contents must be in place before it is applied
    outer.uid = ::geteuid();
    outer.gid = ::getegid();
    outer.mtimeNs = 1300000000000000001;
    outer.atimeNs = 1300000000000000002;
    Metadata inner = outer;
    inner.mode = 02750;
    inner.mtimeNs = 1400000000000000003;

    DirectoryFinisher finisher;
    QVERIFY_RESULT(m_fs.createDirectory(path("outer"), 0700));
    finisher.add(path("outer"), outer);
    QVERIFY_RESULT(m_fs.createDirectory(path("outer/inner"), 0700));
    finisher.add(path("outer/inner"), inner);
    QVERIFY_RESULT(m_fs.writeAtomically(path("outer/inner/file"), "x"));
    QVERIFY_RESULT(m_fs.writeAtomically(path("outer/file"), "y"));
    const DirectoryFinisher::Report report = finisher.finish(m_fs);
    QVERIFY(report.errors.isEmpty());
    QVERIFY(report.warnings.isEmpty());

    const auto outerBack = m_fs.stat(path("outer"));
    const auto innerBack = m_fs.stat(path("outer/inner"));
    QVERIFY_RESULT(outerBack);
    QVERIFY_RESULT(innerBack);
    QCOMPARE(outerBack->mtimeNs, outer.mtimeNs);
    QCOMPARE(outerBack->mode, outer.mode);
    QCOMPARE(innerBack->mtimeNs, inner.mtimeNs);
    QCOMPARE(innerBack->mode, inner.mode);
    QVERIFY(::chmod(path("outer").constData(), 0755) == 0); // let QTemporaryDir clean up as non-root
}

QTEST_GUILESS_MAIN(tst_FsMetadata)
#include "tst_fsmetadata.moc"
