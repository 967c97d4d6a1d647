// GET /dr (disaster recovery, SPEC §12) against the real API (ApiFixture: QHttpServer on
// 127.0.0.1, SQLite catalog), and the client's reading of the document in both of its shapes.
#include "apifixture.h"
#include "clientwait.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Api::Client;
using Kura::Test::await;

class tst_ApiDr : public QObject {
    Q_OBJECT

private slots:
    void init();
    void saysNotConfigured();
    void needsALogin();
    void clientReadsNotConfigured();
    void clientReadsAConfiguredState();
    void clientRejectsMalformedDocuments_data();
    void clientRejectsMalformedDocuments();

private:
    std::unique_ptr<Test::ApiFixture> f;
};

void tst_ApiDr::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    f = std::make_unique<Test::ApiFixture>();
    QVERIFY(f->ok());
}

void tst_ApiDr::saysNotConfigured()
{
    const auto reply = f->get(u"/api/v1/dr"_s, f->login(u"alpha"_s, u"viewer"_s));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json, QJsonObject({ { u"configured"_s, false } }));
}

void tst_ApiDr::needsALogin()
{
    QCOMPARE(f->get(u"/api/v1/dr"_s, {}).status, 401);
}

void tst_ApiDr::clientReadsNotConfigured()
{
    ApiClient client;
    client.setBaseUrl(f->url({}));
    client.setToken(f->login(u"alpha"_s, u"viewer"_s));
    auto dr = await<DrStatus>([&](auto done) { client.drStatus(this, done); });
    QVERIFY_API(dr);
    QVERIFY(!dr->configured);
    QVERIFY(dr->state.isEmpty());
    QVERIFY(dr->steps.isEmpty());
    QVERIFY(!dr->lastCatalogCopyAt.isValid());
}

void tst_ApiDr::clientReadsAConfiguredState()
{
    const QJsonObject json { { u"configured"_s, true }, { u"state"_s, u"standby"_s },
        { u"lastCatalogCopyAt"_s, u"2026-11-23T09:00:00+09:00"_s },
        { u"steps"_s, QJsonArray { QJsonObject { { u"name"_s, u"copy-catalog"_s }, { u"state"_s, u"done"_s } },
                          QJsonObject { { u"name"_s, u"verify"_s }, { u"state"_s, u"pending"_s },
                              { u"detail"_s, u"waits for the copy"_s } } } } };
    auto dr = DrStatus::fromJson(json);
    QVERIFY_RESULT(dr);
    QVERIFY(dr->configured);
    QCOMPARE(dr->state, u"standby"_s);
    QCOMPARE(dr->lastCatalogCopyAt, QDateTime(QDate(2026, 11, 23), QTime(0, 0), Qt::UTC));
    QCOMPARE(dr->steps.size(), 2);
    QCOMPARE(dr->steps.at(1).name, u"verify"_s);
    QCOMPARE(dr->steps.at(1).detail, u"waits for the copy"_s);
}

void tst_ApiDr::clientRejectsMalformedDocuments_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("field");
    QTest::newRow("configured missing") << QJsonObject {} << u"configured"_s;
    QTest::newRow("configured not a boolean") << QJsonObject { { u"configured"_s, u"no"_s } } << u"configured"_s;
    QTest::newRow("step without a name")
        << QJsonObject { { u"configured"_s, true },
               { u"steps"_s, QJsonArray { QJsonObject { { u"state"_s, u"done"_s } } } } }
        << u"steps[0].name"_s;
    QTest::newRow("copy time not a time")
        << QJsonObject { { u"configured"_s, true }, { u"lastCatalogCopyAt"_s, u"yesterday"_s } }
        << u"lastCatalogCopyAt"_s;
}

void tst_ApiDr::clientRejectsMalformedDocuments()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, field);
    auto dr = DrStatus::fromJson(json);
    QVERIFY(!dr);
    QCOMPARE(dr.error().code(), ErrorCode::Corrupt);
    QVERIFY2(dr.error().message().startsWith(field), qPrintable(dr.error().message()));
}

QTEST_GUILESS_MAIN(tst_ApiDr)
#include "tst_apidr.moc"
