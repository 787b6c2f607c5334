#include "dockerfile/instructions.h"

#include "dockerfile/flags.h"
#include "dockerfile/goduration.h"
#include "dockerfile/lineparsers.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace muelle::dockerfile {

namespace {

using Fail = std::unexpected<QString>;
using CommandResult = std::expected<Command, QString>;
using Type = Flags::Type;

QString atLeastOne(QStringView keyword)
{
    return u"%1 requires at least one argument"_s.arg(keyword);
}

QString exactlyOne(QStringView keyword)
{
    return u"%1 requires exactly one argument"_s.arg(keyword);
}

QString noDestination(QStringView keyword)
{
    return u"%1 requires at least two arguments, but only one was provided. Destination could not be determined"_s.arg(
        keyword);
}

std::expected<void, QString> parseFlags(Flags &flags, const Node &node)
{
    return flags.parse(node.flags);
}

std::expected<void, QString> noFlags(const Node &node)
{
    Flags none;
    return none.parse(node.flags);
}

QList<InlineFile> inlineFiles(const QList<Heredoc> &heredocs)
{
    static const QRegularExpression leadingTabs(u"(?m)^\\t+"_s);
    QList<InlineFile> files;
    for (const Heredoc &heredoc : heredocs) {
        QString content = heredoc.content;
        if (heredoc.chomp)
            content.remove(leadingTabs);
        files.append({ heredoc.name, content, heredoc.expand });
    }
    return files;
}

CommandLine commandLine(const Node &node)
{
    CommandLine line;
    line.shellForm = !node.json;
    line.args = node.json || node.args.isEmpty() ? node.args : QStringList{ node.args.join(u' ') };
    line.files = inlineFiles(node.heredocs);
    return line;
}

std::expected<QList<KeyValue>, QString> keyValues(const Node &node, QStringView keyword)
{
    if (node.args.isEmpty())
        return Fail(atLeastOne(keyword));
    if (node.args.size() % 2 != 0)
        return Fail(u"Bad input to %1, too many arguments"_s.arg(keyword));
    QList<KeyValue> pairs;
    for (qsizetype i = 0; i < node.args.size(); i += 2) {
        if (node.args[i].isEmpty())
            return Fail(u"%1 names can not be blank"_s.arg(keyword));
        pairs.append({ node.args[i], node.args[i + 1] });
    }
    return pairs;
}

std::expected<QString, QString> singleArgument(const Node &node, QStringView keyword)
{
    if (node.args.size() != 1)
        return Fail(exactlyOne(keyword));
    if (auto flags = noFlags(node); !flags)
        return Fail(flags.error());
    return node.args.first();
}

CommandResult parseFrom(const Node &node)
{
    From from;
    const QStringList &args = node.args;
    if (args.size() == 3 && args[1].compare(u"as", Qt::CaseInsensitive) == 0) {
        static const QRegularExpression validName(u"^[a-z][a-z0-9-_\\.]*$"_s);
        from.stageName = args[2].toLower();
        if (!validName.match(from.stageName).hasMatch())
            return Fail(u"invalid name for build stage: %1, name can't start with a number or contain symbols"_s.arg(
                goQuote(args[2])));
    } else if (args.size() != 1) {
        return Fail(u"FROM requires either one or three arguments"_s);
    }
    Flags flags;
    flags.add(u"platform"_s, Type::String);
    if (auto parsed = parseFlags(flags, node); !parsed)
        return Fail(parsed.error());
    from.baseName = args.first();
    from.platform = flags.string(u"platform"_s);
    return from;
}

CommandResult parseRun(const Node &node)
{
    Flags flags;
    flags.add(u"mount"_s, Type::Strings).add(u"network"_s, Type::String);
    if (auto parsed = parseFlags(flags, node); !parsed)
        return Fail(parsed.error());
    Run run;
    run.command = commandLine(node);
    if (flags.isSet(u"network"_s))
        run.network = flags.string(u"network"_s);
    if (run.network != u"default" && run.network != u"none" && run.network != u"host")
        return Fail(u"invalid network mode %1"_s.arg(goQuote(run.network)));
    for (const QString &value : flags.strings(u"mount"_s)) {
        auto mount = parseRunMount(value);
        if (!mount)
            return Fail(mount.error());
        run.mounts.append(*mount);
    }
    return run;
}

CommandResult parseShell(const Node &node)
{
    if (auto flags = noFlags(node); !flags)
        return Fail(flags.error());
    if (node.args.isEmpty())
        return Fail(atLeastOne(u"SHELL"));
    if (!node.json)
        return Fail(u"SHELL requires the arguments to be in JSON form"_s);
    return Shell{ node.args };
}

CommandResult parseCopy(const Node &node, bool add)
{
    const QString keyword = add ? u"ADD"_s : u"COPY"_s;
    if (node.args.size() < 2)
        return Fail(noDestination(keyword));
    Flags flags;
    flags.add(u"chown"_s, Type::String).add(u"chmod"_s, Type::String).add(u"link"_s, Type::Bool);
    flags.add(add ? u"checksum"_s : u"from"_s, Type::String);
    if (auto parsed = parseFlags(flags, node); !parsed)
        return Fail(parsed.error());
    Copy copy;
    copy.add = add;
    copy.destination = node.args.last();
    if (detail::parseHeredocWord(copy.destination))
        return Fail(u"%1 cannot accept a heredoc as a destination"_s.arg(keyword));
    const QList<InlineFile> files = inlineFiles(node.heredocs);
    for (const QString &source : node.args.first(node.args.size() - 1)) {
        const auto heredoc = detail::parseHeredocWord(source);
        if (!heredoc) {
            copy.sources.append(source);
            continue;
        }
        const auto file
            = std::find_if(files.begin(), files.end(), [&](const InlineFile &f) { return f.name == heredoc->name; });
        if (file != files.end())
            copy.inlineSources.append(*file);
    }
    copy.from = flags.string(u"from"_s);
    copy.chown = flags.string(u"chown"_s);
    copy.chmod = flags.string(u"chmod"_s);
    copy.checksum = flags.string(u"checksum"_s);
    copy.link = flags.boolValue(u"link"_s);
    return copy;
}

CommandResult parseVolume(const Node &node)
{
    if (node.args.isEmpty())
        return Fail(atLeastOne(u"VOLUME"));
    if (auto flags = noFlags(node); !flags)
        return Fail(flags.error());
    Volume volume;
    for (const QString &path : node.args) {
        if (path.trimmed().isEmpty())
            return Fail(u"VOLUME specified can not be an empty string"_s);
        volume.paths.append(path.trimmed());
    }
    return volume;
}

CommandResult parseArg(const Node &node)
{
    if (node.args.isEmpty())
        return Fail(atLeastOne(u"ARG"));
    Arg arg;
    for (const QString &word : node.args) {
        const qsizetype equals = word.indexOf(u'=');
        if (equals == 0)
            return Fail(u"ARG names can not be blank"_s);
        if (equals < 0)
            arg.args.append({ word, std::nullopt, node.startLine });
        else
            arg.args.append({ word.left(equals), word.mid(equals + 1), node.startLine });
    }
    return arg;
}

CommandResult parseOnbuild(const Node &node)
{
    if (node.children.empty())
        return Fail(atLeastOne(u"ONBUILD"));
    if (auto flags = noFlags(node); !flags)
        return Fail(flags.error());
    const QString trigger = node.children.front().keyword.toUpper();
    if (trigger == u"ONBUILD")
        return Fail(u"Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"_s);
    if (trigger == u"MAINTAINER" || trigger == u"FROM")
        return Fail(u"%1 isn't allowed as an ONBUILD trigger"_s.arg(trigger));
    static const QRegularExpression prefix(u"^\\s*ONBUILD\\s*"_s, QRegularExpression::CaseInsensitiveOption);
    QString expression = node.original;
    expression.remove(prefix);
    for (const Heredoc &heredoc : node.heredocs)
        expression += u'\n' + heredoc.content + heredoc.name;
    return Onbuild{ expression, node.children.front().keyword };
}

std::expected<std::chrono::nanoseconds, QString> interval(const Flags &flags, const QString &name)
{
    const QString value = flags.string(name);
    if (value.isEmpty())
        return std::chrono::nanoseconds(0);
    auto duration = parseGoDuration(value);
    if (!duration)
        return duration;
    if (*duration < std::chrono::milliseconds(1))
        return Fail(u"Interval %1 cannot be less than 1ms"_s.arg(goQuote(name)));
    return duration;
}

CommandResult parseHealthcheck(const Node &node)
{
    if (node.args.isEmpty())
        return Fail(atLeastOne(u"HEALTHCHECK"));
    const QString type = node.args.first().toUpper();
    const QStringList args = node.args.mid(1);
    Healthcheck check;
    if (type == u"NONE") {
        if (!args.isEmpty())
            return Fail(u"HEALTHCHECK NONE takes no arguments"_s);
        check.test = QStringList{ type };
        return check;
    }
    Flags flags;
    for (const QString &name : { u"interval"_s, u"timeout"_s, u"start-period"_s, u"retries"_s })
        flags.add(name, Type::String);
    if (auto parsed = parseFlags(flags, node); !parsed)
        return Fail(parsed.error());
    if (type != u"CMD")
        return Fail(u"Unknown type %1 in HEALTHCHECK (try CMD)"_s.arg(goQuote(type)));
    const QStringList command = node.json || args.isEmpty() ? args : QStringList{ args.join(u' ') };
    if (command.isEmpty())
        return Fail(u"Missing command after HEALTHCHECK CMD"_s);
    check.test = QStringList{ node.json ? u"CMD"_s : u"CMD-SHELL"_s } + command;
    for (auto [name, field] : { std::pair{ u"interval"_s, &check.interval }, std::pair{ u"timeout"_s, &check.timeout },
             std::pair{ u"start-period"_s, &check.startPeriod } }) {
        auto duration = interval(flags, name);
        if (!duration)
            return Fail(duration.error());
        *field = *duration;
    }
    const QString retries = flags.string(u"retries"_s);
    if (!retries.isEmpty()) {
        bool ok = false;
        const int value = retries.toInt(&ok);
        if (!ok)
            return Fail(u"strconv.ParseInt: parsing %1: invalid syntax"_s.arg(goQuote(retries)));
        if (value < 1)
            return Fail(u"--retries must be at least 1 (not %1)"_s.arg(value));
        check.retries = value;
    }
    return check;
}

template <typename T> CommandResult withFlagsChecked(const Node &node, T command)
{
    if (auto flags = noFlags(node); !flags)
        return Fail(flags.error());
    return command;
}

template <typename T> CommandResult keyValueCommand(const Node &node, QStringView keyword)
{
    if (auto flags = noFlags(node); !flags)
        return Fail(flags.error());
    auto pairs = keyValues(node, keyword);
    if (!pairs)
        return Fail(pairs.error());
    return T{ *pairs };
}

template <typename T> CommandResult oneArgumentCommand(const Node &node, QStringView keyword)
{
    auto value = singleArgument(node, keyword);
    if (!value)
        return Fail(value.error());
    return T{ *value };
}

CommandResult parseCommand(const Node &node)
{
    const QString &k = node.keyword;
    if (k == u"from")
        return parseFrom(node);
    if (k == u"run")
        return parseRun(node);
    if (k == u"cmd")
        return withFlagsChecked(node, Cmd{ commandLine(node) });
    if (k == u"entrypoint")
        return withFlagsChecked(node, Entrypoint{ commandLine(node) });
    if (k == u"shell")
        return parseShell(node);
    if (k == u"env")
        return keyValueCommand<Env>(node, u"ENV");
    if (k == u"label")
        return keyValueCommand<Label>(node, u"LABEL");
    if (k == u"expose") {
        if (node.args.isEmpty())
            return Fail(atLeastOne(u"EXPOSE"));
        QStringList ports = node.args;
        ports.sort();
        return withFlagsChecked(node, Expose{ ports });
    }
    if (k == u"add" || k == u"copy")
        return parseCopy(node, k == u"add");
    if (k == u"volume")
        return parseVolume(node);
    if (k == u"user")
        return oneArgumentCommand<User>(node, u"USER");
    if (k == u"workdir")
        return oneArgumentCommand<Workdir>(node, u"WORKDIR");
    if (k == u"arg")
        return parseArg(node);
    if (k == u"onbuild")
        return parseOnbuild(node);
    if (k == u"stopsignal") {
        if (node.args.size() != 1)
            return Fail(exactlyOne(u"STOPSIGNAL"));
        return StopSignal{ node.args.first() };
    }
    if (k == u"healthcheck")
        return parseHealthcheck(node);
    if (k == u"maintainer")
        return oneArgumentCommand<Maintainer>(node, u"MAINTAINER");
    return Fail(u"unknown instruction: %1"_s.arg(k.toUpper()));
}

} // namespace

Parsed<Instruction> parseInstruction(const Node &node)
{
    auto command = parseCommand(node);
    if (!command)
        return instructionError(node.startLine, command.error());
    return Instruction{ std::move(*command), node.keyword, node.original, node.startLine, node.endLine };
}

} // namespace muelle::dockerfile
