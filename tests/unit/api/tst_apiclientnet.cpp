// The API client's transport behaviour over real sockets on 127.0.0.1: the unreachable and
// back signals (the listener stopped and started again), timeouts, abandoned calls, answers
// that are not what the API describes, TLS with a pinned certificate, and the parsers of
// user-given addresses and fingerprints.
#include "apifixture.h"
#include "clientwait.h"

#include <api/httpserveradapter.h>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Api::Client;
using Kura::Test::await;

namespace {

// A listener that accepts connections and never answers.
class SilentServer : public QTcpServer {
public:
    SilentServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection())
                m_sockets << socket;
        });
    }
    QList<QTcpSocket *> m_sockets;
};

Api::ApiResponse fixedAnswer(int status, const QByteArray &contentType, const QByteArray &body)
{
    return Api::ApiResponse::raw(status, contentType, body);
}

} // namespace

class tst_ApiClientNet : public QObject {
    Q_OBJECT

private slots:
    void init();
    void reportsUnreachableAndBack();
    void timesOut();
    void abandonedCallIsCancelled();
    void malformedAnswersNameTheField_data();
    void malformedAnswersNameTheField();
    void errorWithoutApiBodyUsesTheStatus();
    void unknownErrorCodeKeepsTheMessage();
    void pinnedCertificateIsTrusted();
    void parsesBaseUrls_data();
    void parsesBaseUrls();
    void parsesFingerprints_data();
    void parsesFingerprints();
    void readsTypesFromJson_data();
    void readsTypesFromJson();
};

void tst_ApiClientNet::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
}

void tst_ApiClientNet::reportsUnreachableAndBack()
{
    Test::ApiFixture f;
    QVERIFY(f.ok());
    auto handler = [&f](const Api::ApiRequest &r) { return f.api->handle(r); };
    auto http = std::make_unique<Api::HttpServerAdapter>(handler);
    auto port = http->listen();
    QVERIFY_RESULT(port);

    ApiClient client;
    client.setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(*port)));
    client.setToken(f.login(u"alpha"_s, u"viewer"_s));
    client.setProbeInterval(std::chrono::milliseconds(50));
    QSignalSpy lost(&client, &ApiClient::connectionLost);
    QSignalSpy restored(&client, &ApiClient::connectionRestored);
    QVERIFY_API(await<QList<ServerInfo>>([&](auto done) { client.servers(this, done); }));
    QVERIFY(client.isReachable());

    http.reset(); // the listener stops
    auto down = await<QList<ServerInfo>>([&](auto done) { client.servers(this, done); });
    QVERIFY(!down);
    QVERIFY(down.error().isTransport());
    QVERIFY(down.error().unreachable);
    QCOMPARE(down.error().code, ErrorCode::Unavailable);
    QCOMPARE(lost.size(), 1);
    QVERIFY(lost.first().first().toString().contains(u"127.0.0.1"_s));
    QVERIFY(!client.isReachable());
    // More failures while down do not repeat the signal; the probe keeps trying.
    QVERIFY(!await<Identity>([&](auto done) { client.me(this, done); }));
    QTest::qWait(200);
    QCOMPARE(lost.size(), 1);
    QCOMPARE(restored.size(), 0);

    http = std::make_unique<Api::HttpServerAdapter>(handler); // the listener starts again
    QVERIFY_RESULT(http->listen(QHostAddress::LocalHost, *port));
    QVERIFY(restored.wait(5000));
    QCOMPARE(restored.size(), 1);
    QVERIFY(client.isReachable());
    QVERIFY_API(await<QList<ServerInfo>>([&](auto done) { client.servers(this, done); }));
    QCOMPARE(lost.size(), 1);
}

void tst_ApiClientNet::timesOut()
{
    SilentServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    ApiClient client;
    client.setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort())));
    client.setTimeout(std::chrono::milliseconds(300));
    client.setProbeInterval(std::chrono::milliseconds(0));
    QSignalSpy lost(&client, &ApiClient::connectionLost);
    QElapsedTimer timer;
    timer.start();
    auto result = await<QList<ServerInfo>>([&](auto done) { client.servers(this, done); });
    QVERIFY(!result);
    QVERIFY(timer.elapsed() >= 250);
    QCOMPARE(result.error().code, ErrorCode::Unavailable);
    QVERIFY(result.error().unreachable);
    QVERIFY2(result.error().message.contains(u"no answer within 300 ms"_s),
        qPrintable(result.error().message));
    QCOMPARE(lost.size(), 1);
}

