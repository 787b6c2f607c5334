#include "engine/system/hostinfo.h"

#include <QFile>
#include <QSysInfo>
#include <QThread>

#include <linux/magic.h>
#include <sys/statfs.h>
#include <sys/utsname.h>

namespace muelle::engine::system {

namespace {

// The value of `key` in a KEY=value file such as /etc/os-release.
QString osReleaseValue(const QByteArray &contents, const QByteArray &key)
{
    for (const QByteArray &line : contents.split('\n')) {
        if (!line.startsWith(key + '='))
            continue;
        QByteArray value = line.mid(key.size() + 1).trimmed();
        if (value.size() >= 2 && (value.startsWith('"') || value.startsWith('\'')))
            value = value.mid(1, value.size() - 2);
        return QString::fromUtf8(value);
    }
    return {};
}

qint64 memTotal()
{
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (!meminfo.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : meminfo.readAll().split('\n')) {
        if (line.startsWith("MemTotal:"))
            return line.mid(9).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return 0;
}

CgroupVersion cgroupVersion()
{
    struct statfs fs { };
    if (::statfs("/sys/fs/cgroup", &fs) == 0 && fs.f_type == CGROUP2_SUPER_MAGIC)
        return CgroupVersion::V2;
    return CgroupVersion::V1;
}

} // namespace

QString goArchitecture(const QString &machine)
{
    if (machine == u"x86_64")
        return QStringLiteral("amd64");
    if (machine == u"aarch64")
        return QStringLiteral("arm64");
    if (machine.startsWith(u"armv"))
        return QStringLiteral("arm");
    if (machine == u"i686" || machine == u"i386")
        return QStringLiteral("386");
    return machine;
}

HostInfo hostInfo()
{
    HostInfo info;
    struct utsname names { };
    if (::uname(&names) == 0) {
        info.hostname = QString::fromLocal8Bit(names.nodename);
        info.kernelVersion = QString::fromLocal8Bit(names.release);
        info.architecture = QString::fromLocal8Bit(names.machine);
    }
    QFile osRelease(QStringLiteral("/etc/os-release"));
    if (osRelease.open(QIODevice::ReadOnly)) {
        const QByteArray contents = osRelease.readAll();
        info.operatingSystem = osReleaseValue(contents, "PRETTY_NAME");
        info.osVersion = osReleaseValue(contents, "VERSION_ID");
    }
    info.cpus = QThread::idealThreadCount();
    info.memoryBytes = memTotal();
    info.cgroupVersion = cgroupVersion();
    return info;
}

} // namespace muelle::engine::system
