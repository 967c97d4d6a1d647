#include "repositorydataremover.h"

#include <store/lock.h>
#include <store/pruner.h>

namespace Kura::Server {

RepositoryDataRemover::RepositoryDataRemover(std::function<Store::Repository *(qint64)> repositoryFor)
    : m_repositoryFor(std::move(repositoryFor))
{
}

Status RepositoryDataRemover::forgetSnapshots(qint64 tenantId, qint64 serverId, const QStringList &snapshotIds)
{
    Store::Repository *repository = m_repositoryFor(tenantId);
    if (!repository)
        return fail(ErrorCode::NotFound, QStringLiteral("tenant %1 has no repository").arg(tenantId));
    auto lock = Store::RepositoryLock::acquire(repository->store(), true,
                                               QStringLiteral("retention of server %1").arg(serverId), m_lockWaitMs);
    if (!lock)
        return fail(lock.error());
    for (const QString &id : snapshotIds) {
        if (id.isEmpty())
            continue;
        const Status removed = repository->store().remove(Store::ObjectKind::Snapshot, id);
        if (!removed && removed.error().code() != ErrorCode::NotFound)
            return fail(removed.error().withContext(QStringLiteral("forget snapshot %1").arg(id)));
    }
    auto pruned = Store::prune(*repository);
    if (!pruned)
        return fail(pruned.error());
    return (*lock)->release();
}

} // namespace Kura::Server
