#include "engine/runtime/security.h"
#include "engine/runtime/ocispec.h"

#include <QFile>
#include <QRegularExpression>
#include <QSysInfo>

#include <sys/utsname.h>

#include <optional>

namespace muelle::engine::runtime {

namespace {

// Linux's capabilities by number (capability.h), without the "CAP_" prefix.
constexpr const char *knownCapabilities[] = {
    "CHOWN",
    "DAC_OVERRIDE",
    "DAC_READ_SEARCH",
    "FOWNER",
    "FSETID",
    "KILL",
    "SETGID",
    "SETUID",
    "SETPCAP",
    "LINUX_IMMUTABLE",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_ADMIN",
    "NET_RAW",
    "IPC_LOCK",
    "IPC_OWNER",
    "SYS_MODULE",
    "SYS_RAWIO",
    "SYS_CHROOT",
    "SYS_PTRACE",
    "SYS_PACCT",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_NICE",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "MKNOD",
    "LEASE",
    "AUDIT_WRITE",
    "AUDIT_CONTROL",
    "SETFCAP",
    "MAC_OVERRIDE",
    "MAC_ADMIN",
    "SYSLOG",
    "WAKE_ALARM",
    "BLOCK_SUSPEND",
    "AUDIT_READ",
    "PERFMON",
    "BPF",
    "CHECKPOINT_RESTORE",
};

QStringList allKnownCapabilities()
{
    QStringList names;
    for (const char *name : knownCapabilities)
        names.append(QStringLiteral("CAP_") + QLatin1String(name));
    return names;
}

// The effective set of this process (CapEff in /proc/self/status), nullopt
// when it cannot be read.
std::optional<quint64> ownCapabilityMask()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return std::nullopt;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (!line.startsWith("CapEff:"))
            continue;
        bool ok = false;
        const quint64 mask = line.mid(7).trimmed().toULongLong(&ok, 16);
        return ok ? std::optional(mask) : std::nullopt;
    }
    return std::nullopt;
}

// Docker's "all capabilities": the known ones this engine holds, so a
// privileged container never asks the kernel for more than its parent has.
QStringList heldCapabilities()
{
    const QStringList known = allKnownCapabilities();
    const std::optional<quint64> mask = ownCapabilityMask();
    if (!mask)
        return known;
    QStringList held;
    for (qsizetype bit = 0; bit < known.size(); ++bit) {
        if (*mask & (quint64(1) << bit))
            held.append(known[bit]);
    }
    return held;
}

Result<QStringList> normalizeCapabilities(const QStringList &names)
{
    const QStringList known = allKnownCapabilities();
    QStringList normalized;
    for (const QString &name : names) {
        QString upper = name.trimmed().toUpper();
        if (upper == QLatin1String("ALL")) {
            normalized.append(upper);
            continue;
        }
        if (!upper.startsWith(QLatin1String("CAP_")))
            upper.prepend(QLatin1String("CAP_"));
        if (!known.contains(upper))
            return fail(Code::InvalidArgument, QStringLiteral("unknown capability: \"%1\"").arg(upper));
        normalized.append(upper);
    }
    return normalized;
}

} // namespace

QStringList defaultCapabilities()
{
    return {
        QStringLiteral("CAP_CHOWN"),
        QStringLiteral("CAP_DAC_OVERRIDE"),
        QStringLiteral("CAP_FSETID"),
        QStringLiteral("CAP_FOWNER"),
        QStringLiteral("CAP_MKNOD"),
        QStringLiteral("CAP_NET_RAW"),
        QStringLiteral("CAP_SETGID"),
        QStringLiteral("CAP_SETUID"),
        QStringLiteral("CAP_SETFCAP"),
        QStringLiteral("CAP_SETPCAP"),
        QStringLiteral("CAP_NET_BIND_SERVICE"),
        QStringLiteral("CAP_SYS_CHROOT"),
        QStringLiteral("CAP_KILL"),
        QStringLiteral("CAP_AUDIT_WRITE"),
    };
}

