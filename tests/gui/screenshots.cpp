// kura_screenshots: starts a demo server on 127.0.0.1, logs the console in and saves a PNG of
// every page (and of the login and plan dialogs) in English and Japanese:
// <out>/<lang>/<nn>-<page>.png. Run by tests/gui/screenshots.sh under Xvfb.
#include "guisupport.h"

#include <logindialog.h>
#include <mainwindow.h>
#include <plandialog.h>
#include <regionsmodel.h>
#include <serversmodel.h>
#include <jobsview.h>
#include <serversview.h>

#include <QApplication>
#include <QDir>
#include <QScreen>
#include <QTableView>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Kura;

namespace {

bool save(QWidget *widget, const QString &path)
{
    QTest::qWait(300); // let pending polls and paints settle
    const QPixmap pixmap = widget->grab();
    if (!pixmap.save(path)) {
        std::fprintf(stderr, "kura_screenshots: cannot write %s\n", qPrintable(path));
        return false;
    }
    std::printf("%s\n", qPrintable(path));
    return true;
}

bool shootLanguage(Widgets::LanguageManager &languages, Widgets::Language language, const QString &dir)
{
    QSettings().clear(); // each language starts with fitted columns, not the other's widths
    if (!languages.setLanguage(language) || !QDir().mkpath(dir))
        return false;
    Test::DemoServer server;
    if (!server.ok() || !server.seedDemoFleet())
        return false;
    Widgets::Console console(&languages);
    console.window()->resize(1280, 780);
    console.start(Widgets::ConsoleOptions::login(server.url(), u"acme"_s, u"admin"_s));
    if (!QTest::qWaitForWindowExposed(console.window()))
        return false;
    bool ok = save(console.loginDialog(), dir + u"/00-login.png"_s);
    console.loginDialog()->reject();
    if (!Test::logIn(*console.session(), server, u"admin"_s))
        return false;
    (void)QTest::qWaitFor([&] { return console.session()->servers()->rowCount() == 6; }, 5000);
    console.session()->refreshRegions();
    (void)QTest::qWaitFor([&] { return console.session()->regions()->rowCount() > 0; }, 5000);

    const QStringList names { u"servers"_s, u"jobs"_s, u"restore"_s, u"reports"_s, u"usage"_s,
                              u"regions"_s, u"disaster-recovery"_s, u"settings"_s };
    for (int page = 0; page < Widgets::PageCount; ++page) {
        console.window()->showPage(Widgets::Page(page));
        if (page == int(Widgets::Page::Servers))
            console.serversView()->selectServer(console.session()->servers()->idAt(
                console.session()->servers()->rowOf(1)));
        if (page == int(Widgets::Page::Jobs)) {
            QTableView *jobs = console.jobsView()->table();
            jobs->selectRow(4); // a failed job: its log and reason show below
        }
        QTest::qWait(700);
        ok = save(console.window(), u"%1/%2-%3.png"_s.arg(dir).arg(page + 1, 2, 10, QLatin1Char('0')).arg(names.at(page))) && ok;
    }

    // The plan dialog of web-01 (JP1, double storage with JP2).
    const auto web = console.session()->servers()->serverById(1);
    if (web) {
        Widgets::PlanDialog dialog(*web, console.session()->regions()->region(web->region), console.window());
        dialog.show();
        if (QTest::qWaitForWindowExposed(&dialog))
            ok = save(&dialog, dir + u"/09-plan-dialog.png"_s) && ok;
    }
    console.window()->close();
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: kura_screenshots OUTPUT_DIR\n");
        return 2;
    }
    Test::isolateSettings();
    QApplication::setApplicationVersion(u"0.1.0"_s);
    Widgets::LanguageManager languages;
    const QString out = QString::fromLocal8Bit(argv[1]);
    bool ok = shootLanguage(languages, Widgets::Language::English, out + u"/en"_s);
    ok = shootLanguage(languages, Widgets::Language::Japanese, out + u"/ja"_s) && ok;
    return ok ? 0 : 1;
}
