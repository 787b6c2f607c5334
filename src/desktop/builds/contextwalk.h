#pragma once
// A folder as a build context, as the docker CLI sends it: every entry the
// folder's .dockerignore does not exclude (the Dockerfile and .dockerignore
// always go: the engine needs them), in name order, each directory before
// what it holds; symbolic links as links, never followed; sockets and
// FIFOs left out, as Docker leaves sockets out. Read a step at a time —
// the tar stream (ContextWalk::step, a TarProducer) or a summary of what
// would be sent — so no file is ever held whole and nothing is written to
// disk. A file that cannot be read fails the walk with its path.

#include "archive/tarwriter.h"
#include "dockerfile/dockerignore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QStack>

#include <memory>

namespace muelle::desktop {

// What a context sends, for the wizard to show before anything is sent.
struct ContextSummary {
    qint64 files = 0; // regular files sent
    qint64 bytes = 0; // their size
    qint64 ignored = 0; // entries .dockerignore left out (a directory counts once)
    QList<std::pair<QString, qint64>> largest; // the largest files sent, largest first (5 at most)

    // One more file sent.
    void count(const QString &path, qint64 size);
};

class ContextWalk {
public:
    // `folder`: the context; `dockerfile`: its path there ("Dockerfile").
    // InvalidArgument for a .dockerignore Docker would refuse, NotFound for
    // a folder that is not there.
    static Result<std::unique_ptr<ContextWalk>> open(const QString &folder, const QString &dockerfile);

    // The next entry sent (its path relative to the folder), or nullopt at
    // the end. Directories, files and links; what .dockerignore excludes is
    // skipped (and counted in ignored()).
    Result<std::optional<QFileInfo>> next();
    qint64 ignored() const { return ignored_; }
    QString relative(const QFileInfo &entry) const;

    // A TarProducer's step: a header, or 1 MiB of the current file's data,
    // or the archive's end.
    Result<> step(archive::TarWriter &writer);

private:
    ContextWalk(QString folder, dockerfile::IgnoreMatcher ignore, QStringList alwaysSent);
    bool excluded(const QString &relative, bool directory) const;

    QString folder_;
    dockerfile::IgnoreMatcher ignore_;
    QStringList alwaysSent_; // the Dockerfile and .dockerignore
    QStack<QFileInfoList> pending_; // the entries still to visit, per directory, in reverse order
    std::unique_ptr<QFile> reading_; // the file whose data is being sent
    qint64 ignored_ = 0;
    bool ended_ = false;
};

// Walks the context without sending it: counts, size, the largest files.
Result<ContextSummary> summarizeContext(const QString &folder, const QString &dockerfile);

} // namespace muelle::desktop
