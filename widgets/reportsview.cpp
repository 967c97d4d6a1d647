#include "reportsview.h"
#include "jobdetailsdialog.h"

#include "icons.h"
#include "messages.h"
#include "tablesupport.h"

#include <csvrecords.h>
#include <modeltext.h>
#include <reportmodel.h>
#include <serversmodel.h>
#include <session.h>

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTableView>
#include <QTimeZone>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

using namespace Api::Client;
using Models::ReportModel;

namespace {
constexpr int ReportDays = 14;
constexpr int CsvServerField = 0;
constexpr int CsvResultField = 10;

// The values of the result filter: a group of states each.
QList<QSet<JobState>> resultGroups()
{
    return { {},
             { JobState::Succeeded },
             { JobState::Failed, JobState::Interrupted },
             { JobState::Stopped, JobState::Cancelled },
             { JobState::Queued, JobState::Running } };
}

const QStringList &kinds()
{
    static const QStringList list { QString(), u"file_backup"_s, u"system_backup"_s,
                                    u"file_restore"_s, u"system_restore"_s };
    return list;
}
} // namespace

ReportsView::ReportsView(Models::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_filter(new Models::ReportFilterModel(this))
{
    setObjectName(u"reportsView"_s);
    m_filter->setSourceModel(session->report());

    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_refresh = new QAction(icon(Icon::Refresh), QString(), this);
    m_refresh->setObjectName(u"refreshReportAction"_s);
    m_export = new QAction(icon(Icon::Export), QString(), this);
    m_export->setObjectName(u"exportCsvAction"_s);
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_export->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_export);
    m_toolBar->addAction(m_refresh);
    m_toolBar->addAction(m_export);
    connect(m_refresh, &QAction::triggered, session, &Models::Session::refreshReport);
    connect(m_export, &QAction::triggered, this, &ReportsView::chooseExportFile);

    m_server = new QComboBox(this);
    m_server->setObjectName(u"reportServer"_s);
    m_server->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_result = new QComboBox(this);
    m_result->setObjectName(u"reportResult"_s);
    for (int i = 0; i < resultGroups().size(); ++i)
        m_result->addItem(QString(), i);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(u"reportKind"_s);
    for (const QString &kind : kinds())
        m_kind->addItem(QString(), kind);
    const QDate today = QDate::currentDate();
    m_from = new QDateEdit(today.addDays(-ReportDays), this);
    m_from->setObjectName(u"reportFrom"_s);
    m_from->setCalendarPopup(true);
    m_to = new QDateEdit(today, this);
    m_to->setObjectName(u"reportTo"_s);
    m_to->setCalendarPopup(true);
    m_serverLabel = new QLabel(this);
    m_serverLabel->setBuddy(m_server);
    m_resultLabel = new QLabel(this);
    m_resultLabel->setBuddy(m_result);
    m_kindLabel = new QLabel(this);
    m_kindLabel->setBuddy(m_kind);
    m_fromLabel = new QLabel(this);
    m_fromLabel->setBuddy(m_from);
    m_toLabel = new QLabel(this);
    m_toLabel->setBuddy(m_to);
    m_count = new QLabel(this);
    m_count->setObjectName(u"reportCount"_s);

    auto *filters = new QGridLayout;
    filters->addWidget(m_serverLabel, 0, 0);
    filters->addWidget(m_server, 0, 1);
    filters->addWidget(m_resultLabel, 0, 2);
    filters->addWidget(m_result, 0, 3);
    filters->addWidget(m_kindLabel, 0, 4);
    filters->addWidget(m_kind, 0, 5);
    filters->addWidget(m_fromLabel, 1, 0);
    filters->addWidget(m_from, 1, 1);
    filters->addWidget(m_toLabel, 1, 2);
    filters->addWidget(m_to, 1, 3);
    filters->addWidget(m_count, 1, 4, 1, 2);
    filters->setColumnStretch(6, 1);

    for (QComboBox *combo : { m_server, m_result, m_kind })
        connect(combo, &QComboBox::currentIndexChanged, this, &ReportsView::applyFilter);
    connect(m_from, &QDateEdit::dateChanged, this, &ReportsView::applyFilter);
    connect(m_to, &QDateEdit::dateChanged, this, &ReportsView::applyFilter);

    m_table = new QTableView(this);
    m_table->setObjectName(u"reportTable"_s);
    m_table->setModel(m_filter);
    auto *support = new TableSupport(m_table, u"reportsView"_s);
    if (!support->restore())
        m_table->sortByColumn(ReportModel::Start, Qt::DescendingOrder);
    // Double-click or Enter: the job in full, with its log.
    connect(m_table, &QTableView::activated, this, &ReportsView::showDetails);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    setTabOrder(m_server, m_result);
    setTabOrder(m_result, m_kind);
    setTabOrder(m_kind, m_from);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_table);

    connect(session->servers(), &Models::ServersModel::updated, this,
            [this](int inserted, int changed, int removed) {
                if (inserted + changed + removed > 0)
                    fillServers();
            });
    connect(session->servers(), &QAbstractItemModel::modelReset, this, &ReportsView::fillServers);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &ReportsView::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &ReportsView::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &ReportsView::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &ReportsView::updateCount);
    retranslateUi();
    fillServers();
}

void ReportsView::fillServers()
{
    const qint64 current = m_server->currentData().toLongLong();
    QSignalBlocker blocker(m_server);
    m_server->clear();
    m_server->addItem(tr("All servers"), qint64(0));
    const auto *servers = m_session->servers();
    QList<QPair<QString, qint64>> names;
    for (int row = 0; row < servers->rowCount(); ++row)
        names.append({ servers->serverAt(row).name, servers->idAt(row) });
    std::sort(names.begin(), names.end(), [](const auto &a, const auto &b) {
        return a.first.compare(b.first, Qt::CaseInsensitive) < 0;
    });
    for (const auto &[name, id] : names)
        m_server->addItem(name, id);
    const int index = m_server->findData(current);
    m_server->setCurrentIndex(index < 0 ? 0 : index);
}

