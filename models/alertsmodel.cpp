#include "alertsmodel.h"

#include "modeltext.h"
#include "serversmodel.h"

using namespace Qt::StringLiterals;

namespace Kura::Models {

using Api::Client::AlertInfo;

bool sameAlert(const AlertInfo &a, const AlertInfo &b)
{
    return a.id == b.id && a.kind == b.kind && a.serverId == b.serverId && a.subject == b.subject
        && a.state == b.state && a.opened == b.opened && a.acknowledgedBy == b.acknowledgedBy
        && a.acknowledged == b.acknowledged && a.resolved == b.resolved && a.details == b.details;
}

AlertsModel::AlertsModel(QObject *parent)
    : KeyedTableModel(parent)
{
}

int AlertsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlertInfo &alert = m_alerts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(alert, index.column());
    case Qt::ToolTipRole:
        return alert.details.isEmpty() ? QVariant() : QVariant(alert.details);
    case IdRole:
        return alert.id;
    case SortRole:
        if (index.column() == Opened)
            return alert.opened.toMSecsSinceEpoch();
        return display(alert, index.column());
    case KindRole:
        return alert.kind;
    case StateRole:
        return alert.state;
    case ServerIdRole:
        return alert.serverId.value_or(0);
    default:
        return {};
    }
}

QVariant AlertsModel::display(const AlertInfo &alert, int column) const
{
    switch (column) {
    case Kind: return alertKindText(alert.kind);
    case Subject: return alert.subject;
    case Server:
        if (!alert.serverId)
            return QString();
        return m_servers ? m_servers->nameOf(*alert.serverId) : u"#%1"_s.arg(*alert.serverId);
    case State: return alertStateText(alert.state);
    case Opened: return dateTimeText(alert.opened);
    case AcknowledgedBy: return alert.acknowledgedBy;
    case Details: return alert.details;
    default: return {};
    }
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Kind: return Tr::tr("Alert");
    case Subject: return Tr::tr("Subject");
    case Server: return Tr::tr("Server");
    case State: return Tr::tr("State");
    case Opened: return Tr::tr("Opened");
    case AcknowledgedBy: return Tr::tr("Acknowledged By");
    case Details: return Tr::tr("Details");
    default: return {};
    }
}

void AlertsModel::setAlerts(const QList<AlertInfo> &alerts)
{
    applyUpdate(m_alerts, alerts, [](const AlertInfo &a) { return a.id; }, sameAlert);
}

void AlertsModel::updateAlert(const AlertInfo &alert)
{
    QList<AlertInfo> all = m_alerts;
    const int row = rowOf(alert.id);
    if (row >= 0)
        all[row] = alert;
    else
        all.prepend(alert);
    setAlerts(all);
}

void AlertsModel::clear()
{
    clearRows(m_alerts);
}

void AlertsModel::setServersModel(ServersModel *servers)
{
    m_servers = servers;
}

int AlertsModel::openCount() const
{
    int count = 0;
    for (const AlertInfo &alert : m_alerts)
        count += alert.state == u"open"_s ? 1 : 0;
    return count;
}

} // namespace Kura::Models
