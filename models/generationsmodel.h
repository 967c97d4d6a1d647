#pragma once

#include "keyedtablemodel.h"

#include <api/client/apitypes.h>

namespace Kura::Models {

// The generations of one server (GET /servers/{id}/generations), newest first, with their
// copies and replication lag (SPEC §5, §7). Keyed by generation id.
class GenerationsModel : public KeyedTableModel
{
    Q_OBJECT

public:
    enum Column { Start, End, Kind, Plan, Retention, SourceBytes, Files, NewBytes, Status, Copies, ColumnCount };
    enum Role {
        StatusRole = FirstCustomRole, // QString: "running", "complete", "failed"
        ReplicationLagRole,           // qint64 seconds from the end to the last remote copy;
                                      // -1 without a remote copy, or while it is not complete
    };

    explicit GenerationsModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The generations of `serverId`. A different server than before resets the model.
    void setGenerations(qint64 serverId, const QList<Api::Client::GenerationInfo> &generations);
    void clear();
    qint64 serverId() const { return m_serverId; }

    // Lag of a generation's remote copies (see ReplicationLagRole).
    static qint64 replicationLagSeconds(const Api::Client::GenerationInfo &generation);

private:
    QVariant display(const Api::Client::GenerationInfo &generation, int column) const;

    qint64 m_serverId = 0;
    QList<Api::Client::GenerationInfo> m_generations;
};

} // namespace Kura::Models