void ReportsView::applyFilter()
{
    const qint64 server = m_server->currentData().toLongLong();
    m_filter->setServerId(server == 0 ? std::nullopt : std::optional<qint64>(server));
    m_filter->setResults(resultGroups().value(m_result->currentData().toInt()));
    m_filter->setKind(m_kind->currentData().toString());
    m_filter->setDateRange(m_from->date(), m_to->date());
    updateCount();
}

void ReportsView::updateCount()
{
    m_count->setText(tr("%1 of %n job(s) shown", nullptr, m_session->report()->rowCount())
                         .arg(m_filter->rowCount()));
}

void ReportsView::chooseExportFile()
{
    auto *dialog = new QFileDialog(this, tr("Export Report"));
    dialog->setObjectName(u"exportDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->setNameFilter(tr("CSV files (*.csv)"));
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    dialog->selectFile(QDir(documents).filePath(
        u"kura-report-%1.csv"_s.arg(QDate::currentDate().toString(Qt::ISODate))));
    connect(dialog, &QFileDialog::fileSelected, this, &ReportsView::exportTo);
    dialog->open();
}

void ReportsView::exportTo(const QString &path)
{
    if (m_exporting)
        return;
    m_exporting = true;
    m_export->setEnabled(false);
    fetchForExport(path, 1);
}

void ReportsView::fetchForExport(const QString &path, int attempt)
{
    auto *client = m_session->client();
    client->jobReport(0, this, [this, client, path, attempt](ApiResult<JobReport> report) {
        if (!report)
            return failExport(Models::errorText(report.error()));
        const QString zone = QString::fromUtf8(QTimeZone::systemTimeZoneId());
        client->jobReportCsv(zone, this, [this, path, attempt, fresh = *report](ApiResult<QByteArray> csv) {
            if (!csv)
                return failExport(Models::errorText(csv.error()));
            finishExport(path, attempt, fresh, *csv);
        });
    });
}

void ReportsView::finishExport(const QString &path, int attempt, const JobReport &report, const QByteArray &csv)
{
    auto done = [this](const QString &failure) {
        if (!failure.isEmpty())
            return failExport(failure);
        m_exporting = false;
        m_export->setEnabled(true);
    };
    auto document = Models::parseCsv(csv);
    if (!document)
        return done(tr("The server's CSV document cannot be read: %1").arg(document.error().message()));
    // The JSON report and the CSV document must list the same jobs in the same order; a job
    // that started between the two calls shifts them, and the export is fetched again.
    bool same = document->records.size() == report.rows.size() + 1;
    for (qsizetype i = 0; same && i < report.rows.size(); ++i) {
        const QStringList &fields = document->records.at(i + 1).fields;
        const ReportRow &row = report.rows.at(i);
        same = fields.size() > CsvResultField && fields.at(CsvServerField) == row.serverName
            && fields.at(CsvResultField) == jobStateName(row.result);
    }
    if (!same) {
        if (attempt < 3)
            return fetchForExport(path, attempt + 1);
        return done(tr("The report kept changing while it was exported. Try again."));
    }
    m_session->report()->setReport(report);
    auto selected = Models::selectCsvRows(*document, m_filter->acceptedPositions());
    if (!selected)
        return done(selected.error().message());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*selected) != selected->size() || !file.commit())
        return done(tr("Cannot write \"%1\": %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    done({});
    const int rows = m_filter->rowCount();
    emit statusMessage(tr("%n job(s) exported to \"%1\".", nullptr, rows).arg(QDir::toNativeSeparators(path)));
    emit exported(path, rows);
}

void ReportsView::failExport(const QString &reason)
{
    m_exporting = false;
    m_export->setEnabled(true);
    showError(this, tr("Export Report"), reason);
    emit exportFailed(reason);
}

void ReportsView::showDetails(const QModelIndex &index)
{
    const qint64 jobId = index.data(Models::KeyedTableModel::IdRole).toLongLong();
    if (jobId == 0)
        return;
    auto *dialog = new JobDetailsDialog(m_session->client(), jobId, m_filter, index.row(), this);
    dialog->open();
}

void ReportsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ReportsView::retranslateUi()
{
    m_refresh->setText(tr("&Refresh"));
    m_refresh->setToolTip(tr("Load the report from the server again"));
    m_export->setText(tr("E&xport CSV..."));
    m_export->setToolTip(tr("Save the rows shown, as filtered, as a CSV file (Ctrl+Shift+E)"));
    m_serverLabel->setText(tr("&Server:"));
    m_resultLabel->setText(tr("&Result:"));
    m_kindLabel->setText(tr("&Kind:"));
    m_fromLabel->setText(tr("&From:"));
    m_toLabel->setText(tr("&To:"));
    m_result->setItemText(0, tr("All results"));
    m_result->setItemText(1, tr("Succeeded"));
    m_result->setItemText(2, tr("Failed or interrupted"));
    m_result->setItemText(3, tr("Stopped or cancelled"));
    m_result->setItemText(4, tr("Queued or running"));
    m_kind->setItemText(0, tr("All kinds"));
    for (int i = 1; i < kinds().size(); ++i)
        m_kind->setItemText(i, Models::jobKindText(kinds().at(i)));
    if (m_server->count() > 0)
        m_server->setItemText(0, tr("All servers"));
    m_session->report()->retranslate();
    updateCount();
}

} // namespace Kura::Widgets
