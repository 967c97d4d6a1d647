#include "kindiconproxy.h"

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

KindIconProxy::KindIconProxy(int iconColumn, int kindRole, QObject *parent)
    : QSortFilterProxyModel(parent), m_iconColumn(iconColumn), m_kindRole(kindRole)
{
}

QVariant KindIconProxy::data(const QModelIndex &index, int role) const
{
    if (role != Qt::DecorationRole || index.column() != m_iconColumn)
        return QSortFilterProxyModel::data(index, role);
    const QString kind = index.data(m_kindRole).toString();
    if (kind.isEmpty())
        return {};
    return m_icons.icon(kind == u"directory"_s ? QAbstractFileIconProvider::Folder : QAbstractFileIconProvider::File);
}

} // namespace Kura::Widgets
