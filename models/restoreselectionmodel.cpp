#include "restoreselectionmodel.h"

#include "modeltext.h"
#include "restoretreemodel.h"

#include <QMimeData>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Kura::Models {

RestoreSelectionModel::RestoreSelectionModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int RestoreSelectionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int RestoreSelectionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RestoreSelectionModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const RestoreItem &item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Path: return item.path;
        case Type: return entryKindText(item.kind);
        case Size: return item.kind == u"file"_s ? sizeText(item.size) : QString();
        }
        return {};
    case Qt::ToolTipRole:
        return item.kind == u"directory"_s ? tr("The folder %1 with everything in it").arg(item.path) : item.path;
    case Qt::TextAlignmentRole:
        return index.column() == Size ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case PathRole: return item.path;
    case KindRole: return item.kind;
    case SortRole:
        switch (index.column()) {
        case Path: return item.path;
        case Type: return item.kind;
        case Size: return item.size;
        }
        return {};
    }
    return {};
}

QVariant RestoreSelectionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Path: return tr("Path");
    case Type: return tr("Type");
    case Size: return tr("Size");
    }
    return {};
}

Qt::ItemFlags RestoreSelectionModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QStringList RestoreSelectionModel::mimeTypes() const
{
    return { QString::fromLatin1(RestoreMimeType) };
}

Qt::DropActions RestoreSelectionModel::supportedDropActions() const
{
    return Qt::CopyAction; // the tree keeps its entries
}

bool RestoreSelectionModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                            const QModelIndex &) const
{
    return data && action == Qt::CopyAction
        && data->hasFormat(QString::fromLatin1(RestoreMimeType));
}

bool RestoreSelectionModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                         const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    auto items = decodeRestoreItems(data->data(QString::fromLatin1(RestoreMimeType)));
    if (!items) {
        emit dropRejected(items.error().message());
        return false;
    }
    addItems(*items);
    return true;
}

int RestoreSelectionModel::addItems(const QList<RestoreItem> &items)
{
    int added = 0;
    for (const RestoreItem &item : items) {
        const bool covered = std::any_of(m_items.cbegin(), m_items.cend(),
                                         [&item](const RestoreItem &listed) { return isSameOrUnder(item.path, listed.path); });
        if (covered)
            continue;
        for (int row = int(m_items.size()) - 1; row >= 0; --row) {
            if (isSameOrUnder(m_items.at(row).path, item.path)) {
                beginRemoveRows({}, row, row);
                m_items.removeAt(row);
                endRemoveRows();
            }
        }
        beginInsertRows({}, int(m_items.size()), int(m_items.size()));
        m_items.append(item);
        endInsertRows();
        ++added;
    }
    if (added > 0)
        emit itemsChanged();
    return added;
}

bool RestoreSelectionModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_items.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_items.remove(row, count);
    endRemoveRows();
    emit itemsChanged();
    return true;
}

QStringList RestoreSelectionModel::paths() const
{
    QStringList out;
    for (const RestoreItem &item : m_items)
        out << item.path;
    return out;
}

qint64 RestoreSelectionModel::totalFileBytes() const
{
    qint64 total = 0;
    for (const RestoreItem &item : m_items)
        if (item.kind == u"file"_s)
            total += item.size;
    return total;
}

void RestoreSelectionModel::setItems(const QList<RestoreItem> &items)
{
    if (items == m_items)
        return;
    beginResetModel();
    m_items = items;
    endResetModel();
    emit itemsChanged();
}

void RestoreSelectionModel::clear()
{
    setItems({});
}

void RestoreSelectionModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_items.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_items.size()) - 1, ColumnCount - 1));
}

} // namespace Kura::Models
