// --user against the image's /etc/passwd and /etc/group, read the way runc's
// libcontainer/user does, through the rootfs: the files belong to the image,
// so a symlink in them is resolved as if the rootfs were "/", never on the
// host.

#include "confine/inroot.h"
#include "engine/runtime/ocispec.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace muelle::engine::runtime {

namespace {

constexpr qint64 maxDatabaseSize = 16 * 1024 * 1024;
constexpr int maxSymlinks = 40;
constexpr qint64 maxId = INT_MAX; // as libcontainer: 0-2147483647

Result<QByteArray> readRegularFile(int fd, const QString &shown)
{
    struct stat st { };
    if (::fstat(fd, &st) != 0)
        return fail(systemError(QStringLiteral("stat"), shown, errno));
    if (!S_ISREG(st.st_mode))
        return fail(Code::InvalidArgument, QStringLiteral("read \"%1\": not a regular file").arg(shown));
    if (st.st_size > maxDatabaseSize)
        return fail(Code::InvalidArgument, QStringLiteral("read \"%1\": file too large").arg(shown));
    QByteArray content;
    char buffer[16384];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(systemError(QStringLiteral("read"), shown, errno));
        if (n == 0)
            return content;
        content.append(buffer, n);
        if (content.size() > maxDatabaseSize)
            return fail(Code::InvalidArgument, QStringLiteral("read \"%1\": file too large").arg(shown));
    }
}

// The file at root path `path` below `rootFd`, nullopt when it (or a
// directory on the way) does not exist. O_NOFOLLOW keeps the kernel from
// following a final symlink on the host; it is resolved here instead.
Result<std::optional<QByteArray>> readFileInRoot(int rootFd, QByteArray path)
{
    const QString shown = QLatin1Char('/') + QString::fromUtf8(path);
    for (int hops = 0; hops <= maxSymlinks; ++hops) {
        const QByteArray dirPath = confine::parentPath(path);
        const QByteArray name = confine::baseName(path);
        if (name.isEmpty())
            return std::nullopt;
        Result<confine::Fd> dir = confine::openDirInRoot(rootFd, dirPath);
        if (!dir && dir.error().code == Code::NotFound)
            return std::nullopt;
        if (!dir)
            return fail(dir.error());
        const int fd = ::openat(dir->get(), name.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0) {
            const confine::Fd file(fd);
            return readRegularFile(file.get(), shown);
        }
        if (errno == ENOENT)
            return std::nullopt;
        if (errno != ELOOP)
            return fail(systemError(QStringLiteral("open"), shown, errno));
        QByteArray target(PATH_MAX, Qt::Uninitialized);
        const ssize_t n = ::readlinkat(dir->get(), name.constData(), target.data(), size_t(target.size()));
        if (n < 0)
            return fail(systemError(QStringLiteral("readlink"), shown, errno));
        target.truncate(n);
        path = confine::resolveLinkInRoot(dirPath, target);
    }
    return fail(systemError(QStringLiteral("open"), shown, ELOOP));
}

struct PasswdEntry {
    QString name;
    qint64 uid = 0;
    qint64 gid = 0;
    QString home;
};

struct GroupEntry {
    QString name;
    qint64 gid = 0;
    QStringList members;
};

std::optional<qint64> parseId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    return ok && id >= 0 && id <= maxId ? std::optional(id) : std::nullopt;
}

// "name:password:..." lines; blank lines, comments and lines whose IDs are
// not numbers are skipped, as libcontainer does.
QList<QStringList> databaseLines(const QByteArray &content)
{
    QList<QStringList> lines;
    for (const QByteArray &raw : content.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (!line.isEmpty() && !line.startsWith('#'))
            lines.append(QString::fromUtf8(line).split(u':'));
    }
    return lines;
}

QList<PasswdEntry> parsePasswd(const QByteArray &content)
{
    QList<PasswdEntry> entries;
    for (const QStringList &fields : databaseLines(content)) {
        const auto uid = parseId(fields.value(2));
        const auto gid = parseId(fields.value(3));
        if (fields.size() >= 4 && uid && gid)
            entries.append({ fields[0], *uid, *gid, fields.value(5) });
    }
    return entries;
}

