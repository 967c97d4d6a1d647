#include "policytestutil.h"

#include <policy/restoretargets.h>

#include <QTest>

using namespace Kura;
using namespace Kura::Policy;

using Issues = QList<TargetIssue>;

namespace {

ServerFacts sourceServer()
{
    ServerFacts server;
    server.id = 1;
    server.name = QStringLiteral("web-1");
    server.region = QStringLiteral("JP1");
    server.flavor = QStringLiteral("m.large");
    server.osId = QStringLiteral("debian");
    server.osVersion = QStringLiteral("12");
    server.isProtected = true;
    Plan plan = Test::dailyPlan(2, 30);
    plan.storage = Storage::Double;
    server.plan = plan;
    return server;
}

ServerFacts twin(qint64 id)
{
    ServerFacts server = sourceServer();
    server.id = id;
    server.name = QStringLiteral("web-%1").arg(id);
    return server;
}

const QList<GenerationCopy> bothCopies { { CopyLocation::Local, QStringLiteral("JP1") },
    { CopyLocation::Remote, QStringLiteral("JP2") } };
const QList<GenerationCopy> localOnly { { CopyLocation::Local, QStringLiteral("JP1") } };

} // namespace

class tst_RestoreTargets : public QObject
{
    Q_OBJECT
private slots:
    void judgesCandidate_data();
    void judgesCandidate();
    void judgesEveryCandidateInOrder();
    void defaultCopyFollowsRegionHealth();
    void samePlanMeansSameMenu();
};

void tst_RestoreTargets::judgesCandidate_data()
{
    QTest::addColumn<Content>("content");
    QTest::addColumn<CopyLocation>("readFrom");
    QTest::addColumn<QList<GenerationCopy>>("copies");
    QTest::addColumn<QStringList>("failed");
    QTest::addColumn<ServerFacts>("target");
    QTest::addColumn<Issues>("expected");
    const auto F = Content::Files, S = Content::System;
    const auto L = CopyLocation::Local, R = CopyLocation::Remote;
    const QStringList healthy, jp1Failed { QStringLiteral("JP1") };
    const auto with = [](auto change) {
        ServerFacts t = twin(2);
        change(t);
        return t;
    };

    QTest::newRow("the source server itself")
        << S << L << bothCopies << healthy << sourceServer() << Issues {};
    QTest::newRow("a twin in the same region")
        << S << L << bothCopies << healthy << twin(2) << Issues {};
    QTest::newRow("another region") << F << L << bothCopies << healthy << with([](ServerFacts &t) {
        t.region = QStringLiteral("JP4");
    }) << Issues { TargetIssue::DifferentRegion };
    QTest::newRow("the remote region")
        << F << L << bothCopies << healthy
        << with([](ServerFacts &t) { t.region = QStringLiteral("JP2"); })
        << Issues { TargetIssue::TargetInRemoteRegion };
    QTest::newRow("the pair region even without a remote copy")
        << F << L << localOnly << healthy
        << with([](ServerFacts &t) { t.region = QStringLiteral("JP2"); })
        << Issues { TargetIssue::TargetInRemoteRegion };
    QTest::newRow("target not protected")
        << F << L << bothCopies << healthy << with([](ServerFacts &t) {
               t.plan.reset();
               t.isProtected = false;
           })
        << Issues { TargetIssue::TargetNotProtected };
    QTest::newRow("other storage") << F << L << bothCopies << healthy
                                   << with([](ServerFacts &t) { t.plan->storage = Storage::Local; })
                                   << Issues { TargetIssue::DifferentPlan };
    QTest::newRow("other timing") << F << L << bothCopies << healthy
                                  << with([](ServerFacts &t) { t.plan->timing = Timing::Weekly; })
                                  << Issues { TargetIssue::DifferentPlan };
    QTest::newRow("other retention") << F << L << bothCopies << healthy
                                     << with([](ServerFacts &t) { t.plan->retentionDays = 7; })
                                     << Issues { TargetIssue::DifferentPlan };
    QTest::newRow("other window and paths: same menu")
        << F << L << bothCopies << healthy << with([](ServerFacts &t) {
               t.plan->dailyWindow = 6;
               t.plan->includePaths = { QStringLiteral("/srv") };
           })
        << Issues {};
    QTest::newRow("other flavor") << F << L << bothCopies << healthy << with([](ServerFacts &t) {
        t.flavor = QStringLiteral("m.small");
    }) << Issues { TargetIssue::DifferentFlavor };
    QTest::newRow("unknown flavor")
        << F << L << bothCopies << healthy << with([](ServerFacts &t) { t.flavor.clear(); })
        << Issues { TargetIssue::FlavorUnknown };
    QTest::newRow("system: other OS version")
        << S << L << bothCopies << healthy
        << with([](ServerFacts &t) { t.osVersion = QStringLiteral("11"); })
        << Issues { TargetIssue::DifferentOs };
    QTest::newRow("system: other OS id")
        << S << L << bothCopies << healthy
        << with([](ServerFacts &t) { t.osId = QStringLiteral("ubuntu"); })
        << Issues { TargetIssue::DifferentOs };
    QTest::newRow("system: unknown OS")
        << S << L << bothCopies << healthy << with([](ServerFacts &t) { t.osVersion.clear(); })
        << Issues { TargetIssue::OsUnknown };
    QTest::newRow("files: the OS may differ")
        << F << L << bothCopies << healthy << with([](ServerFacts &t) {
               t.osId = QStringLiteral("windows");
               t.osVersion = QStringLiteral("2022");
           })
        << Issues {};
    QTest::newRow("local copy while its region failed")
        << F << L << bothCopies << jp1Failed << twin(2) << Issues { TargetIssue::LocalCopyFailed };
    QTest::newRow("remote copy while the local region is healthy")
        << F << R << bothCopies << healthy << twin(2)
        << Issues { TargetIssue::RemoteCopyNotAllowed };
    QTest::newRow("remote copy while the local region failed")
        << S << R << bothCopies << jp1Failed << twin(2) << Issues {};
    QTest::newRow("remote copy, only to the source's region")
        << F << R << bothCopies << jp1Failed
        << with([](ServerFacts &t) { t.region = QStringLiteral("JP4"); })
        << Issues { TargetIssue::DifferentRegion };
    QTest::newRow("remote copy, never into the remote region")
        << F << R << bothCopies << jp1Failed
        << with([](ServerFacts &t) { t.region = QStringLiteral("JP2"); })
        << Issues { TargetIssue::TargetInRemoteRegion };
    QTest::newRow("no remote copy to read")
        << F << R << localOnly << jp1Failed << twin(2) << Issues { TargetIssue::CopyMissing };
    QTest::newRow("a failed remote region does not matter")
        << F << L << bothCopies << QStringList { QStringLiteral("JP2") } << twin(2) << Issues {};
    QTest::newRow("every issue in a stable order")
        << S << R << localOnly << healthy << with([](ServerFacts &t) {
               t.region = QStringLiteral("US1");
               t.plan->retentionDays = 365;
               t.flavor = QStringLiteral("x");
               t.osId = QStringLiteral("rhel");
           })
        << Issues { TargetIssue::CopyMissing, TargetIssue::RemoteCopyNotAllowed,
               TargetIssue::DifferentRegion, TargetIssue::DifferentPlan,
               TargetIssue::DifferentFlavor, TargetIssue::DifferentOs };
}

