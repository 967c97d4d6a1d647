// The agent package: writing and reading back, every bad field named, and ZIP files that are
// truncated, bombs, of the wrong content or no ZIP at all. With KURA_AGENTPACKAGE_CORPUS set
// to a folder, seedCorpus() also writes the fuzz target's seeds there
// (tests/fuzz/corpus/agentpackage).
#include <protocol/agentpackage.h>

#include <testsupport.h>

#include <QBuffer>
#include <QDir>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

#include <functional>

using namespace Kura;
using namespace Kura::Protocol;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Kura::Protocol::AgentPackage)
Q_DECLARE_METATYPE(Kura::ErrorCode)

namespace {

constexpr qint64 Expiry = 1767312000000; // 2026-01-02T00:00:00.000Z

AgentPackage samplePackage()
{
    return { u"backup.example.com:8641"_s, u"dr.example.com:8641"_s,
        QByteArray::fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"),
        u"7.Zm9vYmFyYmF6cXV4LXRoaXMtaXMtYS10ZXN0LXRva2Vu"_s, u"JP1"_s, Expiry };
}

struct Entry {
    QString name;
    QByteArray content;
    int method = Z_DEFLATED;
    const char *password = nullptr;
};

// A ZIP written with QuaZip directly, so that tests can put anything in it.
QByteArray makeZip(const QList<Entry> &entries)
{
    QBuffer buffer;
    QuaZip archive(&buffer);
    if (!archive.open(QuaZip::mdCreate))
        return {};
    for (const Entry &entry : entries) {
        QuaZipFile file(&archive);
        if (!file.open(QIODevice::WriteOnly, QuaZipNewInfo(entry.name), entry.password, 0,
                entry.method, Z_BEST_COMPRESSION))
            return {};
        file.write(entry.content);
        file.close();
    }
    archive.close();
    return buffer.data();
}

QJsonObject sampleConf()
{
    return QJsonObject { { u"format"_s, 1 }, { u"primaryAddress"_s, u"backup.example.com:8641"_s },
        { u"drAddress"_s, u"dr.example.com:8641"_s },
        { u"certificateSha256"_s,
            u"00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff"_s },
        { u"token"_s, u"7.secret"_s }, { u"region"_s, u"JP1"_s },
        { u"expiresAt"_s, u"2026-01-02T00:00:00.000Z"_s } };
}

QByteArray zipWithConf(const QByteArray &conf)
{
    return makeZip({ { u"kura-agent.conf"_s, conf }, { u"README.txt"_s, "read me"_ba } });
}

QByteArray zipWithConf(const QJsonObject &conf)
{
    return zipWithConf(QJsonDocument(conf).toJson());
}

const QJsonValue Removed(QJsonValue::Undefined);

QJsonObject with(QJsonObject conf, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        conf.remove(key);
    else
        conf.insert(key, value);
    return conf;
}

// Sets a 32-bit field of every central-directory header (24: uncompressed size, 42: offset of
// the local header) to `value`, making a header that lies.
QByteArray patchCentralDirectory(QByteArray zip, int field, quint32 value)
{
    for (qsizetype at = zip.indexOf("PK\x01\x02"); at >= 0; at = zip.indexOf("PK\x01\x02", at + 4))
        qToLittleEndian<quint32>(value, zip.data() + at + field);
    return zip;
}

QByteArray withDeclaredSize(const QByteArray &zip, quint32 size)
{
    return patchCentralDirectory(zip, 24, size);
}

QByteArray bombZip()
{
    return zipWithConf(QByteArray(10 * 1024 * 1024, ' '));
}

// Seeds of the fuzz target: the name, the bytes, and whether readAgentPackage accepts them.
struct Seed {
    QString name;
    QByteArray bytes;
    bool valid;
};

QList<Seed> seeds()
{
    AgentPackage noDr = samplePackage();
    noDr.drAddress.clear();
    noDr.primaryAddress = u"[2001:db8::5]:8641"_s;
    const QByteArray valid = writeAgentPackage(samplePackage()).value_or(QByteArray());
    return {
        { u"valid-package"_s, valid, true },
        { u"valid-package-ipv6-no-dr"_s, writeAgentPackage(noDr).value_or(QByteArray()), true },
        { u"valid-stored-entries"_s,
            makeZip({ { u"kura-agent.conf"_s, QJsonDocument(sampleConf()).toJson(), 0 } }), true },
        { u"conf-json"_s, QJsonDocument(sampleConf()).toJson(), false },
        { u"conf-json-huge-format"_s,
            QJsonDocument(with(sampleConf(), u"format"_s, 1.9e126)).toJson(), false },
        { u"conf-format-2"_s, zipWithConf(with(sampleConf(), u"format"_s, 2)), false },
        { u"conf-bad-address"_s,
            zipWithConf(with(sampleConf(), u"primaryAddress"_s, u"backup:0"_s)), false },
        { u"conf-unknown-field"_s, zipWithConf(with(sampleConf(), u"extra"_s, true)), false },
        { u"truncated"_s, valid.left(valid.size() / 2), false },
        { u"bomb"_s, bombZip(), false },
        { u"lying-size"_s, withDeclaredSize(zipWithConf(QByteArray(200000, ' ')), 100), false },
        { u"readme-only"_s, makeZip({ { u"README.txt"_s, "hello"_ba } }), false },
        { u"not-zip"_s, "this is not a ZIP file\n"_ba, false },
    };
}

void verifyError(const Result<AgentPackage> &result, ErrorCode code, const QString &mentions)
{
    QVERIFY2(!result, "accepted");
    QVERIFY2(result.error().code() == code, qPrintable(result.error().toString()));
    QVERIFY2(result.error().message().contains(mentions),
        qPrintable(result.error().message() + u" does not mention "_s + mentions));
}

} // namespace

