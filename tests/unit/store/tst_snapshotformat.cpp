#include "storetestutil.h"

#include <store/snapshot.h>

#include <testsupport.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Kura;
using namespace Kura::Store;
using namespace Qt::StringLiterals;

namespace {

BlobId idOf(quint64 seed) { return *BlobId::fromByteArray(Test::randomBytes(32, seed)); }

Snapshot fullSnapshot()
{
    Snapshot s;
    s.kind = SnapshotKind::Files;
    s.time = QDateTime(QDate(2026, 3, 14), QTime(1, 59, 26, 535), Qt::UTC);
    s.endTime = s.time.addSecs(3600);
    s.host = u"web-01.example.jp"_s;
    s.user = u"root"_s;
    s.paths = { u"/etc"_s, u"/srv/データ"_s, u"/path with\nnewline"_s };
    s.excludes = { u"*.tmp"_s };
    s.tags = { u"daily"_s, u"manual"_s };
    s.tree = idOf(1);
    s.parent = idOf(2);
    s.stats = { 5ll << 40, 123456, 789, 1000, 2ll << 30, 1ll << 30, 3ll << 30, 2, 86400000 };
    return s;
}

// The JSON of a valid snapshot as an object, for tests that change one field.
QJsonObject validObject() { return QJsonDocument::fromJson(encodeSnapshot(fullSnapshot())).object(); }

QByteArray jsonOf(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

QByteArray with(const QString &key, const QJsonValue &value)
{
    QJsonObject o = validObject();
    o.insert(key, value);
    return jsonOf(o);
}

QByteArray without(const QString &key)
{
    QJsonObject o = validObject();
    o.remove(key);
    return jsonOf(o);
}

QByteArray withStat(const QString &key, const QJsonValue &value)
{
    QJsonObject o = validObject();
    QJsonObject stats = o.value(u"stats"_s).toObject();
    stats.insert(key, value);
    o.insert(u"stats"_s, stats);
    return jsonOf(o);
}

} // namespace

class tst_SnapshotFormat : public QObject
{
    Q_OBJECT
private slots:
    void roundTrips_data();
    void roundTrips();
    void acceptsMissingOptionalFields();
    void convertsTimesToUtc();
    void rejectsBadSnapshots_data();
    void rejectsBadSnapshots();
    void rejectsUnknownVersion_data();
    void rejectsUnknownVersion();
    void rejectsLaxValues_data();
    void rejectsLaxValues();
};

void tst_SnapshotFormat::roundTrips_data()
{
    QTest::addColumn<Snapshot>("snapshot");
    QTest::newRow("every field") << fullSnapshot();
    Snapshot image = fullSnapshot();
    image.kind = SnapshotKind::Image;
    image.parent.reset();
    image.paths = { u"/dev/vda"_s };
    image.excludes.clear();
    image.tags.clear();
    QTest::newRow("image without parent") << image;
    Snapshot minimal;
    minimal.time = QDateTime(QDate(1970, 1, 1), QTime(0, 0), Qt::UTC);
    minimal.endTime = minimal.time;
    minimal.tree = idOf(3);
    QTest::newRow("minimal") << minimal;
    Snapshot large = fullSnapshot();
    large.stats.sourceBytes = (1ll << 53) - 1; // largest integer a JSON number holds exactly
    QTest::newRow("largest exact statistics") << large;
}

void tst_SnapshotFormat::roundTrips()
{
    QFETCH(Snapshot, snapshot);
    const QByteArray json = encodeSnapshot(snapshot);
    auto decoded = decodeSnapshot(json);
    QVERIFY_RESULT(decoded);
    QVERIFY(decoded->id.isEmpty()); // the id is the object's name, not part of the encoding
    QCOMPARE(decoded->time, snapshot.time);
    QCOMPARE(decoded->time.timeSpec(), Qt::UTC);
    QCOMPARE(decoded->paths, snapshot.paths);
    QVERIFY(decoded->stats == snapshot.stats);
    QVERIFY(*decoded == snapshot);
    QCOMPARE(encodeSnapshot(*decoded), json);
}

void tst_SnapshotFormat::acceptsMissingOptionalFields()
{
    QJsonObject o = validObject();
    for (const QString &key : { u"host"_s, u"user"_s, u"paths"_s, u"excludes"_s, u"tags"_s, u"parent"_s, u"stats"_s })
        o.remove(key);
    auto decoded = decodeSnapshot(jsonOf(o));
    QVERIFY_RESULT(decoded);
    QVERIFY(decoded->host.isEmpty());
    QVERIFY(decoded->paths.isEmpty());
    QVERIFY(!decoded->parent);
    QVERIFY(decoded->stats == SnapshotStats());
    QCOMPARE(decoded->tree, idOf(1));
}

void tst_SnapshotFormat::convertsTimesToUtc()
{
    auto decoded = decodeSnapshot(with(u"time"_s, u"2026-01-01T09:00:00.250+09:00"_s));
    QVERIFY_RESULT(decoded);
    QCOMPARE(decoded->time, QDateTime(QDate(2026, 1, 1), QTime(0, 0, 0, 250), Qt::UTC));
    QCOMPARE(decoded->time.timeSpec(), Qt::UTC);
}

void tst_SnapshotFormat::rejectsBadSnapshots_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    const QByteArray good = encodeSnapshot(fullSnapshot());
    QTest::newRow("empty") << QByteArray() << u"not a JSON object"_s;
    QTest::newRow("cut short") << good.chopped(1) << u"not a JSON object"_s;
    QTest::newRow("an array") << QByteArray("[1,2]") << u"not a JSON object"_s;
    QTest::newRow("a string") << QByteArray("\"snapshot\"") << u"not a JSON object"_s;
    QTest::newRow("binary") << Test::randomBytes(200, 1) << u"not a JSON object"_s;
    QTest::newRow("kind missing") << without(u"kind"_s) << u"kind \"\" is unknown"_s;
    QTest::newRow("kind unknown") << with(u"kind"_s, u"tape"_s) << u"kind \"tape\" is unknown"_s;
    QTest::newRow("kind in capitals") << with(u"kind"_s, u"Files"_s) << u"kind \"Files\" is unknown"_s;
    QTest::newRow("time missing") << without(u"time"_s) << u"\"time\" is not an ISO 8601 time"_s;
    QTest::newRow("time not a time") << with(u"time"_s, u"yesterday"_s) << u"\"time\" is not an ISO 8601 time"_s;
    QTest::newRow("time as a number") << with(u"time"_s, 1767225600) << u"\"time\" is not an ISO 8601 time"_s;
    QTest::newRow("time on 30 February") << with(u"time"_s, u"2026-02-30T00:00:00Z"_s) << u"\"time\""_s;
    QTest::newRow("time at hour 25") << with(u"time"_s, u"2026-01-01T25:00:00Z"_s) << u"\"time\""_s;
    QTest::newRow("end time missing") << without(u"end_time"_s) << u"\"end_time\" is not an ISO 8601 time"_s;
    QTest::newRow("tree missing") << without(u"tree"_s) << u"\"tree\" is not a 64-digit hex id"_s;
    QTest::newRow("tree too short") << with(u"tree"_s, QString(63, u'a')) << u"\"tree\" is not a 64-digit hex id"_s;
    QTest::newRow("tree too long") << with(u"tree"_s, QString(65, u'a')) << u"\"tree\""_s;
    QTest::newRow("tree not hex") << with(u"tree"_s, QString(63, u'a') + u'g') << u"\"tree\""_s;
    QTest::newRow("tree as an array") << with(u"tree"_s, QJsonArray { idOf(1).toHex() }) << u"\"tree\""_s;
    QTest::newRow("parent not an id") << with(u"parent"_s, u"latest"_s) << u"\"parent\" is not a 64-digit hex id"_s;
    QTest::newRow("parent null") << with(u"parent"_s, QJsonValue::Null) << u"\"parent\""_s;
    QTest::newRow("paths not an array") << with(u"paths"_s, u"/etc"_s) << u"\"paths\" is not an array"_s;
    QTest::newRow("paths holding a number") << with(u"paths"_s, QJsonArray { u"/etc"_s, 5 })
                                            << u"\"paths\" holds a non-string"_s;
    QTest::newRow("excludes not an array") << with(u"excludes"_s, QJsonObject()) << u"\"excludes\" is not an array"_s;
    QTest::newRow("tags holding null") << with(u"tags"_s, QJsonArray { QJsonValue::Null }) << u"\"tags\" holds"_s;
}

