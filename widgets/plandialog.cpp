#include "plandialog.h"
#include "restorefolderdialog.h"

#include "icons.h"

#include <modeltext.h>
#include <policy/planrules.h>

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

using Api::Client::PlanInfo;

namespace {
QString hhmm(int hour)
{
    return u"%1:00"_s.arg(hour, 2, 10, QLatin1Char('0'));
}

// The UTC interval [startHour, startHour + hours) on `day`, in the system's local time.
QString localRange(const QDate &day, int startHour, int hours, bool withDay)
{
    const QDateTime start(day, QTime(0, 0), QTimeZone::utc());
    const QDateTime localStart = start.addSecs(qint64(startHour) * 3600).toLocalTime();
    const QDateTime localEnd = start.addSecs(qint64(startHour + hours) * 3600).toLocalTime();
    const QLocale locale;
    const QString range = u"%1-%2"_s.arg(locale.toString(localStart.time(), u"HH:mm"_s),
                                         locale.toString(localEnd.time(), u"HH:mm"_s));
    return withDay ? u"%1 %2"_s.arg(locale.dayName(localStart.date().dayOfWeek()), range) : range;
}

bool localIsUtc(const QDate &day)
{
    return QDateTime(day, QTime(12, 0), QTimeZone::utc()).toLocalTime().offsetFromUtc() == 0;
}

QStringList lines(const QPlainTextEdit *edit)
{
    QStringList out;
    for (const QString &line : edit->toPlainText().split(u'\n')) {
        if (!line.trimmed().isEmpty())
            out << line.trimmed();
    }
    return out;
}
} // namespace

QString dailyWindowText(int window, const QDate &reference)
{
    const int start = window * Policy::DailyWindowHours;
    const QString utc = u"%1-%2"_s.arg(hhmm(start), hhmm(start + Policy::DailyWindowHours));
    if (localIsUtc(reference))
        return PlanDialog::tr("%1 UTC").arg(utc);
    //: %1 a time range in UTC, %2 the same range in local time
    return PlanDialog::tr("%1 UTC (%2 local time)")
        .arg(utc, localRange(reference, start, Policy::DailyWindowHours, false));
}

QString weeklyWindowText(int weekday, int window, const QDate &reference)
{
    const int start = window * Policy::WeeklyWindowHours;
    const QString utc = u"%1-%2"_s.arg(hhmm(start), hhmm(start + Policy::WeeklyWindowHours));
    const QDate day = reference.addDays(weekday - reference.dayOfWeek());
    if (localIsUtc(day))
        return PlanDialog::tr("%1 UTC").arg(utc);
    return PlanDialog::tr("%1 UTC (%2 local time)")
        .arg(utc, localRange(day, start, Policy::WeeklyWindowHours, true));
}

PlanDialog::PlanDialog(const Api::Client::ServerInfo &server,
                       const std::optional<Api::Client::RegionInfo> &region, QWidget *parent)
    : QDialog(parent)
    , m_server(server)
    , m_region(region)
{
    setObjectName(u"planDialog"_s);
    setWindowIcon(icon(Icon::EditPlan));
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"planProblem"_s);
    m_problem->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"planOk"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PlanDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *columns = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(createStorageGroup());
    left->addWidget(createTimingGroup());
    left->addStretch(1);
    auto *right = new QVBoxLayout;
    right->addWidget(createRetentionGroup());
    right->addWidget(createContentGroup(), 1);
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    load(server.plan.value_or(PlanInfo {}));
    retranslateUi();
}

QWidget *PlanDialog::createStorageGroup()
{
    m_storageGroup = new QGroupBox(this);
    m_local = new QRadioButton(m_storageGroup);
    m_local->setObjectName(u"storageLocal"_s);
    m_double = new QRadioButton(m_storageGroup);
    m_double->setObjectName(u"storageDouble"_s);
    m_doubleNote = new QLabel(m_storageGroup);
    m_doubleNote->setObjectName(u"doubleNote"_s);
    m_doubleNote->setWordWrap(true);
    m_confirmTransfer = new QCheckBox(m_storageGroup);
    m_confirmTransfer->setObjectName(u"confirmTransfer"_s);
    auto *layout = new QVBoxLayout(m_storageGroup);
    layout->addWidget(m_local);
    layout->addWidget(m_double);
    layout->addWidget(m_doubleNote);
    layout->addWidget(m_confirmTransfer);
    for (QAbstractButton *button : { static_cast<QAbstractButton *>(m_local), static_cast<QAbstractButton *>(m_double), static_cast<QAbstractButton *>(m_confirmTransfer) })
        connect(button, &QAbstractButton::toggled, this, &PlanDialog::updateState);
    return m_storageGroup;
}

