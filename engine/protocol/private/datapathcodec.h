#pragma once

#include <protocol/messages.h>

#include <QByteArray>

#include <optional>

// Fast paths of encodeMessage() and decodeMessage() for the two messages the data path sends
// by the ten thousand: chunk_data (before every Data frame) and chunk_ack. Building and
// walking a QCborMap for each cost the agent's and the server's event loops about a tenth of
// their time in a loopback backup; these write and match the bytes directly.
//
// They speak exactly the encoding the generic path writes (a definite-length map, the keys in
// toCbor()'s order, integers in their shortest form) and accept only valid values. Any other
// input, including every malformed one, makes them return nullopt and the caller takes the
// generic path, which accepts every well-formed order and width and names what is wrong.
namespace Kura::Protocol::Detail {

std::optional<QByteArray> encodeDataPathMessage(const Message &message);
std::optional<Message> decodeDataPathMessage(const QByteArray &payload);

// The generic paths on their own, for the tests and the fuzz target that compare the two.
QByteArray encodeMessageGeneric(const Message &message);
Result<Message> decodeMessageGeneric(const QByteArray &payload);

} // namespace Kura::Protocol::Detail
