#include "dockerfile/lineparsers.h"

#include "dockerfile/words.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <optional>

using namespace Qt::StringLiterals;

namespace muelle::dockerfile::detail {

namespace {

using LineResult = std::expected<void, QString>;

bool isHorizontalSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\v' || c == u'\f' || c == u'\r';
}

// The JSON form: a whole JSON array of strings. nullopt when the text is no
// JSON array at all (then it is the shell form); an error when it is an array
// holding something else than strings, as Docker refuses it.
std::expected<std::optional<QStringList>, QString> parseJsonArray(QStringView text)
{
    qsizetype start = 0;
    while (start < text.size() && isSpace(text[start]))
        ++start;
    if (!text.mid(start).startsWith(u'['))
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.mid(start).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        return std::nullopt;
    QStringList strings;
    for (const QJsonValue &value : document.array()) {
        if (!value.isString())
            return std::unexpected(u"when using JSON array syntax, arrays must be comprised of strings only"_s);
        strings.append(value.toString());
    }
    return strings;
}

LineResult parseMaybeJson(Node &node, QStringView rest, bool wordsWhenShell)
{
    auto json = parseJsonArray(rest);
    if (!json)
        return std::unexpected(json.error());
    if (*json) {
        node.args = **json;
        node.json = true;
    } else if (wordsWhenShell) {
        node.args = splitWhitespace(rest);
    } else if (!rest.isEmpty()) {
        node.args = QStringList{ rest.toString() };
    }
    return {};
}

// ENV and LABEL: "key=value ..." or the legacy "key value with spaces".
LineResult parseNameValue(Node &node, QStringView rest, QChar escape, QStringView keyword)
{
    const QStringList words = splitQuotedWords(rest, escape);
    if (words.isEmpty())
        return {};
    if (!words.first().contains(u'=')) {
        qsizetype end = 0;
        while (end < rest.size() && !isHorizontalSpace(rest[end]))
            ++end;
        qsizetype valueStart = end;
        while (valueStart < rest.size() && isHorizontalSpace(rest[valueStart]))
            ++valueStart;
        if (end == rest.size())
            return std::unexpected(u"%1 must have two arguments"_s.arg(keyword));
        node.args = QStringList{ rest.left(end).toString(), rest.mid(valueStart).toString() };
        return {};
    }
    for (const QString &word : words) {
        const qsizetype equals = word.indexOf(u'=');
        if (equals < 0)
            return std::unexpected(
                u"Syntax error - can't find = in %1. Must be of the form: name=value"_s.arg(goQuote(word)));
        node.args.append(word.left(equals));
        node.args.append(word.mid(equals + 1));
    }
    return {};
}

LineResult parseHealthcheck(Node &node, QStringView rest)
{
    qsizetype end = 0;
    while (end < rest.size() && !isSpace(rest[end]))
        ++end;
    if (end == 0)
        return {};
    qsizetype next = end;
    while (next < rest.size() && isSpace(rest[next]))
        ++next;
    Node command;
    if (auto parsed = parseMaybeJson(command, rest.mid(next), false); !parsed)
        return parsed;
    node.args = QStringList{ rest.left(end).toString() } + command.args;
    node.json = command.json;
    return {};
}

LineResult shapeArguments(Node &node, QStringView rest, QChar escape)
{
    const QString &k = node.keyword;
    if (k == u"add" || k == u"copy" || k == u"volume")
        return parseMaybeJson(node, rest, true);
    if (k == u"run" || k == u"cmd" || k == u"entrypoint" || k == u"shell")
        return parseMaybeJson(node, rest, false);
    if (k == u"env")
        return parseNameValue(node, rest, escape, u"ENV");
    if (k == u"label")
        return parseNameValue(node, rest, escape, u"LABEL");
    if (k == u"arg") {
        node.args = splitQuotedWords(rest, escape);
        return {};
    }
    if (k == u"expose" || k == u"from") {
        node.args = splitWhitespace(rest);
        return {};
    }
    if (k == u"healthcheck")
        return parseHealthcheck(node, rest);
    if (k == u"maintainer" || k == u"stopsignal" || k == u"user" || k == u"workdir") {
        if (!rest.isEmpty())
            node.args = QStringList{ rest.toString() };
        return {};
    }
    if (k == u"onbuild") {
        if (rest.isEmpty())
            return {};
        auto child = nodeFromLine(rest, escape);
        if (!child)
            return std::unexpected(child.error());
        node.children.push_back(std::move(*child));
        return {};
    }
    return {}; // an unknown instruction: refused by the instruction layer, with its line
}

// The delimiter's text without its quotes and escapes, and whether any part
// of it was quoted (which turns expansion of the content off).
std::pair<QString, bool> unquoteDelimiter(QStringView text)
{
    QString name;
    bool quoted = false;
    QChar quote;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quote == u'\'') {
            if (c == u'\'')
                quote = QChar();
            else
                name += c;
        } else if (quote == u'"') {
            if (c == u'"')
                quote = QChar();
            else if (c == u'\\' && i + 1 < text.size()
                && (text[i + 1] == u'"' || text[i + 1] == u'$' || text[i + 1] == u'\\'))
                name += text[++i];
            else
                name += c;
        } else if (c == u'\'' || c == u'"') {
            quote = c;
            quoted = true;
        } else if (c == u'\\') {
            if (i + 1 < text.size())
                name += text[++i];
        } else {
            name += c;
        }
    }
    return { name, quoted };
}

} // namespace

std::optional<Heredoc> parseHeredocWord(QStringView word)
{
    static const QRegularExpression pattern(u"^(\\d*)<<(-?)([^<]*)$"_s);
    const auto match = pattern.match(word.toString());
    if (!match.hasMatch() || match.capturedView(3).isEmpty())
        return std::nullopt;
    const auto [name, quoted] = unquoteDelimiter(match.capturedView(3));
    if (name.isEmpty() || splitQuotedWords(match.capturedView(3), u'\\').size() != 1)
        return std::nullopt;
    Heredoc heredoc;
    heredoc.name = name;
    heredoc.expand = !quoted;
    heredoc.chomp = match.capturedView(2) == u"-";
    heredoc.fileDescriptor = match.capturedView(1).toInt();
    return heredoc;
}

QList<Heredoc> heredocsOpenedBy(const Node &node)
{
    const Node *instruction = &node;
    if (node.keyword == u"onbuild" && !node.children.empty())
        instruction = &node.children.front();
    const QString &k = instruction->keyword;
    if ((k != u"run" && k != u"copy" && k != u"add") || instruction->json)
        return {};
    QList<Heredoc> heredocs;
    for (const QString &word : splitQuotedWords(node.original, u'\\')) {
        if (auto heredoc = parseHeredocWord(word))
            heredocs.append(*heredoc);
    }
    return heredocs;
}

std::expected<Node, QString> nodeFromLine(QStringView line, QChar escape)
{
    const QStringView trimmed = line.trimmed();
    qsizetype end = 0;
    while (end < trimmed.size() && !isHorizontalSpace(trimmed[end]))
        ++end;
    Node node;
    node.keyword = trimmed.left(end).toString().toLower();
    node.original = line.toString();
    QString rest;
    if (end < trimmed.size()) {
        FlagsAndRest split = extractFlags(trimmed.mid(end));
        node.flags = std::move(split.flags);
        rest = split.rest.trimmed();
    }
    if (auto shaped = shapeArguments(node, rest, escape); !shaped)
        return std::unexpected(shaped.error());
    return node;
}

} // namespace muelle::dockerfile::detail
