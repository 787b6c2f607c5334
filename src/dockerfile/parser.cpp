#include "dockerfile/parser.h"

#include "dockerfile/lineparsers.h"
#include "dockerfile/words.h"

#include <QRegularExpression>

#include <optional>

using namespace Qt::StringLiterals;

namespace muelle::dockerfile {

namespace {

// Parser directives are only read until the first line that is not one.
class Directives {
public:
    // An error for a repeated directive or a bad escape character.
    std::optional<QString> read(QStringView line, Ast &ast)
    {
        if (done_)
            return std::nullopt;
        static const QRegularExpression directive(u"^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$"_s);
        const auto match = directive.match(line.toString());
        const QString key = match.captured(1).toLower();
        if (!match.hasMatch() || (key != u"escape" && key != u"syntax")) {
            done_ = true;
            return std::nullopt;
        }
        if (seen_.contains(key))
            return u"only one %1 parser directive can be used"_s.arg(key);
        seen_.append(key);
        const QString value = match.captured(2);
        if (key == u"syntax") {
            ast.syntax = value;
        } else if (value == u"\\" || value == u"`") {
            ast.escape = value.front();
        } else {
            return u"invalid escape token '%1' does not match ` or \\"_s.arg(value);
        }
        return std::nullopt;
    }

private:
    bool done_ = false;
    QStringList seen_;
};

QStringView trimLeft(QStringView text)
{
    qsizetype start = 0;
    while (start < text.size() && isSpace(text[start]))
        ++start;
    return text.mid(start);
}

QStringView trimNewline(QStringView text)
{
    while (text.endsWith(u'\n') || text.endsWith(u'\r'))
        text.chop(1);
    return text;
}

bool isComment(QStringView raw)
{
    return trimLeft(trimNewline(raw)).startsWith(u'#');
}

// The escape character followed only by spaces and tabs ends a line that
// continues on the next one; it is removed with them.
bool trimContinuation(QString &line, QChar escape)
{
    qsizetype end = line.size();
    while (end > 0 && (line[end - 1] == u' ' || line[end - 1] == u'\t'))
        --end;
    if (end == 0 || line[end - 1] != escape)
        return false;
    line.truncate(end - 1);
    return true;
}

class LineReader {
public:
    explicit LineReader(QStringView text)
    {
        if (text.startsWith(QChar(0xFEFF)))
            text = text.mid(1);
        lines_ = text.split(u'\n');
        if (!lines_.isEmpty() && lines_.last().isEmpty())
            lines_.removeLast(); // the file's final newline opens no line
    }
    bool atEnd() const { return next_ >= lines_.size(); }
    QStringView next() { return lines_[next_++]; }
    int lineNumber() const { return int(next_); } // of the line last read

private:
    QList<QStringView> lines_;
    qsizetype next_ = 0;
};

// A physical line as the parser sees it: without its newline, and without
// its text at all when it is a comment.
QString processLine(QStringView raw, bool stripLeft)
{
    QStringView token = trimNewline(raw);
    if (stripLeft)
        token = trimLeft(token);
    if (token.startsWith(u'#'))
        return {};
    return token.toString();
}

std::optional<Diagnostic> readHeredocs(Node &node, LineReader &reader)
{
    for (Heredoc heredoc : detail::heredocsOpenedBy(node)) {
        bool terminated = false;
        while (!reader.atEnd()) {
            const QStringView raw = reader.next();
            QStringView candidate = trimNewline(raw);
            if (heredoc.chomp) {
                while (candidate.startsWith(u'\t'))
                    candidate = candidate.mid(1);
            }
            if (candidate == heredoc.name) {
                terminated = true;
                break;
            }
            heredoc.content += raw;
            heredoc.content += u'\n';
        }
        if (!terminated)
            return Diagnostic{ node.startLine, u"unterminated heredoc"_s, Diagnostic::Kind::Syntax };
        node.heredocs.append(std::move(heredoc));
    }
    return std::nullopt;
}

} // namespace

Parsed<Ast> parse(QStringView text, QStringView name)
{
    if (text.isEmpty())
        return std::unexpected(
            Diagnostic{ 0, u"the Dockerfile (%1) cannot be empty"_s.arg(name), Diagnostic::Kind::File });
    Ast ast;
    Directives directives;
    LineReader reader(text);
    bool emptyContinuation = false;
    while (!reader.atEnd()) {
        const QStringView raw = reader.next();
        const int startLine = reader.lineNumber();
        if (auto error = directives.read(trimLeft(trimNewline(raw)), ast))
            return syntaxError(startLine, *error);
        QString line = processLine(raw, true);
        bool continues = trimContinuation(line, ast.escape);
        if (!continues && line.isEmpty())
            continue;
        bool hasEmptyContinuation = false;
        while (continues && !reader.atEnd()) {
            const QStringView next = reader.next();
            if (isComment(next))
                continue;
            QString continuation = processLine(next, false);
            if (trimLeft(continuation).isEmpty()) {
                hasEmptyContinuation = true;
                continue;
            }
            continues = trimContinuation(continuation, ast.escape);
            line += continuation;
        }
        if (hasEmptyContinuation) {
            ast.warnings.append(u"[WARNING]: Empty continuation line found in:\n    "_s + line);
            emptyContinuation = true;
        }
        auto node = detail::nodeFromLine(line, ast.escape);
        if (!node)
            return syntaxError(startLine, node.error());
        node->startLine = startLine;
        if (auto error = readHeredocs(*node, reader))
            return std::unexpected(*error);
        node->endLine = reader.lineNumber();
        for (Node &child : node->children) {
            child.startLine = node->startLine;
            child.endLine = node->endLine;
            child.heredocs = node->heredocs;
        }
        ast.nodes.append(std::move(*node));
    }
    if (emptyContinuation)
        ast.warnings.append(u"[WARNING]: Empty continuation lines will become errors in a future release."_s);
    if (ast.nodes.isEmpty())
        return syntaxError(reader.lineNumber(), u"file with no instructions"_s);
    return ast;
}

} // namespace muelle::dockerfile
