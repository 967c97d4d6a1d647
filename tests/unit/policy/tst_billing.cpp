#include "policytestutil.h"

#include <policy/billing.h>

#include <testsupport.h>

#include <QTest>

using namespace Kura;
using namespace Kura::Policy;
using Kura::Test::utcMs;

using Samples = QList<UsageSample>;
using Periods = QList<PlanPeriod>;

namespace {

constexpr qint64 GB = 1000 * 1000 * 1000;
const Menu LocalDaily30 { Storage::Local, Timing::Daily, 30 };   // 15 JPY per GB-month
const Menu DoubleDaily30 { Storage::Double, Timing::Daily, 30 }; // 28.5 JPY per GB-month
const Menu LocalWeekly7 { Storage::Local, Timing::Weekly, 7 };   // 6 JPY per GB-month

PriceTable examplePrices()
{
    const auto table = PriceTable::fromJson(Test::resourceFile("prices.json"));
    Q_ASSERT(table);
    return table ? *table : PriceTable();
}

// One sample a day at 00:30 UTC, for the days [firstDay, lastDay] of April 2026.
Samples aprilSamples(int firstDay, int lastDay, qint64 bytes)
{
    Samples samples;
    for (int day = firstDay; day <= lastDay; ++day)
        samples.append({ utcDayStartMs(QDate(2026, 4, day)) + 30 * MsPerMinute, bytes });
    return samples;
}

} // namespace

class tst_Billing : public QObject
{
    Q_OBJECT
private slots:
    void examplePriceTableSellsEveryMenu();
    void rejectsBadPriceTables_data();
    void rejectsBadPriceTables();
    void answersMutatedInputWithValueOrError();
    void charges_data();
    void charges();
    void planChangeMidMonthIsProrated();
    void reportsMissingPriceAndBadInput();
    void averagesOnlyTheMonthsSamples();
};

void tst_Billing::examplePriceTableSellsEveryMenu()
{
    const auto table = PriceTable::fromJson(Test::resourceFile("prices.json"));
    QVERIFY_RESULT(table);
    QCOMPARE(table->currency(), QStringLiteral("JPY"));
    QCOMPARE(table->entries().size(), 18);
    for (Storage storage : { Storage::Local, Storage::Double })
        for (Timing timing : { Timing::Immediate, Timing::Daily, Timing::Weekly })
            for (int retention : offeredRetentionDays())
                QVERIFY2(table->pricePerGbMonth({ storage, timing, retention }),
                    qPrintable(menuKey({ storage, timing, retention })));
    QCOMPARE(table->pricePerGbMonth(DoubleDaily30), std::optional<double>(28.5));
    QCOMPARE(table->pricePerGbMonth({ Storage::Local, Timing::Daily, 14 }), std::nullopt);
    QCOMPARE(menuKey(DoubleDaily30), QStringLiteral("double/daily/30"));
    QCOMPARE(menuOf(Test::weeklyPlan(3, 1, 7)), LocalWeekly7);
}

void tst_Billing::rejectsBadPriceTables_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *name, const char *entries, const char *message) {
        QTest::newRow(name) << QByteArray(
                                   R"({"version":1,"currency":"JPY","unit":"GB-month","prices":[)")
                + entries
                + "]}" << QString::fromUtf8(message);
    };
    row("entry not an object", "1", "prices[0]: not an object");
    row("storage unknown",
        R"({"storage":"triple","timing":"daily","retentionDays":7,"pricePerGbMonth":1})",
        "prices[0].storage: \"triple\" is not a storage");
    row("timing unknown",
        R"({"storage":"local","timing":"hourly","retentionDays":7,"pricePerGbMonth":1})",
        "prices[0].timing: \"hourly\" is not a timing");
    row("retention fractional",
        R"({"storage":"local","timing":"daily","retentionDays":7.5,"pricePerGbMonth":1})",
        "prices[0].retentionDays: not an integer");
    row("retention zero",
        R"({"storage":"local","timing":"daily","retentionDays":0,"pricePerGbMonth":1})",
        "prices[0].retentionDays: 0 is outside 1..3650");
    row("price negative",
        R"({"storage":"local","timing":"daily","retentionDays":7,"pricePerGbMonth":-1})",
        "prices[0].pricePerGbMonth: -1 is outside");
    row("price missing", R"({"storage":"local","timing":"daily","retentionDays":7})",
        "prices[0].pricePerGbMonth: missing");
    row("price as text",
        R"({"storage":"local","timing":"daily","retentionDays":7,"pricePerGbMonth":"9"})",
        "prices[0].pricePerGbMonth: not a number");
    row("menu listed twice",
        R"({"storage":"local","timing":"daily","retentionDays":7,"pricePerGbMonth":1},
           {"storage":"local","timing":"daily","retentionDays":7,"pricePerGbMonth":2})",
        "prices[1]: menu local/daily/7 is listed twice");
    row("misspelled field",
        R"({"storage":"local","timing":"daily","retention":7,"pricePerGbMonth":1})",
        "prices[0].retention: unknown field");
    QTest::newRow("currency not a code")
        << QByteArray(R"({"version":1,"currency":"yen","unit":"GB-month","prices":[]})")
        << QStringLiteral("currency: \"yen\" is not an ISO 4217 code");
    QTest::newRow("unit per TB") << QByteArray(
        R"({"version":1,"currency":"JPY","unit":"TB-month","prices":[]})")
                                 << QStringLiteral("unit: \"TB-month\" is not supported");
    QTest::newRow("prices missing")
        << QByteArray(R"({"version":1,"currency":"JPY","unit":"GB-month"})")
        << QStringLiteral("prices: missing");
    QTest::newRow("truncated") << QByteArray(R"({"version":1,"curr)")
                               << QStringLiteral("price table: invalid JSON");
}

