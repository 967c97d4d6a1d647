#include "restoretreemodel.h"

#include "modeltext.h"

#include <QMimeData>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Kura::Models {

using namespace Api::Client;

struct RestoreTreeModel::Node
{
    enum class Load { NotLoaded, Loading, Loaded, Failed };

    QString name;
    QString path;
    QString kind;
    qint64 size = 0;
    QDateTime modified;
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
    Load load = Load::NotLoaded;
    bool placeholder = false;
    bool truncated = false;
    QString error;
    Qt::CheckState check = Qt::Unchecked;

    bool isFolder() const { return !placeholder && (kind == u"directory"_s || !parent); }
};

QString entryKindText(const QString &kind)
{
    if (kind == u"directory"_s)
        return Tr::tr("Folder");
    if (kind == u"file"_s)
        return Tr::tr("File");
    if (kind == u"symlink"_s)
        return Tr::tr("Link");
    return Tr::tr("Other");
}

namespace {
QString childPath(const QString &folder, const QString &name)
{
    return folder == u"/"_s ? u"/"_s + name : folder + u'/' + name;
}
} // namespace

RestoreTreeModel::RestoreTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
    m_root->path = u"/"_s;
    m_root->kind = u"directory"_s;
}

RestoreTreeModel::~RestoreTreeModel() = default;

void RestoreTreeModel::setLister(Lister lister)
{
    beginResetModel();
    delete m_context; // drops the callbacks of the old tree
    m_context = new QObject(this);
    m_lister = std::move(lister);
    m_root = std::make_unique<Node>();
    m_root->path = u"/"_s;
    m_root->kind = u"directory"_s;
    m_loading = 0;
    if (m_lister) {
        // The top folder starts loading within the reset, so that views see its "Loading..."
        // row at once and nobody fetches it a second time.
        m_root->load = Node::Load::Loading;
        auto loading = std::make_unique<Node>();
        loading->placeholder = true;
        loading->parent = m_root.get();
        loading->path = m_root->path;
        m_root->children.push_back(std::move(loading));
        ++m_loading;
    }
    endResetModel();
    if (m_lister)
        m_lister(m_root->path, m_context, [this](ApiResult<FolderListing> result) { applyListing(u"/"_s, result); });
}

void RestoreTreeModel::clear()
{
    setLister({});
}

void RestoreTreeModel::setFoldersOnly(bool foldersOnly)
{
    m_foldersOnly = foldersOnly;
}

RestoreTreeModel::Node *RestoreTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex RestoreTreeModel::indexOfNode(const Node *node, int column) const
{
    if (!node || !node->parent)
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

QModelIndex RestoreTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 || (parent.isValid() && parent.column() != 0))
        return {};
    const Node *node = nodeOf(parent);
    if (row >= int(node->children.size()))
        return {};
    return createIndex(row, column, node->children[std::size_t(row)].get());
}

QModelIndex RestoreTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(nodeOf(child)->parent);
}

int RestoreTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int RestoreTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool RestoreTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *node = nodeOf(parent);
    if (!node->isFolder())
        return false;
    switch (node->load) {
    case Node::Load::NotLoaded: return bool(m_lister);
    case Node::Load::Loading:
    case Node::Load::Loaded: return !node->children.empty();
    case Node::Load::Failed: return false;
    }
    return false;
}

bool RestoreTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *node = nodeOf(parent);
    return m_lister && node->isFolder() && node->load == Node::Load::NotLoaded;
}

void RestoreTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    Node *node = nodeOf(parent);
    node->load = Node::Load::Loading;
    ++m_loading;
    const QString path = node->path;
    // The "Loading..." row comes one event later: views call fetchMore() while they handle
    // other changes of the model, and rows must not be inserted in the middle of those.
    QTimer::singleShot(0, m_context, [this, path] {
        Node *folder = nodeOf(indexOf(path));
        if (folder->path != path || folder->load != Node::Load::Loading || !folder->children.empty())
            return;
        beginInsertRows(indexOfNode(folder), 0, 0);
        auto loading = std::make_unique<Node>();
        loading->placeholder = true;
        loading->parent = folder;
        loading->path = path;
        folder->children.push_back(std::move(loading));
        endInsertRows();
    });
    // The context dies with this tree (setLister): an answer for an old tree is dropped.
    m_lister(path, m_context, [this, path](ApiResult<FolderListing> result) { applyListing(path, result); });
}

