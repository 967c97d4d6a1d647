// kura: the desktop console (SPEC §1). Parses the command line, loads the language and starts
// the console; everything else lives in kura_widgets.
#include <console.h>
#include <languagemanager.h>

#include <QApplication>
#include <QCommandLineParser>

#include <api/client/apiclient.h>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Kura"_s);
    QApplication::setApplicationName(u"kura"_s);
    QApplication::setApplicationVersion(QStringLiteral(KURA_VERSION));

    Kura::Widgets::LanguageManager languages;
    languages.restore();

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "The Kura backup console. Without --connect it starts its own local server."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption connectOption(u"connect"_s,
        QApplication::translate("main", "Log in to the server at <url>."), u"url"_s);
    const QCommandLineOption tenantOption(u"tenant"_s,
        QApplication::translate("main", "Tenant to log in to."), u"tenant"_s);
    const QCommandLineOption userOption(u"user"_s,
        QApplication::translate("main", "User name to log in as."), u"user"_s);
    const QCommandLineOption tokenEnv(u"token-from-env"_s,
        QApplication::translate("main", "Use the API key in the KURA_TOKEN environment variable "
                                        "instead of a password."));
    parser.addOptions({ connectOption, tenantOption, userOption, tokenEnv });
    parser.process(app);

    Kura::Widgets::ConsoleOptions options;
    if (parser.isSet(connectOption)) {
        auto url = Kura::Api::Client::ApiClient::parseBaseUrl(parser.value(connectOption));
        if (!url) {
            std::fprintf(stderr, "kura: --connect: %s\n", qPrintable(url.error().message()));
            return 2;
        }
        options.url = *url;
    }
    options.tenant = parser.value(tenantOption);
    options.user = parser.value(userOption);
    if (parser.isSet(tokenEnv))
        options.token = qEnvironmentVariable("KURA_TOKEN");
    // Without a server to connect to, the console runs its own (SPEC §1).
    options.embedded = !parser.isSet(connectOption);

    Kura::Widgets::Console console(&languages);
    console.start(options);
    return QApplication::exec();
}
