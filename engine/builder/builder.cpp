#include "engine/builder/builder.h"

#include "dockerfile/expansion.h"
#include "dockerfile/stages.h"
#include "engine/builder/createdby.h"
#include "engine/builder/layer.h"
#include "engine/builder/stage.h"
#include "engine/builder/upload.h"
#include "engine/containers/service.h"
#include "engine/images/images.h"
#include "engine/snapshots/mountedroot.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QThreadPool>
#include <QUuid>

#include <algorithm>

namespace muelle::engine::builder {

Build::Build(Services services, Options options, std::shared_ptr<ContextUpload> upload, Progress &progress, Done done,
    QObject *parent)
    : QObject(parent),
      services_(services),
      options_(std::move(options)),
      upload_(std::move(upload)),
      progress_(progress),
      done_(std::move(done))
{
}

void Build::start()
{
    if (services_.images.storageDriver() != QLatin1String("overlay2"))
        return failed({ Code::FailedPrecondition,
            QStringLiteral("the builder needs the overlay2 storage driver (this engine uses %1)")
                .arg(services_.images.storageDriver()) });
    garbageHold_ = services_.images.holdGarbage();
    QPointer<Build> self(this);
    upload_->whenReady(this, [self](Result<QString> text) {
        if (!self || self->ended_)
            return;
        if (!text)
            return self->planned(fail(text.error()));
        auto context = std::make_shared<Context>();
        auto parsed = dockerfile::parseDockerfile(*text);
        if (parsed) {
            context->dockerfile = std::move(*parsed);
        } else {
            context->failedLine = parsed.error().line;
            context->failure = parsed.error().toError();
        }
        self->planned(context);
    });
}

void Build::planned(Result<std::shared_ptr<Context>> context)
{
    if (!context)
        return failed(context.error());
    context_ = std::move(*context);
    if (context_->failure) {
        progress_.failedAt(context_->failedLine);
        return failed(*context_->failure);
    }
    const dockerfile::Dockerfile &file = context_->dockerfile;
    auto target = stageTarget_ ? Result<int>(*stageTarget_) : dockerfile::resolveStage(file, options_.target);
    if (!target)
        return failed(target.error());
    stages_ = dockerfile::stageDependencies(file, *target);
    for (const int index : std::as_const(stages_))
        totalSteps_ += 1 + int(file.stages.at(index).instructions.size());
    if (!options_.labels.isEmpty())
        totalSteps_ += 1;
    if (!stageTarget_) {
        for (const QString &warning : file.warnings)
            progress_.warning(warning);
    }
    collectCacheFrom();
    if (!stageTarget_ && startIndependentStages())
        return;
    nextStage();
}

// A Build's progress as its parent's: one step count, one stream.
class Build::StageProgress final : public Progress {
public:
    explicit StageProgress(Build &parent) : parent_(parent) { }
    void step(int, int, const QString &instruction, int line) override
    {
        parent_.progress_.step(++parent_.stepNumber_, parent_.totalSteps_, instruction, line);
    }
    void pulling(const distribution::Progress &progress) override { parent_.progress_.pulling(progress); }
    void cached() override { parent_.progress_.cached(); }
    void running(const QString &id) override { parent_.progress_.running(id); }
    void output(const QByteArray &bytes) override { parent_.progress_.output(bytes); }
    void removed(const QString &id) override { parent_.progress_.removed(id); }
    void stepDone(const oci::Digest &image) override { parent_.progress_.stepDone(image); }
    void warning(const QString &text) override { parent_.progress_.warning(text); }
    void failedAt(int line) override { parent_.progress_.failedAt(line); }

private:
    Build &parent_;
};

bool Build::startIndependentStages()
{
    // The stages the target needs that need no other stage: built at once,
    // each by a Build of its own, before the rest goes on in order.
    const dockerfile::Dockerfile &file = context_->dockerfile;
    // Dependencies are read before variables are substituted: a --from that
    // names its stage through a variable keeps the stages in order.
    for (const int index : std::as_const(stages_)) {
        for (const dockerfile::Instruction &instruction : file.stages.at(index).instructions) {
            const auto *copy = std::get_if<dockerfile::Copy>(&instruction.command);
            const auto *run = std::get_if<dockerfile::Run>(&instruction.command);
            if (copy && copy->from.contains(u'$'))
                return false;
            for (const dockerfile::RunMount &mount : run ? run->mounts : QList<dockerfile::RunMount>()) {
                if (mount.from.contains(u'$'))
                    return false;
            }
        }
    }
    QList<int> independent;
    for (const int index : std::as_const(stages_)) {
        if (index != stages_.last() && dockerfile::stageDependencies(file, index) == QList<int>{ index })
            independent.append(index);
    }
    if (independent.size() < 2)
        return false;
    stageProgress_ = std::make_unique<StageProgress>(*this);
    Options stageOptions = options_;
    stageOptions.tags.clear();
    stageOptions.labels.clear();
    pendingStages_ = int(independent.size());
    QList<QPointer<Build>> children;
    for (const int index : std::as_const(independent)) {
        auto *child = new Build(services_, stageOptions, upload_, *stageProgress_, {}, this);
        QPointer<Build> self(this);
        QPointer<Build> guard(child);
        child->setDone([self, guard, index](Result<Outcome> outcome) {
            if (guard)
                guard->deleteLater();
            if (!self || self->ended_)
                return;
            if (!outcome) {
                // The build fails with this stage's error, then the others stop.
                self->failed(outcome.error());
                for (Build *other : self->findChildren<Build *>(Qt::FindDirectChildrenOnly)) {
                    if (other != guard)
                        other->cancel();
                }
                return;
            }
            if (guard)
                self->usedArgs_ += guard->usedArgs_;
            self->built_.insert(index, outcome->image);
            if (--self->pendingStages_ == 0)
                self->nextStage();
        });
        child->stageTarget_ = index;
        children.append(guard);
    }
    // Started once all exist, and from the event loop: a stage that fails at
    // once ends the build before the next one starts.
    for (const QPointer<Build> &child : std::as_const(children)) {
        QMetaObject::invokeMethod(
            child,
            [child, context = context_] {
                auto *parent = child ? qobject_cast<Build *>(child->parent()) : nullptr;
                if (!child || !parent || parent->ended_)
                    return;
                child->garbageHold_ = child->services_.images.holdGarbage();
                child->planned(context);
            },
            Qt::QueuedConnection);
    }
    return true;
}

void Build::nextStage()
{
    if (cancelled_)
        return;
    if (stage_)
        built_.insert(stage_->index, stage_->image.id);
    // Stages built by a Build of their own (startIndependentStages) are done.
    do {
        if (++stageCursor_ == stages_.size())
            return finish();
    } while (built_.contains(stages_.at(stageCursor_)));
    const dockerfile::Dockerfile &file = context_->dockerfile;
    const dockerfile::Stage &stage = file.stages.at(stages_.at(stageCursor_));
    stage_ = std::make_unique<Stage>();
    stage_->index = stage.index;
    currentLine_ = stage.line;
    stage_->instructions = stage.instructions;
    if (stageCursor_ == stages_.size() - 1 && !options_.labels.isEmpty())
        stage_->instructions.append(labelInstruction(options_.labels));
    instructionCursor_ = 0;
    progress_.step(++stepNumber_, totalSteps_, stage.original, stage.line);
    dockerfile::Environment args;
    for (auto it = options_.buildArgs.cbegin(); it != options_.buildArgs.cend(); ++it) {
        if (it.value())
            args.insert(it.key(), *it.value());
    }
    for (const dockerfile::ArgDeclaration &meta : file.metaArgs) {
        if (options_.buildArgs.contains(meta.name))
            usedArgs_.insert(meta.name);
    }
    auto base = dockerfile::expandedBaseName(file, stage, args);
    if (!base)
        return failed(base.error());
    from(*base);
}

void Build::from(const QString &base)
{
    const dockerfile::Dockerfile &file = context_->dockerfile;
    if (const auto stage = dockerfile::stageReference(file, base, stage_->index); stage && built_.contains(*stage))
        return adoptBase(built_.value(*stage));
    if (base.compare(QLatin1String("scratch"), Qt::CaseInsensitive) == 0) {
        stage_->config.platform = oci::Platform::host();
        progress_.stepDone({});
        return nextInstruction();
    }
    auto reference = oci::Reference::parse(base);
    if (!reference)
        return failed({ Code::InvalidArgument,
            QStringLiteral("invalid reference format: repository name must be lowercase").arg(base) });
    if (!options_.pull) {
        if (auto local = services_.images.resolve(reference->toString()); local)
            return adoptBase(*local);
    }
    QPointer<Build> self(this);
    pullImage(*reference, [self](Result<oci::Digest> id) {
        if (!id)
            return self->failed(id.error());
        self->adoptBase(*id);
    });
}

void Build::pullImage(const oci::Reference &reference, std::function<void(Result<oci::Digest>)> then)
{
    std::optional<distribution::Credentials> credentials;
    if (auto found = options_.registryAuth.find(reference.domain); found != options_.registryAuth.end())
        credentials = *found;
    else
        credentials = distribution::Credentials();
    QPointer<Build> self(this);
    const QString name = reference.toString();
    pull_ = services_.images.pull(
        reference, credentials, oci::Platform::host(),
        [self](const distribution::Progress &line) {
            if (self && !self->ended_)
                self->progress_.pulling(line);
        },
        [self, name, then = std::move(then)](Result<> pulled) {
            if (!self || self->ended_)
                return;
            self->pull_.reset();
            if (!pulled)
                return then(fail(pulled.error()));
            then(self->services_.images.resolve(name));
        });
}

void Build::adoptBase(const oci::Digest &id)
{
    auto details = services_.images.inspect(id.toString());
    if (!details)
        return failed(details.error());
    stage_->image = details->image;
    stage_->config = details->config;
    stage_->config.author.clear(); // MAINTAINER's, per stage, as Docker
    stage_->shell = shellOf(stage_->config);
    progress_.stepDone(id);
    if (auto triggered = takeTriggers(); !triggered)
        return failed(triggered.error());
    nextInstruction();
}

Result<> Build::takeTriggers()
{
    QJsonObject runtime = stage_->config.raw.value(u"config").toObject();
    const QJsonArray triggers = runtime.value(u"OnBuild").toArray();
    if (triggers.isEmpty())
        return {};
    // The base's ONBUILD instructions run first; the new image does not inherit them.
    QStringList lines;
    for (const QJsonValue &trigger : triggers)
        lines.append(trigger.toString());
    auto parsed = dockerfile::parseDockerfile(QStringLiteral("FROM scratch\n") + lines.join(u'\n'));
    if (!parsed)
        return fail(
            Code::InvalidArgument, QStringLiteral("the base image's ONBUILD triggers: %1").arg(parsed.error().message));
    const QList<dockerfile::Instruction> instructions = parsed->stages.constFirst().instructions;
    progress_.warning(QStringLiteral("# Executing %1 build trigger%2\n")
                          .arg(instructions.size())
                          .arg(instructions.size() == 1 ? QString() : QStringLiteral("s")));
    stage_->instructions = instructions + stage_->instructions;
    totalSteps_ += int(instructions.size());
    runtime.remove(QStringLiteral("OnBuild"));
    stage_->config.raw.insert(QStringLiteral("config"), runtime);
    return {};
}

void Build::nextInstruction()
{
    if (cancelled_)
        return;
    if (instructionCursor_ == stage_->instructions.size())
        return nextStage();
    const dockerfile::Instruction &instruction = stage_->instructions.at(instructionCursor_++);
    currentLine_ = instruction.startLine;
    progress_.step(++stepNumber_, totalSteps_, instruction.original, instruction.startLine);
    auto expanded = dockerfile::expandInstruction(instruction, expansionEnvironment(), context_->dockerfile.escape);
    if (!expanded)
        return failed(expanded.error());
    dispatch(*expanded);
}

QHash<QString, QString> Build::expansionEnvironment() const
{
    QHash<QString, QString> env;
    for (const QString &arg : argsInForce())
        env.insert(arg.section(u'=', 0, 0), arg.section(u'=', 1));
    for (const QString &variable : stage_->config.env)
        env.insert(variable.section(u'=', 0, 0), variable.section(u'=', 1));
    return env;
}

QStringList Build::argsInForce() const
{
    QStringList args;
    for (auto it = stage_->args.cbegin(); it != stage_->args.cend(); ++it) {
        if (it.value())
            args.append(it.key() + u'=' + *it.value());
    }
    std::sort(args.begin(), args.end());
    return args;
}

QString Build::keyOf(const QString &createdBy, const QString &extra) const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(stage_->image.id.isValid() ? stage_->image.id.toString().toUtf8() : QByteArray("scratch"));
    hash.addData(QByteArray(1, '\0') + createdBy.toUtf8() + '\0' + extra.toUtf8());
    return QString::fromLatin1(hash.result().toHex());
}

