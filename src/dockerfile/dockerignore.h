#pragma once
// .dockerignore as Docker reads it (builder/dockerignore and the pattern
// matcher of moby/patternmatcher): one pattern per line, '#' lines are
// comments, a leading '!' makes an exception, the last matching pattern wins,
// "/x" and "./x" mean "x", Go filepath.Match wildcards (*, ?, [a-z], \x) plus
// "**" for any number of directories, and a pattern that matches a directory
// matches everything below it (patternmatcher's MatchesOrParentMatches, what
// BuildKit and Docker 23+ use: it holds for a path tested without walking).

#include "base/error.h"

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace muelle::dockerfile {

// The patterns of a .dockerignore file, cleaned as Docker cleans them
// ("./a/../b/" -> "b", "/c" -> "c", "!  d" -> "!d").
QStringList readDockerignore(QStringView content);

// Go's path.Clean: "a//b/./c/.." -> "a/b", "" -> ".".
QString cleanPath(QStringView path);

// Go's filepath.Match pattern as an anchored regular expression over a
// whole '/'-separated path ('*' and '?' never cross a '/'); InvalidArgument
// "syntax error in pattern" for one Go refuses. COPY's wildcards.
Result<QRegularExpression> globPattern(QStringView pattern);
// Whether the pattern has a wildcard ("*", "?", "[", "\\"), as Docker asks.
bool hasGlob(QStringView pattern);

class IgnoreMatcher {
public:
    // InvalidArgument for a lone "!" (`illegal exclusion pattern: "!"`) and for
    // a pattern filepath.Match refuses ("syntax error in pattern").
    static Result<IgnoreMatcher> create(const QStringList &patterns);

    // `path` is relative to the context, with '/' separators.
    bool matches(QStringView path) const;
    // True when some pattern starts with '!': a directory that matches may
    // still hold files that do not, so it must be walked.
    bool hasExclusions() const { return exclusions_; }

private:
    struct Pattern {
        QString text;
        bool exclusion = false;
        QRegularExpression regex;
    };
    QList<Pattern> patterns_;
    bool exclusions_ = false;
};

} // namespace muelle::dockerfile
