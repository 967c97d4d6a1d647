// kura-server and kura-agent as an administrator runs them (docs/cli.md, docs/operations.md):
// the real binaries as child processes, their exit codes, messages, files and signals.
#include "serverprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Kura::Test;

namespace {

const QString Password = u"a-long-password"_s;

// The permission bits of a file or folder, -1 if it does not exist.
int modeOf(const QString &path)
{
    struct stat info { };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

bool writeText(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

} // namespace

class tst_ServerCli : public QObject {
    Q_OBJECT

private slots:
    void init();

    // kura-server
    void emptyDataFolderNeedsTheInitOptions();
    void refusesAShortPassword();
    void rejectsBadCommandLines_data();
    void rejectsBadCommandLines();
    void rejectsBadConfigFiles_data();
    void rejectsBadConfigFiles();
    void acceptsTheExampleConfig();
    void takenPortIsExitOne();
    void listensAndStopsOnSigterm();
    void restartKeepsTenantAndCertificate();

    // kura-agent
    void agentRejectsBadCommandLines_data();
    void agentRejectsBadCommandLines();
    void agentEnrollsRunsAndStops();

private:
    QString path(const QString &name) const { return m_dir->path() + u'/' + name; }
    QStringList initArguments() const;
    // Replaces "@DIR@" in each argument by the test's folder.
    QStringList expand(const QStringList &arguments) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_ServerCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(writeText(path(u"password"_s), Password.toUtf8() + '\n'));
}

QStringList tst_ServerCli::initArguments() const
{
    return { u"--init-tenant"_s, u"acme"_s, u"--init-admin"_s, u"admin"_s,
        u"--init-password-file"_s, path(u"password"_s) };
}

QStringList tst_ServerCli::expand(const QStringList &arguments) const
{
    QStringList expanded;
    for (const QString &argument : arguments)
        expanded << QString(argument).replace(u"@DIR@"_s, m_dir->path());
    return expanded;
}

void tst_ServerCli::emptyDataFolderNeedsTheInitOptions()
{
    const ProgramRun run = runProgram(serverBinary(),
        { u"--data"_s, path(u"data"_s), u"--api-port"_s, u"0"_s, u"--agent-port"_s, u"0"_s,
            u"--agent-address"_s, u"127.0.0.1"_s });
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    for (const char *option : { "--init-tenant", "--init-admin", "--init-password-file" })
        QVERIFY2(run.err.contains(option), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(path(u"data"_s).toUtf8()), qPrintable(run.describe()));
}

void tst_ServerCli::refusesAShortPassword()
{
    QVERIFY(writeText(path(u"short"_s), "seven77\n"));
    ServerProcess server(path(u"data"_s), path(u"ports"_s));
    QVERIFY(!server.start({ u"--init-tenant"_s, u"acme"_s, u"--init-admin"_s, u"admin"_s,
        u"--init-password-file"_s, path(u"short"_s) }));
    const ProgramRun run = server.terminate();
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(run.err.contains("at least 8 characters"), qPrintable(run.describe()));
    // Nothing was created that a later start would take for a set-up server.
    QVERIFY(!server.start({}));
    QVERIFY2(server.terminate().err.contains("--init-tenant"), qPrintable(server.describe()));
}

void tst_ServerCli::rejectsBadCommandLines_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("named");
    QTest::newRow("no data folder") << QStringList {} << u"--data"_s;
    QTest::newRow("one init option without the others") << QStringList { u"--data"_s,
        u"@DIR@/data"_s, u"--init-tenant"_s, u"acme"_s } << u"--init-password-file"_s;
    QTest::newRow("password file missing") << QStringList { u"--data"_s, u"@DIR@/data"_s,
        u"--init-tenant"_s, u"acme"_s, u"--init-admin"_s, u"admin"_s, u"--init-password-file"_s,
        u"@DIR@/no-such-password"_s } << u"no-such-password"_s;
    QTest::newRow("API port above 65535") << QStringList { u"--data"_s, u"@DIR@/data"_s,
        u"--api-port"_s, u"70000"_s } << u"--api-port"_s;
    QTest::newRow("agent port not a number") << QStringList { u"--data"_s, u"@DIR@/data"_s,
        u"--agent-port"_s, u"http"_s } << u"--agent-port"_s;
    QTest::newRow("agent address not an IP") << QStringList { u"--data"_s, u"@DIR@/data"_s,
        u"--agent-address"_s, u"backup.example.com"_s }
                                             << u"--agent-address"_s;
    QTest::newRow("config file missing") << QStringList { u"--config"_s,
        u"@DIR@/no-such-server.json"_s } << u"no-such-server.json"_s;
}

void tst_ServerCli::rejectsBadCommandLines()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, named);
    const ProgramRun run = runProgram(serverBinary(), expand(arguments));
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(QString::fromUtf8(run.err).contains(named), qPrintable(run.describe()));
    QVERIFY2(run.err.startsWith("kura-server: "), qPrintable(run.describe()));
    QVERIFY2(!QFile::exists(path(u"data/tls/server.key"_s)), "a refused start made a TLS key");
}

