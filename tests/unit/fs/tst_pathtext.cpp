// Raw-path helpers and the restore-order helpers of kura_fs (no file system needed).

#include <store/fs/pathtext.h>
#include <store/fs/restoreorder.h>

#include <testsupport.h>

#include <QTest>

using namespace Kura;
using namespace Kura::Fs;

namespace {

// A FileSystem that only records the order of applyMetadata() calls.
class RecordingFileSystem final : public FileSystem
{
public:
    QList<QByteArray> applied;
    QByteArray failingPath;

    Result<Metadata> stat(const QByteArray &) override { return Metadata(); }
    Result<Metadata> statBasic(const QByteArray &) override { return Metadata(); }
    Result<QList<QByteArray>> listDirectory(const QByteArray &) override { return QList<QByteArray>(); }
    Result<std::unique_ptr<FileReader>> openForRead(const QByteArray &) override
    {
        return fail(ErrorCode::Unsupported, QStringLiteral("not recorded"));
    }
    Result<bool> isMounted(const QByteArray &) override { return false; }
    Result<TargetDecision> prepareTarget(const QByteArray &path, NodeType, OverwritePolicy) override
    {
        return TargetDecision { TargetDecision::Action::Create, path };
    }
    Status createDirectory(const QByteArray &, quint32) override { return {}; }
    Status createSymlink(const QByteArray &, const QByteArray &) override { return {}; }
    Status createHardLink(const QByteArray &, const QByteArray &) override { return {}; }
    Status createSpecial(const QByteArray &, const Metadata &) override { return {}; }
    Result<std::unique_ptr<FileWriter>> openForWrite(const QByteArray &, OpenMode) override
    {
        return fail(ErrorCode::Unsupported, QStringLiteral("not recorded"));
    }
    Status writeAtomically(const QByteArray &, const QByteArray &, quint32) override { return {}; }
    Result<QList<Error>> applyMetadata(const QByteArray &path, const Metadata &,
                                       const ApplyOptions &) override
    {
        applied.append(path);
        if (path == failingPath)
            return fail(ErrorCode::NotFound, QStringLiteral("gone"));
        return QList<Error> { Error(ErrorCode::Forbidden, QStringLiteral("owner of ") + QString::fromUtf8(path)) };
    }
};

} // namespace

class tst_PathText : public QObject
{
    Q_OBJECT
private slots:
    void displaysAnyPathUnambiguously_data();
    void displaysAnyPathUnambiguously();
    void splitsAndJoinsPaths_data();
    void splitsAndJoinsPaths();
    void keepBothCandidatesKeepTheName();
    void finishesDirectoriesDeepestFirst();
    void ordersPathsAsTheWalkGoes();
};

void tst_PathText::displaysAnyPathUnambiguously_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("shown");
    QTest::newRow("plain") << QByteArray("/srv/data.txt") << QStringLiteral("/srv/data.txt");
    QTest::newRow("newline and tab") << QByteArray("a\nb\tc") << QStringLiteral("a\\nb\\tc");
    QTest::newRow("backslash is escaped") << QByteArray("a\\nb") << QStringLiteral("a\\\\nb");
    QTest::newRow("valid utf-8 kept") << QByteArray("caf\xc3\xa9") << QStringLiteral("caf\u00e9");
    QTest::newRow("latin-1 byte escaped") << QByteArray("caf\xe9") << QStringLiteral("caf\\xe9");
    QTest::newRow("overlong utf-8 escaped") << QByteArray("\xc0\xaf") << QStringLiteral("\\xc0\\xaf");
    QTest::newRow("surrogate escaped") << QByteArray("\xed\xa0\x80") << QStringLiteral("\\xed\\xa0\\x80");
    QTest::newRow("truncated sequence at end") << QByteArray("x\xe3\x83") << QStringLiteral("x\\xe3\\x83");
    QTest::newRow("4-byte emoji kept") << QByteArray("\xf0\x9f\x92\xbe") << QString::fromUtf8("\xf0\x9f\x92\xbe");
    QTest::newRow("delete and escape bytes") << QByteArray("\x7f\x1b") << QStringLiteral("\\x7f\\x1b");
}

void tst_PathText::displaysAnyPathUnambiguously()
{
    QFETCH(QByteArray, path);
    QFETCH(QString, shown);
    QCOMPARE(displayPath(path), shown);
}