Result<QStringList> containerCapabilities(bool privileged, const QStringList &add, const QStringList &drop)
{
    if (privileged)
        return heldCapabilities();
    const Result<QStringList> adds = normalizeCapabilities(add);
    if (!adds)
        return fail(adds.error());
    const Result<QStringList> drops = normalizeCapabilities(drop);
    if (!drops)
        return fail(drops.error());
    const QString all = QStringLiteral("ALL");

    QStringList result;
    if (adds->contains(all)) {
        for (const QString &name : heldCapabilities()) {
            if (!drops->contains(name))
                result.append(name);
        }
        return result;
    }
    if (!drops->contains(all)) {
        for (const QString &name : defaultCapabilities()) {
            if (!drops->contains(name))
                result.append(name);
        }
    }
    for (const QString &name : *adds) {
        if (!result.contains(name))
            result.append(name);
    }
    return result;
}

QJsonObject capabilitiesJson(const QStringList &capabilities, uint uid)
{
    const QJsonArray list = QJsonArray::fromStringList(capabilities);
    const QJsonArray forUser = uid == 0 ? list : QJsonArray();
    return {
        { QStringLiteral("bounding"), list },
        { QStringLiteral("effective"), forUser },
        { QStringLiteral("permitted"), forUser },
    };
}

Result<SecurityOptions> parseSecurityOptions(const QStringList &options)
{
    SecurityOptions parsed;
    for (const QString &option : options) {
        // Docker still takes the old "key:value" spelling.
        qsizetype separator = option.indexOf(u'=');
        if (separator < 0)
            separator = option.indexOf(u':');
        const QString key = separator < 0 ? option : option.left(separator);
        const QString value = separator < 0 ? QString() : option.mid(separator + 1);
        if (key == QLatin1String("no-new-privileges")) {
            if (!value.isEmpty() && value != QLatin1String("true") && value != QLatin1String("false"))
                return fail(Code::InvalidArgument,
                    QStringLiteral("invalid --security-opt 2: \"%1\": no-new-privileges takes true or false")
                        .arg(option));
            parsed.noNewPrivileges = value != QLatin1String("false");
        } else if (key == QLatin1String("seccomp") && !value.isEmpty()) {
            if (value != QLatin1String("unconfined"))
                return fail(Code::InvalidArgument, QStringLiteral("seccomp profiles from files are not supported"));
            parsed.seccomp = false;
        } else if ((key == QLatin1String("apparmor") || key == QLatin1String("label")) && !value.isEmpty()) {
            continue; // neither AppArmor nor SELinux labels are applied by this engine
        } else {
            return fail(Code::InvalidArgument, QStringLiteral("invalid --security-opt 2: \"%1\"").arg(option));
        }
    }
    return parsed;
}

QStringList defaultMaskedPaths()
{
    return {
        QStringLiteral("/proc/asound"),
        QStringLiteral("/proc/acpi"),
        QStringLiteral("/proc/kcore"),
        QStringLiteral("/proc/keys"),
        QStringLiteral("/proc/latency_stats"),
        QStringLiteral("/proc/timer_list"),
        QStringLiteral("/proc/timer_stats"),
        QStringLiteral("/proc/sched_debug"),
        QStringLiteral("/proc/scsi"),
        QStringLiteral("/sys/firmware"),
        QStringLiteral("/sys/devices/virtual/powercap"),
    };
}

QStringList defaultReadonlyPaths()
{
    return {
        QStringLiteral("/proc/bus"),
        QStringLiteral("/proc/fs"),
        QStringLiteral("/proc/irq"),
        QStringLiteral("/proc/sys"),
        QStringLiteral("/proc/sysrq-trigger"),
    };
}

QJsonArray deviceCgroupRules(bool privileged)
{
    auto rule = [](bool allow, const char *type, int major, int minor, const char *access) {
        QJsonObject object{ { QStringLiteral("allow"), allow }, { QStringLiteral("access"), QLatin1String(access) } };
        if (type) {
            object.insert(QStringLiteral("type"), QLatin1String(type));
            object.insert(QStringLiteral("major"), major);
            object.insert(QStringLiteral("minor"), minor);
        }
        return object;
    };
    if (privileged)
        return { rule(true, nullptr, 0, 0, "rwm") };
    // -1 is the runtime's wildcard ("*").
    return {
        rule(false, nullptr, 0, 0, "rwm"), // everything else stays out
        rule(true, "c", -1, -1, "m"), // mknod, not open
        rule(true, "b", -1, -1, "m"), rule(true, "c", 1, 3, "rwm"), // null
        rule(true, "c", 1, 5, "rwm"), // zero
        rule(true, "c", 1, 7, "rwm"), // full
        rule(true, "c", 1, 8, "rwm"), // random
        rule(true, "c", 1, 9, "rwm"), // urandom
        rule(true, "c", 5, 0, "rwm"), // tty
        rule(true, "c", 5, 1, "rwm"), // console
        rule(true, "c", 5, 2, "rwm"), // ptmx
        rule(true, "c", 136, -1, "rwm"), // pts/*
    };
}

