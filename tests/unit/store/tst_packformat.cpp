#include "storetestutil.h"

#include <store/localstore.h>
#include <store/pack.h>

#include <testsupport.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace Kura;
using namespace Kura::Store;
using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype HeaderEntryBytes = 42; // type, compression, id, length, raw length

BlobId idOf(quint64 seed) { return *BlobId::fromByteArray(Test::randomBytes(32, seed)); }

PackEntry entry(quint32 length, quint32 rawLength, BlobType type = BlobType::Data,
                Compression compression = Compression::None)
{
    static quint64 seed = 1000;
    PackEntry e;
    e.type = type;
    e.compression = compression;
    e.id = idOf(++seed);
    e.length = length;
    e.rawLength = rawLength;
    return e;
}

// Entries with offsets filled in as a pack lays them out; returns the header offset.
qint64 layOut(QList<PackEntry> &entries)
{
    qint64 offset = 0;
    for (PackEntry &e : entries) {
        e.offset = quint32(offset);
        offset += e.length;
    }
    return offset;
}

QByteArray headerWithCount(quint32 count, qsizetype entryBytes)
{
    QByteArray out(1, char(1));
    char b[4];
    qToLittleEndian<quint32>(count, b);
    out.append(b, 4);
    out.append(QByteArray(entryBytes, '\0'));
    return out;
}

// Three plausible entries, encoded; their data takes 300 bytes before the header.
QByteArray threeEntries()
{
    return encodePackHeader({ entry(100, 72), entry(120, 500, BlobType::Tree, Compression::Zstd),
                              entry(80, 52) });
}

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

class tst_PackFormat : public QObject
{
    Q_OBJECT
private slots:
    void headerRoundTrips_data();
    void headerRoundTrips();
    void headerRejectsBadInput_data();
    void headerRejectsBadInput();
    void headerRejectsOffsetsBeyond4GiB();

    void initTestCase();
    void writtenPackReadsBack();
    void emptyPackReadsBack();
    void damagedPackIsCorrupt_data();
    void damagedPackIsCorrupt();
    void wrongKeyIsCorrupt();
    void missingPackIsNotFound();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalStore> m_store;
    QByteArray m_key;
    QList<QByteArray> m_blobs;

    BlobId m_packId; // a pack of 5 blobs, m_blobs

    Result<BlobId> writePack(int blobCount, QList<QByteArray> *blobs = nullptr);
    QString packPath(const BlobId &id) const { return m_store->pathOf(ObjectKind::Pack, id.toHex()); }
};

void tst_PackFormat::headerRoundTrips_data()
{
    QTest::addColumn<QList<PackEntry>>("entries");
    QTest::newRow("no entries") << QList<PackEntry>();
    QTest::newRow("one entry") << QList<PackEntry> { entry(SealOverhead, 0) };
    QTest::newRow("both types and compressions")
        << QList<PackEntry> { entry(100, 72), entry(50, 4000, BlobType::Tree, Compression::Zstd),
                              entry(SealOverhead + 7, 7, BlobType::Tree),
                              entry(60, 9000, BlobType::Data, Compression::Zstd) };
    QTest::newRow("largest blob") << QList<PackEntry> { entry(MaxBlobBytes + SealOverhead, MaxBlobBytes) };
    QList<PackEntry> many;
    for (int i = 0; i < 1000; ++i)
        many << entry(quint32(SealOverhead + i), quint32(i));
    QTest::newRow("a thousand entries") << many;
}

void tst_PackFormat::headerRoundTrips()
{
    QFETCH(QList<PackEntry>, entries);
    const qint64 headerOffset = layOut(entries);
    const QByteArray encoded = encodePackHeader(entries);
    QCOMPARE(encoded.size(), 5 + entries.size() * HeaderEntryBytes);
    auto decoded = decodePackHeader(encoded, headerOffset);
    QVERIFY_RESULT(decoded);
    QCOMPARE(*decoded, entries);
}

