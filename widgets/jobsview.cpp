#include "jobsview.h"
#include "jobdetailsdialog.h"

#include "icons.h"
#include "messages.h"
#include "progressdelegate.h"
#include "tablesupport.h"

#include <jobsfiltermodel.h>
#include <jobsmodel.h>
#include <modeltext.h>
#include <session.h>

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

using namespace Api::Client;
using Models::JobsFilterModel;
using Models::JobsModel;

JobsView::JobsView(Models::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_filter(new JobsFilterModel(this))
{
    setObjectName(u"jobsView"_s);
    m_filter->setSourceModel(session->jobs());

    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_stop = new QAction(icon(Icon::Stop), QString(), this);
    m_stop->setObjectName(u"stopJobAction"_s);
    m_stop->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_stop->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_stop);
    m_refresh = new QAction(icon(Icon::Refresh), QString(), this);
    m_refresh->setObjectName(u"refreshJobsAction"_s);
    m_toolBar->addAction(m_stop);
    m_toolBar->addAction(m_refresh);
    connect(m_stop, &QAction::triggered, this, &JobsView::stopSelected);
    connect(m_refresh, &QAction::triggered, session, &Models::Session::refreshJobs);

    m_state = new QComboBox(this);
    m_state->setObjectName(u"jobsStateFilter"_s);
    for (auto filter : { JobsFilterModel::StateFilter::All, JobsFilterModel::StateFilter::Active,
                         JobsFilterModel::StateFilter::Failed, JobsFilterModel::StateFilter::Finished })
        m_state->addItem(QString(), int(filter));
    m_stateLabel = new QLabel(this);
    m_stateLabel->setBuddy(m_state);
    connect(m_state, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setStateFilter(JobsFilterModel::StateFilter(m_state->currentData().toInt()));
    });
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_stateLabel);
    filterRow->addWidget(m_state);
    filterRow->addStretch(1);

    m_table = new QTableView(this);
    m_table->setObjectName(u"jobsTable"_s);
    m_table->setModel(m_filter);
    m_table->setItemDelegateForColumn(JobsModel::Progress, new ProgressDelegate(m_table));
    auto *support = new TableSupport(m_table, u"jobsView"_s);
    if (!support->restore())
        m_table->sortByColumn(JobsModel::Id, Qt::DescendingOrder);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        loadEvents();
    });
    connect(session->jobs(), &JobsModel::updated, this, &JobsView::updateActions);

    m_eventsLabel = new QLabel(this);
    m_events = new QPlainTextEdit(this);
    m_events->setObjectName(u"jobEvents"_s);
    m_events->setReadOnly(true);
    m_events->setTabChangesFocus(true);
    m_eventsLabel->setBuddy(m_events);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_eventsLabel);
    bottomLayout->addWidget(m_events, 1);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(filterRow);
    topLayout->addWidget(m_table, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(splitter, 1);
    setTabOrder(m_state, m_table);
    setTabOrder(m_table, m_events);
    retranslateUi();
    updateActions();
}

qint64 JobsView::selectedJobId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(Models::KeyedTableModel::IdRole).toLongLong();
}

void JobsView::updateActions()
{
    const auto job = m_session->jobs()->jobById(selectedJobId());
    m_stop->setEnabled(job && !job->isFinished() && m_session->mayOperate());
}

void JobsView::loadEvents()
{
    const qint64 id = selectedJobId();
    m_events->clear();
    if (id == 0)
        return;
    m_session->client()->job(id, m_events, [this, id](ApiResult<JobInfo> result) {
        if (selectedJobId() != id)
            return;
        if (!result) {
            m_events->setPlainText(Models::errorText(result.error()));
            return;
        }
        m_events->setPlainText(jobLogText(*result));
    });
}

void JobsView::stopSelected()
{
    const qint64 jobId = selectedJobId();
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

void JobsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void JobsView::retranslateUi()
{
    m_stop->setText(tr("&Stop Job"));
    m_stop->setToolTip(tr("Stop the selected queued or running job (Ctrl+.)"));
    m_refresh->setText(tr("&Refresh"));
    m_refresh->setToolTip(tr("Load the jobs from the server now"));
    m_stateLabel->setText(tr("S&how:"));
    m_state->setItemText(0, tr("All jobs"));
    m_state->setItemText(1, tr("Queued and running"));
    m_state->setItemText(2, tr("Failed and interrupted"));
    m_state->setItemText(3, tr("Finished"));
    m_eventsLabel->setText(tr("&Log of the selected job:"));
    m_session->jobs()->retranslate();
}

} // namespace Kura::Widgets
