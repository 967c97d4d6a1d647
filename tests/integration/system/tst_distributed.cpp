// One kura-server and three kura-agent processes on 127.0.0.1: enrollment, protection, full
// and incremental file backups, restore to another agent with trees compared (content and
// metadata), a system image backup and restore, and the refusals the API must give.
#include "systemfixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <sys/stat.h>
#include <utime.h>

using namespace Qt::StringLiterals;
using Kura::Test::HttpReply;

namespace {

void writeFile(const QString &path, const QByteArray &data, int mode = 0644, qint64 mtime = 0)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(data);
    file.close();
    ::chmod(QFile::encodeName(path).constData(), mode_t(mode));
    if (mtime) {
        struct utimbuf times { time_t(mtime), time_t(mtime) };
        ::utime(QFile::encodeName(path).constData(), &times);
    }
}

QByteArray pseudoRandom(qsizetype size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    quint32 x = seed * 2654435761u + 1;
    for (qsizetype i = 0; i < size; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out[i] = char(x);
    }
    return out;
}

QJsonObject filesPlan(const QString &path, int retentionDays = 7, const QString &preCommand = {})
{
    QJsonObject plan { { u"timing"_s, u"immediate"_s }, { u"retentionDays"_s, retentionDays },
                       { u"content"_s, u"files"_s }, { u"includePaths"_s, QJsonArray { path } } };
    if (!preCommand.isEmpty())
        plan.insert(u"preCommand"_s, preCommand);
    return plan;
}

} // namespace

class tst_Distributed : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void agentsEnrollAndReportFacts();
    void fileBackupsAndRestoreToAnotherAgent();
    void systemImageBackupAndRestore();
    void refusals();
    void liveJobEvents();

private:
    std::unique_ptr<Kura::Test::SystemFixture> f;
    qint64 a = 0, b = 0, c = 0;
    QString source;
};

void tst_Distributed::initTestCase()
{
    f = std::make_unique<Kura::Test::SystemFixture>();
    QVERIFY(f->ok());
    a = f->addAgent(u"a"_s);
    b = f->addAgent(u"b"_s);
    c = f->addAgent(u"c"_s);
    QVERIFY(a && b && c);
    source = f->dir() + u"/source"_s;
    writeFile(source + u"/big.bin"_s, pseudoRandom(12 * 1024 * 1024, 1), 0640, 1700000000);
    writeFile(source + u"/docs/readme.txt"_s, "hello from kura\n", 0600, 1700000100);
    for (int i = 0; i < 40; ++i)
        writeFile(source + u"/docs/many/f%1.txt"_s.arg(i), "file " + QByteArray::number(i) + '\n', 0644, 1700000200 + i);
    writeFile(source + u"/exec.sh"_s, "#!/bin/sh\necho hi\n", 0755, 1700000300);
    QDir().mkpath(source + u"/empty"_s);
    QFile::link(u"docs/readme.txt"_s, source + u"/link"_s);
}

void tst_Distributed::agentsEnrollAndReportFacts()
{
    const QJsonArray servers = f->get(u"/servers"_s).json.value(u"servers"_s).toArray();
    QCOMPARE(servers.size(), 3);
    for (const QJsonValue &v : servers) {
        const QJsonObject server = v.toObject();
        QVERIFY(server.value(u"online"_s).toBool());
        const QJsonObject facts = server.value(u"facts"_s).toObject();
        QVERIFY(!facts.value(u"hostName"_s).toString().isEmpty());
        QVERIFY(!facts.value(u"osId"_s).toString().isEmpty());
        QVERIFY(!facts.value(u"arch"_s).toString().isEmpty());
        QCOMPARE(facts.value(u"agentVersion"_s).toString(), u"0.1.0"_s);
        QCOMPARE(server.value(u"region"_s).toString(), u"JP1"_s);
    }
}

