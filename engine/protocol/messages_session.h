#pragma once

#include <core/error.h>
#include <protocol/messagetype.h>

#include <QByteArray>
#include <QCborMap>
#include <QString>
#include <QStringList>

// Connection-level messages: handshake, enrollment, authentication, facts, heartbeats and
// errors. All travel on stream 0 except ErrorMessage, which may also end one stream.
//
// Every struct converts to a CBOR map with toCbor() (the map includes the "t" type key) and
// back with fromCbor(), which checks the type and bounds of every field it reads and returns
// ErrorCode::Corrupt naming the message and field. Unknown keys are ignored so that a later
// minor revision can add optional fields.
namespace Kura::Protocol {

// First message, agent -> server: the versions the agent speaks and its receive window.
struct Hello
{
    static constexpr MessageType Type = MessageType::Hello;
    int minVersion = MinProtocolVersion;
    int maxVersion = MaxProtocolVersion;
    Role role = Role::Agent;
    QString softwareVersion;                              // e.g. "0.1.0"
    qint64 receiveWindowBytes = DefaultReceiveWindowBytes; // flow control, see flowcontrol.h

    QCborMap toCbor() const;
    static Result<Hello> fromCbor(const QCborMap &map);
    bool operator==(const Hello &) const = default;
};

// Server -> agent: the negotiated version and the server's receive window.
struct HelloReply
{
    static constexpr MessageType Type = MessageType::HelloReply;
    int version = MaxProtocolVersion;
    QString softwareVersion;
    qint64 receiveWindowBytes = DefaultReceiveWindowBytes;

    QCborMap toCbor() const;
    static Result<HelloReply> fromCbor(const QCborMap &map);
    bool operator==(const HelloReply &) const = default;
};

// Server -> agent, right after HelloReply: a fresh random nonce (auth.h).
struct AuthChallenge
{
    static constexpr MessageType Type = MessageType::AuthChallenge;
    QByteArray nonce; // NonceBytes

    QCborMap toCbor() const;
    static Result<AuthChallenge> fromCbor(const QCborMap &map);
    bool operator==(const AuthChallenge &) const = default;
};

// Agent -> server: proof that the agent holds the secret of `agentId` (auth.h, authMac()).
struct AuthResponse
{
    static constexpr MessageType Type = MessageType::AuthResponse;
    QString agentId;
    QByteArray mac; // MacBytes

    QCborMap toCbor() const;
    static Result<AuthResponse> fromCbor(const QCborMap &map);
    bool operator==(const AuthResponse &) const = default;
};

// Server -> agent: the response was accepted; the session is ready.
struct AuthResult
{
    static constexpr MessageType Type = MessageType::AuthResult;
    QString agentId;

    QCborMap toCbor() const;
    static Result<AuthResult> fromCbor(const QCborMap &map);
    bool operator==(const AuthResult &) const = default;
};

// What an agent reports about its machine (SPEC §1).
struct HostFacts
{
    static constexpr MessageType Type = MessageType::HostFacts;
    QString hostName;
    QString osId;        // os-release ID, e.g. "debian"
    QString osVersion;   // os-release VERSION_ID, e.g. "12"
    QString arch;        // e.g. "x86_64"
    QString flavor;      // e.g. a VM size label
    QString agentVersion;
    QStringList addresses; // IP addresses, textual

    QCborMap toCbor() const;
    static Result<HostFacts> fromCbor(const QCborMap &map);
    bool operator==(const HostFacts &) const = default;
};

// Agent -> server, instead of AuthResponse on first contact: a one-time enrollment token.
struct Enroll
{
    static constexpr MessageType Type = MessageType::Enroll;
    QString token;
    HostFacts facts;

    QCborMap toCbor() const;
    static Result<Enroll> fromCbor(const QCborMap &map);
    bool operator==(const Enroll &) const = default;
};

// Server -> agent: the identity and secret the agent stores and uses from now on. The secret
// crosses the wire this once; later sessions prove it with AuthResponse.
struct EnrollResult
{
    static constexpr MessageType Type = MessageType::EnrollResult;
    QString agentId;
    QByteArray agentSecret; // SecretBytes

    QCborMap toCbor() const;
    static Result<EnrollResult> fromCbor(const QCborMap &map);
    bool operator==(const EnrollResult &) const = default;
};

// Either direction, at the heartbeat interval (connection.h).
struct Heartbeat
{
    static constexpr MessageType Type = MessageType::Heartbeat;
    qint64 sentMs = 0; // sender's clock, milliseconds since the epoch

    QCborMap toCbor() const;
    static Result<Heartbeat> fromCbor(const QCborMap &map);
    bool operator==(const Heartbeat &) const = default;
};

// Either direction. On stream 0 it ends the connection; on stream N it ends that stream.
struct ErrorMessage
{
    static constexpr MessageType Type = MessageType::Error;
    ErrorCode code = ErrorCode::Internal;
    QString message;
    bool retryable = false;

    static ErrorMessage fromError(const Error &error);
    Error toError() const;
    QCborMap toCbor() const;
    static Result<ErrorMessage> fromCbor(const QCborMap &map);
    bool operator==(const ErrorMessage &) const = default;
};

} // namespace Kura::Protocol
