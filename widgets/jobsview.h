#pragma once

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTableView;
class QToolBar;

namespace Kura::Models {
class JobsFilterModel;
class Session;
} // namespace Kura::Models

namespace Kura::Widgets {

// The Jobs page: queued, running and finished jobs with a progress bar, rate and time left,
// a state filter, stopping the selected job, and the selected job's log (GET /jobs/{id}).
class JobsView : public QWidget
{
    Q_OBJECT

public:
    explicit JobsView(Models::Session *session, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    qint64 selectedJobId() const;
    void stopSelected();

signals:
    void statusMessage(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateActions();
    void loadEvents();

    Models::Session *m_session;
    Models::JobsFilterModel *m_filter;
    QToolBar *m_toolBar = nullptr;
    QAction *m_stop = nullptr;
    QAction *m_refresh = nullptr;
    QLabel *m_stateLabel = nullptr;
    QComboBox *m_state = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_eventsLabel = nullptr;
    QPlainTextEdit *m_events = nullptr;
};

} // namespace Kura::Widgets
