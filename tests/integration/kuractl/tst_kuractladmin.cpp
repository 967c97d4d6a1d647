// kuractl's administration commands as users run them: the real binary (QProcess) against the
// real API on 127.0.0.1 (delete-server, region-state, api-keys, api-key), with output and exit
// codes (docs/cli.md).
#include "apifixture.h"
#include "recordingagents.h"

#include <catalog/generationstore.h>
#include <catalog/regionstore.h>
#include <catalog/serverstore.h>

#include <QJsonDocument>
#include "kuractlprocess.h"

#include <QProcess>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Test;

namespace {

constexpr qint64 DayMs = 86400000ll;

} // namespace

class tst_KuractlAdmin : public QObject {
    Q_OBJECT

private slots:
    void init();
    void deleteServerAsksThenDeletes();
    void deleteServerInsideRetentionIsExitFour();
    void marksARegionFailedAndRecovered();
    void createsListsUsesAndRevokesApiKeys();
    void rejectsBadCommandLines_data();
    void rejectsBadCommandLines();

private:
    Run kuractl(const QString &token, const QStringList &command);

    std::unique_ptr<ApiFixture> f;
    RecordingAgents agents;
    QString admin;
    qint64 web = 0;
};

void tst_KuractlAdmin::init()
{
    f = std::make_unique<ApiFixture>();
    QVERIFY(f->ok());
    agents = {};
    f->api = std::make_unique<Api::ApiService>(Api::ApiContext { f->db(), *f->scheduler,
        f->remover, f->clock, *f->auth, Policy::defaultRegionMatrix(), {}, nullptr, &agents });
    admin = f->login(u"alpha"_s, u"admin"_s);
    QVERIFY(!admin.isEmpty());
    web = f->addServer(f->alpha, u"web"_s, ApiFixture::immediatePlan());
    QVERIFY(web);
    Catalog::RegionStore regions(f->db());
    for (const Policy::RegionInfo &region : Policy::defaultRegionMatrix().regions())
        QVERIFY_RESULT(regions.upsert(region.name, region.remoteStorage, region.backupService));
}

// kuractl in its own process with no KURA_* variables; the event loop runs meanwhile so that
// the API in this process answers.
Run tst_KuractlAdmin::kuractl(const QString &token, const QStringList &command)
{
    return Kuractl(QStringList { u"--server"_s, f->url({}).toString(QUrl::RemovePath), u"--token"_s, token }
                   + command)
        .finish();
}

void tst_KuractlAdmin::deleteServerAsksThenDeletes()
{
    Catalog::GenerationStore generations(f->db());
    auto generation = generations.create(f->alpha,
        { web, std::nullopt, Policy::JobKind::FileBackup, ApiFixture::immediatePlan(),
            f->clock.nowMs() });
    QVERIFY_RESULT(generation);
    QVERIFY_RESULT(generations.complete(
        f->alpha, *generation, { f->clock.nowMs() + 1000, 5000, 10, 3 * 1024 * 1024, u"snap"_s }));
    f->clock.advanceMs(8 * DayMs);
    admin = f->login(u"alpha"_s, u"admin"_s);

    const Run ask = kuractl(admin, { u"delete-server"_s, u"web"_s });
    QVERIFY2(ask.exitCode == 2, qPrintable(ask.describe()));
    QVERIFY(ask.err.contains("deleting server \"web\" deletes 1 generation(s), 3.00 MiB"));
    QVERIFY(ask.err.contains("--yes"));
    QVERIFY_RESULT(Catalog::ServerStore(f->db()).server(f->alpha, web));

    const Run yes = kuractl(admin, { u"delete-server"_s, u"web"_s, u"--confirm"_s, u"--json"_s });
    QVERIFY2(yes.exitCode == 0, qPrintable(yes.describe()));
    const QJsonObject json = QJsonDocument::fromJson(yes.out).object();
    QCOMPARE(json.value(u"deleted"_s).toBool(), true);
    QCOMPARE(json.value(u"serverId"_s).toInteger(), web);
    QCOMPARE(f->remover.forgotten.size(), 1);
    QCOMPARE(agents.disconnected.size(), 1);
    QCOMPARE(Catalog::ServerStore(f->db()).server(f->alpha, web).error().code(),
        ErrorCode::NotFound);
    // By name it is unknown now, by id not found: both exit 3.
    QCOMPARE(kuractl(admin, { u"delete-server"_s, u"web"_s, u"--yes"_s }).exitCode, 3);
    QCOMPARE(kuractl(admin, { u"delete-server"_s, QString::number(web), u"--yes"_s }).exitCode, 3);
}

void tst_KuractlAdmin::deleteServerInsideRetentionIsExitFour()
{
    Catalog::GenerationStore generations(f->db());
    auto generation = generations.create(f->alpha,
        { web, std::nullopt, Policy::JobKind::FileBackup, ApiFixture::immediatePlan(),
            f->clock.nowMs() });
    QVERIFY_RESULT(generation);
    QVERIFY_RESULT(
        generations.complete(f->alpha, *generation, { f->clock.nowMs() + 1000, 5000, 10, 10, u"s"_s }));
    const Run locked = kuractl(admin, { u"delete-server"_s, u"web"_s, u"--yes"_s });
    QVERIFY2(locked.exitCode == 4, qPrintable(locked.describe()));
    QVERIFY(locked.err.contains("generations_locked"));
    const Run operatorRun
        = kuractl(f->login(u"alpha"_s, u"operator"_s), { u"delete-server"_s, u"web"_s, u"--yes"_s });
    QCOMPARE(operatorRun.exitCode, 5);
    QVERIFY(f->remover.forgotten.isEmpty());
}

