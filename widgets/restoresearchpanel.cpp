#include "restoresearchpanel.h"

#include "kindiconproxy.h"

#include <restoresearchmodel.h>

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

using Models::RestoreSearchModel;


RestoreSearchPanel::RestoreSearchPanel(RestoreSearchModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new KindIconProxy(RestoreSearchModel::Path, RestoreSearchModel::KindRole, this))
    , m_pause(new QTimer(this))
{
    setObjectName(u"restoreSearchPanel"_s);
    m_proxy->setSortRole(RestoreSearchModel::SortRole); // the raw values, not the texts
    m_proxy->setSourceModel(model);
    m_pause->setSingleShot(true);
    m_pause->setInterval(PauseMs);
    connect(m_pause, &QTimer::timeout, this, [this] { m_model->search(m_pending); });

    m_busy = new QProgressBar(this);
    m_busy->setObjectName(u"restoreSearchBusy"_s);
    m_busy->setRange(0, 0); // busy: the server does not say how far it is
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(120);
    m_busy->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(u"restoreSearchStatus"_s);
    m_status->setWordWrap(true);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_busy);
    statusRow->addWidget(m_status, 1);

    m_table = new QTableView(this);
    m_table->setObjectName(u"restoreSearchResults"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RestoreSearchModel::Path, Qt::AscendingOrder);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setDragEnabled(true);
    m_table->setDragDropMode(QAbstractItemView::DragOnly);
    m_table->setDefaultDropAction(Qt::CopyAction);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle); // a long path keeps its name visible
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(RestoreSearchModel::Path, QHeaderView::Stretch);
    m_table->setColumnWidth(RestoreSearchModel::Size, 90);
    m_table->setColumnWidth(RestoreSearchModel::Modified, 140);
    m_table->setColumnWidth(RestoreSearchModel::Type, 70);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(statusRow);
    layout->addWidget(m_table, 1);
    connect(model, &RestoreSearchModel::stateChanged, this, &RestoreSearchPanel::updateStatus);
    updateStatus();
}

void RestoreSearchPanel::setText(const QString &text)
{
    m_pending = text;
    if (text.trimmed().isEmpty()) {
        m_pause->stop();
        m_model->clear();
        return;
    }
    m_pause->start(); // restarts: typing on postpones the search
}

QString RestoreSearchPanel::statusText() const
{
    return m_status->text();
}

void RestoreSearchPanel::updateStatus()
{
    const QString text = m_model->text();
    const int count = m_model->rowCount();
    m_busy->setVisible(m_model->state() == RestoreSearchModel::State::Searching);
    switch (m_model->state()) {
    case RestoreSearchModel::State::Idle:
        m_status->clear();
        break;
    case RestoreSearchModel::State::Searching:
        m_status->setText(tr("Searching every folder of the generation for \"%1\"...").arg(text));
        break;
    case RestoreSearchModel::State::Done:
        if (count == 0)
            m_status->setText(tr("No entry of the generation has \"%1\" in its name.").arg(text));
        else if (m_model->isTruncated())
            m_status->setText(tr("The first %n entry(ies) with \"%1\" in the name are shown; the generation has "
                                 "more. Search for more of the name to narrow the list.", nullptr, count)
                                  .arg(text));
        else
            m_status->setText(tr("%n entry(ies) of the generation have \"%1\" in the name.", nullptr, count).arg(text));
        break;
    case RestoreSearchModel::State::Failed:
        m_status->setText(tr("The search for \"%1\" failed: %2").arg(text, m_model->error()));
        break;
    }
}

void RestoreSearchPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        updateStatus();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace Kura::Widgets
