#include "engine/api/dbus/images.h"

#include "engine/api/docker/images.h"
#include "engine/images/images.h"

#include <QPointer>
#include <QUuid>

namespace muelle::engine::dbus {

ImagesObject::ImagesObject(CallerCheck &callers, docker::Engine &engine, QObject *parent)
    : BusObject(callers, parent), engine_(engine), builds_(engine.builds)
{
    connect(&builds_, &BuildJobs::step, this, &ImagesObject::BuildStep);
    connect(&builds_, &BuildJobs::stepDone, this, &ImagesObject::BuildStepDone);
    connect(&builds_, &BuildJobs::output, this, &ImagesObject::BuildOutput);
    connect(&builds_, &BuildJobs::finished, this, &ImagesObject::BuildFinished);
    flush_.setInterval(200);
    connect(&flush_, &QTimer::timeout, this, &ImagesObject::flushProgress);
}

ImagesObject::~ImagesObject()
{
    for (const Running &running : std::as_const(jobs_)) {
        if (running.job)
            running.job->cancel();
    }
}

QString ImagesObject::List(const QVariantMap &options)
{
    if (!authorised(&ImagesObject::List, options) || !this->options(options, {}))
        return {};
    auto images = engine_.images.list({});
    if (!images) {
        refuse(images.error());
        return {};
    }
    QJsonArray list;
    for (const metadata::Image &image : std::as_const(*images)) {
        auto config = engine_.images.config(image.id);
        list.append(docker::imageSummaryJson(image, config ? config->labels : QMap<QString, QString>(), -1));
    }
    return compactJson(list);
}

QString ImagesObject::Inspect(const QString &name, const QVariantMap &options)
{
    if (!authorised(&ImagesObject::Inspect, name, options) || !this->options(options, {}))
        return {};
    return answer(docker::imageJson(engine_, name));
}

QString ImagesObject::History(const QString &name, const QVariantMap &options)
{
    if (!authorised(&ImagesObject::History, name, options) || !this->options(options, {}))
        return {};
    return answer(docker::imageHistoryJson(engine_, name));
}

void ImagesObject::Tag(const QString &name, const QString &target, const QVariantMap &options)
{
    if (!authorised(&ImagesObject::Tag, name, target, options) || !this->options(options, {}))
        return;
    auto reference = docker::referenceOf(target, {});
    if (!reference)
        return refuse(reference.error());
    if (auto tagged = engine_.images.tag(name, *reference); !tagged)
        refuse(tagged.error());
}

QString ImagesObject::Remove(const QString &name, const QVariantMap &given)
{
    if (!authorised(&ImagesObject::Remove, name, given))
        return {};
    const auto options = this->options(given, { { QLatin1String("force"), OptionType::Bool } });
    if (!options)
        return {};
    auto removed = engine_.images.remove(name, options->value(QStringLiteral("force")).toBool(), false);
    return answer(removed ? Result<QJsonArray>(docker::removalsJson(*removed)) : fail(removed.error()));
}

QString ImagesObject::Pull(const QString &reference, const QVariantMap &given)
{
    if (!authorised(&ImagesObject::Pull, reference, given))
        return {};
    const auto options = this->options(given, { { QLatin1String("platform"), OptionType::String } });
    if (!options)
        return {};
    auto parsed = docker::referenceOf(reference, {});
    if (!parsed) {
        refuse(parsed.error());
        return {};
    }
    oci::Platform platform = oci::Platform::host();
    if (const QString wanted = options->value(QStringLiteral("platform")).toString(); !wanted.isEmpty()) {
        auto chosen = oci::Platform::parse(wanted);
        if (!chosen) {
            refuse({ Code::InvalidArgument, chosen.error().message });
            return {};
        }
        platform = *chosen;
    }
    return startJob([this, reference = *parsed, platform](auto progress, auto done) {
        return engine_.images.pull(reference, std::nullopt, platform, progress, done);
    });
}

QString ImagesObject::Push(const QString &reference, const QVariantMap &options)
{
    if (!authorised(&ImagesObject::Push, reference, options) || !this->options(options, {}))
        return {};
    auto parsed = docker::referenceOf(reference, {});
    if (!parsed) {
        refuse(parsed.error());
        return {};
    }
    return startJob([this, reference = *parsed](auto progress, auto done) {
        return engine_.images.push(reference, std::nullopt, progress, done);
    });
}

void ImagesObject::Cancel(const QString &job, const QVariantMap &options)
{
    if (!authorised(&ImagesObject::Cancel, job, options) || !this->options(options, {}))
        return;
    if (builds_.cancel(job))
        return;
    auto running = jobs_.find(job);
    if (running == jobs_.end())
        return refuse({ Code::NotFound, QStringLiteral("no such job: %1").arg(job) });
    running->cancelled = true;
    if (running->job)
        running->job->cancel();
}

QString ImagesObject::Build(const QDBusUnixFileDescriptor &context, const QVariantMap &given)
{
    if (!authorised(&ImagesObject::Build, context, given))
        return {};
    const auto options = this->options(given,
        { { QLatin1String("dockerfile"), OptionType::String }, { QLatin1String("tags"), OptionType::StringList },
            { QLatin1String("buildargs"), OptionType::String }, { QLatin1String("labels"), OptionType::String },
            { QLatin1String("target"), OptionType::String }, { QLatin1String("nocache"), OptionType::Bool },
            { QLatin1String("pull"), OptionType::Bool }, { QLatin1String("rm"), OptionType::Bool },
            { QLatin1String("forcerm"), OptionType::Bool }, { QLatin1String("networkmode"), OptionType::String },
            { QLatin1String("extrahosts"), OptionType::StringList }, { QLatin1String("memory"), OptionType::Int },
            { QLatin1String("cpuquota"), OptionType::Int }, { QLatin1String("shmsize"), OptionType::Int },
            { QLatin1String("platform"), OptionType::String } });
    if (!options)
        return {};
    if (!context.isValid()) {
        refuse({ Code::InvalidArgument, QStringLiteral("the build context's descriptor is not valid") });
        return {};
    }
    auto build = buildOptionsOf(*options);
    if (!build) {
        refuse(build.error());
        return {};
    }
    return builds_.start(context, *build);
}

QString ImagesObject::ParseDockerfile(const QString &text, const QVariantMap &options)
{
    if (!authorised(&ImagesObject::ParseDockerfile, text, options) || !this->options(options, {}))
        return {};
    if (text.size() > (16 << 20)) {
        refuse({ Code::InvalidArgument, QStringLiteral("the Dockerfile is larger than 16 MiB") });
        return {};
    }
    return dockerfileSummaryJson(text);
}

QString ImagesObject::startJob(StartJob start)
{
    const QString id = QUuid::createUuid().toString(QUuid::Id128).left(16);
    jobs_.insert(id, {});
    // The job may end before start() returns (an image already here), and
    // may report after this object is gone (the daemon shutting down).
    QPointer<ImagesObject> self(this);
    auto job = start(
        [self, id](const distribution::Progress &progress) {
            if (self)
                self->queueProgress(id, docker::progressJson(progress));
        },
        [self, id](Result<> done) {
            QMetaObject::invokeMethod(
                self, [self, id, done] { self ? self->finish(id, done) : void(); }, Qt::QueuedConnection);
        });
    if (auto running = jobs_.find(id); running != jobs_.end())
        running->job = job;
    return id;
}

void ImagesObject::queueProgress(const QString &id, const QJsonObject &message)
{
    auto running = jobs_.find(id);
    if (running == jobs_.end())
        return;
    const QString layer = message.value(QStringLiteral("id")).toString();
    QList<QJsonObject> &pending = running->pending;
    const auto same = std::find_if(pending.begin(), pending.end(), [&](const QJsonObject &queued) {
        return !layer.isEmpty() && queued.value(QStringLiteral("id")).toString() == layer;
    });
    if (same != pending.end())
        *same = message;
    else
        pending.append(message);
    if (!flush_.isActive())
        flush_.start();
}

void ImagesObject::flushProgress()
{
    bool any = false;
    for (auto it = jobs_.begin(); it != jobs_.end(); ++it) {
        if (it->pending.isEmpty())
            continue;
        any = true;
        QJsonArray messages;
        for (const QJsonObject &message : std::as_const(it->pending))
            messages.append(message);
        it->pending.clear();
        Q_EMIT Progress(it.key(), compactJson(messages));
    }
    if (!any)
        flush_.stop();
}

void ImagesObject::finish(const QString &id, const Result<> &result)
{
    flushProgress();
    const bool cancelled = jobs_.value(id).cancelled;
    jobs_.remove(id);
    if (result)
        return Q_EMIT Finished(id, {}, {});
    const Code code = cancelled ? Code::Cancelled : result.error().code;
    Q_EMIT Finished(id, errorName(code), result.error().message);
}

} // namespace muelle::engine::dbus
