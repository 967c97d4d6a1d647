#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace Kura::Api::Client {
class ApiClient;
}
namespace Kura::Models {
class RestoreTreeModel;
}

namespace Kura::Widgets {

// Picks a folder on a server's own file system, as its agent sees it now (GET
// /servers/{id}/files, loaded one folder at a time): the Restore page's "Browse..." for the
// target folder. The path can also be typed.
class RestoreFolderDialog : public QDialog
{
    Q_OBJECT

public:
    RestoreFolderDialog(Api::Client::ApiClient *client, qint64 serverId, const QString &serverName,
                        const QString &path, QWidget *parent = nullptr);

    QString path() const;
    // Replaces the explanation above the tree (the default speaks of a restore target).
    void setIntro(const QString &text);
    QTreeView *tree() const { return m_tree; }

private:
    void updateOk();

    Models::RestoreTreeModel *m_model;
    QLabel *m_intro = nullptr;
    QTreeView *m_tree = nullptr;
    QLabel *m_pathLabel = nullptr;
    QLineEdit *m_path = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Kura::Widgets
