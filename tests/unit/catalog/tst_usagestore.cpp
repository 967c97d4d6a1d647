#include "catalogfixture.h"

#include <catalog/auditlog.h>
#include <catalog/serverstore.h>
#include <catalog/usagestore.h>
#include <testsupport.h>

#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Catalog;

class tst_UsageStore : public QObject {
    Q_OBJECT
private slots:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void recordsOneSamplePerServerAndDay();
    void samplesOutliveTheirServer();
    void rejectsBadSamples_data();
    void rejectsBadSamples();
    void auditLogNewestFirst();
    void monthsWithSamplesNewestFirst();
};

void tst_UsageStore::recordsOneSamplePerServerAndDay()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    const qint64 a = f.addServer(f.alpha(), u"a"_s);
    const qint64 b = f.addServer(f.alpha(), u"b"_s);
    UsageStore usage(f.db());
    const QDate day(2026, 11, 1);
    QVERIFY_RESULT(usage.record(
        f.alpha(), { a, u"a"_s, day, 100, Policy::Storage::Local, Policy::Timing::Daily, 7 }));
    QVERIFY_RESULT(usage.record(
        f.alpha(), { a, u"a"_s, day, 150, Policy::Storage::Double, Policy::Timing::Daily, 30 }));
    QVERIFY_RESULT(usage.record(f.alpha(),
        { a, u"a"_s, day.addDays(1), 200, Policy::Storage::Double, Policy::Timing::Daily, 30 }));
    QVERIFY_RESULT(usage.record(f.alpha(),
        { b, u"b"_s, day.addDays(30), 5, Policy::Storage::Local, Policy::Timing::Weekly, 365 }));
    auto november = usage.samples(f.alpha(), QDate(2026, 11, 1), QDate(2026, 11, 30));
    QVERIFY_RESULT(november);
    QCOMPARE(november->size(), 2);
    QCOMPARE(november->at(0).protectedBytes, 150); // replaced, not added
    QCOMPARE(november->at(0).storage, Policy::Storage::Double);
    QCOMPARE(november->at(1).day, day.addDays(1));
    auto december = usage.samplesForServer(f.alpha(), b, QDate(2026, 12, 1), QDate(2026, 12, 31));
    QCOMPARE(december->size(), 1);
    QCOMPARE(december->at(0).retentionDays, 365);
}

void tst_UsageStore::samplesOutliveTheirServer()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    const qint64 a = f.addServer(f.alpha(), u"gone"_s);
    UsageStore usage(f.db());
    QVERIFY_RESULT(usage.record(f.alpha(),
        { a, u"gone"_s, QDate(2026, 1, 5), 9, Policy::Storage::Local, Policy::Timing::Daily, 7 }));
    QVERIFY_RESULT(ServerStore(f.db()).remove(f.alpha(), a));
    auto samples = usage.samples(f.alpha(), QDate(2026, 1, 1), QDate(2026, 1, 31));
    QCOMPARE(samples->size(), 1);
    QCOMPARE(samples->at(0).serverName, u"gone"_s);
    // But no new sample for a deleted server.
    QCOMPARE(usage
                 .record(f.alpha(),
                     { a, u"gone"_s, QDate(2026, 1, 6), 9, Policy::Storage::Local,
                         Policy::Timing::Daily, 7 })
                 .error()
                 .code(),
        ErrorCode::NotFound);
}

void tst_UsageStore::rejectsBadSamples_data()
{
    QTest::addColumn<QDate>("day");
    QTest::addColumn<qint64>("bytes");
    QTest::newRow("invalid day") << QDate() << qint64(1);
    QTest::newRow("negative bytes") << QDate(2026, 1, 1) << qint64(-1);
}

void tst_UsageStore::rejectsBadSamples()
{
    QFETCH(QDate, day);
    QFETCH(qint64, bytes);
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    const qint64 a = f.addServer(f.alpha(), u"a"_s);
    auto refused = UsageStore(f.db()).record(
        f.alpha(), { a, u"a"_s, day, bytes, Policy::Storage::Local, Policy::Timing::Daily, 7 });
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), ErrorCode::InvalidArgument);
}

void tst_UsageStore::monthsWithSamplesNewestFirst()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    const qint64 a = f.addServer(f.alpha(), u"a"_s);
    const qint64 b = f.addServer(f.alpha(), u"b"_s);
    const qint64 other = f.addServer(f.beta(), u"other"_s);
    UsageStore usage(f.db());
    QCOMPARE(*usage.months(f.alpha()), QStringList());
    for (const QDate day : { QDate(2025, 3, 31), QDate(2026, 11, 1), QDate(2026, 11, 30), QDate(2026, 1, 15) })
        QVERIFY_RESULT(usage.record(f.alpha(), { a, u"a"_s, day, 1, Policy::Storage::Local, Policy::Timing::Daily, 7 }));
    QVERIFY_RESULT(usage.record(f.alpha(),
        { b, u"b"_s, QDate(2026, 11, 2), 1, Policy::Storage::Local, Policy::Timing::Daily, 7 }));
    QVERIFY_RESULT(usage.record(f.beta(),
        { other, u"other"_s, QDate(2026, 12, 1), 1, Policy::Storage::Local, Policy::Timing::Daily, 7 }));
    auto months = usage.months(f.alpha());
    QVERIFY_RESULT(months);
    QCOMPARE(*months, (QStringList { u"2026-11"_s, u"2026-01"_s, u"2025-03"_s }));
    QCOMPARE(*usage.months(f.beta()), QStringList { u"2026-12"_s });
}

void tst_UsageStore::auditLogNewestFirst()
{
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    AuditLog log(f.db());
    const AuditEntry first { 0, u"admin"_s, u"server.protect"_s, u"server:1"_s, 100, u"daily"_s };
    const AuditEntry second { 0, u"operator"_s, u"job.stop"_s, u"job:9"_s, 200, {} };
    auto firstId = log.append(f.alpha(), first);
    auto secondId = log.append(f.alpha(), second);
    QVERIFY_RESULT(firstId);
    QVERIFY_RESULT(secondId);
    auto entries = log.list(f.alpha(), 0, 10);
    QVERIFY_RESULT(entries);
    QCOMPARE(entries->size(), 2);
    AuditEntry expected = second;
    expected.id = *secondId;
    QCOMPARE(entries->at(0), expected);
    QCOMPARE(log.list(f.alpha(), 150, 10)->size(), 1);
    QCOMPARE(log.append(f.alpha(), { 0, QString(), u"x"_s, {}, 1, {} }).error().code(),
        ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(tst_UsageStore)
#include "tst_usagestore.moc"
