// Cgroups read for `docker stats`: the real v1 hierarchies of this host with
// a busybox child burning CPU, holding memory and being OOM-killed; the
// host's empty v2 tree for cgroup.procs; and, because v2 controllers cannot
// run on a v1 host, a fake of the kernel's v2 files (and of v1 files whose
// exact values a real kernel would not give) for the parsing.
#include "engine/cgroups/cgroups.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <linux/magic.h>
#include <sys/statfs.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace muelle::engine::cgroups;

namespace muelle {
inline char *toString(Code code)
{
    return QTest::toString(codeName(code));
}
} // namespace muelle

namespace {

constexpr quint64 mib = 1024 * 1024;

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

quint64 hostMemory()
{
    QFile meminfo(u"/proc/meminfo"_s);
    if (!meminfo.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : meminfo.readAll().split('\n')) {
        if (line.startsWith("MemTotal:"))
            return line.mid(9).simplified().split(' ').first().toULongLong() * 1024;
    }
    return 0;
}

QString uniqueName()
{
    return u"muelle-test-%1"_s.arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
}

// Test cgroups made under real hierarchies, one directory per mount. On
// destruction whatever is still inside (only this test's children) is
// killed and the directories removed; nothing else is touched.
class TestCgroups {
public:
    explicit TestCgroups(QString name) : name_(std::move(name)) { }
    TestCgroups(const TestCgroups &) = delete;
    TestCgroups &operator=(const TestCgroups &) = delete;
    ~TestCgroups()
    {
        for (const QString &dir : std::as_const(dirs_)) {
            for (int attempt = 0; attempt < 50; ++attempt) {
                killMembers(dir);
                if (QDir().rmdir(dir))
                    break;
                QTest::qWait(100);
            }
        }
    }

    // mkdir <mount>/<name>; false when the hierarchy cannot be written here.
    bool create(const QString &mount)
    {
        const QString dir = mount + u'/' + name_;
        if (!QDir().mkdir(dir))
            return false;
        dirs_.append(dir);
        return true;
    }
    bool join(qint64 pid) const
    {
        for (const QString &dir : dirs_) {
            if (!writeFile(dir + u"/cgroup.procs"_s, QByteArray::number(pid)))
                return false;
        }
        return true;
    }
    const QList<QString> &dirs() const { return dirs_; }

private:
    static void killMembers(const QString &dir)
    {
        QFile procs(dir + u"/cgroup.procs"_s);
        if (!procs.open(QIODevice::ReadOnly))
            return;
        for (const QByteArray &line : procs.readAll().split('\n')) {
            bool ok = false;
            const int pid = line.trimmed().toInt(&ok);
            if (ok && pid > 1)
                ::kill(pid, SIGKILL);
        }
    }

    QString name_;
    QList<QString> dirs_;
};

// A busybox shell that waits for a line on stdin before running `script`,
// so that it can be moved into its cgroups first.
void startChild(QProcess &child, const QString &script)
{
    child.start(u"/bin/busybox"_s, { u"sh"_s, u"-c"_s, u"read go; "_s + script });
}

Hierarchy fakeTree(Version version, const QTemporaryDir &dir)
{
    return Hierarchy{ version, dir.path() };
}

} // namespace

class TestCgroupsSuite : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void detectOnThisHost();
    void detectFromMountinfoText_data();
    void detectFromMountinfoText();
    void detectFromMountinfoFile();
    void realV1StatsOfABusyChild();
    void realV1OomKill();
    void realV1MissingIsNotFound();
    void realV2ProcsInTheEmptyUnifiedTree();
    void fakeV1FilesParse();
    void fakeV1JointCpuMount();
    void fakeV2FilesParse();
    void fakeV2MissingControllerFilesStayZero();
    void missingCgroupIsNotFound_data();
    void missingCgroupIsNotFound();
    void pathMayNotClimb();

private:
    static bool canWriteV1();
};

bool TestCgroupsSuite::canWriteV1()
{
    return ::geteuid() == 0 && Hierarchy::detect().version == Version::V1
        && QFileInfo(u"/sys/fs/cgroup/memory/cgroup.procs"_s).isWritable();
}