// --- seccomp ---------------------------------------------------------------

namespace {

struct SeccompArg {
    int index = 0;
    quint64 value = 0;
    const char *op = "SCMP_CMP_EQ";
};

// One rule of the profile. A rule applies when the container holds every
// capability in `needCaps` and none in `unlessCaps`, the host's (Go-style)
// architecture is in `onlyArches` (when given) and not in `notArches`, and
// the kernel is at least `minKernel`. Lists are space-separated.
struct SeccompRule {
    const char *names;
    const char *action = "SCMP_ACT_ALLOW";
    int errnoRet = 0;
    QList<SeccompArg> args = {};
    const char *needCaps = "";
    const char *unlessCaps = "";
    const char *onlyArches = "";
    const char *notArches = "";
    int minKernel[2] = { 0, 0 };
};

// The syscalls any container may make: Docker's default allow list.
constexpr const char *commonSyscalls = R"(
accept accept4 access adjtimex alarm bind brk capget capset chdir chmod chown chown32 clock_adjtime
clock_adjtime64 clock_getres clock_getres_time64 clock_gettime clock_gettime64 clock_nanosleep
clock_nanosleep_time64 close close_range connect copy_file_range creat dup dup2 dup3 epoll_create
epoll_create1 epoll_ctl epoll_ctl_old epoll_pwait epoll_pwait2 epoll_wait epoll_wait_old eventfd eventfd2
execve execveat exit exit_group faccessat faccessat2 fadvise64 fadvise64_64 fallocate fanotify_mark fchdir
fchmod fchmodat fchown fchown32 fchownat fcntl fcntl64 fdatasync fgetxattr flistxattr flock fork
fremovexattr fsetxattr fstat fstat64 fstatat64 fstatfs fstatfs64 fsync ftruncate ftruncate64 futex
futex_time64 futex_waitv futimesat getcpu getcwd getdents getdents64 getegid getegid32 geteuid geteuid32
getgid getgid32 getgroups getgroups32 getitimer getpeername getpgid getpgrp getpid getppid getpriority
getrandom getresgid getresgid32 getresuid getresuid32 getrlimit get_robust_list getrusage getsid
getsockname getsockopt get_thread_area gettid gettimeofday getuid getuid32 getxattr inotify_add_watch
inotify_init inotify_init1 inotify_rm_watch io_cancel ioctl io_destroy io_getevents io_pgetevents
io_pgetevents_time64 ioprio_get ioprio_set io_setup io_submit io_uring_enter io_uring_register
io_uring_setup ipc kill landlock_add_rule landlock_create_ruleset landlock_restrict_self lchown lchown32
lgetxattr link linkat listen listxattr llistxattr _llseek lremovexattr lseek lsetxattr lstat lstat64
madvise membarrier memfd_create memfd_secret mincore mkdir mkdirat mknod mknodat mlock mlock2 mlockall
mmap mmap2 mprotect mq_getsetattr mq_notify mq_open mq_timedreceive mq_timedreceive_time64 mq_timedsend
mq_timedsend_time64 mq_unlink mremap msgctl msgget msgrcv msgsnd msync munlock munlockall munmap
name_to_handle_at nanosleep newfstatat _newselect open openat openat2 pause pidfd_open pidfd_send_signal
pipe pipe2 pkey_alloc pkey_free pkey_mprotect poll ppoll ppoll_time64 prctl pread64 preadv preadv2
prlimit64 process_mrelease pselect6 pselect6_time64 pwrite64 pwritev pwritev2 read readahead readlink
readlinkat readv recv recvfrom recvmmsg recvmmsg_time64 recvmsg remap_file_pages removexattr rename
renameat renameat2 restart_syscall rmdir rseq rt_sigaction rt_sigpending rt_sigprocmask rt_sigqueueinfo
rt_sigreturn rt_sigsuspend rt_sigtimedwait rt_sigtimedwait_time64 rt_tgsigqueueinfo sched_getaffinity
sched_getattr sched_getparam sched_get_priority_max sched_get_priority_min sched_getscheduler
sched_rr_get_interval sched_rr_get_interval_time64 sched_setaffinity sched_setattr sched_setparam
sched_setscheduler sched_yield seccomp select semctl semget semop semtimedop semtimedop_time64 send
sendfile sendfile64 sendmmsg sendmsg sendto setfsgid setfsgid32 setfsuid setfsuid32 setgid setgid32
setgroups setgroups32 setitimer setpgid setpriority setregid setregid32 setresgid setresgid32 setresuid
setresuid32 setreuid setreuid32 setrlimit set_robust_list setsid setsockopt set_thread_area
set_tid_address setuid setuid32 setxattr shmat shmctl shmdt shmget shutdown sigaltstack signalfd
signalfd4 sigprocmask sigreturn socketcall socketpair splice stat stat64 statfs statfs64 statx symlink
symlinkat sync sync_file_range syncfs sysinfo tee tgkill time timer_create timer_delete timer_getoverrun
timer_gettime timer_gettime64 timer_settime timer_settime64 timerfd_create timerfd_gettime
timerfd_gettime64 timerfd_settime timerfd_settime64 times tkill truncate truncate64 ugetrlimit umask
uname unlink unlinkat utime utimensat utimensat_time64 utimes vfork vmsplice wait4 waitid waitpid write
writev
)";

