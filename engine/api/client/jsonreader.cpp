#include "private/jsonreader.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Kura::Api::Client {
namespace {

// JSON numbers are doubles: integers above 2^53 cannot be told apart.
constexpr double MaxExactInteger = 9007199254740992.0;

} // namespace

std::optional<QJsonValue> JsonReader::present(const QString &key, Need need)
{
    const QJsonValue value = m_object.value(key);
    if (!value.isUndefined() && !value.isNull())
        return value;
    if (need == Required)
        fail(key, value.isNull() ? u"must not be null"_s : u"missing"_s);
    return std::nullopt;
}

QString JsonReader::string(const QString &key, Need need)
{
    const auto value = present(key, need);
    if (!value)
        return {};
    if (!value->isString())
        fail(key, u"expected a string"_s);
    return value->toString();
}

qint64 JsonReader::integer(const QString &key, Need need)
{
    const auto value = present(key, need);
    if (!value)
        return 0;
    const double number = value->toDouble();
    if (!value->isDouble() || !std::isfinite(number) || std::trunc(number) != number
        || std::fabs(number) > MaxExactInteger) {
        fail(key, u"expected an integer"_s);
        return 0;
    }
    return qint64(number);
}

int JsonReader::smallInteger(const QString &key, Need need)
{
    const qint64 value = integer(key, need);
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
        fail(key, u"%1 is out of range"_s.arg(value));
        return 0;
    }
    return int(value);
}

std::optional<qint64> JsonReader::optionalInteger(const QString &key)
{
    if (!has(key))
        return std::nullopt;
    return integer(key);
}

double JsonReader::number(const QString &key, Need need)
{
    const auto value = present(key, need);
    if (!value)
        return 0;
    if (!value->isDouble() || !std::isfinite(value->toDouble())) {
        fail(key, u"expected a number"_s);
        return 0;
    }
    return value->toDouble();
}

QDate JsonReader::date(const QString &key, Need need)
{
    const auto value = present(key, need);
    if (!value)
        return {};
    const QDate date = QDate::fromString(value->toString(), Qt::ISODate);
    if (!value->isString() || !date.isValid() || value->toString().size() != 10) {
        fail(key, u"expected a date YYYY-MM-DD"_s);
        return {};
    }
    return date;
}

bool JsonReader::boolean(const QString &key, Need need)
{
    const auto value = present(key, need);
    if (!value)
        return false;
    if (!value->isBool())
        fail(key, u"expected true or false"_s);
    return value->toBool();
}

QDateTime JsonReader::time(const QString &key, Need need)
{
    const auto value = present(key, need);
    if (!value)
        return {};
    const QDateTime time = QDateTime::fromString(value->toString(), Qt::ISODateWithMs);
    if (!value->isString() || !time.isValid()) {
        fail(key, u"expected an ISO 8601 time"_s);
        return {};
    }
    return time.toUTC();
}

QStringList JsonReader::stringList(const QString &key)
{
    const auto value = present(key, Optional);
    if (!value)
        return {};
    if (!value->isArray()) {
        fail(key, u"expected an array of strings"_s);
        return {};
    }
    QStringList out;
    const QJsonArray array = value->toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString()) {
            fail(u"%1[%2]"_s.arg(key).arg(i), u"expected a string"_s);
            return {};
        }
        out << array.at(i).toString();
    }
    return out;
}

QJsonObject JsonReader::object(const QString &key, Need need)
{
    const auto value = present(key, need);
    if (!value)
        return {};
    if (!value->isObject())
        fail(key, u"expected an object"_s);
    return value->toObject();
}

bool JsonReader::has(const QString &key) const
{
    const QJsonValue value = m_object.value(key);
    return !value.isUndefined() && !value.isNull();
}

void JsonReader::fail(const QString &key, const QString &problem)
{
    if (!m_error)
        m_error = Error(ErrorCode::Corrupt, key + u": "_s + problem);
}

void JsonReader::adopt(const QString &key, const Error &nested)
{
    if (!m_error)
        m_error = Error(ErrorCode::Corrupt, key + u'.' + nested.message());
}

void JsonReader::take(const Error &error)
{
    if (!m_error)
        m_error = Error(ErrorCode::Corrupt, error.message());
}

} // namespace Kura::Api::Client
