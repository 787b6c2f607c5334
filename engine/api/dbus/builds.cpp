#include "engine/api/dbus/builds.h"

#include "dockerfile/stages.h"
#include "engine/api/dbus/busobject.h"
#include "engine/builder/service.h"
#include "engine/builder/upload.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QThread>
#include <QUuid>

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace muelle::engine::dbus {

struct BuildJobs::Job {
    QPointer<builder::Build> build;
    std::unique_ptr<Reporter> reporter;
    int line = 0; // where it failed
    bool cancelled = false;
    QByteArray pendingOutput;
};

// A build's progress as the job's signals.
class BuildJobs::Reporter final : public builder::Progress {
public:
    Reporter(BuildJobs &jobs, QString id) : jobs_(jobs), id_(std::move(id)) { }

    void step(int number, int total, const QString &instruction, int line) override
    {
        jobs_.flushOutput();
        number_ = number;
        cached_ = false;
        clock_.start();
        Q_EMIT jobs_.step(id_, number, total, instruction, line);
    }
    void pulling(const distribution::Progress &progress) override
    {
        if (!progress.status.isEmpty())
            appendOutput(
                (progress.id.isEmpty() ? QString() : progress.id + QStringLiteral(": ")) + progress.status + u'\n');
    }
    void cached() override { cached_ = true; }
    void running(const QString &) override { }
    void output(const QByteArray &bytes) override { appendOutput(QString::fromUtf8(bytes)); }
    void removed(const QString &) override { }
    void stepDone(const oci::Digest &image) override
    {
        jobs_.flushOutput();
        Q_EMIT jobs_.stepDone(id_, number_, cached_, image.isValid() ? image.toString() : QString(),
            clock_.isValid() ? clock_.elapsed() : 0);
    }
    void warning(const QString &text) override { appendOutput(text.endsWith(u'\n') ? text : text + u'\n'); }
    void failedAt(int line) override
    {
        if (auto job = jobs_.jobs_.value(id_))
            job->line = line;
    }

private:
    void appendOutput(const QString &text)
    {
        if (auto job = jobs_.jobs_.value(id_)) {
            job->pendingOutput += text.toUtf8();
            if (!jobs_.flush_.isActive())
                jobs_.flush_.start();
        }
    }

    BuildJobs &jobs_;
    QString id_;
    int number_ = 0;
    bool cached_ = false;
    QElapsedTimer clock_;
};

BuildJobs::BuildJobs(builder::BuildService &builds, QObject *parent) : QObject(parent), builds_(builds)
{
    flush_.setInterval(200);
    connect(&flush_, &QTimer::timeout, this, &BuildJobs::flushOutput);
}

BuildJobs::~BuildJobs()
{
    // Cancelling ends a job (end() takes it from jobs_): cancel from a copy, unheard.
    const auto jobs = std::exchange(jobs_, {});
    for (const auto &job : jobs) {
        if (job->build)
            job->build->cancel();
    }
}

QString BuildJobs::start(const QDBusUnixFileDescriptor &context, builder::Options options)
{
    const QString id = QUuid::createUuid().toString(QUuid::Id128).left(16);
    auto job = std::make_shared<Job>();
    jobs_.insert(id, job);
    job->reporter = std::make_unique<Reporter>(*this, id);
    // The context unpacks as the caller writes it (engine/builder/upload.h).
    auto upload = builds_.newUpload(options.dockerfile);
    const std::weak_ptr<builder::ContextUpload> target = upload;
    const int fd = ::fcntl(context.fileDescriptor(), F_DUPFD_CLOEXEC, 0);
    // The caller's descriptor, read to its end on a worker; it stops early
    // once the build no longer wants the context (it ended or was cancelled).
    // A thread of its own: a caller that keeps the descriptor open holds no shared pool thread.
    QThread *reader = QThread::create([target, fd] { copyContext(fd, target); });
    QObject::connect(reader, &QThread::finished, reader, &QObject::deleteLater);
    reader->start();
    QPointer<BuildJobs> self(this);
    job->build
        = builds_.start(std::move(options), upload, *job->reporter, [self, id](Result<builder::Outcome> outcome) {
              if (!self)
                  return;
              if (outcome)
                  self->end(id, outcome->image.toString(), outcome->tags);
              else
                  self->end(id, fail(outcome.error()), {});
          });
    return id;
}

void BuildJobs::copyContext(int fd, const std::weak_ptr<builder::ContextUpload> &target)
{
    const auto abort = [&](const Error &error) {
        if (auto upload = target.lock())
            upload->abort(error);
    };
    if (fd < 0)
        return abort({ Code::InvalidArgument, QStringLiteral("the build context's descriptor is not valid") });
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        struct pollfd ready {
            fd, POLLIN, 0
        };
        const int polled = ::poll(&ready, 1, 200);
        auto upload = target.lock();
        if (!upload)
            break;
        if (polled < 0 && errno == EINTR)
            continue;
        if (polled == 0)
            continue;
        const ssize_t n = ::read(fd, buffer.data(), size_t(buffer.size()));
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n < 0) {
            upload->abort(systemError(QStringLiteral("read"), QStringLiteral("the build context"), errno));
            break;
        }
        if (n == 0) {
            upload->finish();
            break;
        }
        if (auto appended = upload->append(QByteArrayView(buffer.constData(), n)); !appended) {
            upload->abort(appended.error());
            break;
        }
    }
    ::close(fd);
}

