#pragma once
// The app's window driven as a user drives it, for the desktop tests: items
// found by objectName through the visual tree (delegates and popups, on
// the window's overlay, are not QObject children of what shows them),
// clicked at their centre once visible and enabled, pages chosen through
// the navigation rail, screenshots saved to $MUELLE_ARTIFACTS (default
// build/test-artifacts). Failures fail the running test function.

#include <QCoreApplication>
#include <QDir>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>

inline QQuickItem *findItem(QQuickItem *root, const QString &objectName, bool prefix = false)
{
    if (prefix ? root->objectName().startsWith(objectName) : root->objectName() == objectName)
        return root;
    const QList<QQuickItem *> children = root->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findItem(child, objectName, prefix))
            return found;
    }
    return nullptr;
}

inline QString artifacts()
{
    const QString dir = qEnvironmentVariable(
        "MUELLE_ARTIFACTS", QCoreApplication::applicationDirPath() + QStringLiteral("/../test-artifacts"));
    QDir().mkpath(dir);
    return dir;
}

class UiDriver {
public:
    QQuickWindow *window = nullptr;

    QQuickItem *item(const QString &objectName) const { return findItem(window->contentItem(), objectName); }
    bool shows(const QString &objectName) const
    {
        QQuickItem *found = item(objectName);
        return found && found->isVisible();
    }
    // A Popup (a Dialog) is an object, not an item: found among the window's objects.
    bool popupOpen(const QString &objectName) const
    {
        const QObject *popup = window->findChild<QObject *>(objectName);
        return popup && popup->property("opened").toBool();
    }
    void click(const QString &objectName) { click(window->contentItem(), objectName); }
    // The first item so named below `within`.
    void click(QQuickItem *within, const QString &objectName)
    {
        QQuickItem *target = nullptr;
        QTRY_VERIFY2_WITH_TIMEOUT((target = findItem(within, objectName)) && target->isVisible() && target->isEnabled(),
            qPrintable(QStringLiteral("no visible, enabled item ") + objectName), 10000);
        QTest::qWait(50); // laid out
        const QPointF centre = target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
        QTest::mouseClick(window, Qt::LeftButton, {}, centre.toPoint());
    }
    void show(const QString &page)
    {
        click(QStringLiteral("nav.") + page);
        QTRY_COMPARE(window->property("currentPage").toString(), page);
    }
    void type(const QString &objectName, const QString &text)
    {
        QQuickItem *field = nullptr;
        QTRY_VERIFY2((field = item(objectName)) && field->isVisible(), qPrintable(objectName));
        field->forceActiveFocus();
        field->setProperty("text", QString());
        keys(text);
    }
    // ASCII text typed into the focused item (QTest has keyClicks for widgets only).
    void keys(const QString &text)
    {
        for (const QChar c : text)
            QTest::keyClick(window, c.toLatin1());
    }
    void screenshot(const QString &name)
    {
        QTest::mouseMove(window, QPoint(window->width() - 2, window->height() - 2)); // no tooltip in the picture
        QTest::qWait(600); // a frame or two with the latest data
        const QString path = artifacts() + u'/' + name + QStringLiteral(".png");
        QVERIFY2(window->grabWindow().save(path), qPrintable(path));
        qInfo().noquote() << "screenshot" << path;
    }
};
