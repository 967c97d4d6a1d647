#include "apiclient.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Kura::Api::Client {
namespace {

// Properties a reply carries from its signals to its end.
constexpr char AbortedProperty[] = "kuraAborted"; // ApiCall::abort()
constexpr char PinMismatchProperty[] = "kuraPinMismatch"; // certificate does not match the pin
constexpr char TlsErrorsProperty[] = "kuraTlsErrors"; // text of the TLS errors seen

// Failures that mean nothing answered at the server's address.
bool isUnreachable(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        break;
    }
    return false;
}

QString describe(const ApiRequest &request)
{
    return QString::fromLatin1(request.method) + u' ' + request.path;
}

bool peerMatches(QNetworkReply *reply, const QByteArray &pin)
{
    const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    return !peer.isNull() && peer.digest(QCryptographicHash::Sha256) == pin;
}

QJsonObject objectOf(const QByteArray &body, QString *problem)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        *problem = u"not JSON (%1 at offset %2)"_s.arg(error.errorString()).arg(error.offset);
    else if (!document.isObject())
        *problem = u"not a JSON object"_s;
    return document.object();
}

template <class T> std::function<Result<T>(const QJsonObject &)> object()
{
    return [](const QJsonObject &json) { return T::fromJson(json); };
}

template <class T> std::function<Result<QList<T>>(const QJsonObject &)> listIn(const QString &key)
{
    return [key](const QJsonObject &json) { return listFromJson<T>(json, key); };
}

} // namespace

// ---- ApiCall ----

ApiCall::ApiCall(QNetworkReply *reply)
    : m_reply(reply)
{
}

bool ApiCall::isRunning() const
{
    return m_reply && !m_reply->isFinished();
}

void ApiCall::abort()
{
    if (!isRunning())
        return;
    m_reply->setProperty(AbortedProperty, true);
    m_reply->abort();
}

// ---- Configuration ----

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_probeTimer(new QTimer(this))
{
    m_probeTimer->setInterval(m_probeInterval);
    connect(m_probeTimer, &QTimer::timeout, this, &ApiClient::probe);
}

ApiClient::~ApiClient() = default;

void ApiClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
    // Connections to the old server would otherwise be reused.
    m_network->clearConnectionCache();
}

Result<QUrl> ApiClient::parseBaseUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http"_s && scheme != u"https"_s))
        return fail(ErrorCode::InvalidArgument,
            u"server address \"%1\": expected http://host:port or https://host:port"_s.arg(text));
    if (url.host().isEmpty())
        return fail(
            ErrorCode::InvalidArgument, u"server address \"%1\": the host is missing"_s.arg(text));
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return fail(ErrorCode::InvalidArgument,
            u"server address \"%1\": no user, query or fragment allowed"_s.arg(text));
    return url;
}

Result<QByteArray> ApiClient::parseFingerprint(const QString &text)
{
    QString hex = text.trimmed();
    if (hex.startsWith(u"sha256:"_s, Qt::CaseInsensitive))
        hex = hex.mid(7);
    hex.remove(u':');
    static const QRegularExpression hexDigits(u"^[0-9A-Fa-f]{64}$"_s);
    if (!hexDigits.match(hex).hasMatch())
        return fail(ErrorCode::InvalidArgument,
            u"certificate fingerprint \"%1\": expected the SHA-256 as 64 hex digits"_s.arg(text));
    return QByteArray::fromHex(hex.toLatin1());
}

QString ApiClient::formatFingerprint(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

void ApiClient::setProbeInterval(std::chrono::milliseconds interval)
{
    m_probeInterval = interval;
    if (interval.count() <= 0) {
        m_probeTimer->stop();
        return;
    }
    m_probeTimer->setInterval(interval);
    if (!m_reachable)
        m_probeTimer->start();
}

// ---- Sending and reading ----

QUrl ApiClient::urlOf(const ApiRequest &request) const
{
    QUrl url = m_baseUrl;
    QString prefix = url.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + request.path);
    url.setQuery(request.query);
    return url;
}

QNetworkReply *ApiClient::start(const ApiRequest &request)
{
    QNetworkRequest http(urlOf(request));
    http.setTransferTimeout(int(m_timeout.count()));
    http.setRawHeader("Accept", "application/json");
    if (request.authenticated && !m_token.isEmpty())
        http.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (!request.body.isNull())
        http.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    QNetworkReply *reply = m_network->sendCustomRequest(http, request.method, request.body);
    watchTls(reply);
    return reply;
}

