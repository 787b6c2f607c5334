// The create body's Config part, the shared JSON reader, and the restart
// policy. HostConfig is read in spec_hostconfig.cpp, its mounts in
// spec_mounts.cpp.
#include "engine/containerspec/spec.h"
#include "engine/containerspec/spec_p.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <arpa/inet.h>

#include <cmath>

using namespace Qt::StringLiterals;

namespace muelle::engine::containerspec {

namespace detail {

JsonFields::JsonFields(const QJsonObject &object, QString where) : object_(object), where_(std::move(where)) { }

bool JsonFields::has(QLatin1StringView key) const
{
    const QJsonValue value = object_.value(key);
    return !value.isUndefined() && !value.isNull();
}

void JsonFields::wrongType(QLatin1StringView key, QLatin1StringView expected)
{
    if (!error_)
        error_ = Error{ Code::InvalidArgument, u"invalid %1%2: expected %3"_s.arg(where_, key, expected) };
}

QString JsonFields::string(QLatin1StringView key)
{
    const QJsonValue value = object_.value(key);
    if (value.isString())
        return value.toString();
    if (has(key))
        wrongType(key, "a string"_L1);
    return {};
}

bool JsonFields::boolean(QLatin1StringView key)
{
    return optionalBoolean(key).value_or(false);
}

std::optional<bool> JsonFields::optionalBoolean(QLatin1StringView key)
{
    const QJsonValue value = object_.value(key);
    if (value.isBool())
        return value.toBool();
    if (has(key))
        wrongType(key, "a boolean"_L1);
    return std::nullopt;
}

qint64 JsonFields::integer(QLatin1StringView key)
{
    return optionalInteger(key).value_or(0);
}

std::optional<qint64> JsonFields::optionalInteger(QLatin1StringView key)
{
    const QJsonValue value = object_.value(key);
    if (!has(key))
        return std::nullopt;
    const double number = value.toDouble();
    // 2^63 is the first double past qint64's range.
    if (!value.isDouble() || number != std::floor(number) || std::fabs(number) >= 9223372036854775808.0) {
        wrongType(key, "an integer"_L1);
        return std::nullopt;
    }
    return value.toInteger();
}

QStringList JsonFields::strings(QLatin1StringView key)
{
    QStringList list;
    const QJsonValue value = object_.value(key);
    if (!has(key))
        return list;
    if (!value.isArray()) {
        wrongType(key, "an array of strings"_L1);
        return list;
    }
    for (const QJsonValue item : value.toArray()) {
        if (!item.isString()) {
            wrongType(key, "an array of strings"_L1);
            return {};
        }
        list.append(item.toString());
    }
    return list;
}

std::optional<QStringList> JsonFields::stringOrStrings(QLatin1StringView key)
{
    const QJsonValue value = object_.value(key);
    if (value.isString())
        return QStringList{ value.toString() };
    if (!has(key))
        return std::nullopt;
    return strings(key);
}

QJsonObject JsonFields::object(QLatin1StringView key)
{
    const QJsonValue value = object_.value(key);
    if (value.isObject())
        return value.toObject();
    if (has(key))
        wrongType(key, "an object"_L1);
    return {};
}

QJsonArray JsonFields::array(QLatin1StringView key)
{
    const QJsonValue value = object_.value(key);
    if (value.isArray())
        return value.toArray();
    if (has(key))
        wrongType(key, "an array"_L1);
    return {};
}

QMap<QString, QString> JsonFields::stringMap(QLatin1StringView key)
{
    QMap<QString, QString> map;
    const QJsonObject object = this->object(key);
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isString()) {
            wrongType(key, "an object of strings"_L1);
            return {};
        }
        map.insert(it.key(), it.value().toString());
    }
    return map;
}

QString cleanPath(const QString &path)
{
    const bool absolute = path.startsWith(u'/');
    QStringList parts;
    for (const QString &part : path.split(u'/', Qt::SkipEmptyParts)) {
        if (part == "."_L1)
            continue;
        if (part == ".."_L1) {
            if (!parts.isEmpty() && parts.last() != ".."_L1)
                parts.removeLast();
            else if (!absolute)
                parts.append(part);
            continue;
        }
        parts.append(part);
    }
    const QString joined = parts.join(u'/');
    if (absolute)
        return u'/' + joined;
    return joined.isEmpty() ? u"."_s : joined;
}

