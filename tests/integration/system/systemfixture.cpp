#include "systemfixture.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Kura::Test {
namespace {

const QString Password = u"integration-pass-1"_s;

} // namespace

SystemFixture::SystemFixture()
{
    if (!m_dir.isValid())
        return;
    QFile pw(m_dir.path() + u"/password"_s);
    if (!pw.open(QIODevice::WriteOnly))
        return;
    pw.write(Password.toUtf8() + '\n');
    pw.close();
    m_ok = startServer() && login();
}

SystemFixture::~SystemFixture()
{
    for (auto &agent : m_agents) {
        if (agent->state() != QProcess::NotRunning) {
            agent->kill();
            agent->waitForFinished(5000);
        }
    }
    killServer();
}

bool SystemFixture::startServer()
{
    const QString portsFile = m_dir.path() + u"/ports"_s;
    QFile::remove(portsFile);
    m_server = std::make_unique<QProcess>();
    m_server->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList args { u"--data"_s, serverData(), u"--api-port"_s, QString::number(m_apiPort),
                       u"--agent-port"_s, QString::number(m_agentPort), u"--agent-address"_s, u"127.0.0.1"_s,
                       u"--tick-ms"_s, u"300"_s, u"--ports-file"_s, portsFile };
    if (!QFile::exists(serverData() + u"/catalog.sqlite"_s))
        args << u"--init-tenant"_s << u"acme"_s << u"--init-admin"_s << u"admin"_s << u"--init-password-file"_s
             << m_dir.path() + u"/password"_s;
    m_server->start(QStringLiteral(KURA_SERVER_BINARY), args);
    if (!m_server->waitForStarted(10000))
        return false;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20000) {
        QFile ports(portsFile);
        if (ports.open(QIODevice::ReadOnly)) {
            const QString line = QString::fromUtf8(ports.readAll()).trimmed();
            for (const QString &part : line.split(u' ')) {
                if (part.startsWith(u"api="_s))
                    m_apiPort = quint16(part.mid(4).toUInt());
                else if (part.startsWith(u"agent="_s))
                    m_agentPort = quint16(part.mid(6).toUInt());
                else if (part.startsWith(u"fingerprint="_s))
                    m_fingerprint = QByteArray::fromHex(part.mid(12).toLatin1());
            }
            if (m_apiPort && m_agentPort)
                return true;
        }
        if (m_server->state() == QProcess::NotRunning)
            return false;
        QTest::qWait(50);
    }
    return false;
}

void SystemFixture::killServer()
{
    if (m_server && m_server->state() != QProcess::NotRunning) {
        m_server->kill();
        m_server->waitForFinished(10000);
    }
}

bool SystemFixture::stopServer()
{
    if (!m_server || m_server->state() == QProcess::NotRunning)
        return true;
    m_server->terminate();
    return m_server->waitForFinished(10000) && m_server->exitStatus() == QProcess::NormalExit
        && m_server->exitCode() == 0;
}

HttpReply SystemFixture::request(const QByteArray &method, const QString &path, const QJsonObject &body,
                                 const QString &token)
{
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/api/v1%2"_s.arg(m_apiPort).arg(path)));
    const QString bearer = token.isEmpty() ? m_token : token;
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer.toLatin1());
    QByteArray payload;
    if (method != "GET") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    QNetworkReply *reply = m_http.sendCustomRequest(request, method, payload);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    HttpReply out;
    if (!reply->isFinished() && !finished.wait(30000)) {
        reply->abort();
        reply->deleteLater();
        return out;
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.json = QJsonDocument::fromJson(out.body).object();
    reply->deleteLater();
    return out;
}

bool SystemFixture::login()
{
    const HttpReply reply = request("POST", u"/login"_s,
                                    { { u"tenant"_s, u"acme"_s }, { u"user"_s, u"admin"_s }, { u"password"_s, Password } },
                                    u"-"_s);
    m_token = reply.json.value(u"token"_s).toString();
    return reply.status == 200 && !m_token.isEmpty();
}

QString SystemFixture::makePackage(const QString &name, const QString &region)
{
    const HttpReply reply = post(u"/enrollment-tokens"_s, { { u"region"_s, region }, { u"validHours"_s, 1 } });
    if (reply.status != 201)
        return {};
    const QString path = m_dir.path() + u"/package-%1-%2.zip"_s.arg(name).arg(++m_packages);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QByteArray::fromBase64(reply.json.value(u"package"_s).toString().toLatin1()));
    return path;
}

