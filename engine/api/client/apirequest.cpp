#include "apirequest.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Kura::Api::Client::Requests {
namespace {

const QString Prefix = u"/api/v1"_s;

QByteArray jsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

ApiRequest get(const QString &path, const QUrlQuery &query = {})
{
    ApiRequest request;
    request.path = Prefix + path;
    request.query = query;
    return request;
}

ApiRequest withBody(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    ApiRequest request;
    request.method = method;
    request.path = Prefix + path;
    request.body = jsonBytes(body);
    return request;
}

QString serverPath(qint64 serverId, const QString &tail = {})
{
    return u"/servers/%1%2"_s.arg(serverId).arg(tail);
}

QJsonObject planRequest(const PlanInfo &plan, bool confirmTransfer)
{
    QJsonObject body { { u"plan"_s, plan.toJson() } };
    if (confirmTransfer)
        body.insert(u"confirmTransfer"_s, true);
    return body;
}

void addLimit(QUrlQuery &query, int limit)
{
    if (limit > 0)
        query.addQueryItem(u"limit"_s, QString::number(limit));
}

} // namespace

ApiRequest login(const QString &tenant, const QString &user, const QString &password)
{
    ApiRequest request = withBody("POST", u"/login"_s,
        { { u"tenant"_s, tenant }, { u"user"_s, user }, { u"password"_s, password } });
    request.authenticated = false;
    return request;
}

ApiRequest logout()
{
    return withBody("POST", u"/logout"_s, {});
}

ApiRequest me()
{
    return get(u"/me"_s);
}

ApiRequest servers()
{
    return get(u"/servers"_s);
}

ApiRequest server(qint64 serverId)
{
    return get(serverPath(serverId));
}

ApiRequest setPlan(qint64 serverId, const PlanInfo &plan, bool confirmTransfer)
{
    return withBody("PUT", serverPath(serverId, u"/plan"_s), planRequest(plan, confirmTransfer));
}

ApiRequest protect(qint64 serverId, const PlanInfo &plan, bool confirmTransfer)
{
    return withBody(
        "POST", serverPath(serverId, u"/protect"_s), planRequest(plan, confirmTransfer));
}

ApiRequest unprotect(qint64 serverId, bool confirm)
{
    return withBody("POST", serverPath(serverId, u"/unprotect"_s), { { u"confirm"_s, confirm } });
}

ApiRequest generations(qint64 serverId)
{
    return get(serverPath(serverId, u"/generations"_s));
}

ApiRequest setBandwidth(qint64 serverId, qint64 bytesPerSecond)
{
    return withBody("PUT", serverPath(serverId, u"/bandwidth"_s),
        { { u"bytesPerSecond"_s, double(bytesPerSecond) } });
}

ApiRequest startBackup(qint64 serverId, const QString &kind)
{
    QJsonObject body;
    if (!kind.isEmpty())
        body.insert(u"kind"_s, kind);
    return withBody("POST", serverPath(serverId, u"/backups"_s), body);
}

ApiRequest jobs(const JobFilter &filter)
{
    QUrlQuery query;
    if (filter.serverId)
        query.addQueryItem(u"server"_s, QString::number(*filter.serverId));
    if (filter.state)
        query.addQueryItem(u"state"_s, jobStateName(*filter.state));
    addLimit(query, filter.limit);
    return get(u"/jobs"_s, query);
}

ApiRequest job(qint64 jobId)
{
    return get(u"/jobs/%1"_s.arg(jobId));
}

ApiRequest stopJob(qint64 jobId)
{
    return withBody("POST", u"/jobs/%1/stop"_s.arg(jobId), {});
}

ApiRequest jobReport(int limit)
{
    QUrlQuery query;
    addLimit(query, limit);
    return get(u"/reports/jobs"_s, query);
}

ApiRequest jobReportCsv(const QString &timeZone, int limit)
{
    QUrlQuery query;
    if (!timeZone.isEmpty())
        query.addQueryItem(u"tz"_s, timeZone);
    addLimit(query, limit);
    return get(u"/reports/jobs.csv"_s, query);
}

