#pragma once

#include "agenthub.h"
#include "tenantrepositories.h"

#include <api/agentoperations.h>

namespace Kura::Server {

// The API's view of the agents (Api::AgentOperations) over the hub and the repositories.
class AgentApi final : public Api::AgentOperations
{
public:
    AgentApi(AgentHub &hub, TenantRepositories &repositories) : m_hub(hub), m_repositories(repositories) { }

    Status startRestore(const Api::RestoreOrder &order) override;
    Result<QJsonObject> browse(qint64 tenantId, qint64 serverId, const QString &path, int maxEntries) override;
    Result<QJsonObject> browseGeneration(qint64 tenantId, const QString &snapshotId, const QString &path) override;
    Result<QJsonObject> searchGeneration(qint64 tenantId, const QString &snapshotId, const QString &text,
                                         int maxResults) override;
    void disconnectAgent(qint64 tenantId, qint64 serverId, const QString &reason) override
    {
        m_hub.disconnectAgent(tenantId, serverId, reason);
    }

private:
    AgentHub &m_hub;
    TenantRepositories &m_repositories;
};

} // namespace Kura::Server
