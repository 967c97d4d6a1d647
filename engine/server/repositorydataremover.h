#pragma once

#include <scheduler/dispatcher.h>
#include <store/repository.h>

#include <functional>

namespace Kura::Server {

// The scheduler's DataRemover over the storage engine: forgetting a generation removes its
// snapshot from the tenant's repository and prunes the data no snapshot uses any more, under
// the repository's exclusive lock (so a concurrent backup is never robbed of its data).
class RepositoryDataRemover final : public Scheduler::DataRemover
{
public:
    // `repositoryFor` returns the open repository of a tenant, or nullptr if it has none.
    explicit RepositoryDataRemover(std::function<Store::Repository *(qint64 tenantId)> repositoryFor);

    // Snapshots already gone are skipped; prune runs once after the removals. Errors: the
    // tenant has no repository (NotFound), the lock is held too long (Conflict), prune failed.
    Status forgetSnapshots(qint64 tenantId, qint64 serverId, const QStringList &snapshotIds) override;

    // How long to wait for the exclusive lock before giving up (the next sweep retries).
    void setLockWaitMs(int ms) { m_lockWaitMs = ms; }

private:
    std::function<Store::Repository *(qint64)> m_repositoryFor;
    int m_lockWaitMs = 60 * 1000;
};

} // namespace Kura::Server
