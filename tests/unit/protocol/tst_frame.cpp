#include <protocol/frame.h>

#include <testsupport.h>

#include <QtEndian>
#include <QTest>

#include <cstring>

using namespace Kura;
using namespace Kura::Protocol;
using namespace Qt::StringLiterals;

namespace {

QByteArray header(quint8 magic0, quint8 magic1, quint8 version, quint8 type, quint8 flags,
                  quint32 stream, quint32 length, quint8 reserved = 0)
{
    QByteArray bytes(FrameHeaderBytes, '\0');
    auto *out = reinterpret_cast<uchar *>(bytes.data());
    out[0] = magic0;
    out[1] = magic1;
    out[2] = version;
    out[3] = type;
    out[4] = flags;
    out[6] = reserved;
    qToBigEndian<quint32>(stream, out + 8);
    qToBigEndian<quint32>(length, out + 12);
    return bytes;
}

QByteArray validHeader(FrameType type, quint32 length, quint32 stream = 7)
{
    return header(FrameMagic0, FrameMagic1, FrameLayoutVersion, quint8(type), 0, stream, length);
}

QByteArray encoded(FrameType type, quint32 stream, const QByteArray &payload)
{
    auto bytes = FrameEncoder::encode(Frame{type, stream, payload});
    return bytes ? *bytes : QByteArray();
}

QList<Frame> sampleFrames()
{
    return {Frame{FrameType::Control, 0, "\xa1\x61t\x65hello"_ba},
            Frame{FrameType::Data, 3, Test::randomBytes(70000, 1)},
            Frame{FrameType::Control, 3, QByteArray()},
            Frame{FrameType::Data, 4, Test::randomBytes(17, 2)},
            Frame{FrameType::Data, 0xFFFFFFFFu, QByteArray()}};
}

QByteArray concatenated(const QList<Frame> &frames)
{
    QByteArray bytes;
    for (const Frame &frame : frames)
        bytes += encoded(frame.type, frame.streamId, frame.payload);
    return bytes;
}

QList<Frame> drain(FrameDecoder &decoder)
{
    QList<Frame> frames;
    while (auto frame = decoder.takeFrame())
        frames.append(*frame);
    return frames;
}

} // namespace

class tst_Frame : public QObject
{
    Q_OBJECT

private slots:
    void encodesHeaderByteByByte();
    void roundTripsFramesFedAtOnce();
    void oneByteAtATimeEqualsAtOnce();
    void randomSlicesEqualAtOnce_data();
    void randomSlicesEqualAtOnce();
    void rejectsMalformedFrames_data();
    void rejectsMalformedFrames();
    void readsPayloadsStraightIntoTheFrame();
    void staysFailedAfterError();
    void checksLengthBeforeAllocating();
    void acceptsFramesAtTheLimit();
    void honoursSmallerLimits();
    void encoderRejectsOversizedPayload();
    void reportsTruncatedStreamOnFinish_data();
    void reportsTruncatedStreamOnFinish();
};

void tst_Frame::encodesHeaderByteByByte()
{
    const QByteArray bytes = encoded(FrameType::Data, 0x01020304, "xyz"_ba);
    QCOMPARE(bytes.toHex(), "4b5701020000000001020304" "00000003" "78797a"_ba);
    const QByteArray control = encoded(FrameType::Control, 0, QByteArray());
    QCOMPARE(control.toHex(), "4b570101000000000000000000000000"_ba);
}

void tst_Frame::roundTripsFramesFedAtOnce()
{
    FrameDecoder decoder;
    QVERIFY_RESULT(decoder.feed(concatenated(sampleFrames())));
    QCOMPARE(drain(decoder), sampleFrames());
    QVERIFY_RESULT(decoder.finish());
    QCOMPARE(decoder.bufferedBytes(), 0);
}

void tst_Frame::oneByteAtATimeEqualsAtOnce()
{
    const QByteArray bytes = concatenated(sampleFrames());
    FrameDecoder atOnce;
    QVERIFY_RESULT(atOnce.feed(bytes));
    FrameDecoder byteWise;
    QList<Frame> frames;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        QVERIFY_RESULT(byteWise.feed(bytes.constData() + i, 1));
        frames += drain(byteWise);
    }
    QCOMPARE(frames, drain(atOnce));
    QCOMPARE(byteWise.offset(), bytes.size());
}

void tst_Frame::randomSlicesEqualAtOnce_data()
{
    QTest::addColumn<quint64>("seed");
    for (quint64 seed = 1; seed <= 8; ++seed)
        QTest::addRow("seed %llu", seed) << seed;
}