int SystemFixture::runAgentCommand(const QStringList &arguments, QString *output, int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(KURA_AGENT_BINARY), arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    if (output)
        *output = QString::fromUtf8(process.readAll());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

bool SystemFixture::startAgent(const QString &name)
{
    auto process = std::make_shared<QProcess>();
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->start(QStringLiteral(KURA_AGENT_BINARY), { u"run"_s, u"--state"_s, agentState(name) });
    if (!process->waitForStarted(10000))
        return false;
    m_agents.insert(name, process);
    return true;
}

void SystemFixture::killAgent(const QString &name)
{
    auto process = m_agents.value(name);
    if (process && process->state() != QProcess::NotRunning) {
        process->kill();
        process->waitForFinished(10000);
    }
}

qint64 SystemFixture::addAgent(const QString &name)
{
    const QString package = makePackage(name);
    if (package.isEmpty())
        return 0;
    QString output;
    if (runAgentCommand({ u"enroll"_s, u"--package"_s, package, u"--state"_s, agentState(name) }, &output) != 0) {
        qWarning("enroll failed: %s", qPrintable(output));
        return 0;
    }
    if (!startAgent(name))
        return 0;
    // The newest server is the one just enrolled.
    qint64 id = 0;
    for (const QJsonValue &v : get(u"/servers"_s).json.value(u"servers"_s).toArray())
        id = qMax<qint64>(id, qint64(v.toObject().value(u"id"_s).toDouble()));
    return id > 0 && waitOnline(id) ? id : 0;
}

bool SystemFixture::waitOnline(qint64 serverId, bool online, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        const HttpReply reply = get(u"/servers/%1"_s.arg(serverId));
        if (reply.status == 200 && reply.json.value(u"online"_s).toBool() == online)
            return true;
        QTest::qWait(100);
    }
    return false;
}

HttpReply SystemFixture::protect(qint64 serverId, const QJsonObject &plan)
{
    return post(u"/servers/%1/protect"_s.arg(serverId), { { u"plan"_s, plan } });
}

qint64 SystemFixture::backup(qint64 serverId, const QString &kind, HttpReply *out)
{
    const HttpReply reply = post(u"/servers/%1/backups"_s.arg(serverId), { { u"kind"_s, kind } });
    if (out)
        *out = reply;
    return reply.status == 202 ? qint64(reply.json.value(u"id"_s).toDouble()) : 0;
}

QJsonObject SystemFixture::waitJobUntil(qint64 jobId, const std::function<bool(const QJsonObject &)> &predicate,
                                        int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QJsonObject job;
    while (timer.elapsed() < timeoutMs) {
        job = get(u"/jobs/%1"_s.arg(jobId)).json;
        if (predicate(job))
            return job;
        QTest::qWait(50);
    }
    return job;
}

QJsonObject SystemFixture::waitJob(qint64 jobId, int timeoutMs)
{
    return waitJobUntil(jobId, [](const QJsonObject &job) {
        const QString state = job.value(u"state"_s).toString();
        return state != u"queued"_s && state != u"running"_s && !state.isEmpty();
    }, timeoutMs);
}

QJsonArray SystemFixture::repositorySnapshots(qint64 tenantId)
{
    QProcess process;
    process.start(QStringLiteral(KURA_REPO_BINARY),
                  { u"-r"_s, serverData() + u"/repositories/%1"_s.arg(tenantId), u"--password-file"_s,
                    serverData() + u"/keys/repository-%1.key"_s.arg(tenantId), u"snapshots"_s, u"--json"_s });
    process.waitForFinished(60000);
    return QJsonDocument::fromJson(process.readAllStandardOutput()).array();
}

int SystemFixture::repositoryCheck(qint64 tenantId, QString *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(KURA_REPO_BINARY),
                  { u"-r"_s, serverData() + u"/repositories/%1"_s.arg(tenantId), u"--password-file"_s,
                    serverData() + u"/keys/repository-%1.key"_s.arg(tenantId), u"check"_s, u"--read-data"_s });
    if (!process.waitForFinished(120000))
        return -1;
    if (output)
        *output = QString::fromUtf8(process.readAll());
    return process.exitCode();
}

QString sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

QMap<QString, QString> treeState(const QString &root)
{
    QMap<QString, QString> state;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        struct stat st {};
        if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
            continue;
        QString content;
        if (S_ISREG(st.st_mode))
            content = sha256Of(path);
        else if (S_ISLNK(st.st_mode)) {
            char target[4096];
            const ssize_t n = ::readlink(QFile::encodeName(path).constData(), target, sizeof target);
            content = QString::fromUtf8(target, n > 0 ? int(n) : 0);
        }
        const bool isDir = S_ISDIR(st.st_mode);
        // Directory mtimes are set last on restore; symlink times are not compared (lutimes
        // is not applied everywhere).
        const QString mtime = S_ISLNK(st.st_mode) ? QString() : QString::number(qint64(st.st_mtim.tv_sec));
        state.insert(path.mid(root.size()), u"%1 %2 %3 %4"_s.arg(st.st_mode, 0, 8)
                                                 .arg(isDir ? 0 : qint64(st.st_size)).arg(mtime, content));
    }
    return state;
}

QStringList treeDifferences(const QMap<QString, QString> &actual, const QMap<QString, QString> &expected)
{
    QStringList out;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        if (actual.value(it.key()) != it.value())
            out << u"%1: expected \"%2\", got \"%3\""_s.arg(it.key(), it.value(), actual.value(it.key(), u"(missing)"_s));
    for (auto it = actual.cbegin(); it != actual.cend(); ++it)
        if (!expected.contains(it.key()))
            out << u"%1: not expected"_s.arg(it.key());
    return out;
}

} // namespace Kura::Test