void tst_RestoreTargets::judgesCandidate()
{
    QFETCH(Content, content);
    QFETCH(CopyLocation, readFrom);
    QFETCH(QList<GenerationCopy>, copies);
    QFETCH(QStringList, failed);
    QFETCH(ServerFacts, target);
    QFETCH(Issues, expected);
    const RestoreSource source { sourceServer(), content, copies, readFrom };
    const QSet<QString> failedRegions(failed.begin(), failed.end());
    const auto verdicts
        = evaluateRestoreTargets(source, { target }, defaultRegionMatrix(), failedRegions);
    QCOMPARE(verdicts.size(), 1);
    QCOMPARE(verdicts.first().serverId, target.id);
    QCOMPARE(verdicts.first().issues, expected);
    QCOMPARE(verdicts.first().allowed(), expected.isEmpty());
}

void tst_RestoreTargets::judgesEveryCandidateInOrder()
{
    ServerFacts other = twin(3);
    other.flavor = QStringLiteral("m.xlarge");
    const RestoreSource source { sourceServer(), Content::Files, bothCopies, CopyLocation::Local };
    const auto verdicts = evaluateRestoreTargets(
        source, { twin(2), other, sourceServer() }, defaultRegionMatrix(), {});
    QCOMPARE(verdicts.size(), 3);
    QCOMPARE(verdicts.at(0), (TargetVerdict { 2, {} }));
    QCOMPARE(verdicts.at(1), (TargetVerdict { 3, { TargetIssue::DifferentFlavor } }));
    QCOMPARE(verdicts.at(2), (TargetVerdict { 1, {} }));
    QCOMPARE(targetIssueName(TargetIssue::TargetInRemoteRegion),
        QStringLiteral("target_in_remote_region"));
}

void tst_RestoreTargets::defaultCopyFollowsRegionHealth()
{
    RestoreSource source { sourceServer(), Content::Files, bothCopies, CopyLocation::Local };
    QCOMPARE(defaultCopyToRead(source, {}), CopyLocation::Local);
    QCOMPARE(defaultCopyToRead(source, { QStringLiteral("JP1") }), CopyLocation::Remote);
    QCOMPARE(defaultCopyToRead(source, { QStringLiteral("JP2") }), CopyLocation::Local);
    source.copies = localOnly;
    QCOMPARE(defaultCopyToRead(source, { QStringLiteral("JP1") }), CopyLocation::Local);
}

void tst_RestoreTargets::samePlanMeansSameMenu()
{
    Plan a = Test::weeklyPlan(1, 0, 30);
    Plan b = Test::weeklyPlan(5, 2, 30);
    b.content = Content::System;
    QVERIFY(samePlanMenu(a, b));
    b.storage = Storage::Double;
    QVERIFY(!samePlanMenu(a, b));
}

QTEST_GUILESS_MAIN(tst_RestoreTargets)
#include "tst_restoretargets.moc"