class tst_AgentPackage : public QObject {
    Q_OBJECT
private slots:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void roundTrip_data();
    void roundTrip();
    void packageHoldsConfigAndReadme();
    void writeRefusesBadFields_data();
    void writeRefusesBadFields();
    void readRefusesBadConfig_data();
    void readRefusesBadConfig();
    void readRefusesBadZip_data();
    void readRefusesBadZip();
    void readsFromFile();
    void fingerprintForms();
    void seedCorpus();
};

void tst_AgentPackage::roundTrip_data()
{
    QTest::addColumn<AgentPackage>("package");
    QTest::newRow("names with a DR server") << samplePackage();
    AgentPackage package = samplePackage();
    package.drAddress.clear();
    QTest::newRow("no DR server") << package;
    package.primaryAddress = u"192.0.2.10:1"_s;
    package.drAddress = u"[2001:db8::1]:65535"_s;
    QTest::newRow("IPv4 and IPv6 addresses") << package;
    package.primaryAddress = u"[::ffff:192.0.2.1]:8641"_s;
    package.token = QString(256, u'x');
    package.region = u"region_with-32-characters-12345"_s;
    package.expiresAtMs = 253402300799999;
    QTest::newRow("longest values") << package;
}

void tst_AgentPackage::roundTrip()
{
    QFETCH(AgentPackage, package);
    const auto zip = writeAgentPackage(package);
    QVERIFY_RESULT(zip);
    QVERIFY(zip->startsWith("PK\x03\x04"));
    QVERIFY(zip->size() < 4096);
    const auto read = readAgentPackage(*zip);
    QVERIFY_RESULT(read);
    QCOMPARE(*read, package);
}

