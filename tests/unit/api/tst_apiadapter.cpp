// HttpServerAdapter (the one QHttpServer seam): request conversion, responses, TLS, ports;
// and that docs/api/openapi.yaml describes every route the ApiService registers.
#include "apifixture.h"

#include <api/httpserveradapter.h>

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Api;

namespace {

struct Answer {
    int status = 0;
    QByteArray body;
    QByteArray header;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

Answer exchange(QNetworkAccessManager &client, QNetworkRequest request, const QByteArray &method,
    const QByteArray &body = {})
{
    QNetworkReply *reply = client.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(5000);
    Answer out { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
        reply->readAll(), reply->rawHeader("X-Kura-Test"), reply->error() };
    reply->deleteLater();
    return out;
}

// The block of `path` in the OpenAPI text: from "  <path>:" to the next path.
QString pathBlock(const QString &yaml, const QString &path)
{
    const QString start = u"\n  %1:\n"_s.arg(path);
    const qsizetype from = yaml.indexOf(start);
    if (from < 0)
        return {};
    const qsizetype to = yaml.indexOf(QRegularExpression(u"\n  [/a-z]"_s), from + start.size());
    return yaml.mid(from, to < 0 ? -1 : to - from);
}

} // namespace

class tst_ApiAdapter : public QObject {
    Q_OBJECT

private slots:
    void cleanup();
    void passesRequestsAndResponsesThrough();
    void busyPortIsUnavailable();
    void refusesTlsWithoutCertificate();
    void servesTls();
    void openApiDescribesEveryRoute();

private:
    QNetworkAccessManager m_client;
};

void tst_ApiAdapter::passesRequestsAndResponsesThrough()
{
    ApiRequest seen;
    HttpServerAdapter adapter([&seen](const ApiRequest &request) {
        seen = request;
        ApiResponse response = ApiResponse::error(ErrorCode::Conflict, u"busy"_s);
        response.addHeader("X-Kura-Test", "yes");
        return response;
    });
    auto port = adapter.listen();
    QVERIFY_RESULT(port);
    QNetworkRequest request(
        QUrl(u"http://127.0.0.1:%1/api/v1/a%20b/c?x=1&y=two%20words"_s.arg(*port)));
    request.setRawHeader("X-Client", "tests");
    const Answer answer = exchange(m_client, request, "PUT", "{\"k\":1}");
    QCOMPARE(answer.status, 409);
    QCOMPARE(answer.header, QByteArray("yes"));
    QVERIFY(answer.body.contains("\"code\":\"conflict\""));
    QCOMPARE(seen.method, Method::Put);
    QCOMPARE(seen.path, u"/api/v1/a b/c"_s);
    QCOMPARE(seen.queryValue(u"y"_s), u"two words"_s);
    QCOMPARE(seen.header("x-client"), QByteArray("tests"));
    QCOMPARE(seen.body, QByteArray("{\"k\":1}"));
    QVERIFY(seen.remoteAddress.isLoopback());
}

void tst_ApiAdapter::busyPortIsUnavailable()
{
    HttpServerAdapter first(
        [](const ApiRequest &) { return ApiResponse::json(200, QJsonObject {}); });
    HttpServerAdapter second(
        [](const ApiRequest &) { return ApiResponse::json(200, QJsonObject {}); });
    auto port = first.listen();
    QVERIFY_RESULT(port);
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(u"listen failed"_s));
    const auto busy = second.listen(QHostAddress::LocalHost, *port);
    QVERIFY(!busy);
    QCOMPARE(busy.error().code(), ErrorCode::Unavailable);
}

// Sockets of both ends (and the TLS state inside them) go away through deleteLater(); once a
// test's adapter and managers are gone, let those deletions run, so that nothing of OpenSSL is
// left alive when the program ends (the sanitizer run checks for leaks; under load a pending
// deletion could be reported as one).
void tst_ApiAdapter::cleanup()
{
    m_client.clearConnectionCache();
    QTest::qWait(20);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

void tst_ApiAdapter::refusesTlsWithoutCertificate()
{
    HttpServerAdapter adapter(
        [](const ApiRequest &) { return ApiResponse::json(200, QJsonObject {}); });
    const Status refused = adapter.useTls(QSslCertificate(), QSslKey());
    QVERIFY(!refused);
    QVERIFY(refused.error().code() == ErrorCode::InvalidArgument
        || refused.error().code() == ErrorCode::Unsupported);
    QVERIFY(!adapter.isTls());
}

void tst_ApiAdapter::servesTls()
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
    const QList<QSslCertificate> certificates
        = QSslCertificate::fromPath(dir.filePath(u"cert.pem"_s));
    QCOMPARE(certificates.size(), 1);
    QFile keyFile(dir.filePath(u"key.pem"_s));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QSslKey key(&keyFile, QSsl::Ec);
    QVERIFY(!key.isNull());

    HttpServerAdapter adapter([](const ApiRequest &r) {
        return ApiResponse::json(200, QJsonObject { { u"path"_s, r.path } });
    });
    QVERIFY_RESULT(adapter.useTls(certificates.first(), key));
    auto port = adapter.listen();
    QVERIFY_RESULT(port);
    QNetworkRequest request(QUrl(u"https://127.0.0.1:%1/api/v1/me"_s.arg(*port)));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(certificates); // trust exactly this certificate
    request.setSslConfiguration(tls);
    const Answer answer = exchange(m_client, request, "GET");
    QCOMPARE(answer.error, QNetworkReply::NoError);
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.body.contains("/api/v1/me"));
    // Without trusting it, a client (a fresh one: no cached connection) refuses the certificate.
    QNetworkAccessManager fresh;
    const Answer untrusted = exchange(fresh, QNetworkRequest(request.url()), "GET");
    QCOMPARE(untrusted.error, QNetworkReply::SslHandshakeFailedError);
}

void tst_ApiAdapter::openApiDescribesEveryRoute()
{
    QFile file(QStringLiteral(QT_TESTCASE_SOURCEDIR) + u"/../../../docs/api/openapi.yaml"_s);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QString yaml = QString::fromUtf8(file.readAll());
    Test::ApiFixture fixture;
    QVERIFY(fixture.ok());
    const QList<Router::RouteInfo> routes = fixture.api->router().routes();
    QVERIFY(routes.size() >= 18);
    for (const Router::RouteInfo &route : routes) {
        const QString block = pathBlock(yaml, route.pattern);
        QVERIFY2(!block.isEmpty(), qPrintable(route.pattern));
        const QString method = u"\n    %1:\n"_s.arg(methodName(route.method).toLower());
        QVERIFY2(
            block.contains(method), qPrintable(methodName(route.method) + u' ' + route.pattern));
        QCOMPARE(block.contains(u"security: []"_s), route.access == Access::Public);
    }
}

QTEST_GUILESS_MAIN(tst_ApiAdapter)
#include "tst_apiadapter.moc"
