// GET /servers/{id}/generations/{gen}/search against a real repository: a folder tree with
// nested folders is backed up into the tenant's repository (the server's TenantRepositories),
// its generation recorded in the catalog, and the route walks the generation's trees through
// the server's AgentApi behind the real QHttpServer; the API client reads the answer.
#include "apifixture.h"
#include "clientwait.h"

#include <catalog/generationstore.h>
#include <server/agentapi.h>
#include <server/agenthub.h>
#include <server/tenantrepositories.h>
#include <store/archiver.h>
#include <store/fs/posixfilesystem.h>

#include <api/client/apiclient.h>

#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Api::Client;
using Kura::Test::ApiFixture;
using Kura::Test::Reply;
using Kura::Test::await;

namespace {
const QString Odd = u"50% off+more &x=y #1 \u00fc.txt"_s; // characters a query string must carry
}

class tst_ApiGenerationSearch : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void findsAnEntryDeepInTheGeneration();
    void ignoresCaseAndFindsFolders();
    void truncatesAtTheLimit();
    void clientSendsAnyTextAndReadsTheMatches();
    void badInputIsRefusedWithTheField_data();
    void badInputIsRefusedWithTheField();
    void unknownOrForeignGenerationIsNotFound();
    void runningGenerationIsAConflict();
    void withoutAgentSessionsSearchIsUnavailable();

private:
    Reply search(const QString &query, const QString &token = {});
    QStringList paths(const Reply &reply) const;

    std::unique_ptr<ApiFixture> f;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Server::TenantRepositories> m_repositories;
    std::unique_ptr<Server::AgentHub> m_hub;
    std::unique_ptr<Server::AgentApi> m_agents;
    QString m_source; // the backed-up folder
    QString m_viewer;
    qint64 m_server = 0;
    qint64 m_generation = 0;
};

void tst_ApiGenerationSearch::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    f = std::make_unique<ApiFixture>();
    QVERIFY(f->ok());
    m_dir = std::make_unique<QTemporaryDir>();
    m_repositories = std::make_unique<Server::TenantRepositories>(m_dir->filePath(u"server"_s));
    m_hub = std::make_unique<Server::AgentHub>(f->db(), *m_repositories, f->clock);
    m_agents = std::make_unique<Server::AgentApi>(*m_hub, *m_repositories);
    f->api = std::make_unique<Api::ApiService>(Api::ApiContext { f->db(), *f->scheduler, f->remover, f->clock,
        *f->auth, Policy::defaultRegionMatrix(), {}, nullptr, m_agents.get() });

    m_source = m_dir->filePath(u"source"_s);
    QVERIFY(Test::writeFile(m_source + u"/Docs/Reports/2026/q4/Annual-REPORT.pdf"_s, "annual report"));
    QVERIFY(Test::writeFile(m_source + u"/Docs/readme.txt"_s, "read me"));
    QVERIFY(Test::writeFile(m_source + u"/photos/report-card.JPG"_s, QByteArray(2048, 'j')));
    QVERIFY(Test::writeFile(m_source + u"/misc/"_s + Odd, "odd"));
    for (int i = 0; i < 20; ++i)
        QVERIFY(Test::writeFile(m_source + u"/logs/app-%1.log"_s.arg(i, 2, 10, QLatin1Char('0')), "log"));
    auto repo = m_repositories->repository(f->alpha);
    QVERIFY_RESULT(repo);
    Fs::PosixFileSystem fs;
    Store::Archiver archiver(**repo, fs);
    Store::BackupOptions options;
    options.paths = { QFile::encodeName(m_source) };
    auto backup = archiver.run(options);
    QVERIFY_RESULT(backup);

    m_server = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    QVERIFY(m_server);
    Catalog::GenerationStore generations(f->db());
    auto generation = generations.create(f->alpha, { m_server, std::nullopt, Policy::JobKind::FileBackup,
                                                     ApiFixture::immediatePlan(), f->clock.nowMs() });
    QVERIFY_RESULT(generation);
    QVERIFY_RESULT(generations.complete(f->alpha, *generation, { f->clock.nowMs(), 1, 1, 1, backup->snapshot.id }));
    m_generation = *generation;
    m_viewer = f->login(u"alpha"_s, u"viewer"_s);
    QVERIFY(!m_viewer.isEmpty());
}