bool BuildJobs::cancel(const QString &job)
{
    auto found = jobs_.value(job);
    if (!found)
        return false;
    found->cancelled = true;
    if (found->build)
        found->build->cancel();
    return true;
}

void BuildJobs::flushOutput()
{
    bool any = false;
    for (auto it = jobs_.cbegin(); it != jobs_.cend(); ++it) {
        if (it.value()->pendingOutput.isEmpty())
            continue;
        any = true;
        Q_EMIT output(it.key(), QString::fromUtf8(std::exchange(it.value()->pendingOutput, {})));
    }
    if (!any)
        flush_.stop();
}

void BuildJobs::end(const QString &id, const Result<QString> &image, const QStringList &tags)
{
    flushOutput();
    auto job = jobs_.take(id);
    if (!job)
        return;
    if (image)
        return Q_EMIT finished(id, *image, tags, {}, {}, 0);
    const Code code = job->cancelled ? Code::Cancelled : image.error().code;
    Q_EMIT finished(id, {}, {}, errorName(code), image.error().message, job->line);
}

Result<builder::Options> buildOptionsOf(const QVariantMap &given)
{
    builder::Options options;
    const auto text = [&](const char *name) { return given.value(QLatin1String(name)).toString(); };
    if (!text("dockerfile").isEmpty())
        options.dockerfile = text("dockerfile");
    auto tags = builder::parseTags(given.value(QStringLiteral("tags")).toStringList());
    auto buildArgs = builder::parseBuildArgs(text("buildargs"));
    auto labels = builder::parseLabels(text("labels"));
    if (!tags || !buildArgs || !labels)
        return fail(!tags ? tags.error() : !buildArgs ? buildArgs.error() : labels.error());
    if (auto platform = builder::checkPlatform(text("platform")); !platform)
        return fail(platform.error());
    options.tags = *tags;
    options.buildArgs = *buildArgs;
    options.labels = *labels;
    options.target = text("target");
    options.noCache = given.value(QStringLiteral("nocache")).toBool();
    options.pull = given.value(QStringLiteral("pull")).toBool();
    options.remove = given.value(QStringLiteral("rm"), true).toBool();
    // Unlike POST /build, a failed step's container goes too unless asked to stay.
    options.forceRemove = given.value(QStringLiteral("forcerm"), true).toBool();
    options.networkMode = text("networkmode");
    options.extraHosts = given.value(QStringLiteral("extrahosts")).toStringList();
    options.memory = given.value(QStringLiteral("memory")).toLongLong();
    options.cpuQuota = given.value(QStringLiteral("cpuquota")).toLongLong();
    options.shmSize = given.value(QStringLiteral("shmsize")).toLongLong();
    return options;
}

QString dockerfileSummaryJson(const QString &text)
{
    const dockerfile::Summary summary = dockerfile::summarize(text);
    QJsonArray stages;
    for (const auto &stage : summary.stages) {
        QJsonArray dependsOn;
        for (const int other : stage.dependsOn)
            dependsOn.append(other);
        stages.append(QJsonObject{ { QStringLiteral("index"), stage.index }, { QStringLiteral("name"), stage.name },
            { QStringLiteral("base"), stage.baseName }, { QStringLiteral("platform"), stage.platform },
            { QStringLiteral("line"), stage.line }, { QStringLiteral("dependsOn"), dependsOn } });
    }
    QJsonArray args;
    for (const auto &arg : summary.args) {
        args.append(QJsonObject{ { QStringLiteral("name"), arg.name },
            { QStringLiteral("default"), arg.defaultValue ? QJsonValue(*arg.defaultValue) : QJsonValue() },
            { QStringLiteral("line"), arg.line }, { QStringLiteral("stage"), arg.stage } });
    }
    QJsonArray errors;
    for (const dockerfile::Diagnostic &error : summary.errors)
        errors.append(
            QJsonObject{ { QStringLiteral("line"), error.line }, { QStringLiteral("message"), error.text() } });
    return compactJson(QJsonObject{ { QStringLiteral("stages"), stages }, { QStringLiteral("args"), args },
        { QStringLiteral("errors"), errors },
        { QStringLiteral("warnings"), QJsonArray::fromStringList(summary.warnings) } });
}

} // namespace muelle::engine::dbus
