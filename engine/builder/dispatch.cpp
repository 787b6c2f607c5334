#include "engine/builder/configchange.h"
#include "engine/builder/createdby.h"
#include "engine/builder/stage.h"

#include <QJsonArray>

// The instructions that change the image config only, and the dispatch of
// every instruction to its step.

namespace muelle::engine::builder {

using namespace dockerfile;

const QStringList &builtinArgs()
{
    static const QStringList args{ QStringLiteral("HTTP_PROXY"), QStringLiteral("http_proxy"),
        QStringLiteral("HTTPS_PROXY"), QStringLiteral("https_proxy"), QStringLiteral("FTP_PROXY"),
        QStringLiteral("ftp_proxy"), QStringLiteral("NO_PROXY"), QStringLiteral("no_proxy"),
        QStringLiteral("ALL_PROXY"), QStringLiteral("all_proxy") };
    return args;
}

Instruction labelInstruction(const QMap<QString, QString> &labels)
{
    Label label;
    QString original = QStringLiteral("LABEL");
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        label.labels.append({ it.key(), it.value() });
        original += u' ' + it.key() + u'=' + it.value();
    }
    return Instruction{ label, QStringLiteral("label"), original, 0, 0 };
}

void Build::dispatch(const Instruction &instruction)
{
    Stage &stage = *stage_;
    if (std::holds_alternative<Run>(instruction.command))
        return runStep(instruction);
    if (std::holds_alternative<Copy>(instruction.command))
        return copyStep(instruction);
    if (std::holds_alternative<From>(instruction.command))
        return failed({ Code::Internal, QStringLiteral("FROM inside a stage") });
    if (const auto *workdir = std::get_if<Workdir>(&instruction.command))
        return workdirStep(workingDirOf(stage.config, workdir->path));
    if (const auto *arg = std::get_if<Arg>(&instruction.command)) {
        QString comment = QStringLiteral("ARG");
        for (const ArgDeclaration &declaration : arg->args) {
            std::optional<QString> value = declaration.defaultValue;
            if (!value) {
                for (const ArgDeclaration &meta : context_->dockerfile.metaArgs) {
                    if (meta.name == declaration.name)
                        value = meta.defaultValue;
                }
            }
            if (const auto given = options_.buildArgs.find(declaration.name); given != options_.buildArgs.end()) {
                usedArgs_.insert(declaration.name);
                if (given.value())
                    value = given.value();
            }
            stage.args.insert(declaration.name, value);
            comment
                += u' ' + declaration.name + (declaration.defaultValue ? u'=' + *declaration.defaultValue : QString());
        }
        return metadataStep(comment, true, [](oci::ImageConfig &) {});
    }
    auto change = configChange(instruction, stage.shell, stage.cmdSet);
    if (!change)
        return failed(change.error());
    if (!*change)
        return failed({ Code::Internal, QStringLiteral("no step for %1").arg(instruction.keyword) });
    if (std::holds_alternative<Cmd>(instruction.command))
        stage.cmdSet = true;
    metadataStep((*change)->comment, (*change)->spaced, (*change)->apply);
}

} // namespace muelle::engine::builder
