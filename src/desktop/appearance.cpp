#include "desktop/appearance.h"

#include <QGuiApplication>
#include <QLocale>
#include <QQuickStyle>

namespace muelle::desktop {

void chooseAppearance()
{
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
    // The first of the user's languages (LANGUAGE, then LC_ALL, LC_MESSAGES, LANG).
    const QStringList languages = QLocale::system().uiLanguages();
    const QLocale language = languages.isEmpty() ? QLocale::system() : QLocale(languages.first());
    QGuiApplication::setLayoutDirection(language.textDirection());
}

} // namespace muelle::desktop
