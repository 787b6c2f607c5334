#include "dockerfile/expansion.h"

using namespace Qt::StringLiterals;

namespace muelle::dockerfile {

namespace {

class Expander {
public:
    Expander(const Environment &env, QChar escape) : env_(env), lexer_(escape) { }

    // Substitutes `value` in place; the first error is kept and later calls do nothing.
    void word(QString &value)
    {
        if (error_)
            return;
        auto expanded = lexer_.word(value, env_);
        if (expanded)
            value = *expanded;
        else
            error_ = expanded.error();
    }
    void words(QStringList &values)
    {
        for (QString &value : values)
            word(value);
    }
    void keyValues(QList<KeyValue> &pairs)
    {
        for (KeyValue &pair : pairs) {
            word(pair.key);
            word(pair.value);
        }
    }
    // One word may become several.
    void split(QStringList &values)
    {
        QStringList result;
        for (const QString &value : values) {
            if (error_)
                return;
            auto expanded = lexer_.words(value, env_);
            if (expanded)
                result += *expanded;
            else
                error_ = expanded.error();
        }
        values = result;
    }
    const std::optional<Error> &error() const { return error_; }

private:
    const Environment &env_;
    ShellLexer lexer_;
    std::optional<Error> error_;
};

void expandCommand(Command &command, Expander &expand)
{
    if (auto *env = std::get_if<Env>(&command)) {
        expand.keyValues(env->variables);
    } else if (auto *label = std::get_if<Label>(&command)) {
        expand.keyValues(label->labels);
    } else if (auto *arg = std::get_if<Arg>(&command)) {
        for (ArgDeclaration &declaration : arg->args) {
            expand.word(declaration.name);
            if (declaration.defaultValue)
                expand.word(*declaration.defaultValue);
        }
    } else if (auto *copy = std::get_if<Copy>(&command)) {
        expand.words(copy->sources);
        expand.word(copy->destination);
        expand.word(copy->chown);
        expand.word(copy->chmod);
    } else if (auto *expose = std::get_if<Expose>(&command)) {
        expand.split(expose->ports);
    } else if (auto *volume = std::get_if<Volume>(&command)) {
        expand.words(volume->paths);
    } else if (auto *user = std::get_if<User>(&command)) {
        expand.word(user->user);
    } else if (auto *workdir = std::get_if<Workdir>(&command)) {
        expand.word(workdir->path);
    } else if (auto *signal = std::get_if<StopSignal>(&command)) {
        expand.word(signal->signal);
    }
}

std::optional<int> parsePort(QStringView text)
{
    bool ok = false;
    const uint port = text.toUInt(&ok);
    if (!ok || port > 65535)
        return std::nullopt;
    return int(port);
}

} // namespace

Result<Instruction> expandInstruction(const Instruction &instruction, const Environment &env, QChar escape)
{
    Instruction expanded = instruction;
    Expander expander(env, escape);
    expandCommand(expanded.command, expander);
    if (expander.error())
        return fail(*expander.error());
    return expanded;
}

QString ExposedPort::toString() const
{
    const QString range = first == last ? QString::number(first) : u"%1-%2"_s.arg(first).arg(last);
    return range + u'/' + protocol;
}

Result<QList<ExposedPort>> parseExposedPorts(const QStringList &specs)
{
    QList<ExposedPort> ports;
    for (const QString &spec : specs) {
        // ip:hostPort:containerPort is accepted; only the container's port is exposed.
        const QString containerPart = spec.section(u':', -1);
        const qsizetype slash = containerPart.indexOf(u'/');
        const QString port = slash < 0 ? containerPart : containerPart.left(slash);
        const QString protocol = slash < 0 ? u"tcp"_s : containerPart.mid(slash + 1);
        if (port.isEmpty())
            return fail(Code::InvalidArgument, u"No port specified: %1<empty>"_s.arg(spec));
        const qsizetype dash = port.indexOf(u'-');
        const auto first = parsePort(dash < 0 ? QStringView(port) : QStringView(port).left(dash));
        const auto last = dash < 0 ? first : parsePort(QStringView(port).mid(dash + 1));
        if (!first || !last || *last < *first)
            return fail(Code::InvalidArgument, u"Invalid containerPort: %1"_s.arg(port));
        const QString lower = protocol.toLower();
        if (lower != u"tcp" && lower != u"udp" && lower != u"sctp")
            return fail(Code::InvalidArgument, u"Invalid proto: %1"_s.arg(protocol));
        ports.append({ *first, *last, lower });
    }
    return ports;
}

} // namespace muelle::dockerfile
