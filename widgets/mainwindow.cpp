#include "mainwindow.h"

#include "connectionbanner.h"
#include "icons.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

namespace {
Icon pageIcon(Page page)
{
    switch (page) {
    case Page::Servers: return Icon::Servers;
    case Page::Jobs: return Icon::Jobs;
    case Page::Restore: return Icon::Restore;
    case Page::Reports: return Icon::Reports;
    case Page::Usage: return Icon::Usage;
    case Page::Regions: return Icon::Regions;
    case Page::DisasterRecovery: return Icon::DisasterRecovery;
    case Page::Settings: return Icon::Settings;
    }
    return Icon::App;
}

QString pageToolTip(Page page)
{
    switch (page) {
    case Page::Servers: return MainWindow::tr("Protected and unprotected servers, their plans and state");
    case Page::Jobs: return MainWindow::tr("Queued, running and finished backups and restores");
    case Page::Restore: return MainWindow::tr("Restore files or a system from a generation");
    case Page::Reports: return MainWindow::tr("Every job of the last 14 days, with filter and CSV export");
    case Page::Usage: return MainWindow::tr("Protected data volume per server and the monthly charge");
    case Page::Regions: return MainWindow::tr("Storage regions, double-storage pairs and their health");
    case Page::DisasterRecovery: return MainWindow::tr("State and steps of the backup server's disaster recovery");
    case Page::Settings: return MainWindow::tr("Language, connection and information about the console");
    }
    return {};
}

const QString GeometryKey = u"mainWindow/geometry"_s;
const QString StateKey = u"mainWindow/state"_s;
const QString SplitterKey = u"mainWindow/splitter"_s;
const QString PageKey = u"mainWindow/page"_s;
} // namespace

QString pageTitle(Page page)
{
    switch (page) {
    case Page::Servers: return MainWindow::tr("Servers");
    case Page::Jobs: return MainWindow::tr("Jobs");
    case Page::Restore: return MainWindow::tr("Restore");
    case Page::Reports: return MainWindow::tr("Reports");
    case Page::Usage: return MainWindow::tr("Usage");
    case Page::Regions: return MainWindow::tr("Regions");
    case Page::DisasterRecovery: return MainWindow::tr("Disaster Recovery");
    case Page::Settings: return MainWindow::tr("Settings");
    }
    return {};
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(icon(Icon::App));
    createNavigation();
    createActions();
    createMenus();

    m_banner = new ConnectionBanner(this);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_banner);
    rightLayout->addWidget(m_stack, 1);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_navigation);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({ 190, 900 });
    setCentralWidget(m_splitter);

    m_alertsLabel = new QLabel(this);
    m_alertsLabel->setObjectName(u"alertsStatus"_s);
    m_alertsLabel->setContentsMargins(0, 0, 16, 0);
    m_alertsLabel->hide();
    statusBar()->addPermanentWidget(m_alertsLabel);
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(u"connectionStatus"_s);
    statusBar()->addPermanentWidget(m_connectionLabel);

    retranslateUi();
    restoreSettings();
    setConnected(false);
}

MainWindow::~MainWindow() = default;

void MainWindow::createNavigation()
{
    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(u"navigation"_s);
    m_navigation->setIconSize(QSize(24, 24));
    m_navigation->setSpacing(2);
    m_navigation->setMinimumWidth(150);
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(u"pages"_s);
    for (int index = 0; index < PageCount; ++index) {
        auto *item = new QListWidgetItem(icon(pageIcon(Page(index))), QString(), m_navigation);
        item->setData(Qt::UserRole, index);
        m_stack->addWidget(new QWidget(m_stack));
    }
    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        m_stack->setCurrentIndex(row);
        emit pageChanged(Page(row));
    });
    m_navigation->setCurrentRow(0);
}

