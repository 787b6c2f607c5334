#include "engine/builder/configchange.h"

#include "dockerfile/expansion.h"
#include "engine/builder/createdby.h"

#include <QDir>
#include <QJsonArray>

namespace muelle::engine::builder {

using namespace dockerfile;

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

QStringList shellOf(const oci::ImageConfig &config)
{
    QStringList shell;
    for (const QJsonValue &part : config.raw.value(u"config").toObject().value(u"Shell").toArray())
        shell.append(part.toString());
    return shell.isEmpty() ? QStringList{ QStringLiteral("/bin/sh"), QStringLiteral("-c") } : shell;
}

Result<std::optional<ConfigChange>> configChange(const Instruction &instruction, const QStringList &shell, bool cmdSet)
{
    using Change = std::optional<ConfigChange>;
    return std::visit(
        [&](const auto &command) -> Result<Change> {
            using T = std::decay_t<decltype(command)>;
            if constexpr (std::is_same_v<T, Cmd>) {
                const QStringList cmd = commandOf(command.command, shell);
                return Change(ConfigChange{ QStringLiteral("CMD ") + goQuoteList(cmd), true,
                    [cmd](oci::ImageConfig &config) { config.cmd = cmd; } });
            } else if constexpr (std::is_same_v<T, Entrypoint>) {
                const QStringList entrypoint = commandOf(command.command, shell);
                return Change(ConfigChange{ QStringLiteral("ENTRYPOINT ") + goQuoteList(entrypoint), true,
                    [entrypoint, cmdSet](oci::ImageConfig &config) {
                        config.entrypoint = entrypoint;
                        // A CMD of the base image goes; one of this stage stays.
                        if (!cmdSet)
                            config.cmd.clear();
                    } });
            } else if constexpr (std::is_same_v<T, Shell>) {
                const QStringList newShell = command.shell;
                return Change(ConfigChange{
                    QStringLiteral("SHELL ") + goList(newShell), true, [newShell](oci::ImageConfig &config) {
                        setRuntimeField(config, QStringLiteral("Shell"), QJsonArray::fromStringList(newShell));
                    } });
            } else if constexpr (std::is_same_v<T, Env>) {
                QString comment = QStringLiteral("ENV");
                for (const KeyValue &variable : command.variables)
                    comment += u' ' + variable.key + u'=' + variable.value;
                const QList<KeyValue> variables = command.variables;
                return Change(ConfigChange{ comment, true, [variables](oci::ImageConfig &config) {
                                               for (const KeyValue &variable : variables)
                                                   setEnv(config.env, variable.key, variable.value);
                                           } });
            } else if constexpr (std::is_same_v<T, Label>) {
                QString comment = QStringLiteral("LABEL");
                for (const KeyValue &label : command.labels)
                    comment += u' ' + label.key + u'=' + label.value;
                const QList<KeyValue> labels = command.labels;
                return Change(ConfigChange{ comment, true, [labels](oci::ImageConfig &config) {
                                               for (const KeyValue &label : labels)
                                                   config.labels.insert(label.key, label.value);
                                           } });
            } else if constexpr (std::is_same_v<T, Expose>) {
                auto ports = parseExposedPorts(command.ports);
                if (!ports)
                    return fail(ports.error());
                QStringList names;
                for (const ExposedPort &port : std::as_const(*ports)) {
                    for (int number = port.first; number <= port.last; ++number)
                        names.append(QStringLiteral("%1/%2").arg(number).arg(port.protocol));
                }
                return Change(ConfigChange{
                    QStringLiteral("EXPOSE ") + command.ports.join(u' '), true, [names](oci::ImageConfig &config) {
                        for (const QString &name : names) {
                            if (!config.exposedPorts.contains(name))
                                config.exposedPorts.append(name);
                        }
                    } });
            } else if constexpr (std::is_same_v<T, Volume>) {
                for (const QString &path : command.paths) {
                    if (path.isEmpty())
                        return fail(
                            Code::InvalidArgument, QStringLiteral("VOLUME specified can not be an empty string"));
                }
                const QStringList paths = command.paths;
                return Change(
                    ConfigChange{ QStringLiteral("VOLUME ") + goList(paths), true, [paths](oci::ImageConfig &config) {
                                     for (const QString &path : paths) {
                                         if (!config.volumes.contains(path))
                                             config.volumes.append(path);
                                     }
                                 } });
            } else if constexpr (std::is_same_v<T, User>) {
                const QString user = command.user;
                return Change(ConfigChange{
                    QStringLiteral("USER ") + user, true, [user](oci::ImageConfig &config) { config.user = user; } });
            } else if constexpr (std::is_same_v<T, Workdir>) {
                const QString given = command.path;
                return Change(ConfigChange{ QStringLiteral("WORKDIR ") + given, false,
                    [given](oci::ImageConfig &config) { config.workingDir = workingDirOf(config, given); } });
            } else if constexpr (std::is_same_v<T, Onbuild>) {
                const QString expression = command.expression;
                return Change(ConfigChange{
                    QStringLiteral("ONBUILD ") + expression, true, [expression](oci::ImageConfig &config) {
                        QJsonArray triggers = runtimeConfig(config).value(u"OnBuild").toArray();
                        triggers.append(expression);
                        setRuntimeField(config, QStringLiteral("OnBuild"), triggers);
                    } });
            } else if constexpr (std::is_same_v<T, StopSignal>) {
                const QString signal = command.signal;
                return Change(ConfigChange{ QStringLiteral("STOPSIGNAL ") + signal, true,
                    [signal](oci::ImageConfig &config) { config.stopSignal = signal; } });
            } else if constexpr (std::is_same_v<T, Healthcheck>) {
                const Healthcheck check = command;
                const QString comment
                    = QStringLiteral("HEALTHCHECK &{%1 %2 %3 %4 '\\x%5'}")
                          .arg(goQuoteList(check.test), goQuote(goDuration(check.interval)),
                              goQuote(goDuration(check.timeout)), goQuote(goDuration(check.startPeriod)))
                          .arg(check.retries, 2, 16, QLatin1Char('0'));
                return Change(ConfigChange{
                    comment, true, [check](oci::ImageConfig &config) {
                        QJsonObject json{ { QStringLiteral("Test"), QJsonArray::fromStringList(check.test) } };
                        if (check.interval.count())
                            json.insert(QStringLiteral("Interval"), nanoseconds(check.interval));
                        if (check.timeout.count())
                            json.insert(QStringLiteral("Timeout"), nanoseconds(check.timeout));
                        if (check.startPeriod.count())
                            json.insert(QStringLiteral("StartPeriod"), nanoseconds(check.startPeriod));
                        if (check.retries)
                            json.insert(QStringLiteral("Retries"), check.retries);
                        setRuntimeField(config, QStringLiteral("Healthcheck"), json);
                    } });
            } else if constexpr (std::is_same_v<T, Maintainer>) {
                const QString name = command.name;
                return Change(ConfigChange{ QStringLiteral("MAINTAINER ") + name, true,
                    [name](oci::ImageConfig &config) { config.author = name; } });
            } else {
                return Change();
            }
        },
        instruction.command);
}

QString workingDirOf(const oci::ImageConfig &config, const QString &path)
{
    if (path.startsWith(u'/'))
        return QDir::cleanPath(path);
    return QDir::cleanPath((config.workingDir.isEmpty() ? QStringLiteral("/") : config.workingDir) + u'/' + path);
}

} // namespace muelle::engine::builder
