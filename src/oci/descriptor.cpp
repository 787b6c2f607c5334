#include "oci/descriptor.h"

#include "oci/jsonfield.h"
#include "oci/mediatype.h"

using namespace Qt::StringLiterals;

namespace muelle::oci {

namespace {

Result<QString> readMediaType(const QJsonObject &object, const QString &key, const QString &where, bool required)
{
    const auto text = required ? json::requiredString(object, key, where) : json::optionalString(object, key, where);
    if (!text)
        return fail(text.error());
    if (text->isEmpty() && required)
        return json::invalid(json::fieldPath(where, key), u"empty"_s);
    if (!text->isEmpty() && !mediatype::isWellFormed(*text))
        return json::invalid(json::fieldPath(where, key), u"\"%1\" is not a type/subtype media type"_s.arg(*text));
    return *text;
}

Result<Digest> readDigest(const QJsonObject &object, const QString &where)
{
    const QString path = json::fieldPath(where, u"digest"_s);
    const auto text = json::requiredString(object, u"digest"_s, where);
    if (!text)
        return fail(text.error());
    const auto digest = Digest::parse(*text);
    if (!digest)
        return fail(digest.error().context(path));
    return *digest;
}

Result<qint64> readSize(const QJsonObject &object, const QString &where)
{
    const QString path = json::fieldPath(where, u"size"_s);
    const QJsonValue value = object.value(u"size"_s);
    if (value.isUndefined() || value.isNull())
        return json::invalid(path, u"missing"_s);
    if (!value.isDouble())
        return json::invalid(path, u"want a number, got %1"_s.arg(json::typeName(value)));
    if (value.toDouble() < 0)
        return json::invalid(path, u"must not be negative, got %1"_s.arg(value.toDouble(), 0, 'g', 17));
    const qint64 size = value.toInteger(-1);
    if (size < 0)
        return json::invalid(
            path, u"want a whole number of bytes below 2^63, got %1"_s.arg(value.toDouble(), 0, 'g', 17));
    return size;
}

Result<std::optional<Platform>> readPlatform(const QJsonObject &object, const QString &where)
{
    const auto platformObject = json::optionalObject(object, u"platform"_s, where);
    if (!platformObject)
        return fail(platformObject.error());
    if (!json::isPresent(object, u"platform"_s))
        return std::optional<Platform>();
    const auto platform = Platform::fromJson(*platformObject);
    if (!platform)
        return fail(platform.error().context(json::fieldPath(where, u"platform"_s)));
    return std::optional<Platform>(*platform);
}

} // namespace

Result<Descriptor> Descriptor::fromJson(const QJsonObject &object, const QString &where)
{
    const auto mediaType = readMediaType(object, u"mediaType"_s, where, true);
    if (!mediaType)
        return fail(mediaType.error());
    const auto digest = readDigest(object, where);
    if (!digest)
        return fail(digest.error());
    const auto size = readSize(object, where);
    if (!size)
        return fail(size.error());
    const auto urls = json::optionalStringList(object, u"urls"_s, where);
    if (!urls)
        return fail(urls.error());
    const auto annotations = json::optionalStringMap(object, u"annotations"_s, where);
    if (!annotations)
        return fail(annotations.error());
    const auto artifactType = readMediaType(object, u"artifactType"_s, where, false);
    if (!artifactType)
        return fail(artifactType.error());
    const auto platform = readPlatform(object, where);
    if (!platform)
        return fail(platform.error());
    return Descriptor{ *mediaType, *digest, *size, *urls, *annotations, *artifactType, *platform };
}

QJsonObject Descriptor::toJson() const
{
    QJsonObject object{
        { u"mediaType"_s, mediaType },
        { u"digest"_s, digest.toString() },
        { u"size"_s, size },
    };
    if (!urls.isEmpty())
        object.insert(u"urls"_s, json::toArray(urls));
    if (!annotations.isEmpty())
        object.insert(u"annotations"_s, json::toObject(annotations));
    if (!artifactType.isEmpty())
        object.insert(u"artifactType"_s, artifactType);
    if (platform)
        object.insert(u"platform"_s, platform->toJson());
    return object;
}

} // namespace muelle::oci
