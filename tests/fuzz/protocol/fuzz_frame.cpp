// Fuzz target for the wire protocol's parsers of untrusted bytes.
//
// The input is split into slices (sizes drawn from its first byte) and fed to a FrameDecoder,
// as a socket would deliver it. Every complete Control frame is decoded into a message; a
// decoded message must survive encode -> decode unchanged, must be what the generic decoder
// makes of the same bytes (the data path's messages take a fast path), and the session rules of
// both roles see it. Data frames go through the receive window. Nothing may crash, leak or trip UBSan.
#include <protocol/flowcontrol.h>
#include <protocol/frame.h>
#include <protocol/messages.h>
#include <protocol/private/datapathcodec.h>
#include <protocol/session.h>

#include <cstdint>
#include <cstdlib>

using namespace Kura;
using namespace Kura::Protocol;

namespace {

void checkMessage(const Frame &frame, Session &agent, Session &server)
{
    const auto message = decodeMessage(frame.payload);
    const auto generic = Detail::decodeMessageGeneric(frame.payload);
    if (bool(message) != bool(generic) || (message && !(*message == *generic)))
        std::abort(); // the data path's fast decoder and the generic one disagree
    if (!message)
        return;
    const QByteArray encoded = encodeMessage(*message);
    const auto again = decodeMessage(encoded);
    if (!again || !(*again == *message) || encodeMessage(*again) != encoded)
        std::abort(); // the encoder and the parser disagree
    const MessageType type = messageType(*message);
    (void)agent.onReceive(frame.streamId, type);
    (void)server.onReceive(frame.streamId, type);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const unsigned sliceBase = 1u + data[0] % 64u;
    const char *bytes = reinterpret_cast<const char *>(data + 1);
    qsizetype remaining = qsizetype(size - 1);
    FrameDecoder decoder;
    Session agent(Role::Agent);
    Session server(Role::Server);
    ReceiveWindow window(MinReceiveWindowBytes);
    for (unsigned i = 0; remaining > 0; ++i) {
        const qsizetype slice = qMin<qsizetype>(remaining, sliceBase * (1 + i % 7));
        if (!decoder.feed(bytes, slice))
            return 0;
        bytes += slice;
        remaining -= slice;
        while (const auto frame = decoder.takeFrame()) {
            if (frame->type == FrameType::Control)
                checkMessage(*frame, agent, server);
            else if (window.onReceived(frame->payload.size()))
                (void)window.onConsumed(frame->payload.size());
        }
    }
    (void)decoder.finish();
    return 0;
}
