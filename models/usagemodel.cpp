#include "usagemodel.h"

#include "modeltext.h"

#include <QLocale>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace Kura::Models {

using Api::Client::ServerUsage;
using Api::Client::UsageDay;
using Api::Client::UsageReport;

bool sameUsage(const ServerUsage &a, const ServerUsage &b)
{
    if (a.serverId != b.serverId || a.name != b.name || a.storage != b.storage || a.timing != b.timing
        || a.retentionDays != b.retentionDays || a.averageBytes != b.averageBytes
        || a.estimatedCharge != b.estimatedCharge || a.chargeError != b.chargeError
        || a.days.size() != b.days.size())
        return false;
    for (qsizetype i = 0; i < a.days.size(); ++i) {
        if (a.days.at(i).day != b.days.at(i).day || a.days.at(i).protectedBytes != b.days.at(i).protectedBytes)
            return false;
    }
    return true;
}

UsageModel::UsageModel(QObject *parent)
    : KeyedTableModel(parent)
{
}

int UsageModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ServerUsage &server = m_servers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(server, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Charge && !server.chargeError.isEmpty())
            return Tr::tr("Not estimated: %1").arg(server.chargeError);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == AverageBytes || index.column() == Charge || index.column() == Samples)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return server.serverId;
    case SortRole:
        return sortValue(server, index.column());
    case AverageBytesRole:
        return server.averageBytes;
    case ChargeRole:
        return server.estimatedCharge.value_or(-1);
    case SampleCountRole:
        return int(server.days.size());
    case NameRole:
        return server.name;
    default:
        return {};
    }
}

QVariant UsageModel::display(const ServerUsage &server, int column) const
{
    switch (column) {
    case Server:
        return server.name;
    case Plan:
        if (server.storage.isEmpty())
            return QString();
        //: Plan menu of a server on the Usage page: storage, timing, minimum retention
        return Tr::tr("%1, %2, %3")
            .arg(storageText(server.storage), timingText(server.timing), retentionText(server.retentionDays));
    case AverageBytes:
        return sizeText(qRound64(server.averageBytes));
    case Charge:
        return server.estimatedCharge ? chargeText(server.estimatedCharge) : Tr::tr("Not estimated");
    case Samples:
        return countText(server.days.size());
    default:
        return {};
    }
}

QVariant UsageModel::sortValue(const ServerUsage &server, int column) const
{
    switch (column) {
    case Server: return server.name;
    case Plan: return display(server, Plan);
    case AverageBytes: return server.averageBytes;
    case Charge: return server.estimatedCharge.value_or(-1);
    case Samples: return int(server.days.size());
    default: return {};
    }
}

QVariant UsageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Server: return Tr::tr("Server");
    case Plan: return Tr::tr("Plan Menu");
    case AverageBytes: return Tr::tr("Monthly Average");
    case Charge: return Tr::tr("Estimated Charge");
    case Samples: return Tr::tr("Daily Samples");
    default: return {};
    }
}

void UsageModel::setReport(const UsageReport &report)
{
    if (report.month != m_total.month)
        clearRows(m_servers);
    applyUpdate(m_servers, report.servers, [](const ServerUsage &s) { return s.serverId; }, sameUsage);
    const Total total { report.month, report.currency, report.averageBytes, report.estimatedCharge,
                        int(report.servers.size()) };
    const bool changed = total.month != m_total.month || total.currency != m_total.currency
        || total.averageBytes != m_total.averageBytes || total.estimatedCharge != m_total.estimatedCharge
        || total.servers != m_total.servers;
    m_total = total;
    if (changed)
        emit totalChanged();
    // A server that does not name its current month: the report's month stands in for it.
    QStringList months = monthsBack(report.currentMonth.isEmpty() ? report.month : report.currentMonth);
    for (const QString &month : report.months)
        if (!months.contains(month))
            months << month;
    std::sort(months.begin(), months.end(), std::greater<QString>()); // "YYYY-MM" sorts as text
    setOfferedMonths(months);
}

void UsageModel::clear()
{
    clearRows(m_servers);
    setOfferedMonths({});
    if (m_total.month.isEmpty())
        return;
    m_total = {};
    emit totalChanged();
}

QStringList UsageModel::monthsBack(const QString &month, int count)
{
    const QDate first = QDate::fromString(month + u"-01"_s, Qt::ISODate);
    if (!first.isValid())
        return {};
    QStringList out;
    for (int back = 0; back <= count; ++back)
        out << first.addMonths(-back).toString(u"yyyy-MM"_s);
    return out;
}

void UsageModel::setOfferedMonths(const QStringList &months)
{
    if (months == m_offeredMonths)
        return;
    m_offeredMonths = months;
    emit monthsChanged();
}

QMap<QDate, qint64> UsageModel::dailySeries(qint64 serverId) const
{
    QMap<QDate, qint64> series;
    if (serverId != 0) {
        const int row = rowOf(serverId);
        if (row >= 0) {
            for (const UsageDay &day : m_servers.at(row).days)
                series.insert(day.day, day.protectedBytes);
        }
        return series;
    }
    // The tenant: each server counts with its latest sample up to the day, so a day on which
    // one server has no sample (no successful backup) does not look like data that vanished.
    // Each sample adds its change against the server's previous one; the running sum over the
    // days is the tenant's volume.
    QMap<QDate, qint64> changes;
    for (const ServerUsage &server : m_servers) {
        qint64 previous = 0;
        for (const UsageDay &day : server.days) {
            changes[day.day] += day.protectedBytes - previous;
            previous = day.protectedBytes;
        }
    }
    qint64 total = 0;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        total += it.value();
        series.insert(it.key(), total);
    }
    return series;
}

QString UsageModel::chargeText(std::optional<qint64> charge) const
{
    if (!charge)
        return {};
    //: An estimated charge: amount, currency code ("12,345 JPY")
    return Tr::tr("%1 %2").arg(QLocale().toString(*charge), m_total.currency);
}

} // namespace Kura::Models
