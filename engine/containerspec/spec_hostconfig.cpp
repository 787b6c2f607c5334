// HostConfig and NetworkingConfig of a create body: network mode, ports,
// restart policy, privileges, resolver, logging and resource limits, checked
// as dockerd checks them (daemon/container.go, daemon_unix.go, runconfig).
#include "engine/containerspec/spec.h"
#include "engine/containerspec/spec_p.h"

#include <QJsonDocument>
#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace muelle::engine::containerspec {

namespace {

using detail::invalid;
using detail::JsonFields;

constexpr qint64 minimumMemory = 6 * 1024 * 1024; // dockerd's floor, to leave room for startup

// HostConfig fields Muelle does not implement, with the values that ask for
// nothing (besides null, "", 0, false, [] and {}): asking more is refused
// rather than silently ignored.
struct Unsupported {
    QLatin1StringView key;
    QStringList accepted;
};

const QList<Unsupported> &unsupportedFields()
{
    static const QList<Unsupported> fields = {
        { "PidMode"_L1, {} },
        { "IpcMode"_L1, { u"private"_s, u"shareable"_s } },
        { "UTSMode"_L1, {} },
        { "UsernsMode"_L1, { u"host"_s } },
        { "CgroupnsMode"_L1, { u"private"_s } },
        { "Cgroup"_L1, {} },
        { "CgroupParent"_L1, {} },
        { "Isolation"_L1, { u"default"_s } },
        { "Runtime"_L1, { u"runc"_s } },
        { "VolumeDriver"_L1, { u"local"_s } },
        { "VolumesFrom"_L1, {} },
        { "Links"_L1, {} },
        { "Devices"_L1, {} },
        { "DeviceRequests"_L1, {} },
        { "DeviceCgroupRules"_L1, {} },
        { "Sysctls"_L1, {} },
        { "StorageOpt"_L1, {} },
        { "OomScoreAdj"_L1, {} },
        { "BlkioWeightDevice"_L1, {} },
        { "BlkioDeviceReadBps"_L1, {} },
        { "BlkioDeviceWriteBps"_L1, {} },
        { "BlkioDeviceReadIOps"_L1, {} },
        { "BlkioDeviceWriteIOps"_L1, {} },
        { "CpuRealtimePeriod"_L1, {} },
        { "CpuRealtimeRuntime"_L1, {} },
        { "KernelMemoryTCP"_L1, {} },
        { "CpuCount"_L1, {} },
        { "CpuPercent"_L1, {} },
        { "IOMaximumIOps"_L1, {} },
        { "IOMaximumBandwidth"_L1, {} },
        { "Annotations"_L1, {} },
    };
    return fields;
}

bool asksNothing(const QJsonValue &value, const QStringList &accepted)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return true;
    case QJsonValue::Bool:
        return !value.toBool();
    case QJsonValue::Double:
        return value.toDouble() == 0;
    case QJsonValue::String:
        return value.toString().isEmpty() || accepted.contains(value.toString());
    case QJsonValue::Array:
        return value.toArray().isEmpty();
    case QJsonValue::Object:
        return value.toObject().isEmpty();
    }
    return false;
}

QString compact(const QJsonValue &value)
{
    if (value.isString())
        return u'"' + value.toString() + u'"';
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return value.isArray() || value.isObject() ? QString::fromUtf8(document.toJson(QJsonDocument::Compact))
                                               : QString::number(value.toDouble());
}

Result<> refuseUnsupported(const QJsonObject &hostConfig)
{
    for (const Unsupported &field : unsupportedFields()) {
        const QJsonValue value = hostConfig.value(field.key);
        if (!asksNothing(value, field.accepted))
            return invalid(u"HostConfig.%1 is not supported by muelle: %2"_s.arg(field.key, compact(value)));
    }
    // -1 is how clients say "the kernel's default".
    const QJsonValue swappiness = hostConfig.value("MemorySwappiness"_L1);
    if (!asksNothing(swappiness, {}) && swappiness.toDouble() != -1)
        return invalid(u"HostConfig.MemorySwappiness is not supported by muelle: %1"_s.arg(compact(swappiness)));
    return {};
}

