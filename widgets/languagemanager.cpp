#include "languagemanager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

namespace {
const QString SettingsKey = u"ui/language"_s;

QLocale localeFor(const QString &code)
{
    const QLocale system = QLocale::system();
    if (code == u"ja"_s)
        return QLocale(QLocale::Japanese, QLocale::Japan);
    if (system.language() == QLocale::English)
        return system;
    return QLocale(QLocale::English, QLocale::UnitedStates);
}
} // namespace

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent)
{
}

LanguageManager::~LanguageManager()
{
    if (m_installed) {
        QCoreApplication::removeTranslator(&m_console);
        QCoreApplication::removeTranslator(&m_qt);
    }
}

void LanguageManager::restore()
{
    const QString stored = QSettings().value(SettingsKey).toString();
    const Language language = fromStoredName(stored).value_or(Language::System);
    if (!setLanguage(language) && language != Language::System)
        (void)setLanguage(Language::System);
}

Status LanguageManager::setLanguage(Language language)
{
    const QString code = codeFor(language, QLocale::system());
    const QString file = u":/i18n/kura_%1.qm"_s.arg(code);
    QTranslator console;
    if (!console.load(file))
        return fail(ErrorCode::NotFound, u"translation \"%1\" is not in the resources"_s.arg(file));

    if (m_installed) {
        QCoreApplication::removeTranslator(&m_console);
        QCoreApplication::removeTranslator(&m_qt);
    }
    (void)m_console.load(file);
    // Qt's own strings (standard buttons, dialogs); absent translations leave Qt in English.
    const bool haveQt = m_qt.load(u"qtbase_"_s + code,
                                  QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    QLocale::setDefault(localeFor(code));
    if (haveQt)
        QCoreApplication::installTranslator(&m_qt);
    QCoreApplication::installTranslator(&m_console);
    m_installed = true;
    m_language = language;
    m_code = code;
    QSettings().setValue(SettingsKey, storedName(language));
    emit languageChanged(language);
    return {};
}

QString LanguageManager::codeFor(Language language, const QLocale &systemLocale)
{
    switch (language) {
    case Language::English:
        return u"en"_s;
    case Language::Japanese:
        return u"ja"_s;
    case Language::System:
        break;
    }
    const QStringList languages = systemLocale.uiLanguages();
    const QString first = languages.isEmpty() ? systemLocale.name() : languages.constFirst();
    return first.startsWith(u"ja"_s) ? u"ja"_s : u"en"_s;
}

QString LanguageManager::storedName(Language language)
{
    switch (language) {
    case Language::English:
        return u"en"_s;
    case Language::Japanese:
        return u"ja"_s;
    case Language::System:
        break;
    }
    return u"system"_s;
}

std::optional<Language> LanguageManager::fromStoredName(const QString &name)
{
    if (name == u"system"_s)
        return Language::System;
    if (name == u"en"_s)
        return Language::English;
    if (name == u"ja"_s)
        return Language::Japanese;
    return std::nullopt;
}

} // namespace Kura::Widgets
