#include "tenantrepositories.h"

#include <store/crypto.h>
#include <store/fs/posixfilesystem.h>
#include <store/localstore.h>

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace Kura::Server {
namespace {

constexpr quint64 ServerKeyScryptN = 1u << 10;

} // namespace

TenantRepositories::TenantRepositories(QString dataFolder)
    : m_dataFolder(std::move(dataFolder))
{
}

TenantRepositories::~TenantRepositories() = default;

Store::Repository *TenantRepositories::openedOrNull(qint64 tenantId)
{
    QMutexLocker lock(&m_mutex);
    auto found = m_open.constFind(tenantId);
    return found == m_open.constEnd() ? nullptr : found->get();
}

Result<Store::Repository *> TenantRepositories::repository(qint64 tenantId)
{
    QMutexLocker lock(&m_mutex);
    if (auto found = m_open.constFind(tenantId); found != m_open.constEnd())
        return found->get();
    const QString keyPath = m_dataFolder + u"/keys/repository-%1.key"_s.arg(tenantId);
    const QString repoPath = m_dataFolder + u"/repositories/%1"_s.arg(tenantId);
    QByteArray passphrase;
    QFile keyFile(keyPath);
    const bool exists = QFile::exists(repoPath + u"/config"_s);
    if (keyFile.open(QIODevice::ReadOnly)) {
        passphrase = keyFile.readAll().trimmed();
    } else if (exists) {
        return fail(ErrorCode::NotFound, u"the repository of tenant %1 exists but its key file \"%2\" is missing"_s
                                             .arg(tenantId).arg(keyPath));
    } else {
        if (!QDir().mkpath(m_dataFolder + u"/keys"_s))
            return fail(ErrorCode::Io, u"cannot create \"%1/keys\""_s.arg(m_dataFolder));
        passphrase = Store::secureRandom(32).toHex();
        KURA_TRY(Fs::PosixFileSystem().writeAtomically(QFile::encodeName(keyPath), passphrase + '\n', 0600));
    }
    auto store = std::make_unique<Store::LocalStore>(repoPath);
    // The passphrase is 32 random bytes, not something a person chose: a memory-hard KDF adds
    // nothing to its 256 bits, so the key slot asks for little work (about 1 ms instead of
    // 100 ms at every first use after a start, per tenant). Repositories created with the
    // default cost keep it.
    Store::InitOptions options;
    options.scrypt.n = ServerKeyScryptN;
    auto repo = exists ? Store::Repository::open(std::move(store), passphrase)
                       : Store::Repository::init(std::move(store), passphrase, options);
    if (!repo)
        return fail(repo.error().withContext(u"repository of tenant %1"_s.arg(tenantId)));
    std::shared_ptr<Store::Repository> shared(std::move(*repo));
    m_open.insert(tenantId, shared);
    return shared.get();
}

} // namespace Kura::Server