void tst_Distributed::fileBackupsAndRestoreToAnotherAgent()
{
    QCOMPARE(f->protect(a, filesPlan(source, 7, u"echo dump-ok"_s)).status, 200);
    QCOMPARE(f->protect(b, filesPlan(u"/nonexistent"_s)).status, 200);

    const qint64 first = f->backup(a);
    QVERIFY(first);
    QJsonObject job = f->waitJob(first);
    QCOMPARE(job.value(u"state"_s).toString(), u"succeeded"_s);
    const QJsonArray events = job.value(u"events"_s).toArray();
    QVERIFY2(!events.isEmpty() && events.first().toObject().value(u"text"_s).toString().contains(u"dump-ok"_s),
             "the pre-command's output is in the job's events");
    // The 12 MiB of random data crossed the network (compression does not shrink it).
    QVERIFY2(job.value(u"progress"_s).toObject().value(u"transferredBytes"_s).toDouble() > 12e6,
             qPrintable(QString::number(job.value(u"progress"_s).toObject().value(u"transferredBytes"_s).toDouble())));

    // Incremental: one changed file is read, the rest comes from the agent's cache.
    writeFile(source + u"/docs/readme.txt"_s, "hello again from kura\n", 0600, 1700000999);
    const qint64 second = f->backup(a);
    QVERIFY(second);
    QCOMPARE(f->waitJob(second).value(u"state"_s).toString(), u"succeeded"_s);
    const QJsonArray snapshots = f->repositorySnapshots();
    QCOMPARE(snapshots.size(), 2);
    const QJsonObject stats = snapshots.last().toObject().value(u"stats"_s).toObject();
    QVERIFY2(stats.value(u"read_bytes"_s).toDouble() < 1024,
             qPrintable(u"the incremental backup read %1 bytes"_s.arg(stats.value(u"read_bytes"_s).toDouble())));
    QCOMPARE(f->repositoryCheck(), 0);

    // Restore the second generation to agent b (same region, plan menu and flavor).
    const QJsonArray generations = f->get(u"/servers/%1/generations"_s.arg(a)).json.value(u"generations"_s).toArray();
    QCOMPARE(generations.size(), 2);
    const qint64 newest = qint64(generations.first().toObject().value(u"id"_s).toDouble());
    const QJsonArray targets = f->get(u"/servers/%1/generations/%2/targets"_s.arg(a).arg(newest)).json.value(u"targets"_s).toArray();
    QCOMPARE(targets.size(), 3);
    const QString target = f->dir() + u"/restored-on-b"_s;
    HttpReply reply = f->post(u"/servers/%1/restores"_s.arg(a),
                              { { u"generationId"_s, double(newest) }, { u"targetServerId"_s, double(b) },
                                { u"targetPath"_s, target } });
    QCOMPARE(reply.status, 202);
    job = f->waitJob(qint64(reply.json.value(u"id"_s).toDouble()));
    QCOMPARE(job.value(u"state"_s).toString(), u"succeeded"_s);
    // The restore's totals (what the console's rate and ETA go by) are the files it wrote.
    const QJsonObject progress = job.value(u"progress"_s).toObject();
    QVERIFY2(progress.value(u"files"_s).toDouble() >= 4, qPrintable(QJsonDocument(progress).toJson()));
    QCOMPARE(progress.value(u"filesDone"_s).toDouble(), progress.value(u"files"_s).toDouble());
    QCOMPARE(progress.value(u"bytesDone"_s).toDouble(), progress.value(u"sourceBytes"_s).toDouble());
    const QStringList differences = Kura::Test::treeDifferences(Kura::Test::treeState(target + source),
                                                                Kura::Test::treeState(source));
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(u'\n')));

    // Chosen files only, into another folder.
    const QString partial = f->dir() + u"/partial"_s;
    reply = f->post(u"/servers/%1/restores"_s.arg(a),
                    { { u"generationId"_s, double(newest) }, { u"targetServerId"_s, double(b) }, { u"targetPath"_s, partial },
                      { u"paths"_s, QJsonArray { source + u"/docs/readme.txt"_s, source + u"/exec.sh"_s } } });
    QCOMPARE(reply.status, 202);
    job = f->waitJob(qint64(reply.json.value(u"id"_s).toDouble()));
    QCOMPARE(job.value(u"state"_s).toString(), u"succeeded"_s);
    QCOMPARE(job.value(u"progress"_s).toObject().value(u"files"_s).toDouble(), 2.0);

    // b's bandwidth limit holds for restores to it too: at 4 MiB/s, big.bin alone takes three
    // seconds (the first second's worth goes at once). While a whole restore runs, its totals
    // are the generation's: the agent knows its own only when its walk is done.
    QCOMPARE(f->request("PUT", u"/servers/%1/bandwidth"_s.arg(b), { { u"bytesPerSecond"_s, 4 * 1024 * 1024 } }).status, 200);
    QElapsedTimer restoreTimer;
    restoreTimer.start();
    reply = f->post(u"/servers/%1/restores"_s.arg(a), { { u"generationId"_s, double(newest) }, { u"targetServerId"_s, double(b) },
                                                        { u"targetPath"_s, f->dir() + u"/slow"_s } });
    QCOMPARE(reply.status, 202);
    const QJsonObject newestGeneration = generations.first().toObject();
    QCOMPARE(reply.json.value(u"progress"_s).toObject().value(u"files"_s).toDouble(), newestGeneration.value(u"files"_s).toDouble());
    const qint64 slowRestore = qint64(reply.json.value(u"id"_s).toDouble());
    const QJsonObject running = f->waitJobUntil(slowRestore, [](const QJsonObject &j) {
        return j.value(u"state"_s).toString() != u"queued"_s
            && (j.value(u"state"_s).toString() != u"running"_s || j.value(u"progress"_s).toObject().value(u"bytesDone"_s).toDouble() > 0);
    });
    QCOMPARE(running.value(u"state"_s).toString(), u"running"_s);
    QCOMPARE(running.value(u"progress"_s).toObject().value(u"files"_s).toDouble(), newestGeneration.value(u"files"_s).toDouble());
    QCOMPARE(running.value(u"progress"_s).toObject().value(u"sourceBytes"_s).toDouble(),
             newestGeneration.value(u"sourceBytes"_s).toDouble());
    QVERIFY(running.value(u"progress"_s).toObject().value(u"etaSeconds"_s).isDouble());
    QCOMPARE(f->waitJob(slowRestore).value(u"state"_s).toString(), u"succeeded"_s);
    QVERIFY2(restoreTimer.elapsed() >= 2000, qPrintable(u"took %1 ms"_s.arg(restoreTimer.elapsed())));
    QCOMPARE(Kura::Test::sha256Of(f->dir() + u"/slow"_s + source + u"/big.bin"_s), Kura::Test::sha256Of(source + u"/big.bin"_s));
    QCOMPARE(f->request("PUT", u"/servers/%1/bandwidth"_s.arg(b), { { u"bytesPerSecond"_s, 0 } }).status, 200);
    QCOMPARE(Kura::Test::sha256Of(partial + source + u"/docs/readme.txt"_s), Kura::Test::sha256Of(source + u"/docs/readme.txt"_s));
    QVERIFY(QFile::exists(partial + source + u"/exec.sh"_s));
    QVERIFY(!QFile::exists(partial + source + u"/big.bin"_s));

    // The generation browser lists the folder.
    const QJsonArray entries = f->get(u"/servers/%1/generations/%2/files?path=%3"_s.arg(a).arg(newest).arg(source + u"/docs"_s))
                                   .json.value(u"entries"_s).toArray();
    QCOMPARE(entries.size(), 2);
    // The agent's own file system, for the path picker.
    const QJsonArray live = f->get(u"/servers/%1/files?path=%2"_s.arg(a).arg(source)).json.value(u"entries"_s).toArray();
    QCOMPARE(live.size(), 5); // big.bin docs empty exec.sh link

    // Usage: today's sample of a is the newest backup's protected bytes.
    const QJsonObject usage = f->get(u"/usage"_s).json;
    const QJsonArray usageServers = usage.value(u"servers"_s).toArray();
    QCOMPARE(usageServers.size(), 1);
    const QJsonObject usageOfA = usageServers.first().toObject();
    QCOMPARE(qint64(usageOfA.value(u"serverId"_s).toDouble()), a);
    QCOMPARE(usageOfA.value(u"days"_s).toArray().size(), 1);
    QCOMPARE(usageOfA.value(u"days"_s).toArray().first().toObject().value(u"protectedBytes"_s).toDouble(),
             stats.value(u"source_bytes"_s).toDouble());
    QVERIFY(usageOfA.value(u"estimatedCharge"_s).isNull()); // no price table configured
    QCOMPARE(f->get(u"/usage?month=2026-13"_s).status, 400);
}

