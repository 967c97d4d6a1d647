#include "reportmodel.h"

#include "modeltext.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Kura::Models {

using Api::Client::JobState;
using Api::Client::ReportRow;

bool sameReportRow(const ReportRow &a, const ReportRow &b)
{
    return a.jobId == b.jobId && a.serverId == b.serverId && a.serverName == b.serverName
        && a.kind == b.kind && a.planSummary == b.planSummary && a.trigger == b.trigger
        && a.queued == b.queued && a.start == b.start && a.end == b.end
        && a.durationSeconds == b.durationSeconds && a.sourceBytes == b.sourceBytes
        && a.transferredBytes == b.transferredBytes && a.files == b.files && a.result == b.result
        && a.reason == b.reason;
}

ReportModel::ReportModel(QObject *parent)
    : KeyedTableModel(parent)
{
}

int ReportModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReportModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReportRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        return index.column() == Reason && !row.reason.isEmpty() ? QVariant(row.reason) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() >= Duration && index.column() <= Files)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return row.jobId;
    case SortRole:
        return sortValue(row, index.column());
    case ServerIdRole:
        return row.serverId;
    case ResultRole:
        return int(row.result);
    case KindRole:
        return row.kind;
    case StartRole:
        return row.start.isValid() ? row.start : row.queued;
    case PositionRole:
        return m_position.value(row.jobId, -1);
    default:
        return {};
    }
}

QVariant ReportModel::display(const ReportRow &row, int column) const
{
    switch (column) {
    case Server: return row.serverName;
    case Kind: return jobKindText(row.kind);
    case Plan: return row.planSummary;
    case Trigger: return triggerText(row.trigger);
    case Start: return dateTimeText(row.start);
    case End: return dateTimeText(row.end);
    case Duration: return row.durationSeconds ? durationText(*row.durationSeconds) : QString();
    case SourceBytes: return sizeText(row.sourceBytes);
    case TransferredBytes: return sizeText(row.transferredBytes);
    case Files: return countText(row.files);
    case Result: return jobStateText(row.result);
    case Reason: return row.reason;
    default: return {};
    }
}

QVariant ReportModel::sortValue(const ReportRow &row, int column) const
{
    switch (column) {
    case Server: return row.serverName.toCaseFolded();
    case Start: return (row.start.isValid() ? row.start : row.queued).toMSecsSinceEpoch();
    case End: return row.end.isValid() ? row.end.toMSecsSinceEpoch() : qint64(-1);
    case Duration: return row.durationSeconds.value_or(-1);
    case SourceBytes: return row.sourceBytes;
    case TransferredBytes: return row.transferredBytes;
    case Files: return row.files;
    case Result: return int(row.result);
    default: return display(row, column);
    }
}

QVariant ReportModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Server: return Tr::tr("Server");
    case Kind: return Tr::tr("Kind");
    case Plan: return Tr::tr("Plan");
    case Trigger: return Tr::tr("Trigger");
    case Start: return Tr::tr("Start");
    case End: return Tr::tr("End");
    case Duration: return Tr::tr("Duration");
    case SourceBytes: return Tr::tr("Source Data");
    case TransferredBytes: return Tr::tr("Transferred");
    case Files: return Tr::tr("Files");
    case Result: return Tr::tr("Result");
    case Reason: return Tr::tr("Reason");
    default: return {};
    }
}

void ReportModel::setReport(const Api::Client::JobReport &report)
{
    m_report = report;
    m_position.clear();
    for (int i = 0; i < report.rows.size(); ++i)
        m_position.insert(report.rows.at(i).jobId, i);
    applyUpdate(m_rows, report.rows, [](const ReportRow &r) { return r.jobId; }, sameReportRow);
}

void ReportModel::clear()
{
    m_report = {};
    m_position.clear();
    clearRows(m_rows);
}

ReportFilterModel::ReportFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(KeyedTableModel::SortRole);
    setDynamicSortFilter(true);
}

void ReportFilterModel::setServerId(std::optional<qint64> serverId)
{
    m_serverId = serverId;
    invalidateFilter();
}

void ReportFilterModel::setResults(const QSet<JobState> &results)
{
    m_results = results;
    invalidateFilter();
}

void ReportFilterModel::setKind(const QString &kind)
{
    m_kind = kind;
    invalidateFilter();
}

void ReportFilterModel::setDateRange(const QDate &from, const QDate &to)
{
    m_from = from;
    m_to = to;
    invalidateFilter();
}

bool ReportFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_serverId && index.data(ReportModel::ServerIdRole).toLongLong() != *m_serverId)
        return false;
    if (!m_results.isEmpty()
        && !m_results.contains(JobState(index.data(ReportModel::ResultRole).toInt())))
        return false;
    if (!m_kind.isEmpty() && index.data(ReportModel::KindRole).toString() != m_kind)
        return false;
    const QDate day = index.data(ReportModel::StartRole).toDateTime().toLocalTime().date();
    if (m_from.isValid() && day < m_from)
        return false;
    if (m_to.isValid() && day > m_to)
        return false;
    return true;
}

QList<int> ReportFilterModel::acceptedPositions() const
{
    QList<int> positions;
    positions.reserve(rowCount());
    for (int row = 0; row < rowCount(); ++row)
        positions << index(row, 0).data(ReportModel::PositionRole).toInt();
    std::sort(positions.begin(), positions.end());
    return positions;
}

} // namespace Kura::Models
