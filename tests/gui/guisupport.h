#pragma once

// Shared steps of the console's GUI tests: isolated settings, the English or Japanese language,
// and a console logged in to a DemoServer.
#include "demoserver.h"

#include <console.h>
#include <languagemanager.h>
#include <logindialog.h>
#include <session.h>

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

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

// Logs `session` in as `user` of the demo tenant; false when that did not happen within 10 s.
inline bool logIn(Models::Session &session, DemoServer &server, const QString &user)
{
    session.login(server.url(), QStringLiteral("acme"), user, QStringLiteral("pw-") + user);
    return QTest::qWaitFor([&session] { return session.state() == Models::Session::State::Connected; },
                           10000);
}

} // namespace Kura::Test