QWidget *PlanDialog::createTimingGroup()
{
    m_timingGroup = new QGroupBox(this);
    m_immediate = new QRadioButton(m_timingGroup);
    m_immediate->setObjectName(u"timingImmediate"_s);
    m_daily = new QRadioButton(m_timingGroup);
    m_daily->setObjectName(u"timingDaily"_s);
    m_weekly = new QRadioButton(m_timingGroup);
    m_weekly->setObjectName(u"timingWeekly"_s);
    m_dailyWindow = new QComboBox(m_timingGroup);
    m_dailyWindow->setObjectName(u"dailyWindow"_s);
    m_weekday = new QComboBox(m_timingGroup);
    m_weekday->setObjectName(u"weekday"_s);
    m_weeklyWindow = new QComboBox(m_timingGroup);
    m_weeklyWindow->setObjectName(u"weeklyWindow"_s);
    m_dailyLabel = new QLabel(m_timingGroup);
    m_dailyLabel->setBuddy(m_dailyWindow);
    m_weekdayLabel = new QLabel(m_timingGroup);
    m_weekdayLabel->setBuddy(m_weekday);
    m_weeklyLabel = new QLabel(m_timingGroup);
    m_weeklyLabel->setBuddy(m_weeklyWindow);
    m_timingNote = new QLabel(m_timingGroup);
    m_timingNote->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(m_dailyLabel, m_dailyWindow);
    form->addRow(m_weekdayLabel, m_weekday);
    form->addRow(m_weeklyLabel, m_weeklyWindow);
    auto *layout = new QVBoxLayout(m_timingGroup);
    layout->addWidget(m_immediate);
    layout->addWidget(m_daily);
    layout->addWidget(m_weekly);
    layout->addLayout(form);
    layout->addWidget(m_timingNote);
    for (QRadioButton *button : { m_immediate, m_daily, m_weekly })
        connect(button, &QRadioButton::toggled, this, &PlanDialog::updateState);
    connect(m_weekday, &QComboBox::currentIndexChanged, this, &PlanDialog::fillWindowTexts);
    return m_timingGroup;
}

QWidget *PlanDialog::createRetentionGroup()
{
    m_retentionGroup = new QGroupBox(this);
    m_retention = new QComboBox(m_retentionGroup);
    m_retention->setObjectName(u"retention"_s);
    for (int days : Policy::offeredRetentionDays())
        m_retention->addItem(QString(), days);
    m_retentionLabel = new QLabel(m_retentionGroup);
    m_retentionLabel->setBuddy(m_retention);
    m_maxGenerations = new QLabel(m_retentionGroup);
    m_maxGenerations->setObjectName(u"maxGenerations"_s);
    m_maxGenerations->setWordWrap(true);
    auto *form = new QFormLayout(m_retentionGroup);
    form->addRow(m_retentionLabel, m_retention);
    form->addRow(m_maxGenerations);
    connect(m_retention, &QComboBox::currentIndexChanged, this, &PlanDialog::updateState);
    return m_retentionGroup;
}

