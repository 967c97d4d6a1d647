#include "serversview.h"

#include "enrollmentdialog.h"
#include "icons.h"
#include "messages.h"
#include "plandialog.h"
#include "tablesupport.h"

#include <alertsmodel.h>
#include <generationsmodel.h>
#include <jobsmodel.h>
#include <modeltext.h>
#include <regionsmodel.h>
#include <serversfiltermodel.h>
#include <serversmodel.h>
#include <session.h>

#include <QAction>

#include <optional>
#include <utility>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

using namespace Api::Client;
using Models::ServersFilterModel;
using Models::ServersModel;

namespace {

// Unprotect and delete client without confirmation: the server refuses with the amount that
// would be deleted (generations, stored bytes), which the confirmation names.
std::optional<std::pair<qint64, qint64>> amountToConfirm(const Api::Client::ApiError &error, bool confirmed)
{
    if (confirmed || error.field() != u"confirm"_s)
        return std::nullopt;
    return std::make_pair(error.details.value(u"generations"_s).toInteger(),
                          error.details.value(u"storedBytes"_s).toInteger());
}

QAction *makeAction(QWidget *owner, Icon which, const QString &name, const QKeySequence &shortcut = {})
{
    auto *action = new QAction(icon(which), QString(), owner);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    owner->addAction(action);
    return action;
}
} // namespace

ServersView::ServersView(Models::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_filter(new ServersFilterModel(this))
    , m_generations(new Models::GenerationsModel(this))
{
    setObjectName(u"serversView"_s);
    m_filter->setSourceModel(session->servers());

    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_protect = makeAction(this, Icon::Protect, u"protectAction"_s, QKeySequence(Qt::CTRL | Qt::Key_P));
    m_editPlan = makeAction(this, Icon::EditPlan, u"editPlanAction"_s, QKeySequence(Qt::CTRL | Qt::Key_E));
    m_unprotect = makeAction(this, Icon::Unprotect, u"unprotectAction"_s);
    m_backUp = makeAction(this, Icon::BackupNow, u"backUpAction"_s, QKeySequence(Qt::CTRL | Qt::Key_B));
    m_stop = makeAction(this, Icon::Stop, u"stopAction"_s, QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_toolBar->addAction(m_protect);
    m_toolBar->addAction(m_editPlan);
    m_toolBar->addAction(m_unprotect);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_backUp);
    m_toolBar->addAction(m_stop);
    m_enroll = makeAction(this, Icon::Connect, u"enrollAction"_s);
    m_delete = makeAction(this, Icon::Unprotect, u"deleteServerAction"_s);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_enroll);
    m_toolBar->addAction(m_delete);
    connect(m_enroll, &QAction::triggered, this, &ServersView::enrollServer);
    connect(m_delete, &QAction::triggered, this, &ServersView::deleteSelected);
    m_restore = makeAction(this, Icon::Restore, u"restoreAction"_s);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_restore);
    connect(m_restore, &QAction::triggered, this, [this] {
        if (const qint64 id = selectedServerId())
            emit restoreRequested(id);
    });
    connect(m_protect, &QAction::triggered, this, &ServersView::protectSelected);
    connect(m_editPlan, &QAction::triggered, this, &ServersView::editPlanOfSelected);
    connect(m_unprotect, &QAction::triggered, this, &ServersView::unprotectSelected);
    connect(m_backUp, &QAction::triggered, this, &ServersView::backUpSelected);
    connect(m_stop, &QAction::triggered, this, &ServersView::stopSelected);

    m_search = new QLineEdit(this);
    m_search->setObjectName(u"serversFilter"_s);
    m_search->setClearButtonEnabled(true);
    m_state = new QComboBox(this);
    m_state->setObjectName(u"serversStateFilter"_s);
    for (auto filter : { ServersFilterModel::StateFilter::All, ServersFilterModel::StateFilter::Protected,
                         ServersFilterModel::StateFilter::Unprotected, ServersFilterModel::StateFilter::Offline })
        m_state->addItem(QString(), int(filter));
    m_stateLabel = new QLabel(this);
    m_stateLabel->setBuddy(m_state);
    connect(m_search, &QLineEdit::textChanged, m_filter, &ServersFilterModel::setText);
    connect(m_state, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setStateFilter(ServersFilterModel::StateFilter(m_state->currentData().toInt()));
    });
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_search, 1);
    filterRow->addWidget(m_stateLabel);
    filterRow->addWidget(m_state);

    m_table = new QTableView(this);
    m_table->setObjectName(u"serversTable"_s);
    m_table->setModel(m_filter);
    auto *support = new TableSupport(m_table, u"serversView"_s);
    if (!support->restore())
        m_table->sortByColumn(ServersModel::Name, Qt::AscendingOrder);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        loadGenerations();
    });
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (m_editPlan->isEnabled())
            editPlanOfSelected();
        else if (m_protect->isEnabled())
            protectSelected();
    });
    m_empty = new QLabel(this);
    m_empty->setObjectName(u"serversEmpty"_s);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);

    m_generationsTable = new QTableView(this);
    m_generationsTable->setObjectName(u"generationsTable"_s);
    m_generationsTable->setModel(m_generations);
    if (!(new TableSupport(m_generationsTable, u"generations"_s))->restore())
        m_generationsTable->sortByColumn(Models::GenerationsModel::Start, Qt::DescendingOrder);
    m_alertsTable = new QTableView(this);
    m_alertsTable->setObjectName(u"alertsTable"_s);
    m_alertsTable->setModel(session->alerts());
    (new TableSupport(m_alertsTable, u"alerts"_s))->restore();
    m_alertsTable->setSortingEnabled(false);
    m_details = new QTabWidget(this);
    m_details->addTab(m_generationsTable, icon(Icon::Restore), QString());
    m_acknowledge = new QPushButton(icon(Icon::Alerts), QString(), this);
    m_acknowledge->setObjectName(u"acknowledgeAlert"_s);
    connect(m_acknowledge, &QPushButton::clicked, this, &ServersView::acknowledgeSelectedAlert);
    connect(m_alertsTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ServersView::updateActions);
    auto *alertsPage = new QWidget(this);
    auto *alertsLayout = new QVBoxLayout(alertsPage);
    alertsLayout->setContentsMargins(0, 0, 0, 0);
    auto *alertsButtons = new QHBoxLayout;
    alertsButtons->addWidget(m_acknowledge);
    alertsButtons->addStretch(1);
    alertsLayout->addLayout(alertsButtons);
    alertsLayout->addWidget(m_alertsTable, 1);
    m_details->addTab(alertsPage, icon(Icon::Alerts), QString());

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(filterRow);
    topLayout->addWidget(m_empty);
    topLayout->addWidget(m_table, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(splitter, 1);
    setTabOrder(m_search, m_state);
    setTabOrder(m_state, m_table);
    setTabOrder(m_table, m_details);

    auto *servers = session->servers();
    connect(servers, &ServersModel::updated, this, [this] { updateActions(); updateEmptyState(); });
    connect(servers, &QAbstractItemModel::modelReset, this, [this] { updateActions(); updateEmptyState(); });
    connect(session->jobs(), &Models::JobsModel::updated, this, &ServersView::updateActions);
    connect(session->alerts(), &Models::AlertsModel::updated, this, &ServersView::updateActions);
    connect(session, &Models::Session::stateChanged, this, [this] { updateActions(); updateEmptyState(); });
    retranslateUi();
    updateActions();
}

