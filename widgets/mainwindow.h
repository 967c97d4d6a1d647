#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QListWidget;
class QSplitter;
class QStackedWidget;

namespace Kura::Widgets {

class ConnectionBanner;

// The pages of the navigation list, in their order (SPEC: Servers · Jobs · Restore · Reports ·
// Usage · Regions · Disaster recovery · Settings). Ctrl+1 .. Ctrl+8 select them.
enum class Page { Servers, Jobs, Restore, Reports, Usage, Regions, DisasterRecovery, Settings };
constexpr int PageCount = 8;

// The console's main window: navigation on the left, the current page on the right under the
// connection banner, a menu with keyboard shortcuts and a status bar. It owns no data; the
// pages are set by whoever builds the console (Console), and the window reports the user's
// requests as signals. Geometry, window state and the splitter are kept in QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Puts `view` in place of the page's current widget; the window takes ownership.
    void setPage(Page page, QWidget *view);
    QWidget *page(Page page) const;
    void showPage(Page page);
    Page currentPage() const;

    ConnectionBanner *banner() const { return m_banner; }
    // The permanent text at the right of the status bar (who is connected where).
    void setConnectionText(const QString &text, const QString &toolTip);
    void setConnected(bool connected);
    // The status bar's alert indicator; hidden for an empty text.
    void setAlertsText(const QString &text);

signals:
    void connectRequested();
    void disconnectRequested();
    void refreshRequested();
    void pageChanged(Kura::Widgets::Page page);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createNavigation();
    void createActions();
    void createMenus();
    void retranslateUi();
    void restoreSettings();
    void saveSettings() const;
    void showAbout();

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    QSplitter *m_splitter = nullptr;
    ConnectionBanner *m_banner = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_alertsLabel = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_disconnectAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QList<QAction *> m_pageActions;
};

// The translated name of a page, as shown in the navigation list and the View menu.
QString pageTitle(Page page);

} // namespace Kura::Widgets