void MainWindow::createActions()
{
    m_connectAction = new QAction(icon(Icon::Connect), QString(), this);
    m_connectAction->setObjectName(u"connectAction"_s);
    m_connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::connectRequested);

    m_disconnectAction = new QAction(icon(Icon::Disconnect), QString(), this);
    m_disconnectAction->setObjectName(u"disconnectAction"_s);
    connect(m_disconnectAction, &QAction::triggered, this, &MainWindow::disconnectRequested);

    m_refreshAction = new QAction(icon(Icon::Refresh), QString(), this);
    m_refreshAction->setObjectName(u"refreshAction"_s);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refreshRequested);

    m_quitAction = new QAction(this);
    m_quitAction->setObjectName(u"quitAction"_s);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(icon(Icon::App), QString(), this);
    m_aboutAction->setObjectName(u"aboutAction"_s);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    for (int index = 0; index < PageCount; ++index) {
        auto *action = new QAction(icon(pageIcon(Page(index))), QString(), this);
        action->setObjectName(u"pageAction%1"_s.arg(index + 1));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
        connect(action, &QAction::triggered, this, [this, index] { showPage(Page(index)); });
        m_pageActions << action;
    }
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_connectAction);
    m_fileMenu->addAction(m_disconnectAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);
    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addActions(m_pageActions);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_refreshAction);
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::setPage(Page page, QWidget *view)
{
    const int index = int(page);
    QWidget *old = m_stack->widget(index);
    const bool wasCurrent = m_stack->currentIndex() == index;
    m_stack->insertWidget(index, view);
    m_stack->removeWidget(old);
    old->deleteLater();
    if (wasCurrent)
        m_stack->setCurrentIndex(index);
}

QWidget *MainWindow::page(Page page) const
{
    return m_stack->widget(int(page));
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(int(page));
}

Page MainWindow::currentPage() const
{
    return Page(m_stack->currentIndex());
}

void MainWindow::setConnectionText(const QString &text, const QString &toolTip)
{
    m_connectionLabel->setText(text);
    m_connectionLabel->setToolTip(toolTip);
}

void MainWindow::setAlertsText(const QString &text)
{
    m_alertsLabel->setText(text);
    m_alertsLabel->setVisible(!text.isEmpty());
}

void MainWindow::setConnected(bool connected)
{
    m_disconnectAction->setEnabled(connected);
    m_refreshAction->setEnabled(connected);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Kura Backup Console"));
    for (int index = 0; index < PageCount; ++index) {
        QListWidgetItem *item = m_navigation->item(index);
        item->setText(pageTitle(Page(index)));
        item->setToolTip(pageToolTip(Page(index)));
        m_pageActions[index]->setText(pageTitle(Page(index)));
        m_pageActions[index]->setStatusTip(pageToolTip(Page(index)));
    }
    m_navigation->setAccessibleName(tr("Navigation"));
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    m_connectAction->setText(tr("&Connect to Server..."));
    m_connectAction->setStatusTip(tr("Log in to a Kura server by its address"));
    m_disconnectAction->setText(tr("&Disconnect"));
    m_disconnectAction->setStatusTip(tr("Log out and close the connection to the server"));
    m_refreshAction->setText(tr("&Refresh"));
    m_refreshAction->setStatusTip(tr("Load the current page's data from the server again"));
    m_quitAction->setText(tr("&Quit"));
    m_aboutAction->setText(tr("&About Kura"));
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray()))
        resize(1180, 720);
    restoreState(settings.value(StateKey).toByteArray());
    m_splitter->restoreState(settings.value(SplitterKey).toByteArray());
    const int page = settings.value(PageKey, 0).toInt();
    if (page >= 0 && page < PageCount)
        showPage(Page(page));
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    settings.setValue(SplitterKey, m_splitter->saveState());
    settings.setValue(PageKey, int(currentPage()));
}

void MainWindow::showAbout()
{
    // Non-modal to the event loop: open() returns at once, the box deletes itself when closed.
    auto *box = new QMessageBox(QMessageBox::Information, tr("About Kura"),
                                tr("<p><b>Kura %1</b></p><p>A backup system for fleets of servers: "
                                   "agents, a backup server and this console.</p>"
                                   "<p>Built with Qt %2.</p>")
                                    .arg(QApplication::applicationVersion(),
                                         QString::fromLatin1(qVersion())),
                                QMessageBox::Close, this);
    box->setObjectName(u"aboutBox"_s);
    box->setIconPixmap(icon(Icon::App).pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace Kura::Widgets
