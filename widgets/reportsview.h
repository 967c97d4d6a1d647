#pragma once

#include <api/client/apitypes.h>

#include <QWidget>

class QModelIndex;

class QAction;
class QComboBox;
class QDateEdit;
class QLabel;
class QTableView;
class QToolBar;

namespace Kura::Models {
class ReportFilterModel;
class Session;
} // namespace Kura::Models

namespace Kura::Widgets {

// The Reports page (SPEC §8): every job of the last 14 days with filters by server, result,
// kind and date, sortable columns, and export to CSV exactly as filtered. The export takes the
// server's own CSV document (GET /reports/jobs.csv, in the local time zone) and keeps its
// header and the records of the rows the filter shows, byte for byte.
class ReportsView : public QWidget
{
    Q_OBJECT

public:
    explicit ReportsView(Models::Session *session, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    Models::ReportFilterModel *filter() const { return m_filter; }
    // Writes the filtered report to `path` (asynchronous; emits exported() or exportFailed()).
    void exportTo(const QString &path);

signals:
    void statusMessage(const QString &text);
    void exported(const QString &path, int rows);
    void exportFailed(const QString &reason);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void showDetails(const QModelIndex &index);
    void applyFilter();
    void fillServers();
    void updateCount();
    void chooseExportFile();
    void fetchForExport(const QString &path, int attempt);
    void finishExport(const QString &path, int attempt, const Api::Client::JobReport &report,
                      const QByteArray &csv);
    void failExport(const QString &reason);

    Models::Session *m_session;
    Models::ReportFilterModel *m_filter;
    QToolBar *m_toolBar = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_export = nullptr;
    QLabel *m_serverLabel = nullptr;
    QComboBox *m_server = nullptr;
    QLabel *m_resultLabel = nullptr;
    QComboBox *m_result = nullptr;
    QLabel *m_kindLabel = nullptr;
    QComboBox *m_kind = nullptr;
    QLabel *m_fromLabel = nullptr;
    QDateEdit *m_from = nullptr;
    QLabel *m_toLabel = nullptr;
    QDateEdit *m_to = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_table = nullptr;
    bool m_exporting = false;
};

} // namespace Kura::Widgets