QWidget *PlanDialog::createContentGroup()
{
    m_contentGroup = new QGroupBox(this);
    m_files = new QRadioButton(m_contentGroup);
    m_files->setObjectName(u"contentFiles"_s);
    m_system = new QRadioButton(m_contentGroup);
    m_system->setObjectName(u"contentSystem"_s);
    m_include = new QPlainTextEdit(m_contentGroup);
    m_include->setObjectName(u"includePaths"_s);
    m_include->setTabChangesFocus(true);
    m_exclude = new QPlainTextEdit(m_contentGroup);
    m_exclude->setObjectName(u"excludePatterns"_s);
    m_exclude->setTabChangesFocus(true);
    m_device = new QLineEdit(m_contentGroup);
    m_device->setObjectName(u"systemDevice"_s);
    m_includeLabel = new QLabel(m_contentGroup);
    m_includeLabel->setBuddy(m_include);
    m_excludeLabel = new QLabel(m_contentGroup);
    m_excludeLabel->setBuddy(m_exclude);
    m_deviceLabel = new QLabel(m_contentGroup);
    m_deviceLabel->setBuddy(m_device);

    auto *filesPage = new QWidget(m_contentGroup);
    auto *filesLayout = new QVBoxLayout(filesPage);
    filesLayout->setContentsMargins(0, 0, 0, 0);
    m_addFolder = new QPushButton(m_contentGroup);
    m_addFolder->setObjectName(u"addIncludeFolder"_s);
    m_addFolder->setEnabled(false);
    connect(m_addFolder, &QPushButton::clicked, this, &PlanDialog::browseFolder);
    auto *includeRow = new QHBoxLayout;
    includeRow->addWidget(m_includeLabel, 1);
    includeRow->addWidget(m_addFolder);
    filesLayout->addLayout(includeRow);
    filesLayout->addWidget(m_include);
    filesLayout->addWidget(m_excludeLabel);
    filesLayout->addWidget(m_exclude);
    auto *systemPage = new QWidget(m_contentGroup);
    auto *systemLayout = new QVBoxLayout(systemPage);
    systemLayout->setContentsMargins(0, 0, 0, 0);
    systemLayout->addWidget(m_deviceLabel);
    systemLayout->addWidget(m_device);
    systemLayout->addStretch(1);
    m_contentPages = new QStackedWidget(m_contentGroup);
    m_contentPages->addWidget(filesPage);
    m_contentPages->addWidget(systemPage);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_files);
    buttons->addWidget(m_system);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(m_contentGroup);
    layout->addLayout(buttons);
    layout->addWidget(m_contentPages, 1);
    connect(m_files, &QRadioButton::toggled, this, &PlanDialog::updateState);
    connect(m_system, &QRadioButton::toggled, this, &PlanDialog::updateState);
    connect(m_device, &QLineEdit::textChanged, this, &PlanDialog::updateState);
    return m_contentGroup;
}

void PlanDialog::load(const PlanInfo &plan)
{
    m_loaded = plan;
    (plan.storage == u"double"_s ? m_double : m_local)->setChecked(true);
    // A plan that already stores in the paired region had its transfer confirmed when it was
    // chosen; editing its other fields does not ask again (the box can still be cleared).
    m_confirmTransfer->setChecked(plan.storage == u"double"_s);
    if (plan.timing == u"daily"_s)
        m_daily->setChecked(true);
    else if (plan.timing == u"weekly"_s)
        m_weekly->setChecked(true);
    else
        m_immediate->setChecked(true);
    for (int window = 0; window < Policy::DailyWindowCount; ++window)
        m_dailyWindow->addItem(QString(), window);
    for (int day = 1; day <= 7; ++day)
        m_weekday->addItem(QString(), day);
    for (int window = 0; window < Policy::WeeklyWindowCount; ++window)
        m_weeklyWindow->addItem(QString(), window);
    m_dailyWindow->setCurrentIndex(qBound(0, plan.dailyWindow, Policy::DailyWindowCount - 1));
    m_weekday->setCurrentIndex(qBound(1, plan.weekday, 7) - 1);
    m_weeklyWindow->setCurrentIndex(qBound(0, plan.weeklyWindow, Policy::WeeklyWindowCount - 1));
    const int retention = m_retention->findData(plan.retentionDays);
    m_retention->setCurrentIndex(retention < 0 ? 0 : retention);
    (plan.content == u"system"_s ? m_system : m_files)->setChecked(true);
    m_include->setPlainText(plan.includePaths.join(u'\n'));
    m_exclude->setPlainText(plan.excludePatterns.join(u'\n'));
    m_device->setText(plan.systemDevice);
}

