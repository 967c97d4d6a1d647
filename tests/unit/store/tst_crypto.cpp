#include "storetestutil.h"

#include <store/crypto.h>

#include <testsupport.h>

#include <QTest>

#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace Kura;
using namespace Qt::StringLiterals;
using namespace Kura::Store;

namespace {

QByteArray keyOf(quint64 seed) { return Test::randomBytes(32, seed); }

// HMAC-SHA-256 through OpenSSL's one-shot HMAC(): an implementation independent of the
// precomputed-prefix one in keyedHash().
QByteArray referenceHmac(const QByteArray &key, const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outLength = 0;
    HMAC(EVP_sha256(), key.constData(), int(key.size()),
         reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()), out,
         &outLength);
    return QByteArray(reinterpret_cast<const char *>(out), int(outLength));
}

} // namespace

class tst_Crypto : public QObject
{
    Q_OBJECT
private slots:
    void sealRoundTrips_data();
    void sealRoundTrips();
    void sealUsesFreshNonces();
    void flippedByteIsCorrupt_data();
    void flippedByteIsCorrupt();
    void wrongKeyIsCorrupt();
    void shortInputIsCorrupt_data();
    void shortInputIsCorrupt();
    void keyedHashIsHmacSha256_data();
    void keyedHashIsHmacSha256();
    void keyedHashDependsOnKey();
    void sha256MatchesKnownVectors_data();
    void sha256MatchesKnownVectors();
    void sha256StreamEqualsOneShot();
    void masterKeyRoundTrips();
    void masterKeyRejectsWrongSize_data();
    void masterKeyRejectsWrongSize();
    void scryptRejectsInvalidParameters_data();
    void scryptRejectsInvalidParameters();
    void scryptIsDeterministic();
    void scryptMatchesRfc7914Vector();
};

void tst_Crypto::sealRoundTrips_data()
{
    QTest::addColumn<qsizetype>("size");
    for (qsizetype size : { 0, 1, 15, 16, 17, 4096, 1 << 20 })
        QTest::addRow("%lld bytes", qlonglong(size)) << size;
}

void tst_Crypto::sealRoundTrips()
{
    QFETCH(qsizetype, size);
    const QByteArray key = keyOf(1);
    const QByteArray plain = Test::randomBytes(size, quint64(size) + 7);
    const QByteArray sealed = seal(key, plain);
    QCOMPARE(sealed.size(), size + SealOverhead);
    auto opened = unseal(key, sealed);
    QVERIFY_RESULT(opened);
    QCOMPARE(*opened, plain);
}

void tst_Crypto::sealUsesFreshNonces()
{
    const QByteArray key = keyOf(2);
    const QByteArray plain("same plaintext");
    QVERIFY(seal(key, plain) != seal(key, plain));
}

void tst_Crypto::flippedByteIsCorrupt_data()
{
    QTest::addColumn<qsizetype>("position"); // negative: from the end
    QTest::newRow("first nonce byte") << qsizetype(0);
    QTest::newRow("last nonce byte") << qsizetype(11);
    QTest::newRow("first ciphertext byte") << qsizetype(12);
    QTest::newRow("middle of the ciphertext") << qsizetype(12 + 50);
    QTest::newRow("last ciphertext byte") << qsizetype(-17);
    QTest::newRow("first tag byte") << qsizetype(-16);
    QTest::newRow("last tag byte") << qsizetype(-1);
}

void tst_Crypto::flippedByteIsCorrupt()
{
    QFETCH(qsizetype, position);
    const QByteArray key = keyOf(3);
    QByteArray sealed = seal(key, Test::randomBytes(100, 3));
    const qsizetype at = position < 0 ? sealed.size() + position : position;
    for (int bit = 0; bit < 8; ++bit) {
        QByteArray damaged = sealed;
        damaged[at] = char(damaged[at] ^ (1 << bit));
        QVERIFY_ERROR(unseal(key, damaged), ErrorCode::Corrupt, u"authentication tag"_s);
    }
}

void tst_Crypto::wrongKeyIsCorrupt()
{
    const QByteArray sealed = seal(keyOf(4), QByteArray("secret"));
    QVERIFY_ERROR(unseal(keyOf(5), sealed), ErrorCode::Corrupt);
}

void tst_Crypto::shortInputIsCorrupt_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::newRow("empty") << qsizetype(0);
    QTest::newRow("nonce only") << qsizetype(12);
    QTest::newRow("one byte short of nonce and tag") << SealOverhead - 1;
}

void tst_Crypto::shortInputIsCorrupt()
{
    QFETCH(qsizetype, size);
    const QByteArray sealed = seal(keyOf(6), QByteArray()).left(size);
    QVERIFY_ERROR(unseal(keyOf(6), sealed), ErrorCode::Corrupt, u"shorter than nonce and tag"_s);
}

void tst_Crypto::keyedHashIsHmacSha256_data()
{
    QTest::addColumn<qsizetype>("size");
    for (qsizetype size : { 0, 1, 55, 56, 63, 64, 65, 1000, 1 << 20 })
        QTest::addRow("%lld bytes", qlonglong(size)) << size;
}

void tst_Crypto::keyedHashIsHmacSha256()
{
    QFETCH(qsizetype, size);
    const QByteArray data = Test::randomBytes(size, quint64(size) * 3 + 1);
    // Two keys in turn, so that the cached per-thread prefix must be rebuilt.
    for (quint64 seed : { 10, 11, 10 }) {
        const QByteArray key = keyOf(seed);
        const BlobId id = keyedHash(key, data.constData(), data.size());
        QCOMPARE(id.toByteArray().toHex(), referenceHmac(key, data).toHex());
    }
}