void TestCgroupsSuite::detectOnThisHost()
{
    struct statfs fs { };
    QCOMPARE(::statfs("/sys/fs/cgroup", &fs), 0);
    const Version expected = fs.f_type == CGROUP2_SUPER_MAGIC ? Version::V2 : Version::V1;
    const Hierarchy hierarchy = Hierarchy::detect();
    QCOMPARE(hierarchy.version, expected);
    QCOMPARE(hierarchy.root, u"/sys/fs/cgroup"_s);
}

void TestCgroupsSuite::detectFromMountinfoText_data()
{
    QTest::addColumn<QByteArray>("mountinfo");
    QTest::addColumn<Version>("version");
    QTest::newRow("pure v2") << QByteArray(
        "22 28 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw\n"
        "26 22 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - "
        "cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n")
                             << Version::V2;
    QTest::newRow("hybrid") << QByteArray("31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
                                          "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
                                          "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n")
                            << Version::V1;
    QTest::newRow("v1 only") << QByteArray(
        "31 23 0:28 / /sys/fs/cgroup ro shared:9 - tmpfs tmpfs ro,mode=755\n"
        "35 31 0:32 / /sys/fs/cgroup/memory rw shared:14 - cgroup cgroup rw,memory\n")
                             << Version::V1;
    QTest::newRow("v2 over tmpfs, last wins") << QByteArray("31 23 0:28 / /sys/fs/cgroup rw - tmpfs tmpfs rw\n"
                                                            "50 31 0:40 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n")
                                              << Version::V2;
    QTest::newRow("v2 elsewhere only") << QByteArray("41 31 0:38 / /sys/fs/cgroup\\040x rw - cgroup2 cgroup2 rw\n")
                                       << Version::V1;
    QTest::newRow("empty") << QByteArray() << Version::V1;
}

void TestCgroupsSuite::detectFromMountinfoText()
{
    QFETCH(QByteArray, mountinfo);
    QFETCH(Version, version);
    const Hierarchy hierarchy = Hierarchy::fromMountinfo(mountinfo);
    QCOMPARE(hierarchy.version, version);
    QCOMPARE(hierarchy.root, u"/sys/fs/cgroup"_s);
}

void TestCgroupsSuite::detectFromMountinfoFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"mountinfo"_s);
    QVERIFY(writeFile(path, "26 22 0:23 / /sys/fs/cgroup rw shared:9 - cgroup2 cgroup2 rw\n"));
    QCOMPARE(Hierarchy::detect(path).version, Version::V2);
    QCOMPARE(Hierarchy::detect(dir.filePath(u"missing"_s)).version, Version::V1);
}

void TestCgroupsSuite::realV1StatsOfABusyChild()
{
    if (!canWriteV1())
        QSKIP("needs root on a host with writable cgroup v1 hierarchies");
    const Hierarchy hierarchy = Hierarchy::detect();
    const QString name = uniqueName();
    TestCgroups cgroups(name);
    QSet<QString> mounts; // cpu and cpuacct may be one mount behind two links
    for (const QString &controller : { u"cpu"_s, u"cpuacct"_s, u"memory"_s, u"pids"_s, u"blkio"_s }) {
        const QString mount = QFileInfo(hierarchy.root + u'/' + controller).canonicalFilePath();
        if (mount.isEmpty() || mounts.contains(mount))
            continue;
        mounts.insert(mount);
        QVERIFY2(cgroups.create(mount), qPrintable(mount));
    }
    const Cgroup cgroup(hierarchy, u'/' + name);

    const auto fresh = cgroup.stats();
    QVERIFY2(fresh, fresh ? "" : qPrintable(fresh.error().message));
    QCOMPARE(fresh->memoryLimit, hostMemory()); // no limit yet: the host's RAM
    QCOMPARE(fresh->pidsLimit, quint64(0)); // pids.max "max"
    QCOMPARE(fresh->pidsCurrent, quint64(0));

    const QString memoryDir = hierarchy.root + u"/memory/"_s + name;
    QVERIFY(writeFile(memoryDir + u"/memory.limit_in_bytes"_s, QByteArray::number(64 * mib)));
    QVERIFY(writeFile(hierarchy.root + u"/pids/"_s + name + u"/pids.max"_s, "64"));

    QProcess child;
    startChild(child,
        u"x=$(/bin/busybox head -c 8000000 /dev/zero | /bin/busybox tr '\\0' a); "
        "while :; do :; done"_s);
    QVERIFY(child.waitForStarted());
    QVERIFY(cgroups.join(child.processId()));
    child.write("go\n");

    QTRY_VERIFY_WITH_TIMEOUT(cgroup.stats().value_or(Stats{}).memoryUsage > 8000000, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        cgroup.stats().value_or(Stats{}).cpuUserNs + cgroup.stats().value_or(Stats{}).cpuKernelNs > 0, 10000);
    const auto before = cgroup.stats();
    QVERIFY(before);
    QTest::qWait(300);
    const auto after = cgroup.stats();
    QVERIFY(after);

    QVERIFY(before->cpuTotalNs > 0);
    QVERIFY(after->cpuTotalNs > before->cpuTotalNs);
    QVERIFY(after->systemCpuNs > before->systemCpuNs);
    QCOMPARE(after->onlineCpus, int(::sysconf(_SC_NPROCESSORS_ONLN)));
    QVERIFY(!after->perCpuNs.isEmpty());
    quint64 perCpuSum = 0;
    for (quint64 ns : after->perCpuNs)
        perCpuSum += ns;
    QVERIFY(perCpuSum > 0);
    QCOMPARE(after->memoryLimit, 64 * mib);
    QVERIFY(after->memoryMaxUsage >= after->memoryUsage);
    QVERIFY(!after->memoryStat.isEmpty());
    QVERIFY(after->pidsCurrent >= 1);
    QCOMPARE(after->pidsLimit, quint64(64));
    QCOMPARE(after->oomKills, quint64(0));

    const auto pids = cgroup.pids();
    QVERIFY(pids);
    QVERIFY(pids->contains(int(child.processId())));
    child.kill();
    QVERIFY(child.waitForFinished());
}

