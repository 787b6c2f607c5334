#include "engine/builder/commit.h"

#include "archive/tree.h"
#include "dockerfile/expansion.h"
#include "dockerfile/stages.h"
#include "engine/builder/configchange.h"
#include "engine/builder/layer.h"
#include "engine/builder/service.h"
#include "engine/containers/service.h"
#include "engine/images/images.h"

#include <QFile>
#include <QPointer>

#include <fcntl.h>

namespace muelle::engine::builder {

Result<oci::ImageConfig> applyChanges(oci::ImageConfig config, const QStringList &changes)
{
    if (changes.isEmpty())
        return config;
    static const QStringList allowed{ QStringLiteral("cmd"), QStringLiteral("entrypoint"), QStringLiteral("env"),
        QStringLiteral("expose"), QStringLiteral("healthcheck"), QStringLiteral("label"), QStringLiteral("onbuild"),
        QStringLiteral("stopsignal"), QStringLiteral("user"), QStringLiteral("volume"), QStringLiteral("workdir") };
    auto parsed = dockerfile::parseDockerfile(QStringLiteral("FROM scratch\n") + changes.join(u'\n'));
    if (!parsed)
        return fail(parsed.error().toError());
    bool cmdSet = false;
    for (const dockerfile::Instruction &instruction : parsed->stages.constFirst().instructions) {
        if (!allowed.contains(instruction.keyword))
            return fail(
                Code::InvalidArgument, QStringLiteral("%1 is not a valid change command").arg(instruction.keyword));
        dockerfile::Environment env;
        for (const QString &variable : std::as_const(config.env))
            env.insert(variable.section(u'=', 0, 0), variable.section(u'=', 1));
        auto expanded = dockerfile::expandInstruction(instruction, env);
        if (!expanded)
            return fail(expanded.error());
        auto change = configChange(*expanded, shellOf(config), cmdSet);
        if (!change)
            return fail(change.error());
        if (*change)
            (*change)->apply(config);
        cmdSet = cmdSet || instruction.keyword == u"cmd";
    }
    return config;
}

namespace {

// What a container runs with, as an image config: its image's, with what it was created with.
oci::ImageConfig containerConfig(oci::ImageConfig config, const containers::Spec &spec)
{
    for (const QString &variable : spec.env) {
        const QString key = variable.section(u'=', 0, 0) + u'=';
        config.env.removeIf([&](const QString &existing) { return existing.startsWith(key); });
        config.env.append(variable);
    }
    if (spec.cmd)
        config.cmd = *spec.cmd;
    if (spec.entrypoint)
        config.entrypoint = *spec.entrypoint;
    if (!spec.workingDir.isEmpty())
        config.workingDir = spec.workingDir;
    if (!spec.user.isEmpty())
        config.user = spec.user;
    if (!spec.stopSignal.isEmpty())
        config.stopSignal = spec.stopSignal;
    for (auto it = spec.labels.cbegin(); it != spec.labels.cend(); ++it)
        config.labels.insert(it.key(), it.value());
    for (const QString &port : spec.exposedPorts) {
        if (!config.exposedPorts.contains(port))
            config.exposedPorts.append(port);
    }
    for (const QString &volume : spec.volumes) {
        if (!config.volumes.contains(volume))
            config.volumes.append(volume);
    }
    return config;
}

} // namespace

void BuildService::commit(const CommitOptions &options, std::function<void(Result<oci::Digest>)> done)
{
    auto container = containers_.store().find(options.container);
    if (!container)
        return done(fail(container.error()));
    const snapshots::WritableLayer layer = containers_.store().layerOf(*container);
    if (layer.driver() != snapshots::Driver::Overlay)
        return done(fail(Code::Unimplemented, QStringLiteral("docker commit needs the overlay2 storage driver")));
    auto base = images_.inspect(container->image.toString());
    if (!base)
        return done(fail(base.error()));
    auto config = applyChanges(containerConfig(base->config, container->spec), options.changes);
    if (!config)
        return done(fail(config.error()));
    const QString id = container->id;
    const bool pause = options.pause && container->state.status == containers::Status::Running;
    QPointer<BuildService> self(this);
    auto hold = images_.holdGarbage();
    const auto work = [self, id, pause, options, base = *base, config = *config, layer, hold, done]() {
        if (!self)
            return;
        const std::optional<oci::Digest> parentChain
            = base.image.layers.isEmpty() ? std::nullopt : std::optional(base.image.layers.last().chainId);
        const content::Store &content = self->images_.content();
        const snapshots::Snapshotter &snapshots = self->images_.snapshots();
        const QString upper = layer.changesDir();
        self->pool_.start(
            [self, id, pause, options, base, config, parentChain, upper, hold, done, &content, &snapshots] {
                auto made = std::make_shared<Result<std::optional<metadata::Layer>>>(
                    copyLayer(upper, parentChain, content, snapshots));
                QMetaObject::invokeMethod(self, [self, id, pause, options, base, config, made, hold, done] {
                    if (pause)
                        self->containers_.supervisor().unpause(id, [](Result<>) {});
                    if (!*made)
                        return done(fail(made->error()));
                    auto recorded = self->recordCommit(id, options, base, config, **made);
                    done(recorded);
                });
            });
    };
    if (!pause)
        return work();
    containers_.supervisor().pause(id, [work, done](Result<> paused) {
        if (!paused)
            return done(fail(paused.error()));
        work();
    });
}

Result<oci::Digest> BuildService::recordCommit(const QString &containerId, const CommitOptions &options,
    const images::Details &base, oci::ImageConfig config, const std::optional<metadata::Layer> &layer)
{
    config.author = options.author;
    containers::Container *container = containers_.store().get(containerId);
    const QStringList cmd = container && container->spec.cmd ? *container->spec.cmd : base.config.cmd;
    const oci::HistoryEntry history{ QDateTime::currentDateTimeUtc(), cmd.join(u' '), options.author, options.comment,
        !layer };
    const ChildImage child = childImage(base.image, config, history, layer);
    const metadata::Image &image = child.image;
    const QByteArray &json = child.config;
    if (auto recorded = images_.recordBuilt(image, json); !recorded)
        return fail(recorded.error());
    if (options.tag) {
        if (auto tagged = images_.tag(image.id.toString(), *options.tag); !tagged)
            return fail(tagged.error());
    }
    if (container)
        containers_.store().publish(*container, QStringLiteral("commit"),
            { { QStringLiteral("comment"), options.comment }, { QStringLiteral("imageID"), image.id.toString() } });
    return image.id;
}

} // namespace muelle::engine::builder
