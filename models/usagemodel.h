#pragma once

#include "keyedtablemodel.h"

#include <api/client/apitypes.h>

#include <QDate>
#include <QMap>

#include <optional>

namespace Kura::Models {

// A month of the tenant's usage (GET /usage, SPEC §10): one row per server with its plan menu,
// monthly average of protected bytes, estimated charge and number of daily samples, keyed by
// server id and updated incrementally. The tenant's total is not a row (it would sort among
// the servers); total() gives it, and dailySeries() the samples of one server or of the tenant.
class UsageModel : public KeyedTableModel
{
    Q_OBJECT

public:
    enum Column { Server, Plan, AverageBytes, Charge, Samples, ColumnCount };
    enum Role {
        AverageBytesRole = FirstCustomRole, // double
        ChargeRole,                         // qint64, or -1 when not estimated
        SampleCountRole,                    // int
        NameRole,                           // QString
    };

    // The tenant's month as a whole.
    struct Total
    {
        QString month; // "YYYY-MM"; empty before the first report
        QString currency;
        double averageBytes = 0;
        std::optional<qint64> estimatedCharge;
        int servers = 0;
    };

    explicit UsageModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Applies a fresh report. A report of another month replaces every row (a reset); the
    // same month is applied incrementally. Emits totalChanged() when the total changed.
    void setReport(const Api::Client::UsageReport &report);
    void clear();

    const Total &total() const { return m_total; }
    const Api::Client::ServerUsage &serverAt(int row) const { return m_servers.at(row); }
    // Protected bytes per sampled day of server `serverId`. With `serverId` 0, the tenant's:
    // on every day any server was sampled, the sum of each server's latest sample up to that
    // day (servers not sampled yet count 0). Days without a sample are absent.
    QMap<QDate, qint64> dailySeries(qint64 serverId = 0) const;
    // The charge as text in the report's currency ("12,345 JPY"); empty when not estimated.
    QString chargeText(std::optional<qint64> charge) const;

    // The months to offer ("YYYY-MM", newest first): the server's current month and the twelve
    // before it, and every earlier month with samples. Follows each report, so a new month
    // (the calendar's, or one whose samples arrived) shows up. Empty before the first report.
    const QStringList &offeredMonths() const { return m_offeredMonths; }
    // `month` and the `count` months before it, newest first.
    static QStringList monthsBack(const QString &month, int count = 12);

signals:
    void totalChanged();
    // offeredMonths() changed.
    void monthsChanged();

private:
    QVariant display(const Api::Client::ServerUsage &server, int column) const;
    QVariant sortValue(const Api::Client::ServerUsage &server, int column) const;

    void setOfferedMonths(const QStringList &months);

    QList<Api::Client::ServerUsage> m_servers;
    Total m_total;
    QStringList m_offeredMonths;
};

bool sameUsage(const Api::Client::ServerUsage &a, const Api::Client::ServerUsage &b);

} // namespace Kura::Models