void tst_Distributed::systemImageBackupAndRestore()
{
    const QString image = f->dir() + u"/disk.img"_s;
    QByteArray disk = pseudoRandom(3 * 1024 * 1024, 7) + QByteArray(4 * 1024 * 1024, '\0') + pseudoRandom(1024 * 1024, 8);
    writeFile(image, disk);
    QJsonObject plan { { u"timing"_s, u"immediate"_s }, { u"retentionDays"_s, 7 }, { u"content"_s, u"system"_s },
                       { u"systemDevice"_s, image } };
    QCOMPARE(f->protect(c, plan).status, 200);
    const qint64 job = f->backup(c, u"system"_s);
    QVERIFY(job);
    QCOMPARE(f->waitJob(job).value(u"state"_s).toString(), u"succeeded"_s);
    const QJsonArray generations = f->get(u"/servers/%1/generations"_s.arg(c)).json.value(u"generations"_s).toArray();
    QCOMPARE(generations.size(), 1);
    const QString restored = f->dir() + u"/restored.img"_s;
    const HttpReply reply = f->post(u"/servers/%1/restores"_s.arg(c),
                                    { { u"generationId"_s, generations.first().toObject().value(u"id"_s) },
                                      { u"device"_s, restored } });
    QCOMPARE(reply.status, 202);
    QCOMPARE(f->waitJob(qint64(reply.json.value(u"id"_s).toDouble())).value(u"state"_s).toString(), u"succeeded"_s);
    QCOMPARE(Kura::Test::sha256Of(restored), Kura::Test::sha256Of(image));

    // A bandwidth limit of 1 MiB/s on c's agent: 3 MiB of new, incompressible data take at
    // least 2 s to send (without the limit, a fraction of a second here).
    HttpReply limited = f->request("PUT", u"/servers/%1/bandwidth"_s.arg(c), { { u"bytesPerSecond"_s, 1024 * 1024 } });
    QCOMPARE(limited.status, 200);
    QCOMPARE(limited.json.value(u"bandwidthLimit"_s).toDouble(), 1024.0 * 1024);
    QCOMPARE(f->request("PUT", u"/servers/%1/bandwidth"_s.arg(c), { { u"bytesPerSecond"_s, -1 } }).status, 400);
    disk.replace(0, 3 * 1024 * 1024, pseudoRandom(3 * 1024 * 1024, 9));
    writeFile(image, disk);
    QElapsedTimer timer;
    timer.start();
    const qint64 slow = f->backup(c, u"system"_s);
    QVERIFY(slow);
    QCOMPARE(f->waitJob(slow).value(u"state"_s).toString(), u"succeeded"_s);
    QVERIFY2(timer.elapsed() >= 2000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
    QCOMPARE(f->request("PUT", u"/servers/%1/bandwidth"_s.arg(c), { { u"bytesPerSecond"_s, 0 } }).status, 200);
}

void tst_Distributed::refusals()
{
    // A bad bearer token.
    QCOMPARE(f->request("GET", u"/servers"_s, {}, u"not-a-token"_s).status, 401);

    // A reused enrollment token: the second agent is refused, finally (exit 3).
    const QString package = f->makePackage(u"twice"_s);
    QCOMPARE(f->runAgentCommand({ u"enroll"_s, u"--package"_s, package, u"--state"_s, f->agentState(u"once"_s) }), 0);
    QString output;
    QCOMPARE(f->runAgentCommand({ u"enroll"_s, u"--package"_s, package, u"--state"_s, f->agentState(u"twice"_s) }, &output), 3);
    QVERIFY2(output.contains(u"already used"_s), qPrintable(output));

    // An agent presenting another agent's identity (b's id with a's secret) is refused.
    QFile aState(f->agentState(u"a"_s) + u"/agent.json"_s), bState(f->agentState(u"b"_s) + u"/agent.json"_s);
    QVERIFY(aState.open(QIODevice::ReadOnly) && bState.open(QIODevice::ReadOnly));
    QJsonObject forged = QJsonDocument::fromJson(aState.readAll()).object();
    forged.insert(u"agentId"_s, QJsonDocument::fromJson(bState.readAll()).object().value(u"agentId"_s));
    QDir().mkpath(f->agentState(u"forged"_s));
    QFile forgedFile(f->agentState(u"forged"_s) + u"/agent.json"_s);
    QVERIFY(forgedFile.open(QIODevice::WriteOnly));
    forgedFile.write(QJsonDocument(forged).toJson());
    forgedFile.close();
    QCOMPARE(f->runAgentCommand({ u"run"_s, u"--state"_s, f->agentState(u"forged"_s) }, &output), 3);
    QVERIFY2(output.contains(u"authentication refused"_s), qPrintable(output));
    QVERIFY(f->waitOnline(b)); // the real b is unaffected

    // Restore to an incompatible target: b's plan has another retention (another menu).
    QCOMPARE(f->request("PUT", u"/servers/%1/plan"_s.arg(b), { { u"plan"_s, filesPlan(u"/nonexistent"_s, 30) } }).status, 200);
    const qint64 newest = qint64(f->get(u"/servers/%1/generations"_s.arg(a)).json.value(u"generations"_s).toArray()
                                     .first().toObject().value(u"id"_s).toDouble());
    HttpReply reply = f->post(u"/servers/%1/restores"_s.arg(a),
                              { { u"generationId"_s, double(newest) }, { u"targetServerId"_s, double(b) },
                                { u"targetPath"_s, f->dir() + u"/nope"_s } });
    QCOMPARE(reply.status, 409);
    QVERIFY(reply.json.value(u"details"_s).toObject().value(u"issues"_s).toArray().contains(u"different_plan"_s));

    // A second concurrent backup, while the first waits in its pre-command.
    QCOMPARE(f->request("PUT", u"/servers/%1/plan"_s.arg(a), { { u"plan"_s, filesPlan(source, 7, u"sleep 3"_s) } }).status, 200);
    const qint64 running = f->backup(a); // a's third backup in 24 h
    QVERIFY(running);
    f->waitJobUntil(running, [](const QJsonObject &j) { return j.value(u"state"_s).toString() == u"running"_s; });
    f->backup(a, u"files"_s, &reply);
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.json.value(u"details"_s).toObject().value(u"refusal"_s).toString(), u"backup_running"_s);
    QCOMPARE(f->waitJob(running).value(u"state"_s).toString(), u"succeeded"_s);

    // The 6th backup in 24 h on an immediate plan: a has had 3; two more pass, the 6th not.
    QCOMPARE(f->request("PUT", u"/servers/%1/plan"_s.arg(a), { { u"plan"_s, filesPlan(source) } }).status, 200);
    for (int i = 0; i < 2; ++i) {
        const qint64 job = f->backup(a);
        QVERIFY(job);
        QCOMPARE(f->waitJob(job).value(u"state"_s).toString(), u"succeeded"_s);
    }
    f->backup(a, u"files"_s, &reply);
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.json.value(u"details"_s).toObject().value(u"refusal"_s).toString(), u"quota_exhausted"_s);
    QVERIFY(!reply.json.value(u"details"_s).toObject().value(u"liftsAt"_s).toString().isEmpty());
}

