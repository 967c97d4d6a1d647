#pragma once

#include <QHash>
#include <QWidget>

class QButtonGroup;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTreeView;

namespace Kura::Api::Client {
struct RestoreRequest;
}
namespace Kura::Models {
class GenerationsModel;
struct RestoreItem;
class RestoreSearchModel;
class RestoreSelectionModel;
class RestoreTargetsModel;
class RestoreTreeModel;
class Session;
} // namespace Kura::Models

namespace Kura::Widgets {

class RestoreSearchPanel;

// The Restore page (SPEC §6): choose a server and one of its generations (with its local and
// remote copies), browse the generation as a tree loaded folder by folder or search all of it
// by name on the server, pick files and folders with check boxes or by dragging them (from the
// tree or the search results) onto the restore list, choose the target
// server (servers the policy refuses are listed disabled, with the reason), the place
// (original location or another folder) and what happens to existing files; a summary
// confirms before the restore job starts, which then shows in Jobs.
class RestoreView : public QWidget
{
    Q_OBJECT

public:
    enum class Overwrite { Skip, Overwrite, KeepBoth };

    explicit RestoreView(Models::Session *session, QWidget *parent = nullptr);

    // Selects the source server (the Servers page's "Restore..."); loads its generations.
    void selectServer(qint64 serverId);
    qint64 serverId() const;
    // Selects one of the loaded generations; false when it is not listed.
    bool selectGeneration(qint64 generationId);
    qint64 generationId() const;
    // Chooses the target among the allowed ones; false when it is refused or not listed.
    bool selectTarget(qint64 serverId);
    qint64 targetServerId() const;
    // Empty: the original location; else the other folder.
    void setTargetFolder(const QString &folder);
    // A system generation: the device or image file the target writes the image to.
    void setTargetDevice(const QString &device);
    // True while the chosen generation is a system image (restored whole, to a device).
    bool isSystemRestore() const { return m_system; }
    void setOverwrite(Overwrite overwrite);
    // Opens the summary; the restore starts when the user confirms it.
    void requestRestore();

    QTreeView *tree() const { return m_tree; }
    QTableView *restoreList() const { return m_list; }
    QComboBox *targetCombo() const { return m_target; }
    QTableView *generationsTable() const { return m_generationsTable; }
    Models::RestoreTreeModel *treeModel() const { return m_treeModel; }
    Models::RestoreSelectionModel *selection() const { return m_selection; }
    Models::RestoreTargetsModel *targets() const { return m_targets; }
    QLineEdit *searchField() const { return m_search; }
    Models::RestoreSearchModel *searchModel() const { return m_searchModel; }
    RestoreSearchPanel *searchPanel() const { return m_searchPanel; }

signals:
    void statusMessage(const QString &text);
    // The user asked to see the started restore in Jobs.
    void showJobsRequested();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createTargetBox();
    void retranslateUi();
    void loadGenerations();
    void generationChanged();
    void loadTargets();
    void treeChecksChanged();
    void selectionChanged();
    void searchTextChanged(const QString &text);
    void searchCheckRequested(const Models::RestoreItem &item, bool checked);
    void removeSelectedItems();
    void browseTargetFolder();
    void updateState();
    // Why the restore cannot start now; empty when it can.
    QString blocker() const;
    Api::Client::RestoreRequest request() const;
    void startRestore(const Api::Client::RestoreRequest &request);
    // The summary's text (rich text) for a file or a system restore.
    QString filesSummary(const Api::Client::RestoreRequest &restore, const QString &when, const QString &source,
                         const QString &target) const;
    QString systemSummary(const Api::Client::RestoreRequest &restore, const QString &when, const QString &source,
                          const QString &target) const;
    QString overwriteName() const;

    Models::Session *m_session;
    Models::GenerationsModel *m_generations;
    Models::RestoreTreeModel *m_treeModel;
    QSortFilterProxyModel *m_treeFilter;
    Models::RestoreSelectionModel *m_selection;
    Models::RestoreTargetsModel *m_targets;
    Models::RestoreSearchModel *m_searchModel;
    qint64 m_loadedGeneration = 0;
    bool m_system = false;
    QHash<qint64, QString> m_generationKinds; // generation id -> "file_backup", "system_backup"
    bool m_syncing = false;

    QLabel *m_serverLabel = nullptr;
    QComboBox *m_server = nullptr;
    QLabel *m_generationsLabel = nullptr;
    QTableView *m_generationsTable = nullptr;
    QLabel *m_generationNote = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_searchNote = nullptr;
    QTreeView *m_tree = nullptr;
    RestoreSearchPanel *m_searchPanel = nullptr;
    QStackedWidget *m_browseStack = nullptr; // the tree, or the search results while searching
    QLabel *m_listLabel = nullptr;
    QTableView *m_list = nullptr;
    QLabel *m_listNote = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_clear = nullptr;
    QGroupBox *m_targetBox = nullptr;
    QLabel *m_targetLabel = nullptr;
    QComboBox *m_target = nullptr;
    QLabel *m_targetNote = nullptr;
    QLabel *m_placeLabel = nullptr;
    QRadioButton *m_original = nullptr;
    QRadioButton *m_other = nullptr;
    QLineEdit *m_folder = nullptr;
    QPushButton *m_browse = nullptr;
    QLabel *m_deviceLabel = nullptr;
    QLineEdit *m_device = nullptr;
    QLabel *m_systemNote = nullptr;
    QFormLayout *m_targetForm = nullptr;
    QLabel *m_overwriteLabel = nullptr;
    QComboBox *m_overwrite = nullptr;
    QPushButton *m_start = nullptr;
    QLabel *m_blocker = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace Kura::Widgets