// The clone(2) flags that create namespaces: without CAP_SYS_ADMIN a
// container may clone threads and processes, not namespaces.
constexpr quint64 namespaceCloneFlags = 0x7E020000;

const QList<SeccompRule> &seccompRules()
{
    static const QList<SeccompRule> rules = {
        { .names = commonSyscalls },
        { .names = "process_vm_readv process_vm_writev ptrace", .minKernel = { 4, 8 } },
        { .names = "socket", .args = { { 0, 40, "SCMP_CMP_NE" } } }, // not AF_VSOCK
        // personality(2): only the harmless personas (Linux, 32-bit, query).
        { .names = "personality", .args = { { 0, 0x0 } } },
        { .names = "personality", .args = { { 0, 0x8 } } },
        { .names = "personality", .args = { { 0, 0x20000 } } },
        { .names = "personality", .args = { { 0, 0x20008 } } },
        { .names = "personality", .args = { { 0, 0xffffffff } } },
        { .names = "sync_file_range2 swapcontext", .onlyArches = "ppc64le" },
        { .names = "arm_fadvise64_64 arm_sync_file_range sync_file_range2 breakpoint cacheflush set_tls",
            .onlyArches = "arm arm64" },
        { .names = "arch_prctl", .onlyArches = "amd64 x32" },
        { .names = "modify_ldt", .onlyArches = "amd64 x32 x86" },
        { .names = "s390_pci_mmio_read s390_pci_mmio_write s390_runtime_instr", .onlyArches = "s390 s390x" },
        { .names = "riscv_flush_icache", .onlyArches = "riscv64" },
        { .names = "open_by_handle_at", .needCaps = "CAP_DAC_READ_SEARCH" },
        { .names = "bpf clone clone3 fanotify_init fsconfig fsmount fsopen fspick lookup_dcookie mount mount_setattr "
                   "move_mount open_tree perf_event_open quotactl quotactl_fd setdomainname sethostname setns syslog "
                   "umount umount2 unshare",
            .needCaps = "CAP_SYS_ADMIN" },
        { .names = "clone",
            .args = { { 0, namespaceCloneFlags, "SCMP_CMP_MASKED_EQ" } },
            .unlessCaps = "CAP_SYS_ADMIN",
            .notArches = "s390 s390x" },
        // s390 passes clone's flags second.
        { .names = "clone",
            .args = { { 1, namespaceCloneFlags, "SCMP_CMP_MASKED_EQ" } },
            .unlessCaps = "CAP_SYS_ADMIN",
            .onlyArches = "s390 s390x" },
        // clone3 hides its flags in memory seccomp cannot read: ENOSYS makes
        // the C library fall back to clone.
        { .names = "clone3", .action = "SCMP_ACT_ERRNO", .errnoRet = 38, .unlessCaps = "CAP_SYS_ADMIN" },
        { .names = "reboot", .needCaps = "CAP_SYS_BOOT" },
        { .names = "chroot", .needCaps = "CAP_SYS_CHROOT" },
        { .names = "delete_module init_module finit_module", .needCaps = "CAP_SYS_MODULE" },
        { .names = "acct", .needCaps = "CAP_SYS_PACCT" },
        { .names = "kcmp pidfd_getfd process_madvise process_vm_readv process_vm_writev ptrace",
            .needCaps = "CAP_SYS_PTRACE" },
        { .names = "iopl ioperm", .needCaps = "CAP_SYS_RAWIO" },
        { .names = "settimeofday stime clock_settime clock_settime64", .needCaps = "CAP_SYS_TIME" },
        { .names = "vhangup", .needCaps = "CAP_SYS_TTY_CONFIG" },
        { .names = "get_mempolicy mbind set_mempolicy set_mempolicy_home_node", .needCaps = "CAP_SYS_NICE" },
        { .names = "syslog", .needCaps = "CAP_SYSLOG" },
        { .names = "bpf", .needCaps = "CAP_BPF" },
        { .names = "perf_event_open", .needCaps = "CAP_PERFMON" },
    };
    return rules;
}

