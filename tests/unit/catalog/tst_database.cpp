#include "catalogfixture.h"

#include <catalog/alertstore.h>
#include <catalog/database.h>
#include <catalog/jobstore.h>
#include <catalog/private/sql.h>
#include <catalog/serverstore.h>
#include <testsupport.h>

#include <QRegularExpression>

#include <QSqlQuery>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Catalog;

class tst_Database : public QObject {
    Q_OBJECT
private slots:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void opensInWalModeWithForeignKeys();
    void rejectsBadOptions_data();
    void rejectsBadOptions();
    void connectionIsPerThreadAndNamedAfterIt();
    void threadConnectionClosesWhenThreadFinishes();
    void twoThreadsWriteConcurrently();
    void concurrentTransactionsAndRaises();
};

void tst_Database::opensInWalModeWithForeignKeys()
{
    Test::CatalogFixture fixture;
    QVERIFY(fixture.ok());
    auto mode = Sql::run(fixture.db(), u"PRAGMA journal_mode"_s);
    QVERIFY_RESULT(mode);
    QVERIFY(mode->next());
    QCOMPARE(mode->value(0).toString(), u"wal"_s);
    auto keys = Sql::run(fixture.db(), u"PRAGMA foreign_keys"_s);
    QVERIFY_RESULT(keys);
    QVERIFY(keys->next());
    QCOMPARE(keys->value(0).toInt(), 1);
    auto timeout = Sql::run(fixture.db(), u"PRAGMA busy_timeout"_s);
    QVERIFY_RESULT(timeout);
    QVERIFY(timeout->next());
    QCOMPARE(timeout->value(0).toInt(), 5000);

    // Foreign keys are enforced: a job for a server that does not exist is refused.
    NewJob job;
    job.serverId = 999;
    auto refused = JobStore(fixture.db()).create(fixture.alpha(), job);
    QVERIFY(!refused);
    QVERIFY2(refused.error().code() == ErrorCode::NotFound, qPrintable(refused.error().toString()));
}

void tst_Database::rejectsBadOptions_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<QString>("name");
    QTest::addColumn<ErrorCode>("expected");
    QTest::newRow("unknown driver") << u"QMYSQL"_s << u"x.sqlite"_s << ErrorCode::Unsupported;
    QTest::newRow("empty path") << u"QSQLITE"_s << QString() << ErrorCode::InvalidArgument;
    QTest::newRow("folder that does not exist")
        << u"QSQLITE"_s << u"/nonexistent/folder/catalog.sqlite"_s << ErrorCode::Io;
}

void tst_Database::rejectsBadOptions()
{
    QFETCH(QString, driver);
    QFETCH(QString, name);
    QFETCH(ErrorCode, expected);
    DatabaseOptions options;
    options.driver = driver;
    options.name = name;
    auto db = Database::open(options);
    QVERIFY(!db);
    QCOMPARE(db.error().code(), expected);
}

void tst_Database::connectionIsPerThreadAndNamedAfterIt()
{
    Test::CatalogFixture fixture;
    QVERIFY(fixture.ok());
    auto mine = fixture.db().connection();
    QVERIFY_RESULT(mine);
    QString otherName;
    bool otherOpen = false;
    QThread *thread = QThread::create([&] {
        auto other = fixture.db().connection();
        otherOpen = other && other->isOpen();
        otherName = other ? other->connectionName() : QString();
    });
    thread->setObjectName(u"kura-test-worker"_s);
    thread->start();
    QVERIFY(thread->wait(10000));
    delete thread;
    QVERIFY(otherOpen);
    QVERIFY(otherName != mine->connectionName());
    QVERIFY2(otherName.contains(u"kura-test-worker"_s), qPrintable(otherName));
    QCOMPARE(fixture.db().connection()->connectionName(), mine->connectionName());
}

void tst_Database::threadConnectionClosesWhenThreadFinishes()
{
    Test::CatalogFixture fixture;
    QVERIFY(fixture.ok());
    QString name;
    QThread *thread = QThread::create([&] { name = fixture.db().connection()->connectionName(); });
    thread->start();
    QVERIFY(thread->wait(10000));
    delete thread;
    QVERIFY(!name.isEmpty());
    QVERIFY(!QSqlDatabase::contains(name));
}

void tst_Database::twoThreadsWriteConcurrently()
{
    Test::CatalogFixture fixture;
    QVERIFY(fixture.ok());
    const qint64 serverA = fixture.addServer(fixture.alpha(), u"a"_s);
    const qint64 serverB = fixture.addServer(fixture.beta(), u"b"_s);
    QVERIFY(serverA && serverB);
    constexpr int JobsPerThread = 200;
    std::atomic<int> failures = 0;
    auto writer = [&](qint64 tenantId, qint64 serverId) {
        JobStore jobs(fixture.db());
        for (int i = 0; i < JobsPerThread; ++i) {
            NewJob job;
            job.serverId = serverId;
            job.queuedMs = i;
            auto created = jobs.create(tenantId, job);
            if (!created && failures++ == 0)
                qWarning("%s", qPrintable(created.error().toString()));
        }
    };
    QThread *first = QThread::create(writer, fixture.alpha(), serverA);
    QThread *second = QThread::create(writer, fixture.beta(), serverB);
    first->start();
    second->start();
    QVERIFY(first->wait(60000));
    QVERIFY(second->wait(60000));
    delete first;
    delete second;
    QCOMPARE(failures.load(), 0);
    JobStore jobs(fixture.db());
    QCOMPARE(jobs.listForServer(fixture.alpha(), serverA, 1000)->size(), JobsPerThread);
    QCOMPARE(jobs.listForServer(fixture.beta(), serverB, 1000)->size(), JobsPerThread);
}

void tst_Database::concurrentTransactionsAndRaises()
{
    // Two threads, each with its own connection, run write transactions (job finish raises
    // an alert inside one) and raise the same alert at the same time: nothing fails with a
    // busy or deadlock error, and there is still exactly one active alert per subject.
    Test::CatalogFixture fixture;
    QVERIFY(fixture.ok());
    const qint64 server = fixture.addServer(fixture.alpha(), u"shared"_s);
    QVERIFY(server > 0);
    constexpr int Rounds = 60;
    std::atomic<int> failures = 0;
    auto worker = [&](int offset) {
        JobStore jobs(fixture.db());
        AlertStore alerts(fixture.db());
        for (int i = 0; i < Rounds; ++i) {
            NewJob job;
            job.serverId = server;
            job.queuedMs = offset + i;
            auto id = jobs.create(fixture.alpha(), job);
            const bool ok = id && jobs.markRunning(fixture.alpha(), *id, i)
                && jobs.finish(fixture.alpha(), *id, Policy::JobState::Failed, u"x"_s, i + 1)
                && alerts.raise(fixture.alpha(),
                    { AlertKind::ScheduledRefused, server, serverSubject(server), {}, i });
            if (!ok)
                ++failures;
        }
    };
    QThread *first = QThread::create(worker, 0);
    QThread *second = QThread::create(worker, 1000);
    first->start();
    second->start();
    QVERIFY(first->wait(120000));
    QVERIFY(second->wait(120000));
    delete first;
    delete second;
    QCOMPARE(failures.load(), 0);
    auto active = AlertStore(fixture.db()).listActive(fixture.alpha());
    QVERIFY_RESULT(active);
    QCOMPARE(active->size(), 2); // one job_failed, one scheduled_refused
}

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_database.moc"
