// UsageModel under the model tester: rows, roles, the tenant total, daily series, incremental
// updates within a month and a reset for another month.
#include <usagemodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Api::Client;
using Kura::Models::UsageModel;

namespace {
ServerUsage server(qint64 id, const QString &name, QList<qint64> bytesPerDay, std::optional<qint64> charge)
{
    ServerUsage s;
    s.serverId = id;
    s.name = name;
    s.storage = u"double"_s;
    s.timing = u"daily"_s;
    s.retentionDays = 30;
    double sum = 0;
    for (int i = 0; i < bytesPerDay.size(); ++i) {
        s.days.append({ QDate(2026, 1, i + 1), bytesPerDay.at(i) });
        sum += double(bytesPerDay.at(i));
    }
    s.averageBytes = sum / 31;
    s.estimatedCharge = charge;
    if (!charge)
        s.chargeError = u"no price for double/daily/30"_s;
    return s;
}

UsageReport report(const QString &month, const QList<ServerUsage> &servers)
{
    UsageReport r;
    r.month = month;
    r.currency = u"JPY"_s;
    r.servers = servers;
    bool charged = true;
    qint64 charge = 0;
    for (const ServerUsage &s : servers) {
        r.averageBytes += s.averageBytes;
        charged = charged && s.estimatedCharge.has_value();
        charge += s.estimatedCharge.value_or(0);
    }
    if (charged)
        r.estimatedCharge = charge;
    return r;
}
} // namespace

class tst_UsageModel : public QObject
{
    Q_OBJECT

private slots:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void showsServersAndTotal();
    void seriesOfAServerAndOfTheTenant();
    void sameMonthUpdatesInPlace();
    void anotherMonthResets();
    void sortsOnRawValues();
    void clearForgetsTheMonth();
    void offeredMonthsFollowTheReports();
};

void tst_UsageModel::showsServersAndTotal()
{
    UsageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy total(&model, &UsageModel::totalChanged);
    model.setReport(report(u"2026-01"_s, { server(4, u"web"_s, { 100, 300 }, 1200), server(9, u"db"_s, { 50 }, std::nullopt) }));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(total.size(), 1);
    QCOMPARE(model.total().month, u"2026-01"_s);
    QCOMPARE(model.total().servers, 2);
    QVERIFY(!model.total().estimatedCharge); // db has no price
    QCOMPARE(model.total().averageBytes, 450.0 / 31);

    QCOMPARE(model.index(0, UsageModel::Server).data().toString(), u"web"_s);
    QCOMPARE(model.index(0, UsageModel::Server).data(UsageModel::IdRole).toLongLong(), 4);
    QVERIFY(!model.index(0, UsageModel::Plan).data().toString().isEmpty());
    QCOMPARE(model.index(0, UsageModel::AverageBytes).data(UsageModel::AverageBytesRole).toDouble(), 400.0 / 31);
    QCOMPARE(model.index(0, UsageModel::Charge).data(UsageModel::ChargeRole).toLongLong(), 1200);
    QVERIFY(model.index(0, UsageModel::Charge).data().toString().contains(u"JPY"_s));
    QCOMPARE(model.index(0, UsageModel::Samples).data(UsageModel::SampleCountRole).toInt(), 2);
    QCOMPARE(model.index(1, UsageModel::Charge).data(UsageModel::ChargeRole).toLongLong(), -1);
    QVERIFY(model.index(1, UsageModel::Charge).data(Qt::ToolTipRole).toString().contains(u"double/daily/30"_s));
    QCOMPARE(model.chargeText(std::nullopt), QString());
}

void tst_UsageModel::seriesOfAServerAndOfTheTenant()
{
    UsageModel model;
    model.setReport(report(u"2026-01"_s, { server(4, u"web"_s, { 100, 300 }, 1), server(9, u"db"_s, { 50 }, 2) }));
    const QMap<QDate, qint64> web = model.dailySeries(4);
    QCOMPARE(web.size(), 2);
    QCOMPARE(web.value(QDate(2026, 1, 2)), 300);
    // db has no sample on the 2nd: its sample of the 1st still counts.
    const QMap<QDate, qint64> tenant = model.dailySeries();
    QCOMPARE(tenant.size(), 2);
    QCOMPARE(tenant.value(QDate(2026, 1, 1)), 150);
    QCOMPARE(tenant.value(QDate(2026, 1, 2)), 350);
    QVERIFY(model.dailySeries(77).isEmpty());

    // A server sampled from the 3rd on joins the sum from then.
    ServerUsage late = server(12, u"mail"_s, {}, 3);
    late.days = { { QDate(2026, 1, 3), 1000 }, { QDate(2026, 1, 4), 1200 } };
    model.setReport(report(u"2026-01"_s, { server(4, u"web"_s, { 100, 300 }, 1), server(9, u"db"_s, { 50 }, 2), late }));
    const QMap<QDate, qint64> more = model.dailySeries();
    QCOMPARE(more.keys(), QList<QDate>({ QDate(2026, 1, 1), QDate(2026, 1, 2), QDate(2026, 1, 3), QDate(2026, 1, 4) }));
    QCOMPARE(more.value(QDate(2026, 1, 2)), 350);
    QCOMPARE(more.value(QDate(2026, 1, 3)), 1350);
    QCOMPARE(more.value(QDate(2026, 1, 4)), 1550);
}

