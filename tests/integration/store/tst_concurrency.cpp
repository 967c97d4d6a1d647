// Several kura-repo processes on one repository: backups and restores run side by side,
// prune's exclusive lock waits for (or reports) the holder, and the lock of a process that
// was killed is recognised as stale and removed by the next process.
#include "repoprocess.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Kura::Test;
using namespace Qt::StringLiterals;

class tst_Concurrency : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void twoBackupsAtOnceBothRestore();
    void restoreWhileBackupRuns();
    void pruneWaitsForRunningBackup();
    void pruneReportsLiveLockHolder();
    void killedBackupLockIsBrokenByNextBackup();
    void killedBackupLockDoesNotBlockPrune();

private:
    QString waitForLock(QProcess &process, const QStringList &before);
    bool heldTogether(const QList<QProcess *> &processes, int locks);
    QString newSnapshotOf(const QString &root, const QStringList &before);
    void verifyRestore(const QString &snapshotId, const QString &root, const Manifest &expected);
    void checkReadData();

    QTemporaryDir m_dir;
    std::unique_ptr<RepoCli> m_cli;
    std::unique_ptr<TreeGenerator> m_first;
    std::unique_ptr<TreeGenerator> m_second;
    QString m_firstSnapshot;
    Manifest m_firstManifest;
    int m_restores = 0;
};

void tst_Concurrency::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_cli = std::make_unique<RepoCli>(m_dir.path() + u"/repo"_s);
    m_first = std::make_unique<TreeGenerator>(m_dir.path() + u"/first"_s, 11);
    m_second = std::make_unique<TreeGenerator>(m_dir.path() + u"/second"_s, 22);
    QVERIFY(m_first->create(0.5));
    QVERIFY(m_second->create(0.5));
    const CommandResult init = m_cli->init();
    QVERIFY2(init.ok(), qPrintable(init.describe()));
}

// Waits until the process holds a lock that was not there before and returns its name;
// empty if the process ended first.
QString tst_Concurrency::waitForLock(QProcess &process, const QStringList &before)
{
    for (int i = 0; i < 4000 && process.state() != QProcess::NotRunning; ++i) {
        for (const QString &name : m_cli->lockNames()) {
            if (!before.contains(name))
                return name;
        }
        QThread::msleep(5);
    }
    return {};
}

// Waits until `locks` locks are held at once; false if one of the processes ended first.
bool tst_Concurrency::heldTogether(const QList<QProcess *> &processes, int locks)
{
    for (int i = 0; i < 10000; ++i) {
        if (m_cli->lockNames().size() >= locks)
            return true;
        for (QProcess *process : processes) {
            if (process->state() == QProcess::NotRunning)
                return false;
        }
        QThread::msleep(2);
    }
    return false;
}

// The one snapshot of `root` that is not in `before`.
QString tst_Concurrency::newSnapshotOf(const QString &root, const QStringList &before)
{
    QStringList found;
    const QJsonArray snapshots = m_cli->snapshots();
    for (const QJsonValue &value : snapshots) {
        const QJsonObject snapshot = value.toObject();
        const QString id = snapshot.value(u"id"_s).toString();
        if (!before.contains(id) && snapshot.value(u"paths"_s).toArray().contains(QJsonValue(root)))
            found << id;
    }
    return found.size() == 1 ? found.constFirst() : QString();
}

void tst_Concurrency::verifyRestore(
    const QString &snapshotId, const QString &root, const Manifest &expected)
{
    const QString target = m_dir.path() + QStringLiteral("/restore-%1").arg(++m_restores);
    const CommandResult restore
        = m_cli->run({ u"restore"_s, u"-q"_s, snapshotId, u"--target"_s, target });
    QVERIFY2(restore.ok(), qPrintable(restore.describe()));
    const QStringList differences = compareTree(restoredPath(target, root), expected);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.mid(0, 10).join(u"; "_s)));
    QVERIFY(QDir(target).removeRecursively());
}

void tst_Concurrency::checkReadData()
{
    const CommandResult check = m_cli->run({ u"check"_s, u"--read-data"_s });
    QVERIFY2(check.ok(), qPrintable(check.describe()));
}

