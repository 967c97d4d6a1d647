#pragma once

#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QPushButton;

namespace Kura::Models {
class Session;
}

namespace Kura::Widgets {

class ApiKeysPanel;
class LanguageManager;

// The Settings page: the console's language (Japanese, English or the system's, applied at
// once), the connection (who is logged in where, connect and disconnect), the tenant's API keys
// (admins) and information about the console.
class SettingsView : public QWidget
{
    Q_OBJECT

public:
    SettingsView(LanguageManager *languages, Models::Session *session, QWidget *parent = nullptr);

    // An extra line under the connection (for example the embedded server's state).
    void setConnectionNote(const QString &note);
    ApiKeysPanel *apiKeysPanel() const { return m_apiKeys; }

signals:
    void connectRequested();
    void disconnectRequested();
    void statusMessage(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateConnection();

    LanguageManager *m_languages;
    Models::Session *m_session;
    QGroupBox *m_languageGroup = nullptr;
    QLabel *m_languageLabel = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_languageNote = nullptr;
    QGroupBox *m_connectionGroup = nullptr;
    QLabel *m_connection = nullptr;
    QLabel *m_connectionNote = nullptr;
    QPushButton *m_connect = nullptr;
    QPushButton *m_disconnect = nullptr;
    ApiKeysPanel *m_apiKeys = nullptr;
    QGroupBox *m_aboutGroup = nullptr;
    QLabel *m_about = nullptr;
    QString m_note;
};

} // namespace Kura::Widgets
