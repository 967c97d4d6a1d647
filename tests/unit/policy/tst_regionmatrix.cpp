#include "policytestutil.h"

#include <policy/regionmatrix.h>

#include <testsupport.h>

#include <QTest>

using namespace Kura;
using namespace Kura::Policy;

class tst_RegionMatrix : public QObject
{
    Q_OBJECT
private slots:
    void defaultMatrixFollowsSpec_data();
    void defaultMatrixFollowsSpec();
    void builtInCopyEqualsResourceFile();
    void roundTripsThroughJson();
    void acceptsRegionStoredElsewhere();
    void rejectsBadJson_data();
    void rejectsBadJson();
    void rejectsOversizedInput();
    void answersMutatedInputWithValueOrError();
};

void tst_RegionMatrix::defaultMatrixFollowsSpec_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("service");
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("pair");
    QTest::newRow("JP1 pairs with JP2") << "JP1" << true << "JP1"
                                        << "JP2";
    QTest::newRow("JP2 pairs with JP1") << "JP2" << true << "JP2"
                                        << "JP1";
    for (const char *region : { "JP4", "JP5", "US1", "UK1", "SG1", "DE1", "HK1" })
        QTest::addRow("%s is local only", region) << region << true << region << QString();
    QTest::newRow("AU1 has no backup service") << "AU1" << false << QString() << QString();
    QTest::newRow("unknown region") << "XX9" << false << QString() << QString();
    QTest::newRow("names are case sensitive") << "jp1" << false << QString() << QString();
}

void tst_RegionMatrix::defaultMatrixFollowsSpec()
{
    QFETCH(QString, region);
    QFETCH(bool, service);
    QFETCH(QString, local);
    QFETCH(QString, pair);
    const RegionMatrix matrix = defaultRegionMatrix();
    QCOMPARE(matrix.regions().size(), 10);
    QCOMPARE(matrix.hasBackupService(region), service);
    QCOMPARE(matrix.localStorageOf(region), local);
    QCOMPARE(matrix.pairOf(region), pair);
    QCOMPARE(matrix.isDoubleAllowed(region), !pair.isEmpty());
}

void tst_RegionMatrix::builtInCopyEqualsResourceFile()
{
    const QByteArray file = Test::resourceFile("regions.json");
    QVERIFY(!file.isEmpty());
    QCOMPARE(defaultRegionMatrixJson(), file);
    const auto parsed = RegionMatrix::fromJson(file);
    QVERIFY_RESULT(parsed);
    QCOMPARE(parsed->regions(), defaultRegionMatrix().regions());
}

void tst_RegionMatrix::roundTripsThroughJson()
{
    const RegionMatrix matrix = defaultRegionMatrix();
    const auto again = RegionMatrix::fromJson(matrix.toJson());
    QVERIFY_RESULT(again);
    QCOMPARE(again->regions(), matrix.regions());
}

void tst_RegionMatrix::acceptsRegionStoredElsewhere()
{
    const QByteArray json = R"({"version":1,"regions":[
        {"name":"EDGE1","localStorage":"CORE1","remoteStorage":"CORE2"},
        {"name":"CORE1","remoteStorage":"CORE2"},
        {"name":"CORE2"}]})";
    const auto matrix = RegionMatrix::fromJson(json);
    QVERIFY_RESULT(matrix);
    QCOMPARE(matrix->localStorageOf(QStringLiteral("EDGE1")), QStringLiteral("CORE1"));
    QCOMPARE(matrix->pairOf(QStringLiteral("EDGE1")), QStringLiteral("CORE2"));
    QCOMPARE(matrix->localStorageOf(QStringLiteral("CORE2")), QStringLiteral("CORE2"));
    QVERIFY(!matrix->isDoubleAllowed(QStringLiteral("CORE2")));
}

