// check walks each snapshot's trees. Trees found clean for one snapshot are not walked again
// for the next, but a problem below a tree shared by several snapshots is still reported for
// each of them.
#include "backuptestutil.h"

#include <store/checker.h>

#include <testsupport.h>

#include <QTest>

using namespace Kura;
using namespace Kura::Store;
using Kura::Test::RepoFixture;

class tst_Checker : public QObject
{
    Q_OBJECT

private slots:
    void cleanRepositoryWithSharedTrees();
    void namesEverySnapshotOfAMissingChunk();
};

void tst_Checker::cleanRepositoryWithSharedTrees()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray src = f.path("src");
    for (int i = 0; i < 20; ++i)
        QVERIFY(Test::writeFile(QFile::decodeName(src + "/d" + QByteArray::number(i % 4) + "/f" + QByteArray::number(i)),
                                QByteArray(1000 + i, char('a' + i))));
    for (int run = 0; run < 3; ++run) {
        if (run == 2)
            QVERIFY(Test::writeFile(QFile::decodeName(src + "/d1/new"), "new file"));
        QVERIFY_RESULT(f.backup({ src }));
    }
    Checker checker(*f.repo);
    auto report = checker.run(true);
    QVERIFY_RESULT(report);
    QVERIFY(report->ok());
    QCOMPARE(report->snapshots, 3);
}

void tst_Checker::namesEverySnapshotOfAMissingChunk()
{
    RepoFixture f;
    QVERIFY(f.init());
    Repository &repo = *f.repo;
    auto saveTree = [&](const Tree &tree) {
        const QByteArray bytes = encodeTree(tree);
        const BlobId id = repo.blobId(bytes.constData(), bytes.size());
        const auto saved = repo.saveBlob(BlobType::Tree, id, bytes.constData(), bytes.size());
        return saved ? id : BlobId {};
    };
    // A folder whose file refers to a chunk the repository never had, and three snapshots
    // whose different roots all hold that same folder.
    Node kept;
    kept.name = "kept";
    kept.mode = 0644;
    kept.size = 5;
    const QByteArray absent("never stored");
    kept.content = { ContentPart { repo.blobId(absent.constData(), absent.size()), 5 } };
    const BlobId shared = saveTree(Tree { { kept } });
    QVERIFY(!shared.isNull());
    QStringList ids;
    for (int run = 0; run < 3; ++run) {
        Node folder;
        folder.name = "shared";
        folder.type = NodeType::Directory;
        folder.mode = 0755;
        folder.subtree = shared;
        Node own;
        own.name = "run" + QByteArray::number(run);
        own.type = NodeType::Directory;
        own.mode = 0755;
        own.subtree = saveTree(Tree {});
        Snapshot snapshot;
        snapshot.time = QDateTime::currentDateTimeUtc().addSecs(run);
        snapshot.endTime = snapshot.time;
        snapshot.host = QStringLiteral("testhost");
        snapshot.paths = { QStringLiteral("/data") };
        snapshot.tree = saveTree(Tree { { own, folder } });
        QVERIFY(!snapshot.tree.isNull());
        QVERIFY_RESULT(repo.flush());
        auto id = repo.saveSnapshot(snapshot);
        QVERIFY_RESULT(id);
        ids << *id;
    }
    Checker checker(repo);
    auto report = checker.run(false);
    QVERIFY_RESULT(report);
    QVERIFY(!report->ok());
    QCOMPARE(report->snapshots, 3);
    QStringList named;
    for (const CheckProblem &problem : report->problems) {
        QVERIFY2(problem.error.message().contains(QStringLiteral("is not in the index")), qPrintable(problem.error.message()));
        QCOMPARE(problem.files.size(), 1);
        QVERIFY2(problem.files.first().endsWith(QStringLiteral(":/shared/kept")), qPrintable(problem.files.first()));
        named << problem.snapshots;
    }
    named.sort();
    ids.sort();
    QCOMPARE(named, ids);
}

QTEST_GUILESS_MAIN(tst_Checker)
#include "tst_checker.moc"