void RestoreTreeModel::applyListing(const QString &path, const ApiResult<FolderListing> &result)
{
    Node *node = path == u"/"_s ? m_root.get() : nodeOf(indexOf(path));
    if (!node || node->path != path || node->load != Node::Load::Loading)
        return;
    --m_loading;
    const QModelIndex parent = indexOfNode(node);
    if (!node->children.empty()) {
        beginRemoveRows(parent, 0, int(node->children.size()) - 1);
        node->children.clear();
        endRemoveRows();
    }
    if (!result) {
        node->load = Node::Load::Failed;
        node->error = errorText(result.error());
        if (parent.isValid())
            emit dataChanged(parent, indexOfNode(node, ColumnCount - 1));
        emit loadFailed(path, node->error);
        emit folderLoaded(path);
        return;
    }
    QList<FileEntry> entries = result->entries;
    if (m_foldersOnly)
        entries.removeIf([](const FileEntry &e) { return e.kind != u"directory"_s; });
    std::sort(entries.begin(), entries.end(), [](const FileEntry &a, const FileEntry &b) {
        const bool aFolder = a.kind == u"directory"_s;
        const bool bFolder = b.kind == u"directory"_s;
        if (aFolder != bFolder)
            return aFolder;
        const int order = a.name.compare(b.name, Qt::CaseInsensitive);
        return order != 0 ? order < 0 : a.name < b.name;
    });
    node->load = Node::Load::Loaded;
    node->truncated = result->truncated;
    const Qt::CheckState inherited = node->check == Qt::Checked ? Qt::Checked : Qt::Unchecked;
    if (!entries.isEmpty()) {
        beginInsertRows(parent, 0, int(entries.size()) - 1);
        int row = 0;
        for (const FileEntry &entry : std::as_const(entries)) {
            auto child = std::make_unique<Node>();
            child->name = entry.name;
            child->path = childPath(path, entry.name);
            child->kind = entry.kind;
            child->size = entry.sizeBytes;
            child->modified = entry.modified;
            child->parent = node;
            child->row = row++;
            child->check = inherited;
            node->children.push_back(std::move(child));
        }
        endInsertRows();
    }
    if (parent.isValid())
        emit dataChanged(parent, indexOfNode(node, ColumnCount - 1));
    emit folderLoaded(path);
}

QVariant RestoreTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeOf(index);
    if (node->placeholder) {
        if (role == LoadingRole)
            return true;
        if (role == Qt::DisplayRole && index.column() == Name)
            return tr("Loading...");
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return node->name;
        case Size: return node->kind == u"file"_s ? sizeText(node->size) : QString();
        case Modified: return dateTimeText(node->modified);
        case Type: return entryKindText(node->kind);
        }
        return {};
    case Qt::ToolTipRole:
        if (!node->error.isEmpty())
            return tr("%1 could not be listed: %2").arg(node->path, node->error);
        if (node->truncated)
            return tr("%1 (only the first entries are shown)").arg(node->path);
        return node->path;
    case Qt::CheckStateRole:
        if (index.column() == Name && !m_foldersOnly)
            return int(node->check);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Size)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PathRole: return node->path;
    case KindRole: return node->kind;
    case SizeRole: return node->size;
    case LoadingRole: return false;
    case SortRole:
        switch (index.column()) {
        case Name: return node->name.toLower();
        case Size: return node->size;
        case Modified: return node->modified;
        case Type: return node->kind;
        }
        return {};
    }
    return {};
}

bool RestoreTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::CheckStateRole || index.column() != Name || m_foldersOnly)
        return false;
    Node *node = nodeOf(index);
    if (node->placeholder)
        return false;
    const auto state = Qt::CheckState(value.toInt()) == Qt::Unchecked ? Qt::Unchecked : Qt::Checked;
    setSubtreeState(node, state);
    emit dataChanged(index, index, { Qt::CheckStateRole });
    emitSubtreeChanged(node);
    updateAncestors(node->parent);
    emit checksChanged();
    return true;
}

void RestoreTreeModel::setSubtreeState(Node *node, Qt::CheckState state)
{
    node->check = state;
    for (const auto &child : node->children)
        if (!child->placeholder)
            setSubtreeState(child.get(), state);
}

void RestoreTreeModel::emitSubtreeChanged(Node *node)
{
    if (node->children.empty())
        return;
    const QModelIndex parent = indexOfNode(node);
    emit dataChanged(index(0, Name, parent), index(int(node->children.size()) - 1, Name, parent), { Qt::CheckStateRole });
    for (const auto &child : node->children)
        emitSubtreeChanged(child.get());
}

