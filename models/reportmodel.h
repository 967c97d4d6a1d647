#pragma once

#include "keyedtablemodel.h"

#include <api/client/apitypes.h>

#include <QDate>
#include <QSet>
#include <QSortFilterProxyModel>

namespace Kura::Models {

// The job report of SPEC §8 (GET /reports/jobs): every job of the last 14 days, newest first,
// keyed by job id.
class ReportModel : public KeyedTableModel
{
    Q_OBJECT

public:
    enum Column { Server, Kind, Plan, Trigger, Start, End, Duration, SourceBytes, TransferredBytes, Files, Result, Reason, ColumnCount };
    enum Role {
        ServerIdRole = FirstCustomRole, // qint64
        ResultRole,                     // int: Api::Client::JobState
        KindRole,                       // QString: stable kind name ("file_backup")
        StartRole,                      // QDateTime: start, or queue time when never started
        PositionRole,                   // int: the row's position in the server's report
    };

    explicit ReportModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setReport(const Api::Client::JobReport &report);
    void clear();
    const Api::Client::JobReport &report() const { return m_report; }
    const Api::Client::ReportRow &rowAt(int row) const { return m_rows.at(row); }

private:
    QVariant display(const Api::Client::ReportRow &row, int column) const;
    QVariant sortValue(const Api::Client::ReportRow &row, int column) const;

    Api::Client::JobReport m_report;
    QList<Api::Client::ReportRow> m_rows;
    QHash<qint64, int> m_position; // job id -> index in m_report.rows
};

// Filters a ReportModel by server, result, kind and date (of the job's start, in local time),
// and sorts by the raw values (SortRole). An unset criterion lets every row through.
class ReportFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ReportFilterModel(QObject *parent = nullptr);

    void setServerId(std::optional<qint64> serverId);
    void setResults(const QSet<Api::Client::JobState> &results); // empty: all
    void setKind(const QString &kind);                            // empty: all
    void setDateRange(const QDate &from, const QDate &to);       // invalid: open end
    std::optional<qint64> serverId() const { return m_serverId; }

    // Positions (ReportModel::PositionRole) of the rows that pass, in the server's order.
    QList<int> acceptedPositions() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    std::optional<qint64> m_serverId;
    QSet<Api::Client::JobState> m_results;
    QString m_kind;
    QDate m_from;
    QDate m_to;
};

bool sameReportRow(const Api::Client::ReportRow &a, const Api::Client::ReportRow &b);

} // namespace Kura::Models
