#pragma once
// How BuildKit's line parsers cut an instruction's text into words, before
// any variable is expanded. Quotes and escapes are kept in the words: they are
// removed later, by the substitution that each instruction applies.

#include <QString>
#include <QStringList>

namespace muelle::dockerfile {

// Splits on runs of spaces, tabs, \v, \f and \r; quotes mean nothing here.
// An empty text gives no words.
QStringList splitWhitespace(QStringView text);

// Words separated by whitespace, where '...' and "..." may hold spaces and the
// escape character keeps the next one literal. Quotes and escapes stay in.
QStringList splitQuotedWords(QStringView text, QChar escape);

struct FlagsAndRest {
    QStringList flags; // "--from=build", "--link": quotes removed
    QString rest; // what follows the last flag
};

// The leading "--name[=value]" words of an instruction's arguments. A lone
// "--" ends them.
FlagsAndRest extractFlags(QStringView arguments);

// Go's unicode.IsSpace for the characters a Dockerfile holds.
bool isSpace(QChar c);

} // namespace muelle::dockerfile
