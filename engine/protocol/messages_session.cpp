#include "messages_session.h"

#include "private/cborfields.h"

using namespace Qt::StringLiterals;

namespace Kura::Protocol {

using namespace Detail;

namespace {
constexpr qsizetype MaxVersionText = 64;
constexpr qsizetype MaxAgentIdText = 128;
constexpr qsizetype MaxTokenText = 256;
constexpr qsizetype MaxFactText = 255;
constexpr qsizetype MaxAddresses = 64;
constexpr qsizetype MaxAddressText = 64;
constexpr qint64 MaxVersionNumber = 65535;
} // namespace

QCborMap Hello::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("minVersion"_L1, minVersion);
    map.insert("maxVersion"_L1, maxVersion);
    map.insert("role"_L1, QLatin1StringView(roleName(role)));
    map.insert("softwareVersion"_L1, softwareVersion);
    map.insert("receiveWindowBytes"_L1, receiveWindowBytes);
    return map;
}

Result<Hello> Hello::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "hello");
    Hello hello;
    KURA_READ(hello.minVersion, in.integer("minVersion", 1, MaxVersionNumber));
    KURA_READ(hello.maxVersion, in.integer("maxVersion", hello.minVersion, MaxVersionNumber));
    QString role;
    KURA_READ(role, in.text("role", 16));
    const auto parsedRole = roleFromName(role);
    if (!parsedRole)
        return fail(in.error("role", u"names no known role: \"%1\""_s.arg(role)));
    hello.role = *parsedRole;
    KURA_READ(hello.softwareVersion, in.text("softwareVersion", MaxVersionText));
    KURA_READ(hello.receiveWindowBytes,
              in.integer("receiveWindowBytes", MinReceiveWindowBytes, MaxReceiveWindowBytes));
    return hello;
}

QCborMap HelloReply::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("version"_L1, version);
    map.insert("softwareVersion"_L1, softwareVersion);
    map.insert("receiveWindowBytes"_L1, receiveWindowBytes);
    return map;
}

Result<HelloReply> HelloReply::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "hello_reply");
    HelloReply reply;
    KURA_READ(reply.version, in.integer("version", 1, MaxVersionNumber));
    KURA_READ(reply.softwareVersion, in.text("softwareVersion", MaxVersionText));
    KURA_READ(reply.receiveWindowBytes,
              in.integer("receiveWindowBytes", MinReceiveWindowBytes, MaxReceiveWindowBytes));
    return reply;
}

QCborMap AuthChallenge::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("nonce"_L1, nonce);
    return map;
}

Result<AuthChallenge> AuthChallenge::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "auth_challenge");
    AuthChallenge challenge;
    KURA_READ(challenge.nonce, in.bytes("nonce", NonceBytes));
    return challenge;
}

QCborMap AuthResponse::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("agentId"_L1, agentId);
    map.insert("mac"_L1, mac);
    return map;
}

static Result<QString> readAgentId(const FieldReader &in)
{
    auto id = in.text("agentId", MaxAgentIdText);
    if (id && id->isEmpty())
        return fail(in.error("agentId", u"is empty"_s));
    return id;
}

Result<AuthResponse> AuthResponse::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "auth_response");
    AuthResponse response;
    KURA_READ(response.agentId, readAgentId(in));
    KURA_READ(response.mac, in.bytes("mac", MacBytes));
    return response;
}

QCborMap AuthResult::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("agentId"_L1, agentId);
    return map;
}

Result<AuthResult> AuthResult::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "auth_result");
    AuthResult result;
    KURA_READ(result.agentId, readAgentId(in));
    return result;
}

QCborMap HostFacts::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("hostName"_L1, hostName);
    map.insert("osId"_L1, osId);
    map.insert("osVersion"_L1, osVersion);
    map.insert("arch"_L1, arch);
    map.insert("flavor"_L1, flavor);
    map.insert("agentVersion"_L1, agentVersion);
    map.insert("addresses"_L1, toCborArray(addresses));
    return map;
}

Result<HostFacts> HostFacts::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "host_facts");
    HostFacts facts;
    KURA_READ(facts.hostName, in.text("hostName", MaxFactText));
    if (facts.hostName.isEmpty())
        return fail(in.error("hostName", u"is empty"_s));
    KURA_READ(facts.osId, in.text("osId", MaxFactText));
    KURA_READ(facts.osVersion, in.text("osVersion", MaxFactText));
    KURA_READ(facts.arch, in.text("arch", MaxFactText));
    KURA_READ(facts.flavor, optionalText(in, "flavor", MaxFactText));
    KURA_READ(facts.agentVersion, in.text("agentVersion", MaxVersionText));
    KURA_READ(facts.addresses, optionalTextList(in, "addresses", MaxAddresses, MaxAddressText));
    return facts;
}

QCborMap Enroll::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("token"_L1, token);
    QCborMap factsMap = facts.toCbor();
    factsMap.remove("t"_L1);
    map.insert("facts"_L1, factsMap);
    return map;
}

Result<Enroll> Enroll::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "enroll");
    Enroll enroll;
    KURA_READ(enroll.token, in.text("token", MaxTokenText));
    if (enroll.token.isEmpty())
        return fail(in.error("token", u"is empty"_s));
    QCborMap factsMap;
    KURA_READ(factsMap, in.map("facts"));
    auto facts = HostFacts::fromCbor(factsMap);
    if (!facts)
        return fail(facts.error().withContext(u"enroll: field \"facts\""_s));
    enroll.facts = std::move(*facts);
    return enroll;
}

QCborMap EnrollResult::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("agentId"_L1, agentId);
    map.insert("agentSecret"_L1, agentSecret);
    return map;
}

Result<EnrollResult> EnrollResult::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "enroll_result");
    EnrollResult result;
    KURA_READ(result.agentId, readAgentId(in));
    KURA_READ(result.agentSecret, in.bytes("agentSecret", SecretBytes));
    return result;
}

QCborMap Heartbeat::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("sentMs"_L1, sentMs);
    return map;
}

Result<Heartbeat> Heartbeat::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "heartbeat");
    Heartbeat heartbeat;
    KURA_READ(heartbeat.sentMs, in.integer("sentMs", 0, std::numeric_limits<qint64>::max()));
    return heartbeat;
}

ErrorMessage ErrorMessage::fromError(const Error &error)
{
    return ErrorMessage{error.code(), error.message(), error.retryable()};
}

Error ErrorMessage::toError() const
{
    return Error(code, message, retryable);
}

static std::optional<ErrorCode> errorCodeFromName(const QString &name)
{
    for (int i = 0; i <= int(ErrorCode::Internal); ++i) {
        if (name == QLatin1StringView(errorCodeName(ErrorCode(i))))
            return ErrorCode(i);
    }
    return std::nullopt;
}

QCborMap ErrorMessage::toCbor() const
{
    QCborMap map = messageMap(Type);
    map.insert("code"_L1, QLatin1StringView(errorCodeName(code)));
    map.insert("message"_L1, message);
    map.insert("retryable"_L1, retryable);
    return map;
}

Result<ErrorMessage> ErrorMessage::fromCbor(const QCborMap &map)
{
    FieldReader in(map, "error");
    ErrorMessage error;
    QString code;
    KURA_READ(code, in.text("code", 64));
    const auto parsed = errorCodeFromName(code);
    if (!parsed)
        return fail(in.error("code", u"names no known error code: \"%1\""_s.arg(code)));
    error.code = *parsed;
    KURA_READ(error.message, in.text("message"));
    if (in.has("retryable"))
        KURA_READ(error.retryable, in.boolean("retryable"));
    return error;
}

} // namespace Kura::Protocol
