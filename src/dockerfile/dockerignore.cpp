#include "dockerfile/dockerignore.h"

using namespace Qt::StringLiterals;

namespace muelle::dockerfile {

namespace {

// What filepath.Match would refuse: an unterminated or empty class, a range
// starting with '-' or ']', a trailing '\'.
bool isValidGlob(QStringView pattern)
{
    qsizetype i = 0;
    const auto escapedChar = [&]() -> bool {
        if (i >= pattern.size() || pattern[i] == u'-' || pattern[i] == u']')
            return false;
        if (pattern[i] == u'\\' && ++i >= pattern.size())
            return false;
        ++i;
        return true;
    };
    while (i < pattern.size()) {
        const QChar c = pattern[i++];
        if (c == u'\\') {
            if (i >= pattern.size())
                return false;
            ++i;
        } else if (c == u'[') {
            if (i < pattern.size() && pattern[i] == u'^')
                ++i;
            bool first = true;
            while (true) {
                if (i < pattern.size() && pattern[i] == u']' && !first) {
                    ++i;
                    break;
                }
                if (!escapedChar())
                    return false;
                if (i < pattern.size() && pattern[i] == u'-') {
                    ++i;
                    if (!escapedChar())
                        return false;
                }
                first = false;
            }
        }
    }
    return true;
}

// `doubleStar`: "**" crosses directories (.dockerignore); without it
// "**" is two "*" (filepath.Match, COPY's wildcards).
QString toRegex(QStringView pattern, bool doubleStar = true)
{
    QString regex = u"^"_s;
    bool inClass = false;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (inClass) {
            if (c == u']')
                inClass = false;
            if (c == u'\\' && i + 1 < pattern.size())
                regex += QRegularExpression::escape(QString(pattern[++i]));
            else
                regex += c;
            continue;
        }
        if (doubleStar && c == u'*' && i + 1 < pattern.size() && pattern[i + 1] == u'*') {
            ++i;
            if (i + 1 < pattern.size() && pattern[i + 1] == u'/')
                ++i;
            // "**" at the end takes everything; elsewhere any number of directories.
            regex += i + 1 == pattern.size() ? u".*"_s : u"(.*/)?"_s;
        } else if (c == u'*') {
            regex += u"[^/]*"_s;
        } else if (c == u'?') {
            regex += u"[^/]"_s;
        } else if (c == u'[') {
            inClass = true;
            regex += c;
        } else if (c == u'\\') {
            if (i + 1 < pattern.size())
                regex += QRegularExpression::escape(QString(pattern[++i]));
            else
                regex += u"\\\\"_s;
        } else {
            regex += QRegularExpression::escape(QString(c));
        }
    }
    return regex + u'$';
}

QString parentDirectory(QStringView path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash < 0 ? u"."_s : cleanPath(path.left(slash + 1));
}

} // namespace

Result<QRegularExpression> globPattern(QStringView pattern)
{
    if (!isValidGlob(pattern))
        return fail(Code::InvalidArgument, u"syntax error in pattern"_s);
    return QRegularExpression(toRegex(pattern, false));
}

bool hasGlob(QStringView pattern)
{
    for (const QChar c : pattern) {
        if (c == u'*' || c == u'?' || c == u'[' || c == u'\\')
            return true;
    }
    return false;
}

QString cleanPath(QStringView path)
{
    if (path.isEmpty())
        return u"."_s;
    const bool rooted = path.startsWith(u'/');
    QStringList parts;
    for (const QStringView part : path.split(u'/')) {
        if (part.isEmpty() || part == u".")
            continue;
        if (part == u"..") {
            if (!parts.isEmpty() && parts.last() != u"..")
                parts.removeLast();
            else if (!rooted)
                parts.append(u".."_s);
            continue;
        }
        parts.append(part.toString());
    }
    const QString joined = parts.join(u'/');
    if (rooted)
        return u"/"_s + joined;
    return joined.isEmpty() ? u"."_s : joined;
}

QStringList readDockerignore(QStringView content)
{
    if (content.startsWith(QChar(0xFEFF)))
        content = content.mid(1);
    QStringList patterns;
    for (QStringView line : content.split(u'\n')) {
        if (line.startsWith(u'#'))
            continue;
        QString pattern = line.trimmed().toString();
        if (pattern.isEmpty())
            continue;
        const bool invert = pattern.startsWith(u'!');
        if (invert)
            pattern = pattern.mid(1).trimmed();
        if (!pattern.isEmpty()) {
            pattern = cleanPath(pattern);
            if (pattern.size() > 1 && pattern.startsWith(u'/'))
                pattern = pattern.mid(1);
        }
        patterns.append(invert ? u"!"_s + pattern : pattern);
    }
    return patterns;
}

Result<IgnoreMatcher> IgnoreMatcher::create(const QStringList &patterns)
{
    IgnoreMatcher matcher;
    for (const QString &raw : patterns) {
        QString text = raw.trimmed();
        if (text.isEmpty())
            continue;
        text = cleanPath(text);
        Pattern pattern;
        if (text.startsWith(u'!')) {
            if (text.size() == 1)
                return fail(Code::InvalidArgument, u"illegal exclusion pattern: \"!\""_s);
            pattern.exclusion = true;
            matcher.exclusions_ = true;
            text = text.mid(1);
        }
        if (!isValidGlob(text))
            return fail(Code::InvalidArgument, u"syntax error in pattern"_s);
        pattern.text = text;
        pattern.regex = QRegularExpression(toRegex(text));
        matcher.patterns_.append(pattern);
    }
    return matcher;
}

bool IgnoreMatcher::matches(QStringView path) const
{
    const QString file = cleanPath(path);
    if (file == u".")
        return false; // the context itself is always sent
    const QString parent = parentDirectory(file);
    const QStringList parentDirs = parent == u"." ? QStringList() : parent.split(u'/');
    bool matched = false;
    for (const Pattern &pattern : patterns_) {
        if (pattern.exclusion != matched)
            continue; // cannot change the outcome
        bool match = pattern.regex.match(file).hasMatch();
        for (qsizetype depth = 1; !match && depth <= parentDirs.size(); ++depth)
            match = pattern.regex.match(parentDirs.first(depth).join(u'/')).hasMatch();
        if (match)
            matched = !pattern.exclusion;
    }
    return matched;
}

} // namespace muelle::dockerfile