void tst_AgentPackage::packageHoldsConfigAndReadme()
{
    const AgentPackage package = samplePackage();
    const QByteArray zip = writeAgentPackage(package).value_or(QByteArray());
    QBuffer buffer;
    buffer.setData(zip);
    QuaZip archive(&buffer);
    QVERIFY(archive.open(QuaZip::mdUnzip));
    QCOMPARE(archive.getFileNameList(), QStringList({ u"kura-agent.conf"_s, u"README.txt"_s }));
    QHash<QString, QByteArray> contents;
    QHash<QString, QFileDevice::Permissions> permissions;
    for (bool more = archive.goToFirstFile(); more; more = archive.goToNextFile()) {
        QuaZipFile file(&archive);
        QVERIFY(file.open(QIODevice::ReadOnly));
        contents.insert(archive.getCurrentFileName(), file.readAll());
        QuaZipFileInfo64 info;
        QVERIFY(archive.getCurrentFileInfo(&info));
        permissions.insert(info.name, info.getPermissions());
    }
    QCOMPARE(
        permissions.value(u"kura-agent.conf"_s), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QJsonObject conf = QJsonDocument::fromJson(contents.value(u"kura-agent.conf"_s)).object();
    QCOMPARE(conf.value(u"format"_s).toInt(), 1);
    QCOMPARE(conf.value(u"primaryAddress"_s).toString(), package.primaryAddress);
    QCOMPARE(
        conf.value(u"certificateSha256"_s).toString(), fingerprintHex(package.certificateSha256));
    QCOMPARE(conf.value(u"expiresAt"_s).toString(), u"2026-01-02T00:00:00.000Z"_s);
    const QString readme = QString::fromUtf8(contents.value(u"README.txt"_s));
    QVERIFY(readme.contains(u"kura-agent enroll --package"_s));
    QVERIFY(readme.contains(package.primaryAddress));
    QVERIFY(readme.contains(package.drAddress));
    QVERIFY(readme.contains(fingerprintDisplay(package.certificateSha256)));
    QVERIFY(readme.contains(u"2026-01-02 00:00 UTC"_s));
    QVERIFY2(!readme.contains(package.token), "the README must not show the secret token");
}

void tst_AgentPackage::writeRefusesBadFields_data()
{
    QTest::addColumn<AgentPackage>("package");
    QTest::addColumn<QString>("mentions");
    auto row = [](const char *name, std::function<void(AgentPackage &)> change,
                   const QString &mentions) {
        AgentPackage package = samplePackage();
        change(package);
        QTest::newRow(name) << package << mentions;
    };
    row(
        "empty address", [](AgentPackage &p) { p.primaryAddress.clear(); },
        u"\"primaryAddress\" is empty"_s);
    row(
        "address without port", [](AgentPackage &p) { p.primaryAddress = u"backup"_s; },
        u"\"primaryAddress\" \"backup\" has no port"_s);
    row(
        "port 0", [](AgentPackage &p) { p.primaryAddress = u"backup:0"_s; },
        u"port \"0\" is not in 1..65535"_s);
    row(
        "port 65536", [](AgentPackage &p) { p.primaryAddress = u"backup:65536"_s; },
        u"port \"65536\""_s);
    row(
        "port with sign", [](AgentPackage &p) { p.primaryAddress = u"backup:+80"_s; },
        u"port \"+80\""_s);
    row(
        "host with space", [](AgentPackage &p) { p.primaryAddress = u"back up:80"_s; },
        u"\"back up\" is not a host name"_s);
    row(
        "host label ends in dash", [](AgentPackage &p) { p.primaryAddress = u"a-.example:80"_s; },
        u"is not a host name"_s);
    row(
        "bad IPv4", [](AgentPackage &p) { p.primaryAddress = u"192.0.2.300:80"_s; },
        u"\"192.0.2.300\" is not a host name or IPv4 address"_s);
    row(
        "IPv6 without brackets", [](AgentPackage &p) { p.primaryAddress = u"2001:db8::1:80"_s; },
        u"must be in brackets"_s);
    row(
        "bad IPv6", [](AgentPackage &p) { p.primaryAddress = u"[2001:db8:::1]:80"_s; },
        u"is not an IPv6 address"_s);
    row(
        "IPv6 with nine groups",
        [](AgentPackage &p) { p.primaryAddress = u"[1:2:3:4:5:6:7:8:9]:80"_s; },
        u"is not an IPv6 address"_s);
    row(
        "bad DR address", [](AgentPackage &p) { p.drAddress = u"dr.example.com"_s; },
        u"\"drAddress\" \"dr.example.com\" has no port"_s);
    row(
        "short fingerprint", [](AgentPackage &p) { p.certificateSha256.chop(1); },
        u"\"certificateSha256\" has 31 bytes, expected 32"_s);
    row(
        "empty token", [](AgentPackage &p) { p.token.clear(); }, u"\"token\" is empty"_s);
    row(
        "long token", [](AgentPackage &p) { p.token = QString(257, u'x'); },
        u"\"token\" has 257 characters, more than 256"_s);
    row(
        "token with space", [](AgentPackage &p) { p.token = u"7.a b"_s; },
        u"\"token\" contains a character other than printable ASCII (U+0020)"_s);
    row(
        "empty region", [](AgentPackage &p) { p.region.clear(); },
        u"\"region\" \"\" is not a region name"_s);
    row(
        "bad region", [](AgentPackage &p) { p.region = u"JP 1"_s; }, u"\"JP 1\""_s);
    row(
        "expiry zero", [](AgentPackage &p) { p.expiresAtMs = 0; }, u"\"expiresAt\""_s);
    row(
        "expiry past 9999", [](AgentPackage &p) { p.expiresAtMs = 253402300800000; },
        u"\"expiresAt\""_s);
}

void tst_AgentPackage::writeRefusesBadFields()
{
    QFETCH(AgentPackage, package);
    QFETCH(QString, mentions);
    const auto zip = writeAgentPackage(package);
    QVERIFY(!zip);
    QCOMPARE(zip.error().code(), ErrorCode::InvalidArgument);
    QVERIFY2(zip.error().message().contains(mentions), qPrintable(zip.error().message()));
    QCOMPARE(validateAgentPackage(package).error().message(), zip.error().message());
}

void tst_AgentPackage::readRefusesBadConfig_data()
{
    QTest::addColumn<QByteArray>("zip");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("mentions");
    const auto corrupt = ErrorCode::Corrupt;
    const QJsonObject conf = sampleConf();
    QTest::newRow("format 2") << zipWithConf(with(conf, u"format"_s, 2)) << ErrorCode::Unsupported
                              << u"kura-agent.conf has format 2; this build reads format 1"_s;
    QTest::newRow("format 0") << zipWithConf(with(conf, u"format"_s, 0)) << corrupt
                              << u"field \"format\" is not a positive integer"_s;
    QTest::newRow("format 1e300") << zipWithConf(with(conf, u"format"_s, 1e300))
                                  << ErrorCode::Unsupported
                                  << u"has format 1.0000000000000001e+300"_s;
    QTest::newRow("format 1.5") << zipWithConf(with(conf, u"format"_s, 1.5)) << corrupt
                                << u"\"format\" is not a positive integer"_s;
    QTest::newRow("format as text") << zipWithConf(with(conf, u"format"_s, u"1"_s)) << corrupt
                                    << u"\"format\" is not a positive integer"_s;
    QTest::newRow("no format") << zipWithConf(with(conf, u"format"_s, Removed)) << corrupt
                               << u"has no field \"format\""_s;
    for (const char *field :
        { "primaryAddress", "certificateSha256", "token", "region", "expiresAt" }) {
        const QString key = QString::fromLatin1(field);
        QTest::addRow("no %s", field) << zipWithConf(with(conf, key, Removed)) << corrupt
                                      << u"has no field \"%1\""_s.arg(key);
        QTest::addRow("%s is a number", field)
            << zipWithConf(with(conf, key, 5)) << corrupt << u"\"%1\" is not a string"_s.arg(key);
    }
    QTest::newRow("unknown field")
        << zipWithConf(with(conf, u"tenant"_s, u"x"_s)) << corrupt << u"unknown field \"tenant\""_s;
    QTest::newRow("port out of range")
        << zipWithConf(with(conf, u"primaryAddress"_s, u"backup.example.com:70000"_s)) << corrupt
        << u"kura-agent.conf: field \"primaryAddress\" \"backup.example.com:70000\": port"_s;
    QTest::newRow("empty DR address")
        << zipWithConf(with(conf, u"drAddress"_s, u""_s)) << corrupt << u"\"drAddress\" is empty"_s;
    QTest::newRow("bad DR address") << zipWithConf(with(conf, u"drAddress"_s, u"dr:0"_s)) << corrupt
                                    << u"\"drAddress\" \"dr:0\": port"_s;
    QTest::newRow("fingerprint of 63 digits")
        << zipWithConf(with(conf, u"certificateSha256"_s, QString(63, u'a'))) << corrupt
        << u"\"certificateSha256\" is not 64 hexadecimal digits"_s;
    QTest::newRow("fingerprint with colons")
        << zipWithConf(with(conf, u"certificateSha256"_s, fingerprintDisplay(QByteArray(32, 'a'))))
        << corrupt << u"\"certificateSha256\" is not 64 hexadecimal digits"_s;
    QTest::newRow("empty token") << zipWithConf(with(conf, u"token"_s, u""_s)) << corrupt
                                 << u"\"token\" is empty"_s;
    QTest::newRow("long token") << zipWithConf(with(conf, u"token"_s, QString(300, u'x')))
                                << corrupt << u"\"token\" has 300 characters"_s;
    QTest::newRow("bad region") << zipWithConf(with(conf, u"region"_s, u"JP1/../x"_s)) << corrupt
                                << u"\"region\" \"JP1/../x\" is not a region name"_s;
    QTest::newRow("expiry with offset")
        << zipWithConf(with(conf, u"expiresAt"_s, u"2026-01-02T09:00:00.000+09:00"_s)) << corrupt
        << u"\"expiresAt\" \"2026-01-02T09:00:00.000+09:00\" is not a UTC time"_s;
    QTest::newRow("expiry not a date") << zipWithConf(with(conf, u"expiresAt"_s, u"tomorrow"_s))
                                       << corrupt << u"\"expiresAt\" \"tomorrow\""_s;
    QTest::newRow("not JSON") << zipWithConf("format = 1\n"_ba) << corrupt
                              << u"kura-agent.conf: not JSON"_s;
    QTest::newRow("JSON array") << zipWithConf("[1, 2]"_ba) << corrupt << u"not a JSON object"_s;
}

void tst_AgentPackage::readRefusesBadConfig()
{
    QFETCH(QByteArray, zip);
    QFETCH(ErrorCode, code);
    QFETCH(QString, mentions);
    QVERIFY(!zip.isEmpty());
    verifyError(readAgentPackage(zip), code, mentions);
}

void tst_AgentPackage::readRefusesBadZip_data()
{
    QTest::addColumn<QByteArray>("zip");
    QTest::addColumn<QString>("mentions");
    const QByteArray valid = writeAgentPackage(samplePackage()).value_or(QByteArray());
    const QByteArray conf = QJsonDocument(sampleConf()).toJson();
    QTest::newRow("empty file") << QByteArray() << u"not a ZIP file"_s;
    QTest::newRow("text") << "kura-agent.conf\n"_ba << u"not a ZIP file"_s;
    QTest::newRow("random bytes") << Test::randomBytes(5000, 3) << u"not a ZIP file"_s;
    QTest::newRow("JSON without ZIP") << conf << u"not a ZIP file"_s;
    QTest::newRow("truncated to half") << valid.left(valid.size() / 2) << u"not a ZIP file"_s;
    QTest::newRow("truncated by 30 bytes") << valid.chopped(30) << u"not a ZIP file"_s;
    QTest::newRow("local headers only")
        << valid.left(valid.indexOf("PK\x01\x02")) << u"not a ZIP file"_s;
    QTest::newRow("local header past the end")
        << patchCentralDirectory(valid, 42, 12703) << u"cannot open kura-agent.conf"_s;
    QByteArray flipped = valid;
    const qsizetype data = valid.indexOf("kura-agent.conf") + 15; // the deflated configuration
    for (qsizetype i = data + 10; i < data + 20; ++i)
        flipped[i] = char(flipped[i] ^ 0x55);
    QTest::newRow("damaged data") << flipped << u"kura-agent.conf is damaged"_s;
    QTest::newRow("larger than 1 MiB")
        << (valid + QByteArray(MaxAgentPackageBytes, '\0')) << u"more than the limit of 1048576"_s;
    QTest::newRow("bomb: 10 MiB declared")
        << bombZip() << u"\"kura-agent.conf\" unpacks to 10485760 bytes"_s;
    QTest::newRow("bomb: size header lies")
        << withDeclaredSize(zipWithConf(QByteArray(200000, ' ')), 100)
        << u"kura-agent.conf is damaged"_s;
    QList<Entry> many;
    for (int i = 0; i < 17; ++i)
        many.append({ u"file-%1"_s.arg(i), "x"_ba });
    QTest::newRow("17 entries") << makeZip(many) << u"more than 16 entries"_s;
    QTest::newRow("README only") << makeZip({ { u"README.txt"_s, "hello"_ba } })
                                 << u"no kura-agent.conf at the top"_s;
    QTest::newRow("configuration in a folder")
        << makeZip({ { u"package/kura-agent.conf"_s, conf } })
        << u"no kura-agent.conf at the top"_s;
    QTest::newRow("configuration twice")
        << makeZip({ { u"kura-agent.conf"_s, conf }, { u"kura-agent.conf"_s, conf } })
        << u"holds kura-agent.conf twice"_s;
    QTest::newRow("encrypted") << makeZip(
        { { u"kura-agent.conf"_s, conf, Z_DEFLATED, "password" } })
                               << u"is encrypted"_s;
    QTest::newRow("other compression method")
        << makeZip({ { u"kura-agent.conf"_s, conf, Z_BZIP2ED } }) << u"compression method 12"_s;
}

void tst_AgentPackage::readRefusesBadZip()
{
    QFETCH(QByteArray, zip);
    QFETCH(QString, mentions);
    const auto read = readAgentPackage(zip);
    verifyError(read, ErrorCode::Corrupt, mentions);
    QVERIFY(read.error().message().startsWith(u"agent package: "_s));
}

void tst_AgentPackage::readsFromFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"agent.zip"_s);
    QVERIFY(Test::writeFile(path, writeAgentPackage(samplePackage()).value_or(QByteArray())));
    const auto package = readAgentPackageFile(path);
    QVERIFY_RESULT(package);
    QCOMPARE(*package, samplePackage());

    verifyError(readAgentPackageFile(dir.filePath(u"missing.zip"_s)), ErrorCode::NotFound,
        dir.filePath(u"missing.zip"_s));
    const QString big = dir.filePath(u"big.zip"_s);
    QVERIFY(Test::writeFile(big, QByteArray(MaxAgentPackageBytes + 1, 'x')));
    verifyError(readAgentPackageFile(big), ErrorCode::Corrupt, u"1048577 bytes"_s);
    const QString text = dir.filePath(u"text.zip"_s);
    QVERIFY(Test::writeFile(text, "hello"_ba));
    verifyError(readAgentPackageFile(text), ErrorCode::Corrupt,
        u"\"%1\": agent package: not a ZIP file"_s.arg(text));
}

