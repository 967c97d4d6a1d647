#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace Kura::Models {

// Base of the console's table models: rows keyed by a stable id (server id, job id), updated
// incrementally from a fresh list. An update removes the rows whose id is gone, writes changed
// rows in place (dataChanged on each run of changed rows only), and appends new ids at the end
// (rowsInserted). Views keep their selection, scroll position and sort, and a refresh of 10,000
// unchanged rows emits nothing at all.
//
// Roles shared by every derived model:
class KeyedTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum CommonRole {
        IdRole = Qt::UserRole + 1, // qint64: the row's key
        SortRole,                  // QVariant: raw value of the cell for sorting (numbers, times)
        FirstCustomRole = Qt::UserRole + 16,
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_keys.size());
    }
    // The row of `id`, or -1.
    int rowOf(qint64 id) const { return m_rowOfKey.value(id, -1); }
    qint64 idAt(int row) const { return m_keys.value(row, 0); }

    // Emits dataChanged for every cell (all rows, all columns) and headerDataChanged, so views
    // pick up texts in a new language. The language manager calls it after a switch.
    void retranslate();

signals:
    // The last update brought `inserted` new rows, `changed` changed rows and removed
    // `removed` rows (for tests and status texts).
    void updated(int inserted, int changed, int removed);

protected:
    // Applies `incoming` to `rows` as described above. `key(item)` gives an item's id;
    // `same(a, b)` says whether two items show the same thing. `rows` is the derived model's
    // storage, kept parallel to the keys.
    template<class T, class KeyFn, class SameFn>
    void applyUpdate(QList<T> &rows, const QList<T> &incoming, KeyFn key, SameFn same);

    // Drops every row (a model reset: after a logout or a change of server).
    template<class T>
    void clearRows(QList<T> &rows)
    {
        beginResetModel();
        rows.clear();
        m_keys.clear();
        m_rowOfKey.clear();
        endResetModel();
    }

    // Emits dataChanged for rows [first, last], every column.
    void emitRowsChanged(int first, int last);

private:
    void rebuildIndex();

    QList<qint64> m_keys;
    QHash<qint64, int> m_rowOfKey;
};

template<class T, class KeyFn, class SameFn>
void KeyedTableModel::applyUpdate(QList<T> &rows, const QList<T> &incoming, KeyFn key, SameFn same)
{
    QHash<qint64, qsizetype> incomingAt;
    incomingAt.reserve(incoming.size());
    for (qsizetype i = 0; i < incoming.size(); ++i)
        incomingAt.insert(key(incoming.at(i)), i);

    // Remove, from the back so that row numbers of pending runs stay valid.
    int removed = 0;
    for (int row = int(m_keys.size()) - 1; row >= 0;) {
        if (incomingAt.contains(m_keys.at(row))) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !incomingAt.contains(m_keys.at(first - 1)))
            --first;
        beginRemoveRows({}, first, row);
        rows.remove(first, row - first + 1);
        m_keys.remove(first, row - first + 1);
        endRemoveRows();
        removed += row - first + 1;
        row = first - 1;
    }

    // Update in place, one dataChanged per run of changed rows.
    int changed = 0;
    int runStart = -1;
    for (int row = 0; row < m_keys.size(); ++row) {
        const T &fresh = incoming.at(incomingAt.value(m_keys.at(row)));
        const bool differs = !same(rows.at(row), fresh);
        if (differs) {
            rows[row] = fresh;
            ++changed;
            if (runStart < 0)
                runStart = row;
        }
        if (!differs && runStart >= 0) {
            emitRowsChanged(runStart, row - 1);
            runStart = -1;
        }
    }
    if (runStart >= 0)
        emitRowsChanged(runStart, int(m_keys.size()) - 1);

    // Append the new ids, in the order the server sent them.
    QHash<qint64, int> present;
    present.reserve(m_keys.size());
    for (int row = 0; row < m_keys.size(); ++row)
        present.insert(m_keys.at(row), row);
    QList<qsizetype> fresh;
    for (qsizetype i = 0; i < incoming.size(); ++i) {
        const qint64 id = key(incoming.at(i));
        if (present.contains(id) || incomingAt.value(id) != i)
            continue; // known, or a duplicate id of which the last one counts
        fresh << i;
    }
    if (!fresh.isEmpty()) {
        const int first = int(m_keys.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (qsizetype i : fresh) {
            rows.append(incoming.at(i));
            m_keys.append(key(incoming.at(i)));
        }
        endInsertRows();
    }
    rebuildIndex();
    emit updated(int(fresh.size()), changed, removed);
}

} // namespace Kura::Models
