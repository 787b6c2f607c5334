#include "engine/containers/store.h"

#include "engine/containers/logging.h"
#include "engine/containers/names.h"
#include "engine/containers/volumemounts.h"
#include "engine/events/events.h"
#include "engine/images/images.h"
#include "oci/reference.h"

#include <QDir>
#include <QFileInfo>
#include <QThreadPool>

#include <algorithm>

namespace muelle::engine::containers {
namespace {

bool matchesAny(const QStringList &wanted, const std::function<bool(const QString &)> &test)
{
    return wanted.isEmpty() || std::any_of(wanted.begin(), wanted.end(), test);
}

} // namespace

ContainerStore::ContainerStore(Settings settings, images::ImageService &images, VolumeMounts &volumes,
    events::EventBus &events, QThreadPool &pool, QObject *parent)
    : QObject(parent),
      settings_(std::move(settings)),
      paths_(settings_.dataRoot, settings_.execRoot),
      images_(images),
      volumes_(volumes),
      events_(events),
      pool_(pool),
      cgroups_(cgroups::Hierarchy::detect())
{
}

Result<> ContainerStore::load()
{
    auto rows = images_.metadata().containers();
    if (!rows)
        return fail(rows.error());
    for (const metadata::ContainerRow &row : *rows) {
        bool outdated = false;
        auto container = Container::fromRecord(row.record, &outdated);
        if (!container) {
            qCWarning(lcContainers).noquote() << container.error().message;
            continue;
        }
        if (outdated) { // written by an older muelled: kept in today's shape from now on
            if (auto saved = save(*container); !saved) // it is read; its next save tries again
                qCWarning(lcContainers).noquote()
                    << "container" << container->name << "not migrated yet:" << saved.error().message;
            else
                qCInfo(lcContainers).noquote()
                    << "container" << container->name << "migrated to record version" << currentRecordVersion;
        }
        containers_.insert(container->id, *container);
    }
    return {};
}

Result<Container *> ContainerStore::lookup(const QString &name)
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

Result<Container> ContainerStore::find(const QString &name) const
{
    auto found = const_cast<ContainerStore *>(this)->lookup(name);
    if (!found)
        return fail(found.error());
    return **found;
}

Container *ContainerStore::get(const QString &id)
{
    auto it = containers_.find(id);
    return it == containers_.end() ? nullptr : &it.value();
}

Result<> ContainerStore::save(const Container &container)
{
    return images_.metadata().putContainer({ container.id, container.name, container.image, container.toRecord() });
}

Result<> ContainerStore::move(Container &container, Status to)
{
    if (auto moved = transition(container.state, to); !moved) {
        qCWarning(lcContainers).noquote() << container.shortId() << moved.error().message;
        return fail(moved.error().context(QStringLiteral("container %1").arg(container.shortId())));
    }
    return save(container);
}

void ContainerStore::publish(const Container &container, const QString &action, QHash<QString, QString> attributes)
{
    attributes.insert(QStringLiteral("name"), container.name);
    attributes.insert(QStringLiteral("image"), container.imageName);
    for (auto it = container.spec.labels.cbegin(); it != container.spec.labels.cend(); ++it)
        attributes.insert(it.key(), it.value());
    events_.publish({ QStringLiteral("container"), action, container.id, attributes, 0 });
}

void ContainerStore::create(const QString &name, Spec spec, std::function<void(Result<Created>)> done)
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
    if (auto made = volumes_.makeVolumes(spec, details->config.volumes, container.anonymousVolumes); !made)
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

    const snapshots::WritableLayer layer = layerOf(container);
    const QString dir = paths_.container(container.id);
    pool_.start([this, layer, dir, container, done] {
        Result<> made = QDir().mkpath(dir) ? layer.create()
                                           : fail(Code::Internal, QStringLiteral("mkdir \"%1\" failed").arg(dir));
        QMetaObject::invokeMethod(this, [this, made, container, done] {
            if (!made) {
                destroy(container.id, true, [](Result<>) {});
                return done(fail(made.error()));
            }
            publish(container, QStringLiteral("create"));
            done(Created{ container.id, {} });
        });
    });
}

void ContainerStore::destroy(const QString &id, bool anonymousVolumes, std::function<void(Result<>)> done)
{
    Container *container = get(id);
    if (!container)
        return done({});
    move(*container, Status::Removing);
    const snapshots::WritableLayer layer = layerOf(*container);
    const QString dir = paths_.container(id);
    pool_.start([this, layer, dir, id, anonymousVolumes, done] {
        Result<> removed = layer.remove();
        if (removed && !QDir(dir).removeRecursively())
            removed = fail(Code::Internal, QStringLiteral("remove \"%1\" failed").arg(dir));
        QMetaObject::invokeMethod(this, [this, removed, id, anonymousVolumes, done] {
            Container *container = get(id);
            if (!container)
                return done({});
            if (!removed) {
                container->state.error = removed.error().message;
                move(*container, Status::Dead);
                return done(
                    fail(removed.error().context(QStringLiteral("unable to remove filesystem for %1").arg(id))));
            }
            const Container gone = *container;
            if (auto deleted = images_.metadata().removeContainer(id); !deleted)
                return done(deleted);
            containers_.remove(id);
            if (anonymousVolumes)
                volumes_.removeAnonymous(gone);
            publish(gone, QStringLiteral("destroy"));
            done({});
        });
    });
}

Result<> ContainerStore::rename(const QString &name, const QString &newName)
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

Result<QList<Container>> ContainerStore::list(const ListOptions &options) const
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

QStringList ContainerStore::usingImage(const oci::Digest &image) const
{
    QStringList ids;
    for (const Container &c : containers_) {
        if (c.image == image)
            ids.append(c.id);
    }
    return ids;
}

QStringList ContainerStore::usingVolume(const QString &name) const
{
    QStringList users;
    for (const Container &container : containers_) {
        if (volumes_.volumesOf(container).contains(name))
            users.append(container.id);
    }
    return users;
}

Result<LogSource> ContainerStore::logSource(const QString &name) const
{
    auto found = find(name);
    if (!found)
        return fail(found.error());
    if (found->spec.logType == QLatin1String("none"))
        return fail(Code::InvalidArgument, QStringLiteral("configured logging driver does not support reading"));
    return LogSource{ paths_.containerLog(found->id), found->spec.logMaxFile, found->spec.tty, found->running(),
        found->id };
}

snapshots::WritableLayer ContainerStore::layerOf(const Container &container) const
{
    QList<oci::Digest> chainIds;
    if (auto image = images_.metadata().image(container.image)) {
        for (const metadata::Layer &layer : image->layers)
            chainIds.append(layer.chainId);
    }
    const auto driver = container.driver == QLatin1String("vfs") ? snapshots::Driver::Copy : snapshots::Driver::Overlay;
    return snapshots::WritableLayer(paths_, driver, container.id, chainIds);
}

qint64 ContainerStore::writableSize(const Container &container) const
{
    return layerOf(container).usage();
}

cgroups::Cgroup ContainerStore::cgroupOf(const Container &container) const
{
    return cgroups::Cgroup(cgroups_, paths_.containerCgroup(container.id));
}

} // namespace muelle::engine::containers
