#include <store/localstore.h>
#include <store/lock.h>

#include <testsupport.h>

#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Kura;
using namespace Kura::Store;

class tst_RepositoryLock : public QObject
{
    Q_OBJECT
private slots:
    void sharedLocksCoexist();
    void exclusiveLockExcludesOthersAndNamesTheHolder();
    void lockOfADeadProcessIsBroken();
    void lockFromAnotherHostExpires();
    void releasedLockLeavesNothingBehind();
    void rejectsMalformedLockFiles_data();
    void rejectsMalformedLockFiles();
};

static std::unique_ptr<LocalStore> newStore(const QTemporaryDir &dir)
{
    auto store = std::make_unique<LocalStore>(dir.path() + QStringLiteral("/repo"));
    if (!store->initialize())
        return nullptr;
    return store;
}

void tst_RepositoryLock::sharedLocksCoexist()
{
    QTemporaryDir dir;
    auto store = newStore(dir);
    QVERIFY(store);
    auto a = RepositoryLock::acquire(*store, false, QStringLiteral("backup"));
    auto b = RepositoryLock::acquire(*store, false, QStringLiteral("restore"));
    QVERIFY_RESULT(a);
    QVERIFY_RESULT(b);
    QCOMPARE(store->list(ObjectKind::Lock)->size(), 2);
}

void tst_RepositoryLock::exclusiveLockExcludesOthersAndNamesTheHolder()
{
    QTemporaryDir dir;
    auto store = newStore(dir);
    QVERIFY(store);
    auto shared = RepositoryLock::acquire(*store, false, QStringLiteral("backup"));
    QVERIFY_RESULT(shared);
    auto exclusive = RepositoryLock::acquire(*store, true, QStringLiteral("prune"), 300);
    QVERIFY(!exclusive);
    QCOMPARE(exclusive.error().code(), ErrorCode::Conflict);
    QVERIFY(exclusive.error().message().contains(QStringLiteral("backup")));
    QVERIFY(exclusive.error().message().contains(QString::number(QCoreApplication::applicationPid())));
    QCOMPARE(store->list(ObjectKind::Lock)->size(), 1); // the refused attempt left nothing
    shared->reset();
    auto now = RepositoryLock::acquire(*store, true, QStringLiteral("prune"));
    QVERIFY_RESULT(now);
    auto blocked = RepositoryLock::acquire(*store, false, QStringLiteral("backup"));
    QVERIFY(!blocked);
    QCOMPARE(blocked.error().code(), ErrorCode::Conflict);
}

void tst_RepositoryLock::lockOfADeadProcessIsBroken()
{
    QTemporaryDir dir;
    auto store = newStore(dir);
    QVERIFY(store);
    QProcess process;
    process.start(QStringLiteral("true"));
    QVERIFY(process.waitForFinished());
    LockInfo dead;
    dead.exclusive = true;
    dead.host = QSysInfo::machineHostName();
    dead.pid = process.processId() ? process.processId() : 999999;
    dead.command = QStringLiteral("prune");
    dead.time = QDateTime::currentDateTimeUtc();
    const QString name = QString(64, u'a');
    QVERIFY_RESULT(store->put(ObjectKind::Lock, name, dead.encode()));
    auto lock = RepositoryLock::acquire(*store, false, QStringLiteral("backup"));
    QVERIFY_RESULT(lock);
    QVERIFY(!store->list(ObjectKind::Lock)->contains(name));
}

void tst_RepositoryLock::lockFromAnotherHostExpires()
{
    LockInfo other;
    other.host = QStringLiteral("some-other-host");
    other.pid = 1;
    other.time = QDateTime::currentDateTimeUtc();
    QVERIFY(!other.isStale(other.time.addSecs(RepositoryLock::StaleAfterSeconds - 1)));
    QVERIFY(other.isStale(other.time.addSecs(RepositoryLock::StaleAfterSeconds + 1)));
    LockInfo alive;
    alive.host = QSysInfo::machineHostName();
    alive.pid = QCoreApplication::applicationPid();
    alive.time = QDateTime::currentDateTimeUtc().addDays(-10);
    QVERIFY2(!alive.isStale(QDateTime::currentDateTimeUtc()), "a live local process keeps its lock");
}

void tst_RepositoryLock::releasedLockLeavesNothingBehind()
{
    QTemporaryDir dir;
    auto store = newStore(dir);
    QVERIFY(store);
    {
        auto lock = RepositoryLock::acquire(*store, true, QStringLiteral("prune"));
        QVERIFY_RESULT(lock);
    }
    QVERIFY(store->list(ObjectKind::Lock)->isEmpty());
}

void tst_RepositoryLock::rejectsMalformedLockFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not JSON") << QByteArray("garbage");
    QTest::newRow("pid far out of range") << QByteArray(R"({"pid":1e30,"time":"2026-01-01T00:00:00Z"})");
    QTest::newRow("negative pid") << QByteArray(R"({"pid":-5,"time":"2026-01-01T00:00:00Z"})");
    QTest::newRow("fractional pid") << QByteArray(R"({"pid":12.5,"time":"2026-01-01T00:00:00Z"})");
    QTest::newRow("no time") << QByteArray(R"({"pid":12})");
}

void tst_RepositoryLock::rejectsMalformedLockFiles()
{
    QFETCH(QByteArray, json);
    auto decoded = LockInfo::decode(json);
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().code(), ErrorCode::Corrupt);
}

QTEST_GUILESS_MAIN(tst_RepositoryLock)
#include "tst_repositorylock.moc"