void tst_Frame::randomSlicesEqualAtOnce()
{
    QFETCH(quint64, seed);
    const QByteArray bytes = concatenated(sampleFrames());
    const QByteArray sizes = Test::randomBytes(bytes.size(), seed);
    FrameDecoder decoder;
    QList<Frame> frames;
    qsizetype position = 0;
    for (qsizetype i = 0; position < bytes.size(); ++i) {
        const qsizetype slice = qMin<qsizetype>(1 + quint8(sizes.at(i)) * (i % 3 == 0 ? 97 : 1),
                                                bytes.size() - position);
        QVERIFY_RESULT(decoder.feed(bytes.constData() + position, slice));
        position += slice;
        frames += drain(decoder);
    }
    QCOMPARE(frames, sampleFrames());
}

void tst_Frame::rejectsMalformedFrames_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    const auto control = quint8(FrameType::Control);
    QTest::newRow("bad magic") << header('H', 'T', 1, control, 0, 0, 0) << u"bad magic 0x4854"_s;
    QTest::newRow("unknown layout version") << header(FrameMagic0, FrameMagic1, 2, control, 0, 0, 0)
                                            << u"unsupported frame layout version 2"_s;
    QTest::newRow("unknown type 0") << header(FrameMagic0, FrameMagic1, 1, 0, 0, 0, 0) << u"unknown frame type 0"_s;
    QTest::newRow("unknown type 3") << header(FrameMagic0, FrameMagic1, 1, 3, 0, 0, 0) << u"unknown frame type 3"_s;
    QTest::newRow("flags set") << header(FrameMagic0, FrameMagic1, 1, control, 0x80, 0, 0) << u"unknown flags 0x80"_s;
    QTest::newRow("reserved byte set") << header(FrameMagic0, FrameMagic1, 1, control, 0, 0, 0, 1)
                                       << u"reserved header bytes are not zero"_s;
    QTest::newRow("control length above limit")
        << validHeader(FrameType::Control, MaxControlPayloadBytes + 1)
        << u"control frame length 1048577 is above the limit of 1048576 bytes"_s;
    QTest::newRow("data length above limit") << validHeader(FrameType::Data, MaxDataPayloadBytes + 1)
                                             << u"data frame length 16777217 is above the limit"_s;
    QTest::newRow("length 4 GiB") << validHeader(FrameType::Data, 0xFFFFFFFFu) << u"above the limit"_s;
    QTest::newRow("http request") << "GET /api/v1/servers HTTP/1.1\r\nHost: x\r\n\r\n"_ba << u"bad magic 0x4745"_s;
    QTest::newRow("tls client hello") << QByteArray::fromHex("1603010200010001fc0303aabbccdd") + QByteArray(8, 'x')
                                      << u"bad magic 0x1603"_s;
    QTest::newRow("garbage after a valid frame")
        << encoded(FrameType::Control, 0, "ok"_ba) + Test::randomBytes(64, 9).replace(0, 1, "\x00")
        << u"at stream offset 18"_s;
}

void tst_Frame::rejectsMalformedFrames()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    FrameDecoder decoder;
    const Status status = decoder.feed(bytes);
    QVERIFY(!status);
    QCOMPARE(status.error().code(), ErrorCode::Corrupt);
    QVERIFY2(status.error().message().contains(expected), qPrintable(status.error().message()));
    QVERIFY(decoder.failed());
}

void tst_Frame::readsPayloadsStraightIntoTheFrame()
{
    // As Connection reads: a slice through feed() while a header comes next, then the rest of
    // each payload straight into payloadRoom() in pieces of a few sizes.
    const QByteArray bytes = concatenated(sampleFrames());
    FrameDecoder decoder;
    QList<Frame> frames;
    qsizetype position = 0;
    int direct = 0;
    for (int i = 0; position < bytes.size(); ++i) {
        const qsizetype available = qMin<qsizetype>(bytes.size() - position, i % 2 ? 5000 : 23);
        if (const std::span<char> room = decoder.payloadRoom(); !room.empty()) {
            const qsizetype n = qMin<qsizetype>(available, qsizetype(room.size()));
            std::memcpy(room.data(), bytes.constData() + position, size_t(n));
            decoder.commitPayload(n);
            position += n;
            ++direct;
        } else {
            QVERIFY_RESULT(decoder.feed(bytes.constData() + position, available));
            position += available;
        }
        QCOMPARE(decoder.offset(), position);
        frames += drain(decoder);
    }
    QVERIFY(direct > 10);
    QCOMPARE(frames, sampleFrames());
    QVERIFY(decoder.payloadRoom().empty());
    QVERIFY_RESULT(decoder.finish());
    QCOMPARE(decoder.bufferedBytes(), 0);

    // Room is the payload's unfilled rest, and none while a header is incomplete or once failed.
    FrameDecoder partial;
    const QByteArray frame = encoded(FrameType::Data, 9, Test::randomBytes(100, 3));
    QVERIFY_RESULT(partial.feed(frame.left(FrameHeaderBytes - 1)));
    QVERIFY(partial.payloadRoom().empty());
    QVERIFY_RESULT(partial.feed(frame.mid(FrameHeaderBytes - 1, 31)));
    QCOMPARE(partial.payloadRoom().size(), size_t(100 - 30));
    QCOMPARE(partial.bufferedBytes(), 30);
    const std::span<char> room = partial.payloadRoom();
    std::memcpy(room.data(), frame.constData() + FrameHeaderBytes + 30, 70);
    partial.commitPayload(70);
    const QList<Frame> whole = {Frame{FrameType::Data, 9, frame.mid(FrameHeaderBytes)}};
    QCOMPARE(drain(partial), whole);
    QVERIFY(partial.payloadRoom().empty());
    FrameDecoder failed;
    QVERIFY(!failed.feed(header('x', 'x', 1, 1, 0, 0, 0)));
    QVERIFY(failed.payloadRoom().empty());
}

