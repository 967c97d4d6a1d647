// kura-server: the backup server (docs/cli.md, "kura-server").
#include <server/serverhost.h>

#include <core/termination.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

void printErr(const QString &text)
{
    std::fprintf(stderr, "kura-server: %s\n", qPrintable(text));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"kura-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(KURA_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Kura backup server: catalog, scheduler, repositories, agent listener and HTTP API."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({ u"config"_s, u"JSON settings file (see docs/cli.md)."_s, u"FILE"_s });
    parser.addOption({ u"data"_s, u"Data folder (overrides the config's dataFolder)."_s, u"DIR"_s });
    parser.addOption({ u"api-port"_s, u"HTTP API port on the API address (0: any free port)."_s, u"PORT"_s });
    parser.addOption({ u"agent-port"_s, u"Agent listener port (0: any free port)."_s, u"PORT"_s });
    parser.addOption({ u"agent-address"_s, u"Address the agent listener binds to."_s, u"IP"_s });
    parser.addOption({ u"tick-ms"_s, u"How often the scheduler looks at the clock, in milliseconds."_s, u"MS"_s });
    parser.addOption({ u"init-tenant"_s, u"First start only: name of the first tenant."_s, u"NAME"_s });
    parser.addOption({ u"init-admin"_s, u"First start only: user name of its administrator."_s, u"USER"_s });
    parser.addOption({ u"init-password-file"_s, u"First start only: file holding the administrator's password."_s, u"FILE"_s });
    parser.addOption({ u"ports-file"_s, u"Write \"api=PORT agent=PORT fingerprint=HEX\" to this file once listening."_s, u"FILE"_s });
    parser.process(app);

    Kura::Server::ServerConfig config;
    if (parser.isSet(u"config"_s)) {
        auto loaded = Kura::Server::ServerConfig::load(parser.value(u"config"_s));
        if (!loaded) {
            printErr(loaded.error().message());
            return 2;
        }
        config = *loaded;
    }
    if (parser.isSet(u"data"_s))
        config.dataFolder = parser.value(u"data"_s);
    auto portOption = [&](const QString &name, quint16 &target) {
        if (!parser.isSet(name))
            return true;
        bool ok = false;
        const uint port = parser.value(name).toUInt(&ok);
        if (!ok || port > 65535) {
            printErr(u"--%1: \"%2\" is not a port number"_s.arg(name, parser.value(name)));
            return false;
        }
        target = quint16(port);
        return true;
    };
    if (!portOption(u"api-port"_s, config.apiPort) || !portOption(u"agent-port"_s, config.agentPort))
        return 2;
    if (parser.isSet(u"agent-address"_s) && !config.agentAddress.setAddress(parser.value(u"agent-address"_s))) {
        printErr(u"--agent-address: \"%1\" is not an IP address"_s.arg(parser.value(u"agent-address"_s)));
        return 2;
    }
    if (parser.isSet(u"tick-ms"_s)) {
        bool ok = false;
        config.tickIntervalMs = parser.value(u"tick-ms"_s).toInt(&ok);
        if (!ok || config.tickIntervalMs < 100) {
            printErr(u"--tick-ms: \"%1\" is not a number of milliseconds >= 100"_s.arg(parser.value(u"tick-ms"_s)));
            return 2;
        }
    }
    if (config.dataFolder.isEmpty()) {
        printErr(u"no data folder: give --data DIR or \"dataFolder\" in --config"_s);
        return 2;
    }
    std::optional<Kura::Server::InitialAdmin> admin;
    if (parser.isSet(u"init-tenant"_s) || parser.isSet(u"init-admin"_s) || parser.isSet(u"init-password-file"_s)) {
        if (!parser.isSet(u"init-tenant"_s) || !parser.isSet(u"init-admin"_s) || !parser.isSet(u"init-password-file"_s)) {
            printErr(u"--init-tenant, --init-admin and --init-password-file go together"_s);
            return 2;
        }
        QFile file(parser.value(u"init-password-file"_s));
        if (!file.open(QIODevice::ReadOnly)) {
            printErr(u"cannot read the password file \"%1\": %2"_s.arg(file.fileName(), file.errorString()));
            return 2;
        }
        admin = Kura::Server::InitialAdmin { parser.value(u"init-tenant"_s), parser.value(u"init-admin"_s),
                                             QString::fromUtf8(file.readAll()).trimmed() };
    }

    // SIGTERM and SIGINT end the event loop; the host then closes agent sessions, flushes
    // what is in flight and closes the catalog. Installed before anything is announced.
    if (const Kura::Status handled = Kura::quitEventLoopOnTermination(); !handled) {
        printErr(handled.error().message());
        return 1;
    }

    auto host = Kura::Server::ServerHost::start(config, admin);
    if (!host) {
        printErr(host.error().message());
        return host.error().code() == Kura::ErrorCode::InvalidArgument ? 2 : 1;
    }
    const QString listening = u"api=%1 agent=%2 fingerprint=%3"_s.arg((*host)->apiPort()).arg((*host)->agentPort())
                                  .arg(QString::fromLatin1((*host)->certificateFingerprint().toHex()));
    std::fprintf(stdout, "kura-server %s listening: %s\n", KURA_VERSION, qPrintable(listening));
    std::fflush(stdout);
    if (parser.isSet(u"ports-file"_s)) {
        QSaveFile ports(parser.value(u"ports-file"_s));
        if (!ports.open(QIODevice::WriteOnly) || ports.write(listening.toUtf8() + '\n') < 0 || !ports.commit()) {
            printErr(u"cannot write the ports file \"%1\": %2"_s.arg(ports.fileName(), ports.errorString()));
            return 1;
        }
    }
    const int code = app.exec();
    host->reset();
    return code;
}
