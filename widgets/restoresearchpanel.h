#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace Kura::Models {
class RestoreSearchModel;
}

namespace Kura::Widgets {

// The Restore page's search results (SPEC §6): the entries of the whole generation whose name
// contains the searched text, as the server found them. Typing restarts a short pause before
// the server is asked, so that each keystroke does not start a walk of the generation; a newer
// text abandons the search in flight. A busy bar shows while the server searches, a line says
// how many entries matched (or that only the first ones are shown, or why it failed). Entries
// are chosen with their check boxes or dragged onto the restore list like the tree's.
class RestoreSearchPanel : public QWidget
{
    Q_OBJECT

public:
    // How long typing must pause before the server is asked.
    static constexpr int PauseMs = 300;

    explicit RestoreSearchPanel(Models::RestoreSearchModel *model, QWidget *parent = nullptr);

    // Searches for `text` after the pause; an empty text clears at once.
    void setText(const QString &text);
    QTableView *table() const { return m_table; }
    // The status line ("3 entries match ...").
    QString statusText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateStatus();

    Models::RestoreSearchModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTimer *m_pause;
    QString m_pending;
    QProgressBar *m_busy = nullptr;
    QLabel *m_status = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace Kura::Widgets
