#include "storetestutil.h"

#include <store/compressor.h>

#include <testsupport.h>

#include <QTest>
#include <QtEndian>

using namespace Kura;
using namespace Kura::Store;
using namespace Qt::StringLiterals;

namespace {

// Text that compresses well but not trivially.
QByteArray compressible(qsizetype size)
{
    QByteArray out;
    out.reserve(size + 64);
    for (int line = 0; out.size() < size; ++line)
        out += "line " + QByteArray::number(line) + ": the quick brown fox jumps over "
            + QByteArray::number(line * 7919 % 1000) + " lazy dogs\n";
    out.truncate(size);
    return out;
}

// A hand-made zstd frame with one raw block holding `content`. With `declaredSize` >= 0 the
// frame header states that content size (8-byte field, single segment); otherwise the size
// is left unknown (window descriptor instead), as a streaming compressor writes it.
QByteArray rawFrame(const QByteArray &content, qint64 declaredSize)
{
    QByteArray frame("\x28\xb5\x2f\xfd", 4);
    if (declaredSize >= 0) {
        frame.append(char(0xe0)); // content size field of 8 bytes, single segment
        char size[8];
        qToLittleEndian<quint64>(quint64(declaredSize), size);
        frame.append(size, 8);
    } else {
        frame.append(char(0x00));  // no content size
        frame.append(char(0x58));  // window of 8 MiB
    }
    const quint32 blockHeader = (quint32(content.size()) << 3) | 1; // raw, last block
    char header[4];
    qToLittleEndian<quint32>(blockHeader, header);
    frame.append(header, 3);
    return frame + content;
}

} // namespace

class tst_Compressor : public QObject
{
    Q_OBJECT
private slots:
    void roundTrips_data();
    void roundTrips();
    void incompressibleDataIsNotCompressed_data();
    void incompressibleDataIsNotCompressed();
    void handMadeFramesDecode();
    void wrongExpectedSizeIsCorrupt_data();
    void wrongExpectedSizeIsCorrupt();
    void garbageIsCorrupt_data();
    void garbageIsCorrupt();
    void damagedFramesNeverCrash();
    void oversizedDeclarationIsRefused_data();
    void oversizedDeclarationIsRefused();
};

void tst_Compressor::roundTrips_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<int>("level");
    QTest::newRow("100 bytes, level 1") << qsizetype(100) << 1;
    QTest::newRow("64 KiB, level 3") << qsizetype(64 * 1024) << 3;
    QTest::newRow("1 MiB, level 3") << qsizetype(1024 * 1024) << 3;
    QTest::newRow("256 KiB, level 19") << qsizetype(256 * 1024) << 19;
    QTest::newRow("long run of one byte") << qsizetype(-1) << 3;
}

void tst_Compressor::roundTrips()
{
    QFETCH(qsizetype, size);
    QFETCH(int, level);
    const QByteArray data = size < 0 ? QByteArray(4 * 1024 * 1024, 'x') : compressible(size);
    const QByteArray packed = compress(data.constData(), data.size(), level);
    QVERIFY(!packed.isEmpty());
    QVERIFY(packed.size() < data.size());
    auto back = decompress(packed.constData(), packed.size(), data.size());
    QVERIFY_RESULT(back);
    QCOMPARE(*back, data);
}

void tst_Compressor::incompressibleDataIsNotCompressed_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("random 1 MiB") << Test::randomBytes(1024 * 1024, 1);
    QTest::newRow("random 100 bytes") << Test::randomBytes(100, 2);
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("too short to pay") << QByteArray(16, 'a');
}

void tst_Compressor::incompressibleDataIsNotCompressed()
{
    QFETCH(QByteArray, data);
    QVERIFY(compress(data.constData(), data.size(), 3).isEmpty());
}