void tst_ServerCli::rejectsBadConfigFiles_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QString>("named");
    QTest::newRow("unknown key") << QByteArray(R"({"dataFolder": "@DIR@/data", "apiPortt": 8640})")
                                 << u"apiPortt"_s;
    QTest::newRow("port out of range")
        << QByteArray(R"({"dataFolder": "@DIR@/data", "agentPort": 65536})") << u"agentPort"_s;
    QTest::newRow("port as a string")
        << QByteArray(R"({"dataFolder": "@DIR@/data", "apiPort": "8640"})") << u"apiPort"_s;
    QTest::newRow("address not an IP")
        << QByteArray(R"({"dataFolder": "@DIR@/data", "apiAddress": "localhost"})")
        << u"apiAddress"_s;
    QTest::newRow("tick below 100 ms")
        << QByteArray(R"({"dataFolder": "@DIR@/data", "tickIntervalMs": 10})")
        << u"tickIntervalMs"_s;
    QTest::newRow("fractional tick")
        << QByteArray(R"({"dataFolder": "@DIR@/data", "tickIntervalMs": 150.5})")
        << u"tickIntervalMs"_s;
    QTest::newRow("tick beyond int")
        << QByteArray(R"({"dataFolder": "@DIR@/data", "tickIntervalMs": 1e12})")
        << u"tickIntervalMs"_s;
    QTest::newRow("not an object") << QByteArray(R"(["dataFolder"])") << u"not a JSON object"_s;
    QTest::newRow("not JSON") << QByteArray("dataFolder = /var/lib/kura") << u"not a JSON object"_s;
    QTest::newRow("no data folder") << QByteArray(R"({"apiPort": 0})") << u"dataFolder"_s;
}

void tst_ServerCli::rejectsBadConfigFiles()
{
    QFETCH(QByteArray, config);
    QFETCH(QString, named);
    QVERIFY(writeText(path(u"server.json"_s), config.replace("@DIR@", m_dir->path().toUtf8())));
    const ProgramRun run = runProgram(serverBinary(), { u"--config"_s, path(u"server.json"_s) });
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(QString::fromUtf8(run.err).contains(named), qPrintable(run.describe()));
}

void tst_ServerCli::acceptsTheExampleConfig()
{
    // packaging/kura-server.json as shipped, with the test's folder and ports.
    const QString example = QStringLiteral(KURA_SOURCE_DIR) + u"/packaging/kura-server.json"_s;
    QVERIFY(QFile::exists(example));
    ServerProcess server(path(u"data"_s), path(u"ports"_s));
    QVERIFY2(server.start(QStringList { u"--config"_s, example } + initArguments()),
        qPrintable(server.describe()));
    const ProgramRun run = server.terminate();
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
}

void tst_ServerCli::takenPortIsExitOne()
{
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost));
    const ProgramRun run = runProgram(serverBinary(),
        QStringList { u"--data"_s, path(u"data"_s), u"--api-port"_s,
            QString::number(occupant.serverPort()), u"--agent-port"_s, u"0"_s, u"--agent-address"_s,
            u"127.0.0.1"_s }
            + initArguments());
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(
        run.err.contains(QByteArray::number(occupant.serverPort())), qPrintable(run.describe()));
}

