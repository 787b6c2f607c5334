// config.json as Docker's daemon builds it for `docker run` (its
// oci.DefaultSpec and daemon/oci_linux.go): the image's config under the
// create options, Docker's default mounts, namespaces and confinement, and
// the resource limits. Host devices of privileged containers are not added
// (their /dev is the usual tmpfs with the default nodes).

#include "engine/runtime/ocispec.h"
#include "engine/runtime/security.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QSysInfo>

#include <algorithm>
#include <sys/resource.h>

namespace muelle::engine::runtime {

namespace {

// Where --init's binary is mounted, as Docker does.
QString initTarget()
{
    return QStringLiteral("/sbin/docker-init");
}

using containerspec::MountType;
using containerspec::Spec;

const QString defaultPathEnv = QStringLiteral("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
constexpr qint64 defaultShmSize = 64 * 1024 * 1024;
constexpr qint64 defaultNofile = 1048576;

// --- process ---------------------------------------------------------------

QString envKey(const QString &entry)
{
    const qsizetype equals = entry.indexOf(u'=');
    return equals < 0 ? entry : entry.left(equals);
}

qsizetype envIndex(const QStringList &env, const QString &key)
{
    for (qsizetype i = 0; i < env.size(); ++i) {
        if (envKey(env[i]) == key)
            return i;
    }
    return -1;
}

// Docker's ReplaceOrAppendEnvValues: "K=v" replaces K or is appended; a
// bare "K" removes K.
void overrideEnv(QStringList &env, const QStringList &overrides)
{
    for (const QString &entry : overrides) {
        const qsizetype index = envIndex(env, envKey(entry));
        if (!entry.contains(u'=')) {
            if (index >= 0)
                env.removeAt(index);
        } else if (index >= 0) {
            env[index] = entry;
        } else {
            env.append(entry);
        }
    }
}

bool isNone(const std::optional<QStringList> &list)
{
    return list && (list->isEmpty() || *list == QStringList{ QString() });
}

// Docker's merge of the create options with the image: an entrypoint given
// at create drops the image's cmd as well; an empty cmd takes the image's.
Result<QStringList> processArgs(const Spec &spec, const oci::ImageConfig &image)
{
    QStringList args;
    if (spec.entrypoint && !isNone(spec.entrypoint)) {
        args = *spec.entrypoint + spec.cmd.value_or(QStringList());
    } else {
        args = spec.entrypoint ? QStringList() : image.entrypoint;
        args += spec.cmd && !spec.cmd->isEmpty() ? *spec.cmd : image.cmd;
    }
    if (args.isEmpty() || args.first().isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("no command specified"));
    return args;
}

QString hostnameOf(const BundleInputs &inputs)
{
    if (!inputs.spec.hostname.isEmpty())
        return inputs.spec.hostname;
    // Docker's --network host shows the host's name in the container.
    if (inputs.namespaces.hostNetwork)
        return QSysInfo::machineHostName();
    return inputs.id.left(12);
}

QStringList processEnv(const BundleInputs &inputs, const QString &hostname, const User &user)
{
    QStringList env{ QStringLiteral("PATH=") + defaultPathEnv, QStringLiteral("HOSTNAME=") + hostname };
    if (inputs.spec.tty)
        env.append(QStringLiteral("TERM=xterm"));
    overrideEnv(env, inputs.image.env);
    overrideEnv(env, inputs.spec.env);
    if (envIndex(env, QStringLiteral("HOME")) < 0)
        env.append(QStringLiteral("HOME=") + user.home);
    return env;
}

QJsonObject userJson(uint uid, uint gid, const QList<uint> &additionalGids)
{
    QJsonArray gids{ qint64(gid) }; // as Docker: the primary group first
    for (uint extra : additionalGids) {
        if (extra != gid)
            gids.append(qint64(extra));
    }
    return {
        { QStringLiteral("uid"), qint64(uid) },
        { QStringLiteral("gid"), qint64(gid) },
        { QStringLiteral("additionalGids"), gids },
    };
}

QJsonObject rlimitJson(const QString &type, qint64 soft, qint64 hard)
{
    return { { QStringLiteral("type"), type }, { QStringLiteral("soft"), soft }, { QStringLiteral("hard"), hard } };
}

qint64 hostNofileHard(const BundleInputs &inputs)
{
    if (inputs.hostNofileHard > 0)
        return inputs.hostNofileHard;
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_max == RLIM_INFINITY)
        return defaultNofile;
    return qint64(limit.rlim_max);
}

// The container's ulimits, and an open-files limit as Docker's daemon would
// pass on — but never above what this host allows, or runc cannot set it.
QJsonArray rlimits(const BundleInputs &inputs)
{
    QJsonArray list;
    bool hasNofile = false;
    for (const containerspec::Ulimit &ulimit : inputs.spec.resources.ulimits) {
        list.append(rlimitJson(QStringLiteral("RLIMIT_") + ulimit.name.toUpper(), ulimit.soft, ulimit.hard));
        hasNofile = hasNofile || ulimit.name.compare(QLatin1String("nofile"), Qt::CaseInsensitive) == 0;
    }
    if (!hasNofile) {
        const qint64 nofile = std::min(defaultNofile, hostNofileHard(inputs));
        list.append(rlimitJson(QStringLiteral("RLIMIT_NOFILE"), nofile, nofile));
    }
    return list;
}

Result<QJsonObject> processJson(const BundleInputs &inputs, const QString &hostname, const QStringList &capabilities,
    const SecurityOptions &security)
{
    const Spec &spec = inputs.spec;
    Result<QStringList> args = processArgs(spec, inputs.image);
    if (!args)
        return fail(args.error());
    if (spec.init) {
        if (inputs.initPath.isEmpty())
            return fail(Code::FailedPrecondition,
                QStringLiteral("exec: \"docker-init\": executable file not found in $PATH (--init needs tini)"));
        args->prepend(QStringLiteral("--"));
        args->prepend(initTarget());
    }
    const Result<User> user
        = resolveUser(inputs.rootfs, spec.user.isEmpty() ? inputs.image.user : spec.user, spec.groupAdd);
    if (!user)
        return fail(user.error());
    QString cwd = spec.workingDir.isEmpty() ? inputs.image.workingDir : spec.workingDir;
    if (cwd.isEmpty())
        cwd = QStringLiteral("/");

    QJsonObject process{
        { QStringLiteral("terminal"), spec.tty },
        { QStringLiteral("user"), userJson(user->uid, user->gid, user->additionalGids) },
        { QStringLiteral("args"), QJsonArray::fromStringList(*args) },
        { QStringLiteral("env"), QJsonArray::fromStringList(processEnv(inputs, hostname, *user)) },
        { QStringLiteral("cwd"), cwd },
        { QStringLiteral("capabilities"), capabilitiesJson(capabilities, user->uid) },
        { QStringLiteral("rlimits"), rlimits(inputs) },
        { QStringLiteral("oomScoreAdj"), 0 },
    };
    if (security.noNewPrivileges)
        process.insert(QStringLiteral("noNewPrivileges"), true);
    if (spec.tty && spec.consoleSize.height > 0 && spec.consoleSize.width > 0)
        process.insert(QStringLiteral("consoleSize"), consoleSizeJson(spec.consoleSize));
    return process;
}

// --- mounts ----------------------------------------------------------------

struct MountEntry {
    QString destination;
    QString type;
    QString source;
    QStringList options;

