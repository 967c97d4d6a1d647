#include "restoreitems.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Kura::Models {

namespace {
constexpr qsizetype MaxItems = 100000;

bool isKnownKind(const QString &kind)
{
    return kind == u"file"_s || kind == u"directory"_s || kind == u"symlink"_s || kind == u"other"_s;
}

QString pathProblem(const QString &path)
{
    if (!path.startsWith(u'/'))
        return u"is not absolute"_s;
    if (path.contains(QChar(0)))
        return u"contains a NUL character"_s;
    if (path == u"/"_s)
        return {};
    const QStringList parts = path.mid(1).split(u'/');
    for (const QString &part : parts) {
        if (part.isEmpty() || part == u"."_s || part == u".."_s)
            return u"has an empty, \".\" or \"..\" part"_s;
    }
    return {};
}
} // namespace

QByteArray encodeRestoreItems(const QList<RestoreItem> &items)
{
    QJsonArray array;
    for (const RestoreItem &item : items)
        array.append(QJsonObject { { u"path"_s, item.path }, { u"kind"_s, item.kind }, { u"size"_s, double(item.size) } });
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

Result<QList<RestoreItem>> decodeRestoreItems(const QByteArray &data)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(ErrorCode::Corrupt, u"dragged restore items are not JSON: %1 at offset %2"_s
                                            .arg(error.errorString()).arg(error.offset));
    if (!document.isArray())
        return fail(ErrorCode::Corrupt, u"dragged restore items are not a JSON array"_s);
    const QJsonArray array = document.array();
    if (array.size() > MaxItems)
        return fail(ErrorCode::Corrupt, u"more than %1 dragged restore items"_s.arg(MaxItems));
    QList<RestoreItem> items;
    items.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return fail(ErrorCode::Corrupt, u"dragged restore item %1 is not an object"_s.arg(i));
        const QJsonObject object = array.at(i).toObject();
        RestoreItem item;
        item.path = object.value(u"path"_s).toString();
        item.kind = object.value(u"kind"_s).toString();
        const QJsonValue size = object.value(u"size"_s);
        if (const QString problem = pathProblem(item.path); !problem.isEmpty())
            return fail(ErrorCode::Corrupt, u"dragged restore item %1: the path \"%2\" %3"_s.arg(i).arg(item.path, problem));
        if (!isKnownKind(item.kind))
            return fail(ErrorCode::Corrupt, u"dragged restore item %1: unknown kind \"%2\""_s.arg(i).arg(item.kind));
        if (!size.isDouble() || size.toDouble() < 0 || size.toDouble() > 9.0e15)
            return fail(ErrorCode::Corrupt, u"dragged restore item %1: the size is not a number of bytes"_s.arg(i));
        item.size = qint64(size.toDouble());
        items.append(item);
    }
    return items;
}

bool isSameOrUnder(const QString &path, const QString &folder)
{
    if (path == folder || folder == u"/"_s)
        return path.startsWith(u'/');
    return path.startsWith(folder) && path.size() > folder.size() && path.at(folder.size()) == u'/';
}

} // namespace Kura::Models
