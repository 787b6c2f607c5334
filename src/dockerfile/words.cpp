#include "dockerfile/words.h"

using namespace Qt::StringLiterals;

namespace muelle::dockerfile {

bool isSpace(QChar c)
{
    return c.isSpace(); // like Go's: ASCII spaces, U+0085, U+00A0 and the Unicode separators
}

QStringList splitWhitespace(QStringView text)
{
    QStringList words;
    if (text.isEmpty())
        return words;
    QString word;
    bool inSeparator = false;
    for (const QChar c : text) {
        const bool separator = c == u' ' || c == u'\t' || c == u'\v' || c == u'\f' || c == u'\r';
        if (separator && !inSeparator) {
            words.append(word);
            word.clear();
        }
        inSeparator = separator;
        if (!separator)
            word += c;
    }
    words.append(word);
    return words;
}

QStringList splitQuotedWords(QStringView text, QChar escape)
{
    QStringList words;
    QString word;
    QChar quote;
    bool inWord = false;
    bool blankOk = false; // "" is a word of its own
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const bool last = i + 1 == text.size();
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            } else if (c == escape && quote != u'\'') {
                if (last)
                    continue;
                word += c;
                word += text[++i];
                continue;
            }
            word += c;
            continue;
        }
        if (isSpace(c)) {
            if (inWord && (blankOk || !word.isEmpty()))
                words.append(word);
            word.clear();
            inWord = blankOk = false;
            continue;
        }
        inWord = true;
        if (c == u'\'' || c == u'"') {
            quote = c;
            blankOk = true;
        } else if (c == escape) {
            if (last)
                continue;
            word += c;
            word += text[++i];
            continue;
        }
        word += c;
    }
    if (inWord && (blankOk || !word.isEmpty()))
        words.append(word);
    return words;
}

FlagsAndRest extractFlags(QStringView arguments)
{
    FlagsAndRest result;
    qsizetype i = 0;
    const qsizetype size = arguments.size();
    while (i < size) {
        while (i < size && isSpace(arguments[i]))
            ++i;
        if (i >= size)
            break;
        if (!arguments.mid(i).startsWith(u"--")) {
            result.rest = arguments.mid(i).toString();
            return result;
        }
        QString word;
        QChar quote;
        bool blankOk = false;
        for (; i < size; ++i) {
            QChar c = arguments[i];
            if (quote.isNull() && isSpace(c))
                break;
            if (!quote.isNull() && c == quote) {
                quote = QChar();
                continue;
            }
            if (quote.isNull() && (c == u'\'' || c == u'"')) {
                quote = c;
                blankOk = true;
                continue;
            }
            if (c == u'\\') {
                if (i + 1 == size)
                    continue;
                c = arguments[++i];
            }
            word += c;
        }
        if (word == u"--") {
            result.rest = arguments.mid(i).trimmed().toString();
            return result;
        }
        if (blankOk || !word.isEmpty())
            result.flags.append(word);
    }
    return result;
}

} // namespace muelle::dockerfile
