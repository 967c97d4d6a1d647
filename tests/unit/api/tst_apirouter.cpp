// The Router, the JSON body reader and the error format, without HTTP.
#include <api/jsonbody.h>
#include <api/router.h>
#include <testsupport.h>

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Api;

namespace {

QJsonObject bodyOf(const ApiResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

ApiRequest request(Method method, const QString &path, const QByteArray &authorization = {})
{
    ApiRequest r;
    r.method = method;
    r.path = path;
    if (!authorization.isEmpty())
        r.headers.append(qMakePair(QByteArray("Authorization"), authorization));
    return r;
}

} // namespace

class tst_ApiRouter : public QObject {
    Q_OBJECT

private slots:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void matchesPathParameters();
    void unknownPathIsNotFound();
    void wrongMethodIsMethodNotAllowed();
    void roleBoundaries_data();
    void roleBoundaries();
    void missingTokenIsUnauthorized();
    void idParameterMustBePositive_data();
    void idParameterMustBePositive();
    void errorStatusPerCode_data();
    void errorStatusPerCode();
    void bodyProblemsNameTheField_data();
    void bodyProblemsNameTheField();
    void bodyAboveLimitIsRefused();

private:
    static Router routerWithRole(Catalog::Role role);
};

Router tst_ApiRouter::routerWithRole(Catalog::Role role)
{
    Router router;
    router.setAuthenticate([role](const ApiRequest &r) -> Result<Identity> {
        if (r.header("Authorization") != "Bearer good")
            return fail(ErrorCode::Unauthorized, u"bad token"_s);
        return Identity { 1, 1, u"someone"_s, role, false };
    });
    const auto echo = [](const RouteContext &c) {
        return ApiResponse::json(200,
            QJsonObject {
                { u"id"_s, c.params.value(u"id"_s) }, { u"job"_s, c.params.value(u"job"_s) } });
    };
    router.add(Method::Get, u"/api/v1/servers/{id}"_s, Access::Read, echo);
    router.add(Method::Post, u"/api/v1/servers/{id}/jobs/{job}/stop"_s, Access::Operate, echo);
    router.add(Method::Put, u"/api/v1/servers/{id}/plan"_s, Access::Admin, echo);
    router.add(Method::Post, u"/api/v1/login"_s, Access::Public, echo);
    return router;
}

void tst_ApiRouter::matchesPathParameters()
{
    const Router router = routerWithRole(Catalog::Role::Admin);
    const ApiResponse r = router.dispatch(
        request(Method::Post, u"/api/v1/servers/7/jobs/42/stop"_s, "Bearer good"));
    QCOMPARE(r.status, 200);
    QCOMPARE(bodyOf(r).value(u"id"_s).toString(), u"7"_s);
    QCOMPARE(bodyOf(r).value(u"job"_s).toString(), u"42"_s);
}

void tst_ApiRouter::unknownPathIsNotFound()
{
    const Router router = routerWithRole(Catalog::Role::Admin);
    for (const QString &path :
        { u"/api/v1/servers"_s, u"/api/v1/servers/7/extra"_s, u"/api/v1//servers/7"_s }) {
        const ApiResponse r = router.dispatch(request(Method::Get, path, "Bearer good"));
        QCOMPARE(r.status, 404);
        QCOMPARE(bodyOf(r).value(u"code"_s).toString(), u"not_found"_s);
    }
}

void tst_ApiRouter::wrongMethodIsMethodNotAllowed()
{
    const Router router = routerWithRole(Catalog::Role::Admin);
    const ApiResponse r
        = router.dispatch(request(Method::Delete, u"/api/v1/servers/7"_s, "Bearer good"));
    QCOMPARE(r.status, 405);
    QCOMPARE(bodyOf(r).value(u"code"_s).toString(), u"invalid_argument"_s);
    QVERIFY(r.headers.contains(qMakePair(QByteArray("Allow"), QByteArray("GET"))));
}

void tst_ApiRouter::roleBoundaries_data()
{
    QTest::addColumn<Catalog::Role>("role");
    QTest::addColumn<int>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    const QString read = u"/api/v1/servers/1"_s, operate = u"/api/v1/servers/1/jobs/2/stop"_s,
                  admin = u"/api/v1/servers/1/plan"_s;
    const int get = int(Method::Get), post = int(Method::Post), put = int(Method::Put);
    QTest::newRow("viewer reads") << Catalog::Role::Viewer << get << read << 200;
    QTest::newRow("viewer may not operate") << Catalog::Role::Viewer << post << operate << 403;
    QTest::newRow("viewer may not administer") << Catalog::Role::Viewer << put << admin << 403;
    QTest::newRow("operator reads") << Catalog::Role::Operator << get << read << 200;
    QTest::newRow("operator operates") << Catalog::Role::Operator << post << operate << 200;
    QTest::newRow("operator may not administer") << Catalog::Role::Operator << put << admin << 403;
    QTest::newRow("admin operates") << Catalog::Role::Admin << post << operate << 200;
    QTest::newRow("admin administers") << Catalog::Role::Admin << put << admin << 200;
}

void tst_ApiRouter::roleBoundaries()
{
    QFETCH(Catalog::Role, role);
    QFETCH(int, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    const ApiResponse r
        = routerWithRole(role).dispatch(request(Method(method), path, "Bearer good"));
    QCOMPARE(r.status, status);
    if (status == 403) {
        QCOMPARE(bodyOf(r).value(u"code"_s).toString(), u"forbidden"_s);
        QCOMPARE(bodyOf(r).value(u"details"_s).toObject().value(u"role"_s).toString(),
            Catalog::roleName(role));
    }
}

void tst_ApiRouter::missingTokenIsUnauthorized()
{
    const Router router = routerWithRole(Catalog::Role::Admin);
    for (const QByteArray &header :
        { QByteArray(), QByteArray("Bearer wrong"), QByteArray("Basic abc") }) {
        const ApiResponse r = router.dispatch(request(Method::Get, u"/api/v1/servers/1"_s, header));
        QCOMPARE(r.status, 401);
        QCOMPARE(bodyOf(r).value(u"code"_s).toString(), u"unauthorized"_s);
        QVERIFY(!bodyOf(r).value(u"message"_s).toString().isEmpty());
    }
    // The public route needs no token.
    QCOMPARE(router.dispatch(request(Method::Post, u"/api/v1/login"_s)).status, 200);
}

void tst_ApiRouter::idParameterMustBePositive_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("positive") << u"12"_s << true;
    QTest::newRow("zero") << u"0"_s << false;
    QTest::newRow("negative") << u"-3"_s << false;
    QTest::newRow("word") << u"abc"_s << false;
    QTest::newRow("too large") << u"99999999999999999999"_s << false;
}

void tst_ApiRouter::idParameterMustBePositive()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    ApiRequest r;
    const RouteContext context { r, { { u"id"_s, text } }, {} };
    const auto id = context.idParam(u"id"_s);
    QCOMPARE(bool(id), valid);
    if (!valid) {
        QCOMPARE(id.error().code(), ErrorCode::InvalidArgument);
        QVERIFY(id.error().message().contains(u"\"id\""_s));
    }
}