bool isIpAddress(const QString &text)
{
    const QByteArray latin = text.toLatin1();
    unsigned char buffer[16];
    return inet_pton(AF_INET, latin.constData(), buffer) == 1 || inet_pton(AF_INET6, latin.constData(), buffer) == 1;
}

std::optional<qint64> parseSize(const QString &text, qint64 unit)
{
    QString rest = text.trimmed().toLower();
    if (rest.endsWith(u'b'))
        rest.chop(1);
    if (rest.endsWith(u'i'))
        rest.chop(1);
    static const QString suffixes = u"kmgtp"_s;
    double multiplier = 1;
    if (!rest.isEmpty() && suffixes.contains(rest.back())) {
        for (qsizetype i = 0; i <= suffixes.indexOf(rest.back()); ++i)
            multiplier *= double(unit);
        rest.chop(1);
    }
    rest = rest.trimmed();
    bool ok = false;
    const double number = rest.toDouble(&ok);
    if (!ok || rest.isEmpty() || !(rest.front().isDigit()) || number * multiplier >= 9.2e18)
        return std::nullopt;
    return qint64(number * multiplier);
}

Result<std::pair<int, QString>> parsePortKey(const QString &key)
{
    const qsizetype slash = key.indexOf(u'/');
    const QString number = slash < 0 ? key : key.left(slash);
    const QString protocol = slash < 0 ? u"tcp"_s : key.mid(slash + 1).toLower();
    bool ok = false;
    const int port = number.toInt(&ok);
    if (!ok || port < 1 || port > 65535 || !number.front().isDigit()
        || !QStringList{ u"tcp"_s, u"udp"_s, u"sctp"_s }.contains(protocol))
        return fail(Code::InvalidArgument, u"invalid port specification: \"%1\""_s.arg(key));
    return std::pair{ port, protocol };
}

} // namespace detail