void tst_PackFormat::headerRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("plain");
    QTest::addColumn<qint64>("headerOffset");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");
    const QByteArray good = threeEntries();
    const auto row = [](const char *name, const QByteArray &plain, qint64 headerOffset, ErrorCode code,
                        const QString &message) {
        QTest::newRow(name) << plain << headerOffset << code << message;
    };
    const qsizetype first = 5, second = 5 + HeaderEntryBytes;
    row("empty", QByteArray(), 0, ErrorCode::Corrupt, u"truncated"_s);
    row("version only", good.left(1), 0, ErrorCode::Corrupt, u"truncated"_s);
    row("count cut short", good.left(4), 0, ErrorCode::Corrupt, u"truncated"_s);
    row("last byte missing", good.chopped(1), 300, ErrorCode::Corrupt, u"says 3 entries"_s);
    row("one byte too many", good + '\0', 300, ErrorCode::Corrupt, u"says 3 entries"_s);
    row("version 0", withByte(good, 0, 0), 300, ErrorCode::Unsupported, u"version 0"_s);
    row("version 2", withByte(good, 0, 2), 300, ErrorCode::Unsupported, u"version 2"_s);
    row("count larger than the bytes", withU32(good, 1, 4), 300, ErrorCode::Corrupt, u"says 4 entries"_s);
    row("count smaller than the bytes", withU32(good, 1, 2), 300, ErrorCode::Corrupt, u"says 2 entries"_s);
    row("count of 2^32 - 1 in 5 bytes", headerWithCount(0xffffffffu, 0), 0, ErrorCode::Corrupt,
        u"says 4294967295 entries"_s);
    // 102261127 * 42 = 2^32 + 38: a 32-bit product would match the 38 bytes that follow.
    row("count whose size wraps in 32 bits", headerWithCount(102261127u, 38), 0, ErrorCode::Corrupt,
        u"says 102261127 entries"_s);
    row("entries end before the header", good, 301, ErrorCode::Corrupt, u"cover 300 bytes, header starts at 301"_s);
    row("entries run into the header", good, 299, ErrorCode::Corrupt, u"entry 2 extends past the header"_s);
    row("header at offset 0 with entries", good, 0, ErrorCode::Corrupt, u"entry 0 extends past the header"_s);
    row("negative header offset", encodePackHeader({}), -1, ErrorCode::Corrupt, u"header starts at -1"_s);
    row("length below nonce and tag", withU32(good, first + 34, SealOverhead - 1), 300, ErrorCode::Corrupt,
        u"entry 0 has impossible length"_s);
    row("length zero", withU32(good, second + 34, 0), 300, ErrorCode::Corrupt, u"entry 1 has impossible length"_s);
    row("length of 4 GiB", withU32(good, first + 34, 0xffffffffu), 300, ErrorCode::Corrupt,
        u"entry 0 has impossible length"_s);
    row("raw length above the blob limit", withU32(good, second + 38, MaxBlobBytes + 1), 300, ErrorCode::Corrupt,
        u"entry 1 has impossible length"_s);
    row("unknown blob type", withByte(good, second, 2), 300, ErrorCode::Corrupt, u"entry 1 has unknown type"_s);
    row("blob type 255", withByte(good, first, char(255)), 300, ErrorCode::Corrupt, u"entry 0 has unknown type"_s);
    row("unknown compression", withByte(good, first + 1, 2), 300, ErrorCode::Corrupt, u"entry 0 has unknown type"_s);
}

void tst_PackFormat::headerRejectsBadInput()
{
    QFETCH(QByteArray, plain);
    QFETCH(qint64, headerOffset);
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);
    QVERIFY_ERROR(decodePackHeader(plain, headerOffset), code, message);
}

void tst_PackFormat::headerRejectsOffsetsBeyond4GiB()
{
    // PackEntry::offset is 32 bits. 65 entries of the largest sealed blob end past 4 GiB; the
    // decoder must refuse them rather than store offsets that wrapped around.
    QList<PackEntry> entries;
    for (int i = 0; i < 65; ++i)
        entries << entry(MaxBlobBytes + SealOverhead, MaxBlobBytes);
    qint64 headerOffset = 0;
    for (const PackEntry &e : entries)
        headerOffset += e.length;
    QVERIFY(headerOffset > qint64(0xffffffffu));
    auto decoded = decodePackHeader(encodePackHeader(entries), headerOffset);
    QVERIFY(!decoded);
    if (decoded) // what the bug does: the 65th entry claims to start near the beginning
        QVERIFY(decoded->last().offset < quint32(MaxBlobBytes + SealOverhead));
}

void tst_PackFormat::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>(Test::repositoryTempTemplate());
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<LocalStore>(m_dir->path());
    QVERIFY_RESULT(m_store->initialize());
    m_key = Test::randomBytes(32, 77);
    auto id = writePack(5, &m_blobs);
    QVERIFY_RESULT(id);
    m_packId = *id;
}

Result<BlobId> tst_PackFormat::writePack(int blobCount, QList<QByteArray> *blobs)
{
    auto writer = PackWriter::create(*m_store, m_key);
    if (!writer)
        return fail(writer.error());
    for (int i = 0; i < blobCount; ++i) {
        const QByteArray plain = Test::randomBytes(1000 + i * 333, quint64(i) + 1);
        if (blobs)
            *blobs << plain;
        const BlobType type = i % 3 == 2 ? BlobType::Tree : BlobType::Data;
        KURA_TRY((*writer)->add(type, sha256(plain), Compression::None, quint32(plain.size()),
                                seal(m_key, plain)));
    }
    return (*writer)->finish();
}

