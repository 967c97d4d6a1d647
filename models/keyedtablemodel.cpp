#include "keyedtablemodel.h"

namespace Kura::Models {

void KeyedTableModel::retranslate()
{
    const int columns = columnCount();
    if (columns > 0)
        emit headerDataChanged(Qt::Horizontal, 0, columns - 1);
    if (!m_keys.isEmpty())
        emitRowsChanged(0, int(m_keys.size()) - 1);
}

void KeyedTableModel::emitRowsChanged(int first, int last)
{
    emit dataChanged(index(first, 0), index(last, columnCount() - 1));
}

void KeyedTableModel::rebuildIndex()
{
    m_rowOfKey.clear();
    m_rowOfKey.reserve(m_keys.size());
    for (int row = 0; row < m_keys.size(); ++row)
        m_rowOfKey.insert(m_keys.at(row), row);
}

} // namespace Kura::Models
