#pragma once

#include "restoreitems.h"

#include <api/client/apiclient.h>

#include <QAbstractItemModel>
#include <QDateTime>

#include <functional>
#include <memory>
#include <vector>

namespace Kura::Models {

// A folder tree loaded lazily, one folder per call: the files of a generation
// (browseGeneration, the restore browser of SPEC §6) or a server's own file system as its
// agent sees it (browseServer, the folder picker). canFetchMore()/fetchMore() ask the lister
// for a folder when a view first expands it; meanwhile the folder has one "Loading..." row.
// Every entry has a check box; a folder's box is partially checked when only some of its
// loaded entries are, and entries loaded under a checked folder start checked. The checked
// entries, as the fewest paths that cover them, are checkedItems(). Entries can be dragged:
// mimeData() lists the selected entries in RestoreMimeType.
class RestoreTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { Name, Size, Modified, Type, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // QString: absolute path
        KindRole,                    // QString: "file", "directory", "symlink", "other"; empty for
                                     // the loading row
        SizeRole,                    // qint64 bytes
        LoadingRole,                 // bool: the "Loading..." row
        SortRole,                    // raw value of the cell
    };

    // Starts the listing of one folder; must answer through `done` (asynchronously, on the
    // model's thread) unless `context` died.
    using Lister = std::function<Api::Client::ApiCall(const QString &path, QObject *context,
                                                      Api::Client::Callback<Api::Client::FolderListing> done)>;

    explicit RestoreTreeModel(QObject *parent = nullptr);
    ~RestoreTreeModel() override;

    // A new tree: clears everything, aborts loads in flight and shows the top folder "/".
    // An empty lister leaves the model empty.
    void setLister(Lister lister);
    void clear();
    // Only folders (the folder picker); no check boxes.
    void setFoldersOnly(bool foldersOnly);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;

    // The index of `path` when it is loaded, else invalid.
    QModelIndex indexOf(const QString &path) const;
    bool isLoading() const { return m_loading > 0; }
    // True once the folder's listing arrived (or failed); the top folder for an invalid index.
    bool isLoaded(const QModelIndex &folder) const;
    // The checked entries: a fully checked folder stands for everything under it.
    QList<RestoreItem> checkedItems() const;
    // Checks exactly the loaded entries among `paths` (and everything under them); paths not
    // loaded are ignored.
    void setCheckedPaths(const QStringList &paths);
    // The item of one loaded entry.
    RestoreItem itemAt(const QModelIndex &index) const;

    void retranslate();

signals:
    // A folder finished loading (successfully or not).
    void folderLoaded(const QString &path);
    // A folder could not be listed; `reason` is translated.
    void loadFailed(const QString &path, const QString &reason);
    // The user (or setCheckedPaths) changed check boxes.
    void checksChanged();

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOfNode(const Node *node, int column = 0) const;
    void applyListing(const QString &path, const Api::Client::ApiResult<Api::Client::FolderListing> &result);
    void setSubtreeState(Node *node, Qt::CheckState state);
    void updateAncestors(Node *node);
    void emitSubtreeChanged(Node *node);
    void collectChecked(const Node *node, QList<RestoreItem> &out) const;

    Lister m_lister;
    std::unique_ptr<Node> m_root;
    QObject *m_context = nullptr; // owns the callbacks of one tree; replaced by setLister
    int m_loading = 0;
    bool m_foldersOnly = false;
};

// "Folder", "File", "Link", "Other" (translated) for an entry's kind.
QString entryKindText(const QString &kind);

} // namespace Kura::Models