void tst_ServerCli::listensAndStopsOnSigterm()
{
    const QString data = path(u"data"_s);
    ServerProcess server(data, path(u"ports"_s));
    QVERIFY2(server.start(initArguments()), qPrintable(server.describe()));

    // It answers: 401 without a token, and a login with the first administrator works.
    ApiCaller api(server.apiUrl());
    QCOMPARE(api.call("GET", u"/regions"_s).status, 401);
    QVERIFY(api.login(u"acme"_s, u"admin"_s, Password));
    QCOMPARE(api.call("GET", u"/regions"_s).status, 200);

    // The data folder as docs/cli.md describes it, readable by its owner only.
    QCOMPARE(modeOf(data), 0700);
    QVERIFY(QFile::exists(data + u"/catalog.sqlite"_s));
    QCOMPARE(modeOf(data + u"/tls/server.key"_s), 0600);
    const QList<QSslCertificate> certificate
        = QSslCertificate::fromPath(data + u"/tls/server.crt"_s);
    QCOMPARE(certificate.size(), 1);
    QCOMPARE(certificate.first().digest(QCryptographicHash::Sha256).toHex(),
        server.listening().fingerprint);

    const ProgramRun run = server.terminate();
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.elapsedMs < 5000, qPrintable(run.describe()));
    QVERIFY2(run.out.startsWith("kura-server "), qPrintable(run.describe()));
    QVERIFY2(run.out.contains(" listening: api=" + QByteArray::number(server.listening().apiPort)),
        qPrintable(run.describe()));
}

void tst_ServerCli::restartKeepsTenantAndCertificate()
{
    ServerProcess server(path(u"data"_s), path(u"ports"_s));
    QVERIFY2(server.start(initArguments()), qPrintable(server.describe()));
    const Listening first = server.listening();
    QCOMPARE(server.terminate().exitCode, 0);

    // No --init-* the second time: the tenant, its administrator and the TLS identity stay.
    QVERIFY2(server.start({}), qPrintable(server.describe()));
    QCOMPARE(server.listening().fingerprint, first.fingerprint);
    ApiCaller api(server.apiUrl());
    QVERIFY(api.login(u"acme"_s, u"admin"_s, Password));
    QCOMPARE(server.terminate().exitCode, 0);

    // --init-* on a set-up data folder change nothing (another password does not log in).
    QVERIFY(writeText(path(u"other-password"_s), "another-long-password\n"));
    QVERIFY2(server.start({ u"--init-tenant"_s, u"other"_s, u"--init-admin"_s, u"root"_s,
                 u"--init-password-file"_s, path(u"other-password"_s) }),
        qPrintable(server.describe()));
    ApiCaller again(server.apiUrl());
    QVERIFY(!again.login(u"other"_s, u"root"_s, u"another-long-password"_s));
    QVERIFY(again.login(u"acme"_s, u"admin"_s, Password));
    QCOMPARE(server.terminate().exitCode, 0);
}

void tst_ServerCli::agentRejectsBadCommandLines_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("named");
    QTest::newRow("no command") << QStringList {} << u"enroll or run"_s;
    QTest::newRow("unknown command") << QStringList { u"start"_s } << u"enroll or run"_s;
    QTest::newRow("two commands") << QStringList { u"enroll"_s, u"run"_s } << u"enroll or run"_s;
    QTest::newRow("enroll without a package")
        << QStringList { u"enroll"_s, u"--state"_s, u"@DIR@/state"_s } << u"--package"_s;
    QTest::newRow("package that is not a ZIP") << QStringList { u"enroll"_s, u"--package"_s,
        u"@DIR@/garbage.zip"_s, u"--state"_s, u"@DIR@/state"_s }
                                               << u"not a ZIP"_s;
    QTest::newRow("package missing") << QStringList { u"enroll"_s, u"--package"_s,
        u"@DIR@/absent.zip"_s, u"--state"_s, u"@DIR@/state"_s }
                                     << u"absent.zip"_s;
    QTest::newRow("run on an empty state folder")
        << QStringList { u"run"_s, u"--state"_s, u"@DIR@/state"_s } << u"agent.json"_s;
    QTest::newRow("run on a damaged state file")
        << QStringList { u"run"_s, u"--state"_s, u"@DIR@/damaged"_s } << u"not a JSON object"_s;
}

