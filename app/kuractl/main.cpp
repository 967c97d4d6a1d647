// kuractl: the command-line client of kura-server's HTTP API (docs/cli.md).
#include "cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kuractl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KURA_VERSION));
    Kuractl::Cli cli;
    QObject::connect(
        &cli, &Kuractl::Cli::finished, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    if (const auto code
        = cli.start(QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment()))
        return *code;
    return app.exec();
}