const QStringList &capabilityNames()
{
    static const QStringList names = {
        u"CHOWN"_s,
        u"DAC_OVERRIDE"_s,
        u"DAC_READ_SEARCH"_s,
        u"FOWNER"_s,
        u"FSETID"_s,
        u"KILL"_s,
        u"SETGID"_s,
        u"SETUID"_s,
        u"SETPCAP"_s,
        u"LINUX_IMMUTABLE"_s,
        u"NET_BIND_SERVICE"_s,
        u"NET_BROADCAST"_s,
        u"NET_ADMIN"_s,
        u"NET_RAW"_s,
        u"IPC_LOCK"_s,
        u"IPC_OWNER"_s,
        u"SYS_MODULE"_s,
        u"SYS_RAWIO"_s,
        u"SYS_CHROOT"_s,
        u"SYS_PTRACE"_s,
        u"SYS_PACCT"_s,
        u"SYS_ADMIN"_s,
        u"SYS_BOOT"_s,
        u"SYS_NICE"_s,
        u"SYS_RESOURCE"_s,
        u"SYS_TIME"_s,
        u"SYS_TTY_CONFIG"_s,
        u"MKNOD"_s,
        u"LEASE"_s,
        u"AUDIT_WRITE"_s,
        u"AUDIT_CONTROL"_s,
        u"SETFCAP"_s,
        u"MAC_OVERRIDE"_s,
        u"MAC_ADMIN"_s,
        u"SYSLOG"_s,
        u"WAKE_ALARM"_s,
        u"BLOCK_SUSPEND"_s,
        u"AUDIT_READ"_s,
        u"PERFMON"_s,
        u"BPF"_s,
        u"CHECKPOINT_RESTORE"_s,
    };
    return names;
}

// "net_admin", "CAP_NET_ADMIN" -> "NET_ADMIN"; "all" -> "ALL".
Result<QStringList> normalizeCapabilities(const QStringList &capabilities, QLatin1StringView field)
{
    QStringList normalized;
    for (const QString &capability : capabilities) {
        QString name = capability.toUpper();
        if (name.startsWith("CAP_"_L1))
            name = name.mid(4);
        if (name != "ALL"_L1 && !capabilityNames().contains(name))
            return invalid(u"invalid %1: unknown capability: \"CAP_%2\""_s.arg(field, name));
        normalized.append(name);
    }
    return normalized;
}

bool isGoBool(const QString &text)
{
    static const QStringList values = { u"1"_s, u"t"_s, u"T"_s, u"TRUE"_s, u"true"_s, u"True"_s, u"0"_s, u"f"_s, u"F"_s,
        u"FALSE"_s, u"false"_s, u"False"_s };
    return values.contains(text);
}

Result<> checkSecurityOptions(const QStringList &options)
{
    for (const QString &option : options) {
        if (option == "no-new-privileges"_L1 || option == "disable"_L1)
            continue;
        const qsizetype separator = option.contains(u'=') ? option.indexOf(u'=') : option.indexOf(u':');
        if (separator < 0)
            return invalid(u"invalid --security-opt 1: \"%1\""_s.arg(option));
        const QString key = option.left(separator);
        const QString value = option.mid(separator + 1);
        const bool known = key == "label"_L1 || key == "apparmor"_L1 || key == "seccomp"_L1
            || (key == "no-new-privileges"_L1 && isGoBool(value)) || (key == "writable-cgroups"_L1 && isGoBool(value))
            || (key == "systempaths"_L1 && value == "unconfined"_L1);
        if (!known)
            return invalid(u"invalid --security-opt 2: \"%1\""_s.arg(option));
    }
    return {};
}

// "name:ip", "name=ip", "a;b:ip", "name:[::1]" or "name:host-gateway".
Result<> checkExtraHost(const QString &entry)
{
    qsizetype separator = entry.indexOf(u'=');
    if (separator < 0)
        separator = entry.indexOf(u':');
    const QString names = entry.left(separator);
    QString address = entry.mid(separator + 1);
    if (separator < 0 || names.isEmpty() || names.contains(u':'))
        return invalid(u"bad format for add-host: \"%1\""_s.arg(entry));
    if (names.split(u';').contains(QString()))
        return invalid(u"hostname in add-host \"%1\" is empty"_s.arg(entry));
    if (address == "host-gateway"_L1)
        return {};
    if (address.size() > 2 && address.startsWith(u'[') && address.endsWith(u']'))
        address = address.mid(1, address.size() - 2);
    if (!detail::isIpAddress(address))
        return invalid(u"invalid IP address in add-host: \"%1\""_s.arg(address));
    return {};
}

