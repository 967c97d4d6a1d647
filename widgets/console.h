#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>

namespace Kura::Api::Client {
class ApiClient;
}
namespace Kura::Models {
class Session;
}

namespace Kura::Widgets {

class DrView;
class JobsView;
class LanguageManager;
class LoginDialog;
class MainWindow;
class RegionsView;
class ReportsView;
class RestoreView;
class ServersView;
class SettingsView;
class UsageView;

// How the console starts: a server to log in to (the login dialog opens with these values), or
// a server and a token to use directly (an API key, or the embedded server's token).
struct ConsoleOptions
{
    QUrl url;
    QString tenant;
    QString user;
    QString token;
    // Start the embedded server and connect to it (kura without --connect). When this build
    // has none, the login dialog opens and says why.
    bool embedded = false;
    QString dataFolder; // of the embedded server; empty: EmbeddedServer::defaultDataFolder()

    // Open the login dialog filled with these values.
    static ConsoleOptions login(const QUrl &url, const QString &tenant, const QString &user)
    {
        ConsoleOptions options;
        options.url = url;
        options.tenant = tenant;
        options.user = user;
        return options;
    }
};

// Builds the console: the API client and the session with its models, the main window with
// every page, the login dialog, the connection banner and the status bar, and wires them. It
// lives on the GUI thread and owns everything it builds.
class Console : public QObject
{
    Q_OBJECT

public:
    explicit Console(LanguageManager *languages, QObject *parent = nullptr);
    ~Console() override;

    // Shows the main window, then logs in with options.token, or opens the login dialog.
    void start(const ConsoleOptions &options);

    MainWindow *window() const { return m_window; }
    Models::Session *session() const { return m_session; }
    Api::Client::ApiClient *client() const { return m_client; }
    ServersView *serversView() const { return m_servers; }
    JobsView *jobsView() const { return m_jobs; }
    ReportsView *reportsView() const { return m_reports; }
    RestoreView *restoreView() const { return m_restore; }
    RegionsView *regionsView() const { return m_regions; }
    SettingsView *settingsView() const { return m_settings; }
    UsageView *usageView() const { return m_usage; }
    DrView *drView() const { return m_dr; }
    // The login dialog while it is open, else null.
    LoginDialog *loginDialog() const;

    void openLoginDialog(const ConsoleOptions &prefill = {});
    // Starts the embedded server (once) and logs in to it when it runs.
    void startEmbeddedServer(const QString &dataFolder = {});

private:
    void createPages();
    void updateConnectionState();
    void showStatus(const QString &text);
    void updateAlerts();

    LanguageManager *m_languages;
    Api::Client::ApiClient *m_client;
    Models::Session *m_session;
    MainWindow *m_window;
    ServersView *m_servers = nullptr;
    JobsView *m_jobs = nullptr;
    ReportsView *m_reports = nullptr;
    RestoreView *m_restore = nullptr;
    RegionsView *m_regions = nullptr;
    SettingsView *m_settings = nullptr;
    UsageView *m_usage = nullptr;
    DrView *m_dr = nullptr;
    QPointer<LoginDialog> m_login;
    QObject *m_embedded = nullptr; // Models::EmbeddedServer when this build has one
    QString m_embeddedFolder;
    QUrl m_embeddedUrl;
    QString m_embeddedToken;
};

// Why the console cannot start its embedded server (translated); empty when it can.
bool hasEmbeddedServer();
QString embeddedServerUnavailableReason();

} // namespace Kura::Widgets
