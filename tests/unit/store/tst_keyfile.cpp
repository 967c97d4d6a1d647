#include "storetestutil.h"

#include <store/keyfile.h>

#include <testsupport.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Kura;
using namespace Kura::Store;
using namespace Qt::StringLiterals;

namespace {

// Fast parameters: these tests are about the format, not the cost of guessing.
const ScryptParams FastScrypt { 1024, 8, 1 };

KeyFile sampleKeyFile()
{
    KeyFile key;
    key.params = FastScrypt;
    key.salt = Test::randomBytes(32, 1);
    key.sealedKey = Test::randomBytes(72 + SealOverhead, 2);
    key.created = QDateTime(QDate(2026, 5, 1), QTime(12, 30, 5), Qt::UTC);
    key.host = u"backup-host"_s;
    return key;
}

QJsonObject validObject() { return QJsonDocument::fromJson(encodeKeyFile(sampleKeyFile())).object(); }

QByteArray with(const QString &key, const QJsonValue &value)
{
    QJsonObject o = validObject();
    o.insert(key, value);
    return QJsonDocument(o).toJson();
}

QByteArray without(const QString &key)
{
    QJsonObject o = validObject();
    o.remove(key);
    return QJsonDocument(o).toJson();
}

QString base64Of(qsizetype size) { return QString::fromLatin1(Test::randomBytes(size, quint64(size)).toBase64()); }

} // namespace

class tst_KeyFile : public QObject
{
    Q_OBJECT
private slots:
    void roundTrips();
    void rejectsBadKeyFiles_data();
    void rejectsBadKeyFiles();
    void rejectsAbsurdScryptBeforeDeriving_data();
    void rejectsAbsurdScryptBeforeDeriving();
    void limitsScryptMemory_data();
    void limitsScryptMemory();
    void unlocksWithItsPassphraseOnly();
    void makeKeyFileUsesFreshSalt();
};

void tst_KeyFile::roundTrips()
{
    const KeyFile key = sampleKeyFile();
    auto decoded = decodeKeyFile(encodeKeyFile(key));
    QVERIFY_RESULT(decoded);
    QCOMPARE(decoded->params.n, key.params.n);
    QCOMPARE(decoded->params.r, key.params.r);
    QCOMPARE(decoded->params.p, key.params.p);
    QCOMPARE(decoded->salt, key.salt);
    QCOMPARE(decoded->sealedKey, key.sealedKey);
    QCOMPARE(decoded->created, key.created);
    QCOMPARE(decoded->host, key.host);
}

void tst_KeyFile::rejectsBadKeyFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *name, const QByteArray &json, ErrorCode code, const QString &message) {
        QTest::newRow(name) << json << code << message;
    };
    row("empty", QByteArray(), ErrorCode::Corrupt, u"not a JSON object"_s);
    row("cut short", encodeKeyFile(sampleKeyFile()).chopped(3), ErrorCode::Corrupt, u"not a JSON object"_s);
    row("an array", QByteArray("[]"), ErrorCode::Corrupt, u"not a JSON object"_s);
    row("version 2", with(u"version"_s, 2), ErrorCode::Unsupported, u"version"_s);
    row("version missing", without(u"version"_s), ErrorCode::Unsupported, u"version"_s);
    row("version as text", with(u"version"_s, u"1"_s), ErrorCode::Unsupported, u"version"_s);
    row("argon2", with(u"kdf"_s, u"argon2id"_s), ErrorCode::Unsupported, u"\"argon2id\" is unknown"_s);
    row("kdf missing", without(u"kdf"_s), ErrorCode::Unsupported, u"key derivation"_s);
    row("salt not base64", with(u"salt"_s, u"not*base64!"_s), ErrorCode::Corrupt, u"\"salt\" is not base64"_s);
    row("data not base64", with(u"data"_s, u"@@@@"_s), ErrorCode::Corrupt, u"\"data\" is not base64"_s);
    row("salt missing", without(u"salt"_s), ErrorCode::Corrupt, u"wrong size"_s);
    row("salt of 15 bytes", with(u"salt"_s, base64Of(15)), ErrorCode::Corrupt, u"salt or key has the wrong size"_s);
    row("data missing", without(u"data"_s), ErrorCode::Corrupt, u"wrong size"_s);
    row("data one byte short", with(u"data"_s, base64Of(72 + SealOverhead - 1)), ErrorCode::Corrupt,
        u"salt or key has the wrong size"_s);
    row("data one byte long", with(u"data"_s, base64Of(72 + SealOverhead + 1)), ErrorCode::Corrupt,
        u"salt or key has the wrong size"_s);
    row("data unsealed", with(u"data"_s, base64Of(72)), ErrorCode::Corrupt, u"wrong size"_s);
    row("n missing", without(u"n"_s), ErrorCode::Corrupt, u"bad scrypt parameters"_s);
    row("n as text", with(u"n"_s, u"1024"_s), ErrorCode::Corrupt, u"bad scrypt parameters"_s);
    row("n negative", with(u"n"_s, -1024), ErrorCode::Corrupt, u"bad scrypt parameters"_s);
    row("n not a power of two", with(u"n"_s, 1000), ErrorCode::Corrupt, u"scrypt N=1000"_s);
    row("n zero", with(u"n"_s, 0), ErrorCode::Corrupt, u"scrypt N=0"_s);
    row("r zero", with(u"r"_s, 0), ErrorCode::Corrupt, u"scrypt r=0"_s);
    row("p zero", with(u"p"_s, 0), ErrorCode::Corrupt, u"p=0"_s);
}