void tst_RegionMatrix::rejectsBadJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *name, const char *json, ErrorCode code, const char *message) {
        QTest::newRow(name) << QByteArray(json) << code << QString::fromUtf8(message);
    };
    row("not json", "{\"version\":", ErrorCode::Corrupt, "region matrix: invalid JSON at offset");
    row("top level is an array", "[]", ErrorCode::Corrupt,
        "region matrix: the top level is not a JSON object");
    row("version missing", R"({"regions":[]})", ErrorCode::Corrupt, "version: missing");
    row("version is text", R"({"version":"1","regions":[]})", ErrorCode::Corrupt,
        "version: not an integer");
    row("version from the future", R"({"version":2,"regions":[]})", ErrorCode::Unsupported,
        "version: 2 is not supported");
    row("regions missing", R"({"version":1})", ErrorCode::Corrupt, "regions: missing");
    row("regions not an array", R"({"version":1,"regions":{}})", ErrorCode::Corrupt,
        "regions: not an array");
    row("unknown top-level field", R"({"version":1,"regions":[],"extra":1})", ErrorCode::Corrupt,
        "extra: unknown field");
    row("region not an object", R"({"version":1,"regions":[{"name":"A"},7]})", ErrorCode::Corrupt,
        "regions[1]: not an object");
    row("name missing", R"({"version":1,"regions":[{}]})", ErrorCode::Corrupt,
        "regions[0].name: missing");
    row("name not a string", R"({"version":1,"regions":[{"name":1}]})", ErrorCode::Corrupt,
        "regions[0].name: not a string");
    row("name with a space", R"({"version":1,"regions":[{"name":"JP 1"}]})", ErrorCode::Corrupt,
        "regions[0].name: \"JP 1\" is not a region name");
    row("name empty", R"({"version":1,"regions":[{"name":""}]})", ErrorCode::Corrupt,
        "regions[0].name: \"\" is not a region name");
    row("name listed twice", R"({"version":1,"regions":[{"name":"A"},{"name":"A"}]})",
        ErrorCode::Corrupt, "regions[1].name: \"A\" is listed twice");
    row("misspelled field", R"({"version":1,"regions":[{"name":"A","pair":"B"}]})",
        ErrorCode::Corrupt, "regions[0].pair: unknown field");
    row("backupService not a boolean",
        R"({"version":1,"regions":[{"name":"A","backupService":"no"}]})", ErrorCode::Corrupt,
        "regions[0].backupService: not true or false");
    row("remoteStorage not a string", R"({"version":1,"regions":[{"name":"A","remoteStorage":5}]})",
        ErrorCode::Corrupt, "regions[0].remoteStorage: not a string");
    row("remote region not listed",
        R"({"version":1,"regions":[{"name":"JP1","remoteStorage":"JP9"}]})", ErrorCode::Corrupt,
        "regions[0].remoteStorage: \"JP9\" is not a region of the matrix");
    row("local storage not listed", R"({"version":1,"regions":[{"name":"A","localStorage":"B"}]})",
        ErrorCode::Corrupt, "regions[0].localStorage: \"B\" is not a region of the matrix");
    row("remote region without service",
        R"({"version":1,"regions":[{"name":"A","remoteStorage":"AU1"},{"name":"AU1","backupService":false}]})",
        ErrorCode::Corrupt, "regions[0].remoteStorage: \"AU1\" has no backup service");
    row("remote is the region itself",
        R"({"version":1,"regions":[{"name":"A","remoteStorage":"A"}]})", ErrorCode::Corrupt,
        "regions[0].remoteStorage: \"A\" is the region itself or its local storage");
    row("storage for a region without service",
        R"({"version":1,"regions":[{"name":"A"},{"name":"AU1","backupService":false,"localStorage":"A"}]})",
        ErrorCode::Corrupt, "regions[1].localStorage: set for a region without backup service");
    row("remote for a region without service",
        R"({"version":1,"regions":[{"name":"A"},{"name":"AU1","backupService":false,"remoteStorage":"A"}]})",
        ErrorCode::Corrupt, "regions[1].remoteStorage: set for a region without backup service");
}

void tst_RegionMatrix::rejectsBadJson()
{
    QFETCH(QByteArray, json);
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);
    const auto matrix = RegionMatrix::fromJson(json);
    QVERIFY(!matrix);
    QCOMPARE(matrix.error().code(), code);
    if (!matrix.error().message().startsWith(message))
        QFAIL(qPrintable(QStringLiteral("unexpected message: ") + matrix.error().message()));
}

void tst_RegionMatrix::rejectsOversizedInput()
{
    QByteArray many = "{\"version\":1,\"regions\":[";
    for (int i = 0; i <= RegionMatrix::MaxRegions; ++i)
        many += (i ? ",{\"name\":\"R" : "{\"name\":\"R") + QByteArray::number(i) + "\"}";
    many += "]}";
    auto matrix = RegionMatrix::fromJson(many);
    QVERIFY(!matrix);
    QCOMPARE(matrix.error().message(),
        QStringLiteral("regions: 1001 entries is more than the limit of 1000"));

    const QByteArray huge
        = "{\"version\":1,\"regions\":[]," + QByteArray(RegionMatrix::MaxJsonBytes, ' ') + "}";
    matrix = RegionMatrix::fromJson(huge);
    QVERIFY(!matrix);
    QVERIFY(matrix.error().message().contains(QStringLiteral("larger than the limit")));
}

void tst_RegionMatrix::answersMutatedInputWithValueOrError()
{
    int accepted = 0;
    for (const QByteArray &input : Test::mutationsOf(defaultRegionMatrixJson(), 5000, 4)) {
        const auto matrix = RegionMatrix::fromJson(input);
        if (matrix) {
            ++accepted;
            // Whatever was accepted is self-consistent: it round-trips.
            const auto again = RegionMatrix::fromJson(matrix->toJson());
            QVERIFY_RESULT(again);
            QCOMPARE(again->regions(), matrix->regions());
        } else {
            QVERIFY(matrix.error().code() == ErrorCode::Corrupt
                || matrix.error().code() == ErrorCode::Unsupported);
            QVERIFY(!matrix.error().message().isEmpty());
        }
    }
    QVERIFY(accepted < 5000);
}

QTEST_GUILESS_MAIN(tst_RegionMatrix)
#include "tst_regionmatrix.moc"
