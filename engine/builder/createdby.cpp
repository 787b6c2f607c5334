#include "engine/builder/createdby.h"

namespace muelle::engine::builder {

QString goQuote(const QString &text)
{
    QString quoted = QStringLiteral("\"");
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'"':
            quoted += QStringLiteral("\\\"");
            break;
        case u'\\':
            quoted += QStringLiteral("\\\\");
            break;
        case u'\n':
            quoted += QStringLiteral("\\n");
            break;
        case u'\t':
            quoted += QStringLiteral("\\t");
            break;
        case u'\r':
            quoted += QStringLiteral("\\r");
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                quoted += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                quoted += c;
        }
    }
    return quoted + u'"';
}

QString goQuoteList(const QStringList &list)
{
    QStringList quoted;
    for (const QString &item : list)
        quoted.append(goQuote(item));
    return u'[' + quoted.join(u' ') + u']';
}

QString goList(const QStringList &list)
{
    return u'[' + list.join(u' ') + u']';
}

QString nopCreatedBy(const QStringList &shell, const QString &comment, bool spaced)
{
    QStringList command = shell;
    if (spaced)
        command << QStringLiteral("#(nop) ") << comment;
    else
        command << QStringLiteral("#(nop) ") + comment;
    return command.join(u' ');
}

QString runCreatedBy(const QStringList &command, const QStringList &argsInForce)
{
    if (argsInForce.isEmpty())
        return command.join(u' ');
    return QStringLiteral("|%1 ").arg(argsInForce.size()) + argsInForce.join(u' ') + u' ' + command.join(u' ');
}

} // namespace muelle::engine::builder
