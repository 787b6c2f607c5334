#include "oci/manifest.h"

#include "oci/jsonfield.h"
#include "oci/mediatype.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace muelle::oci {

namespace {

constexpr int supportedSchemaVersion = 2;

Result<QJsonObject> parseObject(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(Code::InvalidArgument,
            u"manifest is not valid JSON: %1 at offset %2"_s.arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return fail(Code::InvalidArgument, u"manifest is not a JSON object"_s);
    return document.object();
}

Result<> checkSchemaVersion(const QJsonObject &root)
{
    const QJsonValue value = root.value(u"schemaVersion"_s);
    if (value.isUndefined() || value.isNull())
        return json::invalid(u"schemaVersion"_s, u"missing"_s);
    if (!value.isDouble())
        return json::invalid(u"schemaVersion"_s, u"want a number, got %1"_s.arg(json::typeName(value)));
    if (value.toDouble() != supportedSchemaVersion)
        return json::invalid(
            u"schemaVersion"_s, u"want %1, got %2"_s.arg(supportedSchemaVersion).arg(value.toDouble()));
    return {};
}

// "application/x; charset=utf-8" -> "application/x": HTTP may add parameters.
QString withoutParameters(const QString &contentType)
{
    return contentType.section(u';', 0, 0).trimmed();
}

// The document's mediaType, else the Content-Type, else what the shape says.
Result<QString> resolveMediaType(const QJsonObject &root, const QString &contentType)
{
    const auto declared = json::optionalString(root, u"mediaType"_s, {});
    if (!declared)
        return fail(declared.error());
    const QString given = withoutParameters(contentType);
    if (!declared->isEmpty() && !given.isEmpty() && *declared != given)
        return json::invalid(u"mediaType"_s, u"\"%1\" does not match Content-Type \"%2\""_s.arg(*declared, given));
    QString resolved = !declared->isEmpty() ? *declared : given;
    if (resolved.isEmpty() && root.contains(u"manifests"_s))
        resolved = mediatype::ociIndex;
    else if (resolved.isEmpty() && root.contains(u"config"_s))
        resolved = mediatype::ociManifest;
    if (resolved.isEmpty())
        return json::invalid(
            u"mediaType"_s, u"missing, and neither \"config\" nor \"manifests\" is there to tell the kind"_s);
    if (!mediatype::isManifest(resolved) && !mediatype::isIndex(resolved))
        return json::invalid(u"mediaType"_s, u"unsupported \"%1\""_s.arg(resolved));
    return resolved;
}

Result<QList<Descriptor>> readDescriptors(const QJsonObject &root, const QString &key)
{
    const auto array = json::requiredArray(root, key, {});
    if (!array)
        return fail(array.error());
    QList<Descriptor> descriptors;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QString where = json::elementPath(key, i);
        const QJsonValue value = array->at(i);
        if (!value.isObject())
            return json::invalid(where, u"want an object, got %1"_s.arg(json::typeName(value)));
        const auto descriptor = Descriptor::fromJson(value.toObject(), where);
        if (!descriptor)
            return fail(descriptor.error());
        descriptors.append(*descriptor);
    }
    return descriptors;
}

Result<std::optional<Descriptor>> readOptionalDescriptor(const QJsonObject &root, const QString &key)
{
    const auto object = json::optionalObject(root, key, {});
    if (!object)
        return fail(object.error());
    if (!json::isPresent(root, key))
        return std::optional<Descriptor>();
    const auto descriptor = Descriptor::fromJson(*object, key);
    if (!descriptor)
        return fail(descriptor.error());
    return std::optional<Descriptor>(*descriptor);
}

// An image manifest needs a config and a list of layers; an OCI artifact may
// have no layers at all.
Result<> readImageFields(const QJsonObject &root, Manifest &manifest)
{
    if (!json::isPresent(root, u"config"_s))
        return json::invalid(u"config"_s, u"missing"_s);
    const auto config = readOptionalDescriptor(root, u"config"_s);
    if (!config)
        return fail(config.error());
    const auto layers = readDescriptors(root, u"layers"_s);
    if (!layers)
        return fail(layers.error());
    manifest.config = *config;
    manifest.layers = *layers;
    return {};
}

Result<> readIndexFields(const QJsonObject &root, Manifest &manifest)
{
    const auto manifests = readDescriptors(root, u"manifests"_s);
    if (!manifests)
        return fail(manifests.error());
    manifest.manifests = *manifests;
    return {};
}

Result<> readCommonFields(const QJsonObject &root, Manifest &manifest)
{
    const auto subject = readOptionalDescriptor(root, u"subject"_s);
    if (!subject)
        return fail(subject.error());
    const auto artifactType = json::optionalString(root, u"artifactType"_s, {});
    if (!artifactType)
        return fail(artifactType.error());
    if (!artifactType->isEmpty() && !mediatype::isWellFormed(*artifactType))
        return json::invalid(u"artifactType"_s, u"\"%1\" is not a type/subtype media type"_s.arg(*artifactType));
    const auto annotations = json::optionalStringMap(root, u"annotations"_s, {});
    if (!annotations)
        return fail(annotations.error());
    manifest.subject = *subject;
    manifest.artifactType = *artifactType;
    manifest.annotations = *annotations;
    return {};
}

} // namespace

Result<Manifest> Manifest::parse(const QByteArray &bytes, const QString &contentType)
{
    const auto root = parseObject(bytes);
    if (!root)
        return fail(root.error());
    if (auto version = checkSchemaVersion(*root); !version)
        return fail(version.error());
    const auto mediaType = resolveMediaType(*root, contentType);
    if (!mediaType)
        return fail(mediaType.error());
    Manifest manifest;
    manifest.mediaType = *mediaType;
    manifest.isIndex = mediatype::isIndex(*mediaType);
    const auto body = manifest.isIndex ? readIndexFields(*root, manifest) : readImageFields(*root, manifest);
    if (!body)
        return fail(body.error());
    if (auto common = readCommonFields(*root, manifest); !common)
        return fail(common.error());
    // The referrers API reports an image's config type when it names no
    // artifactType of its own.
    if (!manifest.isIndex && manifest.artifactType.isEmpty())
        manifest.artifactType = manifest.config->mediaType;
    return manifest;
}

QList<Descriptor> Manifest::blobs() const
{
    if (isIndex)
        return {};
    QList<Descriptor> blobs;
    if (config)
        blobs.append(*config);
    blobs.append(layers);
    return blobs;
}

} // namespace muelle::oci
