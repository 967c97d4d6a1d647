// kura: the desktop console (SPEC §1).
#include <languagemanager.h>
#include <mainwindow.h>

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Kura"));
    QApplication::setApplicationName(QStringLiteral("kura"));
    QApplication::setApplicationVersion(QStringLiteral(KURA_VERSION));

    Kura::Widgets::LanguageManager languages;
    languages.restore();
    Kura::Widgets::MainWindow window;
    window.show();
    return QApplication::exec();
}