void tst_KuractlAdmin::marksARegionFailedAndRecovered()
{
    const Run failed
        = kuractl(admin, { u"region-state"_s, u"JP2"_s, u"failed"_s, u"--reason"_s, u"flooded"_s });
    QVERIFY2(failed.exitCode == 0, qPrintable(failed.describe()));
    QVERIFY2(failed.out.contains("region JP2 is failed (changed by admin"), qPrintable(failed.describe()));
    Catalog::RegionStore regions(f->db());
    QCOMPARE(regions.region(u"JP2"_s)->state, Catalog::RegionState::Failed);
    QCOMPARE(regions.history(u"JP2"_s)->last().reason, u"flooded"_s);

    const Run ok = kuractl(admin, { u"region-state"_s, u"JP2"_s, u"ok"_s, u"--json"_s });
    QVERIFY2(ok.exitCode == 0, qPrintable(ok.describe()));
    QCOMPARE(QJsonDocument::fromJson(ok.out).object().value(u"state"_s).toString(), u"ok"_s);
    QCOMPARE(regions.region(u"JP2"_s)->state, Catalog::RegionState::Ok);

    QCOMPARE(kuractl(admin, { u"region-state"_s, u"XX1"_s, u"failed"_s }).exitCode, 3);
    QCOMPARE(kuractl(f->login(u"alpha"_s, u"viewer"_s), { u"region-state"_s, u"JP2"_s, u"failed"_s })
                 .exitCode,
        5);
}

void tst_KuractlAdmin::createsListsUsesAndRevokesApiKeys()
{
    const Run created
        = kuractl(admin, { u"api-key"_s, u"create"_s, u"ci nightly"_s, u"--role"_s, u"operator"_s });
    QVERIFY2(created.exitCode == 0, qPrintable(created.describe()));
    const QString token = QString::fromUtf8(created.out).trimmed();
    QVERIFY2(token.startsWith(QString::number(f->alpha) + u'.'), qPrintable(created.describe()));
    QVERIFY(created.err.contains("shown only now"));

    // The key works with its role: it may run a backup, not list keys.
    const Run backup = kuractl(token, { u"backup"_s, u"web"_s });
    QVERIFY2(backup.exitCode == 0, qPrintable(backup.describe()));
    QCOMPARE(kuractl(token, { u"api-keys"_s }).exitCode, 5);

    const Run list = kuractl(admin, { u"api-keys"_s });
    QVERIFY2(list.exitCode == 0, qPrintable(list.describe()));
    QVERIFY(list.out.contains("ci nightly"));
    QVERIFY(list.out.contains("operator"));
    QVERIFY(!list.out.contains(token.toUtf8()));
    const Run json = kuractl(admin, { u"api-keys"_s, u"--json"_s });
    const QJsonArray keys = QJsonDocument::fromJson(json.out).object().value(u"apiKeys"_s).toArray();
    QCOMPARE(keys.size(), 1);
    const QString id = QString::number(keys.first()[u"id"_s].toInteger());

    const Run revoked = kuractl(admin, { u"api-key"_s, u"revoke"_s, id });
    QVERIFY2(revoked.exitCode == 0, qPrintable(revoked.describe()));
    QCOMPARE(kuractl(token, { u"servers"_s }).exitCode, 5);
    QCOMPARE(kuractl(admin, { u"api-key"_s, u"revoke"_s, id }).exitCode, 4);
    QCOMPARE(kuractl(admin, { u"api-key"_s, u"revoke"_s, u"999"_s }).exitCode, 3);
}

void tst_KuractlAdmin::rejectsBadCommandLines_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::newRow("delete-server without server") << QStringList { u"delete-server"_s };
    QTest::newRow("region-state without state") << QStringList { u"region-state"_s, u"JP1"_s };
    QTest::newRow("region-state bad state") << QStringList { u"region-state"_s, u"JP1"_s, u"down"_s };
    QTest::newRow("api-key bad action") << QStringList { u"api-key"_s, u"rotate"_s, u"1"_s };
    QTest::newRow("api-key bad role")
        << QStringList { u"api-key"_s, u"create"_s, u"x"_s, u"--role"_s, u"root"_s };
    QTest::newRow("api-key revoke bad id") << QStringList { u"api-key"_s, u"revoke"_s, u"one"_s };
    QTest::newRow("api-keys with argument") << QStringList { u"api-keys"_s, u"extra"_s };
}

void tst_KuractlAdmin::rejectsBadCommandLines()
{
    QFETCH(QStringList, command);
    const Run run = kuractl(admin, command);
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY(!run.err.isEmpty());
    QVERIFY_RESULT(Catalog::ServerStore(f->db()).server(f->alpha, web));
}

QTEST_GUILESS_MAIN(tst_KuractlAdmin)
#include "tst_kuractladmin.moc"
