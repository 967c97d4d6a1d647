#include "allocationprobe.h"
#include "storetestutil.h"

#include <store/index.h>

#include <testsupport.h>

#include <QTest>
#include <QtEndian>

using namespace Kura;
using namespace Kura::Store;
using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype PackRecordBytes = 32 + 4;
constexpr qsizetype EntryRecordBytes = 1 + 1 + 32 + 4 + 4 + 4;

BlobId idOf(quint64 seed) { return *BlobId::fromByteArray(Test::randomBytes(32, seed)); }

IndexedPack packOf(quint64 seed, int entryCount)
{
    IndexedPack pack;
    pack.packId = idOf(seed);
    quint32 offset = 0;
    for (int i = 0; i < entryCount; ++i) {
        PackEntry e;
        e.type = i % 2 ? BlobType::Tree : BlobType::Data;
        e.compression = i % 3 ? Compression::Zstd : Compression::None;
        e.id = idOf(seed * 1000 + quint64(i));
        e.offset = offset;
        e.length = quint32(SealOverhead + 100 + i);
        e.rawLength = quint32(200 + i * 7);
        offset += e.length;
        pack.entries << e;
    }
    return pack;
}

// Two packs of two entries each, encoded: header 9 bytes, then pack 0 at 9, its entries at
// 45 and 91, pack 1 at 137, its entries at 173 and 219; 265 bytes in all.
QByteArray twoPacks() { return encodeIndex({ packOf(1, 2), packOf(2, 2) }); }

QByteArray withByte(QByteArray bytes, qsizetype at, char value)
{
    bytes[at] = value;
    return bytes;
}

QByteArray withU32(QByteArray bytes, qsizetype at, quint32 value)
{
    qToLittleEndian<quint32>(value, bytes.data() + at);
    return bytes;
}

} // namespace

class tst_IndexFormat : public QObject
{
    Q_OBJECT
private slots:
    void roundTrips_data();
    void roundTrips();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void largeCountsDoNotAllocate_data();
    void largeCountsDoNotAllocate();
    void probeSeesLargeAllocations();
    void masterIndexFindsEveryBlob();
};

void tst_IndexFormat::roundTrips_data()
{
    QTest::addColumn<QList<IndexedPack>>("packs");
    QTest::newRow("no packs") << QList<IndexedPack>();
    QTest::newRow("one empty pack") << QList<IndexedPack> { packOf(1, 0) };
    QTest::newRow("one pack") << QList<IndexedPack> { packOf(2, 5) };
    QTest::newRow("several packs") << QList<IndexedPack> { packOf(3, 3), packOf(4, 0), packOf(5, 100), packOf(6, 1) };
    IndexedPack extremes = packOf(7, 1);
    extremes.entries[0].offset = 0xffffffffu;
    extremes.entries[0].length = MaxBlobBytes + SealOverhead;
    extremes.entries[0].rawLength = MaxBlobBytes;
    QTest::newRow("largest values") << QList<IndexedPack> { extremes };
}

void tst_IndexFormat::roundTrips()
{
    QFETCH(QList<IndexedPack>, packs);
    const QByteArray encoded = encodeIndex(packs);
    qsizetype entries = 0;
    for (const IndexedPack &pack : packs)
        entries += pack.entries.size();
    QCOMPARE(encoded.size(), 9 + packs.size() * PackRecordBytes + entries * EntryRecordBytes);
    QVERIFY(encoded.startsWith("KIDX\x01"));
    auto decoded = decodeIndex(encoded);
    QVERIFY_RESULT(decoded);
    QCOMPARE(*decoded, packs);
}