void tst_ApiRouter::errorStatusPerCode_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("name");
    QTest::newRow("invalid argument") << ErrorCode::InvalidArgument << 400 << u"invalid_argument"_s;
    QTest::newRow("unauthorized") << ErrorCode::Unauthorized << 401 << u"unauthorized"_s;
    QTest::newRow("forbidden") << ErrorCode::Forbidden << 403 << u"forbidden"_s;
    QTest::newRow("not found") << ErrorCode::NotFound << 404 << u"not_found"_s;
    QTest::newRow("conflict") << ErrorCode::Conflict << 409 << u"conflict"_s;
    QTest::newRow("unavailable") << ErrorCode::Unavailable << 503 << u"unavailable"_s;
    QTest::newRow("internal") << ErrorCode::Internal << 500 << u"internal"_s;
    QTest::newRow("io") << ErrorCode::Io << 500 << u"io"_s;
    QTest::newRow("stored data corrupt") << ErrorCode::Corrupt << 500 << u"corrupt"_s;
}

void tst_ApiRouter::errorStatusPerCode()
{
    QFETCH(ErrorCode, code);
    QFETCH(int, status);
    QFETCH(QString, name);
    const ApiResponse r = ApiResponse::error(code, u"what happened"_s, { { u"k"_s, 1 } });
    QCOMPARE(r.status, status);
    QCOMPARE(r.contentType, QByteArray("application/json"));
    const QJsonObject body = bodyOf(r);
    QCOMPARE(body.value(u"code"_s).toString(), name);
    QCOMPARE(body.value(u"message"_s).toString(), u"what happened"_s);
    QCOMPARE(body.value(u"details"_s).toObject().value(u"k"_s).toInt(), 1);
}

