#include "dockerfile/expansion.h"
#include "engine/build/createdby.h"
#include "engine/build/stage.h"

#include <QJsonArray>

// The instructions that change the image config only, and the dispatch of
// every instruction to its step.

namespace muelle::engine::build {

using namespace dockerfile;

QStringList shellOf(const oci::ImageConfig &config)
{
    QStringList shell;
    for (const QJsonValue &part : config.raw.value(u"config").toObject().value(u"Shell").toArray())
        shell.append(part.toString());
    return shell.isEmpty() ? QStringList{ QStringLiteral("/bin/sh"), QStringLiteral("-c") } : shell;
}

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

QString goDuration(std::chrono::nanoseconds duration)
{
    qint64 ns = duration.count();
    if (ns == 0)
        return QStringLiteral("0s");
    const QString sign = ns < 0 ? QStringLiteral("-") : QString();
    ns = std::abs(ns);
    const auto fraction = [](qint64 value, qint64 unit) {
        QString text = QString::number(value / unit);
        if (const qint64 rest = value % unit) {
            QString digits = QString::number(rest).rightJustified(QString::number(unit).size() - 1, u'0');
            while (digits.endsWith(u'0'))
                digits.chop(1);
            text += u'.' + digits;
        }
        return text;
    };
    if (ns < 1000)
        return sign + QString::number(ns) + QStringLiteral("ns");
    if (ns < 1000000)
        return sign + fraction(ns, 1000) + QStringLiteral("µs");
    if (ns < 1000000000)
        return sign + fraction(ns, 1000000) + QStringLiteral("ms");
    QString text;
    const qint64 hours = ns / 3600000000000LL;
    const qint64 minutes = ns / 60000000000LL % 60;
    if (hours > 0)
        text += QString::number(hours) + u'h';
    if (hours > 0 || minutes > 0)
        text += QString::number(minutes) + u'm';
    return sign + text + fraction(ns % 60000000000LL, 1000000000) + u's';
}

namespace {

void setEnv(QStringList &env, const QString &key, const QString &value)
{
    const QString prefix = key + u'=';
    for (QString &variable : env) {
        if (variable.startsWith(prefix)) {
            variable = prefix + value;
            return;
        }
    }
    env.append(prefix + value);
}

QJsonObject runtimeConfig(const oci::ImageConfig &config)
{
    return config.raw.value(u"config").toObject();
}

void setRuntimeField(oci::ImageConfig &config, const QString &key, const QJsonValue &value)
{
    QJsonObject runtime = runtimeConfig(config);
    if (value.isNull() || value.isUndefined())
        runtime.remove(key);
    else
        runtime.insert(key, value);
    config.raw.insert(QStringLiteral("config"), runtime);
}

QStringList commandOf(const CommandLine &command, const QStringList &shell)
{
    if (!command.shellForm)
        return command.args;
    return shell + QStringList{ command.args.join(u' ') };
}

qint64 nanoseconds(std::chrono::nanoseconds value)
{
    return qint64(value.count());
}

} // namespace

void Build::dispatch(const Instruction &instruction)
{
    Stage &stage = *stage_;
    std::visit(
        [&](const auto &command) {
            using T = std::decay_t<decltype(command)>;
            if constexpr (std::is_same_v<T, Run>) {
                runStep(instruction);
            } else if constexpr (std::is_same_v<T, Copy>) {
                copyStep(instruction);
            } else if constexpr (std::is_same_v<T, From>) {
                failed({ Code::Internal, QStringLiteral("FROM inside a stage") });
            } else if constexpr (std::is_same_v<T, Cmd>) {
                const QStringList cmd = commandOf(command.command, stage.shell);
                stage.cmdSet = true;
                metadataStep(QStringLiteral("CMD ") + goQuoteList(cmd), true,
                    [&](oci::ImageConfig &config) { config.cmd = cmd; });
            } else if constexpr (std::is_same_v<T, Entrypoint>) {
                const QStringList entrypoint = commandOf(command.command, stage.shell);
                const bool keepCmd = stage.cmdSet;
                metadataStep(
                    QStringLiteral("ENTRYPOINT ") + goQuoteList(entrypoint), true, [&](oci::ImageConfig &config) {
                        config.entrypoint = entrypoint;
                        if (!keepCmd)
                            config.cmd.clear();
                    });
            } else if constexpr (std::is_same_v<T, Shell>) {
                metadataStep(QStringLiteral("SHELL ") + goList(command.shell), true, [&](oci::ImageConfig &config) {
                    setRuntimeField(config, QStringLiteral("Shell"), QJsonArray::fromStringList(command.shell));
                });
            } else if constexpr (std::is_same_v<T, Env>) {
                QString comment = QStringLiteral("ENV");
                for (const KeyValue &variable : command.variables)
                    comment += u' ' + variable.key + u'=' + variable.value;
                metadataStep(comment, true, [&](oci::ImageConfig &config) {
                    for (const KeyValue &variable : command.variables)
                        setEnv(config.env, variable.key, variable.value);
                });
            } else if constexpr (std::is_same_v<T, Label>) {
                QString comment = QStringLiteral("LABEL");
                for (const KeyValue &label : command.labels)
                    comment += u' ' + label.key + u'=' + label.value;
                metadataStep(comment, true, [&](oci::ImageConfig &config) {
                    for (const KeyValue &label : command.labels)
                        config.labels.insert(label.key, label.value);
                });
            } else if constexpr (std::is_same_v<T, Expose>) {
                auto ports = parseExposedPorts(command.ports);
                if (!ports)
                    return failed(ports.error());
                QStringList names;
                for (const ExposedPort &port : std::as_const(*ports)) {
                    for (int number = port.first; number <= port.last; ++number)
                        names.append(QStringLiteral("%1/%2").arg(number).arg(port.protocol));
                }
                metadataStep(QStringLiteral("EXPOSE ") + command.ports.join(u' '), true, [&](oci::ImageConfig &config) {
                    for (const QString &name : std::as_const(names)) {
                        if (!config.exposedPorts.contains(name))
                            config.exposedPorts.append(name);
                    }
                });
            } else if constexpr (std::is_same_v<T, Volume>) {
                for (const QString &path : command.paths) {
                    if (path.isEmpty())
                        return failed(
                            { Code::InvalidArgument, QStringLiteral("VOLUME specified can not be an empty string") });
                }
                metadataStep(QStringLiteral("VOLUME ") + goList(command.paths), true, [&](oci::ImageConfig &config) {
                    for (const QString &path : command.paths) {
                        if (!config.volumes.contains(path))
                            config.volumes.append(path);
                    }
                });
            } else if constexpr (std::is_same_v<T, User>) {
                metadataStep(QStringLiteral("USER ") + command.user, true,
                    [&](oci::ImageConfig &config) { config.user = command.user; });
            } else if constexpr (std::is_same_v<T, Workdir>) {
                QString path = command.path;
                if (!path.startsWith(u'/'))
                    path = (stage.config.workingDir.isEmpty() ? QStringLiteral("/") : stage.config.workingDir) + u'/'
                        + path;
                workdirStep(QDir::cleanPath(path));
            } else if constexpr (std::is_same_v<T, Arg>) {
                QString comment = QStringLiteral("ARG");
                for (const ArgDeclaration &arg : command.args) {
                    std::optional<QString> value = arg.defaultValue;
                    if (!value) {
                        for (const ArgDeclaration &meta : context_->dockerfile.metaArgs) {
                            if (meta.name == arg.name)
                                value = meta.defaultValue;
                        }
                    }
                    if (const auto given = options_.buildArgs.find(arg.name); given != options_.buildArgs.end()) {
                        usedArgs_.insert(arg.name);
                        if (given.value())
                            value = given.value();
                    }
                    stage.args.insert(arg.name, value);
                    comment += u' ' + arg.name + (arg.defaultValue ? u'=' + *arg.defaultValue : QString());
                }
                metadataStep(comment, true, [](oci::ImageConfig &) {});
            } else if constexpr (std::is_same_v<T, Onbuild>) {
                metadataStep(QStringLiteral("ONBUILD ") + command.expression, true, [&](oci::ImageConfig &config) {
                    QJsonArray triggers = runtimeConfig(config).value(u"OnBuild").toArray();
                    triggers.append(command.expression);
                    setRuntimeField(config, QStringLiteral("OnBuild"), triggers);
                });
            } else if constexpr (std::is_same_v<T, StopSignal>) {
                metadataStep(QStringLiteral("STOPSIGNAL ") + command.signal, true,
                    [&](oci::ImageConfig &config) { config.stopSignal = command.signal; });
            } else if constexpr (std::is_same_v<T, Healthcheck>) {
                const QString comment
                    = QStringLiteral("HEALTHCHECK &{%1 %2 %3 %4 '\\x%5'}")
                          .arg(goQuoteList(command.test), goQuote(goDuration(command.interval)),
                              goQuote(goDuration(command.timeout)), goQuote(goDuration(command.startPeriod)))
                          .arg(command.retries, 2, 16, QLatin1Char('0'));
                metadataStep(comment, true, [&](oci::ImageConfig &config) {
                    QJsonObject check{ { QStringLiteral("Test"), QJsonArray::fromStringList(command.test) } };
                    if (command.interval.count())
                        check.insert(QStringLiteral("Interval"), nanoseconds(command.interval));
                    if (command.timeout.count())
                        check.insert(QStringLiteral("Timeout"), nanoseconds(command.timeout));
                    if (command.startPeriod.count())
                        check.insert(QStringLiteral("StartPeriod"), nanoseconds(command.startPeriod));
                    if (command.retries)
                        check.insert(QStringLiteral("Retries"), command.retries);
                    setRuntimeField(config, QStringLiteral("Healthcheck"), check);
                });
            } else if constexpr (std::is_same_v<T, Maintainer>) {
                metadataStep(QStringLiteral("MAINTAINER ") + command.name, true,
                    [&](oci::ImageConfig &config) { config.author = command.name; });
            }
        },
        instruction.command);
}

} // namespace muelle::engine::build