void tst_UsageModel::sameMonthUpdatesInPlace()
{
    UsageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReport(report(u"2026-01"_s, { server(4, u"web"_s, { 100 }, 1), server(9, u"db"_s, { 50 }, 2) }));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy updated(&model, &UsageModel::updated);
    QSignalSpy total(&model, &UsageModel::totalChanged);

    model.setReport(report(u"2026-01"_s, { server(4, u"web"_s, { 100 }, 1), server(9, u"db"_s, { 50 }, 2) }));
    QCOMPARE(changed.size(), 0); // unchanged: nothing at all
    QCOMPARE(total.size(), 0);

    model.setReport(report(u"2026-01"_s, { server(4, u"web"_s, { 100, 120 }, 3), server(9, u"db"_s, { 50 }, 2),
                                            server(12, u"mail"_s, { 7 }, 1) }));
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(updated.last().at(0).toInt(), 1); // inserted
    QCOMPARE(updated.last().at(1).toInt(), 1); // changed
    QCOMPARE(total.size(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, UsageModel::Samples).data(UsageModel::SampleCountRole).toInt(), 2);
}

void tst_UsageModel::anotherMonthResets()
{
    UsageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReport(report(u"2026-01"_s, { server(4, u"web"_s, { 100 }, 1) }));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setReport(report(u"2025-12"_s, { server(4, u"web"_s, { 100 }, 1) }));
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.total().month, u"2025-12"_s);
}

void tst_UsageModel::sortsOnRawValues()
{
    UsageModel model;
    model.setReport(report(u"2026-01"_s, { server(1, u"a"_s, { 9'000'000'000 }, 10), server(2, u"b"_s, { 900 }, 200),
                                            server(3, u"c"_s, { 80'000 }, std::nullopt) }));
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(UsageModel::SortRole);
    proxy.sort(UsageModel::AverageBytes, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), u"a"_s);
    QCOMPARE(proxy.index(2, 0).data().toString(), u"b"_s); // 900 B below 80 kB, not by text
    proxy.sort(UsageModel::Charge, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), u"c"_s); // not estimated first
    QCOMPARE(proxy.index(2, 0).data().toString(), u"b"_s);
}

void tst_UsageModel::clearForgetsTheMonth()
{
    UsageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReport(report(u"2026-01"_s, { server(4, u"web"_s, { 100 }, 1) }));
    QSignalSpy total(&model, &UsageModel::totalChanged);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(total.size(), 1);
    QVERIFY(model.total().month.isEmpty());
    QVERIFY(model.dailySeries().isEmpty());
}

void tst_UsageModel::offeredMonthsFollowTheReports()
{
    UsageModel model;
    QVERIFY(model.offeredMonths().isEmpty());
    QCOMPARE(UsageModel::monthsBack(u"2026-02"_s, 2), (QStringList { u"2026-02"_s, u"2026-01"_s, u"2025-12"_s }));
    QVERIFY(UsageModel::monthsBack(u"not a month"_s).isEmpty());
    QSignalSpy changed(&model, &UsageModel::monthsChanged);
    UsageReport r = report(u"2026-01"_s, {});
    r.currentMonth = u"2026-02"_s;
    r.months = { u"2026-01"_s, u"2024-07"_s, u"2025-06"_s };
    model.setReport(r);
    QCOMPARE(changed.size(), 1);
    // The current month and the twelve before it, then the older months with samples.
    QStringList expected = UsageModel::monthsBack(u"2026-02"_s);
    expected << u"2024-07"_s;
    QCOMPARE(model.offeredMonths(), expected);
    // The same months again: no signal; a new calendar month: the list moves on.
    r.month = u"2025-06"_s;
    model.setReport(r);
    QCOMPARE(changed.size(), 1);
    r.currentMonth = u"2026-03"_s;
    model.setReport(r);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(model.offeredMonths().first(), u"2026-03"_s);
    QCOMPARE(model.offeredMonths().size(), 14); // 2026-03 back to 2025-03, then 2024-07
    QCOMPARE(model.offeredMonths().last(), u"2024-07"_s);
    // A server that does not name its current month: the report's month stands in.
    UsageReport old = report(u"2025-11"_s, {});
    model.setReport(old);
    QCOMPARE(model.offeredMonths(), UsageModel::monthsBack(u"2025-11"_s));
    model.clear();
    QVERIFY(model.offeredMonths().isEmpty());
    QCOMPARE(changed.size(), 4);
}

QTEST_GUILESS_MAIN(tst_UsageModel)
#include "tst_usagemodel.moc"
