#pragma once
// A container's filesystem as a whole, against its image: docker diff (what
// its writable layer added, changed and deleted) and docker export (its
// whole root as a tar stream, read from a read-only mount of its layers
// made apart, so the container may run, stop or start meanwhile). Lives on
// the daemon's main thread; the walks run on a worker thread.

#include "base/error.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QThreadPool;

namespace muelle::archive {
class TarStream;
}

namespace muelle::engine::containers {

class ContainerStore;

struct Change {
    enum Kind { Modified = 0, Added = 1, Deleted = 2 }; // Docker's numbers
    QString path; // absolute
    Kind kind = Modified;
};

class RootfsViews : public QObject {
    Q_OBJECT
public:
    RootfsViews(ContainerStore &store, QThreadPool &pool, QObject *parent = nullptr)
        : QObject(parent), store_(store), pool_(pool)
    {
    }

    // docker diff, sorted by path: a path the image has is Modified, one it
    // has not Added; a whiteout is Deleted. Overlay only (Unimplemented for
    // the copying driver).
    void changes(const QString &name, std::function<void(Result<QList<Change>>)> done);
    // docker export: the stream owns the mount it reads from.
    void exportRoot(const QString &name, std::function<void(Result<std::shared_ptr<archive::TarStream>>)> done);

private:
    ContainerStore &store_;
    QThreadPool &pool_;
};

} // namespace muelle::engine::containers