namespace {

using detail::JsonFields;

bool isValidSignal(const QString &signal)
{
    bool numeric = false;
    const int number = signal.toInt(&numeric);
    if (numeric)
        return number > 0 && number <= 64;
    static const QStringList names = {
        u"ABRT"_s,
        u"ALRM"_s,
        u"BUS"_s,
        u"CHLD"_s,
        u"CLD"_s,
        u"CONT"_s,
        u"FPE"_s,
        u"HUP"_s,
        u"ILL"_s,
        u"INT"_s,
        u"IO"_s,
        u"IOT"_s,
        u"KILL"_s,
        u"PIPE"_s,
        u"POLL"_s,
        u"PROF"_s,
        u"PWR"_s,
        u"QUIT"_s,
        u"SEGV"_s,
        u"STKFLT"_s,
        u"STOP"_s,
        u"SYS"_s,
        u"TERM"_s,
        u"TRAP"_s,
        u"TSTP"_s,
        u"TTIN"_s,
        u"TTOU"_s,
        u"URG"_s,
        u"USR1"_s,
        u"USR2"_s,
        u"VTALRM"_s,
        u"WINCH"_s,
        u"XCPU"_s,
        u"XFSZ"_s,
        u"RTMIN"_s,
        u"RTMAX"_s,
    };
    QString name = signal.toUpper();
    if (name.startsWith("SIG"_L1))
        name = name.mid(3);
    if (names.contains(name))
        return true;
    // RTMIN+1 .. RTMIN+15 and RTMAX-14 .. RTMAX-1, as Go's signal map has them.
    for (const QLatin1StringView base : { "RTMIN+"_L1, "RTMAX-"_L1 }) {
        if (name.startsWith(base)) {
            bool ok = false;
            const int offset = name.mid(base.size()).toInt(&ok);
            return ok && offset >= 1 && offset <= (base == "RTMIN+"_L1 ? 15 : 14);
        }
    }
    return false;
}

Result<> readConfig(JsonFields &config, Spec &spec)
{
    spec.image = config.string("Image"_L1);
    spec.hostname = config.string("Hostname"_L1);
    spec.domainname = config.string("Domainname"_L1);
    spec.user = config.string("User"_L1);
    spec.attachStdin = config.boolean("AttachStdin"_L1);
    spec.attachStdout = config.boolean("AttachStdout"_L1);
    spec.attachStderr = config.boolean("AttachStderr"_L1);
    spec.tty = config.boolean("Tty"_L1);
    spec.openStdin = config.boolean("OpenStdin"_L1);
    spec.stdinOnce = config.boolean("StdinOnce"_L1);
    spec.env = config.strings("Env"_L1);
    spec.cmd = config.stringOrStrings("Cmd"_L1);
    spec.entrypoint = config.stringOrStrings("Entrypoint"_L1);
    spec.workingDir = config.string("WorkingDir"_L1);
    spec.labels = config.stringMap("Labels"_L1);
    spec.stopSignal = config.string("StopSignal"_L1);
    const std::optional<qint64> stopTimeout = config.optionalInteger("StopTimeout"_L1);
    const QJsonObject exposedPorts = config.object("ExposedPorts"_L1);
    if (config.error())
        return fail(*config.error());

    if (spec.image.isEmpty())
        return fail(Code::InvalidArgument, u"no image was given: Image must not be empty"_s);
    if (stopTimeout)
        spec.stopTimeout = int(std::clamp<qint64>(*stopTimeout, -1, 1'000'000'000));
    // [""] is how the CLI says --entrypoint "": no entrypoint at all.
    if (spec.entrypoint && spec.entrypoint->size() == 1 && spec.entrypoint->first().isEmpty())
        spec.entrypoint = QStringList{};
    if (!spec.workingDir.isEmpty()) {
        if (!spec.workingDir.startsWith(u'/'))
            return fail(Code::InvalidArgument,
                u"the working directory '%1' is invalid, it needs to be an absolute path"_s.arg(spec.workingDir));
        spec.workingDir = detail::cleanPath(spec.workingDir);
    }
    if (!spec.stopSignal.isEmpty() && !isValidSignal(spec.stopSignal))
        return fail(Code::InvalidArgument, u"Invalid signal: %1"_s.arg(spec.stopSignal));
    for (const QString &variable : std::as_const(spec.env)) {
        if (variable.section(u'=', 0, 0).isEmpty())
            return fail(Code::InvalidArgument, u"invalid environment variable: %1"_s.arg(variable));
    }
    for (const QString &key : exposedPorts.keys()) {
        auto port = detail::parsePortKey(key);
        if (!port)
            return fail(port.error());
        const QString normalized = u"%1/%2"_s.arg(port->first).arg(port->second);
        if (!spec.exposedPorts.contains(normalized))
            spec.exposedPorts.append(normalized);
    }
    std::sort(spec.exposedPorts.begin(), spec.exposedPorts.end());
    return detail::readVolumes(config, spec);
}

QJsonValue listOrNull(const std::optional<QStringList> &list)
{
    return list ? QJsonValue(QJsonArray::fromStringList(*list)) : QJsonValue(QJsonValue::Null);
}

} // namespace

Result<Spec> Spec::fromDockerJson(const QJsonObject &body)
{
    Spec spec;
    JsonFields config(body, QString());
    const QJsonObject hostConfig = config.object("HostConfig"_L1);
    const QJsonObject networkingConfig = config.object("NetworkingConfig"_L1);
    if (config.error())
        return fail(*config.error());
    if (auto read = readConfig(config, spec); !read)
        return fail(read.error());
    JsonFields hostFields(hostConfig, u"HostConfig."_s);
    if (auto read = detail::readHostConfig(hostFields, spec); !read)
        return fail(read.error());
    if (auto read = detail::readNetworkingConfig(networkingConfig, spec); !read)
        return fail(read.error());
    return spec;
}

QJsonObject Spec::configJson() const
{
    QJsonObject config{
        { u"Hostname"_s, hostname },
        { u"Domainname"_s, domainname },
        { u"User"_s, user },
        { u"AttachStdin"_s, attachStdin },
        { u"AttachStdout"_s, attachStdout },
        { u"AttachStderr"_s, attachStderr },
        { u"Tty"_s, tty },
        { u"OpenStdin"_s, openStdin },
        { u"StdinOnce"_s, stdinOnce },
        { u"Env"_s, QJsonArray::fromStringList(env) },
        { u"Cmd"_s, listOrNull(cmd) },
        { u"Image"_s, image },
        { u"WorkingDir"_s, workingDir },
        { u"Entrypoint"_s, listOrNull(entrypoint) },
        { u"OnBuild"_s, QJsonValue::Null },
    };
    QJsonObject labelsObject;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        labelsObject.insert(it.key(), it.value());
    config.insert(u"Labels"_s, labelsObject);
    if (!exposedPorts.isEmpty()) {
        QJsonObject ports;
        for (const QString &port : exposedPorts)
            ports.insert(port, QJsonObject());
        config.insert(u"ExposedPorts"_s, ports);
    }
    QJsonObject volumesObject;
    for (const QString &target : volumes)
        volumesObject.insert(target, QJsonObject());
    config.insert(u"Volumes"_s, volumes.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(volumesObject));
    if (!stopSignal.isEmpty())
        config.insert(u"StopSignal"_s, stopSignal);
    if (stopTimeout)
        config.insert(u"StopTimeout"_s, *stopTimeout);
    return config;
}

QJsonObject Spec::toDockerJson() const
{
    QJsonObject body = configJson();
    body.insert(u"HostConfig"_s, hostConfigJson());
    QJsonObject endpoints;
    for (auto it = networkAliases.begin(); it != networkAliases.end(); ++it) {
        const QJsonValue aliases
            = it.value().isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonArray::fromStringList(it.value()));
        endpoints.insert(it.key(), QJsonObject{ { u"Aliases"_s, aliases } });
    }
    for (auto it = networkIps.begin(); it != networkIps.end(); ++it) {
        QJsonObject endpoint = endpoints.value(it.key()).toObject();
        endpoint.insert(u"IPAMConfig"_s, QJsonObject{ { u"IPv4Address"_s, it.value() } });
        endpoints.insert(it.key(), endpoint);
    }
    body.insert(u"NetworkingConfig"_s, QJsonObject{ { u"EndpointsConfig"_s, endpoints } });
    return body;
}

Result<ConsoleSize> parseConsoleSize(const QJsonValue &value, const QString &where)
{
    if (value.isNull() || value.isUndefined())
        return ConsoleSize{};
    const QJsonArray pair = value.toArray();
    const auto dimension = [](const QJsonValue &v) {
        const double d = v.toDouble(-1);
        return v.isDouble() && d >= 0 && d <= 65535 && d == double(int(d)) ? int(d) : -1;
    };
    if (!value.isArray() || pair.size() != 2 || dimension(pair[0]) < 0 || dimension(pair[1]) < 0)
        return fail(Code::InvalidArgument,
            QStringLiteral("invalid %1: expected [height, width], got %2")
                .arg(where,
                    QString::fromUtf8(QJsonDocument(QJsonArray{ value }).toJson(QJsonDocument::Compact))
                        .mid(1)
                        .chopped(1)));
    return ConsoleSize{ dimension(pair[0]), dimension(pair[1]) };
}

Result<std::pair<RestartPolicy, int>> parseRestartPolicy(const QString &name, int maxRetries)
{
    QString policy = name;
    // The CLI's "on-failure:3" form.
    if (const qsizetype colon = name.indexOf(u':'); colon >= 0) {
        policy = name.left(colon);
        if (policy.isEmpty())
            return fail(Code::InvalidArgument, u"invalid restart policy format: no policy provided before colon"_s);
        bool ok = false;
        maxRetries = name.mid(colon + 1).toInt(&ok);
        if (!ok)
            return fail(
                Code::InvalidArgument, u"invalid restart policy format: maximum retry count must be an integer"_s);
    }
    RestartPolicy parsed = RestartPolicy::No;
    if (policy == "always"_L1)
        parsed = RestartPolicy::Always;
    else if (policy == "unless-stopped"_L1)
        parsed = RestartPolicy::UnlessStopped;
    else if (policy == "on-failure"_L1)
        parsed = RestartPolicy::OnFailure;
    else if (policy.isEmpty())
        return std::pair{ RestartPolicy::No, 0 }; // a count without a name is ignored, as Docker does
    else if (policy != "no"_L1)
        return fail(Code::InvalidArgument,
            u"invalid restart policy: unknown policy '%1'; use one of 'no', 'always', 'on-failure', or "
            "'unless-stopped'"_s.arg(policy));

    if (parsed == RestartPolicy::OnFailure) {
        if (maxRetries < 0)
            return fail(Code::InvalidArgument, u"invalid restart policy: maximum retry count cannot be negative"_s);
        return std::pair{ parsed, maxRetries };
    }
    if (maxRetries != 0)
        return fail(Code::InvalidArgument,
            u"invalid restart policy: maximum retry count can only be used with 'on-failure'"_s
                + (maxRetries < 0 ? u" and cannot be negative"_s : QString()));
    return std::pair{ parsed, 0 };
}

QString restartPolicyName(RestartPolicy policy)
{
    switch (policy) {
    case RestartPolicy::No:
        return u"no"_s;
    case RestartPolicy::OnFailure:
        return u"on-failure"_s;
    case RestartPolicy::Always:
        return u"always"_s;
    case RestartPolicy::UnlessStopped:
        return u"unless-stopped"_s;
    }
    return u"no"_s;
}

} // namespace muelle::engine::containerspec
