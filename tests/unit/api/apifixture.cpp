#include "apifixture.h"

#include <catalog/serverstore.h>
#include <catalog/tenantstore.h>
#include <catalog/userstore.h>

#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

namespace Kura::Test {
namespace {

// Cheap scrypt for tests; verifyPassword reads the parameters from the stored hash.
const Catalog::ScryptParams FastScrypt { 1u << 4, 1, 1 };

} // namespace

QByteArray Reply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

ApiFixture::ApiFixture()
{
    Catalog::DatabaseOptions options;
    options.name = m_dir.filePath(u"catalog.sqlite"_s);
    auto db = Catalog::Database::open(options);
    if (!db) {
        qWarning("cannot open test catalog: %s", qPrintable(db.error().toString()));
        return;
    }
    m_db = std::move(*db);
    if (!createUsers())
        return;
    scheduler = std::make_unique<Scheduler::Scheduler>(*m_db, clock, dispatcher, remover);
    auth = std::make_unique<Api::Authenticator>(*m_db, clock);
    api = std::make_unique<Api::ApiService>(Api::ApiContext {
        *m_db, *scheduler, remover, clock, *auth, Policy::defaultRegionMatrix(), {} });
    m_http = std::make_unique<Api::HttpServerAdapter>(
        [this](const Api::ApiRequest &r) { return api->handle(r); });
    auto port = m_http->listen();
    if (!port) {
        qWarning("cannot listen: %s", qPrintable(port.error().toString()));
        return;
    }
    m_port = *port;
}

ApiFixture::~ApiFixture() = default;

bool ApiFixture::createUsers()
{
    Catalog::TenantStore tenants(*m_db);
    auto a = tenants.create(u"alpha"_s, 1);
    auto b = tenants.create(u"beta"_s, 1);
    if (!a || !b)
        return false;
    alpha = *a;
    beta = *b;
    Catalog::UserStore users(*m_db, FastScrypt);
    auto admin = users.create(alpha, u"admin"_s, u"pw-admin"_s, Catalog::Role::Admin, 1);
    const bool created = admin
        && users.create(alpha, u"operator"_s, u"pw-operator"_s, Catalog::Role::Operator, 1)
        && users.create(alpha, u"viewer"_s, u"pw-viewer"_s, Catalog::Role::Viewer, 1)
        && users.create(beta, u"admin"_s, u"pw-admin"_s, Catalog::Role::Admin, 1);
    alphaAdminId = admin.value_or(0);
    return created;
}

QUrl ApiFixture::url(const QString &pathAndQuery) const
{
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(pathAndQuery));
}

Reply ApiFixture::send(
    const QByteArray &method, const QString &path, const QString &token, const QByteArray &body)
{
    return exchange(
        method, path, token.isEmpty() ? QByteArray() : "Bearer " + token.toLatin1(), body);
}

Reply ApiFixture::getWithAuthorization(const QString &path, const QByteArray &authorization)
{
    return exchange("GET", path, authorization, {});
}

Reply ApiFixture::exchange(const QByteArray &method, const QString &path,
    const QByteArray &authorization, const QByteArray &body)
{
    QNetworkRequest request(url(path));
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    if (!body.isNull())
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    QNetworkReply *reply = m_client.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    Reply out;
    if (!reply->isFinished() && !finished.wait(5000)) {
        reply->abort();
        reply->deleteLater();
        return out;
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.json = QJsonDocument::fromJson(out.body).object();
    out.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return out;
}

Reply ApiFixture::post(const QString &path, const QString &token, const QJsonObject &body)
{
    return send("POST", path, token, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QString ApiFixture::login(const QString &tenant, const QString &user)
{
    const Reply reply = post(u"/api/v1/login"_s, {},
        { { u"tenant"_s, tenant }, { u"user"_s, user }, { u"password"_s, u"pw-"_s + user } });
    return reply.status == 200 ? reply.json.value(u"token"_s).toString() : QString();
}

Policy::Plan ApiFixture::immediatePlan()
{
    Policy::Plan plan;
    plan.timing = Policy::Timing::Immediate;
    plan.retentionDays = 7;
    return plan;
}

qint64 ApiFixture::addServer(
    qint64 tenant, const QString &name, const std::optional<Policy::Plan> &plan)
{
    Catalog::NewServer server;
    server.name = name;
    server.agentId = u"%1-%2"_s.arg(tenant).arg(name);
    server.agentSecretHash = u"hash-of-"_s + name;
    server.region = u"JP1"_s;
    server.facts = { name + u".example"_s, u"debian"_s, u"12"_s, u"x86_64"_s, u"m1.small"_s,
        u"0.1.0"_s, {} };
    Catalog::ServerStore servers(*m_db);
    auto id = servers.create(tenant, server, clock.nowMs());
    if (!id)
        return 0;
    if (plan && !servers.protect(tenant, *id, *plan, clock.nowMs()))
        return 0;
    return *id;
}

} // namespace Kura::Test
