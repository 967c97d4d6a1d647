#pragma once

#include <core/error.h>

#include <QLocale>
#include <QObject>
#include <QTranslator>

#include <optional>

namespace Kura::Widgets {

// The languages the console offers. System follows the operating system's UI languages
// (Japanese when the first of them is Japanese, English otherwise).
enum class Language { System, English, Japanese };

// Loads the console's translation (":/i18n/kura_<code>.qm", built from translations/) and
// Qt's own (qtbase_<code>.qm from the Qt installation, for standard dialogs), installs them on
// the application and sets the default QLocale, so that numbers, sizes and dates follow the
// language too. Installing a translator makes Qt send QEvent::LanguageChange to every widget,
// which retranslates itself: the switch takes effect at once, without a restart.
//
// Lives on the GUI thread. The choice is stored in QSettings under "ui/language".
class LanguageManager : public QObject
{
    Q_OBJECT

public:
    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    // Applies the stored choice (System when none or unreadable).
    void restore();

    // Switches to `language` and stores the choice. Fails (ErrorCode::NotFound) when the
    // console's translation for it is missing from the resources; the previous language then
    // stays in effect.
    Status setLanguage(Language language);

    Language language() const { return m_language; }
    // "ja" or "en": the language in effect.
    QString effectiveCode() const { return m_code; }

    // The code ("ja" or "en") that `language` means on a system with `systemLocale`.
    static QString codeFor(Language language, const QLocale &systemLocale);
    // Stable names for QSettings ("system", "en", "ja").
    static QString storedName(Language language);
    static std::optional<Language> fromStoredName(const QString &name);

signals:
    void languageChanged(Kura::Widgets::Language language);

private:
    QTranslator m_console;
    QTranslator m_qt;
    bool m_installed = false;
    Language m_language = Language::System;
    QString m_code;
};

} // namespace Kura::Widgets
