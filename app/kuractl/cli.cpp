#include "cli.h"

#include "format.h"

using namespace Qt::StringLiterals;

namespace Kuractl {
namespace {

const QString ServerOption = u"server"_s;
const QString TokenOption = u"token"_s;
const QString FingerprintOption = u"fingerprint"_s;
const QString TimeoutOption = u"timeout"_s;

QList<Command> allCommands()
{
    return readCommands() + changeCommands() + restoreCommands() + enrollCommands()
        + adminCommands();
}

const QStringList GlobalValueOptions
    = { u"--server"_s, u"--token"_s, u"--fingerprint"_s, u"--timeout"_s };

// The index of the command in `arguments`: the first argument that is neither a global
// option nor a global option's value. -1 when there is none.
qsizetype commandIndex(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == u"--"_s)
            return i + 1 < arguments.size() ? i + 1 : -1;
        if (!argument.startsWith(u'-'))
            return i;
        if (GlobalValueOptions.contains(argument))
            ++i;
    }
    return -1;
}

QString commandHelp(const Command &command, const QCommandLineParser &parser)
{
    QString text = parser.helpText();
    // QCommandLineParser's first line names the program only; name the command too.
    const qsizetype end = text.indexOf(u'\n');
    text.replace(0, end,
        u"Usage: kuractl [global options] %1 %2 [options]"_s.arg(command.name, command.arguments)
            .trimmed());
    return text;
}

} // namespace

QString globalHelp(const QCommandLineParser &global)
{
    QString text = global.helpText();
    text.replace(
        0, text.indexOf(u'\n'), u"Usage: kuractl [global options] COMMAND [arguments] [options]"_s);
    Table table({ u"Commands:"_s, QString() });
    for (const Command &command : allCommands())
        table.addRow(
            { u"  "_s + (command.name + u' ' + command.arguments).trimmed(), command.summary });
    text += u"\n"_s + table.toString();
    text += u"\nSERVER is a server's id or name. \"kuractl COMMAND --help\" shows a command's "
            u"options.\n"
            u"\nExit codes:\n"
            u"  0  success\n"
            u"  1  a failed job, or any other error\n"
            u"  2  bad command line, or a confirmation is missing\n"
            u"  3  not found (server, job, alert, token, region, API key)\n"
            u"  4  refused by policy or by the current state (HTTP 409)\n"
            u"  5  unauthorized: bad or expired token, role not allowed, certificate not trusted\n"
            u"  6  the server cannot be reached or did not answer in time\n"_s;
    return text;
}

Cli::Cli()
{
    m_global.setApplicationDescription(u"Command-line client of the Kura backup server's API."_s);
    m_global.addOptions({
        { ServerOption, u"The server's address, http[s]://host:port (default: $KURA_SERVER)."_s,
            u"URL"_s },
        { TokenOption, u"A session token or API key (default: $KURA_TOKEN)."_s, u"TOKEN"_s },
        { FingerprintOption,
            u"Trust a self-signed server whose certificate has this SHA-256 "
            "(default: $KURA_FINGERPRINT)."_s,
            u"SHA256"_s },
        { TimeoutOption, u"Seconds to wait for an answer (default 30)."_s, u"SECONDS"_s, u"30"_s },
    });
    m_global.addHelpOption();
    m_global.addVersionOption();
}

Cli::~Cli() = default;

