#pragma once

#include <core/error.h>

#include <QByteArray>
#include <QString>

namespace Kura::Agent {

// What an agent keeps between runs, in "<state folder>/agent.json" (owner-only, replaced
// atomically): where its server is, the server's pinned certificate, and - once enrolled -
// its identity and secret. Before enrollment it holds the package's token instead.
struct AgentState
{
    QString primaryAddress; // host:port
    QString drAddress;      // host:port or empty
    QByteArray certificateSha256;
    QString token;          // until enrolled
    QString region;
    QString agentId;        // after enrollment
    QByteArray secret;      // after enrollment (32 bytes)

    bool isEnrolled() const { return !agentId.isEmpty() && secret.size() == 32; }

    // The key of the challenge-response: SHA-256 of the secret's hex text. The server keeps
    // only this hash (catalog tokenHash()), never the secret itself.
    QByteArray authKey() const;

    static QString fileIn(const QString &stateFolder);
    // NotFound when the agent has no state yet; Corrupt naming the field otherwise.
    static Result<AgentState> load(const QString &stateFolder);
    Status save(const QString &stateFolder) const;
};

} // namespace Kura::Agent
