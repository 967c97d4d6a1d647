#include "serversfiltermodel.h"

#include "serversmodel.h"

namespace Kura::Models {

ServersFilterModel::ServersFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(KeyedTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void ServersFilterModel::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void ServersFilterModel::setStateFilter(StateFilter filter)
{
    m_state = filter;
    invalidateFilter();
}

bool ServersFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    const QModelIndex first = source->index(sourceRow, 0, sourceParent);
    switch (m_state) {
    case StateFilter::All:
        break;
    case StateFilter::Protected:
        if (!first.data(ServersModel::ProtectedRole).toBool())
            return false;
        break;
    case StateFilter::Unprotected:
        if (first.data(ServersModel::ProtectedRole).toBool())
            return false;
        break;
    case StateFilter::Offline:
        if (first.data(ServersModel::OnlineRole).toBool())
            return false;
        break;
    }
    if (m_text.isEmpty())
        return true;
    for (int column : { ServersModel::Name, ServersModel::Region, ServersModel::System,
                        ServersModel::Flavor, ServersModel::Address }) {
        const QString text = source->index(sourceRow, column, sourceParent).data().toString();
        if (text.contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace Kura::Models