void tst_ApiGenerationSearch::cleanup()
{
    f.reset(); // the API first: it refers to the agents
    m_agents.reset();
    m_hub.reset();
    m_repositories.reset();
    m_dir.reset();
}

Reply tst_ApiGenerationSearch::search(const QString &query, const QString &token)
{
    return f->get(u"/api/v1/servers/%1/generations/%2/search?%3"_s.arg(m_server).arg(m_generation).arg(query),
                  token.isEmpty() ? m_viewer : token);
}

QStringList tst_ApiGenerationSearch::paths(const Reply &reply) const
{
    QStringList out;
    for (const QJsonValue &entry : reply.json.value(u"entries"_s).toArray())
        out << entry.toObject().value(u"path"_s).toString().mid(m_source.size());
    return out;
}

// The file lies four folders below any folder a restore browser would have opened.
void tst_ApiGenerationSearch::findsAnEntryDeepInTheGeneration()
{
    const Reply reply = search(u"q=annual"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"query"_s).toString(), u"annual"_s);
    QCOMPARE(reply.json.value(u"truncated"_s).toBool(), false);
    const QJsonArray entries = reply.json.value(u"entries"_s).toArray();
    QCOMPARE(entries.size(), 1);
    const QJsonObject entry = entries.first().toObject();
    QCOMPARE(entry.value(u"path"_s).toString(), m_source + u"/Docs/Reports/2026/q4/Annual-REPORT.pdf"_s);
    QCOMPARE(entry.value(u"name"_s).toString(), u"Annual-REPORT.pdf"_s);
    QCOMPARE(entry.value(u"kind"_s).toString(), u"file"_s);
    QCOMPARE(entry.value(u"size"_s).toInteger(), 13);
    const QDateTime modified = QDateTime::fromString(entry.value(u"modified"_s).toString(), Qt::ISODateWithMs);
    QCOMPARE(modified.toSecsSinceEpoch(),
             QFileInfo(m_source + u"/Docs/Reports/2026/q4/Annual-REPORT.pdf"_s).lastModified().toSecsSinceEpoch());
    // No match is an empty answer, not an error.
    const Reply none = search(u"q=no-such-name"_s);
    QCOMPARE(none.status, 200);
    QCOMPARE(none.json.value(u"entries"_s).toArray().size(), 0);
}

// A folder whose name matches is an entry too; the answer lists each folder's matches, then
// those of its subfolders.
void tst_ApiGenerationSearch::ignoresCaseAndFindsFolders()
{
    const Reply reply = search(u"q=RePoRt"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(paths(reply), (QStringList { u"/Docs/Reports"_s, u"/Docs/Reports/2026/q4/Annual-REPORT.pdf"_s,
                                          u"/photos/report-card.JPG"_s }));
    QCOMPARE(reply.json.value(u"entries"_s).toArray().first().toObject().value(u"kind"_s).toString(), u"directory"_s);
    QCOMPARE(paths(search(u"q=.jpg"_s)), QStringList { u"/photos/report-card.JPG"_s });
}

void tst_ApiGenerationSearch::truncatesAtTheLimit()
{
    const Reply five = search(u"q=app-&limit=5"_s);
    QCOMPARE(five.status, 200);
    QCOMPARE(paths(five), (QStringList { u"/logs/app-00.log"_s, u"/logs/app-01.log"_s, u"/logs/app-02.log"_s,
                                         u"/logs/app-03.log"_s, u"/logs/app-04.log"_s }));
    QCOMPARE(five.json.value(u"truncated"_s).toBool(), true);
    // Exactly as many matches as the limit: nothing left out.
    const Reply twenty = search(u"q=app-&limit=20"_s);
    QCOMPARE(twenty.json.value(u"entries"_s).toArray().size(), 20);
    QCOMPARE(twenty.json.value(u"truncated"_s).toBool(), false);
    // Without a limit, the server's (1000).
    QCOMPARE(search(u"q=.log"_s).json.value(u"entries"_s).toArray().size(), 20);
}

void tst_ApiGenerationSearch::clientSendsAnyTextAndReadsTheMatches()
{
    ApiClient client;
    client.setBaseUrl(f->url({}));
    client.setToken(m_viewer);
    // Percent signs, plus, ampersand, equals, hash, spaces and a non-ASCII letter in another case.
    const QString text = u"% OFF+more &x=y #1 \u00dc"_s;
    auto found = await<GenerationSearch>(
        [&](auto done) { client.searchGeneration(m_server, m_generation, text, 0, this, done); });
    QVERIFY_API(found);
    QCOMPARE(found->query, text);
    QCOMPARE(found->entries.size(), 1);
    QCOMPARE(found->entries.first().path, m_source + u"/misc/"_s + Odd);
    QCOMPARE(found->entries.first().name, Odd);
    QCOMPARE(found->entries.first().kind, u"file"_s);
    QCOMPARE(found->entries.first().sizeBytes, 3);
    QVERIFY(found->entries.first().modified.isValid());
    auto limited = await<GenerationSearch>(
        [&](auto done) { client.searchGeneration(m_server, m_generation, u"app-"_s, 3, this, done); });
    QVERIFY_API(limited);
    QCOMPARE(limited->entries.size(), 3);
    QVERIFY(limited->truncated);
    auto unknown = await<GenerationSearch>(
        [&](auto done) { client.searchGeneration(m_server, 999, u"app-"_s, 0, this, done); });
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
}

void tst_ApiGenerationSearch::badInputIsRefusedWithTheField_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::newRow("no text") << QString() << u"q"_s;
    QTest::newRow("empty text") << u"q="_s << u"q"_s;
    QTest::newRow("only spaces") << u"q=%20%20"_s << u"q"_s;
    QTest::newRow("text of 256 characters") << u"q="_s + QString(256, u'a') << u"q"_s;
    QTest::newRow("limit 0") << u"q=a&limit=0"_s << u"limit"_s;
    QTest::newRow("limit above 1000") << u"q=a&limit=1001"_s << u"limit"_s;
    QTest::newRow("huge limit") << u"q=a&limit=99999999999"_s << u"limit"_s;
    QTest::newRow("limit not a number") << u"q=a&limit=all"_s << u"limit"_s;
}

