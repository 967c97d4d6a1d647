#include <store/chunker.h>

#include <testsupport.h>

#include <QTest>

#include <numeric>

using namespace Kura;
using namespace Kura::Store;

namespace {

constexpr qsizetype MiB = 1024 * 1024;

// Small sizes give many chunks from little data, so the statistics below are meaningful.
ChunkerParams smallParams() { return ChunkerParams { 16 * 1024, 64 * 1024, 256 * 1024 }; }

const std::uint8_t *bytesOf(const QByteArray &data)
{
    return reinterpret_cast<const std::uint8_t *>(data.constData());
}

// Chunk lengths of `data` offered all at once.
QList<qsizetype> cutAll(const Chunker &chunker, const QByteArray &data)
{
    QList<qsizetype> lengths;
    for (qsizetype at = 0; at < data.size();) {
        const qsizetype n = chunker.nextCut(bytesOf(data) + at, data.size() - at, true);
        if (n <= 0 || n > data.size() - at)
            return {}; // an impossible answer: the caller's comparison fails
        lengths << n;
        at += n;
    }
    return lengths;
}

// Chunk lengths when the data arrives in pieces of `pieceSize` bytes, as from a file read
// in blocks: the caller keeps a buffer and adds to it whenever nextCut() asks for more.
QList<qsizetype> cutStreamed(const Chunker &chunker, const QByteArray &data, qsizetype pieceSize)
{
    QList<qsizetype> lengths;
    QByteArray buffer;
    qsizetype fed = 0;
    while (fed < data.size() || !buffer.isEmpty()) {
        const bool isEnd = fed == data.size();
        const qsizetype n = buffer.isEmpty() ? 0 : chunker.nextCut(bytesOf(buffer), buffer.size(), isEnd);
        if (n > 0) {
            lengths << n;
            buffer.remove(0, n);
        } else if (isEnd) {
            return {}; // at the end the rest must be one chunk
        } else {
            const qsizetype piece = qMin(pieceSize, data.size() - fed);
            buffer.append(data.constData() + fed, piece);
            fed += piece;
        }
    }
    return lengths;
}

QList<QByteArray> chunksOf(const QByteArray &data, const QList<qsizetype> &lengths)
{
    QList<QByteArray> out;
    qsizetype at = 0;
    for (qsizetype n : lengths) {
        out << data.mid(at, n);
        at += n;
    }
    return out;
}

} // namespace

class tst_Chunker : public QObject
{
    Q_OBJECT
private slots:
    void validatesParameters_data();
    void validatesParameters();
    void cutsAreDeterministicForASeed();
    void cutsDependOnTheSeed();
    void chunksStayWithinBounds_data();
    void chunksStayWithinBounds();
    void averageIsNearTheConfiguredSize_data();
    void averageIsNearTheConfiguredSize();
    void insertionChangesOnlyTheFirstChunks();
    void piecesGiveTheSameCutsAsWholeData_data();
    void piecesGiveTheSameCutsAsWholeData();
    void zerosGiveMaximumSizeChunks_data();
    void zerosGiveMaximumSizeChunks();
    void shortInputNeedsMoreOrEnds();
};

void tst_Chunker::validatesParameters_data()
{
    QTest::addColumn<qsizetype>("minSize");
    QTest::addColumn<qsizetype>("averageSize");
    QTest::addColumn<qsizetype>("maxSize");
    QTest::addColumn<bool>("valid");
    QTest::newRow("defaults") << 512 * 1024ll << MiB << 8 * MiB << true;
    QTest::newRow("small") << 16 * 1024ll << 64 * 1024ll << 256 * 1024ll << true;
    QTest::newRow("average not a power of two") << 16 * 1024ll << 60 * 1024ll << 256 * 1024ll << false;
    QTest::newRow("minimum below 64 bytes") << 32ll << 64 * 1024ll << 256 * 1024ll << false;
    QTest::newRow("minimum equal to average") << 64 * 1024ll << 64 * 1024ll << 256 * 1024ll << false;
    QTest::newRow("maximum equal to average") << 16 * 1024ll << 64 * 1024ll << 64 * 1024ll << false;
    QTest::newRow("maximum above 64 MiB") << 512 * 1024ll << MiB << 65 * MiB << false;
}

void tst_Chunker::validatesParameters()
{
    QFETCH(qsizetype, minSize);
    QFETCH(qsizetype, averageSize);
    QFETCH(qsizetype, maxSize);
    QFETCH(bool, valid);
    QCOMPARE(ChunkerParams({ minSize, averageSize, maxSize }).isValid(), valid);
}

void tst_Chunker::cutsAreDeterministicForASeed()
{
    const QByteArray data = Test::randomBytes(4 * MiB, 1);
    const QList<qsizetype> first = cutAll(Chunker(smallParams(), 42), data);
    QVERIFY(first.size() > 10);
    QCOMPARE(cutAll(Chunker(smallParams(), 42), data), first);
}

void tst_Chunker::cutsDependOnTheSeed()
{
    const QByteArray data = Test::randomBytes(4 * MiB, 2);
    const QList<qsizetype> a = cutAll(Chunker(smallParams(), 1), data);
    const QList<qsizetype> b = cutAll(Chunker(smallParams(), 2), data);
    QVERIFY(!a.isEmpty());
    QVERIFY(!b.isEmpty());
    QVERIFY(a != b);
    QCOMPARE(a.first() == b.first() && a.at(1) == b.at(1), false);
}

void tst_Chunker::chunksStayWithinBounds_data()
{
    QTest::addColumn<ChunkerParams>("params");
    QTest::addColumn<qsizetype>("size");
    QTest::newRow("small sizes, 8 MiB") << smallParams() << 8 * MiB;
    QTest::newRow("small sizes, odd length") << smallParams() << 3 * MiB + 12345;
    QTest::newRow("default sizes, 24 MiB") << ChunkerParams() << 24 * MiB;
}

