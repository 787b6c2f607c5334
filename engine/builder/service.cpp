#include "engine/builder/service.h"

#include "engine/containers/service.h"
#include "engine/images/images.h"

#include <QUuid>

namespace muelle::engine::builder {

BuildService::BuildService(images::ImageService &images, containers::ContainerService &containers, QObject *parent)
    : QObject(parent), images_(images), containers_(containers)
{
    // The step containers of builds a crash (or kill -9) interrupted.
    QStringList leftovers;
    for (const containers::Container &container : containers_.store().all()) {
        if (container.spec.labels.contains(stepLabel()))
            leftovers.append(container.id);
    }
    for (const QString &id : std::as_const(leftovers))
        containers_.supervisor().remove(id, true, true, [](Result<>) {});
}

QString stepLabel()
{
    return QStringLiteral("org.muelle.build.step");
}

BuildService::~BuildService()
{
    for (Build *build : findChildren<Build *>())
        build->cancel();
    pool_.waitForDone();
}

QStringList BuildService::usingImage(const oci::Digest &image) const
{
    for (const Build *build : findChildren<Build *>()) {
        if (build->imagesInUse().contains(image))
            return { QStringLiteral("a running build") };
    }
    return {};
}

std::shared_ptr<ContextUpload> BuildService::newUpload(const QString &dockerfile) const
{
    const QString base
        = images_.paths().tmpDir() + QStringLiteral("/build-") + QUuid::createUuid().toString(QUuid::Id128);
    return std::make_shared<ContextUpload>(
        base + QStringLiteral(".tar"), base + QStringLiteral(".context"), dockerfile);
}

QPointer<Build> BuildService::start(
    Options options, std::shared_ptr<ContextUpload> upload, Progress &progress, Build::Done done)
{
    auto *build = new Build(
        { images_, containers_, pool_, network_ }, std::move(options), std::move(upload), progress, {}, this);
    QPointer<Build> guard(build);
    // Deleted once it ended, after the caller heard of it.
    build->setDone([guard, done = std::move(done)](Result<Outcome> outcome) {
        done(std::move(outcome));
        if (guard)
            guard->deleteLater();
    });
    build->start();
    return guard;
}

} // namespace muelle::engine::builder
