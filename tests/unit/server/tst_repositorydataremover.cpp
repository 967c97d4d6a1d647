#include <server/repositorydataremover.h>
#include <store/archiver.h>
#include <store/checker.h>
#include <store/localstore.h>
#include <store/lock.h>
#include <store/fs/posixfilesystem.h>

#include <testsupport.h>

#include <QTemporaryDir>
#include <QTest>

using namespace Kura;
using namespace Kura::Store;

class tst_RepositoryDataRemover : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void forgetsSnapshotsAndFreesTheirData();
    void skipsSnapshotsAlreadyGone();
    void waitsForNoOneElseButRefusesWhileLocked();
    void tenantWithoutRepositoryIsNotFound();

private:
    Snapshot backup(quint64 seed);
    qint64 packBytes();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Repository> m_repo;
    Fs::PosixFileSystem m_fs;
};

void tst_RepositoryDataRemover::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    InitOptions options;
    options.scrypt.n = 1024;
    auto repo = Repository::init(std::make_unique<LocalStore>(m_dir->path() + QStringLiteral("/repo")), "pw", options);
    QVERIFY_RESULT(repo);
    m_repo = std::move(*repo);
}

Snapshot tst_RepositoryDataRemover::backup(quint64 seed)
{
    const QString file = m_dir->path() + QStringLiteral("/src/data");
    Kura::Test::writeFile(file, Kura::Test::randomBytes(12 * 1024 * 1024, seed));
    Archiver archiver(*m_repo, m_fs);
    BackupOptions options;
    options.paths = { QFile::encodeName(m_dir->path() + QStringLiteral("/src")) };
    auto result = archiver.run(options);
    return result ? result->snapshot : Snapshot {};
}

qint64 tst_RepositoryDataRemover::packBytes()
{
    qint64 total = 0;
    for (const QString &name : m_repo->store().list(ObjectKind::Pack).value_or(QStringList()))
        total += m_repo->store().size(ObjectKind::Pack, name).value_or(0);
    return total;
}

void tst_RepositoryDataRemover::forgetsSnapshotsAndFreesTheirData()
{
    const Snapshot old = backup(1);
    const Snapshot kept = backup(2);
    QVERIFY(!old.id.isEmpty() && !kept.id.isEmpty());
    const qint64 before = packBytes();
    Server::RepositoryDataRemover remover([this](qint64 tenant) { return tenant == 7 ? m_repo.get() : nullptr; });
    QVERIFY_RESULT(remover.forgetSnapshots(7, 1, { old.id }));
    auto snapshots = m_repo->snapshots();
    QVERIFY_RESULT(snapshots);
    QCOMPARE(snapshots->size(), 1);
    QCOMPARE(snapshots->first().id, kept.id);
    QVERIFY2(packBytes() < before - 10 * 1024 * 1024, "the forgotten snapshot's data is pruned");
    Checker checker(*m_repo);
    auto report = checker.run(true);
    QVERIFY_RESULT(report);
    QVERIFY(report->ok());
    QVERIFY(m_repo->store().list(ObjectKind::Lock)->isEmpty());
}

void tst_RepositoryDataRemover::skipsSnapshotsAlreadyGone()
{
    const Snapshot only = backup(3);
    Server::RepositoryDataRemover remover([this](qint64) { return m_repo.get(); });
    QVERIFY_RESULT(remover.forgetSnapshots(1, 1, { QString(64, u'0'), QString() }));
    QCOMPARE(m_repo->snapshots()->size(), 1);
    QCOMPARE(m_repo->snapshots()->first().id, only.id);
}

void tst_RepositoryDataRemover::waitsForNoOneElseButRefusesWhileLocked()
{
    const Snapshot old = backup(4);
    auto backupLock = RepositoryLock::acquire(m_repo->store(), false, QStringLiteral("backup"));
    QVERIFY_RESULT(backupLock);
    Server::RepositoryDataRemover remover([this](qint64) { return m_repo.get(); });
    remover.setLockWaitMs(300);
    const Status refused = remover.forgetSnapshots(1, 1, { old.id });
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), ErrorCode::Conflict);
    QCOMPARE(m_repo->snapshots()->size(), 1); // nothing was removed while a backup held the repository
}

void tst_RepositoryDataRemover::tenantWithoutRepositoryIsNotFound()
{
    Server::RepositoryDataRemover remover([](qint64) { return nullptr; });
    const Status missing = remover.forgetSnapshots(9, 1, { QString(64, u'a') });
    QVERIFY(!missing);
    QCOMPARE(missing.error().code(), ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(tst_RepositoryDataRemover)
#include "tst_repositorydataremover.moc"
