// kura-agent: the agent on every protected server (docs/cli.md, "kura-agent").
#include <agent/agent.h>
#include <protocol/agentpackage.h>

#include <core/termination.h>

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

void say(const QString &text)
{
    std::fprintf(stderr, "kura-agent: %s\n", qPrintable(text));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"kura-agent"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(KURA_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Kura agent.\n"
                                     "  kura-agent enroll --package FILE [--state DIR]   enroll once, then exit\n"
                                     "  kura-agent run [--state DIR]                     serve the server (as a service)"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"command"_s, u"enroll or run"_s);
    parser.addOption({ u"state"_s, u"State folder (identity, local cache). Default /var/lib/kura-agent."_s, u"DIR"_s,
                       u"/var/lib/kura-agent"_s });
    parser.addOption({ u"package"_s, u"Agent package (ZIP) from the server, for enroll."_s, u"FILE"_s });
    parser.addOption({ u"flavor"_s, u"Flavor label reported to the server (e.g. the VM size)."_s, u"LABEL"_s });
    parser.addOption({ u"workers"_s, u"Backup/restore threads (0: one per core for backups, twice the cores for restores)."_s, u"N"_s, u"0"_s });
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1 || (args[0] != u"enroll"_s && args[0] != u"run"_s)) {
        say(u"give one command: enroll or run (see --help)"_s);
        return 2;
    }
    const bool enrollOnly = args[0] == u"enroll"_s;
    Kura::Agent::AgentSettings settings;
    settings.stateFolder = parser.value(u"state"_s);
    settings.flavor = parser.value(u"flavor"_s);
    bool workersOk = false;
    settings.workers = parser.value(u"workers"_s).toInt(&workersOk);
    if (!workersOk || settings.workers < 0 || settings.workers > 256) {
        say(u"--workers: \"%1\" is not a number 0..256"_s.arg(parser.value(u"workers"_s)));
        return 2;
    }

    Kura::Agent::AgentState state;
    if (enrollOnly) {
        if (!parser.isSet(u"package"_s)) {
            say(u"enroll needs --package FILE"_s);
            return 2;
        }
        auto package = Kura::Protocol::readAgentPackageFile(parser.value(u"package"_s));
        if (!package) {
            say(package.error().message());
            return 2;
        }
        if (auto existing = Kura::Agent::AgentState::load(settings.stateFolder); existing && existing->isEnrolled()) {
            say(u"this agent is enrolled already as \"%1\"; remove %2 to enroll it again"_s
                    .arg(existing->agentId, Kura::Agent::AgentState::fileIn(settings.stateFolder)));
            return 1;
        }
        state.primaryAddress = package->primaryAddress;
        state.drAddress = package->drAddress;
        state.certificateSha256 = package->certificateSha256;
        state.token = package->token;
        state.region = package->region;
        if (const Kura::Status saved = state.save(settings.stateFolder); !saved) {
            say(saved.error().message());
            return 1;
        }
    } else {
        auto loaded = Kura::Agent::AgentState::load(settings.stateFolder);
        if (!loaded) {
            say(loaded.error().message());
            return 2;
        }
        state = *loaded;
    }

    Kura::Agent::Agent agent(settings, state);
    int exitCode = 0;
    QObject::connect(&agent, &Kura::Agent::Agent::ready, &app, [&](const QString &agentId) {
        say(u"connected to %1 as %2"_s.arg(agent.state().primaryAddress, agentId.isEmpty() ? agent.state().agentId : agentId));
        if (enrollOnly) {
            say(u"enrolled as %1"_s.arg(agent.state().agentId));
            QCoreApplication::quit();
        }
    });
    QObject::connect(&agent, &Kura::Agent::Agent::disconnected, &app, [&](const QString &reason) {
        say(u"not connected: %1"_s.arg(reason));
    });
    QObject::connect(&agent, &Kura::Agent::Agent::stopped, &app, [&](const QString &reason) {
        say(u"stopped: %1"_s.arg(reason));
        exitCode = 3;
        QCoreApplication::quit();
    });
    if (const Kura::Status handled = Kura::quitEventLoopOnTermination(); !handled) {
        say(handled.error().message());
        return 1;
    }
    agent.start();
    const int code = app.exec();
    agent.stop();
    return exitCode ? exitCode : code;
}