void tst_Concurrency::twoBackupsAtOnceBothRestore()
{
    const Manifest first = manifestOf(m_first->root());
    const Manifest second = manifestOf(m_second->root());
    auto one = m_cli->start({ u"backup"_s, u"-q"_s, m_first->root() });
    auto two = m_cli->start({ u"backup"_s, u"-q"_s, m_second->root() });
    const bool together = heldTogether({ one.get(), two.get() }, 2);
    const CommandResult resultOne = RepoCli::finish(*one);
    const CommandResult resultTwo = RepoCli::finish(*two);
    QVERIFY2(resultOne.ok(), qPrintable(resultOne.describe()));
    QVERIFY2(resultTwo.ok(), qPrintable(resultTwo.describe()));
    QVERIFY2(together, "the two backups did not hold their locks at the same time");
    m_firstSnapshot = newSnapshotOf(m_first->root(), {});
    const QString secondSnapshot = newSnapshotOf(m_second->root(), {});
    QVERIFY(!m_firstSnapshot.isEmpty());
    QVERIFY(!secondSnapshot.isEmpty());
    m_firstManifest = first;
    checkReadData();
    verifyRestore(m_firstSnapshot, m_first->root(), first);
    verifyRestore(secondSnapshot, m_second->root(), second);
    QVERIFY2(m_cli->lockNames().isEmpty(), qPrintable(m_cli->lockNames().join(u", "_s)));
}

void tst_Concurrency::restoreWhileBackupRuns()
{
    QVERIFY(!m_firstSnapshot.isEmpty());
    QVERIFY(m_second->mutate());
    const Manifest second = manifestOf(m_second->root());
    const QStringList before = m_cli->snapshotIds();
    // Without a parent the backup reads both trees again, which keeps it running longer.
    auto backup = m_cli->start(
        { u"backup"_s, u"-q"_s, u"--parent"_s, u"none"_s, m_first->root(), m_second->root() });
    QVERIFY2(!waitForLock(*backup, {}).isEmpty(),
        "the backup ended before it was seen holding its lock");
    const QString target = m_dir.path() + QStringLiteral("/restore-%1").arg(++m_restores);
    auto restore = m_cli->start({ u"restore"_s, u"-q"_s, m_firstSnapshot, u"--target"_s, target });
    const bool together = heldTogether({ backup.get(), restore.get() }, 2);
    const CommandResult restored = RepoCli::finish(*restore);
    const CommandResult backedUp = RepoCli::finish(*backup);
    QVERIFY2(restored.ok(), qPrintable(restored.describe()));
    QVERIFY2(backedUp.ok(), qPrintable(backedUp.describe()));
    QVERIFY2(together, "the restore did not run while the backup held its lock");
    const QStringList differences
        = compareTree(restoredPath(target, m_first->root()), m_firstManifest);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.mid(0, 10).join(u"; "_s)));
    QVERIFY(QDir(target).removeRecursively());
    const QString snapshot = newSnapshotOf(m_second->root(), before);
    QVERIFY(!snapshot.isEmpty());
    // The snapshot holds both trees; restore puts each under its own absolute path.
    verifyRestore(snapshot, m_second->root(), second);
}

void tst_Concurrency::pruneWaitsForRunningBackup()
{
    // Garbage for prune: forget the oldest snapshot of the second tree.
    const CommandResult forget = m_cli->run({ u"forget"_s, u"-q"_s, u"--keep-last"_s, u"1"_s });
    QVERIFY2(forget.ok(), qPrintable(forget.describe()));
    QVERIFY(m_first->mutate());
    const Manifest first = manifestOf(m_first->root());
    const QStringList before = m_cli->snapshotIds();
    auto backup = m_cli->start({ u"backup"_s, u"-q"_s, u"--parent"_s, u"none"_s, m_first->root() });
    QVERIFY2(!waitForLock(*backup, {}).isEmpty(),
        "the backup ended before it was seen holding its lock");
    auto prune = m_cli->start({ u"prune"_s });
    const CommandResult backupResult = RepoCli::finish(*backup);
    const CommandResult pruneResult = RepoCli::finish(*prune);
    QVERIFY2(backupResult.ok(), qPrintable(backupResult.describe()));
    // Prune either waited for the backup's lock or gave up naming its holder.
    if (pruneResult.exitCode == RepoExitLocked) {
        QVERIFY2(pruneResult.err.contains("locked") && pruneResult.err.contains("backup"),
            qPrintable(pruneResult.describe()));
    } else {
        QVERIFY2(pruneResult.ok(), qPrintable(pruneResult.describe()));
    }
    const QString snapshot = newSnapshotOf(m_first->root(), before);
    QVERIFY(!snapshot.isEmpty());
    checkReadData();
    verifyRestore(snapshot, m_first->root(), first);
    m_firstSnapshot = snapshot;
    m_firstManifest = first;
}

