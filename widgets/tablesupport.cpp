#include "tablesupport.h"

#include <QHeaderView>
#include <QSettings>
#include <QTableView>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

TableSupport::TableSupport(QTableView *view, const QString &settingsKey)
    : QObject(view)
    , m_view(view)
    , m_key(settingsKey + u"/header"_s)
    , m_saveTimer(new QTimer(this))
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setSortingEnabled(true);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTabKeyNavigation(false); // Tab leaves the table, arrows move inside it
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 10);
    QHeaderView *header = view->horizontalHeader();
    header->setSectionsMovable(true);
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    header->setDefaultSectionSize(120);

    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(500);
    connect(m_saveTimer, &QTimer::timeout, this, &TableSupport::save);
    auto later = [this] { m_saveTimer->start(); };
    connect(header, &QHeaderView::sectionResized, this, later);
    connect(header, &QHeaderView::sectionMoved, this, later);
    connect(header, &QHeaderView::sortIndicatorChanged, this, later);
    if (QAbstractItemModel *model = view->model()) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &TableSupport::fitColumnsOnce);
        connect(model, &QAbstractItemModel::layoutChanged, this, &TableSupport::fitColumnsOnce);
    }
}

void TableSupport::fitColumnsOnce()
{
    if (m_restored || m_fitted || m_view->model()->rowCount() == 0)
        return;
    m_fitted = true;
    // Fit to the rows shown, within bounds: long plans and reasons keep their tooltips.
    constexpr int MaxWidth = 320;
    QHeaderView *header = m_view->horizontalHeader();
    for (int column = 0; column < header->count(); ++column) {
        m_view->resizeColumnToContents(column);
        header->resizeSection(column, qMin(header->sectionSize(column) + 12, MaxWidth));
    }
}

bool TableSupport::restore()
{
    const QByteArray state = QSettings().value(m_key).toByteArray();
    m_restored = !state.isEmpty() && m_view->horizontalHeader()->restoreState(state);
    return m_restored;
}

void TableSupport::save() const
{
    QSettings().setValue(m_key, m_view->horizontalHeader()->saveState());
}

} // namespace Kura::Widgets
