#pragma once

#include "keyedtablemodel.h"

#include <api/client/apitypes.h>

namespace Kura::Models {

// Storage regions (GET /regions, SPEC §7). Rows are keyed by region name (mapped to a stable
// number for the keyed update). The replication lag is the tenant's double-storage copies
// waiting for the region, as old as the server said when the regions were loaded.
class RegionsModel : public KeyedTableModel
{
    Q_OBJECT

public:
    enum Column { Name, BackupService, Pair, DoubleStorage, State, StateChanged, ReplicationLag, ColumnCount };
    enum Role {
        NameRole = FirstCustomRole, // QString
        FailedRole,                 // bool
        DoubleAvailableRole,        // bool
        ReplicationLagRole,         // qint64 ms: 0 up to date; -1 the region receives no copies
        ReplicationOverdueRole,     // bool: the oldest waiting copy is past the target
    };

    explicit RegionsModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setRegions(const QList<Api::Client::RegionInfo> &regions);
    void clear();
    // The region named `name`, if listed.
    std::optional<Api::Client::RegionInfo> region(const QString &name) const;

private:
    qint64 keyOf(const QString &name);
    QVariant display(const Api::Client::RegionInfo &region, int column) const;
    static QString replicationText(const Api::Client::RegionInfo &region);
    static QString replicationToolTip(const Api::Client::RegionInfo &region);

    QList<Api::Client::RegionInfo> m_regions;
    QHash<QString, qint64> m_keys;
};

} // namespace Kura::Models
