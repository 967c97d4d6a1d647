#pragma once

#include <core/error.h>

#include <QByteArray>
#include <QString>

// The agent package (docs/protocol.md, "Agent package"): a ZIP file that an administrator
// downloads from kura-server and copies to a new server, where `kura-agent enroll --package
// FILE` reads it once. It holds `kura-agent.conf` (JSON, below) and a README.txt for people.
//
//   { "format": 1,
//     "primaryAddress": "backup.example.com:8641",
//     "drAddress": "dr.example.com:8641",            (optional; absent when there is none)
//     "certificateSha256": "<64 hex digits>",
//     "token": "<tenant id>.<secret>",
//     "region": "JP1",
//     "expiresAt": "2026-01-02T00:00:00.000Z" }
namespace Kura::Protocol {

// The newest kura-agent.conf format this build writes and reads.
inline constexpr int AgentPackageFormat = 1;

// Limits of readAgentPackage(): the whole file, each entry's uncompressed size, and the number
// of entries. Packages made by writeAgentPackage() are a few KiB.
inline constexpr qint64 MaxAgentPackageBytes = 1024 * 1024;
inline constexpr qint64 MaxAgentPackageEntryBytes = 64 * 1024;
inline constexpr int MaxAgentPackageEntries = 16;

inline constexpr qsizetype MaxEnrollmentTokenChars = 256;

// File names inside the ZIP.
inline constexpr char AgentConfigEntryName[] = "kura-agent.conf";
inline constexpr char AgentReadmeEntryName[] = "README.txt";

struct AgentPackage {
    QString primaryAddress; // "host:port" the agent dials (a DNS name, IPv4, or [IPv6])
    QString drAddress; // "host:port" of the disaster-recovery server; empty when there is none
    QByteArray certificateSha256; // 32 bytes: SHA-256 of the server's TLS certificate (DER)
    QString token; // one-time enrollment token, 1..256 printable ASCII characters
    QString region; // the region the server enrolls into (region-matrix name syntax)
    qint64 expiresAtMs = 0; // when the token stops working (ms since the epoch, UTC)

    bool operator==(const AgentPackage &) const = default;
};

// Checks every field of `package` as readAgentPackage() would. InvalidArgument naming the
// field ("primaryAddress: port 0 is not in 1..65535") when one is wrong.
Status validateAgentPackage(const AgentPackage &package);

// The ZIP bytes of `package`: kura-agent.conf (readable by its owner only when unpacked, since
// it holds the token) and README.txt. InvalidArgument (see validateAgentPackage) for a bad
// field; Internal if the ZIP library fails.
Result<QByteArray> writeAgentPackage(const AgentPackage &package);

// Reads a package made by writeAgentPackage(). Strict, as the bytes come from outside:
//  - at most MaxAgentPackageBytes, at most MaxAgentPackageEntries entries, no encrypted
//    entries, exactly one kura-agent.conf; every entry's declared uncompressed size is
//    checked against MaxAgentPackageEntryBytes before anything is inflated, and at most that
//    many bytes are ever read (so a ZIP bomb costs nothing);
//  - kura-agent.conf must be a JSON object of a known "format" with every field valid and
//    no unknown field.
// Errors: Corrupt naming the problem ("kura-agent.conf: field \"token\" is empty"),
// Unsupported for a newer format ("kura-agent.conf has format 2; this kura-agent reads
// format 1"). An expired token is not an error here: the server decides.
Result<AgentPackage> readAgentPackage(const QByteArray &zip);

// readAgentPackage() of the file at `path`, which must be at most MaxAgentPackageBytes.
// NotFound or Io naming the path when it cannot be read; the errors of readAgentPackage()
// with the path as context otherwise.
Result<AgentPackage> readAgentPackageFile(const QString &path);

// The fingerprint as 64 lower-case hex digits, and as colon-separated upper-case pairs for
// people ("AB:CD:..."), the form `openssl x509 -fingerprint -sha256` prints.
QString fingerprintHex(const QByteArray &sha256);
QString fingerprintDisplay(const QByteArray &sha256);

} // namespace Kura::Protocol
