// The container service's records: open (live restore), lookup, create,
// list, rename, remove, prune. Running containers: lifecycle.cpp; their
// bundles: bundle.cpp.
#include "engine/containers/service.h"

#include "engine/containers/names.h"
#include "engine/containers/pending.h"
#include "engine/images/images.h"
#include "engine/network/service.h"
#include "oci/reference.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcContainers, "muelle.containers")

namespace muelle::engine::containers {
namespace {

Result<> makeDirs(const QStringList &dirs)
{
    for (const QString &dir : dirs) {
        if (!QDir().mkpath(dir))
            return fail(Code::Internal, QStringLiteral("mkdir \"%1\": cannot create the directory").arg(dir));
    }
    return {};
}

bool matchesAny(const QStringList &wanted, const std::function<bool(const QString &)> &test)
{
    return wanted.isEmpty() || std::any_of(wanted.begin(), wanted.end(), test);
}

} // namespace

ContainerService::ContainerService(Settings settings, images::ImageService &images, network::NetworkService &networks,
    volumes::VolumeService &volumes, events::EventBus &events, QObject *parent)
    : QObject(parent),
      settings_(std::move(settings)),
      paths_(settings_.dataRoot, settings_.execRoot),
      images_(images),
      networks_(networks),
      volumes_(volumes),
      events_(events),
      cgroups_(cgroups::Hierarchy::detect()),
      pending_(std::make_unique<Pending>())
{
    pool_.setMaxThreadCount(2);
}

ContainerService::~ContainerService()
{
    pool_.waitForDone();
    // The shims' sockets (children) would report "disconnected" as they go,
    // and a container would be taken for exited while it runs on: the
    // daemon's shutdown must leave containers and their records alone.
    const QObjectList children = this->children();
    for (QObject *child : children)
        child->blockSignals(true);
    qDeleteAll(children);
}

Result<> ContainerService::open()
{
    if (auto made = makeDirs({ paths_.containersDir(), paths_.containerLayersDir(), paths_.volumesDir(),
            paths_.runtimeRoot(), paths_.execRoot() + QStringLiteral("/s") });
        !made)
        return made;
    auto rows = images_.metadata().containers();
    if (!rows)
        return fail(rows.error());
    for (const metadata::ContainerRow &row : *rows) {
        auto container = Container::fromRecord(row.record);
        if (!container) {
            qCWarning(lcContainers) << container.error().message;
            continue;
        }
        containers_.insert(container->id, *container);
    }
    const QStringList ids = containers_.keys();
    for (const QString &id : ids) {
        Container &container = containers_[id];
        if (container.state.status == Status::Removing) {
            finishRemoval(id, false, [](Result<>) {});
        } else if (container.state.status == Status::Restarting) {
            container.state.status = Status::Exited;
            restartLater(id);
        } else if (container.running()) {
            restoreNetworks(container);
            watch(id); // live restore: a shim that is gone reports the container exited
        } else if (container.state.status != Status::Created) {
            const RestartPolicy policy = container.spec.restartPolicy;
            if (policy == RestartPolicy::Always
                || (policy == RestartPolicy::UnlessStopped && !container.state.stoppedByUser))
                launch(container, [](Result<>) {});
        }
    }
    return {};
}

Result<Container *> ContainerService::lookup(const QString &name)
{
    const QString bare = name.startsWith(u'/') ? name.mid(1) : name;
    if (bare.isEmpty())
        return fail(Code::NotFound, QStringLiteral("No such container: %1").arg(name));
    if (auto it = containers_.find(bare); it != containers_.end())
        return &it.value();
    for (auto it = containers_.begin(); it != containers_.end(); ++it) {
        if (it->name == bare)
            return &it.value();
    }
    Container *found = nullptr;
    for (auto it = containers_.begin(); it != containers_.end(); ++it) {
        if (!it->id.startsWith(bare))
            continue;
        if (found)
            return fail(
                Code::InvalidArgument, QStringLiteral("multiple containers found with provided prefix: %1").arg(bare));
        found = &it.value();
    }
    if (!found)
        return fail(Code::NotFound, QStringLiteral("No such container: %1").arg(name));
    return found;
}

Result<Container> ContainerService::find(const QString &name) const
{
    auto found = const_cast<ContainerService *>(this)->lookup(name);
    if (!found)
        return fail(found.error());
    return **found;
}

Result<> ContainerService::save(const Container &container)
{
    return images_.metadata().putContainer({ container.id, container.name, container.image, container.toRecord() });
}

void ContainerService::publish(const Container &container, const QString &action, QHash<QString, QString> attributes)
{
    attributes.insert(QStringLiteral("name"), container.name);
    attributes.insert(QStringLiteral("image"), container.imageName);
    for (auto it = container.spec.labels.cbegin(); it != container.spec.labels.cend(); ++it)
        attributes.insert(it.key(), it.value());
    events_.publish({ QStringLiteral("container"), action, container.id, attributes, 0 });
}

void ContainerService::create(const QString &name, Spec spec, std::function<void(Result<Created>)> done)
{
    QString chosen = name;
    if (!chosen.isEmpty()) {
        auto valid = validName(chosen);
        if (!valid)
            return done(fail(valid.error()));
        chosen = *valid;
    }
    auto details = images_.inspect(spec.image);
    if (!details) {
        // Docker names the image as it would pull it: "No such image: busybox:latest".
        auto reference = oci::Reference::parse(spec.image);
        if (details.error().code != Code::NotFound || !reference)
            return done(fail(details.error()));
        return done(
            fail(Code::NotFound, QStringLiteral("No such image: %1").arg(images::familiar(reference->toString()))));
    }
    for (const QString &port : details->config.exposedPorts) {
        if (!spec.exposedPorts.contains(port))
            spec.exposedPorts.append(port);
    }
    for (const Mount &mount : spec.mounts) {
        if (mount.type == MountType::Bind && mount.from != MountFrom::Binds && !QFileInfo::exists(mount.source))
            return done(fail(Code::InvalidArgument,
                QStringLiteral("invalid mount config for type \"bind\": bind source path does not exist: %1")
                    .arg(mount.source)));
    }
    // An unknown network is an error of start, as with Docker: a 404 here
    // would send the docker CLI to pull the image.

    Container container;
    if (auto made = makeVolumes(spec, details->config.volumes, container.anonymousVolumes); !made)
        return done(fail(made.error()));
    container.id = randomId();
    container.name = chosen.isEmpty() ? generatedName() : chosen;
    while (chosen.isEmpty() && std::any_of(containers_.cbegin(), containers_.cend(), [&](const Container &c) {
        return c.name == container.name;
    }))
        container.name = generatedName();
    container.image = details->image.id;
    container.imageName = spec.image;
    container.created = QDateTime::currentDateTimeUtc();
    container.driver = images_.storageDriver();
    container.spec = std::move(spec);
    if (auto saved = save(container); !saved)
        return done(fail(saved.error()));
    containers_.insert(container.id, container);

    const Rootfs rootfs = rootfsOf(container);
    const QString dir = paths_.container(container.id);
    auto *context = this;
    pool_.start([context, rootfs, dir, container, done] {
        Result<> made = QDir().mkpath(dir) ? rootfs.create()
                                           : fail(Code::Internal, QStringLiteral("mkdir \"%1\" failed").arg(dir));
        QMetaObject::invokeMethod(context, [context, made, container, done] {
            if (!made) {
                context->finishRemoval(container.id, true, [](Result<>) {});
                return done(fail(made.error()));
            }
            context->publish(container, QStringLiteral("create"));
            done(Created{ container.id, {} });
        });
    });
}

Rootfs ContainerService::rootfsOf(const Container &container) const
{
    QList<oci::Digest> chainIds;
    if (auto image = images_.metadata().image(container.image)) {
        for (const metadata::Layer &layer : image->layers)
            chainIds.append(layer.chainId);
    }
    const auto driver = container.driver == QLatin1String("vfs") ? snapshots::Driver::Copy : snapshots::Driver::Overlay;
    return Rootfs(paths_, driver, container.id, chainIds);
}

Result<> ContainerService::rename(const QString &name, const QString &newName)
{
    auto found = lookup(name);
    if (!found)
        return fail(found.error());
    auto valid = validName(newName);
    if (!valid)
        return fail(valid.error());
    Container &container = **found;
    if (container.name == *valid)
        return fail(
            Code::InvalidArgument, QStringLiteral("Renaming a container with the same name as its current name"));
    Container renamed = container;
    renamed.name = *valid;
    if (auto saved = save(renamed); !saved)
        return saved;
    const QString oldName = container.name;
    container = renamed;
    publish(container, QStringLiteral("rename"), { { QStringLiteral("oldName"), u'/' + oldName } });
    return {};
}

Result<QList<Container>> ContainerService::list(const ListOptions &options) const
{
    QList<Container> result;
    for (const Container &c : containers_) {
        const QString status = statusName(c.state.status);
        const bool byDefault = options.all || c.running() || !options.statuses.isEmpty() || options.limit > 0;
        if (!byDefault)
            continue;
        if (!matchesAny(options.ids, [&](const QString &id) { return c.id.startsWith(id); })
            || !matchesAny(options.names, [&](const QString &n) { return c.name.contains(n); })
            || !matchesAny(options.statuses, [&](const QString &s) { return s == status; })
            || !matchesAny(options.exited,
                [&](const QString &code) {
                    return c.state.status == Status::Exited && code.toInt() == c.state.exitCode;
                })
            || !matchesAny(options.ancestors, [&](const QString &image) {
                   auto id = images_.resolve(image);
                   return c.imageName == image || (id && *id == c.image);
               }))
            continue;
        const bool labelsMatch = std::all_of(options.labels.begin(), options.labels.end(), [&](const QString &label) {
            const qsizetype eq = label.indexOf(u'=');
            if (eq < 0)
                return c.spec.labels.contains(label);
            return c.spec.labels.value(label.left(eq), QStringLiteral("\x01")) == label.mid(eq + 1);
        });
        if (labelsMatch)
            result.append(c);
    }
    std::sort(
        result.begin(), result.end(), [](const Container &a, const Container &b) { return a.created > b.created; });
    const auto cutAt = [&](const std::optional<QString> &name, bool keepOlder) -> Result<> {
        if (!name)
            return {};
        auto pivot = find(*name);
        if (!pivot)
            return fail(pivot.error());
        result.erase(std::remove_if(result.begin(), result.end(),
                         [&](const Container &c) {
                             return keepOlder ? c.created >= pivot->created : c.created <= pivot->created;
                         }),
            result.end());
        return {};
    };
    if (auto cut = cutAt(options.before, true); !cut)
        return fail(cut.error());
    if (auto cut = cutAt(options.since, false); !cut)
        return fail(cut.error());
    if (options.limit > 0 && result.size() > options.limit)
        result.resize(options.limit);
    return result;
}

QStringList ContainerService::usingImage(const oci::Digest &image) const
{
    QStringList ids;
    for (const Container &c : containers_) {
        if (c.image == image)
            ids.append(c.id);
    }
    return ids;
}

void ContainerService::remove(const QString &name, bool force, bool volumes, std::function<void(Result<>)> done)
{
    auto found = lookup(name);
    if (!found)
        return done(fail(found.error()));
    Container &container = **found;
    if (container.running() && force) {
        const QString id = container.id;
        container.state.stoppedByUser = true;
        if (auto timer = pending_->restartTimers.take(id))
            delete timer;
        if (container.state.status == Status::Restarting) {
            container.state.status = Status::Exited;
            return finishRemoval(id, volumes, std::move(done));
        }
        pending_->onExit[id].append([this, id, volumes, done] { finishRemoval(id, volumes, done); });
        callShim(shimSocket(container), "kill 9", this, [](Result<QByteArray>) {});
        return;
    }
    if (auto ok = allowed(container, Action::Remove); !ok)
        return done(ok);
    finishRemoval(container.id, volumes, std::move(done));
}

void ContainerService::finishRemoval(const QString &id, bool anonymousVolumes, std::function<void(Result<>)> done)
{
    auto it = containers_.find(id);
    if (it == containers_.end())
        return done({});
    it->state.status = Status::Removing;
    save(*it);
    const Rootfs rootfs = rootfsOf(*it);
    const QString dir = paths_.container(id);
    pool_.start([this, rootfs, dir, id, anonymousVolumes, done] {
        Result<> removed = rootfs.remove();
        if (removed && !QDir(dir).removeRecursively())
            removed = fail(Code::Internal, QStringLiteral("remove \"%1\" failed").arg(dir));
        QMetaObject::invokeMethod(this, [this, removed, id, anonymousVolumes, done] {
            auto it = containers_.find(id);
            if (it == containers_.end())
                return done({});
            if (!removed) {
                it->state.status = Status::Dead;
                it->state.error = removed.error().message;
                save(*it);
                return done(
                    fail(removed.error().context(QStringLiteral("unable to remove filesystem for %1").arg(id))));
            }
            const Container container = *it;
            if (auto deleted = images_.metadata().removeContainer(id); !deleted)
                return done(deleted);
            containers_.erase(it);
            if (anonymousVolumes)
                removeAnonymousVolumes(container);
            publish(container, QStringLiteral("destroy"));
            notify(id, WaitCondition::Removed);
            pending_->forget(id);
            done({});
        });
    });
}

void ContainerService::prune(std::function<void(Result<QStringList>)> done)
{
    QStringList stopped;
    for (const Container &c : containers_) {
        if (!c.running() && c.state.status != Status::Removing)
            stopped.append(c.id);
    }
    if (stopped.isEmpty())
        return done(QStringList());
    auto left = std::make_shared<int>(int(stopped.size()));
    auto removed = std::make_shared<QStringList>();
    for (const QString &id : stopped) {
        finishRemoval(id, false, [left, removed, id, done](Result<> result) {
            if (result)
                removed->append(id);
            if (--*left == 0)
                done(*removed);
        });
    }
}

Result<ContainerService::LogSource> ContainerService::logSource(const QString &name) const
{
    auto found = find(name);
    if (!found)
        return fail(found.error());
    if (found->spec.logType == QLatin1String("none"))
        return fail(Code::InvalidArgument, QStringLiteral("configured logging driver does not support reading"));
    return LogSource{ paths_.containerLog(found->id), found->spec.logMaxFile, found->spec.tty, found->running(),
        found->id };
}

QString ContainerService::shimSocket(const Container &container) const
{
    return paths_.shimSocket(container.id);
}

cgroups::Cgroup ContainerService::cgroupOf(const Container &container) const
{
    return cgroups::Cgroup(cgroups_, QStringLiteral("/muelle/") + container.id);
}

} // namespace muelle::engine::containers