void ApiClient::watchTls(QNetworkReply *reply)
{
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &error : errors)
            texts << error.errorString();
        reply->setProperty(TlsErrorsProperty, texts.join(u"; "_s));
        if (m_pin.isEmpty())
            return;
        if (peerMatches(reply, m_pin))
            reply->ignoreSslErrors(errors);
        else
            reply->setProperty(PinMismatchProperty, true);
    });
    connect(reply, &QNetworkReply::encrypted, this, [this, reply] {
        if (!m_pin.isEmpty() && !peerMatches(reply, m_pin)) {
            reply->setProperty(PinMismatchProperty, true);
            reply->abort();
        }
    });
}

ApiResult<ApiClient::Answer> ApiClient::outcome(QNetworkReply *reply) const
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 400)
        return tl::unexpected(ApiError::fromHttp(status, reply->readAll()));
    if (status > 0 && reply->error() == QNetworkReply::NoError)
        return Answer { status, reply->readAll() };
    const QString where = m_baseUrl.toDisplayString();
    if (reply->property(AbortedProperty).toBool())
        return tl::unexpected(
            ApiError::transport(ErrorCode::Cancelled, u"the call was abandoned"_s, false));
    if (reply->property(PinMismatchProperty).toBool())
        return tl::unexpected(ApiError::transport(ErrorCode::Unauthorized,
            u"%1: the server's certificate does not match the pinned fingerprint"_s.arg(where),
            false));
    if (reply->error() == QNetworkReply::SslHandshakeFailedError)
        return tl::unexpected(ApiError::transport(ErrorCode::Unauthorized,
            u"%1: the server's certificate is not trusted (%2)"_s.arg(
                where, reply->property(TlsErrorsProperty).toString()),
            false));
    if (reply->error() == QNetworkReply::OperationCanceledError)
        return tl::unexpected(ApiError::transport(ErrorCode::Unavailable,
            u"%1: no answer within %2 ms"_s.arg(where).arg(m_timeout.count()), true));
    return tl::unexpected(ApiError::transport(ErrorCode::Unavailable,
        u"cannot reach %1: %2"_s.arg(where, reply->errorString()), isUnreachable(reply->error())));
}

void ApiClient::observe(const ApiRequest &request, const ApiResult<Answer> &result)
{
    if (result || !result.error().isTransport()) {
        markReachable();
        if (!result && result.error().httpStatus == 401 && request.authenticated
            && !m_token.isEmpty())
            emit tokenRejected();
        return;
    }
    if (result.error().unreachable)
        markUnreachable(result.error().message);
}

ApiCall ApiClient::exchange(const ApiRequest &request, QObject *context, AnswerCallback done)
{
    QPointer<QObject> guard(context ? context : this);
    if (!m_baseUrl.isValid() || m_baseUrl.host().isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [guard, done] {
                if (guard)
                    done(tl::unexpected(ApiError::transport(
                        ErrorCode::InvalidArgument, u"no server address is set"_s, false)));
            },
            Qt::QueuedConnection);
        return {};
    }
    QNetworkReply *reply = start(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, request, guard, done] {
        reply->deleteLater();
        const ApiResult<Answer> result = outcome(reply);
        observe(request, result);
        if (!guard)
            return;
        if (result || result.error().isTransport())
            return done(result);
        ApiError error = result.error();
        error.message = describe(request) + u": "_s + error.message;
        done(tl::unexpected(error));
    });
    return ApiCall(reply);
}

template <class T>
ApiCall ApiClient::call(const ApiRequest &request, QObject *context, Callback<T> done,
    std::function<Result<T>(const QJsonObject &)> parse)
{
    const QString what = describe(request);
    return exchange(request, context, [done, parse, what](ApiResult<Answer> answer) {
        if (!answer)
            return done(tl::unexpected(answer.error()));
        QString problem;
        const QJsonObject json = objectOf(answer->body, &problem);
        Result<T> value = problem.isEmpty() ? parse(json) : fail(ErrorCode::Corrupt, problem);
        if (value)
            return done(std::move(*value));
        ApiError error;
        error.httpStatus = answer->httpStatus;
        error.code = ErrorCode::Corrupt;
        error.codeName = QString::fromLatin1(errorCodeName(ErrorCode::Corrupt));
        error.message = u"the answer to %1 is not what the API describes: %2"_s.arg(
            what, value.error().message());
        done(tl::unexpected(error));
    });
}

ApiCall ApiClient::send(const ApiRequest &request, QObject *context, Callback<QByteArray> done)
{
    return exchange(request, context, [done](ApiResult<Answer> answer) {
        if (!answer)
            return done(tl::unexpected(answer.error()));
        done(answer->body);
    });
}

ApiCall ApiClient::callWithoutAnswer(
    const ApiRequest &request, QObject *context, Callback<void> done)
{
    return exchange(request, context, [done](ApiResult<Answer> answer) {
        if (!answer)
            return done(tl::unexpected(answer.error()));
        done({});
    });
}

// ---- Reachability ----

