// Faults with real processes: kill -9 of an agent and of the server in the middle of a
// backup, stopping a running backup, garbage and oversized frames on the agent port.
#include "systemfixture.h"

#include <QDir>
#include <QFile>
#include <QSslSocket>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;
using Kura::Test::HttpReply;

namespace {

void writeRandomFile(const QString &path, qint64 size, quint32 seed)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray block(1024 * 1024, Qt::Uninitialized);
    quint32 x = seed * 2654435761u + 1;
    for (qint64 done = 0; done < size; done += block.size()) {
        for (qsizetype i = 0; i < block.size(); i += 4) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            qToLittleEndian(x, block.data() + i);
        }
        file.write(block.constData(), qMin<qint64>(block.size(), size - done));
    }
}

QJsonObject plan(const QString &path, const QString &preCommand = {})
{
    QJsonObject p { { u"timing"_s, u"immediate"_s }, { u"retentionDays"_s, 7 }, { u"content"_s, u"files"_s },
                    { u"includePaths"_s, QJsonArray { path } } };
    if (!preCommand.isEmpty())
        p.insert(u"preCommand"_s, preCommand);
    return p;
}

qint64 bytesDone(const QJsonObject &job)
{
    return qint64(job.value(u"progress"_s).toObject().value(u"bytesDone"_s).toDouble());
}

} // namespace

class tst_Faults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void agentKilledMidBackup();
    void serverKilledMidBackup();
    void stopRunningBackup();
    void garbageOnTheAgentPort();

private:
    std::unique_ptr<Kura::Test::SystemFixture> f;
    qint64 a = 0;
    QString source;
    const qint64 Size = 256ll * 1024 * 1024;
};

void tst_Faults::initTestCase()
{
    f = std::make_unique<Kura::Test::SystemFixture>();
    QVERIFY(f->ok());
    a = f->addAgent(u"a"_s);
    QVERIFY(a);
    source = f->dir() + u"/source"_s;
    writeRandomFile(source + u"/large.bin"_s, Size, 3);
    QCOMPARE(f->protect(a, plan(source)).status, 200);
    // The kills below must land while data flows, however fast or loaded the machine is:
    // the agent's bandwidth limit makes each backup take seconds.
    QCOMPARE(f->request("PUT", u"/servers/%1/bandwidth"_s.arg(a), { { u"bytesPerSecond"_s, 32 * 1024 * 1024 } }).status, 200);
}

void tst_Faults::agentKilledMidBackup()
{
    const qint64 job = f->backup(a);
    QVERIFY(job);
    const QJsonObject running = f->waitJobUntil(job, [&](const QJsonObject &j) { return bytesDone(j) > Size / 4; });
    QCOMPARE(running.value(u"state"_s).toString(), u"running"_s);
    f->killAgent(u"a"_s);
    const QJsonObject failed = f->waitJob(job, 30000);
    QCOMPARE(failed.value(u"state"_s).toString(), u"failed"_s);
    QVERIFY2(failed.value(u"reason"_s).toString().contains(u"connection"_s), qPrintable(failed.value(u"reason"_s).toString()));
    QCOMPARE(f->get(u"/servers/%1/generations"_s.arg(a)).json.value(u"generations"_s).toArray().size(), 0);
    QCOMPARE(f->repositorySnapshots().size(), 0);
    QString check;
    QVERIFY2(f->repositoryCheck(1, &check) == 0, qPrintable(check));

    // The next run succeeds and does not send again what arrived before the kill.
    QVERIFY(f->startAgent(u"a"_s));
    QVERIFY(f->waitOnline(a));
    const qint64 again = f->backup(a);
    QVERIFY(again);
    QCOMPARE(f->waitJob(again).value(u"state"_s).toString(), u"succeeded"_s);
    const QJsonArray snapshots = f->repositorySnapshots();
    QCOMPARE(snapshots.size(), 1);
    const double sent = snapshots.first().toObject().value(u"stats"_s).toObject().value(u"stored_bytes"_s).toDouble();
    QVERIFY2(sent < double(Size) * 0.9, qPrintable(u"sent %1 of %2 bytes again"_s.arg(sent).arg(Size)));
}

