#pragma once
// Internal to the parser: one logical line -> a Node, and the heredoc
// delimiters that line opens. Each keyword shapes its arguments its own way,
// as BuildKit's dispatch table does.

#include "dockerfile/parser.h"

namespace muelle::dockerfile::detail {

// The keyword, flags and arguments of `line`; errors are the line parsers'
// ("ENV must have two arguments", "when using JSON array syntax, ...").
std::expected<Node, QString> nodeFromLine(QStringView line, QChar escape);

// The heredocs `node` opens ("RUN <<EOF cat <<-'END'"), in order; none when its
// instruction cannot take one (only RUN, COPY, ADD and ONBUILD of those, in
// shell form).
QList<Heredoc> heredocsOpenedBy(const Node &node);

// "<<EOF", "<<-'EOF'", "3<<EOF" as a Heredoc without content; nullopt when
// `word` is not one.
std::optional<Heredoc> parseHeredocWord(QStringView word);

} // namespace muelle::dockerfile::detail
