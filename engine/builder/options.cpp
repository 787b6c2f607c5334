#include "engine/builder/options.h"

#include "oci/platform.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace muelle::engine::builder {

namespace {

Result<QJsonObject> jsonObject(const QString &name, const QString &text)
{
    if (text.isEmpty())
        return QJsonObject();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return fail(Code::InvalidArgument, QStringLiteral("invalid %1: %2 is not a JSON object").arg(name, text));
    return document.object();
}

} // namespace

Result<QList<oci::Reference>> parseTags(const QStringList &tags)
{
    QList<oci::Reference> references;
    for (const QString &tag : tags) {
        auto reference = oci::Reference::parse(tag);
        if (!reference)
            return fail(Code::InvalidArgument, QStringLiteral("invalid reference format: %1").arg(tag));
        if (reference->digest)
            return fail(Code::InvalidArgument, QStringLiteral("invalid tag \"%1\": a digest cannot be a tag").arg(tag));
        references.append(*reference);
    }
    return references;
}

Result<QHash<QString, std::optional<QString>>> parseBuildArgs(const QString &json)
{
    auto object = jsonObject(QStringLiteral("buildargs"), json);
    if (!object)
        return fail(object.error());
    QHash<QString, std::optional<QString>> args;
    for (auto it = object->begin(); it != object->end(); ++it) {
        if (!it.value().isNull() && !it.value().isString())
            return fail(Code::InvalidArgument, QStringLiteral("invalid buildargs: %1 is not a string").arg(it.key()));
        args.insert(it.key(), it.value().isNull() ? std::nullopt : std::optional(it.value().toString()));
    }
    return args;
}

Result<QMap<QString, QString>> parseLabels(const QString &json)
{
    auto object = jsonObject(QStringLiteral("labels"), json);
    if (!object)
        return fail(object.error());
    QMap<QString, QString> labels;
    for (auto it = object->begin(); it != object->end(); ++it) {
        if (!it.value().isString())
            return fail(Code::InvalidArgument, QStringLiteral("invalid labels: %1 is not a string").arg(it.key()));
        labels.insert(it.key(), it.value().toString());
    }
    return labels;
}

Result<> checkPlatform(const QString &platform)
{
    if (platform.isEmpty())
        return {};
    auto wanted = oci::Platform::parse(platform);
    const oci::Platform host = oci::Platform::host();
    if (!wanted || wanted->os != host.os || wanted->architecture != host.architecture)
        return fail(Code::InvalidArgument,
            QStringLiteral("platform \"%1\" is not supported: this engine builds for %2/%3 only")
                .arg(platform, host.os, host.architecture));
    return {};
}

} // namespace muelle::engine::builder
