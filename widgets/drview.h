#pragma once

#include <api/client/apitypes.h>

#include <QWidget>

class QAction;
class QLabel;
class QStandardItemModel;
class QToolBar;
class QTreeView;

namespace Kura::Models {
class Session;
}

namespace Kura::Widgets {

// The Disaster Recovery page (SPEC §12), read-only, from GET /dr. While the server has no
// disaster recovery configured (today always), it says so plainly and what the page will
// show; once configured, it shows the state, the steps and how old the last copy of the
// catalog is.
class DrView : public QWidget
{
    Q_OBJECT

public:
    explicit DrView(Models::Session *session, QWidget *parent = nullptr);

    // Asks the server for the state.
    void refresh();
    // Shows `status` (normally the server's answer).
    void showStatus(const Api::Client::DrStatus &status);
    QString stateText() const;
    QTreeView *steps() const { return m_steps; }

signals:
    void loaded();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void updateTexts();

    Models::Session *m_session;
    QToolBar *m_toolBar = nullptr;
    QAction *m_refresh = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_details = nullptr;
    QTreeView *m_steps = nullptr;
    QStandardItemModel *m_stepsModel = nullptr;
    std::optional<Api::Client::DrStatus> m_status;
    QString m_error;
};

} // namespace Kura::Widgets