bool Build::fromCache(const QString &key, const QString &createdBy)
{
    if (options_.noCache)
        return false;
    std::optional<oci::Digest> hit;
    if (auto cached = services_.images.metadata().cachedStep(key); cached && *cached)
        hit = **cached;
    else if (const auto from = cacheFrom_.find(stage_->image.id.toString() + u' ' + createdBy);
             from != cacheFrom_.end())
        hit = *from;
    if (!hit)
        return false;
    auto details = services_.images.inspect(hit->toString());
    if (!details)
        return false;
    progress_.cached();
    stage_->image = details->image;
    stage_->config = details->config;
    stage_->shell = shellOf(stage_->config);
    progress_.stepDone(stage_->image.id);
    nextInstruction();
    return true;
}

void Build::collectCacheFrom()
{
    for (const QString &name : std::as_const(options_.cacheFrom)) {
        auto id = services_.images.resolve(name);
        if (!id) {
            progress_.warning(QStringLiteral("[Warning] --cache-from %1: %2").arg(name, id.error().message));
            continue;
        }
        // An image and the steps it was built from, while they are here.
        for (std::optional<oci::Digest> step = *id; step && step->isValid();) {
            auto details = services_.images.inspect(step->toString());
            if (!details || !details->image.parent.isValid() || details->config.history.isEmpty())
                break;
            cacheFrom_.insert(
                details->image.parent.toString() + u' ' + details->config.history.last().createdBy, *step);
            step = details->image.parent;
        }
    }
}

