#include "regionsview.h"

#include "icons.h"
#include "messages.h"
#include "tablesupport.h"

#include <modeltext.h>
#include <regionsmodel.h>
#include <session.h>

#include <QAction>
#include <QEvent>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

namespace {
// Sorts on the model's raw values and marks a replication lag past its target with the
// warning icon.
class RegionsProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DecorationRole && index.column() == Models::RegionsModel::ReplicationLag
            && index.data(Models::RegionsModel::ReplicationOverdueRole).toBool())
            return icon(Icon::Warning);
        return QSortFilterProxyModel::data(index, role);
    }
};
} // namespace

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
    m_markFailed = new QAction(icon(Icon::Warning), QString(), this);
    m_markFailed->setObjectName(u"markRegionFailedAction"_s);
    m_markRecovered = new QAction(icon(Icon::Protect), QString(), this);
    m_markRecovered->setObjectName(u"markRegionRecoveredAction"_s);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_markFailed);
    m_toolBar->addAction(m_markRecovered);
    connect(m_markFailed, &QAction::triggered, this, &RegionsView::markSelectedFailed);
    connect(m_markRecovered, &QAction::triggered, this, &RegionsView::markSelectedRecovered);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);

    m_proxy = new RegionsProxy(this);
    m_proxy->setSourceModel(session->regions());
    m_proxy->setSortRole(Models::KeyedTableModel::SortRole);
    m_table = new QTableView(this);
    m_table->setObjectName(u"regionsTable"_s);
    m_table->setModel(m_proxy);
    auto *support = new TableSupport(m_table, u"regionsView"_s);
    if (!support->restore())
        m_table->sortByColumn(Models::RegionsModel::Name, Qt::AscendingOrder);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_intro);
    layout->addWidget(m_table, 1);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RegionsView::updateActions);
    connect(session->regions(), &Models::KeyedTableModel::updated, this, &RegionsView::updateActions);
    connect(session, &Models::Session::stateChanged, this, &RegionsView::updateActions);
    retranslateUi();
}

QString RegionsView::selectedRegion() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(Models::RegionsModel::NameRole).toString();
}

void RegionsView::selectRegion(const QString &name)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(Models::RegionsModel::NameRole).toString() == name) {
            m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_table->setCurrentIndex(index);
            return;
        }
    }
}

void RegionsView::updateActions()
{
    const bool admin = m_session->state() == Models::Session::State::Connected && m_session->mayAdminister();
    const auto region = m_session->regions()->region(selectedRegion());
    const bool failed = region && region->state == u"failed"_s;
    m_markFailed->setEnabled(admin && region && !failed);
    m_markRecovered->setEnabled(admin && failed);
}

void RegionsView::markSelectedFailed()
{
    askForState(true);
}

void RegionsView::markSelectedRecovered()
{
    askForState(false);
}

// A confirmation that also asks for the reason (recorded in the region's history). Regions are
// shared by every tenant, so the question says so.
void RegionsView::askForState(bool failed)
{
    const QString region = selectedRegion();
    if (region.isEmpty())
        return;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"regionStateDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setInputMode(QInputDialog::TextInput);
    dialog->setWindowTitle(failed ? tr("Mark Region %1 Failed").arg(region) : tr("Mark Region %1 Recovered").arg(region));
    dialog->setLabelText(failed ? tr("Mark the storage of region %1 as failed? Every tenant with servers there "
                                     "gets an alert, and restores of its servers may use the remote copies.\n\n"
                                     "Reason (kept in the region's history):")
                                          .arg(region)
                                : tr("Mark the storage of region %1 as recovered? The region alerts of every "
                                     "tenant are resolved.\n\nReason (kept in the region's history):")
                                          .arg(region));
    dialog->setOkButtonText(failed ? tr("Mark Failed") : tr("Mark Recovered"));
    dialog->resize(480, dialog->sizeHint().height());
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, region, failed](const QString &reason) { setState(region, failed, reason.trimmed()); });
    dialog->open();
}

void RegionsView::setState(const QString &region, bool failed, const QString &reason)
{
    const QString state = failed ? u"failed"_s : u"ok"_s;
    m_session->client()->setRegionState(region, state, reason, this, [this, region, failed](Api::Client::ApiResult<Api::Client::RegionInfo> result) {
        if (!result) {
            showError(this, failed ? tr("Mark Region %1 Failed").arg(region) : tr("Mark Region %1 Recovered").arg(region),
                      Models::errorText(result.error()));
            return;
        }
        emit statusMessage(tr("Region %1 is now marked %2.").arg(region, Models::regionStateText(result->state)));
        m_session->refreshRegions();
        m_session->refreshAlerts();
    });
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
    m_markFailed->setText(tr("Mark &Failed..."));
    m_markFailed->setToolTip(tr("Mark the selected region's storage as failed (administrators)"));
    m_markRecovered->setText(tr("Mark Re&covered..."));
    m_markRecovered->setToolTip(tr("Mark the selected region's storage as working again (administrators)"));
    m_intro->setText(tr("Backups of a server are stored in its region. Double storage also keeps "
                        "a copy in the paired region, replicated within 24 hours; the replication "
                        "lag shows how long the oldest of your copies has been waiting for a "
                        "region. While a region's storage is marked failed, restores may use the "
                        "remote copies."));
    m_session->regions()->retranslate();
    updateActions();
}

} // namespace Kura::Widgets
