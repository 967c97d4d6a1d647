// kill -9 of kura-repo backup and prune at random moments: the repository must stay
// consistent (check --read-data passes), and every snapshot must restore byte for byte.
// Set KURA_CRASH_SEED to replay a run; the seed is printed at the start.
#include "repoprocess.h"

#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Kura::Test;
using namespace Qt::StringLiterals;

class tst_CrashBackup : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void killedBackupsLeaveACheckableRepository();
    void killedPruneLosesNoSnapshot();

private:
    static constexpr int MinimumKills = 20;
    static constexpr int MaximumIterations = 80;

    qint64 backupToEnd();
    void recordNewSnapshots(const Manifest &current);
    void checkReadData(const QString &when);
    void verifyRestore(const QString &snapshotId);
    void verifyEverySnapshot();
    qint64 measurePrune();
    bool killAtRandom(const QStringList &arguments, qint64 maximumDelayMs, const QString &what);

    QTemporaryDir m_dir;
    std::unique_ptr<RepoCli> m_cli;
    std::unique_ptr<TreeGenerator> m_tree;
    QHash<QString, Manifest> m_manifests; // snapshot id -> the tree it was taken of
    QRandomGenerator m_random;
    qint64 m_backupMs = 0;
    int m_restores = 0;
};

void tst_CrashBackup::initTestCase()
{
    QVERIFY(m_dir.isValid());
    bool seeded = false;
    quint64 seed = qEnvironmentVariable("KURA_CRASH_SEED").toULongLong(&seeded);
    if (!seeded)
        seed = QRandomGenerator::system()->generate64();
    qInfo("KURA_CRASH_SEED=%llu (set it to replay this run)", seed);
    m_random.seed(quint32(seed ^ (seed >> 32)));
    m_tree = std::make_unique<TreeGenerator>(m_dir.path() + u"/source"_s, seed);
    m_cli = std::make_unique<RepoCli>(m_dir.path() + u"/repo"_s);
    QVERIFY(m_tree->create());
    const CommandResult init = m_cli->init();
    QVERIFY2(init.ok(), qPrintable(init.describe()));
    QVERIFY(backupToEnd() >= 0);
    // The next backups change a few MB, like every backup that will be killed below; their
    // median duration bounds the random kill delays.
    QList<qint64> durations;
    for (int i = 0; i < 3; ++i) {
        QVERIFY(m_tree->mutate());
        durations << backupToEnd();
        QVERIFY(durations.constLast() >= 0);
    }
    std::sort(durations.begin(), durations.end());
    m_backupMs = qMax<qint64>(durations.at(1), 50);
    qInfo("a backup of a changed tree takes %lld ms", m_backupMs);
}

// Runs a backup to its end and returns how long the process ran, or -1 on failure.
qint64 tst_CrashBackup::backupToEnd()
{
    const Manifest current = manifestOf(m_tree->root());
    const CommandResult backup = m_cli->run({ u"backup"_s, u"-q"_s, m_tree->root() });
    if (!backup.ok()) {
        QTest::qFail(qPrintable(backup.describe()), __FILE__, __LINE__);
        return -1;
    }
    recordNewSnapshots(current);
    return backup.elapsedMs;
}

// Snapshots that appeared since the last call were taken of `current`: the tree changes
// only between backups.
void tst_CrashBackup::recordNewSnapshots(const Manifest &current)
{
    const CommandResult list = m_cli->run({ u"snapshots"_s, u"--json"_s });
    QVERIFY2(list.ok(), qPrintable(list.describe()));
    const QJsonArray snapshots = QJsonDocument::fromJson(list.out).array();
    for (const QJsonValue &snapshot : snapshots) {
        const QString id = snapshot.toObject().value(u"id"_s).toString();
        if (!m_manifests.contains(id))
            m_manifests.insert(id, current);
    }
}

void tst_CrashBackup::checkReadData(const QString &when)
{
    const CommandResult check = m_cli->run({ u"check"_s, u"--read-data"_s });
    QVERIFY2(check.ok(), qPrintable(when + u": "_s + check.describe()));
    qInfo("%s: check --read-data took %lld ms", qPrintable(when), check.elapsedMs);
}

void tst_CrashBackup::verifyRestore(const QString &snapshotId)
{
    QVERIFY2(m_manifests.contains(snapshotId), qPrintable(u"unknown snapshot "_s + snapshotId));
    const QString target = m_dir.path() + QStringLiteral("/restore-%1").arg(++m_restores);
    const CommandResult restore
        = m_cli->run({ u"restore"_s, u"-q"_s, snapshotId, u"--target"_s, target });
    QVERIFY2(restore.ok(), qPrintable(u"restore "_s + snapshotId + u": "_s + restore.describe()));
    qInfo("restore of %s took %lld ms", qPrintable(snapshotId.left(8)), restore.elapsedMs);
    const QStringList differences
        = compareTree(restoredPath(target, m_tree->root()), m_manifests.value(snapshotId));
    QVERIFY2(differences.isEmpty(),
        qPrintable(u"snapshot "_s + snapshotId + u" restored wrongly: "_s
            + differences.mid(0, 10).join(u"; "_s)));
    QVERIFY(QDir(target).removeRecursively());
}