QStringList words(const char *text)
{
    static const QRegularExpression space(QStringLiteral("\\s+"));
    return QString::fromLatin1(text).split(space, Qt::SkipEmptyParts);
}

// The host's architecture as Go names it ("amd64"), which is how the
// profile's rules are keyed, and the seccomp architectures it runs.
struct HostArch {
    QString goArch;
    QStringList seccompArches;
};

HostArch hostArch()
{
    const QString cpu = QSysInfo::currentCpuArchitecture();
    if (cpu == QLatin1String("x86_64"))
        return { QStringLiteral("amd64"),
            { QStringLiteral("SCMP_ARCH_X86_64"), QStringLiteral("SCMP_ARCH_X86"), QStringLiteral("SCMP_ARCH_X32") } };
    if (cpu == QLatin1String("arm64"))
        return { QStringLiteral("arm64"), { QStringLiteral("SCMP_ARCH_AARCH64"), QStringLiteral("SCMP_ARCH_ARM") } };
    if (cpu == QLatin1String("i386"))
        return { QStringLiteral("x86"), { QStringLiteral("SCMP_ARCH_X86") } };
    return { cpu, {} }; // the runtime's native architecture only
}

std::pair<int, int> kernelVersion()
{
    utsname name{};
    if (::uname(&name) != 0)
        return { 0, 0 };
    const QStringList parts = QString::fromLatin1(name.release).split(u'.');
    if (parts.size() < 2)
        return { 0, 0 };
    return { parts[0].toInt(), QStringView(parts[1]).left(parts[1].indexOf(u'-')).toInt() };
}

bool applies(const SeccompRule &rule, const QStringList &capabilities, const QString &arch)
{
    for (const QString &cap : words(rule.needCaps)) {
        if (!capabilities.contains(cap))
            return false;
    }
    for (const QString &cap : words(rule.unlessCaps)) {
        if (capabilities.contains(cap))
            return false;
    }
    const QStringList only = words(rule.onlyArches);
    if ((!only.isEmpty() && !only.contains(arch)) || words(rule.notArches).contains(arch))
        return false;
    return kernelVersion() >= std::pair(rule.minKernel[0], rule.minKernel[1]);
}

QJsonObject ruleJson(const SeccompRule &rule)
{
    QJsonObject object{
        { QStringLiteral("names"), QJsonArray::fromStringList(words(rule.names)) },
        { QStringLiteral("action"), QLatin1String(rule.action) },
    };
    if (rule.errnoRet != 0)
        object.insert(QStringLiteral("errnoRet"), rule.errnoRet);
    if (!rule.args.isEmpty()) {
        QJsonArray args;
        for (const SeccompArg &arg : rule.args) {
            args.append(QJsonObject{
                { QStringLiteral("index"), arg.index },
                { QStringLiteral("value"), double(arg.value) },
                { QStringLiteral("op"), QLatin1String(arg.op) },
            });
        }
        object.insert(QStringLiteral("args"), args);
    }
    return object;
}

} // namespace

QJsonObject defaultSeccompProfile(const QStringList &capabilities)
{
    const HostArch arch = hostArch();
    QJsonArray syscalls;
    for (const SeccompRule &rule : seccompRules()) {
        if (applies(rule, capabilities, arch.goArch))
            syscalls.append(ruleJson(rule));
    }
    return {
        { QStringLiteral("defaultAction"), QStringLiteral("SCMP_ACT_ERRNO") },
        { QStringLiteral("defaultErrnoRet"), 1 }, // EPERM
        { QStringLiteral("architectures"), QJsonArray::fromStringList(arch.seccompArches) },
        { QStringLiteral("syscalls"), syscalls },
    };
}

} // namespace muelle::engine::runtime
