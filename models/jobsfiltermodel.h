#pragma once

#include <QSortFilterProxyModel>

namespace Kura::Models {

// Filters a JobsModel by state group and server, and sorts by raw values (SortRole).
class JobsFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class StateFilter { All, Active, Failed, Finished };

    explicit JobsFilterModel(QObject *parent = nullptr);

    void setStateFilter(StateFilter filter);
    void setServerId(qint64 serverId); // 0: every server
    StateFilter stateFilter() const { return m_state; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    StateFilter m_state = StateFilter::All;
    qint64 m_serverId = 0;
};

} // namespace Kura::Models