void tst_Crypto::keyedHashDependsOnKey()
{
    const QByteArray data("chunk content");
    const BlobId a = keyedHash(keyOf(20), data.constData(), data.size());
    const BlobId b = keyedHash(keyOf(21), data.constData(), data.size());
    QVERIFY(a != b);
    QVERIFY(a != sha256(data));
}

void tst_Crypto::sha256MatchesKnownVectors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("digest");
    // FIPS 180-2 test vectors.
    QTest::newRow("abc") << QByteArray("abc")
                         << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("empty") << QByteArray()
                           << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("two blocks")
        << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

void tst_Crypto::sha256MatchesKnownVectors()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, digest);
    QCOMPARE(sha256(input).toByteArray().toHex(), digest);
}

void tst_Crypto::sha256StreamEqualsOneShot()
{
    const QByteArray data = Test::randomBytes(100000, 30);
    Sha256Stream stream;
    for (qsizetype at = 0; at < data.size(); at += 777)
        stream.add(data.constData() + at, qMin<qsizetype>(777, data.size() - at));
    QCOMPARE(stream.finish(), sha256(data));
}

void tst_Crypto::masterKeyRoundTrips()
{
    const MasterKey key = MasterKey::generate();
    QCOMPARE(key.encryptionKey.size(), 32);
    QCOMPARE(key.idKey.size(), 32);
    QVERIFY(key.encryptionKey != key.idKey);
    const QByteArray bytes = key.serialize();
    QCOMPARE(bytes.size(), 72);
    auto back = MasterKey::deserialize(bytes);
    QVERIFY_RESULT(back);
    QCOMPARE(back->encryptionKey, key.encryptionKey);
    QCOMPARE(back->idKey, key.idKey);
    QCOMPARE(back->chunkerSeed, key.chunkerSeed);
}

void tst_Crypto::masterKeyRejectsWrongSize_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::newRow("empty") << qsizetype(0);
    QTest::newRow("one byte short") << qsizetype(71);
    QTest::newRow("one byte long") << qsizetype(73);
}

void tst_Crypto::masterKeyRejectsWrongSize()
{
    QFETCH(qsizetype, size);
    QVERIFY_ERROR(MasterKey::deserialize(QByteArray(size, 'k')), ErrorCode::Corrupt,
                  QString::number(size));
}

void tst_Crypto::scryptRejectsInvalidParameters_data()
{
    QTest::addColumn<quint64>("n");
    QTest::addColumn<quint32>("r");
    QTest::addColumn<quint32>("p");
    QTest::newRow("N zero") << quint64(0) << 8u << 1u;
    QTest::newRow("N one") << quint64(1) << 8u << 1u;
    QTest::newRow("N not a power of two") << quint64(1000) << 8u << 1u;
    QTest::newRow("N one above a power of two") << quint64(1025) << 8u << 1u;
    QTest::newRow("N above the limit") << ScryptParams::MaxN * 2 << 8u << 1u;
    QTest::newRow("N of 2^63") << (quint64(1) << 63) << 8u << 1u;
    QTest::newRow("r zero") << quint64(1024) << 0u << 1u;
    QTest::newRow("r too large") << quint64(1024) << ScryptParams::MaxR + 1 << 1u;
    QTest::newRow("r huge") << quint64(1024) << 0xffffffffu << 1u;
    QTest::newRow("p zero") << quint64(1024) << 8u << 0u;
    QTest::newRow("p too large") << quint64(1024) << 8u << ScryptParams::MaxP + 1;
    QTest::newRow("p huge") << quint64(1024) << 8u << 0xffffffffu;
}

void tst_Crypto::scryptRejectsInvalidParameters()
{
    QFETCH(quint64, n);
    QFETCH(quint32, r);
    QFETCH(quint32, p);
    const ScryptParams params { n, r, p };
    QVERIFY_ERROR(params.validate(), ErrorCode::Corrupt, u"scrypt"_s);
    QVERIFY_ERROR(deriveKey("passphrase", QByteArray(32, 's'), params), ErrorCode::Corrupt,
                  u"scrypt"_s);
}

void tst_Crypto::scryptIsDeterministic()
{
    const ScryptParams params { 1024, 8, 1 };
    const QByteArray salt = Test::randomBytes(32, 40);
    auto a = deriveKey("correct horse", salt, params);
    auto b = deriveKey("correct horse", salt, params);
    QVERIFY_RESULT(a);
    QVERIFY_RESULT(b);
    QCOMPARE(a->size(), 32);
    QCOMPARE(*a, *b);

    auto otherPassphrase = deriveKey("correct horsf", salt, params);
    auto otherSalt = deriveKey("correct horse", Test::randomBytes(32, 41), params);
    auto otherCost = deriveKey("correct horse", salt, ScryptParams { 2048, 8, 1 });
    QVERIFY_RESULT(otherPassphrase);
    QVERIFY_RESULT(otherSalt);
    QVERIFY_RESULT(otherCost);
    QVERIFY(*otherPassphrase != *a);
    QVERIFY(*otherSalt != *a);
    QVERIFY(*otherCost != *a);
}

void tst_Crypto::scryptMatchesRfc7914Vector()
{
    // RFC 7914 section 12, second vector; the derived 32 bytes are the first half of its 64.
    auto key = deriveKey("password", "NaCl", ScryptParams { 1024, 8, 16 });
    QVERIFY_RESULT(key);
    QCOMPARE(key->toHex(), QByteArray("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"));
}

QTEST_GUILESS_MAIN(tst_Crypto)
#include "tst_crypto.moc"
