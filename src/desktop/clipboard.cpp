#include "desktop/clipboard.h"

#include <QClipboard>
#include <QGuiApplication>

namespace muelle::desktop {

void Clipboard::copy(const QString &text)
{
    QGuiApplication::clipboard()->setText(text);
}

QString Clipboard::text() const
{
    return QGuiApplication::clipboard()->text();
}

} // namespace muelle::desktop
