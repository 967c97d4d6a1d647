#include "cborfields.h"

using namespace Qt::StringLiterals;

namespace Kura::Protocol::Detail {

Error FieldReader::error(const char *key, const QString &problem) const
{
    return Error(ErrorCode::Corrupt, u"%1: field \"%2\" %3"_s.arg(QLatin1StringView(m_message),
                                                                   QLatin1StringView(key), problem));
}

bool FieldReader::has(const char *key) const
{
    return m_map.contains(QLatin1StringView(key));
}

Result<QCborValue> FieldReader::value(const char *key) const
{
    const QCborValue v = m_map.value(QLatin1StringView(key));
    if (v.isUndefined())
        return fail(error(key, u"is missing"_s));
    return v;
}

static Result<QString> checkedText(const FieldReader &reader, const char *key, const QCborValue &v,
                                   qsizetype maxBytes)
{
    if (!v.isString())
        return fail(reader.error(key, u"is not a text string"_s));
    QString text = v.toString();
    if (text.size() > maxBytes || text.toUtf8().size() > maxBytes)
        return fail(reader.error(key, u"is longer than %1 bytes"_s.arg(maxBytes)));
    return text;
}

Result<QString> FieldReader::text(const char *key, qsizetype maxBytes) const
{
    auto v = value(key);
    if (!v)
        return fail(v.error());
    return checkedText(*this, key, *v, maxBytes);
}

Result<qint64> FieldReader::integer(const char *key, qint64 min, qint64 max) const
{
    auto v = value(key);
    if (!v)
        return fail(v.error());
    if (!v->isInteger())
        return fail(error(key, u"is not an integer"_s));
    const qint64 n = v->toInteger();
    if (n < min || n > max)
        return fail(error(key, u"value %1 is outside %2..%3"_s.arg(n).arg(min).arg(max)));
    return n;
}

Result<bool> FieldReader::boolean(const char *key) const
{
    auto v = value(key);
    if (!v)
        return fail(v.error());
    if (!v->isBool())
        return fail(error(key, u"is not a boolean"_s));
    return v->toBool();
}

static Result<QByteArray> checkedBytes(const FieldReader &reader, const char *key,
                                       const QCborValue &v, qsizetype exactBytes, qsizetype maxBytes)
{
    if (!v.isByteArray())
        return fail(reader.error(key, u"is not a byte string"_s));
    QByteArray data = v.toByteArray();
    if (exactBytes > 0 && data.size() != exactBytes)
        return fail(reader.error(key, u"has %1 bytes, expected %2"_s.arg(data.size()).arg(exactBytes)));
    if (maxBytes > 0 && data.size() > maxBytes)
        return fail(reader.error(key, u"is longer than %1 bytes"_s.arg(maxBytes)));
    return data;
}

Result<QByteArray> FieldReader::bytes(const char *key, qsizetype exactBytes, qsizetype maxBytes) const
{
    auto v = value(key);
    if (!v)
        return fail(v.error());
    return checkedBytes(*this, key, *v, exactBytes, maxBytes);
}

Result<QCborArray> FieldReader::array(const char *key, qsizetype maxItems) const
{
    auto v = value(key);
    if (!v)
        return fail(v.error());
    if (!v->isArray())
        return fail(error(key, u"is not an array"_s));
    QCborArray items = v->toArray();
    if (items.size() > maxItems)
        return fail(error(key, u"has %1 items, more than %2"_s.arg(items.size()).arg(maxItems)));
    return items;
}

Result<QCborMap> FieldReader::map(const char *key) const
{
    auto v = value(key);
    if (!v)
        return fail(v.error());
    if (!v->isMap())
        return fail(error(key, u"is not a map"_s));
    return v->toMap();
}

Result<QStringList> FieldReader::textList(const char *key, qsizetype maxItems, qsizetype maxBytes) const
{
    auto items = array(key, maxItems);
    if (!items)
        return fail(items.error());
    QStringList list;
    list.reserve(items->size());
    for (qsizetype i = 0; i < items->size(); ++i) {
        const QByteArray itemKey = QByteArray(key) + " item " + QByteArray::number(i);
        auto text = checkedText(*this, itemKey.constData(), items->at(i), maxBytes);
        if (!text)
            return fail(text.error());
        list.append(*text);
    }
    return list;
}

Result<QList<QByteArray>> FieldReader::bytesList(const char *key, qsizetype maxItems,
                                                 qsizetype exactBytes) const
{
    auto items = array(key, maxItems);
    if (!items)
        return fail(items.error());
    QList<QByteArray> list;
    list.reserve(items->size());
    for (qsizetype i = 0; i < items->size(); ++i) {
        const QByteArray itemKey = QByteArray(key) + " item " + QByteArray::number(i);
        auto data = checkedBytes(*this, itemKey.constData(), items->at(i), exactBytes, 0);
        if (!data)
            return fail(data.error());
        list.append(*data);
    }
    return list;
}

Result<QString> optionalText(const FieldReader &reader, const char *key, qsizetype maxBytes)
{
    return reader.has(key) ? reader.text(key, maxBytes) : Result<QString>(QString());
}

Result<qint64> optionalInteger(const FieldReader &reader, const char *key, qint64 min, qint64 max,
                               qint64 fallback)
{
    return reader.has(key) ? reader.integer(key, min, max) : Result<qint64>(fallback);
}

Result<QStringList> optionalTextList(const FieldReader &reader, const char *key,
                                     qsizetype maxItems, qsizetype maxBytes)
{
    return reader.has(key) ? reader.textList(key, maxItems, maxBytes) : Result<QStringList>();
}

Result<QByteArray> optionalBytes(const FieldReader &reader, const char *key, qsizetype exactBytes)
{
    return reader.has(key) ? reader.bytes(key, exactBytes) : Result<QByteArray>(QByteArray());
}

QCborMap messageMap(MessageType type)
{
    QCborMap map;
    map.insert(QLatin1StringView("t"), QLatin1StringView(messageTypeName(type)));
    return map;
}

QCborArray toCborArray(const QStringList &list)
{
    QCborArray array;
    for (const QString &item : list)
        array.append(item);
    return array;
}

QCborArray toCborArray(const QList<QByteArray> &list)
{
    QCborArray array;
    for (const QByteArray &item : list)
        array.append(item);
    return array;
}

} // namespace Kura::Protocol::Detail