PlanInfo PlanDialog::plan() const
{
    PlanInfo plan = m_loaded; // keeps fields this dialog does not edit (commands, timeout)
    plan.storage = m_double->isChecked() ? u"double"_s : u"local"_s;
    plan.timing = m_daily->isChecked() ? u"daily"_s : m_weekly->isChecked() ? u"weekly"_s : u"immediate"_s;
    plan.dailyWindow = m_dailyWindow->currentData().toInt();
    plan.weekday = m_weekday->currentData().toInt();
    plan.weeklyWindow = m_weeklyWindow->currentData().toInt();
    plan.retentionDays = m_retention->currentData().toInt();
    plan.content = m_system->isChecked() ? u"system"_s : u"files"_s;
    plan.includePaths = lines(m_include);
    plan.excludePatterns = lines(m_exclude);
    plan.systemDevice = m_device->text().trimmed();
    plan.summary.clear();
    plan.maxGenerations = 0;
    return plan;
}

bool PlanDialog::transferConfirmed() const
{
    return m_double->isChecked() && m_confirmTransfer->isChecked();
}

QString PlanDialog::doubleUnavailableReason() const
{
    if (!m_region)
        return tr("The region \"%1\" of this server is not in the server's region list, so "
                  "double storage cannot be offered.").arg(m_server.region);
    if (!m_region->backupService)
        return tr("The region \"%1\" has no backup service.").arg(m_region->name);
    if (!m_region->doubleAvailable || m_region->remoteRegion.isEmpty())
        return tr("Double storage is not offered for region \"%1\": it has no paired region.")
            .arg(m_region->name);
    return {};
}

QString PlanDialog::validationProblem() const
{
    if (m_region && !m_region->backupService)
        return tr("Servers of region \"%1\" cannot be protected: the region has no backup service.")
            .arg(m_region->name);
    if (m_double->isChecked() && !doubleUnavailableReason().isEmpty())
        return doubleUnavailableReason();
    if (m_double->isChecked() && !m_confirmTransfer->isChecked())
        return tr("Confirm the transfer of backup data to region \"%1\" to use double storage.")
            .arg(m_region->remoteRegion);
    if (m_system->isChecked() && m_device->text().trimmed().isEmpty())
        return tr("Enter the boot volume (a block device or an image file) for the system backup.");
    return {};
}

void PlanDialog::setBusy(bool busy)
{
    m_busy = busy;
    updateState();
}

void PlanDialog::showError(const QString &message)
{
    m_busy = false;
    updateState();
    m_problem->setText(message);
    m_problem->setStyleSheet(u"color: #a01818;"_s);
}

void PlanDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void PlanDialog::setFolderBrowser(Api::Client::ApiClient *client)
{
    m_client = client;
    m_addFolder->setEnabled(m_client && m_server.online);
}

void PlanDialog::browseFolder()
{
    if (!m_client)
        return;
    auto *dialog = new RestoreFolderDialog(m_client, m_server.id, m_server.name, u"/"_s, this);
    dialog->setIntro(tr("The folders of \"%1\" as its agent sees them now. The chosen folder is "
                        "added to the include paths.").arg(m_server.name));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString path = dialog->path();
        if (path.isEmpty() || lines(m_include).contains(path))
            return;
        QString text = m_include->toPlainText();
        if (!text.isEmpty() && !text.endsWith(u'\n'))
            text += u'\n';
        m_include->setPlainText(text + path);
    });
    dialog->open();
}

