#pragma once

#include "keyedtablemodel.h"

#include <api/client/apitypes.h>

#include <QPointer>

namespace Kura::Models {

class ServersModel;

// Alerts of the tenant (GET /alerts, SPEC §13), newest first, keyed by alert id.
class AlertsModel : public KeyedTableModel
{
    Q_OBJECT

public:
    enum Column { Kind, Subject, Server, State, Opened, AcknowledgedBy, Details, ColumnCount };
    enum Role {
        KindRole = FirstCustomRole, // QString: stable kind name
        StateRole,                  // QString: "open", "acknowledged", "resolved"
        ServerIdRole,               // qint64, 0 when the alert concerns no server
    };

    explicit AlertsModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setAlerts(const QList<Api::Client::AlertInfo> &alerts);
    void updateAlert(const Api::Client::AlertInfo &alert);
    void clear();
    const Api::Client::AlertInfo &alertAt(int row) const { return m_alerts.at(row); }
    int openCount() const;
    void setServersModel(ServersModel *servers);

private:
    QVariant display(const Api::Client::AlertInfo &alert, int column) const;

    QList<Api::Client::AlertInfo> m_alerts;
    QPointer<ServersModel> m_servers;
};

bool sameAlert(const Api::Client::AlertInfo &a, const Api::Client::AlertInfo &b);

} // namespace Kura::Models
