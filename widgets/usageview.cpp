#include "usageview.h"

#include "icons.h"
#include "messages.h"
#include "tablesupport.h"

#include <csvrecords.h>
#include <modeltext.h>
#include <session.h>
#include <usagemodel.h>

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineSeries>
#include <QSaveFile>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

using Models::UsageModel;

namespace {
// The binary unit that shows `maxBytes` with at most four digits, as an exponent of 1024.
int unitExponent(qint64 maxBytes)
{
    int exponent = 0;
    double value = double(maxBytes);
    while (value >= 1024.0 && exponent < 5) {
        value /= 1024.0;
        ++exponent;
    }
    return exponent;
}

QString unitName(int exponent)
{
    static const char *const names[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
    return QString::fromLatin1(names[exponent]);
}
} // namespace

UsageView::UsageView(Models::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(u"usageView"_s);
    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_refresh = new QAction(icon(Icon::Refresh), QString(), this);
    m_refresh->setObjectName(u"refreshUsageAction"_s);
    m_export = new QAction(icon(Icon::Export), QString(), this);
    m_export->setObjectName(u"exportUsageAction"_s);
    m_toolBar->addAction(m_refresh);
    m_toolBar->addAction(m_export);
    connect(m_refresh, &QAction::triggered, this, &UsageView::refresh);
    connect(m_export, &QAction::triggered, this, &UsageView::chooseExportFile);

    m_monthLabel = new QLabel(this);
    m_month = new QComboBox(this);
    m_month->setObjectName(u"usageMonth"_s);
    m_monthLabel->setBuddy(m_month);
    m_now = [] { return QDateTime::currentDateTimeUtc(); };
    m_monthWatch = new QTimer(this);
    m_monthWatch->setSingleShot(true);
    connect(m_monthWatch, &QTimer::timeout, this, &UsageView::monthWatchFired);
    updateMonths();
    watchMonth();
    connect(m_month, &QComboBox::currentIndexChanged, this, &UsageView::refresh);
    m_total = new QLabel(this);
    m_total->setObjectName(u"usageTotal"_s);
    m_total->setWordWrap(true);
    m_total->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(session->usage());
    m_proxy->setSortRole(Models::KeyedTableModel::SortRole);
    m_table = new QTableView(this);
    m_table->setObjectName(u"usageTable"_s);
    m_table->setModel(m_proxy);
    auto *support = new TableSupport(m_table, u"usageView"_s);
    if (!support->restore())
        m_table->sortByColumn(UsageModel::Server, Qt::AscendingOrder);

    m_chart = new QChart;
    m_chart->legend()->hide();
    m_chartView = new QChartView(m_chart, this);
    m_chartView->setObjectName(u"usageChart"_s);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(220);

    auto *monthRow = new QHBoxLayout;
    monthRow->addWidget(m_monthLabel);
    monthRow->addWidget(m_month);
    monthRow->addSpacing(16);
    monthRow->addWidget(m_total, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_chartView);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addLayout(monthRow);
    layout->addWidget(splitter, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &UsageView::updateChart);
    connect(session->usage(), &UsageModel::updated, this, &UsageView::updateChart);
    connect(session->usage(), &QAbstractItemModel::modelReset, this, &UsageView::updateChart);
    connect(session->usage(), &UsageModel::totalChanged, this, &UsageView::updateTotal);
    connect(session->usage(), &UsageModel::monthsChanged, this, &UsageView::updateMonths);
    connect(session, &Models::Session::stateChanged, this, [this](Models::Session::State state) {
        if (state == Models::Session::State::Connected && isVisible())
            refresh();
    });
    retranslateUi();
}

// The months the server offers once it has answered; before that, this month by the clock and
// the twelve before. The chosen month stays chosen while it is offered.
void UsageView::updateMonths()
{
    QStringList months = m_session->usage()->offeredMonths();
    if (months.isEmpty())
        months = UsageModel::monthsBack(m_now().date().toString(u"yyyy-MM"_s));
    QStringList shown;
    for (int i = 0; i < m_month->count(); ++i)
        shown << m_month->itemData(i).toString();
    if (shown == months)
        return;
    const QString chosen = month();
    {
        const QSignalBlocker blocker(m_month);
        m_month->clear();
        for (const QString &m : std::as_const(months))
            m_month->addItem(QString(), m);
        const int index = m_month->findData(chosen);
        m_month->setCurrentIndex(index >= 0 ? index : 0);
        retranslateMonths();
    }
    if (month() != chosen && !chosen.isEmpty())
        refresh();
}

void UsageView::setClock(std::function<QDateTime()> nowUtc)
{
    m_now = std::move(nowUtc);
    updateMonths();
    watchMonth();
}

// Wakes up when the calendar month ends (a timer runs at most about 24 days, so at most a day
// at a time).
void UsageView::watchMonth()
{
    const QDateTime now = m_now();
    m_watchedMonth = now.date().toString(u"yyyy-MM"_s);
    const QDate next = QDate(now.date().year(), now.date().month(), 1).addMonths(1);
    const qint64 untilNext = now.msecsTo(QDateTime(next, QTime(0, 0), Qt::UTC));
    constexpr qint64 DayMs = 24 * 3600 * 1000;
    constexpr qint64 AfterMs = 1000; // the server's clock is past the change too
    m_monthWatch->start(int(qBound<qint64>(0, untilNext, DayMs) + AfterMs));
}

// A new month: the page asks the server again if it is shown (its answer names the new month
// and the picker follows), else when it is shown next.
void UsageView::monthWatchFired()
{
    const QString now = m_now().date().toString(u"yyyy-MM"_s);
    if (now != m_watchedMonth) {
        updateMonths();
        if (isVisible())
            refresh();
    }
    watchMonth();
}

QString UsageView::month() const
{
    return m_month->currentData().toString();
}

void UsageView::refresh()
{
    m_session->refreshUsage(month());
}

void UsageView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void UsageView::updateTotal()
{
    const UsageModel::Total &total = m_session->usage()->total();
    if (total.month.isEmpty()) {
        m_total->clear();
        return;
    }
    if (total.servers == 0) {
        m_total->setText(tr("No usage was recorded in this month. A server's protected data is "
                            "sampled on each day one of its backups succeeds."));
        return;
    }
    const QString average = Models::sizeText(qRound64(total.averageBytes));
    if (total.estimatedCharge)
        m_total->setText(tr("Tenant total for %n server(s): monthly average %1, estimated charge %2",
                            nullptr, total.servers)
                             .arg(average, m_session->usage()->chargeText(total.estimatedCharge)));
    else
        m_total->setText(tr("Tenant total for %n server(s): monthly average %1; the charge cannot be "
                            "estimated (see the servers without one)",
                            nullptr, total.servers)
                             .arg(average));
}

// Protected data of each sampled day of the month: the selected server's, or every server's
// added up.
void UsageView::updateChart()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const qint64 serverId = rows.isEmpty() ? 0 : rows.first().data(Models::KeyedTableModel::IdRole).toLongLong();
    const QString name = rows.isEmpty() ? QString() : rows.first().data(UsageModel::NameRole).toString();
    const QMap<QDate, qint64> series = m_session->usage()->dailySeries(serverId);
    qint64 maxBytes = 0;
    for (qint64 bytes : series)
        maxBytes = std::max(maxBytes, bytes);
    const int exponent = unitExponent(maxBytes);
    const double divisor = std::pow(1024.0, exponent);

    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes())
        m_chart->removeAxis(axis);
    auto *line = new QLineSeries;
    line->setPointsVisible(true);
    for (auto it = series.cbegin(); it != series.cend(); ++it)
        line->append(it.key().day(), double(it.value()) / divisor);
    m_chart->addSeries(line);

    const QDate first = QDate::fromString(month() + u"-01"_s, Qt::ISODate);
    auto *days = new QValueAxis;
    days->setRange(1, first.isValid() ? first.daysInMonth() : 31);
    days->setLabelFormat(u"%d"_s);
    days->setTickType(QValueAxis::TicksDynamic);
    days->setTickAnchor(1);
    days->setTickInterval(7);
    days->setTitleText(tr("Day of the month (UTC)"));
    auto *bytes = new QValueAxis;
    bytes->setRange(0, maxBytes > 0 ? double(maxBytes) / divisor * 1.1 : 1.0);
    bytes->setLabelFormat(u"%.1f"_s);
    bytes->setTitleText(unitName(exponent));
    m_chart->addAxis(days, Qt::AlignBottom);
    m_chart->addAxis(bytes, Qt::AlignLeft);
    line->attachAxis(days);
    line->attachAxis(bytes);
    //: Title of the usage chart: %1 a server's name, %2 a unit such as GiB
    m_chart->setTitle(serverId ? tr("Daily protected data of %1 (%2)").arg(name, unitName(exponent))
                               //: %1 is a unit such as GiB
                               : tr("Protected data of every server, each at its latest sample (%1)")
                                     .arg(unitName(exponent)));
}

