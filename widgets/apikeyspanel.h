#pragma once

#include <api/client/apitypes.h>

#include <QGroupBox>

class QLabel;
class QPushButton;
class QTableWidget;

namespace Kura::Models {
class Session;
}

namespace Kura::Widgets {

// The API keys of the tenant on the Settings page (admins only): the list without secrets,
// creating a key with the most it may do (its role; the secret is shown once, with a Copy
// button) and revoking one after a confirmation. Other roles see a note instead.
class ApiKeysPanel : public QGroupBox
{
    Q_OBJECT

public:
    explicit ApiKeysPanel(Models::Session *session, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    const QList<Api::Client::ApiKeyInfo> &keys() const { return m_keys; }
    void refresh();
    // Opens the dialog asking for the new key's name and role.
    void createKey();
    // Creates a key and shows its secret once.
    void create(const QString &name, const QString &role);
    // Revokes the selected key after a confirmation.
    void revokeSelected();

signals:
    void statusMessage(const QString &text);
    // The list was loaded again.
    void keysLoaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateState();
    void showKeys(const QList<Api::Client::ApiKeyInfo> &keys);
    void showSecret(const Api::Client::ApiKeyInfo &key);
    void revoke(qint64 id, const QString &name);
    QString roleLimitText(const QString &role) const;

    Models::Session *m_session;
    QList<Api::Client::ApiKeyInfo> m_keys;
    QLabel *m_intro = nullptr;
    QLabel *m_note = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_revoke = nullptr;
    QPushButton *m_refresh = nullptr;
};

} // namespace Kura::Widgets
