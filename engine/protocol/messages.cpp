#include "messages.h"

#include "private/datapathcodec.h"

#include <QCborParserError>
#include <QCborStreamReader>
#include <QCborValue>

using namespace Qt::StringLiterals;

namespace Kura::Protocol {

namespace {
struct TypeName
{
    MessageType type;
    const char *name;
};

constexpr TypeName TypeNames[] = {
    {MessageType::Hello, "hello"},
    {MessageType::HelloReply, "hello_reply"},
    {MessageType::AuthChallenge, "auth_challenge"},
    {MessageType::AuthResponse, "auth_response"},
    {MessageType::AuthResult, "auth_result"},
    {MessageType::Enroll, "enroll"},
    {MessageType::EnrollResult, "enroll_result"},
    {MessageType::HostFacts, "host_facts"},
    {MessageType::Heartbeat, "heartbeat"},
    {MessageType::Error, "error"},
    {MessageType::JobStart, "job_start"},
    {MessageType::JobProgress, "job_progress"},
    {MessageType::JobFinished, "job_finished"},
    {MessageType::Cancel, "cancel"},
    {MessageType::RestoreStart, "restore_start"},
    {MessageType::BrowseRequest, "browse_request"},
    {MessageType::BrowseReply, "browse_reply"},
    {MessageType::MissingChunksQuery, "missing_chunks_query"},
    {MessageType::MissingChunksReply, "missing_chunks_reply"},
    {MessageType::ChunkData, "chunk_data"},
    {MessageType::ChunkAck, "chunk_ack"},
    {MessageType::FetchChunks, "fetch_chunks"},
    {MessageType::ChunkUnavailable, "chunk_unavailable"},
    {MessageType::JobEvent, "job_event"},
};

// Parses `map` as alternative I of Message when its Type matches `type`.
template<std::size_t I = 0>
Result<Message> parseAs(MessageType type, const QCborMap &map)
{
    if constexpr (I == std::variant_size_v<Message>) {
        return fail(ErrorCode::Internal, u"no message struct for type %1"_s.arg(int(type)));
    } else {
        using Alternative = std::variant_alternative_t<I, Message>;
        if (Alternative::Type != type)
            return parseAs<I + 1>(type, map);
        auto parsed = Alternative::fromCbor(map);
        if (!parsed)
            return fail(parsed.error());
        return Message(std::move(*parsed));
    }
}
} // namespace

const char *messageTypeName(MessageType type)
{
    for (const TypeName &entry : TypeNames) {
        if (entry.type == type)
            return entry.name;
    }
    return "unknown";
}

std::optional<MessageType> messageTypeFromName(const QString &name)
{
    for (const TypeName &entry : TypeNames) {
        if (name == QLatin1StringView(entry.name))
            return entry.type;
    }
    return std::nullopt;
}

const char *roleName(Role role)
{
    return role == Role::Server ? "server" : "agent";
}

std::optional<Role> roleFromName(const QString &name)
{
    if (name == "agent"_L1)
        return Role::Agent;
    if (name == "server"_L1)
        return Role::Server;
    return std::nullopt;
}

MessageType messageType(const Message &message)
{
    return std::visit([](const auto &m) { return std::decay_t<decltype(m)>::Type; }, message);
}

QCborMap messageToCbor(const Message &message)
{
    return std::visit([](const auto &m) { return m.toCbor(); }, message);
}

Result<Message> messageFromCbor(const QCborMap &map)
{
    const QCborValue typeValue = map.value("t"_L1);
    if (!typeValue.isString())
        return fail(ErrorCode::Corrupt, u"control message has no text \"t\" (type) key"_s);
    const auto type = messageTypeFromName(typeValue.toString());
    if (!type) {
        return fail(ErrorCode::Corrupt,
                    u"unknown control message type \"%1\""_s.arg(typeValue.toString().left(64)));
    }
    return parseAs(*type, map);
}

QByteArray encodeMessage(const Message &message)
{
    if (auto fast = Detail::encodeDataPathMessage(message))
        return std::move(*fast);
    return Detail::encodeMessageGeneric(message);
}

Result<Message> decodeMessage(const QByteArray &payload)
{
    if (auto fast = Detail::decodeDataPathMessage(payload))
        return std::move(*fast);
    return Detail::decodeMessageGeneric(payload);
}

QByteArray Detail::encodeMessageGeneric(const Message &message)
{
    return QCborValue(messageToCbor(message)).toCbor();
}

Result<Message> Detail::decodeMessageGeneric(const QByteArray &payload)
{
    QCborStreamReader reader(payload);
    const QCborValue value = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError) {
        return fail(ErrorCode::Corrupt,
                    u"control payload is not valid CBOR: %1"_s.arg(reader.lastError().toString()));
    }
    if (reader.currentOffset() != payload.size()) {
        return fail(ErrorCode::Corrupt, u"control payload has %1 bytes after its CBOR value"_s.arg(
                                            payload.size() - reader.currentOffset()));
    }
    if (!value.isMap())
        return fail(ErrorCode::Corrupt, u"control payload is not a CBOR map"_s);
    return messageFromCbor(value.toMap());
}

} // namespace Kura::Protocol
