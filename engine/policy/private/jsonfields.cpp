#include "jsonfields.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace Kura::Policy::Json {
namespace {

tl::unexpected<Error> bad(const QString &path, const QString &what)
{
    return fail(ErrorCode::Corrupt, path + QStringLiteral(": ") + what);
}

} // namespace

QString fieldPath(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + u'.' + key;
}

Result<QJsonObject> parseObject(const QByteArray &json, qsizetype maxBytes, const QString &what)
{
    if (json.size() > maxBytes)
        return fail(ErrorCode::Corrupt,
            QStringLiteral("%1: %2 bytes is larger than the limit of %3")
                .arg(what)
                .arg(json.size())
                .arg(maxBytes));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(ErrorCode::Corrupt,
            QStringLiteral("%1: invalid JSON at offset %2: %3")
                .arg(what)
                .arg(error.offset)
                .arg(error.errorString()));
    if (!document.isObject())
        return fail(
            ErrorCode::Corrupt, QStringLiteral("%1: the top level is not a JSON object").arg(what));
    return document.object();
}

Status checkVersion(const QJsonObject &object, int expected)
{
    auto version = integerField(object, QStringLiteral("version"), QString(), 0, 1000000);
    KURA_TRY(version);
    if (*version != expected)
        return fail(ErrorCode::Unsupported,
            QStringLiteral("version: %1 is not supported (expected %2)")
                .arg(*version)
                .arg(expected));
    return {};
}

Result<QJsonArray> arrayField(const QJsonObject &object, const QString &key, qsizetype maxItems)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return bad(key, QStringLiteral("missing"));
    if (!value.isArray())
        return bad(key, QStringLiteral("not an array"));
    const QJsonArray array = value.toArray();
    if (array.size() > maxItems)
        return bad(key,
            QStringLiteral("%1 entries is more than the limit of %2")
                .arg(array.size())
                .arg(maxItems));
    return array;
}

Result<QJsonObject> objectAt(const QJsonArray &array, qsizetype index, const QString &path)
{
    const QJsonValue value = array.at(index);
    if (!value.isObject())
        return bad(path, QStringLiteral("not an object"));
    return value.toObject();
}

Result<QString> stringField(const QJsonObject &object, const QString &key, const QString &path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return bad(fieldPath(path, key), QStringLiteral("missing"));
    if (!value.isString())
        return bad(fieldPath(path, key), QStringLiteral("not a string"));
    return value.toString();
}

Result<QString> optionalString(
    const QJsonObject &object, const QString &key, const QString &path, const QString &fallback)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isString())
        return bad(fieldPath(path, key), QStringLiteral("not a string"));
    return value.toString();
}

Result<bool> optionalBool(
    const QJsonObject &object, const QString &key, const QString &path, bool fallback)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return fallback;
    if (!value.isBool())
        return bad(fieldPath(path, key), QStringLiteral("not true or false"));
    return value.toBool();
}

Result<qint64> integerField(
    const QJsonObject &object, const QString &key, const QString &path, qint64 min, qint64 max)
{
    const QJsonValue value = object.value(key);
    const QString field = fieldPath(path, key);
    if (value.isUndefined())
        return bad(field, QStringLiteral("missing"));
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || !std::isfinite(number) || number != std::floor(number))
        return bad(field, QStringLiteral("not an integer"));
    if (number < double(min) || number > double(max))
        return bad(field, QStringLiteral("%1 is outside %2..%3").arg(number).arg(min).arg(max));
    return qint64(number);
}

Result<double> numberField(
    const QJsonObject &object, const QString &key, const QString &path, double min, double max)
{
    const QJsonValue value = object.value(key);
    const QString field = fieldPath(path, key);
    if (value.isUndefined())
        return bad(field, QStringLiteral("missing"));
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || !std::isfinite(number))
        return bad(field, QStringLiteral("not a number"));
    if (number < min || number > max)
        return bad(field, QStringLiteral("%1 is outside %2..%3").arg(number).arg(min).arg(max));
    return number;
}

Status checkKnownKeys(const QJsonObject &object, const QStringList &allowed, const QString &path)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowed.contains(it.key()))
            return bad(fieldPath(path, it.key()), QStringLiteral("unknown field"));
    }
    return {};
}

} // namespace Kura::Policy::Json
