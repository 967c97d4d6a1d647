// kura_screenshots: starts a demo server on 127.0.0.1, logs the console in and saves a PNG of
// every page (and of the login and plan dialogs) in English and Japanese:
// <out>/<lang>/<nn>-<page>.png. Run by tests/gui/screenshots.sh under Xvfb.
#include "guisupport.h"

#include <catalog/userstore.h>

#include <logindialog.h>
#include <mainwindow.h>
#include <enrollmentdialog.h>
#include <plandialog.h>
#include <generationsmodel.h>
#include <regionsmodel.h>
#include <reportmodel.h>
#include <reportsview.h>
#include <restoresearchmodel.h>
#include <restoreselectionmodel.h>
#include <restoretargetsmodel.h>
#include <restoretreemodel.h>
#include <restoreview.h>
#include <serversmodel.h>
#include <jobsview.h>
#include <serversview.h>

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QScreen>
#include <QStatusBar>
#include <QAbstractProxyModel>
#include <QTableView>
#include <QTimer>
#include <QTreeView>

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

// The demo server runs no agents, so the Restore page's tree is fed with this demo generation.
Models::RestoreTreeModel::Lister demoGeneration()
{
    using Api::Client::FileEntry;
    const QDateTime when = QDateTime::currentDateTimeUtc().addDays(-1);
    const auto folder = [&](const QString &name) { return FileEntry { name, u"directory"_s, 0, when }; };
    const auto file = [&](const QString &name, qint64 size) { return FileEntry { name, u"file"_s, size, when.addSecs(-size % 86400) }; };
    const QHash<QString, QList<FileEntry>> folders {
        { u"/"_s, { folder(u"etc"_s), folder(u"srv"_s), folder(u"var"_s) } },
        { u"/srv"_s, { folder(u"www"_s), file(u"README"_s, 812) } },
        { u"/srv/www"_s, { folder(u"html"_s), folder(u"uploads"_s), file(u"robots.txt"_s, 68) } },
        { u"/srv/www/html"_s, { folder(u"css"_s), folder(u"img"_s), file(u"about.html"_s, 14220), file(u"contact.html"_s, 9310),
                                file(u"index.html"_s, 23544), file(u"shop.html"_s, 48108) } },
        { u"/srv/www/uploads"_s, { folder(u"2026-10"_s), folder(u"2026-11"_s) } },
    };
    return [folders](const QString &path, QObject *context, Api::Client::Callback<Api::Client::FolderListing> done) {
        QTimer::singleShot(0, context, [folders, path, done] { done(Api::Client::FolderListing { path, folders.value(path), false }); });
        return Api::Client::ApiCall();
    };
}

// The server's search of the demo generation: also entries of folders the tree never opened.
Models::RestoreSearchModel::Searcher demoSearch()
{
    using Api::Client::SearchMatch;
    const QDateTime when = QDateTime::currentDateTimeUtc().addDays(-1);
    const auto entry = [&](const QString &path, const QString &kind, qint64 size) {
        return SearchMatch { { path.section(u'/', -1), kind, size, when.addSecs(-size % 86400) }, path };
    };
    const QList<SearchMatch> all {
        entry(u"/srv/www/html"_s, u"directory"_s, 0), entry(u"/srv/www/html/about.html"_s, u"file"_s, 14220),
        entry(u"/srv/www/html/contact.html"_s, u"file"_s, 9310), entry(u"/srv/www/html/index.html"_s, u"file"_s, 23544),
        entry(u"/srv/www/html/shop.html"_s, u"file"_s, 48108),
        entry(u"/srv/www/html/archive/2025/index-old.html"_s, u"file"_s, 21877),
        entry(u"/var/backups/site/html-export-2026-11.tar.gz"_s, u"file"_s, 18342211),
    };
    return [all](const QString &text, QObject *context, Api::Client::Callback<Api::Client::GenerationSearch> done) {
        QTimer::singleShot(0, context, [all, text, done] {
            Api::Client::GenerationSearch answer { text, {}, false };
            for (const SearchMatch &match : all)
                if (match.name.contains(text, Qt::CaseInsensitive))
                    answer.entries << match;
            done(answer);
        });
        return Api::Client::ApiCall();
    };
}

// The Restore page searching the whole generation for "html", then back to the tree.
bool saveRestoreSearch(Widgets::Console &console, const QString &path)
{
    Widgets::RestoreView *view = console.restoreView();
    view->searchModel()->setSearcher(demoSearch());
    view->searchField()->setText(u"html"_s);
    (void)QTest::qWaitFor([&] { return view->searchModel()->state() == Models::RestoreSearchModel::State::Done; }, 3000);
    const bool ok = save(console.window(), path);
    view->searchField()->clear();
    return ok;
}

