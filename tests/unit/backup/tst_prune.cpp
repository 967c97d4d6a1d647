#include "backuptestutil.h"

#include <store/checker.h>
#include <store/pruner.h>

#include <testsupport.h>

#include <QTest>

using namespace Kura;
using namespace Qt::StringLiterals;
using namespace Kura::Store;
using Kura::Test::RepoFixture;

class tst_Prune : public QObject
{
    Q_OBJECT
private slots:
    void forgetPolicyKeepsByRules_data();
    void forgetPolicyKeepsByRules();
    void pruneFreesUnreferencedDataAndKeepsTheRest();
    void pruneRepacksHalfEmptyPacks();
    void pruneRemovesPacksLeftByAnInterruptedBackup();
};

static Snapshot snapshotAt(const QString &id, const QString &host, qint64 daysAgo, const QDateTime &now)
{
    Snapshot s;
    s.id = id;
    s.host = host;
    s.paths = { QStringLiteral("/data") };
    s.time = now.addDays(-daysAgo);
    return s;
}

void tst_Prune::forgetPolicyKeepsByRules_data()
{
    QTest::addColumn<qint64>("withinDays");
    QTest::addColumn<int>("keepLast");
    QTest::addColumn<QStringList>("kept");
    QTest::newRow("last 2 per host") << qint64(-1) << 2 << QStringList { u"a1"_s, u"a2"_s, u"b1"_s };
    QTest::newRow("within 7 days") << qint64(7) << -1 << QStringList { u"a1"_s, u"a2"_s };
    QTest::newRow("either rule keeps") << qint64(7) << 1 << QStringList { u"a1"_s, u"a2"_s, u"b1"_s };
    QTest::newRow("keep none") << qint64(-1) << 0 << QStringList {};
}

void tst_Prune::forgetPolicyKeepsByRules()
{
    QFETCH(qint64, withinDays);
    QFETCH(int, keepLast);
    QFETCH(QStringList, kept);
    const QDateTime now = QDateTime::fromString(u"2026-06-01T00:00:00Z"_s, Qt::ISODate);
    const QList<Snapshot> snapshots { snapshotAt(u"a1"_s, u"a"_s, 1, now), snapshotAt(u"a2"_s, u"a"_s, 6, now),
                                      snapshotAt(u"a3"_s, u"a"_s, 30, now), snapshotAt(u"b1"_s, u"b"_s, 40, now) };
    ForgetPolicy policy;
    policy.keepWithinSeconds = withinDays < 0 ? -1 : withinDays * 86400;
    policy.keepLast = keepLast;
    QStringList actual;
    for (const ForgetDecision &d : applyForgetPolicy(snapshots, policy, now)) {
        QVERIFY(!d.reason.isEmpty());
        if (d.keep)
            actual << d.snapshot.id;
    }
    actual.sort();
    QCOMPARE(actual, kept);
}

void tst_Prune::pruneFreesUnreferencedDataAndKeepsTheRest()
{
    RepoFixture f;
    QVERIFY(f.init(0));
    const QByteArray src = f.path("src");
    QList<Snapshot> taken;
    for (int generation = 0; generation < 3; ++generation) {
        QVERIFY(Kura::Test::writeFile(QFile::decodeName(src + "/file"),
                                      Kura::Test::randomBytes(36 * 1024 * 1024, quint64(generation))));
        auto backup = f.backup({ src });
        QVERIFY_RESULT(backup);
        taken << backup->snapshot;
    }
    for (int i = 0; i < 2; ++i)
        QVERIFY_RESULT(f.repo->store().remove(ObjectKind::Snapshot, taken[i].id));
    auto report = prune(*f.repo);
    QVERIFY_RESULT(report);
    QVERIFY2(report->bytesFreed > 60 * 1024 * 1024, qPrintable(QString::number(report->bytesFreed)));
    QVERIFY(report->packsDeleted >= 2);
    Checker checker(*f.repo);
    auto check = checker.run(true);
    QVERIFY_RESULT(check);
    QVERIFY(check->ok());
    QVERIFY(check->notes.isEmpty());
    auto restored = f.restore(taken[2], f.path("out"));
    QVERIFY_RESULT(restored);
    QCOMPARE(Kura::Test::readFile(QFile::decodeName(f.path("out") + src + "/file")),
             Kura::Test::randomBytes(36 * 1024 * 1024, 2));
}

void tst_Prune::pruneRepacksHalfEmptyPacks()
{
    RepoFixture f;
    QVERIFY(f.init(0));
    const QByteArray src = f.path("src");
    // Two files in one backup share packs; forgetting one of them leaves packs half used.
    QVERIFY(Kura::Test::writeFile(QFile::decodeName(src + "/a"), Kura::Test::randomBytes(8 * 1024 * 1024, 1)));
    QVERIFY(Kura::Test::writeFile(QFile::decodeName(src + "/b"), Kura::Test::randomBytes(30 * 1024 * 1024, 2)));
    auto both = f.backup({ src });
    QVERIFY_RESULT(both);
    QVERIFY(QFile::remove(QFile::decodeName(src + "/b")));
    auto onlyA = f.backup({ src });
    QVERIFY_RESULT(onlyA);
    QVERIFY_RESULT(f.repo->store().remove(ObjectKind::Snapshot, both->snapshot.id));
    auto report = prune(*f.repo);
    QVERIFY_RESULT(report);
    QVERIFY(report->packsRepacked >= 1);
    QVERIFY(report->packsWritten >= 1);
    auto stats = f.repo->index().packs();
    qint64 rawBytes = 0;
    for (const IndexedPack &pack : stats)
        for (const PackEntry &e : pack.entries)
            rawBytes += e.rawLength;
    QVERIFY2(rawBytes < 9 * 1024 * 1024, qPrintable(QString::number(rawBytes)));
    auto restored = f.restore(onlyA->snapshot, f.path("out"));
    QVERIFY_RESULT(restored);
    QCOMPARE(Kura::Test::readFile(QFile::decodeName(f.path("out") + src + "/a")),
             Kura::Test::randomBytes(8 * 1024 * 1024, 1));
}

void tst_Prune::pruneRemovesPacksLeftByAnInterruptedBackup()
{
    RepoFixture f;
    QVERIFY(f.init());
    const QByteArray data = Kura::Test::randomBytes(1024 * 1024, 4);
    const BlobId id = f.repo->blobId(data.constData(), data.size());
    // A pack written and committed, but never indexed: what a backup killed between the two leaves.
    auto writer = PackWriter::create(f.repo->store(), f.repo->masterKey().encryptionKey);
    QVERIFY_RESULT(writer);
    QVERIFY_RESULT((*writer)->add(BlobType::Data, id, Compression::None, quint32(data.size()),
                                  seal(f.repo->masterKey().encryptionKey, data)));
    QVERIFY_RESULT((*writer)->finish());
    Checker checker(*f.repo);
    auto before = checker.run(false);
    QVERIFY_RESULT(before);
    QVERIFY(before->ok());
    QCOMPARE(before->notes.size(), 1);
    auto report = prune(*f.repo);
    QVERIFY_RESULT(report);
    QCOMPARE(report->packsDeleted, 1);
    auto after = checker.run(false);
    QVERIFY_RESULT(after);
    QVERIFY(after->notes.isEmpty());
}

QTEST_GUILESS_MAIN(tst_Prune)
#include "tst_prune.moc"
