#include "regionsmodel.h"

#include "modeltext.h"

using namespace Qt::StringLiterals;

namespace Kura::Models {

using Api::Client::RegionInfo;

namespace {
bool sameReplication(const std::optional<Api::Client::RegionReplication> &a,
                     const std::optional<Api::Client::RegionReplication> &b)
{
    if (!a || !b)
        return !a && !b;
    return a->sourceRegions == b->sourceRegions && a->waitingGenerations == b->waitingGenerations
        && a->oldestWaitingEnd == b->oldestWaitingEnd && a->lagMs == b->lagMs && a->targetMs == b->targetMs;
}

bool overdue(const RegionInfo &region)
{
    const auto &r = region.replication;
    return r && r->waitingGenerations > 0 && r->targetMs > 0 && r->lagMs > r->targetMs;
}

bool sameRegion(const RegionInfo &a, const RegionInfo &b)
{
    return a.name == b.name && a.remoteRegion == b.remoteRegion && a.backupAllowed == b.backupAllowed
        && a.backupService == b.backupService && a.doubleAvailable == b.doubleAvailable
        && a.state == b.state && a.stateChangedBy == b.stateChangedBy
        && a.stateChanged == b.stateChanged && sameReplication(a.replication, b.replication);
}
} // namespace

RegionsModel::RegionsModel(QObject *parent)
    : KeyedTableModel(parent)
{
}

int RegionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RegionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RegionInfo &region = m_regions.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(region, index.column());
    case Qt::ToolTipRole:
        if (index.column() == State && !region.stateChangedBy.isEmpty())
            return Tr::tr("Changed by %1").arg(region.stateChangedBy);
        if (index.column() == ReplicationLag)
            return replicationToolTip(region);
        return {};
    case IdRole:
        return m_keys.value(region.name);
    case SortRole:
        if (index.column() == StateChanged)
            return region.stateChanged.isValid() ? region.stateChanged.toMSecsSinceEpoch() : qint64(-1);
        if (index.column() == ReplicationLag)
            return region.replication ? region.replication->lagMs : qint64(-1);
        return display(region, index.column());
    case NameRole:
        return region.name;
    case FailedRole:
        return region.state == u"failed"_s;
    case DoubleAvailableRole:
        return region.doubleAvailable;
    case ReplicationLagRole:
        return region.replication ? region.replication->lagMs : qint64(-1);
    case ReplicationOverdueRole:
        return overdue(region);
    default:
        return {};
    }
}

QVariant RegionsModel::display(const RegionInfo &region, int column) const
{
    switch (column) {
    case Name: return region.name;
    case BackupService: return region.backupService ? Tr::tr("Available") : Tr::tr("No backup service");
    case Pair: return region.remoteRegion.isEmpty() ? Tr::tr("None") : region.remoteRegion;
    case DoubleStorage: return region.doubleAvailable ? Tr::tr("Offered") : Tr::tr("Not offered");
    case State: return region.backupService ? regionStateText(region.state) : QString();
    case StateChanged: return dateTimeText(region.stateChanged);
    case ReplicationLag: return replicationText(region);
    default: return {};
    }
}

QString RegionsModel::replicationText(const RegionInfo &region)
{
    if (!region.replication)
        return {};
    const Api::Client::RegionReplication &r = *region.replication;
    if (r.waitingGenerations == 0)
        return Tr::tr("Up to date");
    //: Replication lag of a region: %1 is the age of the oldest copy still waiting, such as "3 h 05 min"
    return Tr::tr("%1 (%n generation(s) waiting)", nullptr, int(r.waitingGenerations))
        .arg(durationText(r.lagMs / 1000));
}

QString RegionsModel::replicationToolTip(const RegionInfo &region)
{
    if (!region.replication)
        return Tr::tr("No region keeps its double-storage copies in %1.").arg(region.name);
    const Api::Client::RegionReplication &r = *region.replication;
    const QString sources = r.sourceRegions.join(u", "_s);
    const QString target = Tr::tr("%n hour(s)", nullptr, int(r.targetMs / 3600000));
    if (r.waitingGenerations == 0)
        return Tr::tr("Every double-storage copy of this tenant from %1 has arrived in %2. "
                      "Copies should arrive within %3.")
            .arg(sources, region.name, target);
    const QString oldest = dateTimeText(r.oldestWaitingEnd);
    if (overdue(region))
        return Tr::tr("Double-storage copies of this tenant from %1 into %2: %n generation(s) "
                      "waiting; the oldest finished at %3 and is past the target of %4.",
                      nullptr, int(r.waitingGenerations))
            .arg(sources, region.name, oldest, target);
    return Tr::tr("Double-storage copies of this tenant from %1 into %2: %n generation(s) "
                  "waiting; the oldest finished at %3. Copies should arrive within %4.",
                  nullptr, int(r.waitingGenerations))
        .arg(sources, region.name, oldest, target);
}

QVariant RegionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == ReplicationLag)
        return Tr::tr("How long the oldest double-storage copy of your servers has been waiting to "
                      "arrive in the region");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return Tr::tr("Region");
    case BackupService: return Tr::tr("Backup Service");
    case Pair: return Tr::tr("Double-Storage Pair");
    case DoubleStorage: return Tr::tr("Double Storage");
    case State: return Tr::tr("Storage State");
    case StateChanged: return Tr::tr("State Changed");
    case ReplicationLag: return Tr::tr("Replication Lag");
    default: return {};
    }
}

qint64 RegionsModel::keyOf(const QString &name)
{
    auto it = m_keys.constFind(name);
    if (it != m_keys.cend())
        return *it;
    const qint64 key = m_keys.size() + 1;
    m_keys.insert(name, key);
    return key;
}

void RegionsModel::setRegions(const QList<RegionInfo> &regions)
{
    for (const RegionInfo &region : regions)
        keyOf(region.name);
    applyUpdate(m_regions, regions, [this](const RegionInfo &r) { return m_keys.value(r.name); },
                sameRegion);
}

void RegionsModel::clear()
{
    clearRows(m_regions);
}

std::optional<RegionInfo> RegionsModel::region(const QString &name) const
{
    for (const RegionInfo &region : m_regions) {
        if (region.name == name)
            return region;
    }
    return std::nullopt;
}

} // namespace Kura::Models
