#include <catalog/password.h>
#include <testsupport.h>

#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Catalog;

namespace {
const ScryptParams Cheap { 1u << 10, 8, 1 }; // fast enough for many test rows
}

class tst_Password : public QObject {
    Q_OBJECT
private slots:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void hashHasDocumentedFormat();
    void verifiesOnlyTheRightPassword_data();
    void verifiesOnlyTheRightPassword();
    void sameHashNeverRepeats();
    void defaultParametersWork();
    void rejectsMalformedStoredHash_data();
    void rejectsMalformedStoredHash();
    void rejectsParametersOutOfRange();
    void tokensNameTheirTenant_data();
    void tokensNameTheirTenant();
    void tokenHashIsStable();
};

void tst_Password::hashHasDocumentedFormat()
{
    auto hash = hashPassword(u"secret"_s, Cheap);
    QVERIFY_RESULT(hash);
    const QStringList parts = hash->split(u'$');
    QCOMPARE(parts.size(), 6);
    QCOMPARE(parts.at(0), u"scrypt"_s);
    QCOMPARE(parts.at(1), u"1024"_s);
    QCOMPARE(parts.at(2), u"8"_s);
    QCOMPARE(parts.at(3), u"1"_s);
    QCOMPARE(QByteArray::fromBase64(parts.at(4).toLatin1()).size(), 16);
    QCOMPARE(QByteArray::fromBase64(parts.at(5).toLatin1()).size(), 32);
}

void tst_Password::verifiesOnlyTheRightPassword_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("attempt");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("same password") << u"correct horse"_s << u"correct horse"_s << true;
    QTest::newRow("wrong password") << u"correct horse"_s << u"battery staple"_s << false;
    QTest::newRow("differs in case") << u"Secret"_s << u"secret"_s << false;
    QTest::newRow("trailing space") << u"secret"_s << u"secret "_s << false;
    QTest::newRow("empty attempt") << u"secret"_s << QString() << false;
    QTest::newRow("japanese password") << u"パスワード"_s << u"パスワード"_s << true;
    QTest::newRow("japanese, one character off") << u"パスワード"_s << u"パスワーヅ"_s << false;
}

void tst_Password::verifiesOnlyTheRightPassword()
{
    QFETCH(QString, password);
    QFETCH(QString, attempt);
    QFETCH(bool, accepted);
    auto hash = hashPassword(password, Cheap);
    QVERIFY_RESULT(hash);
    auto verdict = verifyPassword(attempt, *hash);
    QVERIFY_RESULT(verdict);
    QCOMPARE(*verdict, accepted);
}

void tst_Password::sameHashNeverRepeats()
{
    auto first = hashPassword(u"secret"_s, Cheap);
    auto second = hashPassword(u"secret"_s, Cheap);
    QVERIFY_RESULT(first);
    QVERIFY_RESULT(second);
    QVERIFY(*first != *second); // fresh salt each time
    QVERIFY(*verifyPassword(u"secret"_s, *second));
}

void tst_Password::defaultParametersWork()
{
    auto hash = hashPassword(u"secret"_s);
    QVERIFY_RESULT(hash);
    QVERIFY(hash->startsWith(u"scrypt$32768$8$1$"_s));
    QVERIFY(*verifyPassword(u"secret"_s, *hash));
    QVERIFY(!*verifyPassword(u"Secret"_s, *hash));
}

void tst_Password::rejectsMalformedStoredHash_data()
{
    QTest::addColumn<QString>("stored");
    const QString salt = QString::fromLatin1(QByteArray(16, 'a').toBase64());
    const QString hash = QString::fromLatin1(QByteArray(32, 'b').toBase64());
    QTest::newRow("empty") << QString();
    QTest::newRow("other algorithm") << u"bcrypt$1024$8$1$%1$%2"_s.arg(salt, hash);
    QTest::newRow("missing field") << u"scrypt$1024$8$%1$%2"_s.arg(salt, hash);
    QTest::newRow("N not a power of two") << u"scrypt$1000$8$1$%1$%2"_s.arg(salt, hash);
    QTest::newRow("N far too large") << u"scrypt$1099511627776$8$1$%1$%2"_s.arg(salt, hash);
    QTest::newRow("r zero") << u"scrypt$1024$0$1$%1$%2"_s.arg(salt, hash);
    QTest::newRow("p huge") << u"scrypt$1024$8$4096$%1$%2"_s.arg(salt, hash);
    QTest::newRow("memory above limit") << u"scrypt$1048576$32$1$%1$%2"_s.arg(salt, hash);
    QTest::newRow("salt not base64") << u"scrypt$1024$8$1$***$%1"_s.arg(hash);
    QTest::newRow("hash too short") << u"scrypt$1024$8$1$%1$YWJj"_s.arg(salt);
    QTest::newRow("N not a number") << u"scrypt$many$8$1$%1$%2"_s.arg(salt, hash);
}

void tst_Password::rejectsMalformedStoredHash()
{
    QFETCH(QString, stored);
    auto verdict = verifyPassword(u"secret"_s, stored);
    QVERIFY(!verdict);
    QCOMPARE(verdict.error().code(), ErrorCode::Corrupt);
}

void tst_Password::rejectsParametersOutOfRange()
{
    auto hash = hashPassword(u"x"_s, ScryptParams { 3, 8, 1 });
    QVERIFY(!hash);
    QCOMPARE(hash.error().code(), ErrorCode::InvalidArgument);
}

void tst_Password::tokensNameTheirTenant_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<qint64>("tenant"); // 0: malformed
    QTest::newRow("well formed") << u"42.abcdef"_s << qint64(42);
    QTest::newRow("no dot") << u"42abcdef"_s << qint64(0);
    QTest::newRow("no secret") << u"42."_s << qint64(0);
    QTest::newRow("tenant not a number") << u"x.abcdef"_s << qint64(0);
    QTest::newRow("negative tenant") << u"-1.abcdef"_s << qint64(0);
    QTest::newRow("empty") << QString() << qint64(0);
}

void tst_Password::tokensNameTheirTenant()
{
    QFETCH(QString, token);
    QFETCH(qint64, tenant);
    auto parsed = tenantOfToken(token);
    if (tenant == 0) {
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code(), ErrorCode::InvalidArgument);
    } else {
        QVERIFY_RESULT(parsed);
        QCOMPARE(*parsed, tenant);
    }
    auto generated = generateTenantToken(7);
    QVERIFY_RESULT(generated);
    QCOMPARE(*tenantOfToken(*generated), 7);
}

void tst_Password::tokenHashIsStable()
{
    QCOMPARE(
        tokenHash(u"abc"_s), u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s);
    QVERIFY(*generateToken() != *generateToken());
}

QTEST_GUILESS_MAIN(tst_Password)
#include "tst_password.moc"
