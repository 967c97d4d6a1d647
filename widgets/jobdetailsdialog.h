#pragma once

#include <QDialog>

class QAbstractItemModel;
class QFormLayout;
class QLabel;
class QPlainTextEdit;

namespace Kura::Api::Client {
class ApiClient;
struct JobInfo;
}

namespace Kura::Widgets {

// One job of the report in full: every column of its report row, and its log with the events
// of GET /jobs/{id}, loaded when the dialog opens. Opened by double-clicking a report row;
// deletes itself when closed.
class JobDetailsDialog : public QDialog
{
    Q_OBJECT

public:
    // `row` of `model` (a report model or a proxy of one) is the job `jobId`.
    JobDetailsDialog(Api::Client::ApiClient *client, qint64 jobId, const QAbstractItemModel *model, int row,
                     QWidget *parent = nullptr);

    QPlainTextEdit *log() const { return m_log; }

private:
    QLabel *m_logLabel = nullptr;
    QPlainTextEdit *m_log = nullptr;
};

// A job's log as text, a line per event ("time  level  text"), then its reason; for the Jobs
// page and the job details.
QString jobLogText(const Api::Client::JobInfo &job);

} // namespace Kura::Widgets
