#pragma once
// A Dockerfile problem at a line, in Docker's words. Parsing stops at the first
// one, as Docker's does; the line lets the build wizard point at it.

#include "base/error.h"

#include <QString>

#include <expected>

namespace muelle::dockerfile {

struct Diagnostic {
    // Where dockerd 20.10 finds the problem, which decides its prefix: the
    // line-level syntax ("failed to parse Dockerfile: "), an instruction
    // ("dockerfile parse error line N: "), the stage list or the file itself
    // (an empty one; neither has a prefix). tests/peers/dockerfile_errors.sh
    // checks them against a real dockerd.
    enum class Kind { Syntax, Instruction, Stage, File };

    int line = 0; // 1-based; 0 when the problem is the whole file
    QString message; // Docker's own words, without the line prefix
    Kind kind = Kind::Syntax;

    // What dockerd 20.10's classic builder answers for it.
    QString text() const;
    // InvalidArgument with text() as its message.
    Error toError() const;
};

template <typename T> using Parsed = std::expected<T, Diagnostic>;

inline std::unexpected<Diagnostic> syntaxError(int line, QString message)
{
    return std::unexpected(Diagnostic{ line, std::move(message), Diagnostic::Kind::Syntax });
}

inline std::unexpected<Diagnostic> instructionError(int line, QString message)
{
    return std::unexpected(Diagnostic{ line, std::move(message), Diagnostic::Kind::Instruction });
}

// A string as Go's %q prints it ("a\"b"), so that messages quote as Docker's do.
QString goQuote(QStringView text);

} // namespace muelle::dockerfile
