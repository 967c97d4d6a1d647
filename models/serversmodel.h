#pragma once

#include "keyedtablemodel.h"

#include <api/client/apitypes.h>

#include <optional>

namespace Kura::Models {

// The tenant's servers (GET /servers), one row each, updated incrementally by id.
class ServersModel : public KeyedTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Connection, Protection, Plan, Region, System, Flavor, LastBackup, Address, ColumnCount };
    enum Role {
        OnlineRole = FirstCustomRole, // bool
        ProtectedRole,                // bool
        LastBackupRole,               // QDateTime (UTC; invalid: never)
        RegionRole,                   // QString: region name
    };

    explicit ServersModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Replaces the list; rows are matched by server id (see KeyedTableModel).
    void setServers(const QList<Api::Client::ServerInfo> &servers);
    // Puts one server's fresh state in place (after protect, plan change, ...); appends it when
    // new.
    void updateServer(const Api::Client::ServerInfo &server);
    void clear();

    std::optional<Api::Client::ServerInfo> serverById(qint64 id) const;
    const Api::Client::ServerInfo &serverAt(int row) const { return m_servers.at(row); }
    // The server's name, or "#<id>" when unknown.
    QString nameOf(qint64 id) const;

private:
    QVariant display(const Api::Client::ServerInfo &server, int column) const;
    QVariant sortValue(const Api::Client::ServerInfo &server, int column) const;

    QList<Api::Client::ServerInfo> m_servers;
};

bool sameServer(const Api::Client::ServerInfo &a, const Api::Client::ServerInfo &b);

} // namespace Kura::Models