void tst_ApiClientNet::abandonedCallIsCancelled()
{
    SilentServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    ApiClient client;
    client.setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort())));
    QSignalSpy lost(&client, &ApiClient::connectionLost);
    std::optional<ApiResult<QList<ServerInfo>>> result;
    ApiCall call = client.servers(this, [&result](auto r) { result = std::move(r); });
    QVERIFY(call.isRunning());
    QTRY_COMPARE(silent.m_sockets.size(), 1);
    call.abort();
    QTRY_VERIFY(result.has_value());
    QVERIFY(!*result);
    QCOMPARE(result->error().code, ErrorCode::Cancelled);
    QVERIFY(!call.isRunning());
    QCOMPARE(lost.size(), 0);
    QVERIFY(client.isReachable());
}

void tst_ApiClientNet::malformedAnswersNameTheField_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("named");
    const QByteArray server = R"({"id": 1, "name": "web", "protected": true)";
    QTest::newRow("not JSON") << QByteArray("<html>") << u"not JSON"_s;
    QTest::newRow("an array, not an object") << QByteArray("[]") << u"not a JSON object"_s;
    QTest::newRow("list missing") << QByteArray("{}") << u"servers: expected an array"_s;
    QTest::newRow("element not an object")
        << QByteArray(R"({"servers": [3]})") << u"servers[0]: expected an object"_s;
    QTest::newRow("id missing") << QByteArray(R"({"servers": [{"name": "x", "protected": false}]})")
                                << u"servers[0].id: missing"_s;
    QTest::newRow("id not an integer")
        << QByteArray(R"({"servers": [{"id": 1.5, "name": "x", "protected": false}]})")
        << u"servers[0].id: expected an integer"_s;
    QTest::newRow("time not ISO 8601") << server + R"(, "lastSeen": "yesterday"}]})"
                                       << u"servers[0].lastSeen: expected an ISO 8601 time"_s;
    QTest::newRow("nested fact of the wrong type")
        << server + R"(, "facts": {"addresses": "10.0.0.1"}}]})"
        << u"servers[0].facts.addresses: expected an array of strings"_s;
    QTest::newRow("plan field of the wrong type")
        << server + R"(, "plan": {"retentionDays": "seven"}}]})"
        << u"servers[0].plan.retentionDays: expected an integer"_s;
    QTest::newRow("name null") << QByteArray(
        R"({"servers": [{"id": 1, "name": null, "protected": false}]})")
                               << u"servers[0].name: must not be null"_s;
}

void tst_ApiClientNet::malformedAnswersNameTheField()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, named);
    // Any body, with any leading list wrapper: the answer to GET /servers.
    const QByteArray answer = body.startsWith("{\"id\"") ? "{\"servers\": [" + body : body;
    Api::HttpServerAdapter http(
        [answer](const Api::ApiRequest &) { return fixedAnswer(200, "application/json", answer); });
    auto port = http.listen();
    QVERIFY_RESULT(port);
    ApiClient client;
    client.setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(*port)));
    auto result = await<QList<ServerInfo>>([&](auto done) { client.servers(this, done); });
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Corrupt);
    QCOMPARE(result.error().httpStatus, 200);
    QVERIFY2(result.error().message.contains(named), qPrintable(result.error().message));
    QVERIFY(result.error().message.contains(u"GET /api/v1/servers"_s));
}

void tst_ApiClientNet::errorWithoutApiBodyUsesTheStatus()
{
    Api::HttpServerAdapter http([](const Api::ApiRequest &) {
        return fixedAnswer(502, "text/html", "<h1>Bad Gateway</h1>");
    });
    auto port = http.listen();
    QVERIFY_RESULT(port);
    ApiClient client;
    client.setBaseUrl(QUrl(u"http://127.0.0.1:%1/kura/"_s.arg(*port)));
    QSignalSpy lost(&client, &ApiClient::connectionLost);
    auto result = await<Identity>([&](auto done) { client.me(this, done); });
    QVERIFY(!result);
    QCOMPARE(result.error().httpStatus, 502);
    QCOMPARE(result.error().code, ErrorCode::Unavailable);
    QVERIFY(result.error().message.contains(u"GET /api/v1/me: "_s));
    QVERIFY(result.error().message.contains(u"HTTP 502"_s));
    QCOMPARE(lost.size(), 0); // something answered
}