void tst_Frame::staysFailedAfterError()
{
    FrameDecoder decoder;
    QVERIFY(!decoder.feed(header('x', 'x', 1, 1, 0, 0, 0)));
    const QString first = decoder.error()->message();
    const Status again = decoder.feed(encoded(FrameType::Control, 0, "fine"_ba));
    QVERIFY(!again);
    QCOMPARE(again.error().message(), first);
    QVERIFY(!decoder.hasFrame());
    QVERIFY(!decoder.finish());
}

void tst_Frame::checksLengthBeforeAllocating()
{
    FrameDecoder decoder;
    const QByteArray bad = validHeader(FrameType::Control, 0x7FFFFFFF);
    QVERIFY_RESULT(decoder.feed(bad.left(FrameHeaderBytes - 1)));
    QCOMPARE(decoder.bufferedBytes(), FrameHeaderBytes - 1);
    QVERIFY(!decoder.feed(bad.right(1)));
    QCOMPARE(decoder.bufferedBytes(), 0);
}

void tst_Frame::acceptsFramesAtTheLimit()
{
    FrameDecoder decoder;
    const QByteArray payload(MaxDataPayloadBytes, 'd');
    QVERIFY_RESULT(decoder.feed(encoded(FrameType::Data, 1, payload)));
    const auto frame = decoder.takeFrame();
    QVERIFY(frame);
    QCOMPARE(frame->payload.size(), qsizetype(MaxDataPayloadBytes));
    QVERIFY_RESULT(decoder.feed(validHeader(FrameType::Control, MaxControlPayloadBytes)));
    QCOMPARE(decoder.bufferedBytes(), 0);
}

void tst_Frame::honoursSmallerLimits()
{
    FrameDecoder decoder(100, 1000);
    QVERIFY_RESULT(decoder.feed(encoded(FrameType::Data, 1, QByteArray(1000, 'a'))));
    const Status status = decoder.feed(validHeader(FrameType::Control, 101));
    QVERIFY(!status);
    QVERIFY(status.error().message().contains(u"above the limit of 100 bytes"_s));
}

void tst_Frame::encoderRejectsOversizedPayload()
{
    const auto result = FrameEncoder::encode(Frame{FrameType::Control, 0, QByteArray(MaxControlPayloadBytes + 1, 'c')});
    QVERIFY(!result);
    QCOMPARE(result.error().code(), ErrorCode::InvalidArgument);
    QVERIFY(!FrameEncoder::encodeHeader(FrameType::Data, 0, qsizetype(MaxDataPayloadBytes) + 1));
    QVERIFY(!FrameEncoder::encodeHeader(FrameType(9), 0, 0));
}

void tst_Frame::reportsTruncatedStreamOnFinish_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    const QByteArray frame = encoded(FrameType::Control, 1, "payload"_ba);
    QTest::newRow("truncated header") << frame.left(5) << u"inside a frame header (5 of 16 bytes)"_s;
    QTest::newRow("truncated payload") << frame.left(FrameHeaderBytes + 3)
                                       << u"inside a frame payload (3 of 7 bytes)"_s;
}

void tst_Frame::reportsTruncatedStreamOnFinish()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    FrameDecoder decoder;
    QVERIFY_RESULT(decoder.feed(bytes));
    QVERIFY(!decoder.hasFrame());
    const Status status = decoder.finish();
    QVERIFY(!status);
    QCOMPARE(status.error().code(), ErrorCode::Corrupt);
    QVERIFY2(status.error().message().contains(expected), qPrintable(status.error().message()));
}

QTEST_GUILESS_MAIN(tst_Frame)
#include "tst_frame.moc"