void tst_Faults::serverKilledMidBackup()
{
    writeRandomFile(source + u"/second.bin"_s, Size / 2, 4);
    const qint64 job = f->backup(a);
    QVERIFY(job);
    f->waitJobUntil(job, [&](const QJsonObject &j) { return bytesDone(j) > Size / 8 && j.value(u"state"_s).toString() == u"running"_s; });
    f->killServer();
    QVERIFY(f->startServer());
    QVERIFY(f->login());
    const QJsonObject failed = f->get(u"/jobs/%1"_s.arg(job)).json;
    QCOMPARE(failed.value(u"state"_s).toString(), u"failed"_s);
    QVERIFY2(failed.value(u"reason"_s).toString().contains(u"server stopped"_s), qPrintable(failed.value(u"reason"_s).toString()));
    QCOMPARE(f->get(u"/servers/%1/generations"_s.arg(a)).json.value(u"generations"_s).toArray().size(), 1);
    QString check;
    QVERIFY2(f->repositoryCheck(1, &check) == 0, qPrintable(check));
    // The agent comes back by itself (backoff) and the next backup succeeds.
    QVERIFY(f->waitOnline(a, true, 40000));
    const qint64 again = f->backup(a);
    QVERIFY(again);
    QCOMPARE(f->waitJob(again).value(u"state"_s).toString(), u"succeeded"_s);
    QCOMPARE(f->repositorySnapshots().size(), 2);
}

void tst_Faults::stopRunningBackup()
{
    QCOMPARE(f->request("PUT", u"/servers/%1/plan"_s.arg(a), { { u"plan"_s, plan(source, u"sleep 30"_s) } }).status, 200);
    const qint64 job = f->backup(a);
    QVERIFY(job);
    f->waitJobUntil(job, [](const QJsonObject &j) { return j.value(u"state"_s).toString() == u"running"_s; });
    QCOMPARE(f->post(u"/jobs/%1/stop"_s.arg(job), {}).status, 202);
    const QJsonObject stopped = f->waitJob(job, 20000);
    QCOMPARE(stopped.value(u"state"_s).toString(), u"stopped"_s);
    QCOMPARE(f->repositorySnapshots().size(), 2);

    // A restore to an agent that is offline: 503, and the job ends failed with the reason.
    f->killAgent(u"a"_s);
    QVERIFY(f->waitOnline(a, false));
    const double generation = f->get(u"/servers/%1/generations"_s.arg(a)).json.value(u"generations"_s).toArray()
                                  .first().toObject().value(u"id"_s).toDouble();
    const HttpReply refused = f->post(u"/servers/%1/restores"_s.arg(a),
                                      { { u"generationId"_s, generation }, { u"targetPath"_s, f->dir() + u"/r"_s } });
    QCOMPARE(refused.status, 503);
    const QJsonObject restoreJob = f->get(u"/jobs/%1"_s.arg(refused.json.value(u"details"_s).toObject().value(u"jobId"_s).toDouble())).json;
    QCOMPARE(restoreJob.value(u"state"_s).toString(), u"failed"_s);
    QVERIFY(restoreJob.value(u"reason"_s).toString().contains(u"not connected"_s));
    QVERIFY(f->startAgent(u"a"_s));
    QVERIFY(f->waitOnline(a));
}

void tst_Faults::garbageOnTheAgentPort()
{
    auto probe = [&](const QByteArray &bytes) {
        QSslSocket socket;
        socket.setPeerVerifyMode(QSslSocket::VerifyNone);
        socket.connectToHostEncrypted(u"127.0.0.1"_s, f->agentPort());
        if (!socket.waitForEncrypted(10000))
            return false;
        socket.write(bytes);
        socket.flush();
        // The server drops the connection.
        for (int i = 0; i < 100 && socket.state() == QAbstractSocket::ConnectedState; ++i)
            socket.waitForReadyRead(100);
        return socket.state() != QAbstractSocket::ConnectedState;
    };
    QVERIFY(probe(QByteArray(4096, 'x')));
    // A frame header announcing 2 GiB of payload.
    QByteArray oversized(16, '\0');
    qToBigEndian<quint32>(0x7fffffff, oversized.data() + 4);
    QVERIFY(probe(oversized + QByteArray(64, '\1')));
    // Garbage before TLS.
    {
        QTcpSocket raw;
        raw.connectToHost(u"127.0.0.1"_s, f->agentPort());
        QVERIFY(raw.waitForConnected(5000));
        raw.write(QByteArray(1024, '\xff'));
        raw.waitForDisconnected(20000);
        QCOMPARE(raw.state(), QAbstractSocket::UnconnectedState);
    }
    // The server is unaffected: the API answers and the agent is still online.
    QCOMPARE(f->get(u"/servers/%1"_s.arg(a)).json.value(u"online"_s).toBool(), true);
}

QTEST_GUILESS_MAIN(tst_Faults)
#include "tst_faults.moc"
