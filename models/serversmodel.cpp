#include "serversmodel.h"

#include "modeltext.h"

using namespace Qt::StringLiterals;

namespace Kura::Models {

using Api::Client::ServerInfo;

bool sameServer(const ServerInfo &a, const ServerInfo &b)
{
    const auto &fa = a.facts;
    const auto &fb = b.facts;
    return a.id == b.id && a.name == b.name && a.region == b.region
        && a.advertisedAddress == b.advertisedAddress && a.online == b.online
        && a.lastSeen == b.lastSeen && a.isProtected == b.isProtected
        && a.protectedSince == b.protectedSince && a.enrolled == b.enrolled
        && a.planSummary == b.planSummary && a.plan == b.plan && a.planUpdated == b.planUpdated
        && a.lastBackup == b.lastBackup && fa.hostName == fb.hostName && fa.osId == fb.osId
        && fa.osVersion == fb.osVersion && fa.arch == fb.arch && fa.flavor == fb.flavor
        && fa.agentVersion == fb.agentVersion && fa.addresses == fb.addresses;
}

ServersModel::ServersModel(QObject *parent)
    : KeyedTableModel(parent)
{
}

int ServersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ServerInfo &server = m_servers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(server, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Connection && !server.online && server.lastSeen.isValid())
            return Tr::tr("Last seen %1").arg(dateTimeText(server.lastSeen));
        if (index.column() == Plan && server.plan)
            return planText(*server.plan);
        return {};
    case IdRole:
        return server.id;
    case SortRole:
        return sortValue(server, index.column());
    case OnlineRole:
        return server.online;
    case ProtectedRole:
        return server.isProtected;
    case LastBackupRole:
        return server.lastBackup;
    case RegionRole:
        return server.region;
    default:
        return {};
    }
}

QVariant ServersModel::display(const ServerInfo &server, int column) const
{
    switch (column) {
    case Name:
        return server.name;
    case Connection:
        return server.online ? Tr::tr("Online") : Tr::tr("Offline");
    case Protection:
        return server.isProtected ? Tr::tr("Protected") : Tr::tr("Unprotected");
    case Plan:
        return server.plan ? planText(*server.plan) : QString();
    case Region:
        return server.region;
    case System: {
        const auto &facts = server.facts;
        return QStringList { facts.osId, facts.osVersion, facts.arch }.join(u' ').simplified();
    }
    case Flavor:
        return server.facts.flavor;
    case LastBackup:
        return server.lastBackup.isValid() ? dateTimeText(server.lastBackup) : Tr::tr("Never");
    case Address:
        return server.advertisedAddress.isEmpty() ? server.facts.addresses.join(u", "_s)
                                                  : server.advertisedAddress;
    default:
        return {};
    }
}

QVariant ServersModel::sortValue(const ServerInfo &server, int column) const
{
    switch (column) {
    case Connection:
        return server.online;
    case Protection:
        return server.isProtected;
    case LastBackup:
        return server.lastBackup.isValid() ? server.lastBackup.toMSecsSinceEpoch() : qint64(-1);
    case Name:
        return server.name.toCaseFolded();
    default:
        return display(server, column);
    }
}

QVariant ServersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return Tr::tr("Name");
    case Connection: return Tr::tr("Agent");
    case Protection: return Tr::tr("Protection");
    case Plan: return Tr::tr("Plan");
    case Region: return Tr::tr("Region");
    case System: return Tr::tr("Operating System");
    case Flavor: return Tr::tr("Flavor");
    case LastBackup: return Tr::tr("Last Backup");
    case Address: return Tr::tr("Address");
    default: return {};
    }
}

void ServersModel::setServers(const QList<ServerInfo> &servers)
{
    applyUpdate(m_servers, servers, [](const ServerInfo &s) { return s.id; }, sameServer);
}

void ServersModel::updateServer(const ServerInfo &server)
{
    const int row = rowOf(server.id);
    if (row < 0) {
        QList<ServerInfo> all = m_servers;
        all.append(server);
        setServers(all);
        return;
    }
    if (sameServer(m_servers.at(row), server))
        return;
    m_servers[row] = server;
    emitRowsChanged(row, row);
}

void ServersModel::clear()
{
    clearRows(m_servers);
}

std::optional<ServerInfo> ServersModel::serverById(qint64 id) const
{
    const int row = rowOf(id);
    if (row < 0)
        return std::nullopt;
    return m_servers.at(row);
}

QString ServersModel::nameOf(qint64 id) const
{
    const int row = rowOf(id);
    return row < 0 ? u"#%1"_s.arg(id) : m_servers.at(row).name;
}

} // namespace Kura::Models
