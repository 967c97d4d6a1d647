// Every query class, asked as tenant "beta", must neither return nor change tenant "alpha"'s
// rows. Each row probes one function; the probe returns an empty string when isolated and
// a description of the leak otherwise. After every probe alpha's data must be unchanged.
#include "catalogfixture.h"

#include <catalog/alertstore.h>
#include <catalog/auditlog.h>
#include <catalog/enrollmentstore.h>
#include <catalog/generationstore.h>
#include <catalog/jobstore.h>
#include <catalog/overdue.h>
#include <catalog/regionstore.h>
#include <catalog/replicationlag.h>
#include <catalog/report.h>
#include <catalog/serverstore.h>
#include <catalog/usagestore.h>
#include <catalog/userstore.h>
#include <testsupport.h>

#include <QRegularExpression>

#include <functional>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Catalog;
using Kura::Policy::JobState;
using Kura::Policy::Timing;

namespace {

constexpr qint64 Now = 1795392000000;
const ScryptParams Cheap { 1u << 10, 8, 1 };

struct Alpha {
    qint64 server = 0, job = 0, generation = 0, alert = 0, user = 0, apiKey = 0,
           enrollmentTokenId = 0;
    QString apiToken, enrollmentToken, agentId;
};

struct Context {
    Test::CatalogFixture &f;
    const Alpha &a;
    qint64 beta() const { return f.beta(); }
    Database &db() const { return f.db(); }
};

using Probe = std::function<QString(const Context &)>;

template <class T> QString expectError(const Result<T> &result, ErrorCode code)
{
    if (result)
        return u"call succeeded"_s;
    if (result.error().code() != code)
        return u"unexpected error %1"_s.arg(result.error().toString());
    return {};
}

template <class T> QString expectEmpty(const Result<QList<T>> &result)
{
    if (!result)
        return result.error().toString();
    return result->isEmpty() ? QString() : u"returned %1 rows"_s.arg(result->size());
}

QString expectZero(const Result<int> &result)
{
    if (!result)
        return result.error().toString();
    return *result == 0 ? QString() : u"changed %1 rows"_s.arg(*result);
}

// A text summary of alpha's rows; any change by a probe shows as a difference.
QString snapshot(Test::CatalogFixture &f, const Alpha &a)
{
    const qint64 t = f.alpha();
    auto server = ServerStore(f.db()).server(t, a.server);
    auto job = JobStore(f.db()).job(t, a.job);
    auto events = JobStore(f.db()).events(t, a.job);
    auto generation = GenerationStore(f.db()).generation(t, a.generation);
    auto copies = GenerationStore(f.db()).copies(t, a.generation);
    auto alert = AlertStore(f.db()).alert(t, a.alert);
    auto user = UserStore(f.db(), Cheap).user(t, a.user);
    auto keys = UserStore(f.db(), Cheap).apiKeys(t);
    auto usage = UsageStore(f.db()).samples(t, QDate(2026, 1, 1), QDate(2026, 12, 31));
    auto tokens = EnrollmentStore(f.db()).list(t, 100);
    if (!server || !job || !events || !generation || !copies || !alert || !user || !keys || !usage
        || !tokens || tokens->isEmpty())
        return u"alpha row missing"_s;
    return u"%1|%2|%3|%4|%5|%6|%7|%8|%9|%10|%11|%12|%13|%14"_s
               .arg(server->name, server->advertisedAddress)
               .arg(server->isProtected)
               .arg(server->online)
               .arg(server->plan ? server->plan->retentionDays : 0)
               .arg(Policy::jobStateName(job->state))
               .arg(job->figures.bytesDone)
               .arg(events->size())
               .arg(generationStatusName(generation->status))
               .arg(copies->size())
               .arg(alertStateName(alert->state))
               .arg(roleName(user->role))
               .arg(user->disabled)
               .arg(keys->constFirst().revoked)
        + u"|%1|%2"_s.arg(usage->size()).arg(usage->constFirst().protectedBytes)
        + u"|%1|%2|%3"_s.arg(tokens->size())
              .arg(tokens->constFirst().usedMs.value_or(-1))
              .arg(tokens->constFirst().usedByServerId.value_or(-1));
}

Alpha populateAlpha(Test::CatalogFixture &f)
{
    const qint64 t = f.alpha();
    Alpha a;
    a.server = f.addServer(t, u"alpha-web"_s);
    a.agentId = ServerStore(f.db()).server(t, a.server)->agentId;
    f.protect(t, a.server, Timing::Daily, Now - 30 * 86400000ll);
    a.job = f.addJob(t, a.server, Now - 3600000, JobState::Running);
    (void)JobStore(f.db()).addEvent(t, a.job, { Now, EventLevel::Info, u"started"_s });
    NewGeneration g;
    g.serverId = a.server;
    g.startMs = Now - 3600000;
    g.plan.storage = Policy::Storage::Double;
    a.generation = GenerationStore(f.db()).create(t, g).value_or(0);
    (void)GenerationStore(f.db()).complete(t, a.generation, { Now, 1, 1, 1, u"snap"_s });
    (void)GenerationStore(f.db()).setCopy(t, a.generation, { u"JP1"_s, CopyState::Complete, Now });
    // Installation-wide: alpha's double-storage generation waits for its copy in JP2.
    (void)RegionStore(f.db()).upsert(u"JP1"_s, u"JP2"_s, true);
    a.alert = AlertStore(f.db())
                  .raise(t, { AlertKind::JobFailed, a.server, serverSubject(a.server), {}, Now })
                  ->id;
    a.user = UserStore(f.db(), Cheap).create(t, u"alice"_s, u"pw"_s, Role::Admin, Now).value_or(0);
    auto key = UserStore(f.db(), Cheap).createApiKey(t, a.user, u"ci"_s, Now);
    a.apiKey = key ? key->id : 0;
    a.apiToken = key ? key->token : QString();
    (void)UsageStore(f.db()).record(
        t, { a.server, u"alpha-web"_s, QDate(2026, 11, 1), 1000, {}, Timing::Daily, 30 });
    (void)AuditLog(f.db()).append(
        t, { 0, u"alice"_s, u"server.protect"_s, u"server:1"_s, Now, {} });
    const auto token = EnrollmentStore(f.db()).create(t, u"JP1"_s, Now, 3600000);
    a.enrollmentToken = token->token;
    a.enrollmentTokenId = token->id;
    return a;
}

} // namespace

