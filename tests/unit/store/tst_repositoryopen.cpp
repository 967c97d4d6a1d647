#include "storetestutil.h"

#include <store/localstore.h>
#include <store/repository.h>

#include <testsupport.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Kura;
using namespace Kura::Store;
using namespace Qt::StringLiterals;

namespace {

const QByteArray Passphrase("open sesame");

InitOptions fastOptions()
{
    InitOptions options;
    options.scrypt = ScryptParams { 1024, 8, 1 };
    return options;
}

// Content that compresses (stored as zstd) and content that does not (stored raw).
QByteArray textBlob(int seed)
{
    QByteArray out;
    for (int i = 0; out.size() < 20000; ++i)
        out += "blob " + QByteArray::number(seed) + " line " + QByteArray::number(i) + "\n";
    return out;
}

} // namespace

class tst_RepositoryOpen : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void reopensAndLoadsBlobsAndTrees();
    void wrongPassphraseIsUnauthorized();
    void newerFormatIsUnsupported();
    void damagedConfigIsCorrupt();
    void missingConfigIsNotFound();
    void flippedByteInPackNamesBlobAndPack_data();
    void flippedByteInPackNamesBlobAndPack();
    void truncatedPackNamesThePack();
    void missingPackNamesThePack();
    void damagedIndexIsReportedNotFatal();
    void addedKeyOpensAndLastKeyStays();
    void findsSnapshots();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QList<QByteArray> m_blobs;
    QList<BlobId> m_blobIds;
    BlobId m_treeId;
    Tree m_tree;

    std::unique_ptr<ObjectStore> store() const { return std::make_unique<LocalStore>(m_dir->path()); }
    QString path(ObjectKind kind, const QString &name) const
    {
        return LocalStore(m_dir->path()).pathOf(kind, name);
    }
    Result<std::unique_ptr<Repository>> open(const QByteArray &passphrase = Passphrase) const
    {
        return Repository::open(store(), passphrase);
    }
    QString onlyObject(ObjectKind kind) const;
    QString packOf(const BlobId &id, BlobType type);
};

void tst_RepositoryOpen::init()
{
    m_dir = std::make_unique<QTemporaryDir>(Test::repositoryTempTemplate());
    QVERIFY(m_dir->isValid());
    auto repo = Repository::init(store(), Passphrase, fastOptions());
    QVERIFY_RESULT(repo);
    m_blobs = { textBlob(1), Test::randomBytes(30000, 2), textBlob(3) };
    m_blobIds.clear();
    for (const QByteArray &blob : m_blobs) {
        const BlobId id = (*repo)->blobId(blob.constData(), blob.size());
        auto saved = (*repo)->saveBlob(BlobType::Data, id, blob.constData(), blob.size());
        QVERIFY_RESULT(saved);
        QVERIFY(saved->stored);
        m_blobIds << id;
    }
    Node file;
    file.name = "file";
    file.size = m_blobs[0].size();
    file.content = { { m_blobIds[0], quint32(m_blobs[0].size()) } };
    m_tree = Tree { { file } };
    auto treeId = (*repo)->saveTree(m_tree);
    QVERIFY_RESULT(treeId);
    m_treeId = *treeId;
    QVERIFY_RESULT((*repo)->flush());
}

void tst_RepositoryOpen::cleanup() { m_dir.reset(); }

QString tst_RepositoryOpen::onlyObject(ObjectKind kind) const
{
    auto names = LocalStore(m_dir->path()).list(kind);
    if (!names || names->size() != 1)
        return {};
    return names->first();
}

QString tst_RepositoryOpen::packOf(const BlobId &id, BlobType type)
{
    auto repo = open();
    if (!repo)
        return {};
    const auto location = (*repo)->index().find(type, id);
    return location ? location->packId.toHex() : QString();
}

void tst_RepositoryOpen::reopensAndLoadsBlobsAndTrees()
{
    auto repo = open();
    QVERIFY_RESULT(repo);
    QCOMPARE((*repo)->index().blobCount(), 4);
    QCOMPARE((*repo)->index().packCount(), 2); // one data pack, one tree pack
    for (qsizetype i = 0; i < m_blobs.size(); ++i) {
        QVERIFY((*repo)->hasBlob(BlobType::Data, m_blobIds[i]));
        auto blob = (*repo)->loadBlob(BlobType::Data, m_blobIds[i]);
        QVERIFY_RESULT(blob);
        QCOMPARE(*blob, m_blobs[i]);
    }
    auto tree = (*repo)->loadTree(m_treeId);
    QVERIFY_RESULT(tree);
    QCOMPARE(*tree, m_tree);
    QVERIFY(!(*repo)->hasBlob(BlobType::Tree, m_blobIds[0])); // types are separate namespaces
    QVERIFY_ERROR((*repo)->loadBlob(BlobType::Data, m_treeId), ErrorCode::NotFound, m_treeId.toHex());

    // Saving again stores nothing new.
    auto again = (*repo)->saveBlob(BlobType::Data, m_blobIds[1], m_blobs[1].constData(), m_blobs[1].size());
    QVERIFY_RESULT(again);
    QVERIFY(!again->stored);
}

