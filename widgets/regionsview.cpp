#include "regionsview.h"

#include "icons.h"
#include "tablesupport.h"

#include <regionsmodel.h>
#include <session.h>

#include <QAction>
#include <QEvent>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

RegionsView::RegionsView(Models::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(u"regionsView"_s);
    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_refresh = new QAction(icon(Icon::Refresh), QString(), this);
    m_refresh->setObjectName(u"refreshRegionsAction"_s);
    m_toolBar->addAction(m_refresh);
    connect(m_refresh, &QAction::triggered, session, &Models::Session::refreshRegions);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);

    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(session->regions());
    proxy->setSortRole(Models::KeyedTableModel::SortRole);
    m_table = new QTableView(this);
    m_table->setObjectName(u"regionsTable"_s);
    m_table->setModel(proxy);
    auto *support = new TableSupport(m_table, u"regionsView"_s);
    if (!support->restore())
        m_table->sortByColumn(Models::RegionsModel::Name, Qt::AscendingOrder);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_intro);
    layout->addWidget(m_table, 1);
    retranslateUi();
}

void RegionsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RegionsView::retranslateUi()
{
    m_refresh->setText(tr("&Refresh"));
    m_refresh->setToolTip(tr("Load the regions and their health from the server again"));
    m_intro->setText(tr("Backups of a server are stored in its region. Double storage also keeps "
                        "a copy in the paired region, replicated within 24 hours. While a "
                        "region's storage is marked failed, restores may use the remote copies."));
    m_session->regions()->retranslate();
}

} // namespace Kura::Widgets
