#include "jsonbody.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Kura::Api {

Result<QJsonObject> parseJsonObject(const QByteArray &body, qsizetype maxBytes)
{
    if (body.size() > maxBytes)
        return fail(ErrorCode::InvalidArgument,
            u"request body of %1 bytes exceeds the limit of %2 bytes"_s.arg(body.size())
                .arg(maxBytes));
    if (body.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(ErrorCode::InvalidArgument,
            u"request body is not valid JSON: %1 at offset %2"_s.arg(error.errorString())
                .arg(error.offset));
    if (!document.isObject())
        return fail(ErrorCode::InvalidArgument, u"request body must be a JSON object"_s);
    return document.object();
}

FieldReader::FieldReader(const QJsonObject &object, QString prefix)
    : m_object(object)
    , m_prefix(std::move(prefix))
{
}

QString FieldReader::path(const QString &name) const
{
    return m_prefix.isEmpty() ? name : m_prefix + u'.' + name;
}

QJsonValue FieldReader::take(const QString &name)
{
    m_read.insert(name);
    return m_object.value(name);
}

void FieldReader::fail(const QString &name, const QString &message)
{
    if (m_error)
        return;
    m_error = Error(ErrorCode::InvalidArgument, u"field \"%1\": %2"_s.arg(path(name), message));
    m_details = { { u"field"_s, path(name) } };
}

void FieldReader::failType(const QString &name, const char *expected)
{
    fail(name, u"expected %1"_s.arg(QString::fromLatin1(expected)));
}

void FieldReader::adopt(const FieldReader &nested)
{
    if (!m_error && nested.m_error) {
        m_error = nested.m_error;
        m_details = nested.m_details;
    }
}

QString FieldReader::requiredString(const QString &name)
{
    const QJsonValue value = take(name);
    if (value.isUndefined() || value.isNull()) {
        fail(name, u"is required"_s);
        return {};
    }
    if (!value.isString())
        failType(name, "a string");
    return value.toString();
}

QString FieldReader::optionalString(const QString &name, const QString &fallback)
{
    const QJsonValue value = take(name);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isString()) {
        failType(name, "a string");
        return fallback;
    }
    return value.toString();
}

int FieldReader::optionalInt(const QString &name, int fallback)
{
    const QJsonValue value = take(name);
    if (value.isUndefined() || value.isNull())
        return fallback;
    const double number = value.toDouble(std::nan(""));
    const bool integral = value.isDouble() && std::isfinite(number) && std::trunc(number) == number;
    if (!integral || number < std::numeric_limits<int>::min()
        || number > std::numeric_limits<int>::max()) {
        failType(name, "an integer");
        return fallback;
    }
    return int(number);
}

bool FieldReader::optionalBool(const QString &name, bool fallback)
{
    const QJsonValue value = take(name);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isBool()) {
        failType(name, "true or false");
        return fallback;
    }
    return value.toBool();
}

QStringList FieldReader::optionalStringList(const QString &name)
{
    const QJsonValue value = take(name);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray()) {
        failType(name, "an array of strings");
        return {};
    }
    QStringList out;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString()) {
            failType(name, "an array of strings");
            return {};
        }
        out << item.toString();
    }
    return out;
}

QJsonObject FieldReader::object(const QString &name, bool required)
{
    const QJsonValue value = take(name);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            fail(name, u"is required"_s);
        return {};
    }
    if (!value.isObject())
        failType(name, "an object");
    return value.toObject();
}

void FieldReader::rejectUnknownFields()
{
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it)
        if (!m_read.contains(it.key()))
            fail(it.key(), u"is not a known field"_s);
}

} // namespace Kura::Api