Result<> readNetworkMode(JsonFields &hostConfig, Spec &spec)
{
    spec.networkMode = hostConfig.string("NetworkMode"_L1);
    if (spec.networkMode.isEmpty())
        spec.networkMode = u"default"_s;
    if (spec.networkMode != "container"_L1 && !spec.networkMode.startsWith("container:"_L1))
        return {};
    // dockerd also refuses ExposedPorts here, but a stored spec holds the
    // image's too (merged at create), and must read back.
    if (spec.networkMode.section(u':', 1).isEmpty())
        return invalid(u"invalid network mode: invalid container format container:<name|id>"_s);
    if (!spec.hostname.isEmpty())
        return invalid(u"conflicting options: hostname and the network mode"_s);
    if (!spec.dns.isEmpty())
        return invalid(u"conflicting options: dns and the network mode"_s);
    if (!spec.extraHosts.isEmpty())
        return invalid(u"conflicting options: custom host-to-IP mapping and the network mode"_s);
    if (!spec.portBindings.isEmpty() || spec.publishAllPorts)
        return invalid(u"conflicting options: port publishing and the container type network mode"_s);
    return {};
}

Result<PortBinding> readPortBinding(const QJsonObject &object, int port, const QString &protocol)
{
    JsonFields fields(object, u"HostConfig.PortBindings."_s);
    PortBinding binding{ port, protocol, fields.string("HostIp"_L1), 0 };
    const QString hostPort = fields.string("HostPort"_L1);
    if (fields.error())
        return fail(*fields.error());
    if (binding.hostIp.size() > 2 && binding.hostIp.startsWith(u'[') && binding.hostIp.endsWith(u']'))
        binding.hostIp = binding.hostIp.mid(1, binding.hostIp.size() - 2);
    if (!binding.hostIp.isEmpty() && !detail::isIpAddress(binding.hostIp))
        return invalid(u"invalid host IP address in port binding: \"%1\""_s.arg(binding.hostIp));
    if (hostPort.isEmpty())
        return binding;
    const QStringList range = hostPort.split(u'-');
    QList<int> ends;
    for (const QString &end : range) {
        bool ok = false;
        const int number = end.toInt(&ok);
        if (!ok || number < 0 || number > 65535 || end.isEmpty() || !end.front().isDigit() || range.size() > 2)
            return invalid(u"invalid port specification: \"%1\""_s.arg(hostPort));
        ends.append(number);
    }
    if (ends.size() == 2 && ends[0] > ends[1])
        return invalid(u"invalid port specification: \"%1\""_s.arg(hostPort));
    if (ends.size() == 2 && ends[0] != ends[1])
        return invalid(
            u"host port range \"%1\" is not supported: publish each container port on one host port"_s.arg(hostPort));
    binding.hostPort = ends[0];
    return binding;
}

Result<> readPortBindings(JsonFields &hostConfig, Spec &spec)
{
    const QJsonObject bindings = hostConfig.object("PortBindings"_L1);
    if (hostConfig.error())
        return fail(*hostConfig.error());
    for (auto it = bindings.begin(); it != bindings.end(); ++it) {
        auto key = detail::parsePortKey(it.key());
        if (!key)
            return fail(key.error());
        if (!it.value().isArray() && !it.value().isNull())
            return invalid(u"invalid HostConfig.PortBindings.%1: expected an array"_s.arg(it.key()));
        for (const QJsonValue item : it.value().toArray()) {
            if (!item.isObject() && !item.isNull())
                return invalid(u"invalid HostConfig.PortBindings.%1: expected an array of objects"_s.arg(it.key()));
            auto binding = readPortBinding(item.toObject(), key->first, key->second);
            if (!binding)
                return fail(binding.error());
            spec.portBindings.append(*binding);
        }
    }
    // Keyed as inspect writes them back, so a round trip keeps the order.
    const auto keyOf = [](const PortBinding &b) { return u"%1/%2"_s.arg(b.containerPort).arg(b.protocol); };
    std::stable_sort(spec.portBindings.begin(), spec.portBindings.end(),
        [&](const PortBinding &a, const PortBinding &b) { return keyOf(a) < keyOf(b); });
    return {};
}