    QJsonObject toJson() const
    {
        return {
            { QStringLiteral("destination"), destination },
            { QStringLiteral("type"), type },
            { QStringLiteral("source"), source },
            { QStringLiteral("options"), QJsonArray::fromStringList(options) },
        };
    }
};

QList<MountEntry> defaultMounts(qint64 shmSize)
{
    const auto list = [](std::initializer_list<const char *> options) {
        QStringList result;
        for (const char *option : options)
            result.append(QLatin1String(option));
        return result;
    };
    const QString shm = QStringLiteral("size=%1").arg(shmSize > 0 ? shmSize : defaultShmSize);
    return {
        { QStringLiteral("/proc"), QStringLiteral("proc"), QStringLiteral("proc"),
            list({ "rw", "nosuid", "noexec", "nodev" }) },
        { QStringLiteral("/dev"), QStringLiteral("tmpfs"), QStringLiteral("tmpfs"),
            list({ "rw", "nosuid", "strictatime", "mode=755", "size=65536k" }) },
        { QStringLiteral("/dev/pts"), QStringLiteral("devpts"), QStringLiteral("devpts"),
            list({ "rw", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5" }) },
        { QStringLiteral("/sys"), QStringLiteral("sysfs"), QStringLiteral("sysfs"),
            list({ "ro", "nosuid", "noexec", "nodev" }) },
        { QStringLiteral("/sys/fs/cgroup"), QStringLiteral("cgroup"), QStringLiteral("cgroup"),
            list({ "ro", "nosuid", "noexec", "nodev" }) },
        { QStringLiteral("/dev/mqueue"), QStringLiteral("mqueue"), QStringLiteral("mqueue"),
            list({ "rw", "nosuid", "noexec", "nodev" }) },
        { QStringLiteral("/dev/shm"), QStringLiteral("tmpfs"), QStringLiteral("shm"),
            list({ "rw", "nosuid", "noexec", "nodev", "mode=1777" }) << shm },
    };
}

// Options that set the same thing: "size=1m" and "size=2m", "exec" and
// "noexec", "ro" and "rw", the propagation modes.
QString optionFamily(const QString &option)
{
    static const QStringList negatable{ QStringLiteral("exec"), QStringLiteral("suid"), QStringLiteral("dev"),
        QStringLiteral("atime"), QStringLiteral("diratime"), QStringLiteral("strictatime") };
    static const QStringList propagation{ QStringLiteral("private"), QStringLiteral("rprivate"),
        QStringLiteral("shared"), QStringLiteral("rshared"), QStringLiteral("slave"), QStringLiteral("rslave"),
        QStringLiteral("unbindable"), QStringLiteral("runbindable") };
    if (option.contains(u'='))
        return envKey(option);
    if (option == QLatin1String("ro") || option == QLatin1String("rw"))
        return QStringLiteral("rw");
    if (propagation.contains(option))
        return QStringLiteral("propagation");
    if (option.startsWith(QLatin1String("no")) && negatable.contains(option.mid(2)))
        return option.mid(2);
    return option;
}

// Later options win, as mount(8) reads them.
QStringList mergeOptions(const QStringList &options)
{
    QStringList merged;
    for (const QString &option : options) {
        const QString family = optionFamily(option);
        merged.removeIf([&](const QString &earlier) { return optionFamily(earlier) == family; });
        merged.append(option);
    }
    return merged;
}

// Docker writes a tmpfs size in the largest unit that divides it.
QString tmpfsSizeOption(qint64 size)
{
    for (const auto &[suffix, unit] :
        { std::pair{ "g", qint64(1) << 30 }, { "m", qint64(1) << 20 }, { "k", qint64(1) << 10 } }) {
        if (size % unit == 0)
            return QStringLiteral("size=%1%2").arg(size / unit).arg(QLatin1String(suffix));
    }
    return QStringLiteral("size=%1").arg(size);
}

Result<MountEntry> userMount(const ResolvedMount &resolved)
{
    const containerspec::Mount &mount = resolved.mount;
    if (mount.type == MountType::Tmpfs) {
        QStringList options{ QStringLiteral("noexec"), QStringLiteral("nosuid"), QStringLiteral("nodev"),
            QStringLiteral("rprivate") };
        if (mount.tmpfsSize > 0)
            options.append(tmpfsSizeOption(mount.tmpfsSize));
        if (mount.tmpfsMode != 0)
            options.append(QStringLiteral("mode=%1").arg(mount.tmpfsMode, 0, 8));
        if (mount.readOnly)
            options.append(QStringLiteral("ro"));
        options += mount.tmpfsOptions;
        return MountEntry{ mount.target, QStringLiteral("tmpfs"), QStringLiteral("tmpfs"), mergeOptions(options) };
    }
    const QString source
        = resolved.hostPath.isEmpty() && mount.type == MountType::Bind ? mount.source : resolved.hostPath;
    if (source.isEmpty())
        return fail(Code::Internal, QStringLiteral("mount \"%1\": the volume has no host path").arg(mount.target));
    QStringList options{ QStringLiteral("rbind") };
    if (mount.readOnly)
        options.append(QStringLiteral("ro"));
    options.append(mount.propagation.isEmpty() ? QStringLiteral("rprivate") : mount.propagation);
    return MountEntry{ mount.target, QStringLiteral("bind"), source, options };
}

int pathDepth(const QString &path)
{
    return int(path.split(u'/', Qt::SkipEmptyParts).size());
}

// The engine's /etc/hosts, /etc/resolv.conf and /etc/hostname, then the
// user's mounts, parents before children (Docker sorts them by depth).
Result<QList<MountEntry>> containerMounts(const BundleInputs &inputs)
{
    QList<MountEntry> mounts;
    QStringList targets;
    for (const ResolvedMount &mount : inputs.mounts)
        targets.append(mount.mount.target);
    const QStringList fileOptions{ QStringLiteral("rbind"), QStringLiteral("rprivate") };
    for (const auto &[file, target] : { std::pair{ inputs.hostsFile, QStringLiteral("/etc/hosts") },
             { inputs.resolvConfFile, QStringLiteral("/etc/resolv.conf") },
             { inputs.hostnameFile, QStringLiteral("/etc/hostname") } }) {
        if (file.isEmpty() || targets.contains(target))
            continue;
        QStringList options = fileOptions;
        if (inputs.spec.readonlyRootfs)
            options.insert(1, QStringLiteral("ro"));
        mounts.append({ target, QStringLiteral("bind"), file, options });
    }
    if (inputs.spec.init && !inputs.initPath.isEmpty())
        mounts.append({ initTarget(), QStringLiteral("bind"), inputs.initPath,
            { QStringLiteral("bind"), QStringLiteral("ro"), QStringLiteral("rprivate") } });
    for (const ResolvedMount &resolved : inputs.mounts) {
        Result<MountEntry> mount = userMount(resolved);
        if (!mount)
            return fail(mount.error());
        mounts.append(std::move(*mount));
    }
    std::stable_sort(mounts.begin(), mounts.end(),
        [](const MountEntry &a, const MountEntry &b) { return pathDepth(a.destination) < pathDepth(b.destination); });
    return mounts;
}

// Docker's defaults, minus those a container mount replaces (and all of
// /dev's when /dev itself is mounted), adjusted for --read-only and
// --privileged; then the container's mounts.
Result<QJsonArray> mountsJson(const BundleInputs &inputs)
{
    const Result<QList<MountEntry>> own = containerMounts(inputs);
    if (!own)
        return fail(own.error());
    QStringList ownTargets;
    for (const MountEntry &mount : *own)
        ownTargets.append(mount.destination);
    const bool ownDev = ownTargets.contains(QStringLiteral("/dev"));
    static const QStringList writableEvenReadOnly{ QStringLiteral("/proc"), QStringLiteral("/dev"),
        QStringLiteral("/dev/pts"), QStringLiteral("/dev/shm"), QStringLiteral("/dev/mqueue") };

    QJsonArray mounts;
    for (MountEntry mount : defaultMounts(inputs.spec.shmSize)) {
        if (ownTargets.contains(mount.destination) || (ownDev && mount.destination.startsWith(QLatin1String("/dev/"))))
            continue;
        if (inputs.spec.readonlyRootfs && !writableEvenReadOnly.contains(mount.destination)
            && !mount.options.contains(QLatin1String("ro")))
            mount.options.append(QStringLiteral("ro"));
        if (inputs.spec.privileged && (mount.type == QLatin1String("sysfs") || mount.type == QLatin1String("cgroup")))
            mount.options.removeAll(QStringLiteral("ro"));
        mounts.append(mount.toJson());
    }
    for (const MountEntry &mount : *own)
        mounts.append(mount.toJson());
    return mounts;
}

// --- linux -----------------------------------------------------------------

bool cgroupV2Host()
{
    return QFileInfo::exists(QStringLiteral("/sys/fs/cgroup/cgroup.controllers"));
}

bool swapAccounting()
{
    return cgroupV2Host() || QFileInfo::exists(QStringLiteral("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes"));
}

QJsonArray namespacesJson(const Namespaces &namespaces)
{
    QJsonArray list;
    for (const char *type : { "pid", "ipc", "uts", "mount" })
        list.append(QJsonObject{ { QStringLiteral("type"), QLatin1String(type) } });
    if (!namespaces.hostNetwork) {
        QJsonObject network{ { QStringLiteral("type"), QStringLiteral("network") } };
        if (!namespaces.networkPath.isEmpty())
            network.insert(QStringLiteral("path"), namespaces.networkPath);
        list.append(network);
    }
    // Docker's default: a private cgroup namespace on cgroup v2 only.
    if (cgroupV2Host())
        list.append(QJsonObject{ { QStringLiteral("type"), QStringLiteral("cgroup") } });
    return list;
}

QJsonObject memoryJson(const containerspec::Resources &r)
{
    QJsonObject memory;
    if (r.memory > 0) {
        memory.insert(QStringLiteral("limit"), r.memory);
        // Docker's default swap is as much again as the memory limit.
        if (swapAccounting())
            memory.insert(QStringLiteral("swap"), r.memorySwap != 0 ? r.memorySwap : 2 * r.memory);
    }
    if (r.memoryReservation > 0)
        memory.insert(QStringLiteral("reservation"), r.memoryReservation);
    if (r.oomKillDisable)
        memory.insert(QStringLiteral("disableOOMKiller"), true);
    return memory;
}

QJsonObject cpuJson(const containerspec::Resources &r)
{
    QJsonObject cpu;
    if (r.cpuShares > 0)
        cpu.insert(QStringLiteral("shares"), r.cpuShares);
    if (r.nanoCpus > 0) {
        constexpr qint64 period = 100000; // µs, the kernel's default
        cpu.insert(QStringLiteral("period"), period);
        cpu.insert(QStringLiteral("quota"), r.nanoCpus * period / 1000000000);
    }
    if (r.cpuPeriod > 0)
        cpu.insert(QStringLiteral("period"), r.cpuPeriod);
    if (r.cpuQuota != 0)
        cpu.insert(QStringLiteral("quota"), r.cpuQuota);
    if (!r.cpusetCpus.isEmpty())
        cpu.insert(QStringLiteral("cpus"), r.cpusetCpus);
    if (!r.cpusetMems.isEmpty())
        cpu.insert(QStringLiteral("mems"), r.cpusetMems);
    return cpu;
}

QJsonObject resourcesJson(const Spec &spec)
{
    const containerspec::Resources &r = spec.resources;
    QJsonObject resources{ { QStringLiteral("devices"), deviceCgroupRules(spec.privileged) } };
    if (const QJsonObject memory = memoryJson(r); !memory.isEmpty())
        resources.insert(QStringLiteral("memory"), memory);
    if (const QJsonObject cpu = cpuJson(r); !cpu.isEmpty())
        resources.insert(QStringLiteral("cpu"), cpu);
    if (r.pidsLimit > 0)
        resources.insert(QStringLiteral("pids"), QJsonObject{ { QStringLiteral("limit"), r.pidsLimit } });
    if (r.blkioWeight > 0)
        resources.insert(QStringLiteral("blockIO"), QJsonObject{ { QStringLiteral("weight"), r.blkioWeight } });
    return resources;
}

// Docker lets a container with its own network namespace ping without
// CAP_NET_RAW and bind low ports without CAP_NET_BIND_SERVICE.
QJsonObject sysctlJson(const BundleInputs &inputs)
{
    QJsonObject sysctl;
    if (inputs.namespaces.hostNetwork || inputs.spec.networkMode.startsWith(QLatin1String("container:")))
        return sysctl;
    if (QFileInfo::exists(QStringLiteral("/proc/sys/net/ipv4/ping_group_range")))
        sysctl.insert(QStringLiteral("net.ipv4.ping_group_range"), QStringLiteral("0 2147483647"));
    if (QFileInfo::exists(QStringLiteral("/proc/sys/net/ipv4/ip_unprivileged_port_start")))
        sysctl.insert(QStringLiteral("net.ipv4.ip_unprivileged_port_start"), QStringLiteral("0"));
    return sysctl;
}

// Shared bind mounts need a shared rootfs to propagate; slave ones a slave.
QString rootfsPropagation(const QList<ResolvedMount> &mounts)
{
    QString result;
    for (const ResolvedMount &resolved : mounts) {
        const QString &mode = resolved.mount.propagation;
        if (mode == QLatin1String("shared") || mode == QLatin1String("rshared"))
            return QStringLiteral("shared");
        if (mode == QLatin1String("slave") || mode == QLatin1String("rslave"))
            result = QStringLiteral("rslave");
    }
    return result;
}

QJsonObject linuxJson(const BundleInputs &inputs, const QStringList &capabilities, const SecurityOptions &security)
{
    const Spec &spec = inputs.spec;
    QJsonObject section{
        { QStringLiteral("namespaces"), namespacesJson(inputs.namespaces) },
        { QStringLiteral("resources"), resourcesJson(spec) },
        { QStringLiteral("devices"), QJsonArray() }, // the runtime's defaults
        { QStringLiteral("maskedPaths"),
            QJsonArray::fromStringList(spec.privileged ? QStringList() : defaultMaskedPaths()) },
        { QStringLiteral("readonlyPaths"),
            QJsonArray::fromStringList(spec.privileged ? QStringList() : defaultReadonlyPaths()) },
    };
    if (!inputs.cgroupsPath.isEmpty())
        section.insert(QStringLiteral("cgroupsPath"), inputs.cgroupsPath);
    if (const QJsonObject sysctl = sysctlJson(inputs); !sysctl.isEmpty())
        section.insert(QStringLiteral("sysctl"), sysctl);
    if (const QString propagation = rootfsPropagation(inputs.mounts); !propagation.isEmpty())
        section.insert(QStringLiteral("rootfsPropagation"), propagation);
    if (security.seccomp && !spec.privileged)
        section.insert(QStringLiteral("seccomp"), defaultSeccompProfile(capabilities));
    return section;
}

} // namespace

Result<QJsonObject> runtimeSpec(const BundleInputs &inputs)
{
    const Spec &spec = inputs.spec;
    const Result<SecurityOptions> security = parseSecurityOptions(spec.securityOpt);
    if (!security)
        return fail(security.error());
    const Result<QStringList> capabilities = containerCapabilities(spec.privileged, spec.capAdd, spec.capDrop);
    if (!capabilities)
        return fail(capabilities.error());
    const QString hostname = hostnameOf(inputs);
    const Result<QJsonObject> process = processJson(inputs, hostname, *capabilities, *security);
    if (!process)
        return fail(process.error());
    const Result<QJsonArray> mounts = mountsJson(inputs);
    if (!mounts)
        return fail(mounts.error());

    QJsonObject config{
        { QStringLiteral("ociVersion"), QStringLiteral("1.0.2") },
        { QStringLiteral("process"), *process },
        { QStringLiteral("root"),
            QJsonObject{
                { QStringLiteral("path"), inputs.rootfs }, { QStringLiteral("readonly"), spec.readonlyRootfs } } },
        { QStringLiteral("hostname"), hostname },
        { QStringLiteral("mounts"), *mounts },
        { QStringLiteral("linux"), linuxJson(inputs, *capabilities, *security) },
    };
    if (!spec.domainname.isEmpty())
        config.insert(QStringLiteral("domainname"), spec.domainname);
    return config;
}

Result<QJsonObject> execProcess(const QString &rootfs, const Process &process)
{
    if (process.args.isEmpty() || process.args.first().isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("no exec command specified"));
    QStringList env = process.env;
    if (envIndex(env, QStringLiteral("PATH")) < 0)
        env.prepend(QStringLiteral("PATH=") + defaultPathEnv);
    if (process.terminal && envIndex(env, QStringLiteral("TERM")) < 0)
        env.append(QStringLiteral("TERM=xterm"));
    if (envIndex(env, QStringLiteral("HOME")) < 0) {
        const Result<User> user = resolveUser(rootfs, QString::number(process.uid));
        env.append(QStringLiteral("HOME=") + (user ? user->home : QStringLiteral("/")));
    }
    return QJsonObject{
        { QStringLiteral("terminal"), process.terminal },
        { QStringLiteral("user"), userJson(process.uid, process.gid, process.additionalGids) },
        { QStringLiteral("args"), QJsonArray::fromStringList(process.args) },
        { QStringLiteral("env"), QJsonArray::fromStringList(env) },
        { QStringLiteral("cwd"), process.cwd.isEmpty() ? QStringLiteral("/") : process.cwd },
    };
}

QJsonObject updatedResourcesJson(const containerspec::Spec &spec)
{
    QJsonObject resources = resourcesJson(spec);
    resources.remove(QStringLiteral("devices"));
    return resources;
}

QJsonObject consoleSizeJson(const containerspec::ConsoleSize &size)
{
    return { { QStringLiteral("height"), size.height }, { QStringLiteral("width"), size.width } };
}

} // namespace muelle::engine::runtime
