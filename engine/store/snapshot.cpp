#include "snapshot.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Kura::Store {
namespace {

constexpr int SnapshotVersion = 1;

QJsonArray toArray(const QStringList &list) { return QJsonArray::fromStringList(list); }

Result<QStringList> stringList(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return QStringList();
    if (!v.isArray())
        return fail(ErrorCode::Corrupt, QStringLiteral("snapshot field \"%1\" is not an array").arg(key));
    QStringList out;
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString())
            return fail(ErrorCode::Corrupt, QStringLiteral("snapshot field \"%1\" holds a non-string").arg(key));
        out << item.toString();
    }
    return out;
}

Result<BlobId> idField(const QJsonObject &o, const QString &key)
{
    auto id = BlobId::fromHex(o.value(key).toString());
    if (!id)
        return fail(ErrorCode::Corrupt, QStringLiteral("snapshot field \"%1\" is not a 64-digit hex id").arg(key));
    return *id;
}

Result<QDateTime> timeField(const QJsonObject &o, const QString &key)
{
    const QDateTime t = QDateTime::fromString(o.value(key).toString(), Qt::ISODateWithMs);
    if (!t.isValid() || t.timeSpec() == Qt::LocalTime) // a time without a zone means nothing portable
        return fail(ErrorCode::Corrupt, QStringLiteral("snapshot field \"%1\" is not an ISO 8601 time").arg(key));
    return t.toUTC();
}

} // namespace

QByteArray encodeSnapshot(const Snapshot &s)
{
    QJsonObject stats {
        { u"source_bytes"_s, double(s.stats.sourceBytes) }, { u"files"_s, double(s.stats.files) },
        { u"directories"_s, double(s.stats.directories) }, { u"new_blobs"_s, double(s.stats.newBlobs) },
        { u"new_bytes"_s, double(s.stats.newBytes) }, { u"stored_bytes"_s, double(s.stats.storedBytes) },
        { u"read_bytes"_s, double(s.stats.readBytes) }, { u"warnings"_s, double(s.stats.warnings) },
        { u"duration_ms"_s, double(s.stats.durationMs) },
    };
    QJsonObject o {
        { u"version"_s, SnapshotVersion },
        { u"kind"_s, s.kind == SnapshotKind::Image ? u"image"_s : u"files"_s },
        { u"time"_s, s.time.toUTC().toString(Qt::ISODateWithMs) },
        { u"end_time"_s, s.endTime.toUTC().toString(Qt::ISODateWithMs) },
        { u"host"_s, s.host }, { u"user"_s, s.user },
        { u"paths"_s, toArray(s.paths) }, { u"excludes"_s, toArray(s.excludes) },
        { u"tags"_s, toArray(s.tags) },
        { u"tree"_s, s.tree.toHex() },
        { u"stats"_s, stats },
    };
    if (s.parent)
        o.insert(u"parent"_s, s.parent->toHex());
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<Snapshot> decodeSnapshot(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return fail(ErrorCode::Corrupt, QStringLiteral("snapshot is not a JSON object: %1").arg(parseError.errorString()));
    const QJsonObject o = doc.object();
    if (o.value(u"version"_s).toInt(-1) != SnapshotVersion)
        return fail(ErrorCode::Unsupported, QStringLiteral("snapshot version %1 is unknown")
                                                .arg(o.value(u"version"_s).toVariant().toString()));
    Snapshot s;
    const QString kind = o.value(u"kind"_s).toString();
    if (kind != u"files"_s && kind != u"image"_s)
        return fail(ErrorCode::Corrupt, QStringLiteral("snapshot kind \"%1\" is unknown").arg(kind));
    s.kind = kind == u"image"_s ? SnapshotKind::Image : SnapshotKind::Files;
    auto time = timeField(o, u"time"_s);
    auto endTime = timeField(o, u"end_time"_s);
    auto tree = idField(o, u"tree"_s);
    auto paths = stringList(o, u"paths"_s);
    auto excludes = stringList(o, u"excludes"_s);
    auto tags = stringList(o, u"tags"_s);
    for (const Error *e : { time ? nullptr : &time.error(), endTime ? nullptr : &endTime.error(),
                            tree ? nullptr : &tree.error(), paths ? nullptr : &paths.error(),
                            excludes ? nullptr : &excludes.error(), tags ? nullptr : &tags.error() })
        if (e)
            return fail(*e);
    s.time = *time;
    s.endTime = *endTime;
    s.tree = *tree;
    s.paths = *paths;
    s.excludes = *excludes;
    s.tags = *tags;
    for (const QString &key : { u"host"_s, u"user"_s })
        if (o.contains(key) && !o.value(key).isString())
            return fail(ErrorCode::Corrupt, QStringLiteral("snapshot field \"%1\" is not a string").arg(key));
    s.host = o.value(u"host"_s).toString();
    s.user = o.value(u"user"_s).toString();
    if (o.contains(u"parent"_s)) {
        auto parent = idField(o, u"parent"_s);
        if (!parent)
            return fail(parent.error());
        s.parent = *parent;
    }
    const QJsonObject st = o.value(u"stats"_s).toObject();
    std::optional<QString> badStat;
    auto number = [&](const char *key) -> qint64 {
        const QJsonValue v = st.value(QLatin1String(key));
        if (v.isUndefined())
            return 0;
        const double d = v.toDouble(-1);
        // Whole numbers from 0 to 2^53 (exact in a double); anything else is damage.
        if (!v.isDouble() || d < 0 || d > 9007199254740992.0 || d != double(qint64(d))) {
            badStat = QLatin1String(key);
            return 0;
        }
        return qint64(d);
    };
    s.stats = { number("source_bytes"), number("files"), number("directories"), number("new_blobs"),
                number("new_bytes"), number("stored_bytes"), number("read_bytes"), number("warnings"),
                number("duration_ms") };
    if (badStat)
        return fail(ErrorCode::Corrupt, QStringLiteral("snapshot statistic \"%1\" is not a whole number in range").arg(*badStat));
    return s;
}

} // namespace Kura::Store