void tst_ApiClientNet::unknownErrorCodeKeepsTheMessage()
{
    Api::HttpServerAdapter http([](const Api::ApiRequest &) {
        return fixedAnswer(503, "application/json",
            R"({"code": "not_configured", "message": "no agent listener", "details": {"a": 1}})");
    });
    auto port = http.listen();
    QVERIFY_RESULT(port);
    ApiClient client;
    client.setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(*port)));
    auto result = await<Identity>([&](auto done) { client.me(this, done); });
    QVERIFY(!result);
    QCOMPARE(result.error().httpStatus, 503);
    QCOMPARE(result.error().code, ErrorCode::Unavailable);
    QCOMPARE(result.error().codeName, u"not_configured"_s);
    QCOMPARE(result.error().message, u"GET /api/v1/me: no agent listener"_s);
    QCOMPARE(result.error().details.value(u"a"_s).toInt(), 1);
    QVERIFY(!result.error().unreachable);
}

void tst_ApiClientNet::pinnedCertificateIsTrusted()
{
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty() || !QSslSocket::supportsSsl())
        QSKIP("needs the openssl tool and TLS support to make a test certificate");
    QTemporaryDir dir;
    QProcess process;
    process.start(openssl,
        { u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
            u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s, u"1"_s, u"-subj"_s,
            u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s, u"-keyout"_s,
            dir.filePath(u"key.pem"_s), u"-out"_s, dir.filePath(u"cert.pem"_s) });
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const auto certificates = QSslCertificate::fromPath(dir.filePath(u"cert.pem"_s));
    QCOMPARE(certificates.size(), 1);
    QFile keyFile(dir.filePath(u"key.pem"_s));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QSslKey key(&keyFile, QSsl::Ec);
    Api::HttpServerAdapter http([](const Api::ApiRequest &) {
        return Api::ApiResponse::json(200,
            QJsonObject { { u"tenantId"_s, 1 }, { u"userId"_s, 2 }, { u"user"_s, u"u"_s },
                { u"role"_s, u"viewer"_s } });
    });
    QVERIFY_RESULT(http.useTls(certificates.first(), key));
    auto port = http.listen();
    QVERIFY_RESULT(port);
    const QUrl url(u"https://127.0.0.1:%1"_s.arg(*port));
    const QByteArray pin = certificates.first().digest(QCryptographicHash::Sha256);

    // Without a pin the self-signed certificate is refused (a fresh client each time: no
    // connection is reused).
    auto plain = std::make_unique<ApiClient>();
    plain->setBaseUrl(url);
    auto refused = await<Identity>([&](auto done) { plain->me(this, done); });
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Unauthorized);
    QVERIFY(refused.error().isTransport());
    QVERIFY(!refused.error().unreachable);
    QVERIFY(refused.error().message.contains(u"not trusted"_s));

    auto pinned = std::make_unique<ApiClient>();
    pinned->setBaseUrl(url);
    pinned->setPinnedCertificate(pin);
    auto accepted = await<Identity>([&](auto done) { pinned->me(this, done); });
    QVERIFY_API(accepted);
    QCOMPARE(accepted->user, u"u"_s);

    QByteArray otherPin = pin;
    otherPin[0] = char(otherPin[0] ^ 1);
    auto wrong = std::make_unique<ApiClient>();
    wrong->setBaseUrl(url);
    wrong->setPinnedCertificate(otherPin);
    auto mismatch = await<Identity>([&](auto done) { wrong->me(this, done); });
    QVERIFY(!mismatch);
    QCOMPARE(mismatch.error().code, ErrorCode::Unauthorized);
    QVERIFY2(mismatch.error().message.contains(u"does not match the pinned fingerprint"_s),
        qPrintable(mismatch.error().message));

    // A certificate that a trusted authority vouches for still has to match the pin.
    const QSslConfiguration original = QSslConfiguration::defaultConfiguration();
    QSslConfiguration trusting = original;
    trusting.setCaCertificates(certificates);
    QSslConfiguration::setDefaultConfiguration(trusting);
    auto trustedWrong = std::make_unique<ApiClient>();
    trustedWrong->setBaseUrl(url);
    trustedWrong->setPinnedCertificate(otherPin);
    auto vouched = await<Identity>([&](auto done) { trustedWrong->me(this, done); });
    auto trustedRight = std::make_unique<ApiClient>();
    trustedRight->setBaseUrl(url);
    trustedRight->setPinnedCertificate(pin);
    auto matching = await<Identity>([&](auto done) { trustedRight->me(this, done); });
    QSslConfiguration::setDefaultConfiguration(original);
    QVERIFY(!vouched);
    QCOMPARE(vouched.error().code, ErrorCode::Unauthorized);
    QVERIFY(vouched.error().message.contains(u"does not match the pinned fingerprint"_s));
    QVERIFY_API(matching);
    QVERIFY(wrong->isReachable());
}

