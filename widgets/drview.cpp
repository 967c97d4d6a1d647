#include "drview.h"

#include "icons.h"

#include <modeltext.h>
#include <session.h>

#include <QAction>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QStandardItemModel>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

using Api::Client::DrStatus;
using Api::Client::DrStep;

namespace {
// Translated text of the stable state names GET /dr will send; unknown names as they are.
QString drStateText(const QString &state)
{
    if (state == u"standby"_s) return DrView::tr("Standing by");
    if (state == u"recovering"_s) return DrView::tr("Recovering");
    if (state == u"recovered"_s) return DrView::tr("Recovered");
    if (state == u"failed"_s) return DrView::tr("Failed");
    if (state == u"done"_s) return DrView::tr("Done");
    if (state == u"running"_s) return DrView::tr("Running");
    if (state == u"pending"_s) return DrView::tr("Pending");
    return state;
}
} // namespace

DrView::DrView(Models::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(u"drView"_s);
    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_refresh = new QAction(icon(Icon::Refresh), QString(), this);
    m_refresh->setObjectName(u"refreshDrAction"_s);
    m_toolBar->addAction(m_refresh);
    connect(m_refresh, &QAction::triggered, this, &DrView::refresh);

    m_title = new QLabel(this);
    QFont font = m_title->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    m_title->setFont(font);
    m_state = new QLabel(this);
    m_state->setObjectName(u"drState"_s);
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details = new QLabel(this);
    m_details->setObjectName(u"drDetails"_s);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stepsModel = new QStandardItemModel(this);
    m_steps = new QTreeView(this);
    m_steps->setObjectName(u"drSteps"_s);
    m_steps->setModel(m_stepsModel);
    m_steps->setRootIsDecorated(false);
    m_steps->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_steps->hide();

    auto *page = new QVBoxLayout;
    page->setContentsMargins(24, 12, 24, 24);
    page->addWidget(m_title);
    page->addWidget(m_state);
    page->addWidget(m_details);
    page->addWidget(m_steps, 1);
    page->addStretch(0);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addLayout(page, 1);
    connect(session, &Models::Session::stateChanged, this, [this](Models::Session::State state) {
        if (state == Models::Session::State::Disconnected) {
            // Another server may be next: nothing of this one's state stays on the page.
            m_status.reset();
            m_error.clear();
            updateTexts();
        }
        if (state == Models::Session::State::Connected && isVisible())
            refresh();
    });
    retranslateUi();
}

void DrView::refresh()
{
    if (m_session->state() != Models::Session::State::Connected)
        return;
    m_session->client()->drStatus(this, [this](Api::Client::ApiResult<DrStatus> status) {
        if (!status) {
            m_status.reset();
            m_error = Models::errorText(status.error());
            updateTexts();
            emit loaded();
            return;
        }
        showStatus(*status);
    });
}

void DrView::showStatus(const DrStatus &status)
{
    m_status = status;
    m_error.clear();
    updateTexts();
    emit loaded();
}

QString DrView::stateText() const
{
    return m_state->text();
}

void DrView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void DrView::updateTexts()
{
    m_stepsModel->clear();
    m_steps->setVisible(m_status && m_status->configured && !m_status->steps.isEmpty());
    if (!m_error.isEmpty()) {
        m_state->setText(tr("The state of disaster recovery cannot be loaded: %1").arg(m_error));
        m_details->clear();
        return;
    }
    if (!m_status) {
        const bool connected = m_session->state() == Models::Session::State::Connected;
        m_state->setText(connected ? tr("Loading the state of disaster recovery...") : QString());
        m_details->clear();
        return;
    }
    if (!m_status->configured) {
        m_state->setText(tr("Disaster recovery is not configured on this backup server."));
        m_details->setText(tr("Once it is, the server keeps a copy of its catalog (servers, plans, "
                              "generations and jobs) away from itself, and this page shows the "
                              "recovery state, each step of a recovery and how old the last copy "
                              "of the catalog is. The backups themselves are protected by double "
                              "storage (see Regions)."));
        return;
    }
    m_state->setText(tr("State: %1").arg(drStateText(m_status->state)));
    const QDateTime copied = m_status->lastCatalogCopyAt;
    if (copied.isValid()) {
        const qint64 age = std::max<qint64>(0, copied.secsTo(QDateTime::currentDateTimeUtc()));
        m_details->setText(tr("Last copy of the catalog: %1 (%2 ago)")
                               .arg(Models::dateTimeText(copied), Models::durationText(age)));
    } else {
        m_details->setText(tr("The catalog has not been copied yet."));
    }
    m_stepsModel->setHorizontalHeaderLabels({ tr("Step"), tr("State"), tr("Details") });
    for (const DrStep &step : std::as_const(m_status->steps)) {
        m_stepsModel->appendRow({ new QStandardItem(step.name), new QStandardItem(drStateText(step.state)),
                                  new QStandardItem(step.detail) });
    }
    m_steps->header()->resizeSections(QHeaderView::ResizeToContents);
}

void DrView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DrView::retranslateUi()
{
    m_refresh->setText(tr("&Refresh"));
    m_refresh->setToolTip(tr("Ask the server for the state of disaster recovery again"));
    m_title->setText(tr("Disaster Recovery"));
    updateTexts();
}

} // namespace Kura::Widgets