void tst_ServerCli::agentRejectsBadCommandLines()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, named);
    QVERIFY(writeText(path(u"garbage.zip"_s), "PK this is not really a ZIP file\n"));
    QVERIFY(QDir().mkpath(path(u"damaged"_s)));
    QVERIFY(writeText(path(u"damaged/agent.json"_s), "{\"format\": 1, \"primaryAddress\": "));
    const ProgramRun run = runProgram(agentBinary(), expand(arguments));
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(QString::fromUtf8(run.err).contains(named), qPrintable(run.describe()));
    QVERIFY2(run.err.startsWith("kura-agent: "), qPrintable(run.describe()));
    QVERIFY2(!QFile::exists(path(u"state/agent.json"_s)), "a refused command wrote a state file");
}

void tst_ServerCli::agentEnrollsRunsAndStops()
{
    ServerProcess server(path(u"data"_s), path(u"ports"_s));
    QVERIFY2(server.start(initArguments()), qPrintable(server.describe()));
    ApiCaller api(server.apiUrl());
    QVERIFY(api.login(u"acme"_s, u"admin"_s, Password));
    const ApiCaller::Reply token
        = api.call("POST", u"/enrollment-tokens"_s, { { u"region"_s, u"JP1"_s } });
    QCOMPARE(token.status, 201);
    const QByteArray package
        = QByteArray::fromBase64(token.json.value(u"package"_s).toString().toLatin1());
    QVERIFY(writeText(path(u"package.zip"_s), package));

    const QString state = path(u"agent"_s);
    const ProgramRun enroll = runProgram(agentBinary(),
        { u"enroll"_s, u"--package"_s, path(u"package.zip"_s), u"--state"_s, state });
    QVERIFY2(enroll.exitCode == 0, qPrintable(enroll.describe()));
    QVERIFY2(enroll.err.contains("enrolled as "), qPrintable(enroll.describe()));
    QCOMPARE(modeOf(state + u"/agent.json"_s), 0600);
    QFile stateFile(state + u"/agent.json"_s);
    QVERIFY(stateFile.open(QIODevice::ReadOnly));
    const QJsonObject saved = QJsonDocument::fromJson(stateFile.readAll()).object();
    QVERIFY(!saved.value(u"agentId"_s).toString().isEmpty());
    QVERIFY2(!saved.contains(u"token"_s), "the used token stays in agent.json");
    QCOMPARE(
        saved.value(u"certificateSha256"_s).toString().toLatin1(), server.listening().fingerprint);

    // Enrolled already: refused, naming the file to remove.
    const ProgramRun twice = runProgram(agentBinary(),
        { u"enroll"_s, u"--package"_s, path(u"package.zip"_s), u"--state"_s, state });
    QVERIFY2(twice.exitCode == 1, qPrintable(twice.describe()));
    QVERIFY2(twice.err.contains((state + u"/agent.json"_s).toUtf8()), qPrintable(twice.describe()));
    // The token is used: another machine enrolling with the same package is refused for good.
    const ProgramRun reused = runProgram(agentBinary(),
        { u"enroll"_s, u"--package"_s, path(u"package.zip"_s), u"--state"_s, path(u"other"_s) });
    QVERIFY2(reused.exitCode == 3, qPrintable(reused.describe()));
    QVERIFY2(reused.err.contains("refused"), qPrintable(reused.describe()));

    // `run` connects; the server shows the machine online; SIGTERM ends the agent with 0.
    QProcess agent;
    agent.start(agentBinary(), { u"run"_s, u"--state"_s, state });
    const auto online = [&] {
        const QJsonArray servers
            = api.call("GET", u"/servers"_s).json.value(u"servers"_s).toArray();
        return servers.size() == 1 && servers.first().toObject().value(u"online"_s).toBool();
    };
    QVERIFY(QTest::qWaitFor(online, 15000));
    agent.terminate();
    QVERIFY(QTest::qWaitFor([&] { return agent.state() == QProcess::NotRunning; }, 5000));
    QCOMPARE(agent.exitStatus(), QProcess::NormalExit);
    QVERIFY2(agent.exitCode() == 0, agent.readAllStandardError().constData());
    QVERIFY(QTest::qWaitFor([&] { return !online(); }, 15000));
    QCOMPARE(server.terminate().exitCode, 0);
}

QTEST_GUILESS_MAIN(tst_ServerCli)
#include "tst_servercli.moc"
