#include "jobdetailsdialog.h"

#include <api/client/apiclient.h>
#include <modeltext.h>

#include <QAbstractItemModel>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace Kura::Api::Client;

namespace Kura::Widgets {

QString jobLogText(const JobInfo &job)
{
    QStringList lines;
    for (const JobEvent &event : job.events)
        lines << u"%1  %2  %3"_s.arg(Models::dateTimeText(event.time), Models::eventLevelText(event.level), event.text);
    if (!job.reason.isEmpty())
        lines << job.reason;
    if (lines.isEmpty())
        lines << JobDetailsDialog::tr("Job %1 has no log entries yet.").arg(job.id);
    return lines.join(u'\n');
}

JobDetailsDialog::JobDetailsDialog(ApiClient *client, qint64 jobId, const QAbstractItemModel *model, int row,
                                   QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"jobDetailsDialog"_s);
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Job %1").arg(jobId));
    auto *fields = new QFormLayout;
    for (int column = 0; column < model->columnCount(); ++column) {
        auto *value = new QLabel(model->index(row, column).data().toString(), this);
        value->setWordWrap(true);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        fields->addRow(model->headerData(column, Qt::Horizontal).toString() + u':', value);
    }
    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(u"jobDetailsLog"_s);
    m_log->setReadOnly(true);
    m_log->setTabChangesFocus(true);
    m_log->setPlaceholderText(tr("Loading the log..."));
    m_logLabel = new QLabel(tr("&Log:"), this);
    m_logLabel->setBuddy(m_log);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fields);
    layout->addWidget(m_logLabel);
    layout->addWidget(m_log, 1);
    layout->addWidget(buttons);
    resize(640, 560);
    client->job(jobId, m_log, [log = m_log](ApiResult<JobInfo> result) {
        log->setPlainText(result ? jobLogText(*result) : Models::errorText(result.error()));
    });
}

} // namespace Kura::Widgets
