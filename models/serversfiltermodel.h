#pragma once

#include <QSortFilterProxyModel>

namespace Kura::Models {

// Filters a ServersModel by free text (name, region, operating system, flavor, address; case
// insensitive) and by state, and sorts by raw values (SortRole).
class ServersFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class StateFilter { All, Protected, Unprotected, Offline };

    explicit ServersFilterModel(QObject *parent = nullptr);

    void setText(const QString &text);
    void setStateFilter(StateFilter filter);
    StateFilter stateFilter() const { return m_state; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    StateFilter m_state = StateFilter::All;
};

} // namespace Kura::Models