void tst_Compressor::handMadeFramesDecode()
{
    // The frames the tests below damage must be valid to start with.
    const QByteArray content("hand made frame content");
    for (qint64 declared : { qint64(content.size()), qint64(-1) }) {
        const QByteArray frame = rawFrame(content, declared);
        auto back = decompress(frame.constData(), frame.size(), content.size());
        QVERIFY_RESULT(back);
        QCOMPARE(*back, content);
    }
}

void tst_Compressor::wrongExpectedSizeIsCorrupt_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<qsizetype>("expectedSize");
    const QByteArray data = compressible(10000);
    const QByteArray packed = compress(data.constData(), data.size(), 3);
    QTest::newRow("one byte less than declared") << packed << qsizetype(9999);
    QTest::newRow("one byte more than declared") << packed << qsizetype(10001);
    QTest::newRow("zero") << packed << qsizetype(0);
    const QByteArray content(1000, 'r');
    QTest::newRow("undeclared size, less than content") << rawFrame(content, -1) << qsizetype(999);
    QTest::newRow("undeclared size, more than content") << rawFrame(content, -1) << qsizetype(1001);
}

void tst_Compressor::wrongExpectedSizeIsCorrupt()
{
    QFETCH(QByteArray, frame);
    QFETCH(qsizetype, expectedSize);
    QVERIFY_ERROR(decompress(frame.constData(), frame.size(), expectedSize), ErrorCode::Corrupt);
}

void tst_Compressor::garbageIsCorrupt_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray data = compressible(10000);
    const QByteArray packed = compress(data.constData(), data.size(), 3);
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one byte") << QByteArray("\x28", 1);
    QTest::newRow("magic only") << QByteArray("\x28\xb5\x2f\xfd", 4);
    QTest::newRow("random bytes") << Test::randomBytes(1000, 3);
    QTest::newRow("text") << data;
    QTest::newRow("frame without its last byte") << packed.chopped(1);
    QTest::newRow("frame cut in half") << packed.left(packed.size() / 2);
    QTest::newRow("frame header only") << packed.left(6);
    QTest::newRow("frame followed by garbage") << packed + QByteArray("junk");
    QTest::newRow("two frames") << packed + packed;
    QTest::newRow("raw block longer than the data") << rawFrame(QByteArray(100, 'a'), 100).chopped(10);
}

void tst_Compressor::garbageIsCorrupt()
{
    QFETCH(QByteArray, bytes);
    QVERIFY_ERROR(decompress(bytes.constData(), bytes.size(), 10000), ErrorCode::Corrupt);
}

void tst_Compressor::damagedFramesNeverCrash()
{
    // zstd frames here carry no checksum: damage may decode to other bytes of the right size
    // (the blob id check catches that later). It must never crash or return another size.
    const QByteArray data = compressible(20000);
    const QByteArray packed = compress(data.constData(), data.size(), 3);
    int errors = 0;
    for (qsizetype at = 0; at < packed.size(); ++at) {
        QByteArray damaged = packed;
        damaged[at] = char(damaged[at] ^ (1 << (at % 8)));
        auto result = decompress(damaged.constData(), damaged.size(), data.size());
        if (result)
            QCOMPARE(result->size(), data.size());
        else
            ++errors;
    }
    QVERIFY(errors > 0);
}

void tst_Compressor::oversizedDeclarationIsRefused_data()
{
    QTest::addColumn<qint64>("declared");
    QTest::newRow("1 TiB") << (qint64(1) << 40);
    QTest::newRow("2^63 - 1") << std::numeric_limits<qint64>::max();
    QTest::newRow("one byte more") << qint64(101);
}

void tst_Compressor::oversizedDeclarationIsRefused()
{
    // The frame states a content size above the expected one: refused from the header alone,
    // before any output buffer of the declared size is allocated.
    QFETCH(qint64, declared);
    const QByteArray frame = rawFrame(QByteArray(100, 'z'), declared);
    QVERIFY_ERROR(decompress(frame.constData(), frame.size(), 100), ErrorCode::Corrupt,
                  QString::number(declared), u"index says 100"_s);
}

QTEST_GUILESS_MAIN(tst_Compressor)
#include "tst_compressor.moc"
