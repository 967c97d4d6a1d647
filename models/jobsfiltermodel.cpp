#include "jobsfiltermodel.h"

#include "jobsmodel.h"

namespace Kura::Models {

using Api::Client::JobState;

JobsFilterModel::JobsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(KeyedTableModel::SortRole);
    setDynamicSortFilter(true);
}

void JobsFilterModel::setStateFilter(StateFilter filter)
{
    m_state = filter;
    invalidateFilter();
}

void JobsFilterModel::setServerId(qint64 serverId)
{
    m_serverId = serverId;
    invalidateFilter();
}

bool JobsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_serverId != 0 && index.data(JobsModel::ServerIdRole).toLongLong() != m_serverId)
        return false;
    const auto state = JobState(index.data(JobsModel::StateRole).toInt());
    switch (m_state) {
    case StateFilter::All:
        return true;
    case StateFilter::Active:
        return state == JobState::Queued || state == JobState::Running;
    case StateFilter::Failed:
        return state == JobState::Failed || state == JobState::Interrupted;
    case StateFilter::Finished:
        return Api::Client::isFinished(state);
    }
    return true;
}

} // namespace Kura::Models
