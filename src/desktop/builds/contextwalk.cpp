#include "desktop/builds/contextwalk.h"

#include <algorithm>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace muelle::desktop {

namespace {

constexpr qint64 chunk = 1 << 20;
constexpr int largestKept = 5;

// Permission bits as tar keeps them.
int modeOf(const QFileInfo &entry)
{
    const QFile::Permissions p = entry.permissions();
    int mode = 0;
    mode |= p.testFlag(QFile::ReadOwner) ? 0400 : 0;
    mode |= p.testFlag(QFile::WriteOwner) ? 0200 : 0;
    mode |= p.testFlag(QFile::ExeOwner) ? 0100 : 0;
    mode |= p.testFlag(QFile::ReadGroup) ? 0040 : 0;
    mode |= p.testFlag(QFile::WriteGroup) ? 0020 : 0;
    mode |= p.testFlag(QFile::ExeGroup) ? 0010 : 0;
    mode |= p.testFlag(QFile::ReadOther) ? 0004 : 0;
    mode |= p.testFlag(QFile::WriteOther) ? 0002 : 0;
    mode |= p.testFlag(QFile::ExeOther) ? 0001 : 0;
    return mode;
}

// A link's text as written (not resolved): what the engine checks, and keeps.
QString linkText(const QFileInfo &link)
{
#ifdef Q_OS_UNIX
    QByteArray buffer(4096, Qt::Uninitialized);
    const ssize_t size
        = ::readlink(QFile::encodeName(link.absoluteFilePath()).constData(), buffer.data(), buffer.size());
    if (size >= 0)
        return QFile::decodeName(buffer.left(size));
#endif
    return QDir(link.absolutePath()).relativeFilePath(link.symLinkTarget());
}

// A directory's entries, hidden ones too, in reverse name order (popped from the back).
QFileInfoList entriesOf(const QString &path)
{
    QFileInfoList entries = QDir(path).entryInfoList(
        QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Name | QDir::Reversed);
    return entries;
}

} // namespace

Result<std::unique_ptr<ContextWalk>> ContextWalk::open(const QString &folder, const QString &dockerfile)
{
    const QFileInfo root(folder);
    if (!root.isDir())
        return fail(Code::NotFound, QStringLiteral("the folder %1 is not there").arg(folder));
    QStringList patterns;
    QFile ignoreFile(QDir(folder).filePath(QStringLiteral(".dockerignore")));
    if (ignoreFile.exists()) {
        if (!ignoreFile.open(QIODevice::ReadOnly))
            return fail(
                Code::PermissionDenied, QStringLiteral("cannot read .dockerignore: %1").arg(ignoreFile.errorString()));
        patterns = dockerfile::readDockerignore(QString::fromUtf8(ignoreFile.read(1 << 20)));
    }
    auto ignore = dockerfile::IgnoreMatcher::create(patterns);
    if (!ignore)
        return fail(ignore.error().code, QStringLiteral(".dockerignore: %1").arg(ignore.error().message));
    const QStringList always{ dockerfile::cleanPath(dockerfile), QStringLiteral(".dockerignore") };
    return std::unique_ptr<ContextWalk>(new ContextWalk(root.absoluteFilePath(), std::move(*ignore), always));
}

ContextWalk::ContextWalk(QString folder, dockerfile::IgnoreMatcher ignore, QStringList alwaysSent)
    : folder_(std::move(folder)), ignore_(std::move(ignore)), alwaysSent_(std::move(alwaysSent))
{
    pending_.push(entriesOf(folder_));
}

QString ContextWalk::relative(const QFileInfo &entry) const
{
    return QDir(folder_).relativeFilePath(entry.absoluteFilePath());
}

bool ContextWalk::excluded(const QString &relative, bool directory) const
{
    if (alwaysSent_.contains(relative))
        return false;
    // A directory that holds the Dockerfile is walked, whatever is excluded.
    if (directory && std::any_of(alwaysSent_.cbegin(), alwaysSent_.cend(), [&](const QString &kept) {
            return kept.startsWith(relative + u'/');
        }))
        return false;
    if (!ignore_.matches(relative))
        return false;
    // An excluded directory may still hold an exception ("!dir/keep"): walk it.
    return !(directory && ignore_.hasExclusions());
}

Result<std::optional<QFileInfo>> ContextWalk::next()
{
    while (!pending_.isEmpty()) {
        QFileInfoList &entries = pending_.top();
        if (entries.isEmpty()) {
            pending_.pop();
            continue;
        }
        const QFileInfo entry = entries.takeLast();
        const QString path = relative(entry);
        const bool directory = entry.isDir() && !entry.isSymLink();
        if (excluded(path, directory)) {
            ++ignored_;
            continue;
        }
        if (directory) {
            if (!entry.isReadable() || !entry.isExecutable())
                return fail(Code::PermissionDenied, QStringLiteral("cannot read the folder %1").arg(path));
            pending_.push(entriesOf(entry.absoluteFilePath()));
            // An excluded directory walked for its exceptions is not itself sent.
            if (ignore_.matches(path) && !alwaysSent_.contains(path))
                continue;
            return std::optional(entry);
        }
        if (!entry.isSymLink() && !entry.isFile())
            continue; // a socket or a FIFO
        return std::optional(entry);
    }
    return std::optional<QFileInfo>();
}

Result<> ContextWalk::step(archive::TarWriter &writer)
{
    if (reading_) {
        const QByteArray data = reading_->read(std::min(chunk, writer.remaining()));
        if (data.isEmpty() && writer.remaining() > 0)
            return fail(Code::DataLoss,
                QStringLiteral("%1 changed while it was sent").arg(relative(QFileInfo(reading_->fileName()))));
        if (auto written = writer.writeData(data); !written)
            return written;
        if (writer.remaining() == 0)
            reading_.reset();
        return {};
    }
    auto entry = next();
    if (!entry)
        return fail(entry.error());
    if (!*entry) {
        ended_ = true;
        return writer.finish();
    }
    const QFileInfo &info = **entry;
    const QString path = relative(info);
    if (info.isSymLink())
        return writer.addSymlink(path, linkText(info), info.lastModified());
    if (info.isDir())
        return writer.addDirectory(path, modeOf(info), info.lastModified());
    auto file = std::make_unique<QFile>(info.absoluteFilePath());
    if (!file->open(QIODevice::ReadOnly))
        return fail(Code::PermissionDenied, QStringLiteral("cannot read %1: %2").arg(path, file->errorString()));
    if (auto header = writer.addFile(path, info.size(), modeOf(info), info.lastModified()); !header)
        return header;
    if (info.size() > 0)
        reading_ = std::move(file);
    return {};
}

void ContextSummary::count(const QString &path, qint64 size)
{
    ++files;
    bytes += size;
    const auto at
        = std::find_if(largest.begin(), largest.end(), [size](const auto &kept) { return kept.second < size; });
    largest.insert(at, { path, size });
    if (largest.size() > largestKept)
        largest.removeLast();
}

Result<ContextSummary> summarizeContext(const QString &folder, const QString &dockerfile)
{
    auto walk = ContextWalk::open(folder, dockerfile);
    if (!walk)
        return fail(walk.error());
    ContextSummary summary;
    for (;;) {
        auto entry = (*walk)->next();
        if (!entry)
            return fail(entry.error());
        if (!*entry)
            break;
        const QFileInfo &info = **entry;
        if (info.isSymLink() || !info.isFile())
            continue;
        summary.count((*walk)->relative(info), info.size());
    }
    summary.ignored = (*walk)->ignored();
    return summary;
}

} // namespace muelle::desktop