void Build::metadataStep(const QString &comment, bool spaced, const std::function<void(oci::ImageConfig &)> &change)
{
    const QString createdBy = nopCreatedBy(stage_->shell, comment, spaced);
    // The key holds the config the step makes: history's words alone are
    // ambiguous (ENV A="b C=d" reads as ENV A=b C=d).
    oci::ImageConfig changed = stage_->config;
    change(changed);
    const QString key = keyOf(createdBy, QString::fromUtf8(changed.toJson()));
    if (fromCache(key, createdBy))
        return;
    stage_->config = std::move(changed);
    stage_->shell = shellOf(stage_->config);
    commit(key, createdBy, std::nullopt);
}

void Build::commit(const QString &key, const QString &createdBy, const std::optional<metadata::Layer> &layer)
{
    const oci::HistoryEntry history{ QDateTime::currentDateTimeUtc(), createdBy, {}, {}, !layer.has_value() };
    const ChildImage child = childImage(stage_->image, stage_->config, history, layer);
    const metadata::Image &image = child.image;
    const QByteArray &json = child.config;
    auto parsed = oci::ImageConfig::parse(json);
    if (!parsed)
        return failed(parsed.error());
    if (auto recorded = services_.images.recordBuilt(image, json); !recorded)
        return failed(recorded.error());
    if (auto cached = services_.images.metadata().putCachedStep(key, image.id, createdBy); !cached)
        return failed(cached.error());
    stage_->image = image;
    stage_->config = std::move(*parsed);
    progress_.stepDone(image.id);
    nextInstruction();
}