void tst_Billing::rejectsBadPriceTables()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const auto table = PriceTable::fromJson(json);
    QVERIFY(!table);
    QCOMPARE(table.error().code(), ErrorCode::Corrupt);
    if (!table.error().message().startsWith(message))
        QFAIL(qPrintable(QStringLiteral("unexpected message: ") + table.error().message()));
}

void tst_Billing::answersMutatedInputWithValueOrError()
{
    for (const QByteArray &input : Test::mutationsOf(Test::resourceFile("prices.json"), 3000, 9)) {
        const auto table = PriceTable::fromJson(input);
        if (table) {
            QVERIFY(table->entries().size() <= 18 + 1);
            for (const PriceEntry &entry : table->entries())
                QVERIFY(
                    entry.pricePerGbMonth >= 0 && entry.pricePerGbMonth <= PriceTable::MaxPrice);
        } else {
            QVERIFY(!table.error().message().isEmpty());
        }
    }
}

void tst_Billing::charges_data()
{
    QTest::addColumn<Samples>("samples");
    QTest::addColumn<Periods>("periods");
    QTest::addColumn<qint64>("total");
    const qint64 march = utcMs("2026-03-01T00:00:00Z");
    QTest::newRow("whole month, one menu: average x price")
        << aprilSamples(1, 30, 100 * GB) << Periods { { march, LocalDaily30 } } << qint64(1500);
    QTest::newRow("usage grows: the average is charged")
        << aprilSamples(1, 10, 10 * GB) + aprilSamples(11, 30, 40 * GB)
        << Periods { { march, LocalDaily30 } } << qint64(450); // average 30 GB x 15
    QTest::newRow("protected from April 21")
        << aprilSamples(21, 30, 50 * GB)
        << Periods { { utcMs("2026-04-21T00:00:00Z"), LocalWeekly7 } }
        << qint64(100); // 50 x 6 x 10/30
    QTest::newRow("unprotected on April 11, samples stop")
        << aprilSamples(1, 10, 300 * GB)
        << Periods { { march, LocalDaily30 }, { utcMs("2026-04-11T00:00:00Z"), std::nullopt } }
        << qint64(1500); // 300 x 15 x 10/30
    QTest::newRow("a stretch without samples uses the month's average")
        << aprilSamples(1, 15, 60 * GB)
        << Periods { { march, LocalDaily30 }, { utcMs("2026-04-16T00:00:00Z"), LocalWeekly7 } }
        << qint64(630); // 60 x 15 x 1/2 + 60 x 6 x 1/2
    QTest::newRow("half a unit rounds up")
        << aprilSamples(1, 30, 1 * GB) << Periods { { march, DoubleDaily30 } }
        << qint64(29); // 28.5
    QTest::newRow("not protected at all") << aprilSamples(1, 30, 1 * GB) << Periods {} << qint64(0);
    QTest::newRow("no samples") << Samples {} << Periods { { march, LocalDaily30 } } << qint64(0);
    QTest::newRow("changes after the month do not count")
        << aprilSamples(1, 30, 10 * GB)
        << Periods { { march, LocalDaily30 }, { utcMs("2026-05-01T00:00:00Z"), DoubleDaily30 } }
        << qint64(150);
}

void tst_Billing::charges()
{
    QFETCH(Samples, samples);
    QFETCH(Periods, periods);
    QFETCH(qint64, total);
    const auto charge = monthlyCharge(examplePrices(), 2026, 4, samples, periods);
    QVERIFY_RESULT(charge);
    QCOMPARE(charge->total, total);
    QCOMPARE(charge->currency, QStringLiteral("JPY"));
}

