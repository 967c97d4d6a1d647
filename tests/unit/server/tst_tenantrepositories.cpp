// The server's per-tenant repositories: created on first use with a random passphrase in a key
// file only the server's user can read, a cheap KDF for that machine-made passphrase, opened
// again by a later process (and by kura-repo) with the same key file, and a clear error when
// the key file of an existing repository is gone.
#include <server/tenantrepositories.h>
#include <store/keyfile.h>
#include <store/localstore.h>
#include <testsupport.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Kura;

class tst_TenantRepositories : public QObject
{
    Q_OBJECT

private slots:
    void createsWithARandomKeyAndACheapKdf();
    void reopensWithTheKeyFile();
    void namesAMissingKeyFile();
};

void tst_TenantRepositories::createsWithARandomKeyAndACheapKdf()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Server::TenantRepositories repositories(dir.path());
    auto repo = repositories.repository(7);
    QVERIFY_RESULT(repo);
    QCOMPARE(repositories.openedOrNull(7), *repo);
    QCOMPARE(repositories.openedOrNull(8), nullptr);

    const QString keyPath = dir.path() + u"/keys/repository-7.key"_s;
    QFile keyFile(keyPath);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QByteArray passphrase = keyFile.readAll().trimmed();
    QCOMPARE(passphrase.size(), 64);
    QCOMPARE(QByteArray::fromHex(passphrase).toHex(), passphrase);
    struct stat st = {};
    QVERIFY(::stat(QFile::encodeName(keyPath).constData(), &st) == 0);
    QCOMPARE(st.st_mode & 0777, 0600u);

    // One key slot, with the low scrypt cost the 256-bit passphrase allows.
    Store::LocalStore local(dir.path() + u"/repositories/7"_s);
    Store::ObjectStore &store = local;
    auto keySlots = store.list(Store::ObjectKind::Key);
    QVERIFY_RESULT(keySlots);
    QCOMPARE(keySlots->size(), 1);
    auto bytes = store.get(Store::ObjectKind::Key, keySlots->first());
    QVERIFY_RESULT(bytes);
    auto slot = Store::decodeKeyFile(*bytes);
    QVERIFY_RESULT(slot);
    QCOMPARE(slot->params.n, quint64(1) << 10);
    QVERIFY_RESULT(Store::unlockKeyFile(*slot, passphrase));
    QVERIFY(Store::unlockKeyFile(*slot, QByteArray(64, 'a')).error().code() == ErrorCode::Unauthorized);
}

void tst_TenantRepositories::reopensWithTheKeyFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString id;
    {
        Server::TenantRepositories repositories(dir.path());
        auto repo = repositories.repository(1);
        QVERIFY_RESULT(repo);
        id = (*repo)->config().id;
        const QByteArray data("tenant data");
        const Store::BlobId blob = (*repo)->blobId(data.constData(), data.size());
        QVERIFY_RESULT((*repo)->saveBlob(Store::BlobType::Data, blob, data.constData(), data.size()));
        QVERIFY_RESULT((*repo)->flush());
    }
    Server::TenantRepositories again(dir.path());
    auto repo = again.repository(1);
    QVERIFY_RESULT(repo);
    QCOMPARE((*repo)->config().id, id);
    const QByteArray data("tenant data");
    auto loaded = (*repo)->loadBlob(Store::BlobType::Data, (*repo)->blobId(data.constData(), data.size()));
    QVERIFY_RESULT(loaded);
    QCOMPARE(*loaded, data);
    // Another tenant gets a repository and a passphrase of its own.
    auto other = again.repository(2);
    QVERIFY_RESULT(other);
    QVERIFY((*other)->config().id != id);
}

void tst_TenantRepositories::namesAMissingKeyFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        Server::TenantRepositories repositories(dir.path());
        QVERIFY_RESULT(repositories.repository(3));
    }
    const QString keyPath = dir.path() + u"/keys/repository-3.key"_s;
    QVERIFY(QFile::remove(keyPath));
    Server::TenantRepositories repositories(dir.path());
    auto repo = repositories.repository(3);
    QVERIFY(!repo);
    QCOMPARE(repo.error().code(), ErrorCode::NotFound);
    QVERIFY2(repo.error().message().contains(keyPath), qPrintable(repo.error().message()));
    // No new key file was made up for the existing repository.
    QVERIFY(!QFile::exists(keyPath));
}

QTEST_GUILESS_MAIN(tst_TenantRepositories)
#include "tst_tenantrepositories.moc"
