#pragma once
// Typed Dockerfile instructions and stages, checked as Docker checks them when
// it reads a Dockerfile (BuildKit's frontend/dockerfile/instructions, which
// dockerd 20.10's classic builder uses too). Arguments are kept as written:
// variables are substituted when the build reaches the instruction, with the
// environment in force there (expansion.h); FROM lines with the ARGs declared
// before the first FROM (stages.h).

#include "dockerfile/diagnostic.h"
#include "dockerfile/parser.h"
#include "dockerfile/runmount.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>
#include <variant>

namespace muelle::dockerfile {

struct KeyValue {
    QString key;
    QString value;
    friend bool operator==(const KeyValue &, const KeyValue &) = default;
};

// A file written inline with a heredoc: `RUN <<EOF`, `COPY <<EOF /dest`.
struct InlineFile {
    QString name; // the delimiter
    QString content; // leading tabs already stripped for <<-
    bool expand = true; // variables in the content are expanded (unquoted delimiter)
};

// RUN, CMD and ENTRYPOINT: an argv (JSON form) or one shell string (shell
// form, run as SHELL + [string]).
struct CommandLine {
    QStringList args;
    bool shellForm = true;
    QList<InlineFile> files;
};

struct From {
    QString baseName; // as written: "alpine:${VERSION}", "scratch", a stage name
    QString stageName; // lowercase; empty without AS
    QString platform; // --platform, as written
};
struct Run {
    CommandLine command;
    QString network = QStringLiteral("default"); // default, none or host
    QList<RunMount> mounts;
};
struct Cmd {
    CommandLine command;
};
struct Entrypoint {
    CommandLine command;
};
struct Shell {
    QStringList shell;
};
struct Env {
    QList<KeyValue> variables;
};
struct Label {
    QList<KeyValue> labels;
};
struct Expose {
    QStringList ports; // "80", "53/udp", "8000-8010/tcp", sorted as Docker sorts them
};
// COPY and ADD.
struct Copy {
    bool add = false;
    QStringList sources; // paths, globs, URLs (ADD)
    QList<InlineFile> inlineSources;
    QString destination;
    QString from; // COPY --from: a stage name, a stage index or an image
    QString chown;
    QString chmod;
    QString checksum; // ADD --checksum
    bool link = false;
};
struct Volume {
    QStringList paths;
};
struct User {
    QString user;
};
struct Workdir {
    QString path;
};
struct ArgDeclaration {
    QString name;
    std::optional<QString> defaultValue;
    int line = 0; // where it is declared; not part of equality
    friend bool operator==(const ArgDeclaration &a, const ArgDeclaration &b)
    {
        return a.name == b.name && a.defaultValue == b.defaultValue;
    }
};
struct Arg {
    QList<ArgDeclaration> args;
};
struct Onbuild {
    QString expression; // the trigger as written: "RUN make"
    QString triggerKeyword; // "run"
};
struct StopSignal {
    QString signal;
};
struct Healthcheck {
    // ["NONE"], ["CMD", args...] (JSON form) or ["CMD-SHELL", "command"].
    QStringList test;
    std::chrono::nanoseconds interval{ 0 }; // 0: not set
    std::chrono::nanoseconds timeout{ 0 };
    std::chrono::nanoseconds startPeriod{ 0 };
    int retries = 0; // 0: not set
};
struct Maintainer {
    QString name;
};

using Command = std::variant<From, Run, Cmd, Entrypoint, Shell, Env, Label, Expose, Copy, Volume, User, Workdir, Arg,
    Onbuild, StopSignal, Healthcheck, Maintainer>;

struct Instruction {
    Command command;
    QString keyword; // lowercase
    QString original; // the logical line as written
    int startLine = 0;
    int endLine = 0;
};

// One instruction from its node, or Docker's message for what is wrong with
// it (kind Instruction, at the node's first line): "unknown instruction:
// FORM", "FROM requires either one or three arguments", ...
Parsed<Instruction> parseInstruction(const Node &node);

} // namespace muelle::dockerfile