Result<> readLogConfig(JsonFields &hostConfig, Spec &spec)
{
    JsonFields logConfig(hostConfig.object("LogConfig"_L1), u"HostConfig.LogConfig."_s);
    spec.logType = logConfig.string("Type"_L1);
    const QMap<QString, QString> options = logConfig.stringMap("Config"_L1);
    if (hostConfig.error() || logConfig.error())
        return fail(hostConfig.error() ? *hostConfig.error() : *logConfig.error());
    if (spec.logType.isEmpty())
        spec.logType = u"json-file"_s;
    if (spec.logType == "none"_L1)
        return {}; // dockerd ignores options for "none"
    if (spec.logType != "json-file"_L1)
        return invalid(u"logger: no log driver named '%1' is registered"_s.arg(spec.logType));
    for (auto it = options.begin(); it != options.end(); ++it) {
        if (it.key() == "max-size"_L1) {
            // json-file sizes are decimal: "10m" is 10,000,000 bytes.
            const std::optional<qint64> size = detail::parseSize(it.value(), 1000);
            if (!size)
                return invalid(u"invalid size: '%1'"_s.arg(it.value()));
            if (*size <= 0)
                return invalid(u"max-size must be a positive number"_s);
            spec.logMaxSize = *size;
        } else if (it.key() == "max-file"_L1) {
            bool ok = false;
            spec.logMaxFile = it.value().toInt(&ok);
            if (!ok)
                return invalid(u"invalid max-file: strconv.Atoi: parsing \"%1\": invalid syntax"_s.arg(it.value()));
            if (spec.logMaxFile < 1)
                return invalid(u"max-file cannot be less than 1"_s);
        } else if (QStringList{ u"compress"_s, u"labels"_s, u"labels-regex"_s, u"env"_s, u"env-regex"_s, u"tag"_s }
                       .contains(it.key())) {
            return invalid(u"log opt '%1' of the json-file log driver is not supported by muelle"_s.arg(it.key()));
        } else {
            return invalid(u"unknown log opt '%1' for json-file log driver"_s.arg(it.key()));
        }
    }
    return {};
}

// "0-3,5" as the kernel's cpuset lists take them.
bool isUintList(const QString &list)
{
    if (list.isEmpty())
        return true;
    for (const QString &item : list.split(u',')) {
        const QStringList ends = item.split(u'-');
        bool ok1 = false;
        bool ok2 = true;
        const int low = ends[0].toUInt(&ok1);
        const int high = ends.size() == 2 ? ends[1].toUInt(&ok2) : low;
        if (ends.size() > 2 || !ok1 || !ok2 || high < low)
            return false;
    }
    return true;
}

Result<> readUlimits(JsonFields &hostConfig, Resources &resources)
{
    static const QStringList names
        = { u"core"_s, u"cpu"_s, u"data"_s, u"fsize"_s, u"locks"_s, u"memlock"_s, u"msgqueue"_s, u"nice"_s, u"nofile"_s,
              u"nproc"_s, u"rss"_s, u"rtprio"_s, u"rttime"_s, u"sigpending"_s, u"stack"_s };
    for (const QJsonValue item : hostConfig.array("Ulimits"_L1)) {
        JsonFields fields(item.toObject(), u"HostConfig.Ulimits."_s);
        const Ulimit ulimit{ fields.string("Name"_L1), fields.integer("Soft"_L1), fields.integer("Hard"_L1) };
        if (fields.error())
            return fail(*fields.error());
        if (!names.contains(ulimit.name))
            return invalid(u"invalid ulimit type: %1"_s.arg(ulimit.name));
        if (ulimit.hard != -1 && (ulimit.soft == -1 || ulimit.soft > ulimit.hard))
            return invalid(u"ulimit soft limit must be less than or equal to hard limit: %1 > %2"_s.arg(ulimit.soft)
                               .arg(ulimit.hard));
        resources.ulimits.append(ulimit);
    }
    return {};
}

