#include "restorefolderdialog.h"

#include <api/client/apiclient.h>
#include <restoretreemodel.h>

#include <QDialogButtonBox>
#include <QFileIconProvider>
#include <QFormLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

namespace {
// Adds the folder icon to the model's names.
class FolderIcons : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DecorationRole && index.column() == 0
            && !index.data(Models::RestoreTreeModel::LoadingRole).toBool())
            return m_icons.icon(QAbstractFileIconProvider::Folder);
        return QIdentityProxyModel::data(index, role);
    }

private:
    QFileIconProvider m_icons;
};
} // namespace

RestoreFolderDialog::RestoreFolderDialog(Api::Client::ApiClient *client, qint64 serverId,
                                         const QString &serverName, const QString &path, QWidget *parent)
    : QDialog(parent)
    , m_model(new Models::RestoreTreeModel(this))
{
    setObjectName(u"restoreFolderDialog"_s);
    setWindowTitle(tr("Choose a Folder on \"%1\"").arg(serverName));
    m_model->setFoldersOnly(true);
    auto *proxy = new FolderIcons(this);
    proxy->setSourceModel(m_model);

    m_intro = new QLabel(tr("The folders of \"%1\" as its agent sees them now. The restored "
                            "entries are placed below the chosen folder, each under its "
                            "original path.").arg(serverName), this);
    m_intro->setWordWrap(true);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(u"folderTree"_s);
    m_tree->setModel(proxy);
    m_tree->setUniformRowHeights(true);
    for (int column = Models::RestoreTreeModel::Size; column < Models::RestoreTreeModel::ColumnCount; ++column)
        m_tree->hideColumn(column);
    m_tree->header()->hide();
    m_path = new QLineEdit(path, this);
    m_path->setObjectName(u"folderPath"_s);
    m_pathLabel = new QLabel(tr("&Folder:"), this);
    m_pathLabel->setBuddy(m_path);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    auto *pathRow = new QFormLayout;
    pathRow->addRow(m_pathLabel, m_path);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_tree, 1);
    layout->addLayout(pathRow);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    resize(520, 460);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        const QString chosen = current.data(Models::RestoreTreeModel::PathRole).toString();
        if (!chosen.isEmpty())
            m_path->setText(chosen);
    });
    connect(m_model, &Models::RestoreTreeModel::loadFailed, this, [this](const QString &folder, const QString &reason) {
        m_error->setText(tr("%1 could not be listed: %2").arg(folder, reason));
        m_error->show();
    });
    connect(m_path, &QLineEdit::textChanged, this, &RestoreFolderDialog::updateOk);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_model->setLister([client, serverId](const QString &folder, QObject *context,
                                          Api::Client::Callback<Api::Client::FolderListing> done) {
        return client->browseServer(serverId, folder, 1000, context, std::move(done));
    });
    updateOk();
}

QString RestoreFolderDialog::path() const
{
    return m_path->text().trimmed();
}

void RestoreFolderDialog::setIntro(const QString &text)
{
    m_intro->setText(text);
}

void RestoreFolderDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(path().startsWith(u'/'));
}

} // namespace Kura::Widgets
