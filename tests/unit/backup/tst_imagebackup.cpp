#include "backuptestutil.h"

#include <testsupport.h>

#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Kura;
using namespace Kura::Store;
using Kura::Test::RepoFixture;

class tst_ImageBackup : public QObject
{
    Q_OBJECT
private slots:
    void zeroAreasCostNothingAndRestoreByteForByte();
    void refusesImageOfSeveralPaths();
    void refusesFileSnapshotForImageRestore();
};

void tst_ImageBackup::zeroAreasCostNothingAndRestoreByteForByte()
{
    RepoFixture f;
    QVERIFY(f.init());
    // A 64 MiB "disk": 8 MiB of data, 40 MiB of written zeros, a 16 MiB hole at the end.
    QByteArray disk = Kura::Test::randomBytes(8 * 1024 * 1024, 5) + QByteArray(40 * 1024 * 1024, '\0');
    const QByteArray image = f.path("disk.img");
    QVERIFY(Kura::Test::writeFile(QFile::decodeName(image), disk));
    QCOMPARE(::truncate(image.constData(), 64 * 1024 * 1024), 0);
    disk.append(QByteArray(16 * 1024 * 1024, '\0'));

    auto backup = f.backup({ image }, SnapshotKind::Image);
    QVERIFY_RESULT(backup);
    QCOMPARE(backup->snapshot.kind, SnapshotKind::Image);
    QCOMPARE(backup->snapshot.stats.sourceBytes, 64 * 1024 * 1024);
    QVERIFY2(backup->snapshot.stats.newBytes < 10 * 1024 * 1024,
             qPrintable(QStringLiteral("zeros must not be stored, stored %1").arg(backup->snapshot.stats.newBytes)));

    Restorer restorer(*f.repo, f.fs);
    const QByteArray target = f.path("restored.img");
    auto restored = restorer.restoreImage(backup->snapshot, target);
    QVERIFY_RESULT(restored);
    QCOMPARE(Kura::Test::readFile(QFile::decodeName(target)), disk);
    struct stat st;
    QCOMPARE(::stat(target.constData(), &st), 0);
    QVERIFY2(qint64(st.st_blocks) * 512 < 12 * 1024 * 1024, "zero areas are restored as holes in an image file");

    // Restoring over an existing file replaces it completely.
    QVERIFY(Kura::Test::writeFile(QFile::decodeName(target), Kura::Test::randomBytes(70 * 1024 * 1024, 9)));
    QVERIFY_RESULT(restorer.restoreImage(backup->snapshot, target));
    QCOMPARE(Kura::Test::readFile(QFile::decodeName(target)), disk);
}

void tst_ImageBackup::refusesImageOfSeveralPaths()
{
    RepoFixture f;
    QVERIFY(f.init());
    QVERIFY(Kura::Test::writeFile(QFile::decodeName(f.path("a")), "a"));
    QVERIFY(Kura::Test::writeFile(QFile::decodeName(f.path("b")), "b"));
    auto backup = f.backup({ f.path("a"), f.path("b") }, SnapshotKind::Image);
    QVERIFY(!backup);
    QCOMPARE(backup.error().code(), ErrorCode::InvalidArgument);
}

void tst_ImageBackup::refusesFileSnapshotForImageRestore()
{
    RepoFixture f;
    QVERIFY(f.init());
    QVERIFY(Kura::Test::writeFile(QFile::decodeName(f.path("src/a")), "a"));
    auto backup = f.backup({ f.path("src") });
    QVERIFY_RESULT(backup);
    Restorer restorer(*f.repo, f.fs);
    auto restored = restorer.restoreImage(backup->snapshot, f.path("x.img"));
    QVERIFY(!restored);
    QCOMPARE(restored.error().code(), ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(tst_ImageBackup)
#include "tst_imagebackup.moc"
