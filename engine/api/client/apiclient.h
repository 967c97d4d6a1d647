#pragma once

#include "apirequest.h"
#include "apitypes.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Kura::Api::Client {

// Receives the outcome of one call. Called exactly once (unless the context object died
// first), on the client's thread, never before the call that started it has returned.
template <class T> using Callback = std::function<void(ApiResult<T>)>;

// A call in flight. Copyable; a default-constructed or finished call does nothing.
class ApiCall {
public:
    ApiCall() = default;
    explicit ApiCall(QNetworkReply *reply);

    bool isRunning() const;
    // Abandons the call. Its callback still runs once, with ErrorCode::Cancelled.
    void abort();

private:
    QPointer<QNetworkReply> m_reply;
};

// The asynchronous client of the HTTP API /api/v1 (docs/api.md), used by the console and
// kuractl. Every call returns at once and reports through a callback; nothing blocks. Calls
// and callbacks run on the thread the client lives in (the GUI thread in the console).
//
// Each call takes a `context` object: when it is destroyed before the answer arrives, the
// callback is dropped (the usual Qt rule for deferred callbacks). Pass the object that owns
// the callback's captures (a model, a dialog); it may be the client itself.
//
// Errors: an answer with a status >= 400 becomes an ApiError with the server's code, message
// and details; an answer the client cannot read is ErrorCode::Corrupt naming the bad field;
// a transport failure has httpStatus 0 (ErrorCode::Unavailable when the server cannot be
// reached or did not answer within timeout(), ErrorCode::Unauthorized when its TLS
// certificate is not trusted, ErrorCode::Cancelled after ApiCall::abort()).
//
// Reachability: when a call finds the server unreachable, connectionLost() is emitted once
// and the client probes the server every probeInterval() until any HTTP answer comes back
// (or until another call succeeds); then connectionRestored() is emitted.
class ApiClient : public QObject {
    Q_OBJECT

public:
    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    // The server's address, "http[s]://host:port"; calls go to <base>/api/v1/... . A path in
    // the URL is kept as a prefix (a server behind a reverse proxy at /kura).
    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    // Checks a user-given server address: http or https, a host, no query or fragment.
    static Result<QUrl> parseBaseUrl(const QString &text);

    // The bearer token: a session token from login() or an API key. Empty: none is sent.
    void setToken(const QString &token) { m_token = token; }
    QString token() const { return m_token; }

    // Most time one call may go without any data moving (QNetworkRequest::setTransferTimeout);
    // then it fails with ErrorCode::Unavailable. Default 30 s; 0 disables the timeout.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

    // Trusts a self-signed server: TLS errors are ignored only when the SHA-256 of the peer
    // certificate (DER) equals `sha256`, and a certificate that does not match fails the call
    // even when a certificate authority vouches for it. Empty: normal certificate checks.
    void setPinnedCertificate(const QByteArray &sha256) { m_pin = sha256; }
    QByteArray pinnedCertificate() const { return m_pin; }
    // Reads a fingerprint as 64 hex digits, with or without ':' between the bytes.
    static Result<QByteArray> parseFingerprint(const QString &text);
    // "AB:CD:..." (upper case, colons), as the agent package and the console show it.
    static QString formatFingerprint(const QByteArray &sha256);

    // Time between probes while the server is unreachable. Default 5 s; 0 stops probing.
    void setProbeInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds probeInterval() const { return m_probeInterval; }
    // False from connectionLost() until connectionRestored(). Initially true.
    bool isReachable() const { return m_reachable; }

    // ---- Calls (docs/api.md "Routes") ----------------------------------------------------------

    // Logs in; does not change token() (call setToken() with the result's token).
    ApiCall login(const QString &tenant, const QString &user, const QString &password,
        QObject *context, Callback<LoginResult> done);
    ApiCall logout(QObject *context, Callback<void> done);
    ApiCall me(QObject *context, Callback<Identity> done);

    ApiCall servers(QObject *context, Callback<QList<ServerInfo>> done);
    ApiCall server(qint64 serverId, QObject *context, Callback<ServerInfo> done);
    ApiCall setPlan(qint64 serverId, const PlanInfo &plan, bool confirmTransfer, QObject *context,
        Callback<ServerInfo> done);
    ApiCall protect(qint64 serverId, const PlanInfo &plan, bool confirmTransfer, QObject *context,
        Callback<ServerInfo> done);
    ApiCall unprotect(
        qint64 serverId, bool confirm, QObject *context, Callback<UnprotectResult> done);
    ApiCall generations(qint64 serverId, QObject *context, Callback<QList<GenerationInfo>> done);
    // The agent's bandwidth limit for backups and restores, bytes per second (0: none; admin).
    ApiCall setBandwidth(
        qint64 serverId, qint64 bytesPerSecond, QObject *context, Callback<ServerInfo> done);

    // `kind`: "files", "system" or empty (the plan's content). A policy refusal is a 409
    // ApiError with refusal() and liftsAt().
    ApiCall startBackup(
        qint64 serverId, const QString &kind, QObject *context, Callback<JobInfo> done);
    ApiCall jobs(const JobFilter &filter, QObject *context, Callback<QList<JobInfo>> done);
    // The job with its events.
    ApiCall job(qint64 jobId, QObject *context, Callback<JobInfo> done);
    ApiCall stopJob(qint64 jobId, QObject *context, Callback<JobInfo> done);

    ApiCall jobReport(int limit, QObject *context, Callback<JobReport> done);
    // The engine's CSV document, byte for byte (UTF-8 with BOM).
    ApiCall jobReportCsv(const QString &timeZone, QObject *context, Callback<QByteArray> done);