QList<GroupEntry> parseGroup(const QByteArray &content)
{
    QList<GroupEntry> entries;
    for (const QStringList &fields : databaseLines(content)) {
        const auto gid = parseId(fields.value(2));
        if (fields.size() >= 3 && gid)
            entries.append({ fields[0], *gid, fields.value(3).split(u',', Qt::SkipEmptyParts) });
    }
    return entries;
}

const GroupEntry *findGroup(const QList<GroupEntry> &groups, const QString &nameOrId)
{
    for (const GroupEntry &group : groups) {
        if (group.name == nameOrId || QString::number(group.gid) == nameOrId)
            return &group;
    }
    return nullptr;
}

bool isNumber(const QString &text)
{
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); });
}

Result<qint64> numericId(const QString &text)
{
    const std::optional<qint64> id = parseId(text);
    if (!id)
        return fail(Code::InvalidArgument, QStringLiteral("uids and gids must be in range 0-%1").arg(maxId));
    return *id;
}

Result<qint64> groupId(const QList<GroupEntry> &groups, const QString &nameOrId, const QString &message)
{
    if (const GroupEntry *group = findGroup(groups, nameOrId))
        return group->gid;
    if (isNumber(nameOrId))
        return numericId(nameOrId);
    return fail(Code::InvalidArgument, message.arg(nameOrId));
}

struct Databases {
    QList<PasswdEntry> passwd;
    QList<GroupEntry> group;
};

Result<Databases> readDatabases(const QString &rootfs)
{
    const int fd = ::open(QFile::encodeName(rootfs).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return fail(systemError(QStringLiteral("open"), rootfs, errno));
    const confine::Fd root(fd);
    const Result<std::optional<QByteArray>> passwd = readFileInRoot(root.get(), QByteArrayLiteral("etc/passwd"));
    if (!passwd)
        return fail(passwd.error());
    const Result<std::optional<QByteArray>> group = readFileInRoot(root.get(), QByteArrayLiteral("etc/group"));
    if (!group)
        return fail(group.error());
    return Databases{ parsePasswd(passwd->value_or(QByteArray())), parseGroup(group->value_or(QByteArray())) };
}

} // namespace

Result<User> resolveUser(const QString &rootfs, const QString &user, const QStringList &groupAdd)
{
    const Result<Databases> databases = readDatabases(rootfs);
    if (!databases)
        return fail(databases.error());
    const qsizetype colon = user.indexOf(u':');
    const QString userArg = colon < 0 ? user : user.left(colon);
    const QString groupArg = colon < 0 ? QString() : user.mid(colon + 1);

    User result;
    result.home = QStringLiteral("/");
    QString name;
    const auto matches = [&](const PasswdEntry &entry) {
        return userArg.isEmpty() ? entry.uid == 0 : entry.name == userArg || QString::number(entry.uid) == userArg;
    };
    const auto entry = std::find_if(databases->passwd.cbegin(), databases->passwd.cend(), matches);
    if (entry != databases->passwd.cend()) {
        name = entry->name;
        result.uid = uint(entry->uid);
        result.gid = uint(entry->gid);
        if (!entry->home.isEmpty())
            result.home = entry->home;
    } else if (isNumber(userArg)) {
        const Result<qint64> uid = numericId(userArg);
        if (!uid)
            return fail(uid.error());
        result.uid = uint(*uid);
    } else if (!userArg.isEmpty()) {
        return fail(Code::InvalidArgument,
            QStringLiteral("unable to find user %1: no matching entries in passwd file").arg(userArg));
    }

    if (!groupArg.isEmpty()) {
        const Result<qint64> gid = groupId(
            databases->group, groupArg, QStringLiteral("unable to find group %1: no matching entries in group file"));
        if (!gid)
            return fail(gid.error());
        result.gid = uint(*gid);
    } else if (!name.isEmpty()) {
        // Supplementary groups come only with the implicit form, as in runc.
        for (const GroupEntry &group : databases->group) {
            if (group.members.contains(name) && !result.additionalGids.contains(uint(group.gid)))
                result.additionalGids.append(uint(group.gid));
        }
    }
    for (const QString &extra : groupAdd) {
        const Result<qint64> gid = groupId(
            databases->group, extra, QStringLiteral("Unable to find group %1: no matching entries in group file"));
        if (!gid)
            return fail(gid.error());
        if (!result.additionalGids.contains(uint(*gid)))
            result.additionalGids.append(uint(*gid));
    }
    return result;
}

} // namespace muelle::engine::runtime
