#include "engine/containers/rootfsviews.h"

#include "archive/tree.h"
#include "confine/inroot.h"
#include "engine/containers/store.h"
#include "engine/snapshots/mountedroot.h"

#include <QFile>
#include <QPointer>
#include <QThreadPool>

#include <algorithm>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace muelle::engine::containers {

namespace {

// Runs `work` on the pool, then `done` with its result on `context`'s thread.
template <typename T>
void onPool(QThreadPool &pool, QObject *context, std::function<Result<T>()> work, std::function<void(Result<T>)> done)
{
    QPointer<QObject> guard(context);
    pool.start([guard, work = std::move(work), done = std::move(done)] {
        auto result = std::make_shared<Result<T>>(work());
        QMetaObject::invokeMethod(guard, [result, done] { done(std::move(*result)); });
    });
}

// The upper dir's entries below `dir` (a root path), compared with the image's root.
Result<> walkChanges(int upperDir, const QByteArray &dir, int imageRoot, QList<Change> &changes)
{
    auto names = confine::listDir(upperDir, dir);
    if (!names)
        return fail(names.error());
    for (const QByteArray &name : std::as_const(*names)) {
        const QByteArray path = confine::joinPath(dir, name);
        struct stat st { };
        if (::fstatat(upperDir, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        const QString shown = u'/' + QString::fromUtf8(path);
        if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0)) {
            changes.append({ shown, Change::Deleted });
            continue;
        }
        struct stat inImage { };
        const bool existed = ::fstatat(imageRoot, path.constData(), &inImage, AT_SYMLINK_NOFOLLOW) == 0;
        changes.append({ shown, existed ? Change::Modified : Change::Added });
        if (S_ISDIR(st.st_mode)) {
            auto sub = confine::openSubdir(upperDir, name, path);
            if (!sub)
                return fail(sub.error());
            if (auto walked = walkChanges(sub->get(), path, imageRoot, changes); !walked)
                return walked;
        }
    }
    return {};
}

} // namespace

void RootfsViews::changes(const QString &name, std::function<void(Result<QList<Change>>)> done)
{
    auto container = store_.find(name);
    if (!container)
        return done(fail(container.error()));
    const snapshots::WritableLayer layer = store_.layerOf(*container);
    if (layer.driver() != snapshots::Driver::Overlay)
        return done(fail(Code::Unimplemented, QStringLiteral("docker diff needs the overlay2 storage driver")));
    const Paths paths = store_.paths();
    onPool<QList<Change>>(
        pool_, this,
        [layer, paths]() -> Result<QList<Change>> {
            auto image = snapshots::MountedRoot::mountDirs(paths, layer.lowerDirs(false));
            if (!image)
                return fail(image.error());
            confine::Fd upper(
                ::open(QFile::encodeName(layer.changesDir()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
            if (!upper.isValid())
                return fail(systemError(QStringLiteral("open"), layer.changesDir(), errno));
            QList<Change> changes;
            if (auto walked = walkChanges(upper.get(), {}, (*image)->fd(), changes); !walked)
                return fail(walked.error());
            std::sort(changes.begin(), changes.end(), [](const Change &a, const Change &b) { return a.path < b.path; });
            return changes;
        },
        std::move(done));
}

void RootfsViews::exportRoot(const QString &name, std::function<void(Result<std::shared_ptr<archive::TarStream>>)> done)
{
    auto container = store_.find(name);
    if (!container)
        return done(fail(container.error()));
    const snapshots::WritableLayer layer = store_.layerOf(*container);
    const Paths paths = store_.paths();
    onPool<std::shared_ptr<archive::TarStream>>(
        pool_, this,
        [layer, paths]() -> Result<std::shared_ptr<archive::TarStream>> {
            std::shared_ptr<snapshots::MountedRoot> mounted;
            QString root = layer.changesDir(); // the copying driver's whole tree
            if (layer.driver() == snapshots::Driver::Overlay) {
                auto made
                    = snapshots::MountedRoot::mountDirs(paths, QStringList{ layer.changesDir() } + layer.lowerDirs());
                if (!made)
                    return fail(made.error());
                mounted = std::move(*made);
                root = mounted->path();
            }
            confine::Fd fd(::open(QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
            if (!fd.isValid())
                return fail(systemError(QStringLiteral("open"), root, errno));
            auto producer = archive::layerProducer(std::move(fd));
            if (!producer)
                return fail(producer.error());
            // The producer keeps the mount for as long as the stream is read.
            return std::make_shared<archive::TarStream>(
                [mounted, produce = std::move(*producer)](archive::TarWriter &writer) { return produce(writer); });
        },
        std::move(done));
}

} // namespace muelle::engine::containers
