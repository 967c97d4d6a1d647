#pragma once

#include <QObject>
#include <QString>

class QTableView;
class QTimer;

namespace Kura::Widgets {

// Gives a table view the console's common behaviour: whole-row single selection, sorting by
// clicking a header, alternating rows, and column widths and order remembered in QSettings
// under "<settingsKey>/header" (restored now, saved shortly after every change). Without a
// stored state, the columns are fitted to their contents once, when the first rows arrive.
// Set the view's model before constructing it.
class TableSupport : public QObject
{
    Q_OBJECT

public:
    TableSupport(QTableView *view, const QString &settingsKey);

    // Restores the stored header state; returns false when none was stored.
    bool restore();
    void save() const;

private:
    void fitColumnsOnce();

    QTableView *m_view;
    bool m_restored = false;
    bool m_fitted = false;
    QString m_key;
    QTimer *m_saveTimer;
};

} // namespace Kura::Widgets
