// kura-repo: work with one Kura repository, without a server.
#include "repocommands.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>

namespace {
std::atomic<bool> interrupted { false };
void onSignal(int) { interrupted = true; }
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kura-repo"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KURA_VERSION));
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Work with one Kura repository without a server.\n\nCommands:\n"
        "  init                          create a repository\n"
        "  backup PATH...                back up files and folders (--image: one device or image file)\n"
        "  snapshots                     list snapshots\n"
        "  ls SNAPSHOT [PATH]            list the files of a snapshot\n"
        "  restore SNAPSHOT --target DIR restore files (--include PATH to choose)\n"
        "  restore-image SNAPSHOT --target FILE  write an image snapshot to a file or device\n"
        "  check [--read-data]           verify the repository\n"
        "  forget [--keep-within D] [--keep-last N] [--prune]  remove snapshots by rules\n"
        "  prune                         delete data no snapshot uses\n"
        "  stats                         repository statistics\n"
        "  key list|add|passwd|remove ID manage passphrases\n\n"
        "SNAPSHOT is an id, a unique prefix of one, or \"latest\". The repository comes from -r or\n"
        "KURA_REPOSITORY, the passphrase from KURA_PASSWORD or --password-file."));
    parser.addHelpOption();
    parser.addVersionOption();
    addCommandOptions(parser);
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The command to run."));
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "kura-repo: %s\n", qPrintable(parser.errorText()));
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(ExitOk);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();

    QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty()) {
        std::fputs(qPrintable(parser.helpText()), stderr);
        return ExitUsage;
    }
    const QString command = arguments.takeFirst();
    CommandContext context { parser, arguments, interrupted };
    return runCommand(command, context);
}