namespace {

// Field 22 of /proc/<pid>/stat: the start time in clock ticks since boot, as locks record it.
qint64 processStartTicks(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 19 ? fields[19].toLongLong() : 0;
}

QByteArray lockJson(qint64 pid, const QString &command)
{
    const QJsonObject lock { { u"exclusive"_s, false }, { u"host"_s, QSysInfo::machineHostName() },
        { u"pid"_s, double(pid) }, { u"process_start"_s, double(processStartTicks(pid)) },
        { u"command"_s, command },
        { u"time"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate) } };
    return QJsonDocument(lock).toJson(QJsonDocument::Compact);
}

} // namespace

// A shared lock whose holder is alive blocks prune: after its wait, prune exits with the
// "locked" code and names the holder, and deletes nothing. Once the holder is gone, its lock
// is stale and prune runs.
void tst_Concurrency::pruneReportsLiveLockHolder()
{
    QProcess holder;
    holder.start(u"sleep"_s, { u"300"_s });
    QVERIFY(holder.waitForStarted());
    const QString lockPath = m_cli->repository() + u"/locks/"_s + QString(64, u'a');
    QFile lock(lockPath);
    QVERIFY(lock.open(QIODevice::WriteOnly));
    QVERIFY(lock.write(lockJson(holder.processId(), u"backup"_s)) > 0);
    lock.close();
    const QStringList packs = m_cli->packPaths();
    const CommandResult blocked = m_cli->run({ u"prune"_s });
    QCOMPARE(blocked.exitCode, int(RepoExitLocked));
    QVERIFY2(blocked.err.contains("locked") && blocked.err.contains("\"backup\"")
            && blocked.err.contains(QByteArray::number(holder.processId())),
        qPrintable(blocked.describe()));
    QCOMPARE(m_cli->packPaths(), packs);
    QVERIFY(QFile::exists(lockPath));
    RepoCli::kill(holder);
    const CommandResult prune = m_cli->run({ u"prune"_s, u"-q"_s });
    QVERIFY2(prune.ok(), qPrintable(prune.describe()));
    QVERIFY2(!QFile::exists(lockPath), "the lock of the dead holder was left in place");
    checkReadData();
}

void tst_Concurrency::killedBackupLockIsBrokenByNextBackup()
{
    QVERIFY(m_second->mutate());
    auto backup
        = m_cli->start({ u"backup"_s, u"-q"_s, u"--parent"_s, u"none"_s, m_second->root() });
    const QString lock = waitForLock(*backup, {});
    QVERIFY2(!lock.isEmpty(), "the backup ended before it was seen holding its lock");
    RepoCli::kill(*backup);
    QVERIFY2(m_cli->lockNames().contains(lock), "the killed backup's lock vanished by itself");
    const Manifest second = manifestOf(m_second->root());
    const QStringList before = m_cli->snapshotIds();
    const CommandResult next = m_cli->run({ u"backup"_s, u"-q"_s, m_second->root() });
    QVERIFY2(next.ok(), qPrintable(next.describe()));
    QVERIFY2(!m_cli->lockNames().contains(lock), "the stale lock was not removed");
    const QString snapshot = newSnapshotOf(m_second->root(), before);
    QVERIFY(!snapshot.isEmpty());
    verifyRestore(snapshot, m_second->root(), second);
}

void tst_Concurrency::killedBackupLockDoesNotBlockPrune()
{
    QVERIFY(m_first->mutate());
    auto backup = m_cli->start({ u"backup"_s, u"-q"_s, u"--parent"_s, u"none"_s, m_first->root() });
    const QString lock = waitForLock(*backup, {});
    QVERIFY2(!lock.isEmpty(), "the backup ended before it was seen holding its lock");
    RepoCli::kill(*backup);
    QVERIFY(m_cli->lockNames().contains(lock));
    const CommandResult prune = m_cli->run({ u"prune"_s, u"-q"_s });
    QVERIFY2(prune.ok(), qPrintable(prune.describe()));
    // Prune's lock wait retries for 30 s; a stale lock must be broken at once instead.
    QVERIFY2(prune.elapsedMs < 20000, qPrintable(prune.describe()));
    QVERIFY2(!m_cli->lockNames().contains(lock), "the stale lock was not removed");
    QVERIFY(m_cli->lockNames().isEmpty());
    checkReadData();
    verifyRestore(m_firstSnapshot, m_first->root(), m_firstManifest);
}

QTEST_GUILESS_MAIN(tst_Concurrency)
#include "tst_concurrency.moc"
