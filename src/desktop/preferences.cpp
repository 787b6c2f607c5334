#include "desktop/preferences.h"

#include <QLoggingCategory>
#include <QSettings>

namespace muelle::desktop {
namespace {

Q_LOGGING_CATEGORY(lcPreferences, "muelle.desktop.preferences")

const QString themeKey = QStringLiteral("appearance/theme");

} // namespace

Preferences::Preferences(QObject *parent) : QObject(parent)
{
    if (const QString saved = QSettings().value(themeKey).toString(); isTheme(saved))
        theme_ = saved;
    if (const QString forRun = qEnvironmentVariable("MUELLE_THEME"); !forRun.isEmpty() && !setThemeForRun(forRun))
        qCWarning(lcPreferences, "MUELLE_THEME=%s is not a theme (system, light, dark): ignored", qPrintable(forRun));
}

bool Preferences::isTheme(const QString &theme)
{
    return theme == u"system" || theme == u"light" || theme == u"dark";
}

void Preferences::setTheme(const QString &theme)
{
    if (!isTheme(theme)) {
        qCWarning(lcPreferences, "\"%s\" is not a theme (system, light, dark): ignored", qPrintable(theme));
        return;
    }
    QSettings().setValue(themeKey, theme);
    apply(theme);
}

bool Preferences::setThemeForRun(const QString &theme)
{
    if (!isTheme(theme))
        return false;
    apply(theme);
    return true;
}

void Preferences::apply(const QString &theme)
{
    if (theme == theme_)
        return;
    theme_ = theme;
    Q_EMIT themeChanged();
}

} // namespace muelle::desktop
