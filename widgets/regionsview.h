#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QTableView;
class QToolBar;

namespace Kura::Models {
class Session;
}

namespace Kura::Widgets {

// The Regions page (SPEC §7): storage regions, their double-storage pairs, whether double
// storage is offered and each region's storage health.
class RegionsView : public QWidget
{
    Q_OBJECT

public:
    explicit RegionsView(Models::Session *session, QWidget *parent = nullptr);
    QTableView *table() const { return m_table; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    Models::Session *m_session;
    QToolBar *m_toolBar = nullptr;
    QAction *m_refresh = nullptr;
    QLabel *m_intro = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace Kura::Widgets
