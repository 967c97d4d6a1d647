#pragma once

#include <QDateTime>
#include <QWidget>

#include <functional>

class QAction;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTimer;
class QToolBar;

namespace Kura::Models {
class Session;
}

namespace Kura::Widgets {

// The Usage page (SPEC §10): for a month (this one or one of the twelve before, or an earlier
// one with samples; the list follows each answer of the server, UsageModel::offeredMonths(),
// and the page asks again when the calendar month changes while it is shown), every server's
// plan menu, monthly average of protected data, estimated charge and number of daily
// samples, the tenant's total, a chart of the daily samples of the selected server (when none
// is selected, of the tenant: every server at its latest sample; UsageModel::dailySeries()),
// and the server's CSV document of the month.
class UsageView : public QWidget
{
    Q_OBJECT

public:
    explicit UsageView(Models::Session *session, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QComboBox *monthBox() const { return m_month; }
    QChart *chart() const { return m_chart; }
    // The month shown ("YYYY-MM").
    QString month() const;
    // Asks the server for the month's usage.
    void refresh();
    // Fetches the month's CSV from the server and writes it to `path` as it came.
    void exportTo(const QString &path);
    // The clock of the month picker before the server has answered, and of the watch for a new
    // month (UTC). Tests pass their own; the default reads the system clock.
    void setClock(std::function<QDateTime()> nowUtc);

signals:
    void statusMessage(const QString &text);
    void exported(const QString &path, int servers);
    void exportFailed(const QString &reason);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void retranslateMonths();
    void updateMonths();
    void watchMonth();
    void monthWatchFired();
    void updateTotal();
    void updateChart();
    void chooseExportFile();
    void failExport(const QString &reason);

    Models::Session *m_session;
    QToolBar *m_toolBar = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_export = nullptr;
    QLabel *m_monthLabel = nullptr;
    QComboBox *m_month = nullptr;
    QLabel *m_total = nullptr;
    QTableView *m_table = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QChart *m_chart = nullptr;
    QChartView *m_chartView = nullptr;
    bool m_exporting = false;
    std::function<QDateTime()> m_now;
    QTimer *m_monthWatch = nullptr;
    QString m_watchedMonth; // the calendar month when the watch was set
};

} // namespace Kura::Widgets