void tst_Distributed::liveJobEvents()
{
    // A bad token: the socket is closed with the reason.
    QWebSocket rejected;
    QSignalSpy rejectedClosed(&rejected, &QWebSocket::disconnected);
    rejected.open(QUrl(u"ws://127.0.0.1:%1/api/v1/events?token=nonsense"_s.arg(f->apiPort())));
    QVERIFY(rejectedClosed.wait(10000));
    QCOMPARE(rejected.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);

    QWebSocket socket;
    QStringList messages;
    connect(&socket, &QWebSocket::textMessageReceived, this, [&](const QString &m) { messages << m; });
    QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/api/v1/events"_s.arg(f->apiPort())));
    request.setRawHeader("Authorization", "Bearer " + f->token().toLatin1());
    socket.open(request);
    QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 10000); // hello
    QCOMPARE(f->protect(c, QJsonObject {}).status, 409);  // c is protected already: no event
    const qint64 job = f->backup(c, u"system"_s);
    QVERIFY(job);
    QCOMPARE(f->waitJob(job).value(u"state"_s).toString(), u"succeeded"_s);
    QStringList states;
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        states.clear();
        for (const QString &m : std::as_const(messages)) {
            const QJsonObject o = QJsonDocument::fromJson(m.toUtf8()).object();
            if (o.value(u"type"_s).toString() == u"job"_s && qint64(o.value(u"job"_s).toObject().value(u"id"_s).toDouble()) == job)
                states << o.value(u"job"_s).toObject().value(u"state"_s).toString();
        }
        return states.contains(u"succeeded"_s);
    }(), 10000);
    QVERIFY2(states.contains(u"running"_s), qPrintable(states.join(u',')));
}

QTEST_GUILESS_MAIN(tst_Distributed)
#include "tst_distributed.moc"