void tst_Chunker::chunksStayWithinBounds()
{
    QFETCH(ChunkerParams, params);
    QFETCH(qsizetype, size);
    const QByteArray data = Test::randomBytes(size, 3);
    const QList<qsizetype> lengths = cutAll(Chunker(params, 7), data);
    QVERIFY(lengths.size() > 2);
    for (qsizetype i = 0; i + 1 < lengths.size(); ++i) {
        QVERIFY2(lengths[i] >= params.minSize && lengths[i] <= params.maxSize,
                 qPrintable(QStringLiteral("chunk %1 has %2 bytes").arg(i).arg(lengths[i])));
    }
    QVERIFY(lengths.last() >= 1 && lengths.last() <= params.maxSize);
    QCOMPARE(std::accumulate(lengths.begin(), lengths.end(), qsizetype(0)), size);
}

void tst_Chunker::averageIsNearTheConfiguredSize_data()
{
    QTest::addColumn<ChunkerParams>("params");
    QTest::addColumn<quint64>("seed");
    QTest::newRow("default sizes") << ChunkerParams() << quint64(11);
    QTest::newRow("default sizes, other seed") << ChunkerParams() << quint64(12);
    QTest::newRow("small sizes") << smallParams() << quint64(13);
}

void tst_Chunker::averageIsNearTheConfiguredSize()
{
    QFETCH(ChunkerParams, params);
    QFETCH(quint64, seed);
    const QByteArray data = Test::randomBytes(64 * MiB, seed);
    const QList<qsizetype> lengths = cutAll(Chunker(params, seed), data);
    QVERIFY(lengths.size() > 1);
    // The last chunk is cut by the end of the data, not by the content: leave it out.
    const double average = double(data.size() - lengths.last()) / double(lengths.size() - 1);
    const double ratio = average / double(params.averageSize);
    QVERIFY2(ratio > 0.7 && ratio < 1.3,
             qPrintable(QStringLiteral("average chunk %1 bytes, configured %2").arg(average).arg(params.averageSize)));
}

void tst_Chunker::insertionChangesOnlyTheFirstChunks()
{
    const QByteArray original = Test::randomBytes(32 * MiB, 20);
    const QByteArray edited = Test::randomBytes(10, 21) + original;
    const Chunker chunker(ChunkerParams(), 99);
    const QList<QByteArray> before = chunksOf(original, cutAll(chunker, original));
    const QList<QByteArray> after = chunksOf(edited, cutAll(chunker, edited));
    QVERIFY(before.size() > 10);
    // Align from the end: every chunk but the first one or two must be the same bytes.
    qsizetype same = 0;
    while (same < before.size() && same < after.size()
           && before[before.size() - 1 - same] == after[after.size() - 1 - same])
        ++same;
    QVERIFY2(same >= before.size() - 2 && same >= after.size() - 2,
             qPrintable(QStringLiteral("%1 of %2 chunks unchanged").arg(same).arg(before.size())));
}

void tst_Chunker::piecesGiveTheSameCutsAsWholeData_data()
{
    QTest::addColumn<qsizetype>("pieceSize");
    QTest::newRow("4 KiB pieces") << qsizetype(4096);
    QTest::newRow("odd pieces") << qsizetype(100003);
    QTest::newRow("pieces of the maximum size") << qsizetype(256 * 1024);
}

void tst_Chunker::piecesGiveTheSameCutsAsWholeData()
{
    QFETCH(qsizetype, pieceSize);
    const QByteArray data = Test::randomBytes(6 * MiB + 777, 30);
    const Chunker chunker(smallParams(), 5);
    const QList<qsizetype> whole = cutAll(chunker, data);
    QVERIFY(whole.size() > 10);
    QCOMPARE(cutStreamed(chunker, data, pieceSize), whole);
}

void tst_Chunker::zerosGiveMaximumSizeChunks_data()
{
    QTest::addColumn<quint64>("seed");
    for (quint64 seed : { 0ull, 1ull, 2ull, 0xdeadbeefull })
        QTest::addRow("seed %llu", seed) << seed;
}

void tst_Chunker::zerosGiveMaximumSizeChunks()
{
    QFETCH(quint64, seed);
    const ChunkerParams params = smallParams();
    const QByteArray zeros(params.maxSize * 5 + 100, '\0');
    const QList<qsizetype> lengths = cutAll(Chunker(params, seed), zeros);
    QCOMPARE(lengths, QList<qsizetype>({ params.maxSize, params.maxSize, params.maxSize,
                                         params.maxSize, params.maxSize, 100 }));
}

void tst_Chunker::shortInputNeedsMoreOrEnds()
{
    const ChunkerParams params = smallParams();
    const Chunker chunker(params, 3);
    const QByteArray data = Test::randomBytes(params.maxSize, 4);
    QCOMPARE(chunker.nextCut(bytesOf(data), params.minSize, false), qsizetype(0));
    QCOMPARE(chunker.nextCut(bytesOf(data), params.minSize, true), params.minSize);
    QCOMPARE(chunker.nextCut(bytesOf(data), 10, true), qsizetype(10));
    QCOMPARE(chunker.nextCut(bytesOf(data), 0, true), qsizetype(0));
    // With the maximum size at hand a cut is always found.
    const qsizetype n = chunker.nextCut(bytesOf(data), data.size(), false);
    QVERIFY(n >= params.minSize && n <= params.maxSize);
}

QTEST_GUILESS_MAIN(tst_Chunker)
#include "tst_chunker.moc"