void tst_Billing::planChangeMidMonthIsProrated()
{
    // The worked example of docs/policy.md: 100 GB on local/daily/30 for April 1-15, then
    // 200 GB on double/daily/30 from April 16 00:00 UTC.
    const Samples samples = aprilSamples(1, 15, 100 * GB) + aprilSamples(16, 30, 200 * GB);
    const qint64 change = utcMs("2026-04-16T00:00:00Z");
    const Periods periods { { change, DoubleDaily30 },
        { utcMs("2026-02-10T09:00:00Z"), LocalDaily30 } }; // any order
    const auto charge = monthlyCharge(examplePrices(), 2026, 4, samples, periods);
    QVERIFY_RESULT(charge);
    QCOMPARE(charge->averageBytes, 150.0 * GB);
    QCOMPARE(charge->sampleCount, 30);
    QCOMPARE(charge->lines.size(), 2);
    const ChargeLine &before = charge->lines.at(0);
    QCOMPARE(before.menu, LocalDaily30);
    QCOMPARE(before.fromMs, utcMs("2026-04-01T00:00:00Z"));
    QCOMPARE(before.toMs, change);
    QCOMPARE(before.sampleCount, 15);
    QCOMPARE(before.averageBytes, 100.0 * GB);
    QCOMPARE(before.amount, 750.0); // 100 GB x 15 JPY x 15/30
    const ChargeLine &after = charge->lines.at(1);
    QCOMPARE(after.menu, DoubleDaily30);
    QCOMPARE(after.toMs, utcMs("2026-05-01T00:00:00Z"));
    QCOMPARE(after.amount, 2850.0); // 200 GB x 28.5 JPY x 15/30
    QCOMPARE(charge->total, 3600);

    // A change in the middle of a day prorates by the millisecond: 15.5 days at 15 JPY.
    const Periods midDay { { utcMs("2026-03-01T00:00:00Z"), LocalDaily30 },
        { change + 12 * MsPerHour, DoubleDaily30 } };
    const auto split = monthlyCharge(examplePrices(), 2026, 4, samples, midDay);
    QVERIFY_RESULT(split);
    QCOMPARE(split->lines.at(0).sampleCount, 16);
    const double firstAverage = (15 * 100.0 + 200.0) / 16 * GB;
    QCOMPARE(split->lines.at(0).averageBytes, firstAverage);
    QVERIFY(qAbs(split->lines.at(0).amount - firstAverage / GB * 15 * 15.5 / 30) < 1e-9);
    QVERIFY(qAbs(split->lines.at(1).amount - 200.0 * 28.5 * 14.5 / 30) < 1e-9);
    QCOMPARE(split->total, 3578); // 823.44 + 2755, as in docs/policy.md
}

void tst_Billing::reportsMissingPriceAndBadInput()
{
    const Periods periods { { utcMs("2026-03-01T00:00:00Z"),
        Menu { Storage::Local, Timing::Daily, 14 } } };
    auto charge = monthlyCharge(examplePrices(), 2026, 4, aprilSamples(1, 3, GB), periods);
    QVERIFY(!charge);
    QCOMPARE(charge.error().code(), ErrorCode::NotFound);
    QCOMPARE(
        charge.error().message(), QStringLiteral("price table: no price for menu local/daily/14"));

    Samples negative = aprilSamples(1, 3, GB);
    negative[2].protectedBytes = -5;
    charge = monthlyCharge(examplePrices(), 2026, 4, negative, {});
    QVERIFY(!charge);
    QCOMPARE(charge.error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(charge.error().message(), QStringLiteral("samples[2].protectedBytes: -5 is negative"));

    charge = monthlyCharge(examplePrices(), 2026, 13, {}, {});
    QVERIFY(!charge);
    QCOMPARE(charge.error().code(), ErrorCode::InvalidArgument);
}

void tst_Billing::averagesOnlyTheMonthsSamples()
{
    Samples samples = aprilSamples(1, 30, 10 * GB);
    samples.append({ utcMs("2026-03-31T23:59:59.999Z"), 1000 * GB });
    samples.append({ utcMs("2026-05-01T00:00:00Z"), 1000 * GB });
    QCOMPARE(monthlyAverageBytes(samples, 2026, 4), 10.0 * GB);
    QCOMPARE(monthlyAverageBytes(samples, 2026, 2), 0.0);
    const auto bounds = monthBoundsMs(2024, 2);
    QVERIFY(bounds);
    QCOMPARE(bounds->second - bounds->first, 29 * MsPerDay); // leap year
}

QTEST_GUILESS_MAIN(tst_Billing)
#include "tst_billing.moc"
