#include "frame.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace Kura::Protocol {

const char *frameTypeName(FrameType type)
{
    switch (type) {
    case FrameType::Control:
        return "control";
    case FrameType::Data:
        return "data";
    }
    return "unknown";
}

quint32 maxPayloadBytes(FrameType type)
{
    return type == FrameType::Data ? MaxDataPayloadBytes : MaxControlPayloadBytes;
}

static bool isKnownType(quint8 type)
{
    return type == quint8(FrameType::Control) || type == quint8(FrameType::Data);
}

Result<QByteArray> FrameEncoder::encodeHeader(FrameType type, quint32 streamId,
                                              qsizetype payloadLength)
{
    if (!isKnownType(quint8(type)))
        return fail(ErrorCode::InvalidArgument, u"unknown frame type %1"_s.arg(quint8(type)));
    if (payloadLength < 0 || quint64(payloadLength) > maxPayloadBytes(type)) {
        return fail(ErrorCode::InvalidArgument,
                    u"%1 frame payload of %2 bytes exceeds the limit of %3 bytes"_s.arg(
                        QLatin1StringView(frameTypeName(type)))
                        .arg(payloadLength)
                        .arg(maxPayloadBytes(type)));
    }
    QByteArray header(FrameHeaderBytes, '\0');
    uchar *out = reinterpret_cast<uchar *>(header.data());
    out[0] = FrameMagic0;
    out[1] = FrameMagic1;
    out[2] = FrameLayoutVersion;
    out[3] = quint8(type);
    qToBigEndian<quint32>(streamId, out + 8);
    qToBigEndian<quint32>(quint32(payloadLength), out + 12);
    return header;
}

Result<QByteArray> FrameEncoder::encode(const Frame &frame)
{
    auto header = encodeHeader(frame.type, frame.streamId, frame.payload.size());
    if (!header)
        return header;
    return *header + frame.payload;
}

FrameDecoder::FrameDecoder(quint32 maxControlBytes, quint32 maxDataBytes)
    : m_maxControlBytes(std::min(maxControlBytes, MaxControlPayloadBytes))
    , m_maxDataBytes(std::min(maxDataBytes, MaxDataPayloadBytes))
{
}

Status FrameDecoder::failWith(const QString &what)
{
    m_error = Error(ErrorCode::Corrupt, u"malformed frame at stream offset %1: %2"_s.arg(m_frameStart).arg(what));
    m_header.clear();
    m_payload = QByteArray();
    m_filled = 0;
    m_inPayload = false;
    return fail(*m_error);
}

Status FrameDecoder::parseHeader()
{
    const auto *in = reinterpret_cast<const uchar *>(m_header.constData());
    if (in[0] != FrameMagic0 || in[1] != FrameMagic1)
        return failWith(u"bad magic 0x%1%2"_s.arg(in[0], 2, 16, '0'_L1).arg(in[1], 2, 16, '0'_L1));
    if (in[2] != FrameLayoutVersion)
        return failWith(u"unsupported frame layout version %1"_s.arg(in[2]));
    if (!isKnownType(in[3]))
        return failWith(u"unknown frame type %1"_s.arg(in[3]));
    if (in[4] != 0)
        return failWith(u"unknown flags 0x%1"_s.arg(in[4], 2, 16, '0'_L1));
    if (in[5] != 0 || in[6] != 0 || in[7] != 0)
        return failWith(u"reserved header bytes are not zero"_s);
    const auto type = FrameType(in[3]);
    const quint32 length = qFromBigEndian<quint32>(in + 12);
    const quint32 limit = type == FrameType::Data ? m_maxDataBytes : m_maxControlBytes;
    if (length > limit) {
        return failWith(u"%1 frame length %2 is above the limit of %3 bytes"_s.arg(
                            QLatin1StringView(frameTypeName(type)))
                            .arg(length)
                            .arg(limit));
    }
    m_current = Frame{type, qFromBigEndian<quint32>(in + 8), {}};
    m_expected = length;
    m_payload = QByteArray(qsizetype(length), Qt::Uninitialized); // checked against the limit above
    m_filled = 0;
    m_inPayload = true;
    m_header.clear();
    return {};
}

qsizetype FrameDecoder::consumeHeader(const char *data, qsizetype size)
{
    const qsizetype take = std::min(size, FrameHeaderBytes - m_header.size());
    m_header.append(data, take);
    return take;
}

qsizetype FrameDecoder::consumePayload(const char *data, qsizetype size)
{
    const qsizetype take = std::min(size, qsizetype(m_expected) - m_filled);
    std::memcpy(m_payload.data() + m_filled, data, size_t(take));
    m_filled += take;
    return take;
}

Status FrameDecoder::feed(const char *data, qsizetype size)
{
    if (m_error)
        return fail(*m_error);
    while (size > 0 || (m_inPayload && m_filled == qsizetype(m_expected))) {
        if (!m_inPayload) {
            if (m_header.isEmpty())
                m_frameStart = m_offset;
            const qsizetype used = consumeHeader(data, size);
            data += used;
            size -= used;
            m_offset += used;
            if (m_header.size() < FrameHeaderBytes)
                break;
            KURA_TRY(parseHeader());
            continue;
        }
        const qsizetype used = consumePayload(data, size);
        data += used;
        size -= used;
        m_offset += used;
        if (m_filled == qsizetype(m_expected))
            completePayload();
    }
    return {};
}

void FrameDecoder::completePayload()
{
    m_current.payload = std::move(m_payload);
    m_payload = QByteArray();
    m_filled = 0;
    m_ready.append(std::move(m_current));
    m_inPayload = false;
}

std::span<char> FrameDecoder::payloadRoom()
{
    if (m_error || !m_inPayload)
        return {};
    return {m_payload.data() + m_filled, size_t(qsizetype(m_expected) - m_filled)};
}

void FrameDecoder::commitPayload(qsizetype size)
{
    Q_ASSERT(m_inPayload && size >= 0 && size <= qsizetype(m_expected) - m_filled);
    m_filled += size;
    m_offset += size;
    if (m_filled == qsizetype(m_expected))
        completePayload();
}

Status FrameDecoder::finish()
{
    if (m_error)
        return fail(*m_error);
    if (m_inPayload) {
        return failWith(u"stream ended inside a frame payload (%1 of %2 bytes)"_s.arg(m_filled)
                            .arg(m_expected));
    }
    if (!m_header.isEmpty())
        return failWith(u"stream ended inside a frame header (%1 of %2 bytes)"_s.arg(m_header.size()).arg(FrameHeaderBytes));
    return {};
}

std::optional<Frame> FrameDecoder::takeFrame()
{
    if (m_ready.isEmpty())
        return std::nullopt;
    return m_ready.takeFirst();
}

} // namespace Kura::Protocol
