#pragma once
// The system clipboard for QML (which has none of its own): a reference
// copied from a registry's tag, to paste into a terminal.

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace muelle::desktop {

class Clipboard : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
public:
    using QObject::QObject;
    Q_INVOKABLE void copy(const QString &text);
    Q_INVOKABLE QString text() const;
};

} // namespace muelle::desktop