void tst_AgentPackage::fingerprintForms()
{
    const QByteArray sha256 = samplePackage().certificateSha256;
    QCOMPARE(fingerprintHex(sha256),
        u"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"_s);
    QVERIFY(fingerprintDisplay(sha256).startsWith(u"00:11:22:33:44:55:66:77:88:99:AA:BB"_s));
    QCOMPARE(fingerprintDisplay(sha256).size(), 32 * 3 - 1);
}

// The seeds must stay what their names say; written out when KURA_AGENTPACKAGE_CORPUS names
// a folder.
void tst_AgentPackage::seedCorpus()
{
    const QString target = qEnvironmentVariable("KURA_AGENTPACKAGE_CORPUS");
    for (const Seed &seed : seeds()) {
        QVERIFY2(!seed.bytes.isEmpty(), qPrintable(seed.name));
        const auto read = readAgentPackage(seed.bytes);
        QVERIFY2(bool(read) == seed.valid,
            qPrintable(seed.name + u": "_s + (read ? u"accepted"_s : read.error().toString())));
        if (!target.isEmpty())
            QVERIFY(Test::writeFile(QDir(target).filePath(seed.name), seed.bytes));
    }
}

QTEST_GUILESS_MAIN(tst_AgentPackage)
#include "tst_agentpackage.moc"
