#pragma once

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class QToolBar;

namespace Kura::Models {
class GenerationsModel;
class ServersFilterModel;
class Session;
} // namespace Kura::Models

namespace Kura::Widgets {

class PlanDialog;
class TableSupport;

// The Servers page: the tenant's servers with filter and sort, the actions of SPEC §2-§4
// (protect, edit plan, unprotect, back up now, stop) and, for the selected server, its
// generations with their copies, plus the open alerts. Actions are enabled by the selection,
// the server's state and the user's role; every call is asynchronous.
class ServersView : public QWidget
{
    Q_OBJECT

public:
    explicit ServersView(Models::Session *session, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    // The selected server's id, 0 when none.
    qint64 selectedServerId() const;
    void selectServer(qint64 serverId);

    void protectSelected();
    void editPlanOfSelected();
    void unprotectSelected();
    void backUpSelected();
    void stopSelected();
    void acknowledgeSelectedAlert();
    // Opens the enrollment dialog (admin): a token and agent package for a new server.
    void enrollServer();
    // Deletes the selected server with all its data after a confirmation naming the amount.
    void deleteSelected();

signals:
    void statusMessage(const QString &text);
    // "Restore...": open the Restore page with this server selected.
    void restoreRequested(qint64 serverId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateActions();
    void loadGenerations();
    void openPlanDialog(bool protect);
    void submitPlan(PlanDialog *dialog, qint64 serverId, bool protect);
    void unprotect(qint64 serverId, bool confirmed);
    void deleteServer(qint64 serverId, bool confirmed);
    // The running or queued backup job of `serverId`, 0 when none.
    qint64 activeBackupOf(qint64 serverId) const;
    void updateEmptyState();

    Models::Session *m_session;
    Models::ServersFilterModel *m_filter;
    Models::GenerationsModel *m_generations;
    QToolBar *m_toolBar = nullptr;
    QAction *m_protect = nullptr;
    QAction *m_editPlan = nullptr;
    QAction *m_unprotect = nullptr;
    QAction *m_backUp = nullptr;
    QAction *m_stop = nullptr;
    QAction *m_enroll = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_restore = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_stateLabel = nullptr;
    QComboBox *m_state = nullptr;
    QLabel *m_empty = nullptr;
    QTableView *m_table = nullptr;
    QTabWidget *m_details = nullptr;
    QTableView *m_generationsTable = nullptr;
    QTableView *m_alertsTable = nullptr;
    QPushButton *m_acknowledge = nullptr;
};

} // namespace Kura::Widgets
