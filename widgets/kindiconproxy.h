#pragma once

#include <QFileIconProvider>
#include <QSortFilterProxyModel>

namespace Kura::Widgets {

// A proxy that gives the entries of a file listing their folder or file icon in one column,
// from the entry's kind ("directory" or anything else) in `kindRole`; an entry without a kind
// (a "Loading..." row) gets none.
class KindIconProxy : public QSortFilterProxyModel
{
public:
    KindIconProxy(int iconColumn, int kindRole, QObject *parent);

    QVariant data(const QModelIndex &index, int role) const override;

private:
    const int m_iconColumn;
    const int m_kindRole;
    QFileIconProvider m_icons;
};

} // namespace Kura::Widgets