void tst_IndexFormat::rejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("plain");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");
    const QByteArray good = twoPacks();
    QCOMPARE(good.size(), 265);
    const auto row = [](const char *name, const QByteArray &plain, ErrorCode code, const QString &message) {
        QTest::newRow(name) << plain << code << message;
    };
    const QString pack0 = idOf(1).toHex(), pack1 = idOf(2).toHex();
    row("empty", QByteArray(), ErrorCode::Corrupt, u"bad magic"_s);
    row("magic only", good.left(4), ErrorCode::Corrupt, u"bad magic"_s);
    row("header without the count's last byte", good.left(8), ErrorCode::Corrupt, u"bad magic"_s);
    row("bad magic", withByte(good, 0, 'k'), ErrorCode::Corrupt, u"bad magic"_s);
    row("a pack header instead", QByteArray("KURAPK01") + good.mid(8), ErrorCode::Corrupt, u"bad magic"_s);
    row("version 0", withByte(good, 4, 0), ErrorCode::Unsupported, u"index version 0"_s);
    row("version 2", withByte(good, 4, 2), ErrorCode::Unsupported, u"index version 2"_s);
    row("truncated in the first pack id", good.left(20), ErrorCode::Corrupt, u"declares 2 packs"_s);
    row("truncated after the first pack record", good.left(45), ErrorCode::Corrupt, u"declares 2 packs in 45 bytes"_s);
    row("truncated in the first entry", good.left(100), ErrorCode::Corrupt, pack0 + u" declares 2 entries"_s);
    row("truncated in the second pack record", good.left(150), ErrorCode::Corrupt, u"truncated in pack 1"_s);
    row("last byte missing", good.chopped(1), ErrorCode::Corrupt, pack1);
    row("one trailing byte", good + 'x', ErrorCode::Corrupt, u"1 trailing bytes"_s);
    row("a whole pack record trailing", good + good.mid(9, 36), ErrorCode::Corrupt, u"36 trailing bytes"_s);
    row("pack count one too small", withU32(good, 5, 1), ErrorCode::Corrupt, u"trailing bytes"_s);
    row("pack count one too large", withU32(good, 5, 3), ErrorCode::Corrupt, u"truncated in pack 2"_s);
    row("pack count of 2^32 - 1", withU32(good, 5, 0xffffffffu), ErrorCode::Corrupt, u"declares 4294967295 packs"_s);
    row("entry count one too large", withU32(good, 9 + 32, 3), ErrorCode::Corrupt, u"entry 2 of pack "_s + pack0);
    row("entry count larger than the bytes", withU32(good, 9 + 32, 5), ErrorCode::Corrupt,
        pack0 + u" declares 5 entries"_s);
    row("entry count of 2^32 - 1", withU32(good, 137 + 32, 0xffffffffu), ErrorCode::Corrupt,
        pack1 + u" declares 4294967295 entries"_s);
    row("unknown blob type", withByte(good, 91, 2), ErrorCode::Corrupt, u"entry 1 of pack "_s + pack0);
    row("unknown compression", withByte(good, 219 + 1, 7), ErrorCode::Corrupt, u"entry 1 of pack "_s + pack1);
    row("raw length above the blob limit", withU32(good, 45 + 42, MaxBlobBytes + 1), ErrorCode::Corrupt,
        u"entry 0 of pack %1 has impossible length"_s.arg(pack0));
    row("sealed length of 4 GiB", withU32(good, 173 + 38, 0xffffffffu), ErrorCode::Corrupt,
        u"entry 0 of pack %1 has impossible length"_s.arg(pack1));
}

void tst_IndexFormat::rejectsBadInput()
{
    QFETCH(QByteArray, plain);
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);
    QVERIFY_ERROR(decodeIndex(plain), code, message);
}

void tst_IndexFormat::largeCountsDoNotAllocate_data()
{
    QTest::addColumn<QByteArray>("plain");
    const QByteArray header("KIDX\x01", 5);
    const auto withCount = [](QByteArray bytes, quint32 count) {
        char b[4];
        qToLittleEndian<quint32>(count, b);
        return bytes + QByteArray(b, 4);
    };
    QTest::newRow("2^32 - 1 packs") << withCount(header, 0xffffffffu);
    QTest::newRow("2^24 packs in one record") << withCount(header, 1u << 24) + QByteArray(36, '\0');
    QTest::newRow("2^32 - 1 entries") << withCount(withCount(header, 1) + QByteArray(32, 'p'), 0xffffffffu);
    QTest::newRow("2^24 entries with one present")
        << withCount(withCount(header, 1) + QByteArray(32, 'p'), 1u << 24) + QByteArray(46, '\0');
}

void tst_IndexFormat::largeCountsDoNotAllocate()
{
    QFETCH(QByteArray, plain);
    std::size_t largest = 0;
    {
        Test::AllocationProbe probe;
        const auto decoded = decodeIndex(plain);
        largest = probe.largestRequest();
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().code(), ErrorCode::Corrupt);
    }
    if (!Test::AllocationProbe::isAvailable())
        QSKIP("allocations cannot be measured in this build");
    QVERIFY2(largest < 64 * 1024, qPrintable(u"largest allocation %1 bytes"_s.arg(largest)));
}

void tst_IndexFormat::probeSeesLargeAllocations()
{
    // The measurement above must be able to fail: a valid index of 20000 entries allocates.
    if (!Test::AllocationProbe::isAvailable())
        QSKIP("allocations cannot be measured in this build");
    const QByteArray plain = encodeIndex({ packOf(9, 20000) });
    Test::AllocationProbe probe;
    QVERIFY(decodeIndex(plain).has_value());
    QVERIFY(probe.largestRequest() >= 20000 * sizeof(PackEntry));
}

void tst_IndexFormat::masterIndexFindsEveryBlob()
{
    const QList<IndexedPack> packs { packOf(11, 10), packOf(12, 7) };
    auto decoded = decodeIndex(encodeIndex(packs));
    QVERIFY_RESULT(decoded);
    MasterIndex index;
    for (const IndexedPack &pack : *decoded)
        index.addPack(pack);
    QCOMPARE(index.packCount(), 2);
    QCOMPARE(index.blobCount(), 17);
    for (const IndexedPack &pack : packs) {
        for (const PackEntry &e : pack.entries) {
            const auto location = index.find(e.type, e.id);
            QVERIFY(location);
            QCOMPARE(location->packId, pack.packId);
            QCOMPARE(location->entry, e);
            const BlobType other = e.type == BlobType::Tree ? BlobType::Data : BlobType::Tree;
            QVERIFY(!index.has(other, e.id));
        }
    }
    QCOMPARE(index.packs(), packs);
}

QTEST_GUILESS_MAIN(tst_IndexFormat)
#include "tst_indexformat.moc"
