#include "dockerfile/diagnostic.h"

using namespace Qt::StringLiterals;

namespace muelle::dockerfile {

QString Diagnostic::text() const
{
    switch (kind) {
    case Kind::Instruction:
        return u"dockerfile parse error line %1: %2"_s.arg(line).arg(message);
    case Kind::Syntax:
        return u"failed to parse Dockerfile: "_s + message;
    case Kind::Stage:
    case Kind::File:
        break;
    }
    return message;
}

Error Diagnostic::toError() const
{
    return { Code::InvalidArgument, text() };
}

QString goQuote(QStringView text)
{
    QString quoted = u"\""_s;
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'"':
            quoted += u"\\\""_s;
            break;
        case u'\\':
            quoted += u"\\\\"_s;
            break;
        case u'\n':
            quoted += u"\\n"_s;
            break;
        case u'\t':
            quoted += u"\\t"_s;
            break;
        case u'\r':
            quoted += u"\\r"_s;
            break;
        default:
            quoted += c;
        }
    }
    return quoted + u'"';
}

} // namespace muelle::dockerfile
