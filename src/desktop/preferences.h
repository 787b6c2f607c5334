#pragma once
// The user's choices that outlive a run, for QML: the theme ("system",
// "light" or "dark"), kept in QSettings ("appearance/theme"). MUELLE_THEME
// or --theme override it for one run (forRun), without saving.

#include <QObject>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class Preferences : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(Preferences)
    QML_SINGLETON
    // Setting it saves it; a value other than the three is refused (a warning).
    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY themeChanged)
public:
    // The app's one Preferences (DesktopApp's), for QML.
    static Preferences *create(QQmlEngine *, QJSEngine *);
    // The saved theme, or MUELLE_THEME's when that is one.
    // No default: QML (Qt 6.4) would make its own instead of calling create().
    explicit Preferences(QObject *parent);

    static bool isTheme(const QString &theme);

    QString theme() const { return theme_; }
    void setTheme(const QString &theme);
    // The theme for this run only (--theme): not saved. False, and nothing
    // changes, when it is not a theme.
    bool setThemeForRun(const QString &theme);

Q_SIGNALS:
    void themeChanged();

private:
    void apply(const QString &theme);

    QString theme_ = QStringLiteral("system");
};

} // namespace muelle::desktop
