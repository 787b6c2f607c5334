// The OCI runtime spec: the JSON for each create option, --user against a
// rootfs (including one whose /etc/passwd points out of it), and real runs
// of busybox under this host's runc: user, capabilities, read-only root,
// exit codes, memory limit, open-files limit, privileged.

#include "engine/runtime/ocispec.h"
#include "tests/unit/engine/support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace muelle::engine::runtime;
using muelle::Code;
using muelle::Result;
using muelle::engine::containerspec::Mount;
using muelle::engine::containerspec::MountType;
using muelle::engine::testing::why;

namespace {

const QByteArray passwd = "root:x:0:0:root:/root:/bin/sh\n"
                          "# a comment\n"
                          "app:x:1000:1000:App:/home/app:/bin/sh\n"
                          "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
const QByteArray group = "root:x:0:\n"
                         "staff:x:50:app\n"
                         "audio:x:29:other,app\n"
                         "app:x:1000:\n"
                         "nogroup:x:65534:\n";

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

// A busybox root filesystem: bin/busybox and its applets as relative links.
bool makeRootfs(const QString &root)
{
    QDir dir(root);
    for (const char *sub : { "bin", "etc", "proc", "sys", "dev", "tmp", "root", "home/app" }) {
        if (!dir.mkpath(QLatin1String(sub)))
            return false;
    }
    if (!QFile::copy(u"/bin/busybox"_s, dir.filePath(u"bin/busybox"_s)))
        return false;
    for (const char *applet : { "sh", "id", "cat", "touch", "hostname", "true", "ls", "grep", "unshare" }) {
        if (::symlink("busybox", QFile::encodeName(dir.filePath(u"bin/"_s + QLatin1String(applet))).constData()) != 0)
            return false;
    }
    return writeFile(dir.filePath(u"etc/passwd"_s), passwd) && writeFile(dir.filePath(u"etc/group"_s), group);
}

QString randomId()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 8);
    return QString::fromLatin1(bytes.toHex());
}

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list.append(item.toString());
    return list;
}

QJsonObject findMount(const QJsonObject &config, const QString &destination)
{
    for (const QJsonValue &mount : config[u"mounts"].toArray()) {
        if (mount[u"destination"].toString() == destination)
            return mount.toObject();
    }
    return {};
}

QJsonObject findRlimit(const QJsonObject &config, const QString &type)
{
    for (const QJsonValue &limit : config[u"process"][u"rlimits"].toArray()) {
        if (limit[u"type"].toString() == type)
            return limit.toObject();
    }
    return {};
}

// Every syscall name the seccomp profile allows without conditions on args.
QStringList plainAllowed(const QJsonObject &config)
{
    QStringList names;
    for (const QJsonValue &rule : config[u"linux"][u"seccomp"][u"syscalls"].toArray()) {
        if (rule[u"action"].toString() == u"SCMP_ACT_ALLOW" && !rule.toObject().contains(u"args"))
            names += strings(rule[u"names"]);
    }
    return names;
}

qint64 hostNofileHard()
{
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    return limit.rlim_max == RLIM_INFINITY ? 1048576 : qint64(limit.rlim_max);
}

Mount mountOf(MountType type, const QString &target)
{
    Mount mount;
    mount.type = type;
    mount.target = target;
    return mount;
}

