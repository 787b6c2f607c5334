// Describe and DeleteTag: one reference in a registry, read as the desktop's
// tag page shows it, or its tag removed.

#include "engine/distribution/registryclient.h"
#include "engine/images/images.h"
#include "engine/registries/registries.h"
#include "oci/imageconfig.h"
#include "oci/manifest.h"
#include "oci/reference.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace muelle::engine::registries {

namespace {

constexpr qint64 maxManifest = 4 << 20;
constexpr qint64 maxConfig = 8 << 20;

QJsonArray stringArray(const QStringList &strings)
{
    return QJsonArray::fromStringList(strings);
}

QJsonObject mapObject(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QJsonObject configJson(const oci::ImageConfig &config)
{
    QJsonArray history;
    for (const oci::HistoryEntry &entry : config.history) {
        history.append(QJsonObject{ { QStringLiteral("created"), entry.created.toUTC().toString(Qt::ISODate) },
            { QStringLiteral("created_by"), entry.createdBy }, { QStringLiteral("comment"), entry.comment },
            { QStringLiteral("empty_layer"), entry.emptyLayer } });
    }
    return { { QStringLiteral("platform"), config.platform.toString() },
        { QStringLiteral("created"), config.created.toUTC().toString(Qt::ISODate) },
        { QStringLiteral("env"), stringArray(config.env) }, { QStringLiteral("cmd"), stringArray(config.cmd) },
        { QStringLiteral("entrypoint"), stringArray(config.entrypoint) },
        { QStringLiteral("working_dir"), config.workingDir }, { QStringLiteral("user"), config.user },
        { QStringLiteral("exposed_ports"), stringArray(config.exposedPorts) },
        { QStringLiteral("labels"), mapObject(config.labels) }, { QStringLiteral("history"), history } };
}

// The state of one Describe, through its requests.
struct Describing {
    distribution::RegistryClient *client = nullptr;
    oci::Reference reference;
    std::optional<oci::Platform> wanted;
    QJsonObject answer;
    std::function<void(Result<QJsonObject>)> done;

    void finish(Result<QJsonObject> result)
    {
        client->deleteLater();
        done(std::move(result));
    }
};

// GET a manifest of the repository by tag or digest: its bytes parsed, its digest.
void getManifest(std::shared_ptr<Describing> state, const QString &reference,
    std::function<void(oci::Manifest, oci::Digest, qint64)> then)
{
    QNetworkRequest request
        = state->client->request(QStringLiteral("/v2/%1/manifests/%2").arg(state->reference.path, reference));
    request.setRawHeader("Accept", distribution::acceptedManifests());
    state->client->send(
        "GET", request, {},
        [state, then = std::move(then)](Result<distribution::RegistryReply> reply) {
            if (!reply)
                return state->finish(fail(reply.error()));
            auto manifest = oci::Manifest::parse(reply->body, QString::fromLatin1(reply->header("Content-Type")));
            if (!manifest)
                return state->finish(fail(Code::Unavailable,
                    QStringLiteral("the registry's manifest is not valid: %1").arg(manifest.error().message)));
            then(*manifest, oci::Digest::of(reply->body), reply->body.size());
        },
        maxManifest);
}

void describeReferrers(std::shared_ptr<Describing> state, const oci::Digest &subject)
{
    state->client->send(
        "GET",
        state->client->request(QStringLiteral("/v2/%1/referrers/%2").arg(state->reference.path, subject.toString())),
        {},
        [state](Result<distribution::RegistryReply> reply) {
            QJsonArray referrers;
            if (reply) {
                const QJsonObject index = QJsonDocument::fromJson(reply->body).object();
                for (const QJsonValue &value : index.value(u"manifests").toArray()) {
                    const QJsonObject referrer = value.toObject();
                    referrers.append(QJsonObject{ { QStringLiteral("digest"), referrer.value(u"digest") },
                        { QStringLiteral("artifact_type"), referrer.value(u"artifactType") },
                        { QStringLiteral("media_type"), referrer.value(u"mediaType") },
                        { QStringLiteral("size"), referrer.value(u"size") },
                        { QStringLiteral("annotations"), referrer.value(u"annotations") } });
                }
            } else if (reply.error().code != Code::NotFound && reply.error().code != Code::InvalidArgument) {
                return state->finish(fail(reply.error()));
            }
            // A registry without the referrers API (404, 400) has none to show.
            state->answer.insert(QStringLiteral("referrers"), referrers);
            state->finish(state->answer);
        },
        maxManifest);
}

void describeImage(std::shared_ptr<Describing> state, const oci::Manifest &manifest, const content::Store &content,
    const oci::Digest &subject)
{
    QJsonArray layers;
    qint64 size = manifest.config ? manifest.config->size : 0;
    for (const oci::Descriptor &layer : manifest.layers) {
        size += layer.size;
        layers.append(QJsonObject{ { QStringLiteral("digest"), layer.digest.toString() },
            { QStringLiteral("size"), layer.size }, { QStringLiteral("media_type"), layer.mediaType },
            { QStringLiteral("local"), content.has(layer.digest) } });
    }
    state->answer.insert(QStringLiteral("layers"), layers);
    state->answer.insert(QStringLiteral("size"), size);
    if (!manifest.config)
        return describeReferrers(state, subject);
    state->client->send(
        "GET",
        state->client->request(
            QStringLiteral("/v2/%1/blobs/%2").arg(state->reference.path, manifest.config->digest.toString())),
        {},
        [state, subject](Result<distribution::RegistryReply> reply) {
            if (!reply)
                return state->finish(fail(reply.error()));
            // An artifact's config is not an image's: shown as nothing.
            if (auto config = oci::ImageConfig::parse(reply->body))
                state->answer.insert(QStringLiteral("config"), configJson(*config));
            describeReferrers(state, subject);
        },
        maxConfig);
}

} // namespace

void RegistryService::describe(
    const QString &reference, const QString &platform, std::function<void(Result<QJsonObject>)> done)
{
    auto parsed = oci::Reference::parse(reference);
    if (!parsed)
        return done(fail(parsed.error()));
    std::optional<oci::Platform> wanted;
    if (!platform.isEmpty()) {
        auto given = oci::Platform::parse(platform);
        if (!given)
            return done(fail(given.error()));
        wanted = *given;
    }
    const content::Store &content = images_.content();
    auto *client = new distribution::RegistryClient(images_.network(), parsed->domain, parsed->path,
        images_.credentialsFor(parsed->domain), QStringLiteral("pull"), optionsFor(parsed->domain), this);
    auto state = std::make_shared<Describing>(Describing{ client, *parsed, wanted, {}, std::move(done) });
    client->connect([state, &content](Result<> ready) {
        if (!ready)
            return state->finish(fail(ready.error()));
        const QString tagOrDigest = state->reference.digest ? state->reference.digest->toString()
                                                            : state->reference.tag.value_or(QStringLiteral("latest"));
        getManifest(state, tagOrDigest, [state, &content](oci::Manifest manifest, oci::Digest digest, qint64 size) {
            state->answer = { { QStringLiteral("reference"), state->reference.toString() },
                { QStringLiteral("digest"), digest.toString() }, { QStringLiteral("media_type"), manifest.mediaType },
                { QStringLiteral("manifest_size"), size },
                { QStringLiteral("annotations"), mapObject(manifest.annotations) } };
            if (!manifest.isIndex)
                return describeImage(state, manifest, content, digest);
            // An index: its platforms, and the one wanted (the host's by default) described.
            const oci::Platform target = state->wanted.value_or(oci::Platform::host());
            QJsonArray platforms;
            std::optional<oci::Descriptor> chosen;
            for (const oci::Descriptor &child : manifest.manifests) {
                platforms.append(QJsonObject{
                    { QStringLiteral("platform"), child.platform ? child.platform->toString() : QString() },
                    { QStringLiteral("digest"), child.digest.toString() }, { QStringLiteral("size"), child.size },
                    { QStringLiteral("media_type"), child.mediaType } });
                if (!chosen && child.platform && child.platform->matches(target))
                    chosen = child;
            }
            state->answer.insert(QStringLiteral("platforms"), platforms);
            if (!chosen)
                return describeReferrers(state, digest);
            state->answer.insert(QStringLiteral("described_platform"), chosen->platform->toString());
            getManifest(
                state, chosen->digest.toString(), [state, &content, digest](oci::Manifest image, oci::Digest, qint64) {
                    describeImage(state, image, content, digest);
                });
        });
    });
}

void RegistryService::deleteTag(const QString &reference, std::function<void(Result<>)> done)
{
    auto parsed = oci::Reference::parse(reference);
    if (!parsed)
        return done(fail(parsed.error()));
    if (parsed->digest || !parsed->tag)
        return done(fail(Code::InvalidArgument, QStringLiteral("%1 names no tag").arg(reference)));
    auto *client = new distribution::RegistryClient(images_.network(), parsed->domain, parsed->path,
        images_.credentialsFor(parsed->domain), QStringLiteral("delete"), optionsFor(parsed->domain), this);
    const QString target = QStringLiteral("/v2/%1/manifests/%2").arg(parsed->path, *parsed->tag);
    client->connect([client, target, done = std::move(done)](Result<> ready) {
        if (!ready) {
            client->deleteLater();
            return done(fail(ready.error()));
        }
        client->send("DELETE", client->request(target), {}, [client, done](Result<distribution::RegistryReply> reply) {
            client->deleteLater();
            if (reply)
                return done({});
            // Registries that delete manifests only by digest would take every tag of it: not done here.
            const Error &error = reply.error();
            if (error.code == Code::InvalidArgument || error.code == Code::Unimplemented
                || error.message.startsWith(QLatin1String("unsupported")))
                return done(fail(Code::FailedPrecondition,
                    QStringLiteral("this registry does not delete tags (%1)").arg(error.message)));
            done(fail(error));
        });
    });
}

} // namespace muelle::engine::registries
