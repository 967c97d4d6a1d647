// kuractl against a real kura-server process with a real kura-agent (SystemFixture): a new
// agent enrolls with a package that kuractl made, then kuractl protects it, backs it up and
// waits, browses the generation and the live file system, and restores the generation with
// the restored tree compared to the source.
#include "systemfixture.h"

#include <testsupport.h>

#include <QDir>
#include <QJsonDocument>
#include "kuractlprocess.h"

#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura::Test;

namespace {

} // namespace

class tst_KuractlSystem : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void enrollsAnAgentWithAPackageFromKuractl();
    void protectsAndBacksUpWaitingForTheResult();
    void browsesTheGenerationAndTheLiveFileSystem();
    void restoresTheGenerationAndWaits();
    void cleanupTestCase();

private:
    // kuractl ARGS with the fixture's server and token, run to its end while this process
    // keeps its event loop going.
    Run kuractl(const QStringList &arguments, int timeoutMs = 120000);

    std::unique_ptr<SystemFixture> f;
    QString source;
    qint64 server = 0;
};

void tst_KuractlSystem::initTestCase()
{
    f = std::make_unique<SystemFixture>();
    QVERIFY(f->ok());
    source = f->dir() + u"/source"_s;
    QVERIFY(writeFile(source + u"/docs/readme.txt"_s, "hello from kura\n"));
    QVERIFY(writeFile(source + u"/data/blob.bin"_s, randomBytes(300 * 1024, 7)));
    QVERIFY(writeFile(source + u"/empty"_s, {}));
}

void tst_KuractlSystem::cleanupTestCase()
{
    f.reset();
}

Run tst_KuractlSystem::kuractl(const QStringList &arguments, int timeoutMs)
{
    QProcessEnvironment environment;
    environment.insert(u"KURA_SERVER"_s, u"http://127.0.0.1:%1"_s.arg(f->apiPort()));
    environment.insert(u"KURA_TOKEN"_s, f->token());
    return Kuractl(arguments, environment).finish(timeoutMs);
}

void tst_KuractlSystem::enrollsAnAgentWithAPackageFromKuractl()
{
    const QString package = f->dir() + u"/agent-a.zip"_s;
    const Run made
        = kuractl({ u"enroll-token"_s, u"--region"_s, u"JP1"_s, u"--package"_s, package });
    QVERIFY2(made.exitCode == 0, qPrintable(made.describe()));
    QString output;
    QCOMPARE(
        f->runAgentCommand(
            { u"enroll"_s, u"--package"_s, package, u"--state"_s, f->agentState(u"a"_s) }, &output),
        0);
    QVERIFY(f->startAgent(u"a"_s));
    const Run servers = kuractl({ u"servers"_s, u"--json"_s });
    QVERIFY2(servers.exitCode == 0, qPrintable(servers.describe()));
    const QJsonArray list
        = QJsonDocument::fromJson(servers.out).object().value(u"servers"_s).toArray();
    QCOMPARE(list.size(), 1);
    server = list.first().toObject().value(u"id"_s).toInteger();
    QVERIFY(f->waitOnline(server));
    const Run tokens = kuractl({ u"enroll-tokens"_s });
    QCOMPARE(tokens.exitCode, 0);
    QVERIFY2(tokens.out.contains("used"), qPrintable(tokens.describe()));
}

void tst_KuractlSystem::protectsAndBacksUpWaitingForTheResult()
{
    QVERIFY(server);
    const QString plan = f->dir() + u"/plan.json"_s;
    QVERIFY(writeFile(plan,
        QJsonDocument(
            QJsonObject { { u"timing"_s, u"immediate"_s }, { u"retentionDays"_s, 7 },
                { u"content"_s, u"files"_s }, { u"includePaths"_s, QJsonArray { source } } })
            .toJson()));
    const Run protect = kuractl({ u"protect"_s, QString::number(server), u"--plan"_s, plan });
    QVERIFY2(protect.exitCode == 0, qPrintable(protect.describe()));

    const Run backup
        = kuractl({ u"backup"_s, QString::number(server), u"--wait"_s, u"--interval"_s, u"0.2"_s });
    QVERIFY2(backup.exitCode == 0, qPrintable(backup.describe()));
    QVERIFY(backup.out.contains("state:       succeeded"));
    QVERIFY(backup.err.contains("job "));

    const Run generations = kuractl({ u"generations"_s, QString::number(server), u"--json"_s });
    QCOMPARE(generations.exitCode, 0);
    const QJsonArray list
        = QJsonDocument::fromJson(generations.out).object().value(u"generations"_s).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value(u"status"_s).toString(), u"complete"_s);
    QCOMPARE(list.first().toObject().value(u"files"_s).toInteger(), 3);
}

void tst_KuractlSystem::browsesTheGenerationAndTheLiveFileSystem()
{
    QVERIFY(server);
    const Run stored
        = kuractl({ u"browse"_s, QString::number(server), source, u"--generation"_s, u"latest"_s });
    QVERIFY2(stored.exitCode == 0, qPrintable(stored.describe()));
    QVERIFY2(
        stored.out.contains("docs") && stored.out.contains("data") && stored.out.contains("empty"),
        qPrintable(stored.describe()));

    QVERIFY(writeFile(source + u"/after-backup.txt"_s, "new\n"));
    const Run live = kuractl({ u"browse"_s, QString::number(server), source });
    QVERIFY2(live.exitCode == 0, qPrintable(live.describe()));
    QVERIFY2(live.out.contains("after-backup.txt"), qPrintable(live.describe()));
    QVERIFY(QFile::remove(source + u"/after-backup.txt"_s));
}

void tst_KuractlSystem::restoresTheGenerationAndWaits()
{
    QVERIFY(server);
    const QString target = f->dir() + u"/restored"_s;
    const Run restore = kuractl({ u"restore"_s, QString::number(server), u"--to"_s, target,
        u"--wait"_s, u"--interval"_s, u"0.2"_s });
    QVERIFY2(restore.exitCode == 0, qPrintable(restore.describe()));
    QVERIFY(restore.out.contains("file_restore"));
    const QStringList differences = treeDifferences(treeState(target + source), treeState(source));
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(u'\n')));
}

QTEST_GUILESS_MAIN(tst_KuractlSystem)
#include "tst_kuractlsystem.moc"
