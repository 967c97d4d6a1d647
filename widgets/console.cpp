#include "console.h"

#include "connectionbanner.h"
#include "jobsview.h"
#include "languagemanager.h"
#include "logindialog.h"
#include "drview.h"
#include "mainwindow.h"
#include "regionsview.h"
#include "reportsview.h"
#include "restoreview.h"
#include "serversview.h"
#include "settingsview.h"
#include "usageview.h"

#include <api/client/apiclient.h>
#ifdef KURA_HAVE_EMBEDDED_SERVER
#include <embeddedserver.h>
#endif
#include <alertsmodel.h>
#include <modeltext.h>
#include <session.h>

#include <QDir>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

using Models::Session;

namespace {
constexpr int StatusMessageMs = 8000;
} // namespace

bool hasEmbeddedServer()
{
#ifdef KURA_HAVE_EMBEDDED_SERVER
    return true;
#else
    return false;
#endif
}

QString embeddedServerUnavailableReason()
{
    if (hasEmbeddedServer())
        return {};
    return Console::tr("This build of the console has no embedded server. Connect to a Kura "
                       "server by its address.");
}

Console::Console(LanguageManager *languages, QObject *parent)
    : QObject(parent)
    , m_languages(languages)
    , m_client(new Api::Client::ApiClient(this))
    , m_session(new Session(m_client, this))
    , m_window(new MainWindow)
{
    m_window->setAttribute(Qt::WA_DeleteOnClose, false);
    createPages();

    connect(m_window, &MainWindow::connectRequested, this, [this] { openLoginDialog(); });
    connect(m_window, &MainWindow::disconnectRequested, m_session, &Session::logout);
    connect(m_window, &MainWindow::refreshRequested, m_session, &Session::refreshAll);
    connect(m_window, &MainWindow::pageChanged, this, [this](Page page) {
        if (page == Page::Reports)
            m_session->refreshReport();
        else if (page == Page::Regions)
            m_session->refreshRegions();
        else if (page == Page::Jobs)
            m_session->refreshJobs();
    });
    connect(m_window->banner(), &ConnectionBanner::retryRequested, m_session, &Session::retryNow);
    connect(m_session, &Session::stateChanged, this, &Console::updateConnectionState);
    connect(m_session, &Session::connectionLost, this, [this](const QString &reason) {
        const int seconds = int(m_client->probeInterval().count() / 1000);
        m_window->banner()->showLost(m_session->url().toString(), reason, seconds);
    });
    connect(m_session, &Session::refreshFailed, this, &Console::showStatus);
    connect(m_session, &Session::loginFailed, this, [this](const QString &reason) {
        if (!m_login)
            openLoginDialog();
        m_login->showError(reason);
    });
    connect(m_languages, &LanguageManager::languageChanged, this, &Console::updateConnectionState);
    connect(m_languages, &LanguageManager::languageChanged, this, &Console::updateAlerts);
    connect(m_session->alerts(), &Models::AlertsModel::updated, this, &Console::updateAlerts);
    connect(m_session->alerts(), &QAbstractItemModel::modelReset, this, &Console::updateAlerts);
    updateConnectionState();
}

Console::~Console()
{
    delete m_window;
}

void Console::createPages()
{
    m_servers = new ServersView(m_session);
    m_jobs = new JobsView(m_session);
    m_reports = new ReportsView(m_session);
    m_regions = new RegionsView(m_session);
    m_restore = new RestoreView(m_session);
    m_settings = new SettingsView(m_languages, m_session);
    m_settings->setConnectionNote(embeddedServerUnavailableReason());
    m_window->setPage(Page::Servers, m_servers);
    m_window->setPage(Page::Jobs, m_jobs);
    m_window->setPage(Page::Restore, m_restore);
    m_window->setPage(Page::Reports, m_reports);
    m_window->setPage(Page::Regions, m_regions);
    m_window->setPage(Page::Settings, m_settings);
    m_usage = new UsageView(m_session);
    m_dr = new DrView(m_session);
    m_window->setPage(Page::Usage, m_usage);
    m_window->setPage(Page::DisasterRecovery, m_dr);
    connect(m_usage, &UsageView::statusMessage, this, &Console::showStatus);
    connect(m_servers, &ServersView::statusMessage, this, &Console::showStatus);
    connect(m_jobs, &JobsView::statusMessage, this, &Console::showStatus);
    connect(m_reports, &ReportsView::statusMessage, this, &Console::showStatus);
    connect(m_regions, &RegionsView::statusMessage, this, &Console::showStatus);
    connect(m_settings, &SettingsView::statusMessage, this, &Console::showStatus);
    connect(m_restore, &RestoreView::statusMessage, this, &Console::showStatus);
    connect(m_restore, &RestoreView::showJobsRequested, this, [this] { m_window->showPage(Page::Jobs); });
    connect(m_servers, &ServersView::restoreRequested, this, [this](qint64 serverId) {
        m_restore->selectServer(serverId);
        m_window->showPage(Page::Restore);
    });
    connect(m_settings, &SettingsView::connectRequested, this, [this] { openLoginDialog(); });
    connect(m_settings, &SettingsView::disconnectRequested, m_session, &Session::logout);
}

