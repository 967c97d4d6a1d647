#include "settingsview.h"

#include "apikeyspanel.h"
#include "icons.h"
#include "languagemanager.h"
#include "messages.h"

#include <modeltext.h>
#include <session.h>

#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

SettingsView::SettingsView(LanguageManager *languages, Models::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_languages(languages)
    , m_session(session)
{
    setObjectName(u"settingsView"_s);
    m_languageGroup = new QGroupBox(this);
    m_language = new QComboBox(m_languageGroup);
    m_language->setObjectName(u"languageCombo"_s);
    for (Language language : { Language::System, Language::Japanese, Language::English })
        m_language->addItem(QString(), int(language));
    m_language->setCurrentIndex(m_language->findData(int(languages->language())));
    m_languageLabel = new QLabel(m_languageGroup);
    m_languageLabel->setBuddy(m_language);
    m_languageNote = new QLabel(m_languageGroup);
    m_languageNote->setWordWrap(true);
    auto *languageLayout = new QFormLayout(m_languageGroup);
    languageLayout->addRow(m_languageLabel, m_language);
    languageLayout->addRow(m_languageNote);
    connect(m_language, &QComboBox::activated, this, [this] {
        const auto language = Language(m_language->currentData().toInt());
        if (auto status = m_languages->setLanguage(language); !status)
            showError(this, tr("Language"), status.error().message());
    });
    connect(languages, &LanguageManager::languageChanged, this, [this](Language language) {
        m_language->setCurrentIndex(m_language->findData(int(language)));
    });

    m_connectionGroup = new QGroupBox(this);
    m_connection = new QLabel(m_connectionGroup);
    m_connection->setObjectName(u"connectionSummary"_s);
    m_connection->setWordWrap(true);
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_connectionNote = new QLabel(m_connectionGroup);
    m_connectionNote->setWordWrap(true);
    m_connect = new QPushButton(icon(Icon::Connect), QString(), m_connectionGroup);
    m_connect->setObjectName(u"settingsConnect"_s);
    m_disconnect = new QPushButton(icon(Icon::Disconnect), QString(), m_connectionGroup);
    m_disconnect->setObjectName(u"settingsDisconnect"_s);
    connect(m_connect, &QPushButton::clicked, this, &SettingsView::connectRequested);
    connect(m_disconnect, &QPushButton::clicked, this, &SettingsView::disconnectRequested);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_connect);
    buttons->addWidget(m_disconnect);
    buttons->addStretch(1);
    auto *connectionLayout = new QVBoxLayout(m_connectionGroup);
    connectionLayout->addWidget(m_connection);
    connectionLayout->addWidget(m_connectionNote);
    connectionLayout->addLayout(buttons);

    m_apiKeys = new ApiKeysPanel(session, this);
    connect(m_apiKeys, &ApiKeysPanel::statusMessage, this, &SettingsView::statusMessage);

    m_aboutGroup = new QGroupBox(this);
    m_about = new QLabel(m_aboutGroup);
    m_about->setWordWrap(true);
    auto *aboutIcon = new QLabel(m_aboutGroup);
    aboutIcon->setPixmap(icon(Icon::App).pixmap(48, 48));
    auto *aboutLayout = new QHBoxLayout(m_aboutGroup);
    aboutLayout->addWidget(aboutIcon, 0, Qt::AlignTop);
    aboutLayout->addWidget(m_about, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_languageGroup);
    layout->addWidget(m_connectionGroup);
    layout->addWidget(m_apiKeys, 1);
    layout->addWidget(m_aboutGroup);
    setTabOrder(m_language, m_connect);
    setTabOrder(m_connect, m_disconnect);

    connect(session, &Models::Session::stateChanged, this, &SettingsView::updateConnection);
    retranslateUi();
}

void SettingsView::setConnectionNote(const QString &note)
{
    m_note = note;
    updateConnection();
}

void SettingsView::updateConnection()
{
    using State = Models::Session::State;
    const auto &identity = m_session->identity();
    const QString url = m_session->url().toString();
    switch (m_session->state()) {
    case State::Disconnected:
        m_connection->setText(tr("Not connected."));
        break;
    case State::LoggingIn:
        m_connection->setText(tr("Logging in to \"%1\"...").arg(url));
        break;
    case State::Connected:
        m_connection->setText(tr("Connected to \"%1\" as %2 (%3).")
                                  .arg(url, identity.user, Models::roleText(identity.role)));
        break;
    case State::Lost:
        m_connection->setText(tr("The connection to \"%1\" is lost; the console keeps trying.").arg(url));
        break;
    }
    m_connectionNote->setText(m_note);
    m_connectionNote->setVisible(!m_note.isEmpty());
    m_disconnect->setEnabled(m_session->state() != State::Disconnected);
}

void SettingsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SettingsView::retranslateUi()
{
    m_languageGroup->setTitle(tr("Language"));
    m_languageLabel->setText(tr("&Language:"));
    m_language->setItemText(0, tr("System language"));
    // Language names are shown in their own language (QLocale), not translated.
    m_language->setItemText(1, QLocale(QLocale::Japanese).nativeLanguageName());
    m_language->setItemText(2, u"English"_s);
    m_language->setToolTip(tr("The console switches at once; no restart is needed"));
    m_languageNote->setText(tr("Dates, times, numbers and sizes follow the chosen language."));
    m_connectionGroup->setTitle(tr("Connection"));
    m_connect->setText(tr("&Connect to Server..."));
    m_connect->setToolTip(tr("Log in to a Kura server by its address"));
    m_disconnect->setText(tr("&Disconnect"));
    m_disconnect->setToolTip(tr("Log out and close the connection to the server"));
    m_aboutGroup->setTitle(tr("About"));
    m_about->setText(tr("Kura %1, the console of the Kura backup system. It manages the servers, "
                        "plans, jobs and reports of one tenant through the server's API.\n"
                        "Qt %2.")
                         .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
    updateConnection();
}

} // namespace Kura::Widgets