Result<> checkMemory(const Resources &r)
{
    if (r.memory != 0 && r.memory < minimumMemory)
        return invalid(u"Minimum memory limit allowed is 6MB"_s);
    if (r.memory > 0 && r.memorySwap > 0 && r.memorySwap < r.memory)
        return invalid(u"Minimum memoryswap limit should be larger than memory limit, see usage"_s);
    if (r.memory == 0 && r.memorySwap > 0)
        return invalid(u"You should always set the Memory limit when using Memoryswap limit, see usage"_s);
    if (r.memoryReservation > 0 && r.memoryReservation < minimumMemory)
        return invalid(u"Minimum memory reservation allowed is 6MB"_s);
    if (r.memory > 0 && r.memoryReservation > 0 && r.memory < r.memoryReservation)
        return invalid(u"Minimum memory limit can not be less than memory reservation limit, see usage"_s);
    return {};
}

Result<> checkCpu(const Resources &r)
{
    if (r.nanoCpus > 0 && r.cpuPeriod > 0)
        return invalid(u"Conflicting options: Nano CPUs and CPU Period cannot both be set"_s);
    if (r.nanoCpus > 0 && r.cpuQuota > 0)
        return invalid(u"Conflicting options: Nano CPUs and CPU Quota cannot both be set"_s);
    const int cpus = QThread::idealThreadCount();
    if (r.nanoCpus < 0 || r.nanoCpus > qint64(cpus) * 1'000'000'000)
        return invalid(u"Range of CPUs is from 0.01 to %1.00, as there are only %1 CPUs available"_s.arg(cpus));
    if (r.cpuShares < 0)
        return invalid(u"invalid CPU shares %1: shares can not be negative"_s.arg(r.cpuShares));
    if (r.cpuPeriod != 0 && (r.cpuPeriod < 1000 || r.cpuPeriod > 1'000'000))
        return invalid(u"CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)"_s);
    if (r.cpuQuota > 0 && r.cpuQuota < 1000)
        return invalid(u"CPU cfs quota can not be less than 1ms (i.e. 1000)"_s);
    if (!isUintList(r.cpusetCpus))
        return invalid(u"Invalid value %1 for cpuset cpus: invalid format: %1"_s.arg(r.cpusetCpus));
    if (!isUintList(r.cpusetMems))
        return invalid(u"Invalid value %1 for cpuset mems: invalid format: %1"_s.arg(r.cpusetMems));
    if (r.blkioWeight != 0 && (r.blkioWeight < 10 || r.blkioWeight > 1000))
        return invalid(u"Range of blkio weight is from 10 to 1000"_s);
    return {};
}

void readResourceFields(JsonFields &hostConfig, Resources &r)
{
    r.memory = hostConfig.integer("Memory"_L1);
    r.memorySwap = hostConfig.integer("MemorySwap"_L1);
    r.memoryReservation = hostConfig.integer("MemoryReservation"_L1);
    r.nanoCpus = hostConfig.integer("NanoCpus"_L1);
    r.cpuShares = hostConfig.integer("CpuShares"_L1);
    r.cpuPeriod = hostConfig.integer("CpuPeriod"_L1);
    r.cpuQuota = hostConfig.integer("CpuQuota"_L1);
    r.cpusetCpus = hostConfig.string("CpusetCpus"_L1);
    r.cpusetMems = hostConfig.string("CpusetMems"_L1);
    r.pidsLimit = std::max<qint64>(hostConfig.integer("PidsLimit"_L1), 0); // 0 and below: unlimited
    r.blkioWeight = hostConfig.integer("BlkioWeight"_L1);
    r.oomKillDisable = hostConfig.boolean("OomKillDisable"_L1);
}

Result<> readResources(JsonFields &hostConfig, Resources &r)
{
    readResourceFields(hostConfig, r);
    if (auto read = readUlimits(hostConfig, r); !read)
        return read;
    if (hostConfig.error())
        return fail(*hostConfig.error());
    if (auto checked = checkMemory(r); !checked)
        return checked;
    return checkCpu(r);
}

Result<> readPrivileges(JsonFields &hostConfig, Spec &spec)
{
    spec.privileged = hostConfig.boolean("Privileged"_L1);
    spec.readonlyRootfs = hostConfig.boolean("ReadonlyRootfs"_L1);
    spec.securityOpt = hostConfig.strings("SecurityOpt"_L1);
    spec.groupAdd = hostConfig.strings("GroupAdd"_L1);
    auto capAdd = normalizeCapabilities(hostConfig.strings("CapAdd"_L1), "CapAdd"_L1);
    auto capDrop = normalizeCapabilities(hostConfig.strings("CapDrop"_L1), "CapDrop"_L1);
    if (hostConfig.error())
        return fail(*hostConfig.error());
    if (!capAdd || !capDrop)
        return fail(!capAdd ? capAdd.error() : capDrop.error());
    spec.capAdd = *capAdd;
    spec.capDrop = *capDrop;
    return checkSecurityOptions(spec.securityOpt);
}

Result<> readResolver(JsonFields &hostConfig, Spec &spec)
{
    spec.dns = hostConfig.strings("Dns"_L1);
    spec.dnsSearch = hostConfig.strings("DnsSearch"_L1);
    spec.dnsOptions = hostConfig.strings("DnsOptions"_L1);
    spec.extraHosts = hostConfig.strings("ExtraHosts"_L1);
    if (hostConfig.error())
        return fail(*hostConfig.error());
    for (const QString &server : std::as_const(spec.dns)) {
        if (!detail::isIpAddress(server))
            return invalid(u"%1 is not an ip address"_s.arg(server));
    }
    for (const QString &entry : std::as_const(spec.extraHosts)) {
        if (auto checked = checkExtraHost(entry); !checked)
            return checked;
    }
    return {};
}

Result<> readRestart(JsonFields &hostConfig, Spec &spec)
{
    JsonFields restart(hostConfig.object("RestartPolicy"_L1), u"HostConfig.RestartPolicy."_s);
    const QString name = restart.string("Name"_L1);
    const qint64 retries = restart.integer("MaximumRetryCount"_L1);
    spec.autoRemove = hostConfig.boolean("AutoRemove"_L1);
    if (hostConfig.error() || restart.error())
        return fail(hostConfig.error() ? *hostConfig.error() : *restart.error());
    if (spec.autoRemove && !name.isEmpty() && name != "no"_L1)
        return invalid(u"can't create 'AutoRemove' container with restart policy"_s);
    auto policy = parseRestartPolicy(name, int(std::clamp<qint64>(retries, -1, 1'000'000'000)));
    if (!policy)
        return fail(policy.error());
    spec.restartPolicy = policy->first;
    spec.restartMaxRetries = policy->second;
    return {};
}

} // namespace

namespace detail {

Result<> readHostConfig(JsonFields &hostConfig, Spec &spec)
{
    for (const auto read : { readRestart, readMounts, readResolver, readPortBindings, readPrivileges, readLogConfig }) {
        if (auto done = read(hostConfig, spec); !done)
            return done;
    }
    if (auto done = readResources(hostConfig, spec.resources); !done)
        return done;
    spec.publishAllPorts = hostConfig.boolean("PublishAllPorts"_L1);
    spec.shmSize = hostConfig.integer("ShmSize"_L1);
    spec.init = hostConfig.boolean("Init"_L1);
    if (hostConfig.error())
        return fail(*hostConfig.error());
    auto consoleSize = parseConsoleSize(hostConfig.raw().value("ConsoleSize"_L1), u"HostConfig.ConsoleSize"_s);
    if (!consoleSize)
        return fail(consoleSize.error());
    spec.consoleSize = *consoleSize;
    if (spec.shmSize < 0)
        return invalid(u"SHM size can not be less than 0"_s);
    if (auto done = readNetworkMode(hostConfig, spec); !done)
        return done;
    return refuseUnsupported(hostConfig.raw());
}

Result<> readNetworkingConfig(const QJsonObject &networkingConfig, Spec &spec)
{
    JsonFields fields(networkingConfig, u"NetworkingConfig."_s);
    const QJsonObject endpoints = fields.object("EndpointsConfig"_L1);
    if (fields.error())
        return fail(*fields.error());
    static const QStringList predefined = { u"default"_s, u"bridge"_s, u"host"_s, u"none"_s };
    for (auto it = endpoints.begin(); it != endpoints.end(); ++it) {
        if (!it.value().isObject() && !it.value().isNull())
            return invalid(u"invalid NetworkingConfig.EndpointsConfig.%1: expected an object"_s.arg(it.key()));
        JsonFields endpoint(it.value().toObject(), u"NetworkingConfig.EndpointsConfig.%1."_s.arg(it.key()));
        const QStringList aliases = endpoint.strings("Aliases"_L1);
        if (endpoint.error())
            return fail(*endpoint.error());
        if (!aliases.isEmpty() && predefined.contains(it.key()))
            return invalid(u"network-scoped alias is supported only for containers in user defined networks"_s);
        spec.networkAliases.insert(it.key(), aliases);
        JsonFields ipam(
            endpoint.object("IPAMConfig"_L1), u"NetworkingConfig.EndpointsConfig.%1.IPAMConfig."_s.arg(it.key()));
        const QString ip = ipam.string("IPv4Address"_L1);
        if (endpoint.error() || ipam.error())
            return fail(endpoint.error() ? *endpoint.error() : *ipam.error());
        if (!ip.isEmpty()) {
            if (predefined.contains(it.key()))
                return invalid(u"user specified IP address is supported on user defined networks only"_s);
            if (!detail::isIpAddress(ip) || ip.contains(u':'))
                return invalid(u"invalid IPv4 address: %1"_s.arg(ip));
            spec.networkIps.insert(it.key(), ip);
        }
        if (!ipam.string("IPv6Address"_L1).isEmpty())
            return invalid(u"IPv6 addresses are not supported by muelle yet"_s);
    }
    return {};
}

} // namespace detail

Result<Resources> updatedResources(const QJsonObject &body, const Resources &current)
{
    JsonFields fields(body, QString());
    Resources asked;
    readResourceFields(fields, asked);
    if (fields.error())
        return fail(*fields.error());
    Resources r = current;
    const auto take = [&](QLatin1StringView key, auto &target, const auto &value) {
        if (body.contains(key) && value != std::remove_reference_t<decltype(value)>{})
            target = value;
    };
    take("Memory"_L1, r.memory, asked.memory);
    take("MemorySwap"_L1, r.memorySwap, asked.memorySwap);
    take("MemoryReservation"_L1, r.memoryReservation, asked.memoryReservation);
    take("NanoCpus"_L1, r.nanoCpus, asked.nanoCpus);
    take("CpuShares"_L1, r.cpuShares, asked.cpuShares);
    take("CpuPeriod"_L1, r.cpuPeriod, asked.cpuPeriod);
    take("CpuQuota"_L1, r.cpuQuota, asked.cpuQuota);
    take("CpusetCpus"_L1, r.cpusetCpus, asked.cpusetCpus);
    take("CpusetMems"_L1, r.cpusetMems, asked.cpusetMems);
    take("PidsLimit"_L1, r.pidsLimit, asked.pidsLimit);
    take("BlkioWeight"_L1, r.blkioWeight, asked.blkioWeight);
    if (asked.nanoCpus > 0 && (current.cpuQuota > 0 || current.cpuPeriod > 0))
        return invalid(u"Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set"_s);
    if ((asked.cpuQuota > 0 || asked.cpuPeriod > 0) && current.nanoCpus > 0)
        return invalid(u"Conflicting options: NanoCPUs cannot be updated as CPU Period/Quota has already been set"_s);
    if (asked.memory > 0 && asked.memorySwap == 0 && current.memorySwap > 0 && asked.memory > current.memorySwap)
        return invalid(u"Memory limit should be smaller than already set memoryswap limit, update the memoryswap "
                       "at the same time"_s);
    if (auto checked = checkMemory(r); !checked)
        return fail(checked.error());
    if (auto checked = checkCpu(r); !checked)
        return fail(checked.error());
    return r;
}

QJsonObject Spec::hostConfigJson() const
{
    const auto list = [](const QStringList &values) {
        return values.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonArray::fromStringList(values));
    };
    QJsonObject portMap;
    for (const PortBinding &binding : portBindings) {
        const QString key = u"%1/%2"_s.arg(binding.containerPort).arg(binding.protocol);
        QJsonArray bindings = portMap.value(key).toArray();
        bindings.append(QJsonObject{ { u"HostIp"_s, binding.hostIp },
            { u"HostPort"_s, binding.hostPort ? QString::number(binding.hostPort) : QString() } });
        portMap.insert(key, bindings);
    }
    QJsonObject logOptions;
    if (logType == "json-file"_L1 && logMaxSize > 0)
        logOptions.insert(u"max-size"_s, QString::number(logMaxSize));
    if (logType == "json-file"_L1 && logMaxFile > 1)
        logOptions.insert(u"max-file"_s, QString::number(logMaxFile));
    QJsonArray ulimitArray;
    for (const Ulimit &ulimit : resources.ulimits)
        ulimitArray.append(
            QJsonObject{ { u"Name"_s, ulimit.name }, { u"Soft"_s, ulimit.soft }, { u"Hard"_s, ulimit.hard } });

    QJsonObject hostConfig{
        { u"NetworkMode"_s, networkMode },
        { u"PortBindings"_s, portMap },
        { u"PublishAllPorts"_s, publishAllPorts },
        { u"RestartPolicy"_s,
            QJsonObject{
                { u"Name"_s, restartPolicyName(restartPolicy) }, { u"MaximumRetryCount"_s, restartMaxRetries } } },
        { u"AutoRemove"_s, autoRemove },
        { u"Privileged"_s, privileged },
        { u"ReadonlyRootfs"_s, readonlyRootfs },
        { u"CapAdd"_s, list(capAdd) },
        { u"CapDrop"_s, list(capDrop) },
        { u"SecurityOpt"_s, list(securityOpt) },
        { u"Dns"_s, QJsonArray::fromStringList(dns) },
        { u"DnsSearch"_s, QJsonArray::fromStringList(dnsSearch) },
        { u"DnsOptions"_s, QJsonArray::fromStringList(dnsOptions) },
        { u"ExtraHosts"_s, list(extraHosts) },
        { u"GroupAdd"_s, list(groupAdd) },
        { u"ShmSize"_s, shmSize },
        { u"LogConfig"_s, QJsonObject{ { u"Type"_s, logType }, { u"Config"_s, logOptions } } },
        { u"Memory"_s, resources.memory },
        { u"MemorySwap"_s, resources.memorySwap },
        { u"MemoryReservation"_s, resources.memoryReservation },
        { u"NanoCpus"_s, resources.nanoCpus },
        { u"CpuShares"_s, resources.cpuShares },
        { u"CpuPeriod"_s, resources.cpuPeriod },
        { u"CpuQuota"_s, resources.cpuQuota },
        { u"CpusetCpus"_s, resources.cpusetCpus },
        { u"CpusetMems"_s, resources.cpusetMems },
        { u"PidsLimit"_s, resources.pidsLimit > 0 ? QJsonValue(resources.pidsLimit) : QJsonValue(QJsonValue::Null) },
        { u"BlkioWeight"_s, resources.blkioWeight },
        { u"OomKillDisable"_s, resources.oomKillDisable },
        { u"Ulimits"_s, ulimitArray.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(ulimitArray) },
        // What Muelle always does, in the fields it does not let a client change.
        { u"IpcMode"_s, u"private"_s },
        { u"PidMode"_s, QString() },
        { u"CgroupnsMode"_s, u"private"_s },
        { u"Runtime"_s, u"runc"_s },
        { u"ConsoleSize"_s, QJsonArray{ consoleSize.height, consoleSize.width } },
    };
    if (init)
        hostConfig.insert(u"Init"_s, true);
    detail::writeMounts(*this, hostConfig);
    return hostConfig;
}

} // namespace muelle::engine::containerspec