qint64 ServersView::selectedServerId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(Models::KeyedTableModel::IdRole).toLongLong();
}

void ServersView::selectServer(qint64 serverId)
{
    const int sourceRow = m_session->servers()->rowOf(serverId);
    if (sourceRow < 0)
        return;
    const QModelIndex index = m_filter->mapFromSource(m_session->servers()->index(sourceRow, 0));
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->setCurrentIndex(index);
}

qint64 ServersView::activeBackupOf(qint64 serverId) const
{
    const auto *jobs = m_session->jobs();
    for (int row = 0; row < jobs->rowCount(); ++row) {
        const JobInfo &job = jobs->jobAt(row);
        if (job.serverId == serverId && !job.isFinished()
            && (job.kind == u"file_backup"_s || job.kind == u"system_backup"_s))
            return job.id;
    }
    return 0;
}

void ServersView::updateActions()
{
    const qint64 id = selectedServerId();
    const auto server = id ? m_session->servers()->serverById(id) : std::nullopt;
    const bool connected = m_session->state() == Models::Session::State::Connected;
    const bool admin = connected && m_session->mayAdminister();
    const bool operate = connected && m_session->mayOperate();
    const bool isProtected = server && server->isProtected;
    m_protect->setEnabled(admin && server && !isProtected);
    m_editPlan->setEnabled(admin && isProtected);
    m_unprotect->setEnabled(admin && isProtected);
    m_backUp->setEnabled(operate && isProtected);
    m_stop->setEnabled(operate && server && activeBackupOf(id) != 0);
    m_enroll->setEnabled(admin);
    m_delete->setEnabled(admin && server);
    m_restore->setEnabled(connected && server.has_value());
    const QModelIndexList alerts = m_alertsTable->selectionModel()->selectedRows();
    m_acknowledge->setEnabled(operate && !alerts.isEmpty()
                              && alerts.first().data(Models::AlertsModel::StateRole).toString() == u"open"_s);
    const QString roleNote = connected && !admin ? tr("Your role may not change plans.") : QString();
    m_protect->setStatusTip(roleNote);
}