    ApiCall alerts(
        bool includeResolved, int limit, QObject *context, Callback<QList<AlertInfo>> done);
    ApiCall acknowledgeAlert(qint64 alertId, QObject *context, Callback<AlertInfo> done);
    ApiCall regions(QObject *context, Callback<QList<RegionInfo>> done);

    // Enrollment (admin): a new one-time token with its agent package (validHours 0: the
    // server's default); the tenant's tokens without secrets; revoking an unused token. A
    // server without an agent listener answers 503 with codeName "not_configured".
    ApiCall createEnrollmentToken(
        const QString &region, int validHours, QObject *context, Callback<EnrollmentToken> done);
    ApiCall enrollmentTokens(int limit, QObject *context, Callback<QList<EnrollmentToken>> done);
    ApiCall revokeEnrollmentToken(qint64 tokenId, QObject *context, Callback<void> done);

    // Administration (admin). Deleting a server (SPEC §2 "Delete client") removes its record,
    // backup data and agent identity; without `confirm` the server refuses with a 400 ApiError
    // whose details hold "generations" and "storedBytes" (for the confirmation); 409 with
    // refusal() "generations_locked" and liftsAt() inside minimum retention. A region marked
    // "failed" or "ok" (SPEC §7) answers with the region. API keys: the secret is in the
    // created key's `token` only.
    ApiCall deleteServer(
        qint64 serverId, bool confirm, QObject *context, Callback<DeleteServerResult> done);
    ApiCall setRegionState(const QString &region, const QString &state, const QString &reason,
        QObject *context, Callback<RegionInfo> done);
    ApiCall apiKeys(QObject *context, Callback<QList<ApiKeyInfo>> done);
    ApiCall createApiKey(
        const QString &name, const QString &role, QObject *context, Callback<ApiKeyInfo> done);
    ApiCall revokeApiKey(qint64 keyId, QObject *context, Callback<void> done);

    // Restore (SPEC §6): every server of the tenant as a target of a generation of `serverId`
    // with the policy's verdict; a restore job (202; a refused target is a 409 ApiError with
    // refusal() "restore_target" and issues(); an offline target agent 503); one folder of a
    // generation, or of the server's own file system as its agent sees it now.
    ApiCall restoreTargets(qint64 serverId, qint64 generationId, QObject *context,
        Callback<QList<RestoreTarget>> done);
    ApiCall startRestore(
        qint64 serverId, const RestoreRequest &restore, QObject *context, Callback<JobInfo> done);
    ApiCall browseGeneration(qint64 serverId, qint64 generationId, const QString &path,
        QObject *context, Callback<FolderListing> done);
    ApiCall browseServer(qint64 serverId, const QString &path, int limit, QObject *context,
        Callback<FolderListing> done);
    // Searches a whole generation by name on the server (`limit` 0: the server's default).
    ApiCall searchGeneration(qint64 serverId, qint64 generationId, const QString &text, int limit,
        QObject *context, Callback<GenerationSearch> done);

    // Usage of a month ("YYYY-MM"; empty: the current UTC month) with estimated charges.
    ApiCall usage(const QString &month, QObject *context, Callback<UsageReport> done);
    // The same month as the server's CSV document (docs/api.md "Usage"), byte for byte.
    ApiCall usageCsv(const QString &month, QObject *context, Callback<QByteArray> done);

    // Disaster recovery (SPEC §12): configured or not, and the state when it is.
    ApiCall drStatus(QObject *context, Callback<DrStatus> done);

    // Live job events: see EventSubscription (eventsubscription.h).

    // The absolute URL of `request` below baseUrl(), query included.
    QUrl urlOf(const ApiRequest &request) const;

    // Sends any request of apirequest.h and returns the answer's body unread (for --json
    // output and for routes without a typed call). Statuses >= 400 are errors as above.
    ApiCall send(const ApiRequest &request, QObject *context, Callback<QByteArray> done);

signals:
    // The server could not be reached (refused, host not found, no answer in time).
    void connectionLost(const QString &reason);
    // The server answers again after connectionLost().
    void connectionRestored();
    // A call that sent a token was answered 401: the session expired or the key was revoked.
    void tokenRejected();

private:
    // An HTTP answer with a status below 400.
    struct Answer {
        int httpStatus = 0;
        QByteArray body;
    };
    using AnswerCallback = std::function<void(ApiResult<Answer>)>;

    ApiCall exchange(const ApiRequest &request, QObject *context, AnswerCallback done);
    QNetworkReply *start(const ApiRequest &request);
    void watchTls(QNetworkReply *reply);
    // The answer or the error of a finished reply.
    ApiResult<Answer> outcome(QNetworkReply *reply) const;
    // Updates the reachability state after `result` (and emits tokenRejected() on a 401).
    void observe(const ApiRequest &request, const ApiResult<Answer> &result);
    void markUnreachable(const QString &reason);
    void markReachable();
    void probe();

    // Sends `request`; a successful answer's body is not needed.
    ApiCall callWithoutAnswer(const ApiRequest &request, QObject *context, Callback<void> done);
    // Sends `request` and reads a successful answer with `parse`.
    template <class T>
    ApiCall call(const ApiRequest &request, QObject *context, Callback<T> done,
        std::function<Result<T>(const QJsonObject &)> parse);

    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_probeTimer = nullptr;
    QUrl m_baseUrl;
    QString m_token;
    QByteArray m_pin;
    std::chrono::milliseconds m_timeout { 30000 };
    std::chrono::milliseconds m_probeInterval { 5000 };
    bool m_reachable = true;
    bool m_probing = false; // a probe request is in flight
};

} // namespace Kura::Api::Client