void tst_SnapshotFormat::rejectsBadSnapshots()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QVERIFY_ERROR(decodeSnapshot(json), ErrorCode::Corrupt, message);
}

void tst_SnapshotFormat::rejectsUnknownVersion_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("version 2") << with(u"version"_s, 2) << u"snapshot version 2 is unknown"_s;
    QTest::newRow("version 0") << with(u"version"_s, 0) << u"snapshot version 0 is unknown"_s;
    QTest::newRow("version missing") << without(u"version"_s) << u"snapshot version"_s;
    QTest::newRow("version as text") << with(u"version"_s, u"1"_s) << u"snapshot version 1 is unknown"_s;
    QTest::newRow("version 1.5") << with(u"version"_s, 1.5) << u"snapshot version 1.5 is unknown"_s;
}

void tst_SnapshotFormat::rejectsUnknownVersion()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QVERIFY_ERROR(decodeSnapshot(json), ErrorCode::Unsupported, message);
}

void tst_SnapshotFormat::rejectsLaxValues_data()
{
    QTest::addColumn<QByteArray>("json");
    // Statistics are counts: qint64(double) of a value outside qint64 is undefined behaviour.
    QTest::newRow("statistic above 2^63") << withStat(u"files"_s, 1e300);
    QTest::newRow("negative statistic") << withStat(u"source_bytes"_s, -5);
    QTest::newRow("fractional statistic") << withStat(u"warnings"_s, 0.5);
    QTest::newRow("statistic as text") << withStat(u"files"_s, u"12"_s);
    // A time without zone is read in the machine's own zone: another machine reads another time.
    QTest::newRow("time without zone") << with(u"time"_s, u"2026-01-01T00:00:00"_s);
    QTest::newRow("host as a number") << with(u"host"_s, 42);
}

void tst_SnapshotFormat::rejectsLaxValues()
{
    QFETCH(QByteArray, json);
    auto decoded = decodeSnapshot(json);
    QVERIFY(!decoded);
    if (!decoded)
        QCOMPARE(decoded.error().code(), ErrorCode::Corrupt);
}

QTEST_GUILESS_MAIN(tst_SnapshotFormat)
#include "tst_snapshotformat.moc"
