#pragma once

#include "restoreitems.h"

#include <QAbstractTableModel>

namespace Kura::Models {

// The restore list: what a restore will bring back, as the fewest paths (a folder stands for
// everything under it; adding a folder drops the entries below it, and an entry below a listed
// folder is not added twice). Items arrive by drag and drop (RestoreMimeType, from
// RestoreTreeModel::mimeData) or from the tree's check boxes (setItems).
class RestoreSelectionModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Path, Type, Size, ColumnCount };
    enum Role { PathRole = Qt::UserRole + 1, KindRole, SortRole };

    explicit RestoreSelectionModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    // Adds the dropped items (anywhere in the list: the list keeps its own order).
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

    const QList<RestoreItem> &items() const { return m_items; }
    QStringList paths() const;
    qint64 totalFileBytes() const; // the sizes of the listed files (folders count 0)
    // Adds items as a drop does; returns how many were added.
    int addItems(const QList<RestoreItem> &items);
    // Replaces the list (the tree's check boxes changed).
    void setItems(const QList<RestoreItem> &items);
    void clear();
    void retranslate();

signals:
    // The list changed by a drop, a removal, setItems or clear.
    void itemsChanged();
    // A drop could not be read; `reason` names what is wrong (English, from the parser).
    void dropRejected(const QString &reason);

private:
    QList<RestoreItem> m_items;
};

} // namespace Kura::Models
