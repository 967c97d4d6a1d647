// The API client's live events (EventSubscription) against the real API's event stream
// (Api::EventStream behind a real HttpServerAdapter on 127.0.0.1, SQLite catalog, scheduler):
// job changes arrive as JobInfo, only the caller's tenant's, a bad token is refused without
// retrying, and a lost listener is reconnected to when it comes back.
#include "apifixture.h"
#include "clientwait.h"

#include <api/client/eventsubscription.h>
#include <api/eventstream.h>
#include <api/httpserveradapter.h>

#include <QSignalSpy>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Api::Client;
using Kura::Test::await;

class tst_ApiClientEvents : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void deliversTheTenantsJobChanges();
    void otherTenantsJobsAreNotSent();
    void badTokenIsRefusedWithoutRetrying();
    void reconnectsWhenTheListenerComesBack();

private:
    // Serves the fixture's API with the event stream on `port` (0: any); the port or 0.
    quint16 serve(quint16 port = 0);
    // A backup of web as the operator; the job id or 0.
    qint64 backup();

    std::unique_ptr<Test::ApiFixture> f;
    std::unique_ptr<Api::EventStream> stream;
    std::unique_ptr<Api::HttpServerAdapter> http;
    std::unique_ptr<ApiClient> client;
    qint64 web = 0;
};

void tst_ApiClientEvents::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    f = std::make_unique<Test::ApiFixture>();
    QVERIFY(f->ok());
    web = f->addServer(f->alpha, u"web"_s, Test::ApiFixture::immediatePlan());
    QVERIFY(web);
    stream = std::make_unique<Api::EventStream>(f->db(), *f->auth, f->clock);
    const quint16 port = serve();
    QVERIFY(port);
    client = std::make_unique<ApiClient>();
    client->setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
    client->setToken(f->login(u"alpha"_s, u"operator"_s));
}

void tst_ApiClientEvents::cleanup()
{
    client.reset();
    http.reset();
    stream.reset();
    f.reset();
}

quint16 tst_ApiClientEvents::serve(quint16 port)
{
    http = std::make_unique<Api::HttpServerAdapter>(
        [this](const Api::ApiRequest &r) { return f->api->handle(r); });
    http->setWebSocketHandler(
        [this](std::unique_ptr<QWebSocket> socket) { stream->accept(std::move(socket)); });
    auto bound = http->listen(QHostAddress::LocalHost, port);
    return bound ? *bound : 0;
}

qint64 tst_ApiClientEvents::backup()
{
    auto job = await<JobInfo>([&](auto done) { client->startBackup(web, u"files"_s, this, done); });
    return job ? job->id : 0;
}

void tst_ApiClientEvents::deliversTheTenantsJobChanges()
{
    EventSubscription events(*client);
    QSignalSpy connected(&events, &EventSubscription::connected);
    QSignalSpy changed(&events, &EventSubscription::jobChanged);
    events.start();
    QVERIFY(connected.wait(5000));
    QVERIFY(events.isConnected());
    QTRY_COMPARE(stream->clientCount(), 1);

    const qint64 job = backup();
    QVERIFY(job);
    stream->publishJob(f->alpha, job); // as kura-server does on every change
    QVERIFY(changed.wait(5000));
    JobInfo seen = changed.takeFirst().first().value<JobInfo>();
    QCOMPARE(seen.id, job);
    QCOMPARE(seen.state, JobState::Queued);

    QVERIFY_RESULT(f->scheduler->jobStarted(f->alpha, job));
    f->clock.advanceMs(4000);
    Catalog::JobProgressFigures figures;
    figures.sourceBytes = 800;
    figures.bytesDone = 400;
    QVERIFY_RESULT(f->scheduler->jobProgress(f->alpha, job, figures));
    stream->publishJob(f->alpha, job);
    QVERIFY(changed.wait(5000));
    seen = changed.takeFirst().first().value<JobInfo>();
    QCOMPARE(seen.state, JobState::Running);
    QCOMPARE(seen.progress.bytesDone, 400);
    QCOMPARE(seen.progress.bytesPerSecond, std::optional<qint64>(100));
    QCOMPARE(seen.progress.etaSeconds, std::optional<qint64>(4));

    events.stop();
    QVERIFY(!events.isActive());
    QTRY_COMPARE(stream->clientCount(), 0);
}

void tst_ApiClientEvents::otherTenantsJobsAreNotSent()
{
    ApiClient other;
    other.setBaseUrl(client->baseUrl());
    other.setToken(f->login(u"beta"_s, u"admin"_s));
    EventSubscription theirs(other);
    EventSubscription ours(*client);
    QSignalSpy theirsConnected(&theirs, &EventSubscription::connected);
    QSignalSpy oursConnected(&ours, &EventSubscription::connected);
    QSignalSpy theirsChanged(&theirs, &EventSubscription::jobChanged);
    QSignalSpy oursChanged(&ours, &EventSubscription::jobChanged);
    theirs.start();
    ours.start();
    QTRY_VERIFY(!theirsConnected.isEmpty() && !oursConnected.isEmpty());
    const qint64 job = backup();
    stream->publishJob(f->alpha, job);
    QVERIFY(oursChanged.wait(5000));
    QTest::qWait(200);
    QCOMPARE(theirsChanged.size(), 0);
}

void tst_ApiClientEvents::badTokenIsRefusedWithoutRetrying()
{
    client->setToken(u"not-a-token"_s);
    EventSubscription events(*client);
    events.setRetryInterval(std::chrono::milliseconds(50));
    QSignalSpy refused(&events, &EventSubscription::refused);
    QSignalSpy connected(&events, &EventSubscription::connected);
    events.start();
    QVERIFY(refused.wait(5000));
    QVERIFY2(refused.first().first().toString().contains(u"token"_s),
        qPrintable(refused.first().first().toString()));
    QVERIFY(!events.isActive());
    QTest::qWait(200);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(connected.size(), 0);
    QCOMPARE(stream->clientCount(), 0);
}

void tst_ApiClientEvents::reconnectsWhenTheListenerComesBack()
{
    EventSubscription events(*client);
    events.setRetryInterval(std::chrono::milliseconds(50));
    QSignalSpy connected(&events, &EventSubscription::connected);
    QSignalSpy disconnected(&events, &EventSubscription::disconnected);
    events.start();
    QVERIFY(connected.wait(5000));
    const quint16 port = quint16(client->baseUrl().port());

    stream = std::make_unique<Api::EventStream>(f->db(), *f->auth, f->clock); // closes sockets
    http.reset(); // and the listener stops
    QVERIFY(disconnected.wait(5000));
    QTest::qWait(200); // attempts fail while nothing listens
    QVERIFY(events.isActive());
    QVERIFY(!events.isConnected());
    QCOMPARE(connected.size(), 1);

    QCOMPARE(serve(port), port);
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 2, 5000);
    QTRY_COMPARE(stream->clientCount(), 1);
    QSignalSpy changed(&events, &EventSubscription::jobChanged);
    const qint64 job = backup();
    stream->publishJob(f->alpha, job);
    QVERIFY(changed.wait(5000));
    QCOMPARE(changed.first().first().value<JobInfo>().id, job);
}

QTEST_GUILESS_MAIN(tst_ApiClientEvents)
#include "tst_apiclientevents.moc"