void tst_CrashBackup::verifyEverySnapshot()
{
    const QStringList ids = m_cli->snapshotIds();
    QVERIFY(!ids.isEmpty());
    for (const QString &id : ids) {
        verifyRestore(id);
        if (QTest::currentTestFailed())
            return;
    }
}

// Starts the command, waits a random time up to `maximumDelayMs` and kills it with SIGKILL
// unless it finished first. Returns true when the process was killed.
bool tst_CrashBackup::killAtRandom(
    const QStringList &arguments, qint64 maximumDelayMs, const QString &what)
{
    const int delay = int(m_random.bounded(maximumDelayMs + 1));
    auto process = m_cli->start(arguments);
    if (process->waitForFinished(delay)) {
        const CommandResult result = RepoCli::finish(*process);
        qInfo("%s: finished before the kill at %d ms", qPrintable(what), delay);
        if (!result.ok()) // a run that was not killed must succeed
            QTest::qFail(qPrintable(what + u": "_s + result.describe()), __FILE__, __LINE__);
        return false;
    }
    RepoCli::kill(*process);
    qInfo("%s: killed after %d ms", qPrintable(what), delay);
    return true;
}

void tst_CrashBackup::killedBackupsLeaveACheckableRepository()
{
    int kills = 0;
    for (int i = 0; i < MaximumIterations && kills < MinimumKills; ++i) {
        QVERIFY(m_tree->mutate());
        const Manifest current = manifestOf(m_tree->root());
        const QString what = QStringLiteral("backup %1").arg(i);
        if (killAtRandom({ u"backup"_s, u"-q"_s, m_tree->root() }, m_backupMs, what))
            ++kills;
        else // backups got faster than measured (warm caches, less load): aim earlier
            m_backupMs = qMax<qint64>(m_backupMs * 3 / 4, 20);
        recordNewSnapshots(current);
        checkReadData(what);
        if (QTest::currentTestFailed())
            return;
        if (i % 5 == 4) {
            verifyRestore(m_cli->snapshotIds().constLast());
            if (QTest::currentTestFailed())
                return;
        }
    }
    QVERIFY2(kills >= MinimumKills,
        qPrintable(QStringLiteral("only %1 backups were killed").arg(kills)));
    // After all that, a normal backup and restore work and the oldest snapshot is intact.
    QVERIFY(m_tree->mutate());
    QVERIFY(backupToEnd() >= 0);
    checkReadData(u"after the final backup"_s);
    verifyRestore(m_cli->snapshotIds().constLast());
    verifyRestore(m_cli->snapshotIds().constFirst());
}

// Prune's duration on a copy of the repository bounds the kill delays (the amount of garbage
// is about the same in every round).
qint64 tst_CrashBackup::measurePrune()
{
    const QString copy = m_dir.path() + u"/repo-copy"_s;
    if (QProcess::execute(u"cp"_s, { u"-a"_s, m_cli->repository(), copy }) != 0)
        return -1;
    const CommandResult prune = RepoCli(copy).run({ u"prune"_s, u"-q"_s });
    QDir(copy).removeRecursively();
    return prune.ok() ? qMax<qint64>(prune.elapsedMs, 50) : -1;
}

void tst_CrashBackup::killedPruneLosesNoSnapshot()
{
    qint64 pruneMs = 0;
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 2; ++i) {
            QVERIFY(m_tree->mutate());
            QVERIFY(backupToEnd() >= 0);
        }
        // Forgetting snapshots (and the unreferenced packs of the killed backups) leaves
        // prune data to delete and packs to repack.
        const CommandResult forget = m_cli->run({ u"forget"_s, u"-q"_s, u"--keep-last"_s, u"3"_s });
        QVERIFY2(forget.ok(), qPrintable(forget.describe()));
        if (round == 0) {
            pruneMs = measurePrune();
            QVERIFY2(pruneMs > 0, "prune failed on a copy of the repository");
            qInfo("prune takes %lld ms", pruneMs);
        }
        killAtRandom({ u"prune"_s, u"-q"_s }, pruneMs, QStringLiteral("prune %1").arg(round));
        checkReadData(QStringLiteral("after prune %1").arg(round));
        verifyEverySnapshot();
        if (QTest::currentTestFailed())
            return;
    }
    const CommandResult prune = m_cli->run({ u"prune"_s, u"-q"_s });
    QVERIFY2(prune.ok(), qPrintable(prune.describe()));
    checkReadData(u"after the final prune"_s);
    verifyEverySnapshot();
}

QTEST_GUILESS_MAIN(tst_CrashBackup)
#include "tst_crashbackup.moc"