void ApiClient::markUnreachable(const QString &reason)
{
    if (m_probeInterval.count() > 0 && !m_probeTimer->isActive())
        m_probeTimer->start();
    if (!m_reachable)
        return;
    m_reachable = false;
    emit connectionLost(reason);
}

void ApiClient::markReachable()
{
    m_probeTimer->stop();
    if (m_reachable)
        return;
    m_reachable = true;
    emit connectionRestored();
}

// Any HTTP answer at all means the server is back; GET /me without a token answers 401.
void ApiClient::probe()
{
    if (m_probing || m_reachable)
        return;
    m_probing = true;
    ApiRequest request = Requests::me();
    request.authenticated = false;
    QNetworkReply *reply = start(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, request] {
        reply->deleteLater();
        m_probing = false;
        observe(request, outcome(reply));
    });
}

// ---- Calls ----

ApiCall ApiClient::login(const QString &tenant, const QString &user, const QString &password,
    QObject *context, Callback<LoginResult> done)
{
    return call<LoginResult>(
        Requests::login(tenant, user, password), context, done, object<LoginResult>());
}

ApiCall ApiClient::logout(QObject *context, Callback<void> done)
{
    return callWithoutAnswer(Requests::logout(), context, done);
}

ApiCall ApiClient::me(QObject *context, Callback<Identity> done)
{
    return call<Identity>(Requests::me(), context, done, object<Identity>());
}

ApiCall ApiClient::servers(QObject *context, Callback<QList<ServerInfo>> done)
{
    return call<QList<ServerInfo>>(
        Requests::servers(), context, done, listIn<ServerInfo>(u"servers"_s));
}

ApiCall ApiClient::server(qint64 serverId, QObject *context, Callback<ServerInfo> done)
{
    return call<ServerInfo>(Requests::server(serverId), context, done, object<ServerInfo>());
}

ApiCall ApiClient::setPlan(qint64 serverId, const PlanInfo &plan, bool confirmTransfer,
    QObject *context, Callback<ServerInfo> done)
{
    return call<ServerInfo>(
        Requests::setPlan(serverId, plan, confirmTransfer), context, done, object<ServerInfo>());
}

ApiCall ApiClient::protect(qint64 serverId, const PlanInfo &plan, bool confirmTransfer,
    QObject *context, Callback<ServerInfo> done)
{
    return call<ServerInfo>(
        Requests::protect(serverId, plan, confirmTransfer), context, done, object<ServerInfo>());
}

ApiCall ApiClient::unprotect(
    qint64 serverId, bool confirm, QObject *context, Callback<UnprotectResult> done)
{
    return call<UnprotectResult>(
        Requests::unprotect(serverId, confirm), context, done, object<UnprotectResult>());
}

ApiCall ApiClient::generations(
    qint64 serverId, QObject *context, Callback<QList<GenerationInfo>> done)
{
    return call<QList<GenerationInfo>>(
        Requests::generations(serverId), context, done, listIn<GenerationInfo>(u"generations"_s));
}

ApiCall ApiClient::setBandwidth(
    qint64 serverId, qint64 bytesPerSecond, QObject *context, Callback<ServerInfo> done)
{
    return call<ServerInfo>(
        Requests::setBandwidth(serverId, bytesPerSecond), context, done, object<ServerInfo>());
}

ApiCall ApiClient::startBackup(
    qint64 serverId, const QString &kind, QObject *context, Callback<JobInfo> done)
{
    return call<JobInfo>(Requests::startBackup(serverId, kind), context, done, object<JobInfo>());
}

ApiCall ApiClient::jobs(const JobFilter &filter, QObject *context, Callback<QList<JobInfo>> done)
{
    return call<QList<JobInfo>>(Requests::jobs(filter), context, done, listIn<JobInfo>(u"jobs"_s));
}

ApiCall ApiClient::job(qint64 jobId, QObject *context, Callback<JobInfo> done)
{
    return call<JobInfo>(Requests::job(jobId), context, done, object<JobInfo>());
}

ApiCall ApiClient::stopJob(qint64 jobId, QObject *context, Callback<JobInfo> done)
{
    return call<JobInfo>(Requests::stopJob(jobId), context, done, object<JobInfo>());
}

ApiCall ApiClient::jobReport(int limit, QObject *context, Callback<JobReport> done)
{
    return call<JobReport>(Requests::jobReport(limit), context, done, object<JobReport>());
}

ApiCall ApiClient::jobReportCsv(
    const QString &timeZone, QObject *context, Callback<QByteArray> done)
{
    return send(Requests::jobReportCsv(timeZone), context, done);
}

ApiCall ApiClient::alerts(
    bool includeResolved, int limit, QObject *context, Callback<QList<AlertInfo>> done)
{
    return call<QList<AlertInfo>>(
        Requests::alerts(includeResolved, limit), context, done, listIn<AlertInfo>(u"alerts"_s));
}