void TestCgroupsSuite::realV1OomKill()
{
    if (!canWriteV1())
        QSKIP("needs root on a host with writable cgroup v1 hierarchies");
    const Hierarchy hierarchy = Hierarchy::detect();
    const QString name = uniqueName();
    TestCgroups cgroups(name);
    const QString memoryDir = hierarchy.root + u"/memory/"_s + name;
    QVERIFY(cgroups.create(hierarchy.root + u"/memory"_s));
    QVERIFY(writeFile(memoryDir + u"/memory.limit_in_bytes"_s, QByteArray::number(32 * mib)));
    // With swap the child could escape into it: bound memory+swap too, above
    // the memory limit so that the memory counter is the one that fails.
    if (QFile::exists(memoryDir + u"/memory.memsw.limit_in_bytes"_s))
        QVERIFY(writeFile(memoryDir + u"/memory.memsw.limit_in_bytes"_s, QByteArray::number(64 * mib)));

    QProcess child;
    startChild(child, u"x=$(/bin/busybox head -c 200000000 /dev/zero | /bin/busybox tr '\\0' a); echo survived"_s);
    QVERIFY(child.waitForStarted());
    QVERIFY(cgroups.join(child.processId()));
    child.write("go\n");
    QVERIFY(child.waitForFinished(30000));
    QVERIFY(!child.readAllStandardOutput().contains("survived"));

    const Cgroup cgroup(hierarchy, u'/' + name);
    QVERIFY(cgroup.oomKills() >= 1);
    const auto stats = cgroup.stats();
    QVERIFY(stats);
    QCOMPARE(stats->oomKills, cgroup.oomKills());
    QVERIFY(stats->memoryFailcnt > 0);
    QCOMPARE(stats->memoryLimit, 32 * mib);
}

void TestCgroupsSuite::realV1MissingIsNotFound()
{
    const Hierarchy hierarchy = Hierarchy::detect();
    if (hierarchy.version != Version::V1)
        QSKIP("this host is cgroup v2");
    const Cgroup cgroup(hierarchy, u'/' + uniqueName());
    const auto stats = cgroup.stats();
    QVERIFY(!stats);
    QCOMPARE(stats.error().code, muelle::Code::NotFound);
    const auto pids = cgroup.pids();
    QVERIFY(!pids);
    QCOMPARE(pids.error().code, muelle::Code::NotFound);
    QCOMPARE(cgroup.oomKills(), quint64(0));
}

