#include "dockerfile/substitution.h"

#include "dockerfile/diagnostic.h"
#include "dockerfile/words.h"

using namespace Qt::StringLiterals;

namespace muelle::dockerfile {

namespace {

// Collects the expansion as one string and, at the same time, as words:
// characters from quotes and escapes never split a word.
class Output {
public:
    void literal(QChar c)
    {
        text_ += c;
        word_ += c;
        inWord_ = true;
    }
    void literal(const QString &s)
    {
        text_ += s;
        word_ += s;
        inWord_ = true;
    }
    void splittable(QChar c)
    {
        text_ += c;
        if (!isSpace(c)) {
            word_ += c;
            inWord_ = true;
        } else if (inWord_ && !word_.isEmpty()) {
            words_.append(word_);
            word_.clear();
            inWord_ = false;
        }
    }
    void splittable(const QString &s)
    {
        for (const QChar c : s)
            splittable(c);
    }
    const QString &text() const { return text_; }
    QStringList words()
    {
        if (!word_.isEmpty())
            words_.append(word_);
        word_.clear();
        return words_;
    }

private:
    QString text_;
    QString word_;
    QStringList words_;
    bool inWord_ = false;
};

class Scanner {
public:
    Scanner(QStringView text, QChar escape, const Environment &env) : text_(text), escape_(escape), env_(env) { }

    // Up to the end, or up to `stop` (consumed) when it is not null.
    std::expected<void, QString> process(Output &out, QChar stop = QChar())
    {
        while (!atEnd()) {
            const QChar c = peek();
            if (!stop.isNull() && c == stop) {
                ++pos_;
                return {};
            }
            if (c == u'\'') {
                auto quoted = singleQuoted();
                if (!quoted)
                    return std::unexpected(quoted.error());
                out.literal(*quoted);
            } else if (c == u'"') {
                auto quoted = doubleQuoted();
                if (!quoted)
                    return std::unexpected(quoted.error());
                out.literal(*quoted);
            } else if (c == u'$') {
                auto value = dollar();
                if (!value)
                    return std::unexpected(value.error());
                out.splittable(*value);
            } else {
                ++pos_;
                if (c == escape_) {
                    if (atEnd())
                        break;
                    out.literal(text_[pos_++]);
                } else {
                    out.splittable(c);
                }
            }
        }
        if (!stop.isNull())
            return std::unexpected(u"unexpected end of statement while looking for matching %1"_s.arg(stop));
        return {};
    }

private:
    bool atEnd() const { return pos_ >= text_.size(); }
    QChar peek() const { return atEnd() ? QChar() : text_[pos_]; }

    std::expected<QString, QString> singleQuoted()
    {
        ++pos_;
        QString result;
        while (!atEnd()) {
            const QChar c = text_[pos_++];
            if (c == u'\'')
                return result;
            result += c;
        }
        return std::unexpected(u"unexpected end of statement while looking for matching single-quote"_s);
    }

    std::expected<QString, QString> doubleQuoted()
    {
        ++pos_;
        QString result;
        while (!atEnd()) {
            const QChar c = peek();
            if (c == u'"') {
                ++pos_;
                return result;
            }
            if (c == u'$') {
                auto value = dollar();
                if (!value)
                    return value;
                result += *value;
                continue;
            }
            ++pos_;
            if (c == escape_) {
                if (atEnd())
                    continue;
                if (peek() == u'"' || peek() == u'$' || peek() == escape_) {
                    result += text_[pos_++];
                    continue;
                }
            }
            result += c;
        }
        return std::unexpected(u"unexpected end of statement while looking for matching double-quote"_s);
    }

    // A name: letters, digits and '_'; a leading digit is a name on its own ($1).
    QString name()
    {
        QString result;
        while (!atEnd()) {
            const QChar c = peek();
            if (result.isEmpty() && c.isDigit()) {
                ++pos_;
                return QString(c);
            }
            if (!c.isLetter() && !c.isDigit() && c != u'_')
                break;
            result += c;
            ++pos_;
        }
        return result;
    }

    std::expected<QString, QString> dollar()
    {
        ++pos_;
        if (peek() != u'{') {
            const QString variable = name();
            if (variable.isEmpty())
                return u"$"_s;
            return env_.value(variable);
        }
        ++pos_;
        if (atEnd())
            return std::unexpected(u"syntax error: missing '}'"_s);
        if (peek() == u'{' || peek() == u'}' || peek() == u':')
            return std::unexpected(u"syntax error: bad substitution"_s);
        const QString variable = name();
        if (atEnd())
            return std::unexpected(u"missing ':' in substitution"_s);
        const QChar next = text_[pos_++];
        if (next == u'}')
            return env_.value(variable);
        if (next != u':')
            return std::unexpected(u"missing ':' in substitution"_s);
        const QChar modifier = atEnd() ? QChar() : text_[pos_++];
        Output word;
        if (auto processed = process(word, u'}'); !processed) {
            if (atEnd())
                return std::unexpected(u"syntax error: missing '}'"_s);
            return std::unexpected(processed.error());
        }
        const QString value = env_.value(variable);
        if (modifier == u'+')
            return value.isEmpty() ? value : word.text();
        if (modifier == u'-')
            return value.isEmpty() ? word.text() : value;
        return std::unexpected(u"unsupported modifier (%1) in substitution"_s.arg(modifier));
    }

    QStringView text_;
    qsizetype pos_ = 0;
    QChar escape_;
    const Environment &env_;
};

} // namespace

Result<QString> ShellLexer::word(QStringView text, const Environment &env) const
{
    Output out;
    Scanner scanner(text, escape_, env);
    if (auto processed = scanner.process(out); !processed)
        return fail(Code::InvalidArgument, u"failed to process %1: %2"_s.arg(goQuote(text), processed.error()));
    return out.text();
}

Result<QStringList> ShellLexer::words(QStringView text, const Environment &env) const
{
    Output out;
    Scanner scanner(text, escape_, env);
    if (auto processed = scanner.process(out); !processed)
        return fail(Code::InvalidArgument, u"failed to process %1: %2"_s.arg(goQuote(text), processed.error()));
    return out.words();
}

bool substitutesVariables(QStringView keyword)
{
    static const QStringList substituting{ u"add"_s, u"arg"_s, u"copy"_s, u"env"_s, u"expose"_s, u"from"_s, u"label"_s,
        u"stopsignal"_s, u"user"_s, u"volume"_s, u"workdir"_s };
    return substituting.contains(keyword.toString().toLower());
}

} // namespace muelle::dockerfile
