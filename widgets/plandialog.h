#pragma once

#include <api/client/apitypes.h>

#include <QDialog>

#include <optional>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QStackedWidget;

namespace Kura::Api::Client {
class ApiClient;
}

namespace Kura::Widgets {

// Edits one server's backup plan (SPEC §3): storage (double only where the region has a pair,
// with the reason shown otherwise, and the transfer to the remote region confirmed), timing
// (on demand, daily or weekly windows shown in UTC and local time), minimum retention, content
// (files with include paths and exclude patterns, or a system image) and the resulting maximum
// number of generations. OK is enabled only for a valid plan; the reason is shown otherwise.
// OK does not close the dialog: it emits submitted() and the owner calls accept() or
// showError() with the server's answer. Open it with open().
class PlanDialog : public QDialog
{
    Q_OBJECT

public:
    // `region`: the server's region as GET /regions lists it (nullopt: unknown region).
    PlanDialog(const Api::Client::ServerInfo &server,
               const std::optional<Api::Client::RegionInfo> &region, QWidget *parent = nullptr);

    Api::Client::PlanInfo plan() const;
    bool transferConfirmed() const;
    // Empty when the plan can be submitted, else the translated reason.
    QString validationProblem() const;
    // Why double storage cannot be chosen; empty when it can.
    QString doubleUnavailableReason() const;

    // Lets "Add Folder..." browse the server's file system through its agent (GET
    // /servers/{id}/files); without a client, or while the server is offline, paths are typed.
    void setFolderBrowser(Api::Client::ApiClient *client);

    void setBusy(bool busy);
    void showError(const QString &message);

signals:
    void submitted(const Kura::Api::Client::PlanInfo &plan, bool confirmTransfer);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createStorageGroup();
    QWidget *createTimingGroup();
    QWidget *createRetentionGroup();
    QWidget *createContentGroup();
    void load(const Api::Client::PlanInfo &plan);
    void browseFolder();
    void retranslateUi();
    void fillWindowTexts();
    void updateState();
    void submit();

    Api::Client::ServerInfo m_server;
    std::optional<Api::Client::RegionInfo> m_region;
    bool m_busy = false;

    QGroupBox *m_storageGroup = nullptr;
    QRadioButton *m_local = nullptr;
    QRadioButton *m_double = nullptr;
    QLabel *m_doubleNote = nullptr;
    QCheckBox *m_confirmTransfer = nullptr;

    QGroupBox *m_timingGroup = nullptr;
    QRadioButton *m_immediate = nullptr;
    QRadioButton *m_daily = nullptr;
    QRadioButton *m_weekly = nullptr;
    QLabel *m_dailyLabel = nullptr;
    QComboBox *m_dailyWindow = nullptr;
    QLabel *m_weekdayLabel = nullptr;
    QComboBox *m_weekday = nullptr;
    QLabel *m_weeklyLabel = nullptr;
    QComboBox *m_weeklyWindow = nullptr;
    QLabel *m_timingNote = nullptr;

    QGroupBox *m_retentionGroup = nullptr;
    QLabel *m_retentionLabel = nullptr;
    QComboBox *m_retention = nullptr;
    QLabel *m_maxGenerations = nullptr;

    QGroupBox *m_contentGroup = nullptr;
    QRadioButton *m_files = nullptr;
    QRadioButton *m_system = nullptr;
    QStackedWidget *m_contentPages = nullptr;
    QLabel *m_includeLabel = nullptr;
    QPlainTextEdit *m_include = nullptr;
    QPushButton *m_addFolder = nullptr;
    Api::Client::ApiClient *m_client = nullptr;
    QLabel *m_excludeLabel = nullptr;
    QPlainTextEdit *m_exclude = nullptr;
    QLabel *m_deviceLabel = nullptr;
    QLineEdit *m_device = nullptr;

    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    Api::Client::PlanInfo m_loaded;
};

// "00:00-03:00 UTC (09:00-12:00 local time)" for daily window `window` (0..7); weekly windows
// (0..2) on `weekday` (1 = Monday) with the weekday in both zones. Local time is the system
// time zone on the day of `reference`.
QString dailyWindowText(int window, const QDate &reference);
QString weeklyWindowText(int weekday, int window, const QDate &reference);

} // namespace Kura::Widgets
