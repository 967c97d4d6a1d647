#pragma once

#include <core/error.h>

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Kura::Api {

// A restore the API has validated against the policy and recorded as a queued job.
struct RestoreOrder
{
    qint64 tenantId = 0;
    qint64 jobId = 0;
    qint64 targetServerId = 0;
    bool system = false;       // system restore (an image) or file restore
    QString snapshotId;        // the generation's snapshot in the tenant's repository
    QString targetPath;        // files: the folder to restore into
    QStringList selectedPaths; // files: paths inside the generation; empty: everything
    QString overwrite;         // "skip", "overwrite" or "keep_both"
    QString device;            // system: the device or image file to write
};

// What the API asks of connected agents; kura-server implements it over its agent sessions.
// Called on the API's thread.
class AgentOperations
{
public:
    virtual ~AgentOperations() = default;
    // Starts the restore on the target's agent. Unavailable when that agent is offline.
    virtual Status startRestore(const RestoreOrder &order) = 0;
    // A folder of the server's file system as {"path", "entries": [{name, kind, size,
    // modified}], "truncated"}; waits for the agent up to a few seconds. Unavailable when
    // the agent is offline or does not answer in time, NotFound for a missing folder.
    virtual Result<QJsonObject> browse(qint64 tenantId, qint64 serverId, const QString &path, int maxEntries) = 0;
    // The folder `path` of a generation, in the same shape (kind "file", "directory",
    // "symlink" or "other").
    virtual Result<QJsonObject> browseGeneration(qint64 tenantId, const QString &snapshotId, const QString &path) = 0;
    // The entries of a whole generation whose name contains `text` (ignoring case), walking every
    // folder of its snapshot: {"query", "entries": [{path, name, kind, size, modified}],
    // "truncated"} with at most `maxResults` entries (1..1000); "truncated" when more match.
    virtual Result<QJsonObject> searchGeneration(qint64 tenantId, const QString &snapshotId, const QString &text,
                                                 int maxResults) = 0;
    // Closes the session of the server's agent, if it is connected, telling it `reason`: the
    // server was deleted and the agent's identity with it (it must enroll again).
    virtual void disconnectAgent(qint64 tenantId, qint64 serverId, const QString &reason) = 0;
};

} // namespace Kura::Api