void TestCgroupsSuite::realV2ProcsInTheEmptyUnifiedTree()
{
    const QString unified = u"/sys/fs/cgroup/unified"_s;
    if (::geteuid() != 0 || !QFile::exists(unified + u"/cgroup.controllers"_s))
        QSKIP("needs root and a cgroup2 tree at /sys/fs/cgroup/unified");
    const QString name = uniqueName();
    TestCgroups cgroups(name);
    QVERIFY(cgroups.create(unified));

    QProcess child;
    startChild(child, u"while :; do :; done"_s);
    QVERIFY(child.waitForStarted());
    QVERIFY(cgroups.join(child.processId()));
    child.write("go\n");

    const Cgroup cgroup(Hierarchy{ Version::V2, unified }, u'/' + name);
    const auto pids = cgroup.pids();
    QVERIFY2(pids, pids ? "" : qPrintable(pids.error().message));
    QCOMPARE(*pids, QList<int>{ int(child.processId()) });
    QVERIFY(cgroup.stats());
    if (QFile::exists(cgroups.dirs().first() + u"/cpu.stat"_s)) // core cpu.stat needs no controller
        QTRY_VERIFY_WITH_TIMEOUT(cgroup.stats().value_or(Stats{}).cpuTotalNs > 0, 10000);
    child.kill();
    QVERIFY(child.waitForFinished());
}

void TestCgroupsSuite::fakeV1FilesParse()
{
    // A fake of the kernel's v1 files, for values a real kernel would not
    // give on demand: ticks, a huge "no limit", "max", the blkio fallback.
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const auto file = [&](const QString &controller, const QString &name, const QByteArray &contents) {
        QDir(root.path()).mkpath(controller + u"/muelle/c1"_s);
        return writeFile(root.filePath(controller + u"/muelle/c1/"_s + name), contents);
    };
    QVERIFY(file(u"cpuacct"_s, u"cpuacct.usage"_s, "5000000000\n"));
    QVERIFY(file(u"cpuacct"_s, u"cpuacct.usage_percpu"_s, "3000000000 2000000000 \n"));
    QVERIFY(file(u"cpuacct"_s, u"cpuacct.stat"_s, "user 300\nsystem 150\n"));
    QVERIFY(file(u"cpu"_s, u"cpu.stat"_s, "nr_periods 10\nnr_throttled 4\nthrottled_time 123456\n"));
    QVERIFY(file(u"memory"_s, u"memory.usage_in_bytes"_s, "1048576\n"));
    QVERIFY(file(u"memory"_s, u"memory.limit_in_bytes"_s, "9223372036854771712\n"));
    QVERIFY(file(u"memory"_s, u"memory.max_usage_in_bytes"_s, "2097152\n"));
    QVERIFY(file(u"memory"_s, u"memory.failcnt"_s, "7\n"));
    QVERIFY(file(u"memory"_s, u"memory.stat"_s, "cache 4096\nrss 8192\ntotal_inactive_file 512\n"));
    QVERIFY(file(u"memory"_s, u"memory.oom_control"_s, "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n"));
    QVERIFY(file(u"pids"_s, u"cgroup.procs"_s, "10\n11\n"));
    QVERIFY(file(u"pids"_s, u"pids.current"_s, "2\n"));
    QVERIFY(file(u"pids"_s, u"pids.max"_s, "max\n"));
    QVERIFY(file(u"blkio"_s, u"blkio.throttle.io_service_bytes_recursive"_s, "Total 0\n"));
    QVERIFY(file(u"blkio"_s, u"blkio.io_service_bytes_recursive"_s,
        "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 12288\n8:0 Async 0\n8:0 Total 12288\nTotal 12288\n"));

    const Cgroup cgroup(fakeTree(Version::V1, root), u"/muelle/c1"_s);
    const auto stats = cgroup.stats();
    QVERIFY2(stats, stats ? "" : qPrintable(stats.error().message));
    const quint64 nsPerTick = 1'000'000'000ULL / quint64(::sysconf(_SC_CLK_TCK));
    QCOMPARE(stats->cpuTotalNs, quint64(5000000000));
    QCOMPARE(stats->perCpuNs, (QList<quint64>{ 3000000000, 2000000000 }));
    QCOMPARE(stats->cpuUserNs, 300 * nsPerTick);
    QCOMPARE(stats->cpuKernelNs, 150 * nsPerTick);
    QCOMPARE(stats->throttledPeriods, quint64(4));
    QCOMPARE(stats->throttledTimeNs, quint64(123456));
    QCOMPARE(stats->memoryUsage, quint64(1048576));
    QCOMPARE(stats->memoryLimit, hostMemory());
    QCOMPARE(stats->memoryMaxUsage, quint64(2097152));
    QCOMPARE(stats->memoryFailcnt, quint64(7));
    QCOMPARE(stats->memoryStat.size(), 3);
    QCOMPARE(stats->memoryStat.at(2), std::pair(u"total_inactive_file"_s, quint64(512)));
    QCOMPARE(stats->oomKills, quint64(3));
    QCOMPARE(stats->pidsCurrent, quint64(2));
    QCOMPARE(stats->pidsLimit, quint64(0));
    QVERIFY(stats->systemCpuNs > 0);
    QVERIFY(stats->onlineCpus >= 1);
    QCOMPARE(stats->blkio.size(), 2);
    QCOMPARE(stats->blkio[0].major, quint64(8));
    QCOMPARE(stats->blkio[0].minor, quint64(0));
    QCOMPARE(stats->blkio[0].op, u"read"_s);
    QCOMPARE(stats->blkio[0].value, quint64(4096));
    QCOMPARE(stats->blkio[1].op, u"write"_s);
    QCOMPARE(stats->blkio[1].value, quint64(8192));
    QCOMPARE(cgroup.oomKills(), quint64(3));
    QCOMPARE(cgroup.pids().value_or(QList<int>{}), (QList<int>{ 10, 11 }));
}