// The Restore page of web-01: its newest generation, the tree opened down to /srv/www/html,
// two files and a folder on the restore list, another folder as the target.
void prepareRestorePage(Widgets::Console &console)
{
    Widgets::RestoreView *view = console.restoreView();
    const qint64 web = 1;
    view->selectServer(web);
    const auto *generations = qobject_cast<Models::GenerationsModel *>(view->generationsTable()->model());
    (void)QTest::qWaitFor([&] {
        return generations->serverId() == web && view->generationId() != 0 && view->targets()->rowCount() > 0;
    }, 5000);
    Models::RestoreTreeModel *tree = view->treeModel();
    tree->setLister(demoGeneration());

    auto *proxy = qobject_cast<QAbstractProxyModel *>(view->tree()->model());
    for (const QString &path : { u"/srv"_s, u"/srv/www"_s, u"/srv/www/html"_s, u"/srv/www/uploads"_s }) {
        (void)QTest::qWaitFor([&] { return tree->indexOf(path).isValid(); }, 3000);
        view->tree()->expand(proxy->mapFromSource(tree->indexOf(path)));
    }
    (void)QTest::qWaitFor([&] { return tree->indexOf(u"/srv/www/uploads/2026-11"_s).isValid(); }, 3000);
    tree->setData(tree->indexOf(u"/srv/www/html/index.html"_s), Qt::Checked, Qt::CheckStateRole);
    tree->setData(tree->indexOf(u"/srv/www/html/shop.html"_s), Qt::Checked, Qt::CheckStateRole);
    view->selection()->addItems({ tree->itemAt(tree->indexOf(u"/srv/www/uploads/2026-11"_s)) });
    view->tree()->selectionModel()->select(proxy->mapFromSource(tree->indexOf(u"/srv/www/uploads/2026-11"_s)),
                                           QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->setTargetFolder(u"/srv/restored"_s);
    console.window()->statusBar()->clearMessage(); // the real listing's refusal: no agents here
}

// Two API keys of the admin for the Settings page: one in use, one revoked.
bool seedApiKeys(Test::DemoServer &server)
{
    Catalog::UserStore users(server.db());
    auto list = users.list(server.tenant());
    if (!list || list->isEmpty())
        return false;
    const qint64 admin = list->first().id;
    const qint64 now = server.clock.nowMs();
    auto ci = users.createApiKey(server.tenant(), admin, u"nightly-ci"_s, now - 20 * 86400000LL, Catalog::Role::Operator);
    auto dashboard = users.createApiKey(server.tenant(), admin, u"wall-dashboard"_s, now - 9 * 86400000LL, Catalog::Role::Viewer);
    return ci && dashboard && users.authenticateApiKey(server.tenant(), ci->token, now - 3600000)
        && users.revokeApiKey(server.tenant(), dashboard->id);
}

// The Restore page's target list open: the servers the policy refuses are disabled, with the
// reason. The list is a popup window of its own, so the screen is grabbed.
bool saveRestoreTargets(Widgets::Console &console, const QString &path)
{
    QComboBox *targets = console.restoreView()->targetCombo();
    targets->showPopup();
    QTest::qWait(500);
    // The list is wider than the box (the reasons are long): keep it inside the window.
    QWidget *popup = targets->view()->window();
    const QRect area = console.window()->frameGeometry();
    if (popup->frameGeometry().right() > area.right())
        popup->move(area.right() - popup->frameGeometry().width(), popup->y());
    QTest::qWait(300);
    const QPixmap pixmap = console.window()->screen()->grabWindow(0, area.x(), area.y(), area.width(), area.height());
    targets->hidePopup();
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
    if (!seedApiKeys(server))
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
        if (page == int(Widgets::Page::Restore))
            prepareRestorePage(console);
        QTest::qWait(700);
        // The demo server has no agents and no repositories: what the pages ask of them fails
        // and says so in the status bar, which is not what the pictures are about.
        console.window()->statusBar()->clearMessage();
        ok = save(console.window(), u"%1/%2-%3.png"_s.arg(dir).arg(page + 1, 2, 10, QLatin1Char('0')).arg(names.at(page))) && ok;
        if (page == int(Widgets::Page::Restore)) {
            ok = saveRestoreTargets(console, dir + u"/03-restore-targets.png"_s) && ok;
            ok = saveRestoreSearch(console, dir + u"/03-restore-search.png"_s) && ok;
        }
    }

    // The plan dialog of web-01 (JP1, double storage with JP2).
    const auto web = console.session()->servers()->serverById(1);
    if (web) {
        Widgets::PlanDialog dialog(*web, console.session()->regions()->region(web->region), console.window());
        dialog.setFolderBrowser(console.session()->client());
        dialog.show();
        if (QTest::qWaitForWindowExposed(&dialog))
            ok = save(&dialog, dir + u"/09-plan-dialog.png"_s) && ok;
    }
    // The enrollment dialog with a token just created for JP1, and an older token in the list.
    {
        Widgets::EnrollmentDialog dialog(console.session(), console.window());
        (void)QTest::qWaitFor([&] { return dialog.findChild<QComboBox *>(u"enrollRegion"_s)->count() > 0; }, 5000);
        auto *region = dialog.findChild<QComboBox *>(u"enrollRegion"_s);
        region->setCurrentIndex(region->findData(u"JP1"_s));
        dialog.createToken();
        (void)QTest::qWaitFor([&] { return dialog.created().id != 0; }, 5000);
        dialog.show();
        QTest::qWait(300);
        if (QTest::qWaitForWindowExposed(&dialog))
            ok = save(&dialog, dir + u"/10-enrollment-dialog.png"_s) && ok;
    }
    // A failed job of the report in full, with its log.
    {
        console.window()->showPage(Widgets::Page::Reports);
        auto *table = console.reportsView()->findChild<QTableView *>(u"reportTable"_s);
        const QAbstractItemModel *model = table->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, Models::ReportModel::Result).data(Models::ReportModel::ResultRole).toInt()
                != int(Api::Client::JobState::Failed))
                continue;
            emit table->activated(model->index(row, 0));
            QWidget *dialog = nullptr;
            (void)QTest::qWaitFor([&] {
                for (QWidget *widget : QApplication::topLevelWidgets())
                    if (widget->objectName() == u"jobDetailsDialog"_s && widget->isVisible())
                        dialog = widget;
                return dialog != nullptr;
            }, 5000);
            if (dialog && QTest::qWaitForWindowExposed(dialog)) {
                QTest::qWait(300);
                ok = save(dialog, dir + u"/11-job-details.png"_s) && ok;
                dialog->close();
            }
            break;
        }
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
