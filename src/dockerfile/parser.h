#pragma once
// The line-level syntax of a Dockerfile, as BuildKit's frontend/dockerfile/parser
// reads it: parser directives (# syntax=, # escape=) on the first lines,
// comments, line continuations with the escape character (comment lines inside
// a continuation are dropped), instruction keywords in any case, leading
// --flags, JSON (exec) or shell form, and heredocs (RUN/COPY/ADD <<EOF).
// Nothing is expanded here and instructions are not checked: see
// instructions.h.

#include "dockerfile/diagnostic.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace muelle::dockerfile {

struct Heredoc {
    QString name; // the delimiter, quotes removed: "EOF"
    QString content; // every line up to the delimiter, each ending in "\n"
    bool expand = true; // false when the delimiter was quoted (<<"EOF", <<'EOF')
    bool chomp = false; // <<-EOF: leading tabs are stripped from the content
    int fileDescriptor = 0; // 3<<EOF; 0 when none was written
};

struct Node {
    QString keyword; // lowercase: "run"; an unknown one is kept as written, lowercased
    QStringList flags; // "--mount=type=cache,target=/root", quotes removed
    // The arguments as the keyword's line parser cuts them: one string for the
    // shell form of RUN/CMD/ENTRYPOINT/SHELL, the array for the JSON form,
    // words for the others; ENV and LABEL alternate keys and values.
    QStringList args;
    bool json = false; // the arguments were a JSON array of strings
    QString original; // the whole logical line, continuations joined
    int startLine = 0; // 1-based, first and last physical line (heredocs included)
    int endLine = 0;
    QList<Heredoc> heredocs;
    std::vector<Node> children; // ONBUILD's trigger instruction
};

struct Ast {
    QList<Node> nodes;
    QChar escape = u'\\';
    QString syntax; // the # syntax= directive, empty when absent
    QStringList warnings; // Docker's "[WARNING]: Empty continuation line found in: ..."
};

// `name` only appears in the message for an empty file ("the Dockerfile
// (Dockerfile) cannot be empty"). A file with comments only is "file with no
// instructions".
Parsed<Ast> parse(QStringView text, QStringView name = u"Dockerfile");

} // namespace muelle::dockerfile
