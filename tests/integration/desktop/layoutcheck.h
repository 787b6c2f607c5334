#pragma once
// What a user sees as broken in a window, found by walking its items:
// words that spill out of their item or the window, short words (a title,
// a button's label) cut short by an ellipsis, and texts or controls drawn
// over a sibling. Long data (a path, an ID) may elide; a label may not.

#include <QQuickItem>
#include <QQuickWindow>
#include <QStringList>

namespace layoutcheck {

// A text this long or longer is data that may end in an ellipsis.
constexpr int longText = 24;

inline bool isText(const QQuickItem *item)
{
    return item->inherits("QQuickText") || item->inherits("QQuickTextInput") || item->inherits("QQuickTextEdit");
}

inline bool isContent(const QQuickItem *item)
{
    return isText(item) || item->inherits("QQuickControl") || item->inherits("QQuickImage");
}

inline QString describe(const QQuickItem *item)
{
    const QString text = item->property("text").toString().left(40);
    QString path;
    for (const QQuickItem *up = item; up; up = up->parentItem()) {
        if (!up->objectName().isEmpty()) {
            path = up->objectName();
            break;
        }
    }
    return QStringLiteral("%1 \"%2\" (in %3)").arg(QString::fromLatin1(item->metaObject()->className()), text, path);
}

inline bool clippedAway(const QQuickItem *item)
{
    // Under a clipping ancestor, only what is inside it shows.
    const QRectF mine = item->mapRectToScene(item->boundingRect());
    for (const QQuickItem *up = item->parentItem(); up; up = up->parentItem()) {
        if (up->clip() && !up->mapRectToScene(up->boundingRect()).intersects(mine))
            return true;
    }
    return false;
}

inline bool underClip(const QQuickItem *item)
{
    for (const QQuickItem *up = item->parentItem(); up; up = up->parentItem()) {
        if (up->clip())
            return true;
    }
    return false;
}

inline void checkText(QQuickItem *item, const QSizeF &window, QStringList &problems)
{
    const QString text = item->property("text").toString();
    if (text.isEmpty() || item->opacity() == 0 || clippedAway(item))
        return;
    const QRectF scene = item->mapRectToScene(item->boundingRect());
    if (item->inherits("QQuickText")) {
        const bool truncated = item->property("truncated").toBool();
        if (truncated && text.size() < longText && !text.contains(u'\n'))
            problems << QStringLiteral("cut short: %1").arg(describe(item));
        const bool wraps = item->property("wrapMode").toInt() != 0;
        const bool elides = item->property("elide").toInt() != 3; // Text.ElideNone
        const double needed = item->property("contentWidth").toDouble();
        if (!wraps && !elides && !item->clip() && needed > item->width() + 2 && !underClip(item))
            problems << QStringLiteral("spills out of its item (%1 > %2 px): %3")
                            .arg(needed, 0, 'f', 0)
                            .arg(item->width(), 0, 'f', 0)
                            .arg(describe(item));
    }
    if (!underClip(item) && (scene.right() > window.width() + 1 || scene.left() < -1))
        problems << QStringLiteral("outside the window (x %1..%2 of %3): %4")
                        .arg(scene.left(), 0, 'f', 0)
                        .arg(scene.right(), 0, 'f', 0)
                        .arg(window.width(), 0, 'f', 0)
                        .arg(describe(item));
}

inline void checkSiblings(QQuickItem *parent, QStringList &problems)
{
    QList<QQuickItem *> shown;
    const QRectF whole = parent->boundingRect();
    for (QQuickItem *child : parent->childItems()) {
        if (!child->isVisible() || child->opacity() == 0 || child->width() < 1 || child->height() < 1)
            continue;
        // A background or an overlay fills its parent: it is meant to be under or over.
        if (child->x() <= 0.5 && child->y() <= 0.5 && child->width() >= whole.width() - 0.5
            && child->height() >= whole.height() - 0.5)
            continue;
        if (isContent(child) && child->z() == 0)
            shown << child;
    }
    for (qsizetype i = 0; i < shown.size(); ++i) {
        for (qsizetype j = i + 1; j < shown.size(); ++j) {
            const QRectF a = shown[i]->mapRectToScene(shown[i]->boundingRect()).adjusted(1, 1, -1, -1);
            const QRectF b = shown[j]->mapRectToScene(shown[j]->boundingRect()).adjusted(1, 1, -1, -1);
            if (a.intersects(b) && (isText(shown[i]) || isText(shown[j])))
                problems << QStringLiteral("overlap: %1 and %2").arg(describe(shown[i]), describe(shown[j]));
        }
    }
}

inline void walk(QQuickItem *item, const QSizeF &window, QStringList &problems)
{
    if (!item->isVisible() || item->objectName() == QLatin1String("toast"))
        return;
    if (isText(item))
        checkText(item, window, problems);
    checkSiblings(item, problems);
    for (QQuickItem *child : item->childItems())
        walk(child, window, problems);
}

// Every problem of what the window shows now (its content and its popups).
inline QStringList problems(QQuickWindow *window)
{
    QStringList found;
    walk(window->contentItem(), window->size(), found);
    found.removeDuplicates();
    return found;
}

} // namespace layoutcheck