Q_DECLARE_METATYPE(Probe)

class tst_TenantIsolation : public QObject {
    Q_OBJECT
private slots:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void otherTenantSeesAndChangesNothing_data();
    void otherTenantSeesAndChangesNothing();
};

void tst_TenantIsolation::otherTenantSeesAndChangesNothing_data()
{
    QTest::addColumn<Probe>("probe");
    const auto nf = ErrorCode::NotFound;
    auto row = [](const char *name, Probe probe) { QTest::newRow(name) << probe; };
    row("ServerStore::server", [=](const Context &c) {
        return expectError(ServerStore(c.db()).server(c.beta(), c.a.server), nf);
    });
    row("ServerStore::findByAgentId", [=](const Context &c) {
        return expectError(ServerStore(c.db()).findByAgentId(c.beta(), c.a.agentId), nf);
    });
    row("ServerStore::list", [](const Context &c) {
        auto list = ServerStore(c.db()).list(c.beta());
        return list && list->size() == 1 && list->at(0).name == u"beta-web"_s ? QString()
                                                                              : u"wrong list"_s;
    });
    row("ServerStore::protectedServers", [](const Context &c) {
        return expectEmpty(ServerStore(c.db()).protectedServers(c.beta()));
    });
    row("ServerStore::updateFacts", [=](const Context &c) {
        return expectError(ServerStore(c.db()).updateFacts(c.beta(), c.a.server, {}), nf);
    });
    row("ServerStore::setOnline", [=](const Context &c) {
        return expectError(ServerStore(c.db()).setOnline(c.beta(), c.a.server, true, 1), nf);
    });
    row("ServerStore::setAdvertisedAddress", [=](const Context &c) {
        return expectError(
            ServerStore(c.db()).setAdvertisedAddress(c.beta(), c.a.server, u"x"_s), nf);
    });
    row("ServerStore::setBandwidthLimit", [=](const Context &c) {
        return expectError(ServerStore(c.db()).setBandwidthLimit(c.beta(), c.a.server, 1000), nf);
    });
    row("ServerStore::protect", [=](const Context &c) {
        return expectError(ServerStore(c.db()).protect(c.beta(), c.a.server, {}, 1), nf);
    });
    row("ServerStore::setPlan", [=](const Context &c) {
        return expectError(ServerStore(c.db()).setPlan(c.beta(), c.a.server, {}, 1), nf);
    });
    row("ServerStore::unprotect", [=](const Context &c) {
        return expectError(ServerStore(c.db()).unprotect(c.beta(), c.a.server), nf);
    });
    row("ServerStore::remove", [=](const Context &c) {
        return expectError(ServerStore(c.db()).remove(c.beta(), c.a.server), nf);
    });

    row("JobStore::create", [=](const Context &c) {
        NewJob n;
        n.serverId = c.a.server;
        return expectError(JobStore(c.db()).create(c.beta(), n), nf);
    });
    row("JobStore::job",
        [=](const Context &c) { return expectError(JobStore(c.db()).job(c.beta(), c.a.job), nf); });
    row("JobStore::listForServer", [](const Context &c) {
        return expectEmpty(JobStore(c.db()).listForServer(c.beta(), c.a.server, 100));
    });
    row("JobStore::activeJobs",
        [](const Context &c) { return expectEmpty(JobStore(c.db()).activeJobs(c.beta())); });
    row("JobStore::jobsSince", [](const Context &c) {
        return expectEmpty(JobStore(c.db()).jobsSince(c.beta(), c.a.server, 0));
    });
    row("JobStore::lastSuccessfulBackupMs", [](const Context &c) {
        auto last = JobStore(c.db()).lastSuccessfulBackupMs(c.beta(), c.a.server);
        return last && !*last ? QString() : u"found a backup"_s;
    });
    row("JobStore::markRunning", [=](const Context &c) {
        return expectError(JobStore(c.db()).markRunning(c.beta(), c.a.job, 1), nf);
    });
    row("JobStore::updateProgress", [=](const Context &c) {
        return expectError(
            JobStore(c.db()).updateProgress(c.beta(), c.a.job, { 1, 1, 99, 1, 1 }), nf);
    });
    row("JobStore::finish", [=](const Context &c) {
        return expectError(JobStore(c.db()).finish(c.beta(), c.a.job, JobState::Failed, {}, 1), nf);
    });
    row("JobStore::interruptRunning", [](const Context &c) {
        return expectZero(JobStore(c.db()).interruptRunning(c.beta(), u"x"_s, 1));
    });
    row("JobStore::addEvent", [=](const Context &c) {
        return expectError(
            JobStore(c.db()).addEvent(c.beta(), c.a.job, { 1, EventLevel::Info, u"x"_s }), nf);
    });
    row("JobStore::events",
        [](const Context &c) { return expectEmpty(JobStore(c.db()).events(c.beta(), c.a.job)); });

    row("GenerationStore::create", [=](const Context &c) {
        NewGeneration g;
        g.serverId = c.a.server;
        return expectError(GenerationStore(c.db()).create(c.beta(), g), nf);
    });
    row("GenerationStore::complete", [=](const Context &c) {
        return expectError(GenerationStore(c.db()).complete(c.beta(), c.a.generation, {}), nf);
    });
    row("GenerationStore::markFailed", [=](const Context &c) {
        return expectError(GenerationStore(c.db()).markFailed(c.beta(), c.a.generation, 1), nf);
    });
    row("GenerationStore::generation", [=](const Context &c) {
        return expectError(GenerationStore(c.db()).generation(c.beta(), c.a.generation), nf);
    });
    row("GenerationStore::listForServer", [](const Context &c) {
        return expectEmpty(GenerationStore(c.db()).listForServer(c.beta(), c.a.server));
    });
    row("GenerationStore::remove", [=](const Context &c) {
        return expectError(GenerationStore(c.db()).remove(c.beta(), c.a.generation), nf);
    });
    row("GenerationStore::removeForServer", [](const Context &c) {
        return expectZero(GenerationStore(c.db()).removeForServer(c.beta(), c.a.server));
    });
    row("GenerationStore::setCopy", [=](const Context &c) {
        return expectError(GenerationStore(c.db()).setCopy(
                               c.beta(), c.a.generation, { u"JP1"_s, CopyState::Failed, {} }),
            nf);
    });
    row("GenerationStore::setCopy new region", [=](const Context &c) {
        return expectError(GenerationStore(c.db()).setCopy(
                               c.beta(), c.a.generation, { u"JP2"_s, CopyState::Failed, {} }),
            nf);
    });
    row("GenerationStore::copies", [](const Context &c) {
        return expectEmpty(GenerationStore(c.db()).copies(c.beta(), c.a.generation));
    });

    row("AlertStore::raise", [](const Context &c) {
        auto raised = AlertStore(c.db()).raise(
            c.beta(), { AlertKind::JobFailed, c.a.server, serverSubject(c.a.server), {}, 1 });
        return raised && raised->created && raised->id != c.a.alert ? QString()
                                                                    : u"returned alpha's alert"_s;
    });
    row("AlertStore::acknowledge", [=](const Context &c) {
        return expectError(
            AlertStore(c.db()).acknowledge(c.beta(), c.a.alert, u"mallory"_s, 1), nf);
    });
    row("AlertStore::resolve", [=](const Context &c) {
        return expectError(AlertStore(c.db()).resolve(c.beta(), c.a.alert, 1), nf);
    });
    row("AlertStore::resolveActive", [](const Context &c) {
        return expectZero(AlertStore(c.db()).resolveActive(
            c.beta(), AlertKind::JobFailed, serverSubject(c.a.server), 1));
    });
    row("AlertStore::alert", [=](const Context &c) {
        return expectError(AlertStore(c.db()).alert(c.beta(), c.a.alert), nf);
    });
    row("AlertStore::listActive",
        [](const Context &c) { return expectEmpty(AlertStore(c.db()).listActive(c.beta())); });
    row("AlertStore::listAll",
        [](const Context &c) { return expectEmpty(AlertStore(c.db()).listAll(c.beta(), 100)); });
    row("checkReplicationLag", [](const Context &c) {
        return expectEmpty(checkReplicationLag(c.db(), c.beta(), Now + 3 * 86400000ll));
    });
    row("regionReplication", [](const Context &c) -> QString {
        auto regions = regionReplication(c.db(), c.beta());
        if (!regions)
            return regions.error().toString();
        for (const RegionReplication &r : std::as_const(*regions))
            if (r.waitingGenerations != 0 || r.oldestWaitingEndMs)
                return u"%1 generation(s) of alpha wait for %2"_s.arg(r.waitingGenerations).arg(r.region);
        return regions->isEmpty() ? u"the region JP2 is not listed"_s : QString();
    });
    row("checkOverdue",
        [](const Context &c) { return expectEmpty(checkOverdue(c.db(), c.beta(), Now)); });

    row("UsageStore::record", [=](const Context &c) {
        return expectError(UsageStore(c.db()).record(c.beta(),
                               { c.a.server, u"x"_s, QDate(2026, 11, 1), 5, {}, Timing::Daily, 7 }),
            nf);
    });
    row("UsageStore::samples", [](const Context &c) {
        return expectEmpty(
            UsageStore(c.db()).samples(c.beta(), QDate(2026, 1, 1), QDate(2026, 12, 31)));
    });
    row("UsageStore::samplesForServer", [](const Context &c) {
        return expectEmpty(UsageStore(c.db()).samplesForServer(
            c.beta(), c.a.server, QDate(2026, 1, 1), QDate(2026, 12, 31)));
    });

    const auto ua = ErrorCode::Unauthorized;
    row("UserStore::user", [=](const Context &c) {
        return expectError(UserStore(c.db(), Cheap).user(c.beta(), c.a.user), nf);
    });
    row("UserStore::list",
        [](const Context &c) { return expectEmpty(UserStore(c.db(), Cheap).list(c.beta())); });
    row("UserStore::setRole", [=](const Context &c) {
        return expectError(UserStore(c.db(), Cheap).setRole(c.beta(), c.a.user, Role::Viewer), nf);
    });
    row("UserStore::setDisabled", [=](const Context &c) {
        return expectError(UserStore(c.db(), Cheap).setDisabled(c.beta(), c.a.user, true), nf);
    });
    row("UserStore::setPassword", [=](const Context &c) {
        return expectError(UserStore(c.db(), Cheap).setPassword(c.beta(), c.a.user, u"x"_s), nf);
    });
    row("UserStore::authenticate", [=](const Context &c) {
        return expectError(
            UserStore(c.db(), Cheap).authenticate(c.beta(), u"alice"_s, u"pw"_s), ua);
    });
    row("UserStore::createApiKey", [=](const Context &c) {
        return expectError(
            UserStore(c.db(), Cheap).createApiKey(c.beta(), c.a.user, u"x"_s, 1), nf);
    });
    row("UserStore::authenticateApiKey", [=](const Context &c) {
        return expectError(
            UserStore(c.db(), Cheap).authenticateApiKey(c.beta(), c.a.apiToken, 1), ua);
    });
    row("UserStore::revokeApiKey", [=](const Context &c) {
        return expectError(UserStore(c.db(), Cheap).revokeApiKey(c.beta(), c.a.apiKey), nf);
    });
    row("UserStore::apiKeys",
        [](const Context &c) { return expectEmpty(UserStore(c.db(), Cheap).apiKeys(c.beta())); });

    row("EnrollmentStore::consume", [=](const Context &c) {
        return expectError(EnrollmentStore(c.db()).consume(c.beta(), c.a.enrollmentToken, Now), ua);
    });
    row("EnrollmentStore::recordServer", [=](const Context &c) {
        return expectError(
            EnrollmentStore(c.db()).recordServer(c.beta(), c.a.enrollmentTokenId, c.a.server), nf);
    });
    row("EnrollmentStore::list",
        [](const Context &c) { return expectEmpty(EnrollmentStore(c.db()).list(c.beta(), 100)); });
    row("EnrollmentStore::token", [=](const Context &c) {
        return expectError(EnrollmentStore(c.db()).token(c.beta(), c.a.enrollmentTokenId), nf);
    });
    row("EnrollmentStore::revoke", [=](const Context &c) {
        return expectError(EnrollmentStore(c.db()).revoke(c.beta(), c.a.enrollmentTokenId), nf);
    });
    row("AuditLog::list",
        [](const Context &c) { return expectEmpty(AuditLog(c.db()).list(c.beta(), 0, 100)); });
    row("jobReport",
        [](const Context &c) { return expectEmpty(jobReport(c.db(), c.beta(), Now)); });
}

void tst_TenantIsolation::otherTenantSeesAndChangesNothing()
{
    QFETCH(Probe, probe);
    Test::CatalogFixture f;
    QVERIFY(f.ok());
    const Alpha alpha = populateAlpha(f);
    QVERIFY(alpha.server && alpha.job && alpha.generation && alpha.alert && alpha.user
        && alpha.apiKey && alpha.enrollmentTokenId);
    QVERIFY(f.addServer(f.beta(), u"beta-web"_s) > 0);
    const QString before = snapshot(f, alpha);
    QVERIFY(!before.startsWith(u"alpha row missing"_s));
    const QString leak = probe(Context { f, alpha });
    QVERIFY2(leak.isEmpty(), qPrintable(leak));
    QCOMPARE(snapshot(f, alpha), before);
    // Alpha still sees its own data through the same functions.
    QCOMPARE(JobStore(f.db()).activeJobs(f.alpha())->size(), 1);
    QCOMPARE(AlertStore(f.db()).listActive(f.alpha())->size(), 1);
}

QTEST_GUILESS_MAIN(tst_TenantIsolation)
#include "tst_tenantisolation.moc"