void ServersView::updateEmptyState()
{
    const bool connected = m_session->state() == Models::Session::State::Connected;
    m_empty->setText(connected ? tr("No server has enrolled yet. Install the agent on a server "
                                    "with an enrollment token; it then appears here as "
                                    "unprotected.")
                               : tr("Not connected to a server. Use File > Connect to Server "
                                    "to log in."));
    m_empty->setVisible(m_session->servers()->rowCount() == 0);
}

void ServersView::loadGenerations()
{
    const qint64 id = selectedServerId();
    if (id == 0) {
        m_generations->clear();
        return;
    }
    m_session->client()->generations(id, m_generations, [this, id](ApiResult<QList<GenerationInfo>> result) {
        if (result && selectedServerId() == id)
            m_generations->setGenerations(id, *result);
        else if (!result)
            emit statusMessage(Models::errorText(result.error()));
    });
}

void ServersView::protectSelected()
{
    openPlanDialog(true);
}

void ServersView::editPlanOfSelected()
{
    openPlanDialog(false);
}

void ServersView::openPlanDialog(bool protect)
{
    const auto server = m_session->servers()->serverById(selectedServerId());
    if (!server)
        return;
    auto *dialog = new PlanDialog(*server, m_session->regions()->region(server->region), this);
    dialog->setFolderBrowser(m_session->client());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 id = server->id;
    connect(dialog, &PlanDialog::submitted, this, [this, dialog, id, protect] { submitPlan(dialog, id, protect); });
    dialog->open();
}

void ServersView::submitPlan(PlanDialog *dialog, qint64 serverId, bool protect)
{
    auto done = [this, dialog](ApiResult<ServerInfo> result) {
        if (!result) {
            dialog->showError(Models::errorText(result.error()));
            return;
        }
        m_session->servers()->updateServer(*result);
        emit statusMessage(tr("The plan of \"%1\" is saved.").arg(result->name));
        dialog->accept();
        updateActions();
    };
    auto *client = m_session->client();
    if (protect)
        client->protect(serverId, dialog->plan(), dialog->transferConfirmed(), dialog, done);
    else
        client->setPlan(serverId, dialog->plan(), dialog->transferConfirmed(), dialog, done);
}

void ServersView::unprotectSelected()
{
    const qint64 id = selectedServerId();
    if (id != 0)
        unprotect(id, false);
}

void ServersView::unprotect(qint64 serverId, bool confirmed)
{
    const QString name = m_session->servers()->nameOf(serverId);
    m_session->client()->unprotect(serverId, confirmed, this, [this, serverId, name, confirmed](ApiResult<UnprotectResult> result) {
        if (result) {
            emit statusMessage(tr("\"%1\" is no longer protected; %n generation(s) deleted.", nullptr,
                                  int(result->generations)).arg(name));
            m_session->refreshServers();
            return;
        }
        const ApiError &error = result.error();
        if (const auto amount = amountToConfirm(error, confirmed)) {
            const auto [generations, bytes] = *amount;
            confirm(this, tr("Unprotect \"%1\"").arg(name),
                    tr("Unprotecting \"%1\" deletes all its backup data: %n generation(s), %2. "
                       "This cannot be undone. The server stays in the list and can be protected "
                       "again later, starting afresh.", nullptr, int(generations))
                        .arg(name, Models::sizeText(bytes)),
                    tr("Delete Backup Data"), [this, serverId] { unprotect(serverId, true); });
            return;
        }
        showError(this, tr("Unprotect \"%1\"").arg(name), Models::errorText(error));
    });
}