void tst_ApiGenerationSearch::badInputIsRefusedWithTheField()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    const Reply reply = search(query);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code(), u"invalid_argument"_s);
    QCOMPARE(reply.details().value(u"field"_s).toString(), field);
    QVERIFY(reply.json.value(u"message"_s).toString().contains(field));
}

void tst_ApiGenerationSearch::unknownOrForeignGenerationIsNotFound()
{
    const QString path = u"/api/v1/servers/%1/generations/%2/search?q=report"_s;
    QCOMPARE(f->get(path.arg(m_server).arg(999), m_viewer).status, 404);
    QCOMPARE(f->get(path.arg(999).arg(m_generation), m_viewer).status, 404);
    // The generation of another server of the tenant.
    const qint64 other = f->addServer(f->alpha, u"db"_s, ApiFixture::immediatePlan());
    QCOMPARE(f->get(path.arg(other).arg(m_generation), m_viewer).status, 404);
    // Another tenant's admin learns nothing.
    const Reply foreign = f->get(path.arg(m_server).arg(m_generation), f->login(u"beta"_s, u"admin"_s));
    QCOMPARE(foreign.status, 404);
    QVERIFY(!foreign.body.contains("Annual"));
    QCOMPARE(f->get(path.arg(m_server).arg(m_generation), QString()).status, 401);
}

void tst_ApiGenerationSearch::runningGenerationIsAConflict()
{
    auto running = Catalog::GenerationStore(f->db()).create(
        f->alpha, { m_server, std::nullopt, Policy::JobKind::FileBackup, ApiFixture::immediatePlan(), f->clock.nowMs() });
    QVERIFY_RESULT(running);
    const Reply reply = f->get(u"/api/v1/servers/%1/generations/%2/search?q=report"_s.arg(m_server).arg(*running), m_viewer);
    QCOMPARE(reply.status, 409);
}

void tst_ApiGenerationSearch::withoutAgentSessionsSearchIsUnavailable()
{
    f->api = std::make_unique<Api::ApiService>(Api::ApiContext { f->db(), *f->scheduler, f->remover, f->clock,
        *f->auth, Policy::defaultRegionMatrix(), {}, nullptr, nullptr });
    QCOMPARE(search(u"q=report"_s).status, 503);
}

QTEST_GUILESS_MAIN(tst_ApiGenerationSearch)
#include "tst_apigenerationsearch.moc"
