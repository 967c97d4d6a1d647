#include "regionsmodel.h"

#include "modeltext.h"

using namespace Qt::StringLiterals;

namespace Kura::Models {

using Api::Client::RegionInfo;

namespace {
bool sameRegion(const RegionInfo &a, const RegionInfo &b)
{
    return a.name == b.name && a.remoteRegion == b.remoteRegion && a.backupAllowed == b.backupAllowed
        && a.backupService == b.backupService && a.doubleAvailable == b.doubleAvailable
        && a.state == b.state && a.stateChangedBy == b.stateChangedBy
        && a.stateChanged == b.stateChanged;
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
        return {};
    case IdRole:
        return m_keys.value(region.name);
    case SortRole:
        if (index.column() == StateChanged)
            return region.stateChanged.isValid() ? region.stateChanged.toMSecsSinceEpoch() : qint64(-1);
        return display(region, index.column());
    case NameRole:
        return region.name;
    case FailedRole:
        return region.state == u"failed"_s;
    case DoubleAvailableRole:
        return region.doubleAvailable;
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
    default: return {};
    }
}

QVariant RegionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return Tr::tr("Region");
    case BackupService: return Tr::tr("Backup Service");
    case Pair: return Tr::tr("Double-Storage Pair");
    case DoubleStorage: return Tr::tr("Double Storage");
    case State: return Tr::tr("Storage State");
    case StateChanged: return Tr::tr("State Changed");
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