void tst_ApiClientNet::parsesBaseUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("http with port") << u"http://127.0.0.1:8640"_s << true;
    QTest::newRow("https host name") << u"https://backup.example.com"_s << true;
    QTest::newRow("path prefix") << u"https://proxy.example.com/kura"_s << true;
    QTest::newRow("no scheme") << u"127.0.0.1:8640"_s << false;
    QTest::newRow("ftp") << u"ftp://example.com"_s << false;
    QTest::newRow("no host") << u"http://"_s << false;
    QTest::newRow("query") << u"http://example.com/?a=b"_s << false;
    QTest::newRow("user") << u"http://root@example.com"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void tst_ApiClientNet::parsesBaseUrls()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const Result<QUrl> url = ApiClient::parseBaseUrl(text);
    QCOMPARE(bool(url), valid);
    if (!valid) {
        QCOMPARE(url.error().code(), ErrorCode::InvalidArgument);
        QVERIFY(url.error().message().contains(u"server address"_s));
    }
}

void tst_ApiClientNet::parsesFingerprints_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    const QString hex = u"00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF"_s;
    QString colons;
    for (int i = 0; i < hex.size(); i += 2)
        colons += (i ? u":"_s : QString()) + hex.mid(i, 2);
    QTest::newRow("plain hex") << hex << true;
    QTest::newRow("with colons") << colons << true;
    QTest::newRow("with sha256: prefix") << u"sha256:"_s + hex << true;
    QTest::newRow("too short") << hex.left(62) << false;
    QTest::newRow("not hex") << hex.left(63) + u'g' << false;
    QTest::newRow("empty") << QString() << false;
}

void tst_ApiClientNet::parsesFingerprints()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const Result<QByteArray> pin = ApiClient::parseFingerprint(text);
    QCOMPARE(bool(pin), valid);
    if (valid) {
        QCOMPARE(pin->size(), 32);
        QCOMPARE(ApiClient::parseFingerprint(ApiClient::formatFingerprint(*pin)).value(), *pin);
    } else {
        QCOMPARE(pin.error().code(), ErrorCode::InvalidArgument);
    }
}

void tst_ApiClientNet::readsTypesFromJson_data()
{
    QTest::addColumn<QByteArray>("job");
    QTest::addColumn<QString>("problem"); // empty: reads fine
    const QByteArray head = R"({"id": 5, "serverId": 2, "kind": "file_backup", )";
    QTest::newRow("minimal running job") << head + R"("state": "running"})" << QString();
    QTest::newRow("unknown fields are ignored")
        << head + R"("state": "failed", "colour": "red"})" << QString();
    QTest::newRow("unknown state")
        << head + R"("state": "exploded"})" << u"state: unknown job state \"exploded\""_s;
    QTest::newRow("state missing") << head + R"("reason": ""})" << u"state: missing"_s;
    QTest::newRow("progress not an object")
        << head + R"("state": "queued", "progress": 3})" << u"progress: expected an object"_s;
    QTest::newRow("rate not an integer")
        << head + R"("state": "running", "progress": {"bytesPerSecond": "fast"}})"
        << u"progress.bytesPerSecond: expected an integer"_s;
    QTest::newRow("event without time")
        << head + R"("state": "queued", "events": [{"level": "info"}]})"
        << u"events[0].time: missing"_s;
    QTest::newRow("id beyond 2^53")
        << QByteArray(R"({"id": 1e300, "serverId": 2, "kind": "k", "state": "queued"})")
        << u"id: expected an integer"_s;
}

void tst_ApiClientNet::readsTypesFromJson()
{
    QFETCH(QByteArray, job);
    QFETCH(QString, problem);
    const Result<JobInfo> read = JobInfo::fromJson(QJsonDocument::fromJson(job).object());
    if (problem.isEmpty()) {
        QVERIFY_RESULT(read);
        QCOMPARE(read->id, 5);
        return;
    }
    QVERIFY(!read);
    QCOMPARE(read.error().code(), ErrorCode::Corrupt);
    QCOMPARE(read.error().message(), problem);
}

QTEST_GUILESS_MAIN(tst_ApiClientNet)
#include "tst_apiclientnet.moc"
