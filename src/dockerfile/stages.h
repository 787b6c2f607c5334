#pragma once
// A whole Dockerfile as build stages: the ARGs declared before the first FROM
// (usable in FROM lines), then one Stage per FROM with its instructions.
// Also what a build needs to plan (the stage a --target names, the stages it
// depends on) and the summary the desktop wizard checks as one types.

#include "dockerfile/instructions.h"
#include "dockerfile/substitution.h"

#include <QList>
#include <QSet>
#include <QString>

namespace muelle::dockerfile {

struct Stage {
    int index = 0;
    QString name; // lowercase; empty when the FROM has no AS
    QString baseName; // as written
    QString platform; // --platform, as written
    int line = 0; // the FROM's line
    QList<Instruction> instructions; // after the FROM
    QString original; // the FROM line as written
};

struct Dockerfile {
    QList<ArgDeclaration> metaArgs; // before the first FROM
    QList<Stage> stages;
    QChar escape = u'\\';
    QString syntax;
    QStringList warnings;
};

// Parses and checks every instruction. The first problem stops it, as in
// Docker: "dockerfile parse error line 3: unknown instruction: FORM", "no build
// stage in current context" (an instruction before any FROM). A stage name
// used twice is accepted, as dockerd 20.10's classic builder does.
Parsed<Dockerfile> parseDockerfile(QStringView text, QStringView name = u"Dockerfile");

// The stage `target` names (case-insensitively), or the last stage when it is
// empty. InvalidArgument "failed to reach build target <t> in Dockerfile".
Result<int> resolveStage(const Dockerfile &dockerfile, QStringView target);

// The stage a FROM base name or a --from value refers to, among the stages
// before `before`: a name, or an index ("0"). nullopt: it is an image.
std::optional<int> stageReference(const Dockerfile &dockerfile, QStringView reference, int before);

// The stages `target` needs, itself included (FROM <stage>, COPY --from,
// RUN --mount from=), in index order.
QList<int> stageDependencies(const Dockerfile &dockerfile, int target);

// A stage's base name with the meta ARGs substituted (their defaults, then
// `buildArgs` for the ones declared): what FROM pulls or builds on.
Result<QString> expandedBaseName(const Dockerfile &dockerfile, const Stage &stage, const Environment &buildArgs = {});

// What the build wizard shows: stages, ARGs with their defaults and where
// they are declared, and the first error with its line.
struct Summary {
    struct StageInfo {
        int index = 0;
        QString name;
        QString baseName; // meta ARGs substituted when they can be
        QString platform;
        int line = 0;
        QList<int> dependsOn; // other stages this one needs
    };
    struct ArgInfo {
        QString name;
        std::optional<QString> defaultValue;
        int line = 0;
        int stage = -1; // -1: before the first FROM
    };
    QList<StageInfo> stages;
    QList<ArgInfo> args;
    QList<Diagnostic> errors;
    QStringList warnings;
};

Summary summarize(QStringView text);

} // namespace muelle::dockerfile