ApiRequest alerts(bool includeResolved, int limit)
{
    QUrlQuery query;
    if (includeResolved)
        query.addQueryItem(u"all"_s, u"true"_s);
    addLimit(query, limit);
    return get(u"/alerts"_s, query);
}

ApiRequest acknowledgeAlert(qint64 alertId)
{
    return withBody("POST", u"/alerts/%1/acknowledge"_s.arg(alertId), {});
}

ApiRequest regions()
{
    return get(u"/regions"_s);
}

ApiRequest createEnrollmentToken(const QString &region, int validHours)
{
    QJsonObject body { { u"region"_s, region } };
    if (validHours > 0)
        body.insert(u"validHours"_s, validHours);
    return withBody("POST", u"/enrollment-tokens"_s, body);
}

ApiRequest enrollmentTokens(int limit)
{
    QUrlQuery query;
    addLimit(query, limit);
    return get(u"/enrollment-tokens"_s, query);
}

ApiRequest revokeEnrollmentToken(qint64 tokenId)
{
    ApiRequest request = get(u"/enrollment-tokens/%1"_s.arg(tokenId));
    request.method = "DELETE";
    return request;
}

ApiRequest deleteServer(qint64 serverId, bool confirm)
{
    QUrlQuery query;
    if (confirm)
        query.addQueryItem(u"confirm"_s, u"true"_s);
    ApiRequest request = get(serverPath(serverId), query);
    request.method = "DELETE";
    return request;
}

ApiRequest setRegionState(const QString &region, const QString &state, const QString &reason)
{
    QJsonObject body { { u"state"_s, state } };
    if (!reason.isEmpty())
        body.insert(u"reason"_s, reason);
    const QString name = QString::fromLatin1(QUrl::toPercentEncoding(region));
    return withBody("PUT", u"/regions/%1/state"_s.arg(name), body);
}

ApiRequest apiKeys()
{
    return get(u"/api-keys"_s);
}

ApiRequest createApiKey(const QString &name, const QString &role)
{
    QJsonObject body { { u"name"_s, name } };
    if (!role.isEmpty())
        body.insert(u"role"_s, role);
    return withBody("POST", u"/api-keys"_s, body);
}

ApiRequest revokeApiKey(qint64 keyId)
{
    ApiRequest request = get(u"/api-keys/%1"_s.arg(keyId));
    request.method = "DELETE";
    return request;
}

ApiRequest restoreTargets(qint64 serverId, qint64 generationId)
{
    return get(serverPath(serverId, u"/generations/%1/targets"_s.arg(generationId)));
}

ApiRequest startRestore(qint64 serverId, const RestoreRequest &restore)
{
    return withBody("POST", serverPath(serverId, u"/restores"_s), restore.toJson());
}

ApiRequest browseGeneration(qint64 serverId, qint64 generationId, const QString &path)
{
    QUrlQuery query;
    if (!path.isEmpty())
        query.addQueryItem(u"path"_s, path);
    return get(serverPath(serverId, u"/generations/%1/files"_s.arg(generationId)), query);
}

ApiRequest searchGeneration(qint64 serverId, qint64 generationId, const QString &text, int limit)
{
    QUrlQuery query;
    query.addQueryItem(u"q"_s, QString::fromLatin1(QUrl::toPercentEncoding(text)));
    addLimit(query, limit);
    return get(serverPath(serverId, u"/generations/%1/search"_s.arg(generationId)), query);
}

ApiRequest browseServer(qint64 serverId, const QString &path, int limit)
{
    QUrlQuery query;
    if (!path.isEmpty())
        query.addQueryItem(u"path"_s, path);
    addLimit(query, limit);
    return get(serverPath(serverId, u"/files"_s), query);
}

ApiRequest usage(const QString &month)
{
    QUrlQuery query;
    if (!month.isEmpty())
        query.addQueryItem(u"month"_s, month);
    return get(u"/usage"_s, query);
}

ApiRequest usageCsv(const QString &month)
{
    ApiRequest request = usage(month);
    request.path = Prefix + u"/usage.csv"_s;
    return request;
}

ApiRequest drStatus()
{
    return get(u"/dr"_s);
}

ApiRequest events()
{
    return get(u"/events"_s);
}

} // namespace Kura::Api::Client::Requests