void tst_KeyFile::rejectsBadKeyFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);
    QVERIFY_ERROR(decodeKeyFile(json), code, message);
}

void tst_KeyFile::rejectsAbsurdScryptBeforeDeriving_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("n of 2^23") << with(u"n"_s, double(1 << 23));
    QTest::newRow("n of 2^62") << with(u"n"_s, 4611686018427387904.0);
    QTest::newRow("n of 1e300") << with(u"n"_s, 1e300);
    QTest::newRow("r of 33") << with(u"r"_s, 33);
    QTest::newRow("r of 2^32") << with(u"r"_s, 4294967296.0);
    QTest::newRow("p of 17") << with(u"p"_s, 17);
    QTest::newRow("p of 1e18") << with(u"p"_s, 1e18);
}

void tst_KeyFile::rejectsAbsurdScryptBeforeDeriving()
{
    // Decoding never derives; unlocking a key file whose parameters were never accepted cannot
    // start a derivation either. Both must answer at once.
    QFETCH(QByteArray, json);
    QElapsedTimer timer;
    timer.start();
    QVERIFY_ERROR(decodeKeyFile(json), ErrorCode::Corrupt, u"scrypt"_s);
    QVERIFY(timer.elapsed() < 1000);
}

void tst_KeyFile::limitsScryptMemory_data()
{
    QTest::addColumn<QByteArray>("json");
    // Each value is within its own limit, but scrypt needs 128 * r * N bytes: 16 GiB here,
    // 16 times that in time with p = 16. A key file anyone can write must not ask for that.
    QJsonObject o = validObject();
    o.insert(u"n"_s, double(ScryptParams::MaxN));
    o.insert(u"r"_s, double(ScryptParams::MaxR));
    o.insert(u"p"_s, double(ScryptParams::MaxP));
    QTest::newRow("N, r and p at their limits") << QJsonDocument(o).toJson();
    o.insert(u"p"_s, 1);
    QTest::newRow("N and r at their limits") << QJsonDocument(o).toJson();
    o = validObject();
    o.insert(u"n"_s, 1024.5);
    QTest::newRow("fractional N") << QJsonDocument(o).toJson();
}

void tst_KeyFile::limitsScryptMemory()
{
    QFETCH(QByteArray, json);
    // Never derive here: with the bug this would allocate gigabytes.
    auto decoded = decodeKeyFile(json);
    QVERIFY(!decoded);
    if (!decoded)
        QCOMPARE(decoded.error().code(), ErrorCode::Corrupt);
}

void tst_KeyFile::unlocksWithItsPassphraseOnly()
{
    const MasterKey master = MasterKey::generate();
    auto key = makeKeyFile(master, "correct horse", FastScrypt);
    QVERIFY_RESULT(key);
    auto stored = decodeKeyFile(encodeKeyFile(*key));
    QVERIFY_RESULT(stored);
    auto opened = unlockKeyFile(*stored, "correct horse");
    QVERIFY_RESULT(opened);
    QCOMPARE(opened->encryptionKey, master.encryptionKey);
    QCOMPARE(opened->idKey, master.idKey);
    QCOMPARE(opened->chunkerSeed, master.chunkerSeed);
    QVERIFY_ERROR(unlockKeyFile(*stored, "correct hors"), ErrorCode::Unauthorized, u"passphrase"_s);
    QVERIFY_ERROR(unlockKeyFile(*stored, QByteArray()), ErrorCode::Unauthorized, u"passphrase"_s);

    KeyFile damaged = *stored;
    damaged.sealedKey[40] = char(damaged.sealedKey[40] ^ 1);
    QVERIFY_ERROR(unlockKeyFile(damaged, "correct horse"), ErrorCode::Unauthorized);
}

void tst_KeyFile::makeKeyFileUsesFreshSalt()
{
    const MasterKey master = MasterKey::generate();
    auto a = makeKeyFile(master, "pass", FastScrypt);
    auto b = makeKeyFile(master, "pass", FastScrypt);
    QVERIFY_RESULT(a);
    QVERIFY_RESULT(b);
    QCOMPARE(a->salt.size(), 32);
    QVERIFY(a->salt != b->salt);
    QVERIFY(a->sealedKey != b->sealedKey);
    QVERIFY_ERROR(makeKeyFile(master, "pass", ScryptParams { 1000, 8, 1 }), ErrorCode::Corrupt, u"scrypt"_s);
}

QTEST_GUILESS_MAIN(tst_KeyFile)
#include "tst_keyfile.moc"