ApiCall ApiClient::acknowledgeAlert(qint64 alertId, QObject *context, Callback<AlertInfo> done)
{
    return call<AlertInfo>(Requests::acknowledgeAlert(alertId), context, done, object<AlertInfo>());
}

ApiCall ApiClient::regions(QObject *context, Callback<QList<RegionInfo>> done)
{
    return call<QList<RegionInfo>>(
        Requests::regions(), context, done, listIn<RegionInfo>(u"regions"_s));
}

ApiCall ApiClient::createEnrollmentToken(
    const QString &region, int validHours, QObject *context, Callback<EnrollmentToken> done)
{
    return call<EnrollmentToken>(Requests::createEnrollmentToken(region, validHours), context, done,
        object<EnrollmentToken>());
}

ApiCall ApiClient::enrollmentTokens(
    int limit, QObject *context, Callback<QList<EnrollmentToken>> done)
{
    return call<QList<EnrollmentToken>>(
        Requests::enrollmentTokens(limit), context, done, listIn<EnrollmentToken>(u"tokens"_s));
}

ApiCall ApiClient::revokeEnrollmentToken(qint64 tokenId, QObject *context, Callback<void> done)
{
    return callWithoutAnswer(Requests::revokeEnrollmentToken(tokenId), context, done);
}

ApiCall ApiClient::deleteServer(
    qint64 serverId, bool confirm, QObject *context, Callback<DeleteServerResult> done)
{
    return call<DeleteServerResult>(
        Requests::deleteServer(serverId, confirm), context, done, object<DeleteServerResult>());
}

ApiCall ApiClient::setRegionState(const QString &region, const QString &state,
    const QString &reason, QObject *context, Callback<RegionInfo> done)
{
    return call<RegionInfo>(
        Requests::setRegionState(region, state, reason), context, done, object<RegionInfo>());
}

ApiCall ApiClient::apiKeys(QObject *context, Callback<QList<ApiKeyInfo>> done)
{
    return call<QList<ApiKeyInfo>>(
        Requests::apiKeys(), context, done, listIn<ApiKeyInfo>(u"apiKeys"_s));
}

ApiCall ApiClient::createApiKey(
    const QString &name, const QString &role, QObject *context, Callback<ApiKeyInfo> done)
{
    return call<ApiKeyInfo>(
        Requests::createApiKey(name, role), context, done, object<ApiKeyInfo>());
}

ApiCall ApiClient::revokeApiKey(qint64 keyId, QObject *context, Callback<void> done)
{
    return callWithoutAnswer(Requests::revokeApiKey(keyId), context, done);
}

ApiCall ApiClient::restoreTargets(
    qint64 serverId, qint64 generationId, QObject *context, Callback<QList<RestoreTarget>> done)
{
    return call<QList<RestoreTarget>>(Requests::restoreTargets(serverId, generationId), context,
        done, listIn<RestoreTarget>(u"targets"_s));
}

ApiCall ApiClient::startRestore(
    qint64 serverId, const RestoreRequest &restore, QObject *context, Callback<JobInfo> done)
{
    return call<JobInfo>(
        Requests::startRestore(serverId, restore), context, done, object<JobInfo>());
}

ApiCall ApiClient::browseGeneration(qint64 serverId, qint64 generationId, const QString &path,
    QObject *context, Callback<FolderListing> done)
{
    return call<FolderListing>(Requests::browseGeneration(serverId, generationId, path), context,
        done, object<FolderListing>());
}

ApiCall ApiClient::browseServer(
    qint64 serverId, const QString &path, int limit, QObject *context, Callback<FolderListing> done)
{
    return call<FolderListing>(
        Requests::browseServer(serverId, path, limit), context, done, object<FolderListing>());
}

ApiCall ApiClient::searchGeneration(qint64 serverId, qint64 generationId, const QString &text, int limit,
    QObject *context, Callback<GenerationSearch> done)
{
    return call<GenerationSearch>(Requests::searchGeneration(serverId, generationId, text, limit),
        context, done, object<GenerationSearch>());
}

ApiCall ApiClient::usage(const QString &month, QObject *context, Callback<UsageReport> done)
{
    return call<UsageReport>(Requests::usage(month), context, done, object<UsageReport>());
}

ApiCall ApiClient::usageCsv(const QString &month, QObject *context, Callback<QByteArray> done)
{
    return send(Requests::usageCsv(month), context, done);
}

ApiCall ApiClient::drStatus(QObject *context, Callback<DrStatus> done)
{
    return call<DrStatus>(Requests::drStatus(), context, done, object<DrStatus>());
}

} // namespace Kura::Api::Client