void tst_PackFormat::writtenPackReadsBack()
{
    const QByteArray file = Test::readFile(packPath(m_packId));
    QCOMPARE(sha256(file), m_packId); // packs are named by the hash of their bytes
    QVERIFY(file.endsWith("KURAPK01"));

    auto entries = readPackHeader(*m_store, m_key, m_packId.toHex());
    QVERIFY_RESULT(entries);
    QCOMPARE(entries->size(), 5);
    qint64 offset = 0;
    for (qsizetype i = 0; i < entries->size(); ++i) {
        const PackEntry &e = entries->at(i);
        QCOMPARE(e.offset, quint32(offset));
        QCOMPARE(e.id, sha256(m_blobs[i]));
        QCOMPARE(e.type, i % 3 == 2 ? BlobType::Tree : BlobType::Data);
        QCOMPARE(e.rawLength, quint32(m_blobs[i].size()));
        auto sealed = m_store->get(ObjectKind::Pack, m_packId.toHex(), e.offset, e.length);
        QVERIFY_RESULT(sealed);
        auto plain = unseal(m_key, *sealed);
        QVERIFY_RESULT(plain);
        QCOMPARE(*plain, m_blobs[i]);
        offset += e.length;
    }
}

void tst_PackFormat::emptyPackReadsBack()
{
    auto id = writePack(0);
    QVERIFY_RESULT(id);
    auto entries = readPackHeader(*m_store, m_key, id->toHex());
    QVERIFY_RESULT(entries);
    QVERIFY(entries->isEmpty());
    QVERIFY_RESULT(m_store->remove(ObjectKind::Pack, id->toHex()));
}

void tst_PackFormat::damagedPackIsCorrupt_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("message");
    QTest::newRow("last byte cut off") << u"truncate:1"_s << u"no pack footer"_s;
    QTest::newRow("half the pack cut off") << u"truncate:half"_s << u""_s;
    QTest::newRow("footer only left") << u"keep:12"_s << u"is only 12 bytes"_s;
    QTest::newRow("empty file") << u"keep:0"_s << u"is only 0 bytes"_s;
    QTest::newRow("footer magic flipped") << u"flip:-1"_s << u"no pack footer"_s;
    QTest::newRow("first magic byte flipped") << u"flip:-8"_s << u"no pack footer"_s;
    QTest::newRow("header length larger than the pack") << u"length:big"_s << u"declares a header"_s;
    QTest::newRow("header length below nonce and tag") << u"length:27"_s << u"declares a header of 27 bytes"_s;
    QTest::newRow("header length one too small") << u"length:-1"_s << u"header"_s;
    QTest::newRow("byte flipped in the sealed header") << u"flip:-20"_s << u"header: authentication tag"_s;
    QTest::newRow("first byte of the sealed header flipped") << u"flip:header"_s << u"header: authentication tag"_s;
}

void tst_PackFormat::damagedPackIsCorrupt()
{
    QFETCH(QString, damage);
    QFETCH(QString, message);
    QByteArray bytes = Test::readFile(packPath(m_packId));
    const quint32 headerLength = qFromLittleEndian<quint32>(bytes.constData() + bytes.size() - 12);
    const QString how = damage.section(u':', 0, 0), arg = damage.section(u':', 1);
    if (how == u"truncate"_s)
        bytes.chop(arg == u"half"_s ? bytes.size() / 2 : arg.toInt());
    else if (how == u"keep"_s)
        bytes.truncate(arg.toInt());
    else if (how == u"flip"_s) {
        const qsizetype at = arg == u"header"_s ? bytes.size() - 12 - headerLength : bytes.size() + arg.toInt();
        bytes[at] = char(bytes[at] ^ 0x01);
    } else if (how == u"length"_s) {
        const quint32 value = arg == u"big"_s ? quint32(bytes.size())
            : arg.toInt() < 0                 ? headerLength - 1
                                              : arg.toUInt();
        qToLittleEndian<quint32>(value, bytes.data() + bytes.size() - 12);
    }
    // The damaged copy gets a name of its own; the good pack stays for the other rows.
    const QString name = sha256(bytes + damage.toUtf8()).toHex();
    QVERIFY(Test::writeFile(m_store->pathOf(ObjectKind::Pack, name), bytes));
    QVERIFY_ERROR(readPackHeader(*m_store, m_key, name), ErrorCode::Corrupt, u"pack %1"_s.arg(name), message);
}

void tst_PackFormat::wrongKeyIsCorrupt()
{
    QVERIFY_ERROR(readPackHeader(*m_store, Test::randomBytes(32, 78), m_packId.toHex()), ErrorCode::Corrupt,
                  u"pack %1"_s.arg(m_packId.toHex()), u"header: authentication tag"_s);
}

void tst_PackFormat::missingPackIsNotFound()
{
    const QString name = idOf(5).toHex();
    QVERIFY_ERROR(readPackHeader(*m_store, m_key, name), ErrorCode::NotFound, u"pack %1"_s.arg(name));
}

QTEST_GUILESS_MAIN(tst_PackFormat)
#include "tst_packformat.moc"
