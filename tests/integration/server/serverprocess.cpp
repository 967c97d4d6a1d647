#include "serverprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace Kura::Test {
namespace {

    // Waits (running the event loop) for the end of `process`; kills it after `timeoutMs`.
    ProgramRun finish(QProcess &process, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        const bool ended
            = QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, timeoutMs);
        ProgramRun run;
        run.elapsedMs = timer.elapsed();
        if (!ended) {
            process.kill();
            process.waitForFinished(5000);
        } else if (process.exitStatus() == QProcess::NormalExit) {
            run.exitCode = process.exitCode();
        }
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

} // namespace

QString ProgramRun::describe() const
{
    return u"exit %1 after %2 ms\nstdout: %3\nstderr: %4"_s.arg(exitCode).arg(elapsedMs).arg(
        QString::fromUtf8(out), QString::fromUtf8(err));
}

QString serverBinary()
{
    return QStringLiteral(KURA_SERVER_BINARY);
}

QString agentBinary()
{
    return QStringLiteral(KURA_AGENT_BINARY);
}

ProgramRun runProgram(const QString &program, const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.start(program, arguments);
    process.closeWriteChannel();
    return finish(process, timeoutMs);
}

Listening parseListening(const QByteArray &line)
{
    Listening listening;
    if (!line.endsWith('\n'))
        return {};
    const QList<QByteArray> parts = line.trimmed().split(' ');
    if (parts.size() != 3)
        return {};
    for (const QByteArray &part : parts) {
        const qsizetype equals = part.indexOf('=');
        const QByteArray key = part.left(equals);
        const QByteArray value = part.mid(equals + 1);
        if (key == "api")
            listening.apiPort = quint16(value.toUInt());
        else if (key == "agent")
            listening.agentPort = quint16(value.toUInt());
        else if (key == "fingerprint")
            listening.fingerprint = value;
        else
            return {};
    }
    return listening;
}

ServerProcess::ServerProcess(QString dataFolder, QString portsFile)
    : m_dataFolder(std::move(dataFolder))
    , m_portsFile(std::move(portsFile))
{
}

ServerProcess::~ServerProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

bool ServerProcess::start(const QStringList &extraArguments, quint16 agentPort, int timeoutMs)
{
    QFile::remove(m_portsFile);
    m_listening = {};
    m_err.clear();
    m_process = std::make_unique<QProcess>();
    m_process->start(serverBinary(),
        QStringList { u"--data"_s, m_dataFolder, u"--api-port"_s, u"0"_s, u"--agent-port"_s,
            QString::number(agentPort), u"--agent-address"_s, u"127.0.0.1"_s, u"--ports-file"_s,
            m_portsFile }
            + extraArguments);
    m_process->closeWriteChannel();
    // The ports file is written after both listeners are up; a reader may see it half written.
    const bool listening = QTest::qWaitFor(
        [this] {
            QFile ports(m_portsFile);
            if (ports.open(QIODevice::ReadOnly))
                m_listening = parseListening(ports.readAll());
            return m_listening.isValid() || m_process->state() == QProcess::NotRunning;
        },
        timeoutMs);
    if (m_process->state() == QProcess::NotRunning)
        m_err = m_process->readAllStandardError();
    if (!listening || !m_listening.isValid())
        return false;
    // kura-server installs its SIGTERM handler just after writing the ports file, before its
    // event loop runs; an HTTP answer proves the loop runs, so terminate() is then handled.
    ApiCaller api(apiUrl());
    return api.call("GET", u"/regions"_s).status != 0;
}

QString ServerProcess::apiUrl() const
{
    return u"http://127.0.0.1:%1/api/v1"_s.arg(m_listening.apiPort);
}

ProgramRun ServerProcess::terminate(int timeoutMs)
{
    if (!m_process)
        return {};
    m_process->terminate();
    ProgramRun run = finish(*m_process, timeoutMs);
    run.err.prepend(m_err);
    return run;
}

QString ServerProcess::describe() const
{
    if (!m_process)
        return u"kura-server was not started"_s;
    if (m_process->state() != QProcess::NotRunning)
        return u"kura-server runs but wrote no valid ports file \"%1\""_s.arg(m_portsFile);
    return u"kura-server ended with %1: %2"_s.arg(m_process->exitCode())
        .arg(QString::fromUtf8(m_err));
}

ApiCaller::Reply ApiCaller::call(
    const QByteArray &method, const QString &path, const QJsonObject &body)
{
    QNetworkRequest request(QUrl(m_baseUrl + path));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
    QByteArray payload;
    if (method != "GET") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, payload);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    Reply out;
    if (reply->isFinished() || finished.wait(20000)) {
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.json = QJsonDocument::fromJson(reply->readAll()).object();
    } else {
        reply->abort();
    }
    reply->deleteLater();
    return out;
}

bool ApiCaller::login(const QString &tenant, const QString &user, const QString &password)
{
    m_token.clear();
    const Reply reply = call("POST", u"/login"_s,
        { { u"tenant"_s, tenant }, { u"user"_s, user }, { u"password"_s, password } });
    m_token = reply.json.value(u"token"_s).toString();
    return reply.status == 200 && !m_token.isEmpty();
}

} // namespace Kura::Test
