#pragma once

#include <core/error.h>

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

// The HTTP request and response as the API's routes see them: plain values, independent of
// QHttpServer (only HttpServerAdapter converts from and to QHttpServer's types).
namespace Kura::Api {

enum class Method { Get, Post, Put, Delete, Other };
QString methodName(Method method);

struct ApiRequest {
    Method method = Method::Get;
    QString path; // decoded path, e.g. "/api/v1/servers/3"
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress remoteAddress;

    // The value of the first header named `name` (case-insensitive), empty if absent.
    QByteArray header(const QByteArray &name) const;
    // The decoded value of query parameter `name`, empty if absent.
    QString queryValue(const QString &name) const;
};

struct ApiResponse {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers besides Content-Type

    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append(qMakePair(name, value));
    }

    static ApiResponse json(int status, const QJsonObject &object);
    static ApiResponse json(int status, const QJsonArray &array);
    static ApiResponse raw(int status, const QByteArray &contentType, const QByteArray &body);
    // The error format of every failure: {"code": errorCodeName(code), "message": ...,
    // "details": {...}} with the HTTP status of httpStatusFor(code).
    static ApiResponse error(const Error &error, const QJsonObject &details = {});
    static ApiResponse error(
        ErrorCode code, const QString &message, const QJsonObject &details = {});
};

// The HTTP status of an error code: InvalidArgument/Unsupported 400, Unauthorized 401,
// Forbidden 403, NotFound 404, Conflict/Cancelled 409, Unavailable 503, Corrupt/Io/Internal 500
// (Corrupt means stored data failed a check; a malformed request is InvalidArgument).
int httpStatusFor(ErrorCode code);

// Milliseconds since the epoch as ISO 8601 UTC with milliseconds ("2026-01-01T00:00:00.000Z").
QString isoUtc(qint64 ms);
// isoUtc() of a present value, JSON null otherwise.
QJsonValue isoUtcOrNull(const std::optional<qint64> &ms);

} // namespace Kura::Api
