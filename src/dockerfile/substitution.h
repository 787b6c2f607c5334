#pragma once
// Variable substitution with the shell-word rules of Docker 20.10's builder
// (BuildKit's frontend/dockerfile/shell): $VAR, ${VAR}, ${VAR:-word},
// ${VAR:+word}; '...' keeps everything literal, "..." expands $ and lets the
// escape character escape only ", $ and itself; elsewhere the escape character
// keeps the next character literal. ${VAR-word} and other modifiers are
// refused, as that builder refuses them.
//
// Which instructions substitute: ADD COPY ENV EXPOSE FROM LABEL STOPSIGNAL USER
// VOLUME WORKDIR ARG, and ONBUILD's trigger when it is one of these (when the
// trigger runs). RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK and MAINTAINER do
// not: their text goes to the shell, or stays as written.

#include "base/error.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace muelle::dockerfile {

using Environment = QHash<QString, QString>; // an unset name expands to ""

class ShellLexer {
public:
    explicit ShellLexer(QChar escape = u'\\') : escape_(escape) { }

    // One word: quotes removed, variables expanded, spaces kept. Errors are
    // InvalidArgument in Docker's words: `failed to process "${a": syntax
    // error: missing '}'`.
    Result<QString> word(QStringView text, const Environment &env) const;
    // The same, then split on unquoted whitespace (after expansion, as a shell
    // does: "$A" stays one word, $A may become several).
    Result<QStringList> words(QStringView text, const Environment &env) const;

private:
    QChar escape_;
};

// True for the instructions (keyword in lowercase) whose arguments are
// substituted before they take effect.
bool substitutesVariables(QStringView keyword);

} // namespace muelle::dockerfile
