#pragma once

// Shared steps of the console's GUI tests: isolated settings, the English or Japanese language,
// and a console logged in to a DemoServer.
#include "demoserver.h"

#include <console.h>
#include <languagemanager.h>
#include <logindialog.h>
#include <serversmodel.h>
#include <session.h>

#include <QApplication>
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace Kura::Test {

// Call in initTestCase(): settings go to a test location of their own (the application name
// stays the executable's, so tests running in parallel do not share a settings file) and start
// empty.
inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KuraTest"));
    QSettings().clear();
}

// Call in initTestCase() of a console test: isolated settings and the console in English.
// Returns the language manager (owned by `owner`), or nullptr when English could not be loaded.
inline Widgets::LanguageManager *startInEnglish(QObject *owner)
{
    isolateSettings();
    auto *languages = new Widgets::LanguageManager(owner);
    return languages->setLanguage(Widgets::Language::English) ? languages : nullptr;
}

// The demo server with its fleet of six servers, and a console started without connecting
// (its login dialog dismissed). False when the server could not start or be seeded.
inline bool startDemoConsole(std::unique_ptr<DemoServer> &server, std::unique_ptr<Widgets::Console> &console,
                             Widgets::LanguageManager *languages)
{
    server = std::make_unique<DemoServer>();
    if (!server->ok() || !server->seedDemoFleet())
        return false;
    console = std::make_unique<Widgets::Console>(languages);
    console->start({});
    console->loginDialog()->reject();
    return true;
}

// Logs `session` in as `user` of the demo tenant; false when that did not happen within 10 s.
inline bool logIn(Models::Session &session, DemoServer &server, const QString &user)
{
    session.login(server.url(), QStringLiteral("acme"), user, QStringLiteral("pw-") + user);
    return QTest::qWaitFor([&session] { return session.state() == Models::Session::State::Connected; },
                           10000);
}

// The visible top-level widget named `objectName` (a dialog a page opened), waiting up to 5 s
// for it; nullptr when none appeared.
template<class T>
T *waitForTopLevel(const QString &objectName)
{
    T *found = nullptr;
    (void)QTest::qWaitFor([&] {
        for (QWidget *widget : QApplication::topLevelWidgets())
            if (widget->objectName() == objectName && widget->isVisible())
                found = qobject_cast<T *>(widget);
        return found != nullptr;
    }, 5000);
    return found;
}

// The id of the server named `name` in the session's server list, 0 when it is not there.
inline qint64 serverIdByName(const Models::Session &session, const QString &name)
{
    const auto *servers = session.servers();
    for (int row = 0; row < servers->rowCount(); ++row)
        if (servers->serverAt(row).name == name)
            return servers->idAt(row);
    return 0;
}

} // namespace Kura::Test