void UsageView::chooseExportFile()
{
    auto *dialog = new QFileDialog(this, tr("Export Usage"));
    dialog->setObjectName(u"exportUsageDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->setNameFilter(tr("CSV files (*.csv)"));
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    dialog->selectFile(QDir(documents).filePath(u"kura-usage-%1.csv"_s.arg(month())));
    connect(dialog, &QFileDialog::fileSelected, this, &UsageView::exportTo);
    dialog->open();
}

void UsageView::exportTo(const QString &path)
{
    if (m_exporting)
        return;
    m_exporting = true;
    m_export->setEnabled(false);
    m_session->client()->usageCsv(month(), this, [this, path](Api::Client::ApiResult<QByteArray> csv) {
        if (!csv)
            return failExport(Models::errorText(csv.error()));
        // The document is written as the server made it; reading it first keeps a damaged
        // answer out of the file.
        auto document = Models::parseCsv(*csv);
        if (!document)
            return failExport(tr("The server's CSV document cannot be read: %1").arg(document.error().message()));
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(*csv) != csv->size() || !file.commit())
            return failExport(tr("Cannot write \"%1\": %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        m_exporting = false;
        m_export->setEnabled(true);
        const int servers = int(std::max<qsizetype>(0, document->records.size() - 2)); // header, total
        emit statusMessage(tr("Usage of %n server(s) exported to \"%1\".", nullptr, servers)
                               .arg(QDir::toNativeSeparators(path)));
        emit exported(path, servers);
    });
}

void UsageView::failExport(const QString &reason)
{
    m_exporting = false;
    m_export->setEnabled(true);
    showError(this, tr("Export Usage"), reason);
    emit exportFailed(reason);
}

void UsageView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void UsageView::retranslateMonths()
{
    for (int i = 0; i < m_month->count(); ++i) {
        const QDate first = QDate::fromString(m_month->itemData(i).toString() + u"-01"_s, Qt::ISODate);
        //: Date format of the month picker on the Usage page (QDate format)
        m_month->setItemText(i, QLocale().toString(first, tr("MMMM yyyy")));
    }
}

void UsageView::retranslateUi()
{
    m_refresh->setText(tr("&Refresh"));
    m_refresh->setToolTip(tr("Load the month's usage from the server again"));
    m_export->setText(tr("E&xport CSV..."));
    m_export->setToolTip(tr("Save the month's usage of every server and the total as a CSV file"));
    m_monthLabel->setText(tr("&Month:"));
    retranslateMonths();
    m_session->usage()->retranslate();
    updateTotal();
    updateChart();
}

} // namespace Kura::Widgets
