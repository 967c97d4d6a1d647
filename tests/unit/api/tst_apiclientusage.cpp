// The API client's usage call against the real API (ApiFixture: QHttpServer on 127.0.0.1,
// SQLite catalog) with daily samples recorded as kura-server records them after backups, with
// and without the shipped price table.
#include "apifixture.h"
#include "clientwait.h"

#include <catalog/usagestore.h>
#include <csvrecords.h>
#include <policy/pricetable.h>

#include <QFile>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Api::Client;
using Kura::Test::await;

class tst_ApiClientUsage : public QObject {
    Q_OBJECT

private slots:
    void init();
    void readsAMonthWithoutPrices();
    void estimatesChargesWithAPriceTable();
    void badMonthNamesTheField();
    void csvListsEveryServerAndTheTotal();
    void namesTheCurrentMonthAndTheMonthsWithSamples();

private:
    bool record(qint64 server, const QString &name, QDate day, qint64 bytes);

    std::unique_ptr<Test::ApiFixture> f;
    std::unique_ptr<ApiClient> client;
    std::optional<Policy::PriceTable> prices;
    qint64 web = 0;
    qint64 db = 0;
};

void tst_ApiClientUsage::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    f = std::make_unique<Test::ApiFixture>();
    QVERIFY(f->ok());
    web = f->addServer(f->alpha, u"web"_s, Test::ApiFixture::immediatePlan());
    db = f->addServer(f->alpha, u"db"_s, Test::ApiFixture::immediatePlan());
    QVERIFY(web && db);
    QVERIFY(record(web, u"web"_s, QDate(2026, 1, 1), 10'000'000'000));
    QVERIFY(record(web, u"web"_s, QDate(2026, 1, 2), 30'000'000'000));
    QVERIFY(record(db, u"db"_s, QDate(2026, 1, 2), 5'000'000'000));
    QVERIFY(record(db, u"db"_s, QDate(2026, 2, 1), 7'000'000'000)); // another month
    client = std::make_unique<ApiClient>();
    client->setBaseUrl(f->url({}));
    client->setToken(f->login(u"alpha"_s, u"viewer"_s));
}

bool tst_ApiClientUsage::record(qint64 server, const QString &name, QDate day, qint64 bytes)
{
    Catalog::UsageSample sample;
    sample.serverId = server;
    sample.serverName = name;
    sample.day = day;
    sample.protectedBytes = bytes;
    return bool(Catalog::UsageStore(f->db()).record(f->alpha, sample));
}

void tst_ApiClientUsage::readsAMonthWithoutPrices()
{
    auto usage = await<UsageReport>([&](auto done) { client->usage(u"2026-01"_s, this, done); });
    QVERIFY_API(usage);
    QCOMPARE(usage->month, u"2026-01"_s);
    QVERIFY(usage->currency.isEmpty());
    QVERIFY(!usage->estimatedCharge);
    QCOMPARE(usage->servers.size(), 2);
    const ServerUsage &first = usage->servers.at(0); // ordered by server id: web
    QCOMPARE(first.serverId, web);
    QCOMPARE(first.name, u"web"_s);
    QCOMPARE(first.days.size(), 2);
    QCOMPARE(first.days.at(1).day, QDate(2026, 1, 2));
    QCOMPARE(first.days.at(1).protectedBytes, 30'000'000'000);
    QCOMPARE(first.storage, u"local"_s); // the menu of the month's last sample
    QCOMPARE(first.timing, u"immediate"_s);
    QCOMPARE(first.retentionDays, 7);
    QVERIFY(!first.estimatedCharge);
    QVERIFY(first.averageBytes > 0);
    QCOMPARE(usage->averageBytes, first.averageBytes + usage->servers.at(1).averageBytes);

    // The current month by default (the fixture's clock stands at 2026-01-01).
    auto current = await<UsageReport>([&](auto done) { client->usage({}, this, done); });
    QVERIFY_API(current);
    QCOMPARE(current->month, u"2026-01"_s);
}

void tst_ApiClientUsage::estimatesChargesWithAPriceTable()
{
    QFile file(QStringLiteral(QT_TESTCASE_SOURCEDIR) + u"/../../../resources/prices.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    auto table = Policy::PriceTable::fromJson(file.readAll());
    QVERIFY_RESULT(table);
    prices = *table;
    f->api = std::make_unique<Api::ApiService>(Api::ApiContext { f->db(), *f->scheduler, f->remover,
        f->clock, *f->auth, Policy::defaultRegionMatrix(), {}, nullptr, nullptr, &*prices });
    auto usage = await<UsageReport>([&](auto done) { client->usage(u"2026-01"_s, this, done); });
    QVERIFY_API(usage);
    QCOMPARE(usage->currency, u"JPY"_s);
    QVERIFY(usage->estimatedCharge);
    qint64 sum = 0;
    for (const ServerUsage &server : std::as_const(usage->servers)) {
        QVERIFY2(server.estimatedCharge, qPrintable(server.chargeError));
        QVERIFY(*server.estimatedCharge > 0);
        sum += *server.estimatedCharge;
    }
    QCOMPARE(*usage->estimatedCharge, sum);
}

void tst_ApiClientUsage::badMonthNamesTheField()
{
    auto bad = await<UsageReport>([&](auto done) { client->usage(u"2026-13"_s, this, done); });
    QVERIFY(!bad);
    QCOMPARE(bad.error().httpStatus, 400);
    QCOMPARE(bad.error().field(), u"month"_s);
}

void tst_ApiClientUsage::csvListsEveryServerAndTheTotal()
{
    auto json = await<UsageReport>([&](auto done) { client->usage(u"2026-01"_s, this, done); });
    QVERIFY_API(json);
    auto csv = await<QByteArray>([&](auto done) { client->usageCsv(u"2026-01"_s, this, done); });
    QVERIFY_API(csv);
    auto document = Models::parseCsv(*csv);
    QVERIFY_RESULT(document);
    QCOMPARE(document->byteOrderMark, QByteArray("\xEF\xBB\xBF"));
    QVERIFY(csv->endsWith("\r\n"));
    const QList<Models::CsvRecord> &records = document->records;
    QCOMPARE(records.size(), 1 + 2 + 1); // header, web, db, total
    QCOMPARE(records.at(0).fields,
        QStringList({ u"month"_s, u"serverId"_s, u"server"_s, u"storage"_s, u"timing"_s, u"retentionDays"_s,
            u"averageBytes"_s, u"estimatedCharge"_s, u"currency"_s, u"chargeError"_s }));
    for (int i = 0; i < 2; ++i) {
        const ServerUsage &server = json->servers.at(i);
        const QStringList &fields = records.at(1 + i).fields;
        QCOMPARE(fields.at(0), u"2026-01"_s);
        QCOMPARE(fields.at(1), QString::number(server.serverId));
        QCOMPARE(fields.at(2), server.name);
        QCOMPARE(fields.at(3), u"local"_s);
        QCOMPARE(fields.at(6), QString::number(qRound64(server.averageBytes)));
        QVERIFY(fields.at(7).isEmpty()); // no price table: no charge
    }
    const QStringList &total = records.last().fields;
    QVERIFY(total.at(1).isEmpty() && total.at(2).isEmpty());
    QCOMPARE(total.at(6), QString::number(qRound64(json->averageBytes)));

    // A name that needs quoting comes back whole.
    QVERIFY(record(web, u"web, \"front\""_s, QDate(2026, 1, 3), 1));
    csv = await<QByteArray>([&](auto done) { client->usageCsv(u"2026-01"_s, this, done); });
    QVERIFY_API(csv);
    QVERIFY(csv->contains("\"web, \"\"front\"\"\""));
    document = Models::parseCsv(*csv);
    QVERIFY_RESULT(document);
    QCOMPARE(document->records.at(1).fields.at(2), u"web, \"front\""_s);

    auto bad = await<QByteArray>([&](auto done) { client->usageCsv(u"01-2026"_s, this, done); });
    QVERIFY(!bad);
    QCOMPARE(bad.error().field(), u"month"_s);
}

// For a month picker: the server's current month by its clock, and every month with samples of
// the tenant (whatever month was asked for).
void tst_ApiClientUsage::namesTheCurrentMonthAndTheMonthsWithSamples()
{
    QVERIFY(record(web, u"web"_s, QDate(2025, 6, 30), 1));
    auto january = await<UsageReport>([&](auto done) { client->usage(u"2025-06"_s, this, done); });
    QVERIFY_API(january);
    QCOMPARE(january->month, u"2025-06"_s);
    QCOMPARE(january->currentMonth, u"2026-01"_s); // the fixture's clock
    QCOMPARE(january->months, (QStringList { u"2026-02"_s, u"2026-01"_s, u"2025-06"_s }));
    // Another tenant has no samples.
    ApiClient other;
    other.setBaseUrl(f->url({}));
    other.setToken(f->login(u"beta"_s, u"admin"_s));
    auto empty = await<UsageReport>([&](auto done) { other.usage({}, this, done); });
    QVERIFY_API(empty);
    QVERIFY(empty->months.isEmpty());
    // The server's calendar moves on (a new login: the old one has expired by then).
    f->clock.advanceDays(45);
    client->setToken(f->login(u"alpha"_s, u"viewer"_s));
    auto later = await<UsageReport>([&](auto done) { client->usage({}, this, done); });
    QVERIFY_API(later);
    QCOMPARE(later->month, u"2026-02"_s);
    QCOMPARE(later->currentMonth, u"2026-02"_s);
    // The CSV document stays as it was: no month list in it.
    auto csv = await<QByteArray>([&](auto done) { client->usageCsv(u"2026-01"_s, this, done); });
    QVERIFY_API(csv);
    QVERIFY(!csv->contains("2025-06"));
}

QTEST_GUILESS_MAIN(tst_ApiClientUsage)
#include "tst_apiclientusage.moc"
