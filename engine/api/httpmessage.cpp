#include "httpmessage.h"

#include <QDateTime>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Kura::Api {

QString methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return u"GET"_s;
    case Method::Post:
        return u"POST"_s;
    case Method::Put:
        return u"PUT"_s;
    case Method::Delete:
        return u"DELETE"_s;
    case Method::Other:
        break;
    }
    return u"OTHER"_s;
}

QByteArray ApiRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

QString ApiRequest::queryValue(const QString &name) const
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

ApiResponse ApiResponse::json(int status, const QJsonObject &object)
{
    return raw(status, "application/json", QJsonDocument(object).toJson(QJsonDocument::Compact));
}

ApiResponse ApiResponse::json(int status, const QJsonArray &array)
{
    return raw(status, "application/json", QJsonDocument(array).toJson(QJsonDocument::Compact));
}

ApiResponse ApiResponse::raw(int status, const QByteArray &contentType, const QByteArray &body)
{
    ApiResponse response;
    response.status = status;
    response.contentType = contentType;
    response.body = body;
    return response;
}

ApiResponse ApiResponse::error(const Error &error, const QJsonObject &details)
{
    const QJsonObject object { { u"code"_s, QString::fromLatin1(errorCodeName(error.code())) },
        { u"message"_s, error.message() }, { u"details"_s, details } };
    return json(httpStatusFor(error.code()), object);
}

ApiResponse ApiResponse::error(ErrorCode code, const QString &message, const QJsonObject &details)
{
    return error(Error(code, message), details);
}

int httpStatusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::Unsupported:
        return 400;
    case ErrorCode::Unauthorized:
        return 401;
    case ErrorCode::Forbidden:
        return 403;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::Conflict:
    case ErrorCode::Cancelled:
        return 409;
    case ErrorCode::Unavailable:
        return 503;
    case ErrorCode::Corrupt: // stored data failed a check: the server's problem, not the client's
    case ErrorCode::Io:
    case ErrorCode::Internal:
        break;
    }
    return 500;
}

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonValue isoUtcOrNull(const std::optional<qint64> &ms)
{
    return ms ? QJsonValue(isoUtc(*ms)) : QJsonValue(QJsonValue::Null);
}

} // namespace Kura::Api