void RestoreTreeModel::updateAncestors(Node *node)
{
    for (; node && node->parent; node = node->parent) {
        bool anyChecked = false;
        bool anyUnchecked = false;
        for (const auto &child : node->children) {
            if (child->placeholder)
                continue;
            anyChecked = anyChecked || child->check != Qt::Unchecked;
            anyUnchecked = anyUnchecked || child->check != Qt::Checked;
        }
        const Qt::CheckState state = anyChecked && anyUnchecked ? Qt::PartiallyChecked
            : anyChecked                                        ? Qt::Checked
                                                                : Qt::Unchecked;
        if (state == node->check)
            return;
        node->check = state;
        const QModelIndex index = indexOfNode(node);
        emit dataChanged(index, index, { Qt::CheckStateRole });
    }
}

Qt::ItemFlags RestoreTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const Node *node = nodeOf(index);
    if (node->placeholder)
        return Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
    if (index.column() == Name && !m_foldersOnly)
        flags |= Qt::ItemIsUserCheckable;
    if (!node->isFolder())
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QVariant RestoreTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Size: return tr("Size");
    case Modified: return tr("Modified");
    case Type: return tr("Type");
    }
    return {};
}

QStringList RestoreTreeModel::mimeTypes() const
{
    return { QString::fromLatin1(RestoreMimeType) };
}

QMimeData *RestoreTreeModel::mimeData(const QModelIndexList &indexes) const
{
    QList<RestoreItem> items;
    QSet<const Node *> seen;
    for (const QModelIndex &index : indexes) {
        if (!index.isValid() || index.model() != this)
            continue;
        const Node *node = nodeOf(index);
        if (node->placeholder || seen.contains(node))
            continue;
        seen.insert(node);
        items.append(itemAt(index));
    }
    if (items.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(RestoreMimeType), encodeRestoreItems(items));
    QStringList paths;
    for (const RestoreItem &item : std::as_const(items))
        paths << item.path;
    mime->setText(paths.join(u'\n'));
    return mime;
}

Qt::DropActions RestoreTreeModel::supportedDragActions() const
{
    return Qt::CopyAction;
}

QModelIndex RestoreTreeModel::indexOf(const QString &path) const
{
    if (!path.startsWith(u'/'))
        return {};
    const Node *node = m_root.get();
    for (const QString &part : path.split(u'/', Qt::SkipEmptyParts)) {
        const auto it = std::find_if(node->children.cbegin(), node->children.cend(),
                                     [&part](const auto &child) { return !child->placeholder && child->name == part; });
        if (it == node->children.cend())
            return {};
        node = it->get();
    }
    return indexOfNode(node);
}

bool RestoreTreeModel::isLoaded(const QModelIndex &folder) const
{
    const Node *node = nodeOf(folder);
    return node->load == Node::Load::Loaded || node->load == Node::Load::Failed;
}

RestoreItem RestoreTreeModel::itemAt(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    if (!index.isValid() || node->placeholder)
        return {};
    return { node->path, node->kind, node->size };
}

void RestoreTreeModel::collectChecked(const Node *node, QList<RestoreItem> &out) const
{
    for (const auto &child : node->children) {
        if (child->placeholder)
            continue;
        if (child->check == Qt::Checked)
            out.append({ child->path, child->kind, child->size });
        else if (child->check == Qt::PartiallyChecked)
            collectChecked(child.get(), out);
    }
}

QList<RestoreItem> RestoreTreeModel::checkedItems() const
{
    QList<RestoreItem> out;
    collectChecked(m_root.get(), out);
    return out;
}

void RestoreTreeModel::setCheckedPaths(const QStringList &paths)
{
    setSubtreeState(m_root.get(), Qt::Unchecked);
    for (const QString &path : paths) {
        const QModelIndex index = indexOf(path);
        if (!index.isValid())
            continue;
        Node *node = nodeOf(index);
        setSubtreeState(node, Qt::Checked);
        updateAncestors(node->parent);
    }
    emitSubtreeChanged(m_root.get());
}

void RestoreTreeModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    std::function<void(const Node *)> walk = [&](const Node *node) {
        if (node->children.empty())
            return;
        const QModelIndex parent = indexOfNode(node);
        emit dataChanged(index(0, 0, parent), index(int(node->children.size()) - 1, ColumnCount - 1, parent));
        for (const auto &child : node->children)
            walk(child.get());
    };
    walk(m_root.get());
}

} // namespace Kura::Models
