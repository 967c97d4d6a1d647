#pragma once

#include <core/error.h>
#include <store/repository.h>

#include <QHash>
#include <QMutex>

#include <memory>

namespace Kura::Server {

// The repositories the server keeps, one per tenant, under "<data>/repositories/<tenant id>"
// (each a complete kura-repo repository: `kura-repo -r` reads it with the passphrase in
// "<data>/keys/repository-<tenant id>.key"). Created on first use. Thread-safe; repositories
// live as long as this object.
class TenantRepositories
{
public:
    explicit TenantRepositories(QString dataFolder);
    ~TenantRepositories();

    Result<Store::Repository *> repository(qint64 tenantId);
    // The repository if it is open already (for the retention sweep); nullptr otherwise.
    Store::Repository *openedOrNull(qint64 tenantId);

private:
    QString m_dataFolder;
    QMutex m_mutex;
    QHash<qint64, std::shared_ptr<Store::Repository>> m_open;
};

} // namespace Kura::Server
