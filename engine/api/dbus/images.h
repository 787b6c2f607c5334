#pragma once
// org.muelle.Engine1.Images at /org/muelle/Engine1/Images: list, inspect,
// history, tag and remove (the REST API's JSON), and pulls and pushes as
// jobs: the call returns the job's ID, its progress comes as Progress
// signals (the latest message per layer, at most five signals a second)
// and its end as Finished.

#include "engine/api/dbus/builds.h"
#include "engine/api/dbus/busobject.h"
#include "engine/api/docker/engine.h"

#include <QDBusUnixFileDescriptor>
#include <QHash>
#include <QJsonObject>
#include <QTimer>

#include <memory>

namespace muelle::engine::images {
class Job;
}
namespace muelle::engine::distribution {
struct Progress;
}

namespace muelle::engine::dbus {

class ImagesObject : public BusObject {
    Q_OBJECT
public:
    ImagesObject(CallerCheck &callers, docker::Engine &engine, QObject *parent = nullptr);
    ~ImagesObject() override;

public: // the interface's methods, called by the adaptor generated from its XML
    QString List(const QVariantMap &options);
    QString Inspect(const QString &name, const QVariantMap &options);
    QString History(const QString &name, const QVariantMap &options);
    void Tag(const QString &name, const QString &target, const QVariantMap &options);
    QString Remove(const QString &name, const QVariantMap &options);
    QString Pull(const QString &reference, const QVariantMap &options);
    QString Push(const QString &reference, const QVariantMap &options);
    void Cancel(const QString &job, const QVariantMap &options);
    QString Build(const QDBusUnixFileDescriptor &context, const QVariantMap &options);
    QString ParseDockerfile(const QString &text, const QVariantMap &options);

Q_SIGNALS:
    void Progress(const QString &job, const QString &messages);
    void Finished(const QString &job, const QString &error, const QString &message);
    void BuildStep(const QString &job, int number, int total, const QString &instruction, int line);
    void BuildStepDone(const QString &job, int number, bool cached, const QString &image, qint64 milliseconds);
    void BuildOutput(const QString &job, const QString &text);
    void BuildFinished(const QString &job, const QString &image, const QStringList &tags, const QString &error,
        const QString &message, int line);

private:
    struct Running {
        std::shared_ptr<images::Job> job;
        QList<QJsonObject> pending; // since the last signal, the latest per layer
        bool cancelled = false;
    };
    using StartJob = std::function<std::shared_ptr<images::Job>(
        std::function<void(const distribution::Progress &)>, std::function<void(Result<>)>)>;
    QString startJob(StartJob start);
    void queueProgress(const QString &id, const QJsonObject &message);
    void flushProgress();
    void finish(const QString &id, const Result<> &result);

    docker::Engine &engine_;
    BuildJobs builds_;
    QHash<QString, Running> jobs_;
    QTimer flush_;
};

} // namespace muelle::engine::dbus