struct RunResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class RuntimeSpecTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp;
    QString rootfs;
    QString runc;
    QStringList cgroupDirs; // what runc may create, removed at the end

    BundleInputs inputs(const QStringList &cmd = { u"true"_s }) const
    {
        BundleInputs in;
        in.id = randomId();
        in.spec.cmd = cmd;
        in.rootfs = rootfs;
        in.cgroupsPath = u"/muelle-test/"_s + in.id;
        in.hostNofileHard = hostNofileHard();
        return in;
    }

    QJsonObject build(const BundleInputs &in)
    {
        const Result<QJsonObject> config = runtimeSpec(in);
        if (!config)
            qWarning("%s", why(config).constData());
        return config.value_or(QJsonObject());
    }

    // `runc run` of the bundle, then the container and its cgroups removed.
    RunResult run(const BundleInputs &in)
    {
        RunResult result;
        const Result<QJsonObject> config = runtimeSpec(in);
        if (!config) {
            result.err = why(config);
            return result;
        }
        const QString bundle = tmp.filePath(u"bundles/"_s + in.id);
        QDir().mkpath(bundle);
        writeFile(bundle + u"/config.json"_s, QJsonDocument(*config).toJson());
        const QString root = tmp.filePath(u"runc-root"_s);
        QProcess process;
        process.start(runc, { u"--root"_s, root, u"run"_s, u"--bundle"_s, bundle, in.id });
        process.closeWriteChannel();
        if (!process.waitForFinished(60000))
            process.kill();
        process.waitForFinished();
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        QProcess remove;
        remove.start(runc, { u"--root"_s, root, u"delete"_s, u"--force"_s, in.id });
        remove.waitForFinished(60000);
        for (const QString &dir : cgroupDirs)
            QDir().rmdir(dir + in.cgroupsPath); // only if runc left it, and only when empty
        return result;
    }

    bool cgroupsGone(const BundleInputs &in) const
    {
        return std::none_of(cgroupDirs.cbegin(), cgroupDirs.cend(),
            [&](const QString &dir) { return QFileInfo::exists(dir + in.cgroupsPath); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(tmp.isValid());
        rootfs = tmp.filePath(u"rootfs"_s);
        QVERIFY(makeRootfs(rootfs));
        runc = QStandardPaths::findExecutable(u"runc"_s, { u"/usr/sbin"_s, u"/usr/bin"_s, u"/sbin"_s });
        const QDir cgroupRoot(u"/sys/fs/cgroup"_s);
        for (const QString &name : cgroupRoot.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            cgroupDirs.append(cgroupRoot.filePath(name));
    }

    void cleanupTestCase()
    {
        for (const QString &dir : std::as_const(cgroupDirs))
            QDir().rmdir(dir + u"/muelle-test"_s); // fails, harmlessly, when not empty
    }

    void args_data()
    {
        QTest::addColumn<QStringList>("imageEntrypoint");
        QTest::addColumn<QStringList>("imageCmd");
        QTest::addColumn<QVariant>("entrypoint"); // invalid: not given
        QTest::addColumn<QVariant>("cmd");
        QTest::addColumn<QStringList>("expected"); // empty: refused
        const QStringList ep{ u"/ep"_s, u"-x"_s };
        const QStringList cmd{ u"serve"_s };
        QTest::newRow("image cmd") << QStringList() << cmd << QVariant() << QVariant() << cmd;
        QTest::newRow("image both") << ep << cmd << QVariant() << QVariant() << ep + cmd;
        QTest::newRow("cmd replaces the image's")
            << ep << cmd << QVariant() << QVariant(QStringList{ u"sh"_s }) << QStringList{ u"/ep"_s, u"-x"_s, u"sh"_s };
        QTest::newRow("empty cmd keeps the image's") << ep << cmd << QVariant() << QVariant(QStringList()) << ep + cmd;
        QTest::newRow("entrypoint drops the image cmd")
            << ep << cmd << QVariant(QStringList{ u"/bin/sh"_s }) << QVariant() << QStringList{ u"/bin/sh"_s };
        QTest::newRow("entrypoint and cmd")
            << ep << cmd << QVariant(QStringList{ u"/bin/sh"_s }) << QVariant(QStringList{ u"-c"_s, u"x"_s })
            << QStringList{ u"/bin/sh"_s, u"-c"_s, u"x"_s };
        QTest::newRow("entrypoint none") << ep << cmd << QVariant(QStringList{ QString() }) << QVariant() << cmd;
        QTest::newRow("entrypoint [] with cmd")
            << ep << cmd << QVariant(QStringList()) << QVariant(QStringList{ u"ls"_s }) << QStringList{ u"ls"_s };
        QTest::newRow("nothing to run") << QStringList() << QStringList() << QVariant() << QVariant() << QStringList();
        QTest::newRow("entrypoint none, no cmd")
            << ep << QStringList() << QVariant(QStringList()) << QVariant() << QStringList();
    }

    void args()
    {
        QFETCH(QStringList, imageEntrypoint);
        QFETCH(QStringList, imageCmd);
        QFETCH(QVariant, entrypoint);
        QFETCH(QVariant, cmd);
        QFETCH(QStringList, expected);
        BundleInputs in = inputs();
        in.image.entrypoint = imageEntrypoint;
        in.image.cmd = imageCmd;
        in.spec.entrypoint = entrypoint.isValid() ? std::optional(entrypoint.toStringList()) : std::nullopt;
        in.spec.cmd = cmd.isValid() ? std::optional(cmd.toStringList()) : std::nullopt;
        const Result<QJsonObject> config = runtimeSpec(in);
        if (expected.isEmpty()) {
            QVERIFY(!config);
            QCOMPARE(config.error().code, Code::InvalidArgument);
            return;
        }
        QVERIFY2(config, why(config));
        QCOMPARE(strings((*config)[u"process"][u"args"]), expected);
    }

    void envAndProcess()
    {
        BundleInputs in = inputs();
        in.spec.tty = true;
        in.image.env = { u"PATH=/image/bin"_s, u"FOO=image"_s, u"GONE=1"_s };
        in.spec.env = { u"FOO=spec"_s, u"BAR=a=b"_s, u"GONE"_s };
        QJsonObject process = build(in)[u"process"].toObject();
        const QString hostname = u"HOSTNAME="_s + in.id.left(12);
        QCOMPARE(strings(process[u"env"]),
            (QStringList{
                u"PATH=/image/bin"_s, hostname, u"TERM=xterm"_s, u"FOO=spec"_s, u"BAR=a=b"_s, u"HOME=/root"_s }));
        QCOMPARE(process[u"terminal"].toBool(), true);
        QCOMPARE(process[u"cwd"].toString(), u"/"_s);
        QCOMPARE(process[u"oomScoreAdj"].toInt(-1), 0);
        QVERIFY(!process.contains(u"consoleSize"));
        in.spec.init = true;
        QCOMPARE(runtimeSpec(in).error().code, Code::FailedPrecondition); // no init binary here
        in.initPath = u"/usr/bin/tini-static"_s;
        QCOMPARE(build(in)[u"process"][u"args"].toArray().first().toString(), u"/sbin/docker-init"_s);
        const QJsonArray initMounts = build(in)[u"mounts"].toArray();
        QVERIFY(std::any_of(initMounts.begin(), initMounts.end(), [&](const QJsonValue &m) {
            return m[u"destination"].toString() == u"/sbin/docker-init"_s && m[u"source"].toString() == in.initPath;
        }));
        in.spec.init = false;
        in.spec.consoleSize = { 33, 101 };
        process = build(in)[u"process"].toObject();
        QCOMPARE(process[u"consoleSize"].toObject(), (QJsonObject{ { u"height"_s, 33 }, { u"width"_s, 101 } }));

        in = inputs();
        in.image.workingDir = u"/srv"_s;
        in.image.user = u"app"_s;
        in.spec.env = { u"X=1"_s };
        const QJsonObject config = build(in);
        process = config[u"process"].toObject();
        QCOMPARE(strings(process[u"env"]),
            (QStringList{ u"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"_s,
                u"HOSTNAME="_s + in.id.left(12), u"X=1"_s, u"HOME=/home/app"_s }));
        QCOMPARE(process[u"cwd"].toString(), u"/srv"_s);
        QCOMPARE(process[u"user"][u"uid"].toInt(), 1000);
        QCOMPARE(config[u"hostname"].toString(), in.id.left(12));
        QCOMPARE(config[u"ociVersion"].toString(), u"1.0.2"_s);
        QCOMPARE(config[u"root"][u"path"].toString(), rootfs);

        in.spec.workingDir = u"/work"_s;
        in.spec.hostname = u"box"_s;
        in.spec.env = { u"HOME=/elsewhere"_s };
        QCOMPARE(build(in)[u"process"][u"cwd"].toString(), u"/work"_s);
        QCOMPARE(build(in)[u"hostname"].toString(), u"box"_s);
        QVERIFY(strings(build(in)[u"process"][u"env"]).contains(u"HOME=/elsewhere"_s));
        QVERIFY(strings(build(in)[u"process"][u"env"]).contains(u"HOSTNAME=box"_s));
    }

    void users_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QStringList>("groupAdd");
        QTest::addColumn<uint>("uid");
        QTest::addColumn<uint>("gid");
        QTest::addColumn<QList<uint>>("groups");
        QTest::addColumn<QString>("home");
        QTest::addColumn<QString>("error");
        const QStringList none;
        QTest::newRow("default") << QString() << none << 0u << 0u << QList<uint>() << u"/root"_s << QString();
        QTest::newRow("name") << u"app"_s << none << 1000u << 1000u << QList<uint>{ 50, 29 } << u"/home/app"_s
                              << QString();
        QTest::newRow("uid of an entry") << u"1000"_s << none << 1000u << 1000u << QList<uint>{ 50, 29 }
                                         << u"/home/app"_s << QString();
        QTest::newRow("name:group") << u"app:staff"_s << none << 1000u << 50u << QList<uint>() << u"/home/app"_s
                                    << QString();
        QTest::newRow("name:gid") << u"root:29"_s << none << 0u << 29u << QList<uint>() << u"/root"_s << QString();
        QTest::newRow("unknown uid") << u"4242"_s << none << 4242u << 0u << QList<uint>() << u"/"_s << QString();
        QTest::newRow("uid:gid") << u"4242:4343"_s << none << 4242u << 4343u << QList<uint>() << u"/"_s << QString();
        QTest::newRow("group-add") << u"nobody"_s << QStringList{ u"audio"_s, u"777"_s, u"staff"_s } << 65534u << 65534u
                                   << QList<uint>{ 29, 777, 50 } << u"/nonexistent"_s << QString();
        QTest::newRow("unknown name") << u"xyz"_s << none << 0u << 0u << QList<uint>() << QString()
                                      << u"unable to find user xyz: no matching entries in passwd file"_s;
        QTest::newRow("unknown group") << u"app:ghost"_s << none << 0u << 0u << QList<uint>() << QString()
                                       << u"unable to find group ghost: no matching entries in group file"_s;
        QTest::newRow("unknown group-add")
            << u"app"_s << QStringList{ u"ghost"_s } << 0u << 0u << QList<uint>() << QString()
            << u"Unable to find group ghost: no matching entries in group file"_s;
        QTest::newRow("uid out of range") << u"99999999999"_s << none << 0u << 0u << QList<uint>() << QString()
                                          << u"uids and gids must be in range 0-2147483647"_s;
    }

    void users()
    {
        QFETCH(QString, user);
        QFETCH(QStringList, groupAdd);
        QFETCH(uint, uid);
        QFETCH(uint, gid);
        QFETCH(QList<uint>, groups);
        QFETCH(QString, home);
        QFETCH(QString, error);
        const Result<User> resolved = resolveUser(rootfs, user, groupAdd);
        if (!error.isEmpty()) {
            QVERIFY(!resolved);
            QCOMPARE(resolved.error().code, Code::InvalidArgument);
            QCOMPARE(resolved.error().message, error);
            return;
        }
        QVERIFY2(resolved, why(resolved));
        QCOMPARE(resolved->uid, uid);
        QCOMPARE(resolved->gid, gid);
        QCOMPARE(resolved->additionalGids, groups);
        QCOMPARE(resolved->home, home);

        // In the spec the primary group comes first, as Docker lists it.
        BundleInputs in = inputs();
        in.spec.user = user;
        in.spec.groupAdd = groupAdd;
        const QJsonObject specUser = build(in)[u"process"][u"user"].toObject();
        QCOMPARE(uint(specUser[u"uid"].toInteger()), uid);
        QCOMPARE(specUser[u"additionalGids"].toArray().first().toInteger(), qint64(gid));
    }

    // An image's /etc/passwd that is a symlink is resolved inside the
    // rootfs: an absolute target never reaches the host's file.
    void hostileRootfs()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString decoy = dir.filePath(u"decoy-passwd"_s);
        QVERIFY(writeFile(decoy, "ghost:x:4242:4242::/ghost:/bin/sh\n"));
        const QString root = dir.filePath(u"rootfs"_s);
        QVERIFY(QDir().mkpath(root + u"/etc"_s));
        QVERIFY(QFile::link(decoy, root + u"/etc/passwd"_s));
        Result<User> user = resolveUser(root, u"ghost"_s);
        QVERIFY(!user);
        QCOMPARE(user.error().message, u"unable to find user ghost: no matching entries in passwd file"_s);

        // Climbing out with ".." stops at the rootfs.
        QVERIFY(QFile::remove(root + u"/etc/passwd"_s));
        QVERIFY(QFile::link(u"../../../../../../../../.."_s + decoy, root + u"/etc/passwd"_s));
        QVERIFY(!resolveUser(root, u"ghost"_s));

        // /etc itself pointing out.
        QVERIFY(QDir(root + u"/etc"_s).removeRecursively());
        QVERIFY(QFile::link(dir.path(), root + u"/etc"_s));
        QVERIFY(writeFile(dir.filePath(u"passwd"_s), "ghost:x:4242:4242::/ghost:/bin/sh\n"));
        QVERIFY(!resolveUser(root, u"ghost"_s));

        // A link that stays inside the rootfs is followed there.
        QVERIFY(QFile::remove(root + u"/etc"_s));
        QVERIFY(QDir().mkpath(root + u"/etc"_s));
        QVERIFY(writeFile(root + u"/etc/passwd.real"_s, "inside:x:7:8::/in:/bin/sh\n"));
        QVERIFY(QFile::link(u"/etc/passwd.real"_s, root + u"/etc/passwd"_s));
        user = resolveUser(root, u"inside"_s);
        QVERIFY2(user, why(user));
        QCOMPARE(user->uid, 7u);
        QCOMPARE(user->home, u"/in"_s);

        // A FIFO is refused, not waited on.
        QVERIFY(QFile::remove(root + u"/etc/passwd"_s));
        QCOMPARE(::mkfifo(QFile::encodeName(root + u"/etc/passwd"_s).constData(), 0600), 0);
        user = resolveUser(root, u"inside"_s);
        QVERIFY(!user);
        QVERIFY2(user.error().message.contains(u"not a regular file"_s), why(user));
    }

    void nofileDefaults()
    {
        BundleInputs in = inputs();
        in.hostNofileHard = 20000;
        QCOMPARE(findRlimit(build(in), u"RLIMIT_NOFILE"_s),
            (QJsonObject{ { u"type"_s, u"RLIMIT_NOFILE"_s }, { u"soft"_s, 20000 }, { u"hard"_s, 20000 } }));
        in.hostNofileHard = 4000000;
        QCOMPARE(findRlimit(build(in), u"RLIMIT_NOFILE"_s)[u"hard"].toInteger(), 1048576);
        in.spec.resources.ulimits = { { u"nofile"_s, 100, 200 }, { u"nproc"_s, 50, 60 } };
        const QJsonObject config = build(in);
        QCOMPARE(config[u"process"][u"rlimits"].toArray().size(), 2);
        QCOMPARE(findRlimit(config, u"RLIMIT_NOFILE"_s)[u"soft"].toInteger(), 100);
        QCOMPARE(findRlimit(config, u"RLIMIT_NPROC"_s)[u"hard"].toInteger(), 60);
    }

    void capabilities()
    {
        BundleInputs in = inputs();
        QJsonObject config = build(in);
        QCOMPARE(strings(config[u"process"][u"capabilities"][u"bounding"]), defaultCapabilities());
        QCOMPARE(strings(config[u"process"][u"capabilities"][u"effective"]), defaultCapabilities());
        QVERIFY(!plainAllowed(config).contains(u"mount"_s));
        QVERIFY(!plainAllowed(config).contains(u"kcmp"_s));
        QVERIFY(plainAllowed(config).contains(u"chroot"_s));

        in.spec.capAdd = { u"net_admin"_s, u"CAP_SYS_ADMIN"_s };
        in.spec.capDrop = { u"CHOWN"_s, u"sys_chroot"_s };
        config = build(in);
        QStringList caps = strings(config[u"process"][u"capabilities"][u"bounding"]);
        QVERIFY(caps.contains(u"CAP_NET_ADMIN"_s) && caps.contains(u"CAP_SYS_ADMIN"_s));
        QVERIFY(!caps.contains(u"CAP_CHOWN"_s) && caps.contains(u"CAP_KILL"_s));
        // SYS_ADMIN lets clone make namespaces and mount; without CHROOT no chroot.
        QVERIFY(plainAllowed(config).contains(u"mount"_s));
        QVERIFY(plainAllowed(config).contains(u"clone"_s));
        QVERIFY(!plainAllowed(config).contains(u"chroot"_s));

        in.spec.capAdd = { u"CHOWN"_s };
        in.spec.capDrop = { u"ALL"_s };
        QCOMPARE(strings(build(in)[u"process"][u"capabilities"][u"bounding"]), QStringList{ u"CAP_CHOWN"_s });
        in.spec.capAdd = { u"ALL"_s };
        in.spec.capDrop = { u"NET_RAW"_s };
        caps = strings(build(in)[u"process"][u"capabilities"][u"bounding"]);
        QVERIFY(caps.contains(u"CAP_SYS_PTRACE"_s) && !caps.contains(u"CAP_NET_RAW"_s));

        in.spec.capAdd = { u"BOGUS"_s };
        in.spec.capDrop = {};
        const Result<QJsonObject> refused = runtimeSpec(in);
        QVERIFY(!refused);
        QCOMPARE(refused.error().message, u"unknown capability: \"CAP_BOGUS\""_s);

        // A non-root user keeps only the bounding set, as after execve.
        in.spec.capAdd = {};
        in.spec.user = u"app"_s;
        config = build(in);
        QCOMPARE(strings(config[u"process"][u"capabilities"][u"bounding"]), defaultCapabilities());
        QVERIFY(config[u"process"][u"capabilities"][u"effective"].toArray().isEmpty());
    }

    void seccomp()
    {
        BundleInputs in = inputs();
        QJsonObject profile = build(in)[u"linux"][u"seccomp"].toObject();
        QCOMPARE(profile[u"defaultAction"].toString(), u"SCMP_ACT_ERRNO"_s);
        QCOMPARE(profile[u"defaultErrnoRet"].toInt(), 1);
        if (QSysInfo::currentCpuArchitecture() == u"x86_64")
            QCOMPARE(strings(profile[u"architectures"]),
                (QStringList{ u"SCMP_ARCH_X86_64"_s, u"SCMP_ARCH_X86"_s, u"SCMP_ARCH_X32"_s }));
        int personality = 0;
        bool maskedClone = false;
        for (const QJsonValue &rule : profile[u"syscalls"].toArray()) {
            const QStringList names = strings(rule[u"names"]);
            personality += names == QStringList{ u"personality"_s };
            if (names == QStringList{ u"clone"_s })
                maskedClone = rule[u"args"][0][u"op"].toString() == u"SCMP_CMP_MASKED_EQ"
                    && rule[u"args"][0][u"value"].toInteger() == 0x7E020000;
        }
        QCOMPARE(personality, 5);
        QVERIFY(maskedClone);

        in.spec.capAdd = { u"SYS_PTRACE"_s, u"SYS_MODULE"_s };
        const QStringList allowed = plainAllowed(build(in));
        QVERIFY(allowed.contains(u"ptrace"_s) && allowed.contains(u"kcmp"_s) && allowed.contains(u"init_module"_s));

        in.spec.securityOpt = { u"seccomp=unconfined"_s };
        QVERIFY(!build(in)[u"linux"].toObject().contains(u"seccomp"));
        in.spec.securityOpt = { u"seccomp=/some/profile.json"_s };
        const Result<QJsonObject> refused = runtimeSpec(in);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, Code::InvalidArgument);
        QCOMPARE(refused.error().message, u"seccomp profiles from files are not supported"_s);
        in.spec.securityOpt = { u"bogus"_s };
        QVERIFY(!runtimeSpec(in));
    }

    void noNewPrivileges_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<bool>("expected");
        QTest::newRow("bare") << u"no-new-privileges"_s << true;
        QTest::newRow(":true") << u"no-new-privileges:true"_s << true;
        QTest::newRow("=true") << u"no-new-privileges=true"_s << true;
        QTest::newRow("=false") << u"no-new-privileges=false"_s << false;
        QTest::newRow("none") << QString() << false;
    }

    void noNewPrivileges()
    {
        QFETCH(QString, option);
        QFETCH(bool, expected);
        BundleInputs in = inputs();
        if (!option.isEmpty())
            in.spec.securityOpt = { option };
        QCOMPARE(build(in)[u"process"][u"noNewPrivileges"].toBool(), expected);
    }

    void privileged()
    {
        BundleInputs in = inputs();
        QJsonObject config = build(in);
        QVERIFY(strings(findMount(config, u"/sys"_s)[u"options"]).contains(u"ro"_s));
        QVERIFY(strings(config[u"linux"][u"maskedPaths"]).contains(u"/proc/kcore"_s));
        QVERIFY(strings(config[u"linux"][u"readonlyPaths"]).contains(u"/proc/sys"_s));
        QCOMPARE(config[u"linux"][u"resources"][u"devices"][0].toObject(),
            (QJsonObject{ { u"allow"_s, false }, { u"access"_s, u"rwm"_s } }));

        in.spec.privileged = true;
        in.spec.capDrop = { u"ALL"_s }; // ignored, as by Docker
        config = build(in);
        QVERIFY(!config[u"linux"].toObject().contains(u"seccomp"));
        QVERIFY(config[u"linux"][u"maskedPaths"].toArray().isEmpty());
        QVERIFY(config[u"linux"][u"readonlyPaths"].toArray().isEmpty());
        QVERIFY(!strings(findMount(config, u"/sys"_s)[u"options"]).contains(u"ro"_s));
        QVERIFY(!strings(findMount(config, u"/sys/fs/cgroup"_s)[u"options"]).contains(u"ro"_s));
        QCOMPARE(config[u"linux"][u"resources"][u"devices"].toArray(),
            (QJsonArray{ QJsonObject{ { u"allow"_s, true }, { u"access"_s, u"rwm"_s } } }));
        const QStringList caps = strings(config[u"process"][u"capabilities"][u"bounding"]);
        QVERIFY(caps.contains(u"CAP_SYS_ADMIN"_s) && caps.contains(u"CAP_CHOWN"_s));
    }

    void mounts()
    {
        BundleInputs in = inputs();
        in.hostsFile = u"/run/x/hosts"_s;
        in.resolvConfFile = u"/run/x/resolv.conf"_s;
        Mount bind = mountOf(MountType::Bind, u"/data/sub"_s);
        bind.source = u"/srv/data"_s;
        bind.readOnly = true;
        bind.propagation = u"rslave"_s;
        Mount volume = mountOf(MountType::Volume, u"/data"_s);
        volume.source = u"vol"_s;
        Mount tmpfs = mountOf(MountType::Tmpfs, u"/scratch"_s);
        tmpfs.tmpfsSize = 2 * 1024 * 1024;
        tmpfs.tmpfsMode = 0700;
        tmpfs.tmpfsOptions = { u"exec"_s, u"size=1g"_s };
        const Mount shm = mountOf(MountType::Tmpfs, u"/dev/shm"_s);
        in.mounts = { { bind, QString() }, { volume, u"/var/lib/muelle/volumes/vol/_data"_s }, { tmpfs, QString() },
            { shm, QString() } };
        QJsonObject config = build(in);
        QStringList destinations;
        for (const QJsonValue &mount : config[u"mounts"].toArray())
            destinations.append(mount[u"destination"].toString());
        QCOMPARE(destinations,
            (QStringList{ u"/proc"_s, u"/dev"_s, u"/dev/pts"_s, u"/sys"_s, u"/sys/fs/cgroup"_s, u"/dev/mqueue"_s,
                u"/data"_s, u"/scratch"_s, u"/etc/hosts"_s, u"/etc/resolv.conf"_s, u"/data/sub"_s, u"/dev/shm"_s }));
        QCOMPARE(findMount(config, u"/data/sub"_s),
            (QJsonObject{ { u"destination"_s, u"/data/sub"_s }, { u"type"_s, u"bind"_s },
                { u"source"_s, u"/srv/data"_s }, { u"options"_s, QJsonArray{ u"rbind"_s, u"ro"_s, u"rslave"_s } } }));
        QCOMPARE(findMount(config, u"/data"_s)[u"source"].toString(), u"/var/lib/muelle/volumes/vol/_data"_s);
        QCOMPARE(strings(findMount(config, u"/scratch"_s)[u"options"]),
            (QStringList{ u"nosuid"_s, u"nodev"_s, u"rprivate"_s, u"mode=700"_s, u"exec"_s, u"size=1g"_s }));
        QCOMPARE(strings(findMount(config, u"/etc/hosts"_s)[u"options"]), (QStringList{ u"rbind"_s, u"rprivate"_s }));
        QCOMPARE(config[u"linux"][u"rootfsPropagation"].toString(), u"rslave"_s);

        in.mounts.clear();
        in.spec.shmSize = 1024 * 1024;
        QVERIFY(strings(findMount(build(in), u"/dev/shm"_s)[u"options"]).contains(u"size=1048576"_s));
        in.spec.shmSize = 0;
        QVERIFY(strings(findMount(build(in), u"/dev/shm"_s)[u"options"]).contains(u"size=67108864"_s));
    }

    void readOnly()
    {
        BundleInputs in = inputs();
        in.hostsFile = u"/run/x/hosts"_s;
        in.spec.readonlyRootfs = true;
        const QJsonObject config = build(in);
        QCOMPARE(config[u"root"][u"readonly"].toBool(), true);
        QVERIFY(strings(findMount(config, u"/etc/hosts"_s)[u"options"]).contains(u"ro"_s));
        QVERIFY(!strings(findMount(config, u"/dev/shm"_s)[u"options"]).contains(u"ro"_s));
        QVERIFY(!strings(findMount(config, u"/proc"_s)[u"options"]).contains(u"ro"_s));
    }

    void resources()
    {
        BundleInputs in = inputs();
        const QJsonObject section = build(in)[u"linux"].toObject();
        QCOMPARE(section[u"cgroupsPath"].toString(), in.cgroupsPath);
        QVERIFY(!section[u"resources"].toObject().contains(u"memory"));
        QVERIFY(!section[u"resources"].toObject().contains(u"cpu"));

        auto &r = in.spec.resources;
        r.memory = 64 * 1024 * 1024;
        r.memoryReservation = 32 * 1024 * 1024;
        r.oomKillDisable = true;
        r.nanoCpus = 1500000000;
        r.cpuShares = 512;
        r.cpusetCpus = u"0"_s;
        r.pidsLimit = 100;
        r.blkioWeight = 300;
        QJsonObject resources = build(in)[u"linux"][u"resources"].toObject();
        QCOMPARE(resources[u"memory"][u"limit"].toInteger(), r.memory);
        QCOMPARE(resources[u"memory"][u"reservation"].toInteger(), r.memoryReservation);
        QCOMPARE(resources[u"memory"][u"disableOOMKiller"].toBool(), true);
        if (QFileInfo::exists(u"/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes"_s))
            QCOMPARE(resources[u"memory"][u"swap"].toInteger(), 2 * r.memory);
        QCOMPARE(resources[u"cpu"].toObject(),
            (QJsonObject{
                { u"shares"_s, 512 }, { u"period"_s, 100000 }, { u"quota"_s, 150000 }, { u"cpus"_s, u"0"_s } }));
        QCOMPARE(resources[u"pids"][u"limit"].toInteger(), 100);
        QCOMPARE(resources[u"blockIO"][u"weight"].toInteger(), 300);

        r.cpuQuota = 20000;
        r.cpuPeriod = 50000;
        r.memorySwap = -1;
        resources = build(in)[u"linux"][u"resources"].toObject();
        QCOMPARE(resources[u"cpu"][u"quota"].toInteger(), 20000);
        QCOMPARE(resources[u"cpu"][u"period"].toInteger(), 50000);
        if (resources[u"memory"].toObject().contains(u"swap"))
            QCOMPARE(resources[u"memory"][u"swap"].toInteger(), -1);
    }

    void namespaces()
    {
        BundleInputs in = inputs();
        auto types = [](const QJsonObject &config) {
            QStringList list;
            for (const QJsonValue &ns : config[u"linux"][u"namespaces"].toArray())
                list.append(ns[u"type"].toString() + ns[u"path"].toString());
            return list;
        };
        QJsonObject config = build(in);
        QVERIFY(types(config).contains(u"network"_s));
        QVERIFY(
            types(config).contains(u"uts"_s) && types(config).contains(u"pid"_s) && types(config).contains(u"ipc"_s));
        QVERIFY(config[u"linux"][u"sysctl"].toObject().contains(u"net.ipv4.ip_unprivileged_port_start"));

        in.namespaces.networkPath = u"/run/muelle/netns/abc"_s;
        QVERIFY(types(build(in)).contains(u"network/run/muelle/netns/abc"_s));

        in.namespaces.networkPath.clear();
        in.namespaces.hostNetwork = true;
        config = build(in);
        QVERIFY(!types(config).join(u' ').contains(u"network"_s));
        QVERIFY(types(config).contains(u"uts"_s));
        QCOMPARE(config[u"hostname"].toString(), QSysInfo::machineHostName());
        QVERIFY(!config[u"linux"].toObject().contains(u"sysctl"));
    }

    void exec()
    {
        Process process;
        process.args = { u"sh"_s };
        process.env = { u"A=1"_s };
        process.uid = 1000;
        process.gid = 1000;
        process.terminal = true;
        Result<QJsonObject> json = execProcess(rootfs, process);
        QVERIFY2(json, why(json));
        QCOMPARE(strings((*json)[u"env"]),
            (QStringList{ u"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"_s, u"A=1"_s,
                u"TERM=xterm"_s, u"HOME=/home/app"_s }));
        QCOMPARE((*json)[u"cwd"].toString(), u"/"_s);
        QCOMPARE((*json)[u"user"][u"uid"].toInt(), 1000);
        QCOMPARE((*json)[u"terminal"].toBool(), true);
        QVERIFY(!json->contains(u"capabilities"));
        process.args.clear();
        json = execProcess(rootfs, process);
        QVERIFY(!json);
        QCOMPARE(json.error().code, Code::InvalidArgument);
    }

    // --- under runc -------------------------------------------------------

    void runUser()
    {
        if (runc.isEmpty())
            QSKIP("runc is not installed");
        BundleInputs in = inputs({ u"sh"_s, u"-c"_s, u"id -u; id -g; id -G; hostname; echo $HOME"_s });
        in.spec.user = u"app"_s;
        const RunResult result = run(in);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(result.out, "1000\n1000\n1000 29 50\n" + in.id.left(12).toLatin1() + "\n/home/app\n");
        QVERIFY(cgroupsGone(in));
    }

    void runCapabilities()
    {
        if (runc.isEmpty())
            QSKIP("runc is not installed");
        BundleInputs in
            = inputs({ u"grep"_s, u"-E"_s, u"^(CapEff|CapBnd|Seccomp|NoNewPrivs):"_s, u"/proc/self/status"_s });
        in.spec.securityOpt = { u"no-new-privileges"_s };
        RunResult result = run(in);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        // CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP
        // NET_BIND_SERVICE NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP
        QVERIFY2(result.out.contains("CapEff:\t00000000a80425fb\n"), result.out.constData());
        QVERIFY2(result.out.contains("CapBnd:\t00000000a80425fb\n"), result.out.constData());
        QVERIFY2(result.out.contains("NoNewPrivs:\t1\n"), result.out.constData());
        QVERIFY2(result.out.contains("Seccomp:\t2\n"), result.out.constData());

        // The profile blocks unshare(2) without CAP_SYS_ADMIN.
        in = inputs({ u"unshare"_s, u"-u"_s, u"true"_s });
        result = run(in);
        QVERIFY2(result.exitCode != 0, result.err.constData());
        QVERIFY(cgroupsGone(in));
    }

    void runPrivileged()
    {
        if (runc.isEmpty())
            QSKIP("runc is not installed");
        BundleInputs in = inputs({ u"sh"_s, u"-c"_s,
            u"grep -E '^(CapEff|Seccomp):' /proc/self/status; unshare -u true && echo unshared"_s });
        in.spec.privileged = true;
        const RunResult result = run(in);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QFile status(u"/proc/self/status"_s);
        QVERIFY(status.open(QIODevice::ReadOnly));
        QByteArray ownCapEff;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("CapEff:"))
                ownCapEff = line;
        }
        QVERIFY2(result.out.contains(ownCapEff + '\n'), result.out.constData());
        QVERIFY2(result.out.contains("Seccomp:\t0\n"), result.out.constData());
        QVERIFY2(result.out.contains("unshared\n"), result.out.constData());
    }

    void runReadOnly()
    {
        if (runc.isEmpty())
            QSKIP("runc is not installed");
        BundleInputs in = inputs({ u"sh"_s, u"-c"_s, u"touch /tmp/ok && echo tmp-ok; touch /nope"_s });
        in.spec.readonlyRootfs = true;
        in.mounts = { { mountOf(MountType::Tmpfs, u"/tmp"_s), QString() } };
        const RunResult result = run(in);
        QCOMPARE(result.out, QByteArray("tmp-ok\n"));
        QVERIFY2(result.exitCode != 0, result.err.constData());
        QVERIFY2(result.err.contains("Read-only file system"), result.err.constData());
        QVERIFY(!QFileInfo::exists(rootfs + u"/nope"_s));
    }

    void runExitCode()
    {
        if (runc.isEmpty())
            QSKIP("runc is not installed");
        const RunResult result = run(inputs({ u"sh"_s, u"-c"_s, u"echo out; echo err >&2; exit 42"_s }));
        QCOMPARE(result.exitCode, 42);
        QCOMPARE(result.out, QByteArray("out\n"));
        QVERIFY2(result.err.contains("err\n"), result.err.constData());
    }

    void runLimits()
    {
        if (runc.isEmpty())
            QSKIP("runc is not installed");
        BundleInputs in = inputs({ u"sh"_s, u"-c"_s,
            u"cat /sys/fs/cgroup/memory/memory.limit_in_bytes; ulimit -n; ulimit -Hn; cat /proc/net/dev | grep -c :"_s });
        in.spec.resources.memory = 64 * 1024 * 1024;
        RunResult result = run(in);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QByteArray nofile = QByteArray::number(std::min<qint64>(1048576, hostNofileHard()));
        // The new network namespace is empty: lo only.
        QCOMPARE(result.out, "67108864\n" + nofile + "\n" + nofile + "\n1\n");
        QVERIFY(cgroupsGone(in));

        in = inputs({ u"sh"_s, u"-c"_s, u"ulimit -n; ulimit -Hn"_s });
        in.spec.resources.ulimits = { { u"nofile"_s, 512, 1024 } };
        result = run(in);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(result.out, QByteArray("512\n1024\n"));
    }
};

QTEST_GUILESS_MAIN(RuntimeSpecTest)
#include "tst_ocispec.moc"