void tst_RepositoryOpen::wrongPassphraseIsUnauthorized()
{
    QVERIFY_ERROR(open("open sesame!"), ErrorCode::Unauthorized, u"wrong passphrase"_s);
    QVERIFY_ERROR(open(QByteArray()), ErrorCode::Unauthorized, u"wrong passphrase"_s);
}

void tst_RepositoryOpen::newerFormatIsUnsupported()
{
    const QString configPath = path(ObjectKind::Config, {});
    QJsonObject config = QJsonDocument::fromJson(Test::readFile(configPath)).object();
    config.insert(u"version"_s, 2);
    QVERIFY(Test::writeFile(configPath, QJsonDocument(config).toJson()));
    QVERIFY_ERROR(open(), ErrorCode::Unsupported, u"version 2 is not supported"_s, m_dir->path());
}

void tst_RepositoryOpen::damagedConfigIsCorrupt()
{
    QVERIFY(Test::writeFile(path(ObjectKind::Config, {}), "{\"format\": \"kura-repos"));
    QVERIFY_ERROR(open(), ErrorCode::Corrupt, u"config"_s, m_dir->path());
}

void tst_RepositoryOpen::missingConfigIsNotFound()
{
    QVERIFY(QFile::remove(path(ObjectKind::Config, {})));
    QVERIFY_ERROR(open(), ErrorCode::NotFound, m_dir->path(), u"no config"_s);
}

void tst_RepositoryOpen::flippedByteInPackNamesBlobAndPack_data()
{
    QTest::addColumn<int>("blob");
    QTest::addColumn<int>("offset"); // into the sealed blob
    QTest::newRow("compressed blob, nonce") << 0 << 3;
    QTest::newRow("raw blob, ciphertext") << 1 << 1000;
    QTest::newRow("compressed blob, tag") << 2 << -1;
}

void tst_RepositoryOpen::flippedByteInPackNamesBlobAndPack()
{
    QFETCH(int, blob);
    QFETCH(int, offset);
    const BlobId id = m_blobIds[blob];
    std::optional<BlobLocation> location;
    {
        auto repo = open();
        QVERIFY_RESULT(repo);
        location = (*repo)->index().find(BlobType::Data, id);
        QVERIFY(location);
    }
    const QString pack = location->packId.toHex();
    const QString packPath = path(ObjectKind::Pack, pack);
    QByteArray bytes = Test::readFile(packPath);
    const qsizetype at = location->entry.offset + (offset < 0 ? location->entry.length + offset : offset);
    bytes[at] = char(bytes[at] ^ 0x10);
    QVERIFY(Test::writeFile(packPath, bytes));

    auto repo = open(); // the pack is not read at open
    QVERIFY_RESULT(repo);
    QVERIFY_ERROR((*repo)->loadBlob(BlobType::Data, id), ErrorCode::Corrupt, id.toHex(), pack);
    for (int other = 0; other < m_blobs.size(); ++other) { // the other blobs still load
        if (other == blob)
            continue;
        auto loaded = (*repo)->loadBlob(BlobType::Data, m_blobIds[other]);
        QVERIFY_RESULT(loaded);
        QCOMPARE(*loaded, m_blobs[other]);
    }
}

void tst_RepositoryOpen::truncatedPackNamesThePack()
{
    const QString pack = packOf(m_treeId, BlobType::Tree);
    QVERIFY(!pack.isEmpty());
    QFile file(path(ObjectKind::Pack, pack));
    QVERIFY(file.resize(10));
    auto repo = open();
    QVERIFY_RESULT(repo);
    QVERIFY_ERROR((*repo)->loadTree(m_treeId), ErrorCode::Corrupt, pack, m_treeId.toHex());
}

void tst_RepositoryOpen::missingPackNamesThePack()
{
    const QString pack = packOf(m_blobIds[0], BlobType::Data);
    QVERIFY(!pack.isEmpty());
    QVERIFY(QFile::remove(path(ObjectKind::Pack, pack)));
    auto repo = open();
    QVERIFY_RESULT(repo);
    QVERIFY_ERROR((*repo)->loadBlob(BlobType::Data, m_blobIds[0]), ErrorCode::NotFound, pack, m_blobIds[0].toHex());
}