void TestCgroupsSuite::fakeV1JointCpuMount()
{
    // A fake v1 tree where cpu and cpuacct share one mount and no links
    // name them apart, and the pids controller is not mounted.
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QVERIFY(QDir(root.path()).mkpath(u"cpu,cpuacct/c1"_s));
    QVERIFY(writeFile(root.filePath(u"cpu,cpuacct/c1/cpuacct.usage"_s), "42\n"));
    QVERIFY(writeFile(root.filePath(u"cpu,cpuacct/c1/cpu.stat"_s), "nr_throttled 5\nthrottled_time 6\n"));
    QVERIFY(QDir(root.path()).mkpath(u"memory/c1"_s));
    QVERIFY(writeFile(root.filePath(u"memory/c1/cgroup.procs"_s), "12\n"));
    const Cgroup cgroup(fakeTree(Version::V1, root), u"/c1"_s);
    QCOMPARE(cgroup.pids().value_or(QList<int>{}), QList<int>{ 12 }); // no pids controller: the memory one
    const auto stats = cgroup.stats();
    QVERIFY(stats);
    QCOMPARE(stats->cpuTotalNs, quint64(42));
    QCOMPARE(stats->throttledPeriods, quint64(5));
    QCOMPARE(stats->memoryLimit, hostMemory());
}

void TestCgroupsSuite::fakeV2FilesParse()
{
    // A fake of the kernel's v2 files: this host's v2 tree has no controllers.
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QVERIFY(QDir(root.path()).mkpath(u"muelle/c2"_s));
    const auto file = [&](const QString &name, const QByteArray &contents) {
        return writeFile(root.filePath(u"muelle/c2/"_s + name), contents);
    };
    QVERIFY(file(u"cpu.stat"_s,
        "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\nnr_periods 9\nnr_throttled 3\nthrottled_usec 70\n"));
    QVERIFY(file(u"memory.current"_s, "3145728\n"));
    QVERIFY(file(u"memory.max"_s, "67108864\n"));
    QVERIFY(file(u"memory.peak"_s, "4194304\n"));
    QVERIFY(file(u"memory.stat"_s, "anon 1024\nfile 2048\ninactive_file 100\n"));
    QVERIFY(file(u"memory.events"_s, "low 0\nhigh 0\nmax 12\noom 2\noom_kill 2\noom_group_kill 0\n"));
    QVERIFY(file(u"pids.current"_s, "4\n"));
    QVERIFY(file(u"pids.max"_s, "100\n"));
    QVERIFY(file(u"io.stat"_s,
        "8:0 rbytes=1000 wbytes=2000 rios=1 wios=2 dbytes=0 dios=0\n"
        "259:1 rbytes=30 wbytes=40 rios=3 wios=4 dbytes=0 dios=0\n"));
    QVERIFY(file(u"cgroup.procs"_s, "77\n"));

    const Cgroup cgroup(fakeTree(Version::V2, root), u"/muelle/c2"_s);
    const auto stats = cgroup.stats();
    QVERIFY2(stats, stats ? "" : qPrintable(stats.error().message));
    QCOMPARE(stats->cpuTotalNs, quint64(2500000));
    QCOMPARE(stats->cpuUserNs, quint64(2000000));
    QCOMPARE(stats->cpuKernelNs, quint64(500000));
    QVERIFY(stats->perCpuNs.isEmpty());
    QCOMPARE(stats->throttledPeriods, quint64(3));
    QCOMPARE(stats->throttledTimeNs, quint64(70000));
    QCOMPARE(stats->memoryUsage, quint64(3145728));
    QCOMPARE(stats->memoryLimit, 64 * mib);
    QCOMPARE(stats->memoryMaxUsage, quint64(4194304));
    QCOMPARE(stats->memoryStat.size(), 3);
    QCOMPARE(stats->memoryStat.at(0), std::pair(u"anon"_s, quint64(1024)));
    QCOMPARE(stats->oomKills, quint64(2));
    QCOMPARE(stats->pidsCurrent, quint64(4));
    QCOMPARE(stats->pidsLimit, quint64(100));
    QCOMPARE(stats->blkio.size(), 4);
    QCOMPARE(stats->blkio[2].major, quint64(259));
    QCOMPARE(stats->blkio[2].minor, quint64(1));
    QCOMPARE(stats->blkio[2].op, u"read"_s);
    QCOMPARE(stats->blkio[2].value, quint64(30));
    QCOMPARE(stats->blkio[3].op, u"write"_s);
    QCOMPARE(stats->blkio[3].value, quint64(40));
    QVERIFY(stats->systemCpuNs > 0);
    QCOMPARE(cgroup.oomKills(), quint64(2));
    QCOMPARE(cgroup.pids().value_or(QList<int>{}), QList<int>{ 77 });
}

