#pragma once

#include <QDialog>
#include <QUrl>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Kura::Widgets {

// What the user typed to log in to a remote server.
struct LoginParameters
{
    QUrl url;
    QString tenant;
    QString user;
    QString password;
};

// Asks for a server address, tenant, user and password. "Log In" does not close the dialog: it
// emits loginRequested() and shows the dialog as busy; the owner calls showError() (the dialog
// stays open) or accept(). The address, tenant and user are remembered in QSettings; the
// password never is. Open it with open(), not exec().
class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LoginDialog(QWidget *parent = nullptr);

    void setParameters(const QUrl &url, const QString &tenant, const QString &user);
    LoginParameters parameters() const;
    // Offers "Use Local Server" when `available`; otherwise the button is disabled and its
    // tooltip says why (`reason`, translated).
    void setLocalServerAvailable(bool available, const QString &reason);

    void setBusy(bool busy);
    void showError(const QString &message);
    QString errorText() const;

    // Empty when the fields can be submitted; otherwise the translated reason.
    QString validationProblem() const;

signals:
    void loginRequested(const Kura::Widgets::LoginParameters &parameters);
    void localServerRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateState();
    void submit();

    QLabel *m_intro = nullptr;
    QLabel *m_urlLabel = nullptr;
    QLabel *m_tenantLabel = nullptr;
    QLabel *m_userLabel = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_tenant = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_login = nullptr;
    QPushButton *m_local = nullptr;
    bool m_busy = false;
    bool m_localAvailable = false;
    QString m_localReason;
};

} // namespace Kura::Widgets