void tst_PathText::splitsAndJoinsPaths_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("parent");
    QTest::addColumn<QByteArray>("base");
    QTest::addColumn<QByteArray>("joined");
    QTest::newRow("nested") << QByteArray("/a/b/c") << QByteArray("/a/b") << QByteArray("c") << QByteArray("/a/b/c");
    QTest::newRow("top level") << QByteArray("/a") << QByteArray("/") << QByteArray("a") << QByteArray("/a");
    QTest::newRow("relative") << QByteArray("name") << QByteArray(".") << QByteArray("name") << QByteArray("./name");
    QTest::newRow("trailing slash") << QByteArray("/a/b/") << QByteArray("/a") << QByteArray("b") << QByteArray("/a/b");
    QTest::newRow("newline in name") << QByteArray("d/x\ny") << QByteArray("d") << QByteArray("x\ny") << QByteArray("d/x\ny");
}

void tst_PathText::splitsAndJoinsPaths()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, parent);
    QFETCH(QByteArray, base);
    QFETCH(QByteArray, joined);
    QCOMPARE(parentPath(path), parent);
    QCOMPARE(baseName(path), base);
    QCOMPARE(joinPath(parent, base), joined);
}

void tst_PathText::keepBothCandidatesKeepTheName()
{
    QCOMPARE(keepBothCandidate("/r/photo.jpg", 1), QByteArray("/r/photo.jpg.restored-1"));
    QCOMPARE(keepBothCandidate("/r/dir/", 12), QByteArray("/r/dir.restored-12"));
    QCOMPARE(keepBothCandidate("\xff", 2), QByteArray("\xff.restored-2"));
    // Never longer than NAME_MAX: a 255-byte name loses its tail to make room.
    const QByteArray longest = keepBothCandidate("/r/" + QByteArray(255, 'n'), 3);
    QCOMPARE(longest, "/r/" + QByteArray(255 - 11, 'n') + ".restored-3");
}

void tst_PathText::finishesDirectoriesDeepestFirst()
{
    RecordingFileSystem fs;
    fs.failingPath = "/r/a-x";
    DirectoryFinisher finisher;
    for (const char *path : { "/r", "/r/a", "/r/a/b", "/r/a-x", "/r/a/b/c", "/r/z" })
        finisher.add(path, Metadata());
    QCOMPARE(finisher.pendingCount(), 6);
    const DirectoryFinisher::Report report = finisher.finish(fs);
    // Every directory comes before its parent; each is applied once.
    QCOMPARE(fs.applied.size(), 6);
    for (int i = 0; i < fs.applied.size(); ++i) {
        for (int j = i + 1; j < fs.applied.size(); ++j)
            QVERIFY2(!fs.applied.at(j).startsWith(fs.applied.at(i) + '/'), fs.applied.at(j).constData());
    }
    QCOMPARE(fs.applied.last(), QByteArray("/r"));
    QCOMPARE(fs.applied.indexOf("/r/a/b/c") < fs.applied.indexOf("/r/a/b"), true);
    QCOMPARE(fs.applied.indexOf("/r/a/b") < fs.applied.indexOf("/r/a"), true);
    // A failure does not stop the others; warnings and errors are both reported.
    QCOMPARE(report.errors.size(), 1);
    QCOMPARE(report.warnings.size(), 5);
    QCOMPARE(finisher.pendingCount(), 0);
}

void tst_PathText::ordersPathsAsTheWalkGoes()
{
    // The order in which a depth-first walk over folders listed in byte order reaches them.
    const QList<QByteArray> walk = {"/", "/a", "/a/b", "/a/b/c", "/a/b\x01", "/a/z", "/a-b", "/a-b/a", "/a.", "/a\xff",
                                    "/b", "/b/\n", "/b/a"};
    for (qsizetype i = 0; i < walk.size(); ++i) {
        QVERIFY2(!Fs::walksBefore(walk[i], walk[i]), walk[i].constData());
        for (qsizetype j = i + 1; j < walk.size(); ++j) {
            QVERIFY2(Fs::walksBefore(walk[i], walk[j]), qPrintable(walk[i].toHex() + " " + walk[j].toHex()));
            QVERIFY2(!Fs::walksBefore(walk[j], walk[i]), qPrintable(walk[j].toHex() + " " + walk[i].toHex()));
        }
    }
    // Plain byte order disagrees where a name has a byte below '/'.
    QVERIFY(QByteArray("/a-b") < QByteArray("/a/z"));
}

QTEST_GUILESS_MAIN(tst_PathText)
#include "tst_pathtext.moc"