void PlanDialog::retranslateUi()
{
    setWindowTitle(m_server.isProtected ? tr("Edit Plan of \"%1\"").arg(m_server.name)
                                        : tr("Protect \"%1\"").arg(m_server.name));
    m_storageGroup->setTitle(tr("Storage"));
    m_local->setText(tr("&Local: in region %1").arg(m_server.region));
    m_double->setText(m_region && !m_region->remoteRegion.isEmpty()
                          ? tr("&Double: also in region %1").arg(m_region->remoteRegion)
                          : tr("&Double: also in a paired region"));
    m_timingGroup->setTitle(tr("Timing"));
    m_immediate->setText(tr("On &demand only"));
    m_daily->setText(tr("D&aily"));
    m_weekly->setText(tr("&Weekly"));
    m_dailyLabel->setText(tr("Daily window:"));
    m_weekdayLabel->setText(tr("Weekday (UTC):"));
    m_weeklyLabel->setText(tr("Weekly window:"));
    m_timingNote->setText(tr("The server picks the exact start time inside the window to spread "
                             "the load."));
    m_retentionGroup->setTitle(tr("Retention"));
    m_retentionLabel->setText(tr("&Minimum retention:"));
    for (int i = 0; i < m_retention->count(); ++i)
        m_retention->setItemText(i, Models::retentionText(m_retention->itemData(i).toInt()));
    m_contentGroup->setTitle(tr("Content"));
    m_files->setText(tr("&Files"));
    m_system->setText(tr("S&ystem image"));
    m_includeLabel->setText(tr("&Include paths (one per line; empty: everything):"));
    m_addFolder->setText(tr("Add F&older..."));
    m_addFolder->setToolTip(m_server.online
                                ? tr("Choose a folder on \"%1\" as its agent sees it and add it to the include paths")
                                      .arg(m_server.name)
                                : tr("\"%1\" is offline: type the paths").arg(m_server.name));
    m_excludeLabel->setText(tr("E&xclude patterns (one per line, for example *.tmp):"));
    m_deviceLabel->setText(tr("&Boot volume (block device or image file):"));
    m_device->setPlaceholderText(u"/dev/sda"_s);
    fillWindowTexts();
    updateState();
}

void PlanDialog::fillWindowTexts()
{
    const QDate today = QDate::currentDate();
    const QLocale locale;
    for (int i = 0; i < m_dailyWindow->count(); ++i)
        m_dailyWindow->setItemText(i, dailyWindowText(i, today));
    for (int i = 0; i < m_weekday->count(); ++i)
        m_weekday->setItemText(i, locale.dayName(i + 1));
    const int weekday = m_weekday->currentData().toInt();
    for (int i = 0; i < m_weeklyWindow->count(); ++i)
        m_weeklyWindow->setItemText(i, weeklyWindowText(weekday < 1 ? 1 : weekday, i, today));
}

void PlanDialog::updateState()
{
    const QString unavailable = doubleUnavailableReason();
    m_double->setEnabled(!m_busy && unavailable.isEmpty());
    m_double->setToolTip(unavailable);
    if (!unavailable.isEmpty()) {
        m_doubleNote->setText(unavailable);
    } else {
        m_doubleNote->setText(tr("Double storage copies every generation to region \"%1\" as "
                                 "well. The data protection laws of that region apply; you are "
                                 "responsible for the transfer.")
                                  .arg(m_region->remoteRegion));
    }
    m_confirmTransfer->setText(m_region && !m_region->remoteRegion.isEmpty()
                                   ? tr("I &confirm the transfer of backup data to region %1")
                                         .arg(m_region->remoteRegion)
                                   : tr("I &confirm the transfer of backup data"));
    m_confirmTransfer->setVisible(m_double->isChecked());
    m_dailyWindow->setEnabled(m_daily->isChecked());
    m_weekday->setEnabled(m_weekly->isChecked());
    m_weeklyWindow->setEnabled(m_weekly->isChecked());
    m_contentPages->setCurrentIndex(m_system->isChecked() ? 1 : 0);

    Policy::Plan rules;
    rules.timing = m_immediate->isChecked() ? Policy::Timing::Immediate : Policy::Timing::Daily;
    rules.retentionDays = m_retention->currentData().toInt();
    const int runs = Policy::runsPer24Hours(rules.timing);
    m_maxGenerations->setText(tr("Keeps at most %n generation(s): %1 backups in 24 hours for %2.",
                                 nullptr, Policy::maxGenerations(rules))
                                  .arg(runs)
                                  .arg(Models::retentionText(rules.retentionDays)));

    const QString problem = validationProblem();
    m_problem->setStyleSheet(QString());
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_busy && problem.isEmpty());
}

void PlanDialog::submit()
{
    if (m_busy || !validationProblem().isEmpty())
        return;
    setBusy(true);
    emit submitted(plan(), transferConfirmed());
}

} // namespace Kura::Widgets