void Build::finish()
{
    if (!stage_ || !stage_->image.id.isValid())
        return failed({ Code::InvalidArgument, QStringLiteral("No image was generated. Is your Dockerfile empty?") });
    if (stageTarget_) {
        ended_ = true;
        garbageHold_.reset();
        return done_(Outcome{ stage_->image.id, {} });
    }
    QStringList unused;
    for (auto it = options_.buildArgs.cbegin(); it != options_.buildArgs.cend(); ++it) {
        if (!usedArgs_.contains(it.key()) && !builtinArgs().contains(it.key()))
            unused.append(it.key());
    }
    std::sort(unused.begin(), unused.end());
    if (!unused.isEmpty())
        progress_.warning(
            QStringLiteral("[Warning] One or more build-args [%1] were not consumed\n").arg(unused.join(u' ')));
    Outcome outcome{ stage_->image.id, {} };
    services_.images.publishBuilt(outcome.image);
    for (const oci::Reference &tag : std::as_const(options_.tags)) {
        if (auto tagged = services_.images.tag(outcome.image.toString(), tag); !tagged)
            return failed(tagged.error());
        outcome.tags.append(tag.familiar());
    }
    ended_ = true;
    garbageHold_.reset();
    done_(std::move(outcome));
}

void Build::failed(const Error &error)
{
    if (ended_)
        return;
    ended_ = true;
    garbageHold_.reset();
    if (pull_)
        pull_->cancel();
    // A step's container a failure interrupted (attach, start, its layer).
    if (!runningContainer_.isEmpty())
        services_.containers.supervisor().remove(std::exchange(runningContainer_, {}), true, true, [](Result<>) {});
    stepRoots_.clear();
    if (currentLine_ > 0)
        progress_.failedAt(currentLine_);
    done_(fail(error));
}

void Build::cancel()
{
    if (ended_ || cancelled_)
        return;
    cancelled_ = true;
    for (Build *child : findChildren<Build *>(Qt::FindDirectChildrenOnly))
        child->cancel();
    failed({ Code::Cancelled, QStringLiteral("the build was cancelled") });
}

QList<oci::Digest> Build::imagesInUse() const
{
    QList<oci::Digest> images = built_.values();
    if (stage_ && stage_->image.id.isValid())
        images.append(stage_->image.id);
    return images;
}

Build::~Build() = default;

} // namespace muelle::engine::builder