LoginDialog *Console::loginDialog() const
{
    return m_login.data();
}

void Console::start(const ConsoleOptions &options)
{
    m_window->show();
    if (!options.token.isEmpty() && options.url.isValid()) {
        m_session->useToken(options.url, options.token);
        return;
    }
    if (options.embedded && hasEmbeddedServer()) {
        startEmbeddedServer(options.dataFolder);
        return;
    }
    openLoginDialog(options);
}

void Console::startEmbeddedServer(const QString &dataFolder)
{
#ifdef KURA_HAVE_EMBEDDED_SERVER
    if (m_embedded) {
        // Started before (the user logged out since): log in again; still starting: wait.
        if (!m_embeddedToken.isEmpty())
            m_session->useToken(m_embeddedUrl, m_embeddedToken);
        return;
    }
    m_embeddedFolder = dataFolder.isEmpty() ? Models::EmbeddedServer::defaultDataFolder() : dataFolder;
    auto *server = new Models::EmbeddedServer(this);
    m_embedded = server;
    connect(server, &Models::EmbeddedServer::started, this, [this](const QUrl &url, const QString &token) {
        m_settings->setConnectionNote(tr("This console runs a local server with its data in \"%1\".")
                                          .arg(QDir::toNativeSeparators(m_embeddedFolder)));
        m_embeddedUrl = url;
        m_embeddedToken = token;
        m_session->useToken(url, token);
    });
    connect(server, &Models::EmbeddedServer::failed, this, [this](const QString &reason) {
        const QString text = tr("The local server could not start: %1").arg(reason);
        m_embedded->deleteLater();
        m_embedded = nullptr;
        openLoginDialog();
        if (m_login)
            m_login->showError(text);
    });
    m_window->setConnectionText(tr("Starting the local server..."), m_embeddedFolder);
    server->start(m_embeddedFolder);
#else
    Q_UNUSED(dataFolder);
    openLoginDialog();
    if (m_login)
        m_login->showError(embeddedServerUnavailableReason());
#endif
}

void Console::openLoginDialog(const ConsoleOptions &prefill)
{
    if (m_login) {
        m_login->raise();
        m_login->activateWindow();
        return;
    }
    m_login = new LoginDialog(m_window);
    m_login->setAttribute(Qt::WA_DeleteOnClose);
    if (prefill.url.isValid())
        m_login->setParameters(prefill.url, prefill.tenant, prefill.user);
    m_login->setLocalServerAvailable(hasEmbeddedServer(), embeddedServerUnavailableReason());
    connect(m_login, &LoginDialog::loginRequested, this, [this](const LoginParameters &p) {
        m_session->login(p.url, p.tenant, p.user, p.password);
    });
    connect(m_login, &LoginDialog::localServerRequested, this, [this] {
        m_login->setBusy(true);
        startEmbeddedServer();
    });
    m_login->open();
}

void Console::updateConnectionState()
{
    const auto state = m_session->state();
    const bool connected = state == Session::State::Connected;
    m_window->setConnected(connected);
    if (state != Session::State::Lost)
        m_window->banner()->hideBanner();
    if (connected && m_login)
        m_login->accept();
    const auto &identity = m_session->identity();
    const QString url = m_session->url().toString();
    switch (state) {
    case Session::State::Disconnected:
        m_window->setConnectionText(tr("Not connected"), QString());
        break;
    case Session::State::LoggingIn:
        m_window->setConnectionText(tr("Logging in..."), url);
        break;
    case Session::State::Connected:
        m_window->setConnectionText(tr("%1 (%2) at %3").arg(identity.user, Models::roleText(identity.role), m_client->baseUrl().host()),
                                    tr("Connected to \"%1\"").arg(url));
        break;
    case Session::State::Lost:
        m_window->setConnectionText(tr("Connection lost"), url);
        break;
    }
}

void Console::updateAlerts()
{
    const int open = m_session->alerts()->openCount();
    //: Status bar: alerts nobody has acknowledged yet (see the Alerts tab of the Servers page)
    m_window->setAlertsText(open > 0 ? tr("%n open alert(s)", nullptr, open) : QString());
}

void Console::showStatus(const QString &text)
{
    m_window->statusBar()->showMessage(text, StatusMessageMs);
}

} // namespace Kura::Widgets