void TestCgroupsSuite::fakeV2MissingControllerFilesStayZero()
{
    // A fake v2 cgroup with no controllers enabled: only the core files.
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QVERIFY(QDir(root.path()).mkpath(u"c3"_s));
    QVERIFY(writeFile(root.filePath(u"c3/cgroup.procs"_s), ""));
    QVERIFY(writeFile(root.filePath(u"c3/memory.max"_s), "max\n"));
    QVERIFY(writeFile(root.filePath(u"c3/pids.max"_s), "max\n"));
    const Cgroup cgroup(fakeTree(Version::V2, root), u"/c3"_s);
    const auto stats = cgroup.stats();
    QVERIFY(stats);
    QCOMPARE(stats->cpuTotalNs, quint64(0));
    QCOMPARE(stats->memoryUsage, quint64(0));
    QCOMPARE(stats->memoryLimit, hostMemory());
    QCOMPARE(stats->pidsLimit, quint64(0));
    QVERIFY(stats->blkio.isEmpty());
    QCOMPARE(cgroup.oomKills(), quint64(0));
    const auto pids = cgroup.pids();
    QVERIFY(pids);
    QVERIFY(pids->isEmpty());
}

void TestCgroupsSuite::missingCgroupIsNotFound_data()
{
    QTest::addColumn<Version>("version");
    QTest::newRow("v1") << Version::V1;
    QTest::newRow("v2") << Version::V2;
}

void TestCgroupsSuite::missingCgroupIsNotFound()
{
    QFETCH(Version, version);
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QVERIFY(QDir(root.path()).mkpath(u"memory/other"_s));
    const Cgroup cgroup(fakeTree(version, root), u"/muelle/gone"_s);
    const auto stats = cgroup.stats();
    QVERIFY(!stats);
    QCOMPARE(stats.error().code, muelle::Code::NotFound);
    QVERIFY2(stats.error().message.contains(u"/muelle/gone"_s), qPrintable(stats.error().message));
    const auto pids = cgroup.pids();
    QVERIFY(!pids);
    QCOMPARE(pids.error().code, muelle::Code::NotFound);
    QCOMPARE(cgroup.oomKills(), quint64(0));
}

void TestCgroupsSuite::pathMayNotClimb()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QVERIFY(QDir(root.path()).mkpath(u"memory/c1"_s));
    for (const Version version : { Version::V1, Version::V2 }) {
        const auto stats = Cgroup(fakeTree(version, root), u"/c1/../../x"_s).stats();
        QVERIFY(!stats);
        QCOMPARE(stats.error().code, muelle::Code::InvalidArgument);
    }
}

QTEST_GUILESS_MAIN(TestCgroupsSuite)
#include "tst_cgroups.moc"