void ServersView::enrollServer()
{
    auto *dialog = new EnrollmentDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void ServersView::deleteSelected()
{
    const qint64 id = selectedServerId();
    if (id != 0)
        deleteServer(id, false);
}

void ServersView::deleteServer(qint64 serverId, bool confirmed)
{
    const QString name = m_session->servers()->nameOf(serverId);
    m_session->client()->deleteServer(serverId, confirmed, this,
        [this, serverId, name, confirmed](ApiResult<DeleteServerResult> result) {
            if (result) {
                emit statusMessage(tr("\"%1\" is deleted with %n generation(s); its agent must enroll again.",
                                      nullptr, int(result->generations))
                                       .arg(name));
                m_session->refreshServers();
                return;
            }
            const ApiError &error = result.error();
            if (const auto amount = amountToConfirm(error, confirmed)) {
                const auto [generations, bytes] = *amount;
                confirm(this, tr("Delete Client \"%1\"").arg(name),
                        tr("Deleting \"%1\" removes the server from the list and deletes all its "
                           "backup data: %n generation(s), %2. This cannot be undone. Its agent "
                           "must enroll again with a new token to return.",
                           nullptr, int(generations))
                            .arg(name, Models::sizeText(bytes)),
                        tr("Delete Client"), [this, serverId] { deleteServer(serverId, true); });
                return;
            }
            showError(this, tr("Delete Client \"%1\"").arg(name), Models::errorText(error));
        });
}

void ServersView::backUpSelected()
{
    const qint64 id = selectedServerId();
    if (id == 0)
        return;
    const QString name = m_session->servers()->nameOf(id);
    m_session->client()->startBackup(id, QString(), this, [this, name](ApiResult<JobInfo> result) {
        if (!result) {
            showError(this, tr("Back Up \"%1\"").arg(name), Models::errorText(result.error()));
            m_session->refreshJobs();
            return;
        }
        m_session->jobs()->updateJob(*result);
        emit statusMessage(tr("Backup of \"%1\" started as job %2.").arg(name).arg(result->id));
        m_session->refreshJobs();
    });
}

void ServersView::stopSelected()
{
    const qint64 jobId = activeBackupOf(selectedServerId());
    if (jobId == 0)
        return;
    m_session->client()->stopJob(jobId, this, [this, jobId](ApiResult<JobInfo> result) {
        if (!result) {
            showError(this, tr("Stop Job %1").arg(jobId), Models::errorText(result.error()));
            return;
        }
        m_session->jobs()->updateJob(*result);
        emit statusMessage(tr("Job %1 is being stopped.").arg(jobId));
    });
}

void ServersView::acknowledgeSelectedAlert()
{
    const QModelIndexList rows = m_alertsTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const qint64 id = rows.first().data(Models::KeyedTableModel::IdRole).toLongLong();
    m_session->client()->acknowledgeAlert(id, this, [this](ApiResult<AlertInfo> result) {
        if (!result) {
            showError(this, tr("Acknowledge Alert"), Models::errorText(result.error()));
            return;
        }
        m_session->alerts()->updateAlert(*result);
        emit statusMessage(tr("The alert \"%1\" is acknowledged.").arg(Models::alertKindText(result->kind)));
        updateActions();
    });
}

void ServersView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ServersView::retranslateUi()
{
    m_protect->setText(tr("&Protect..."));
    m_protect->setToolTip(tr("Choose a plan and start backing up the selected server (Ctrl+P)"));
    m_editPlan->setText(tr("&Edit Plan..."));
    m_editPlan->setToolTip(tr("Change the selected server's plan (Ctrl+E)"));
    m_unprotect->setText(tr("&Unprotect..."));
    m_unprotect->setToolTip(tr("Stop protecting the selected server and delete its backup data"));
    m_backUp->setText(tr("&Back Up Now"));
    m_backUp->setToolTip(tr("Start an immediate backup of the selected server (Ctrl+B)"));
    m_stop->setText(tr("&Stop"));
    m_stop->setToolTip(tr("Stop the selected server's running backup (Ctrl+.)"));
    m_enroll->setText(tr("E&nroll Server..."));
    m_enroll->setToolTip(tr("Create an enrollment token and agent package for a new server"));
    m_delete->setText(tr("&Delete Client..."));
    m_delete->setToolTip(tr("Remove the selected server and all its backup data; its agent must "
                            "enroll again"));
    m_restore->setText(tr("&Restore..."));
    m_restore->setToolTip(tr("Open the Restore page with the selected server's generations"));
    m_search->setPlaceholderText(tr("Filter by name, region, system, flavor or address"));
    m_search->setToolTip(tr("Shows only servers whose name, region, system, flavor or address "
                            "contains this text"));
    m_stateLabel->setText(tr("S&how:"));
    m_state->setItemText(0, tr("All servers"));
    m_state->setItemText(1, tr("Protected"));
    m_state->setItemText(2, tr("Unprotected"));
    m_state->setItemText(3, tr("Offline"));
    m_details->setTabText(0, tr("Generations"));
    m_details->setTabText(1, tr("Alerts"));
    m_acknowledge->setText(tr("&Acknowledge"));
    m_acknowledge->setToolTip(tr("Record that you have seen the selected open alert"));
    m_session->servers()->retranslate();
    m_generations->retranslate();
    m_session->alerts()->retranslate();
    updateActions();
    updateEmptyState();
}

} // namespace Kura::Widgets
