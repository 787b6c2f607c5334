#pragma once
// The build jobs of org.muelle.Engine1.Images (Build, Cancel,
// ParseDockerfile): the context arrives through a passed descriptor — the
// engine, running as root, never opens a path a caller names — and is
// unpacked as it is read; each job reports its steps, their output
// (batched, at most five signals a second) and its end.

#include "base/error.h"
#include "engine/builder/options.h"

#include <QDBusUnixFileDescriptor>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVariantMap>

#include <memory>

namespace muelle::engine::builder {
class Build;
class BuildService;
class ContextUpload;
} // namespace muelle::engine::builder

namespace muelle::engine::dbus {

class BuildJobs : public QObject {
    Q_OBJECT
public:
    explicit BuildJobs(builder::BuildService &builds, QObject *parent = nullptr);
    ~BuildJobs() override;

    // Starts reading the context from `context` and returns the job's ID.
    QString start(const QDBusUnixFileDescriptor &context, builder::Options options);
    // False when no build has this ID.
    bool cancel(const QString &job);

Q_SIGNALS:
    void step(const QString &job, int number, int total, const QString &instruction, int line);
    void stepDone(const QString &job, int number, bool cached, const QString &image, qint64 milliseconds);
    void output(const QString &job, const QString &text);
    void finished(const QString &job, const QString &image, const QStringList &tags, const QString &error,
        const QString &message, int line);

private:
    class Reporter;
    struct Job;
    static void copyContext(int fd, const std::weak_ptr<builder::ContextUpload> &target);
    void flushOutput();
    void end(const QString &id, const Result<QString> &image, const QStringList &tags);

    builder::BuildService &builds_;
    QHash<QString, std::shared_ptr<Job>> jobs_;
    QTimer flush_;
};

// Build's options (checked against their types already) as the builder's.
Result<builder::Options> buildOptionsOf(const QVariantMap &options);

// ParseDockerfile's answer: the wizard's summary (stages, ARGs with their
// defaults, errors with their lines) as JSON.
QString dockerfileSummaryJson(const QString &text);

} // namespace muelle::engine::dbus
