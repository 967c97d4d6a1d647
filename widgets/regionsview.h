#pragma once

#include <QWidget>

class QAction;
class QSortFilterProxyModel;
class QLabel;
class QTableView;
class QToolBar;

namespace Kura::Models {
class Session;
}

namespace Kura::Widgets {

// The Regions page (SPEC §7): storage regions, their double-storage pairs, whether double
// storage is offered, each region's storage health and its replication lag (how long the
// tenant's oldest double-storage copy has waited for it). Admins mark the selected region's
// storage failed or recovered, after a confirmation that asks for the reason.
class RegionsView : public QWidget
{
    Q_OBJECT

public:
    explicit RegionsView(Models::Session *session, QWidget *parent = nullptr);
    QTableView *table() const { return m_table; }
    // The selected region's name, empty when none.
    QString selectedRegion() const;
    void selectRegion(const QString &name);
    // Ask for confirmation and a reason, then mark the selected region failed or ok.
    void markSelectedFailed();
    void markSelectedRecovered();

signals:
    void statusMessage(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateActions();
    void askForState(bool failed);
    void setState(const QString &region, bool failed, const QString &reason);

    Models::Session *m_session;
    QToolBar *m_toolBar = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_markFailed = nullptr;
    QAction *m_markRecovered = nullptr;
    QLabel *m_intro = nullptr;
    QTableView *m_table = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
};

} // namespace Kura::Widgets