void tst_ApiRouter::bodyProblemsNameTheField_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("missing required") << QByteArray(R"({"count": 1})") << u"name"_s;
    QTest::newRow("wrong type") << QByteArray(R"({"name": 5})") << u"name"_s;
    QTest::newRow("fraction for integer")
        << QByteArray(R"({"name": "a", "count": 1.5})") << u"count"_s;
    QTest::newRow("string for bool") << QByteArray(R"({"name": "a", "flag": "yes"})") << u"flag"_s;
    QTest::newRow("list of numbers") << QByteArray(R"({"name": "a", "paths": [1]})") << u"paths"_s;
    QTest::newRow("nested problem")
        << QByteArray(R"({"name": "a", "inner": {"depth": "x"}})") << u"inner.depth"_s;
    QTest::newRow("unknown field") << QByteArray(R"({"name": "a", "nmae": "b"})") << u"nmae"_s;
}

void tst_ApiRouter::bodyProblemsNameTheField()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    auto object = parseJsonObject(body, DefaultMaxBodyBytes);
    QVERIFY_RESULT(object);
    FieldReader fields(*object);
    fields.requiredString(u"name"_s);
    fields.optionalInt(u"count"_s, 0);
    fields.optionalBool(u"flag"_s, false);
    fields.optionalStringList(u"paths"_s);
    FieldReader inner(fields.object(u"inner"_s, false), u"inner"_s);
    inner.optionalInt(u"depth"_s, 0);
    fields.adopt(inner);
    fields.rejectUnknownFields();
    QVERIFY(!fields.ok());
    QCOMPARE(fields.error().code(), ErrorCode::InvalidArgument);
    QVERIFY2(fields.error().message().contains(u"\"%1\""_s.arg(field)),
        qPrintable(fields.error().message()));
    const ApiResponse r = fields.response();
    QCOMPARE(r.status, 400);
    QCOMPARE(bodyOf(r).value(u"details"_s).toObject().value(u"field"_s).toString(), field);
}

void tst_ApiRouter::bodyAboveLimitIsRefused()
{
    const QByteArray big = "{\"name\": \"" + QByteArray(2000, 'x') + "\"}";
    const auto refused = parseJsonObject(big, 1000);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), ErrorCode::InvalidArgument);
    QVERIFY(refused.error().message().contains(u"limit"_s));
    QVERIFY_RESULT(parseJsonObject(big, 4000));
    const auto notJson = parseJsonObject("{\"name\": ", 1000);
    QVERIFY(!notJson);
    QVERIFY(notJson.error().message().contains(u"offset"_s));
    QVERIFY(!parseJsonObject("[1, 2]", 1000));
}

QTEST_GUILESS_MAIN(tst_ApiRouter)
#include "tst_apirouter.moc"