void tst_RepositoryOpen::damagedIndexIsReportedNotFatal()
{
    const QString index = onlyObject(ObjectKind::Index);
    QVERIFY(!index.isEmpty());
    const QString indexPath = path(ObjectKind::Index, index);
    QByteArray bytes = Test::readFile(indexPath);
    bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x01);
    // A damaged index object does not lock the repository away: it opens, the damage is
    // reported (check lists it, prune refuses), and the blobs only it listed are not found.
    for (const QByteArray &damaged : { bytes, bytes.left(20) }) {
        QVERIFY(Test::writeFile(indexPath, damaged));
        auto repo = open();
        QVERIFY_RESULT(repo);
        QCOMPARE((*repo)->damagedIndexes().size(), 1);
        const Error &error = (*repo)->damagedIndexes().first();
        QCOMPARE(error.code(), ErrorCode::Corrupt);
        QVERIFY2(error.message().contains(index), qPrintable(error.message()));
        QVERIFY(!(*repo)->hasBlob(BlobType::Data, m_blobIds[0]));
        QVERIFY_ERROR((*repo)->loadBlob(BlobType::Data, m_blobIds[0]), ErrorCode::NotFound, m_blobIds[0].toHex());
    }
}

void tst_RepositoryOpen::addedKeyOpensAndLastKeyStays()
{
    QString firstKey, secondKey;
    {
        auto repo = open();
        QVERIFY_RESULT(repo);
        firstKey = (*repo)->currentKeyId();
        QVERIFY_ERROR((*repo)->removeKey(firstKey), ErrorCode::Conflict, u"last key"_s);
        QVERIFY_ERROR((*repo)->addKey(QByteArray(), ScryptParams { 1024, 8, 1 }), ErrorCode::InvalidArgument);
        auto added = (*repo)->addKey("second passphrase", ScryptParams { 1024, 8, 1 });
        QVERIFY_RESULT(added);
        secondKey = *added;
        QVERIFY(secondKey != firstKey);
    }
    auto second = open("second passphrase");
    QVERIFY_RESULT(second);
    QCOMPARE((*second)->currentKeyId(), secondKey);
    auto blob = (*second)->loadBlob(BlobType::Data, m_blobIds[0]);
    QVERIFY_RESULT(blob);
    QCOMPARE(*blob, m_blobs[0]);

    QVERIFY_ERROR((*second)->removeKey(QString(64, u'0')), ErrorCode::NotFound);
    QVERIFY_RESULT((*second)->removeKey(firstKey));
    QVERIFY_ERROR((*second)->removeKey(secondKey), ErrorCode::Conflict, u"last key"_s);
    QVERIFY_ERROR(open(), ErrorCode::Unauthorized, u"1 key"_s);
    QVERIFY_RESULT(open("second passphrase"));
}

void tst_RepositoryOpen::findsSnapshots()
{
    auto repo = open();
    QVERIFY_RESULT(repo);
    QVERIFY_ERROR((*repo)->findSnapshot(u"latest"_s), ErrorCode::NotFound, u"no snapshots"_s);
    QStringList ids;
    for (int i = 0; i < 40; ++i) {
        Snapshot s;
        s.time = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).addSecs(i * 60);
        s.endTime = s.time.addSecs(30);
        s.tree = m_treeId;
        s.host = u"host%1"_s.arg(i);
        auto id = (*repo)->saveSnapshot(s);
        QVERIFY_RESULT(id);
        ids << *id;
    }

    auto latest = (*repo)->findSnapshot(u"latest"_s);
    QVERIFY_RESULT(latest);
    QCOMPARE(latest->host, u"host39"_s);
    QCOMPARE(latest->id, ids.last());

    // 40 ids in 16 first hex digits: some first digit is shared.
    QString ambiguous;
    for (const QString &id : ids)
        if (std::count_if(ids.begin(), ids.end(), [&](const QString &o) { return o.startsWith(id.left(1)); }) > 1)
            ambiguous = id.left(1);
    QVERIFY(!ambiguous.isEmpty());
    QVERIFY_ERROR((*repo)->findSnapshot(ambiguous), ErrorCode::InvalidArgument, u"give more digits"_s);

    const QString target = ids[17];
    auto byPrefix = (*repo)->findSnapshot(target.left(12));
    QVERIFY_RESULT(byPrefix);
    QCOMPARE(byPrefix->id, target);
    QCOMPARE(byPrefix->host, u"host17"_s);
    auto byUpperCase = (*repo)->findSnapshot(target.left(12).toUpper());
    QVERIFY_RESULT(byUpperCase);
    QCOMPARE(byUpperCase->id, target);
    auto byFullId = (*repo)->findSnapshot(target);
    QVERIFY_RESULT(byFullId);
    QCOMPARE(byFullId->id, target);

    QString missing = target;
    missing[0] = missing[0] == u'0' ? u'1' : u'0';
    for (const QString &id : ids)
        QVERIFY(id != missing);
    QVERIFY_ERROR((*repo)->findSnapshot(missing), ErrorCode::NotFound, missing);
    QVERIFY_ERROR((*repo)->findSnapshot(QString()), ErrorCode::NotFound);
    QVERIFY_ERROR((*repo)->findSnapshot(u"zz"_s), ErrorCode::NotFound, u"zz"_s);
}

QTEST_GUILESS_MAIN(tst_RepositoryOpen)
#include "tst_repositoryopen.moc"