std::optional<int> Cli::start(const QStringList &arguments, const QProcessEnvironment &environment)
{
    const qsizetype index = commandIndex(arguments);
    const QStringList globalPart = index < 0 ? arguments : arguments.mid(0, index);
    if (!m_global.parse(globalPart)) {
        printErr(u"kuractl: %1\n"_s.arg(m_global.errorText()));
        return ExitUsage;
    }
    if (m_global.isSet(u"version"_s)) {
        printOut(u"kuractl %1\n"_s.arg(QCoreApplication::applicationVersion()));
        return ExitOk;
    }
    if (m_global.isSet(u"help"_s) || index < 0) {
        (index < 0 && !m_global.isSet(u"help"_s) ? printErr : printOut)(globalHelp(m_global));
        return m_global.isSet(u"help"_s) ? ExitOk : ExitUsage;
    }
    const QString name = arguments.at(index);
    for (const Command &command : allCommands()) {
        if (command.name != name)
            continue;
        QStringList commandPart = arguments.mid(index);
        commandPart[0] = arguments.first();
        if (auto code = parseCommand(command, commandPart))
            return code;
        if (auto code = configureClient(environment, command.name != u"login"_s))
            return code;
        m_session = std::make_unique<Session>(
            *m_client, m_commandOptions, m_commandOptions.positionalArguments());
        connect(m_session.get(), &Session::finished, this, &Cli::finished);
        command.run(*m_session);
        return std::nullopt;
    }
    printErr(u"kuractl: unknown command \"%1\" (kuractl --help lists them)\n"_s.arg(name));
    return ExitUsage;
}

// Parses the command's own options and arguments. An exit code when it must stop here.
std::optional<int> Cli::parseCommand(const Command &command, const QStringList &arguments)
{
    m_commandOptions.addOptions(command.options);
    m_commandOptions.addHelpOption();
    if (!m_commandOptions.parse(arguments)) {
        printErr(u"kuractl %1: %2\n"_s.arg(command.name, m_commandOptions.errorText()));
        return ExitUsage;
    }
    if (m_commandOptions.isSet(u"help"_s)) {
        printOut(commandHelp(command, m_commandOptions));
        return ExitOk;
    }
    const qsizetype count = m_commandOptions.positionalArguments().size();
    if (count < command.minArguments || count > command.maxArguments) {
        printErr(u"kuractl %1: expected %2\nUsage: kuractl %1 %3\n"_s.arg(command.name,
            command.maxArguments == 0 ? u"no arguments"_s : command.arguments, command.arguments));
        return ExitUsage;
    }
    return std::nullopt;
}

std::optional<int> Cli::configureClient(const QProcessEnvironment &environment, bool needsToken)
{
    auto setting = [&](const QString &option, const QString &variable) {
        return m_global.isSet(option) ? m_global.value(option) : environment.value(variable);
    };
    const QString address = setting(ServerOption, u"KURA_SERVER"_s);
    if (address.isEmpty()) {
        printErr(u"kuractl: no server address: use --server URL or KURA_SERVER\n"_s);
        return ExitUsage;
    }
    const auto url = Client::ApiClient::parseBaseUrl(address);
    if (!url) {
        printErr(u"kuractl: %1\n"_s.arg(url.error().message()));
        return ExitUsage;
    }
    const QString token = setting(TokenOption, u"KURA_TOKEN"_s);
    if (needsToken && token.isEmpty()) {
        printErr(
            u"kuractl: no token: use --token TOKEN or KURA_TOKEN (kuractl login prints one)\n"_s);
        return ExitUsage;
    }
    bool ok = false;
    const double seconds = m_global.value(TimeoutOption).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 86400) {
        printErr(u"kuractl: --timeout \"%1\": expected seconds from 0 to 86400\n"_s.arg(
            m_global.value(TimeoutOption)));
        return ExitUsage;
    }
    m_client = std::make_unique<Client::ApiClient>();
    m_client->setBaseUrl(*url);
    m_client->setToken(token);
    m_client->setTimeout(std::chrono::milliseconds(qint64(seconds * 1000)));
    m_client->setProbeInterval(std::chrono::milliseconds(0)); // one-shot: no probing
    const QString fingerprint = setting(FingerprintOption, u"KURA_FINGERPRINT"_s);
    if (!fingerprint.isEmpty()) {
        const auto pin = Client::ApiClient::parseFingerprint(fingerprint);
        if (!pin) {
            printErr(u"kuractl: %1\n"_s.arg(pin.error().message()));
            return ExitUsage;
        }
        m_client->setPinnedCertificate(*pin);
    }
    return std::nullopt;
}

} // namespace Kuractl
