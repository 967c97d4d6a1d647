#pragma once

#include <api/client/apitypes.h>

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Kura::Models {
class Session;
}

namespace Kura::Widgets {

// Enrolling a new server (SPEC §2, admin): choose the region and how long the token works,
// create a one-time enrollment token, show it and save its agent package (the ZIP the agent
// enrolls with: the server's addresses, certificate fingerprint and the token). Below, the
// tenant's existing tokens with their state; unused ones can be revoked after a confirmation.
// The token and package exist only in this dialog: the server keeps neither.
class EnrollmentDialog : public QDialog
{
    Q_OBJECT

public:
    explicit EnrollmentDialog(Models::Session *session, QWidget *parent = nullptr);

    // The token created last, with its package; empty before Create.
    const Api::Client::EnrollmentToken &created() const { return m_created; }
    // Writes the created token's package to `path` (QSaveFile, readable by its owner only).
    // False, with the error shown in the dialog, when it cannot.
    bool savePackageTo(const QString &path);
    // Creates a token with the chosen region and validity.
    void createToken();
    // Loads the tenant's tokens again.
    void refreshTokens();
    // Revokes the token of the table's selected row after a confirmation.
    void revokeSelected();

signals:
    // A token was created, revoked, or the list loaded.
    void tokensChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void fillRegions();
    void savePackage();
    void showTokens(const QList<Api::Client::EnrollmentToken> &tokens);
    void showError(const QString &text);
    void updateButtons();
    QString stateText(const QString &state) const;

    Models::Session *m_session;
    Api::Client::EnrollmentToken m_created;
    QList<Api::Client::EnrollmentToken> m_tokens;
    QLabel *m_intro = nullptr;
    QLabel *m_regionLabel = nullptr;
    QComboBox *m_region = nullptr;
    QLabel *m_hoursLabel = nullptr;
    QSpinBox *m_hours = nullptr;
    QPushButton *m_create = nullptr;
    QGroupBox *m_createdGroup = nullptr;
    QLabel *m_createdSummary = nullptr;
    QLabel *m_tokenLabel = nullptr;
    QLineEdit *m_token = nullptr;
    QPushButton *m_save = nullptr;
    QLabel *m_next = nullptr;
    QLabel *m_error = nullptr;
    QGroupBox *m_tokensGroup = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_revoke = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_saved = false;
};

} // namespace Kura::Widgets
