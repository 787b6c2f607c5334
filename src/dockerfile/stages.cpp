#include "dockerfile/stages.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace muelle::dockerfile {

namespace {

Diagnostic stageError(int line, QString message)
{
    return { line, std::move(message), Diagnostic::Kind::Stage };
}

// Each instruction's references to other stages or images.
QStringList references(const Instruction &instruction)
{
    QStringList found;
    if (const auto *copy = std::get_if<Copy>(&instruction.command); copy && !copy->from.isEmpty())
        found.append(copy->from);
    if (const auto *run = std::get_if<Run>(&instruction.command)) {
        for (const RunMount &mount : run->mounts) {
            if (!mount.from.isEmpty())
                found.append(mount.from);
        }
    }
    return found;
}

} // namespace

Parsed<Dockerfile> parseDockerfile(QStringView text, QStringView name)
{
    auto ast = parse(text, name);
    if (!ast)
        return std::unexpected(ast.error());
    Dockerfile dockerfile;
    dockerfile.escape = ast->escape;
    dockerfile.syntax = ast->syntax;
    dockerfile.warnings = ast->warnings;
    for (const Node &node : ast->nodes) {
        auto instruction = parseInstruction(node);
        if (!instruction)
            return std::unexpected(instruction.error());
        if (const auto *from = std::get_if<From>(&instruction->command)) {
            // A name used twice is not refused: dockerd 20.10's classic builder
            // builds it, a later reference meaning the latest stage so named.
            dockerfile.stages.append(Stage{ int(dockerfile.stages.size()), from->stageName, from->baseName,
                from->platform, node.startLine, {}, instruction->original });
            continue;
        }
        if (dockerfile.stages.isEmpty()) {
            if (const auto *arg = std::get_if<Arg>(&instruction->command)) {
                dockerfile.metaArgs.append(arg->args);
                continue;
            }
            return std::unexpected(stageError(node.startLine, u"no build stage in current context"_s));
        }
        dockerfile.stages.last().instructions.append(std::move(*instruction));
    }
    // ARGs and no FROM: nothing to build (dockerd 20.10 drops the connection).
    if (dockerfile.stages.isEmpty())
        return std::unexpected(stageError(ast->nodes.last().startLine, u"no build stage in current context"_s));
    return dockerfile;
}

Result<int> resolveStage(const Dockerfile &dockerfile, QStringView target)
{
    if (target.isEmpty() && !dockerfile.stages.isEmpty())
        return int(dockerfile.stages.size() - 1);
    for (const Stage &stage : dockerfile.stages) {
        if (!stage.name.isEmpty() && stage.name.compare(target, Qt::CaseInsensitive) == 0)
            return stage.index;
    }
    return fail(Code::InvalidArgument, u"failed to reach build target %1 in Dockerfile"_s.arg(target));
}

std::optional<int> stageReference(const Dockerfile &dockerfile, QStringView reference, int before)
{
    for (int i = std::min(before, int(dockerfile.stages.size())) - 1; i >= 0; --i) {
        const QString &name = dockerfile.stages[i].name;
        if (!name.isEmpty() && name.compare(reference, Qt::CaseInsensitive) == 0)
            return i;
    }
    bool isNumber = false;
    const int index = reference.toInt(&isNumber);
    if (isNumber && index >= 0 && index < before)
        return index;
    return std::nullopt;
}

QList<int> stageDependencies(const Dockerfile &dockerfile, int target)
{
    QSet<int> needed;
    QList<int> pending{ target };
    while (!pending.isEmpty()) {
        const int index = pending.takeLast();
        if (index < 0 || index >= dockerfile.stages.size() || needed.contains(index))
            continue;
        needed.insert(index);
        const Stage &stage = dockerfile.stages[index];
        const auto expandedBase = expandedBaseName(dockerfile, stage);
        QStringList refs{ expandedBase ? *expandedBase : stage.baseName };
        for (const Instruction &instruction : stage.instructions)
            refs += references(instruction);
        for (const QString &ref : refs) {
            if (auto other = stageReference(dockerfile, ref, index))
                pending.append(*other);
        }
    }
    QList<int> sorted(needed.begin(), needed.end());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

Result<QString> expandedBaseName(const Dockerfile &dockerfile, const Stage &stage, const Environment &buildArgs)
{
    const ShellLexer lexer(dockerfile.escape);
    Environment env;
    for (const ArgDeclaration &arg : dockerfile.metaArgs) {
        QString value;
        if (buildArgs.contains(arg.name)) {
            value = buildArgs.value(arg.name);
        } else if (arg.defaultValue) {
            auto expanded = lexer.word(*arg.defaultValue, env);
            if (!expanded)
                return fail(expanded.error());
            value = *expanded;
        }
        env.insert(arg.name, value);
    }
    return lexer.word(stage.baseName, env);
}

Summary summarize(QStringView text)
{
    Summary summary;
    auto dockerfile = parseDockerfile(text);
    if (!dockerfile) {
        summary.errors.append(dockerfile.error());
        return summary;
    }
    summary.warnings = dockerfile->warnings;
    for (const ArgDeclaration &arg : dockerfile->metaArgs)
        summary.args.append({ arg.name, arg.defaultValue, arg.line, -1 });
    for (const Stage &stage : dockerfile->stages) {
        Summary::StageInfo info{ stage.index, stage.name, stage.baseName, stage.platform, stage.line, {} };
        if (auto base = expandedBaseName(*dockerfile, stage))
            info.baseName = *base;
        else
            summary.errors.append(stageError(stage.line, base.error().message));
        info.dependsOn = stageDependencies(*dockerfile, stage.index);
        info.dependsOn.removeOne(stage.index);
        summary.stages.append(info);
        for (const Instruction &instruction : stage.instructions) {
            if (const auto *arg = std::get_if<Arg>(&instruction.command)) {
                for (const ArgDeclaration &declaration : arg->args)
                    summary.args.append({ declaration.name, declaration.defaultValue, declaration.line, stage.index });
            }
        }
    }
    return summary;
}

} // namespace muelle::dockerfile
