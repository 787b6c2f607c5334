// The user's preferences (src/desktop/preferences.h): the theme saved in
// QSettings (here in a temporary directory), refused when it is not one,
// and MUELLE_THEME's for one run without being saved.

#include "desktop/preferences.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

class TestPreferences : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(settingsDir_.isValid());
        QCoreApplication::setOrganizationName(u"MuelleTest"_s);
        QCoreApplication::setApplicationName(u"tst_preferences"_s);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir_.path());
    }
    void init()
    {
        QSettings().clear();
        qunsetenv("MUELLE_THEME");
    }

    void systemByDefault() { QCOMPARE(Preferences(nullptr).theme(), u"system"_s); }

    void savedAcrossRuns()
    {
        {
            Preferences preferences(nullptr);
            QSignalSpy changed(&preferences, &Preferences::themeChanged);
            preferences.setTheme(u"dark"_s);
            QCOMPARE(preferences.theme(), u"dark"_s);
            QCOMPARE(changed.size(), 1);
            preferences.setTheme(u"dark"_s);
            QCOMPARE(changed.size(), 1);
        }
        QCOMPARE(QSettings().value(u"appearance/theme"_s).toString(), u"dark"_s);
        QCOMPARE(Preferences(nullptr).theme(), u"dark"_s);
    }

    void otherValuesRefused()
    {
        Preferences preferences(nullptr);
        preferences.setTheme(u"light"_s);
        QSignalSpy changed(&preferences, &Preferences::themeChanged);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"\"solarized\" is not a theme"_s));
        preferences.setTheme(u"solarized"_s);
        QCOMPARE(preferences.theme(), u"light"_s);
        QCOMPARE(changed.size(), 0);
        QCOMPARE(QSettings().value(u"appearance/theme"_s).toString(), u"light"_s);
        QVERIFY(!preferences.setThemeForRun(u"Dark"_s));
        QCOMPARE(preferences.theme(), u"light"_s);
    }

    void aSavedValueThatIsNoThemeIsSystem()
    {
        QSettings().setValue(u"appearance/theme"_s, u"purple"_s);
        QCOMPARE(Preferences(nullptr).theme(), u"system"_s);
    }

    void environmentForOneRun()
    {
        QSettings().setValue(u"appearance/theme"_s, u"light"_s);
        qputenv("MUELLE_THEME", "dark");
        QCOMPARE(Preferences(nullptr).theme(), u"dark"_s);
        QCOMPARE(QSettings().value(u"appearance/theme"_s).toString(), u"light"_s);
        qputenv("MUELLE_THEME", "neon");
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"MUELLE_THEME=neon is not a theme"_s));
        QCOMPARE(Preferences(nullptr).theme(), u"light"_s);
    }

    void forRunIsNotSaved()
    {
        Preferences preferences(nullptr);
        QSignalSpy changed(&preferences, &Preferences::themeChanged);
        QVERIFY(preferences.setThemeForRun(u"light"_s));
        QCOMPARE(preferences.theme(), u"light"_s);
        QCOMPARE(changed.size(), 1);
        QVERIFY(!QSettings().contains(u"appearance/theme"_s));
        // What the user then picks is saved, even the run's own.
        preferences.setTheme(u"light"_s);
        QCOMPARE(QSettings().value(u"appearance/theme"_s).toString(), u"light"_s);
    }

private:
    QTemporaryDir settingsDir_;
};

QTEST_GUILESS_MAIN(TestPreferences)
#include "tst_preferences.moc"
