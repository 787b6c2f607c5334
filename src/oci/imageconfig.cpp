#include "oci/imageconfig.h"

#include "oci/jsonfield.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <optional>

using namespace Qt::StringLiterals;

namespace muelle::oci {

namespace {

// Stores a field's value, or keeps the first error met; lets a run of
// field reads share one error check.
template <typename T> void take(Result<T> result, T &target, std::optional<Error> &error)
{
    if (error)
        return;
    if (!result) {
        error = result.error();
        return;
    }
    target = std::move(*result);
}

std::optional<QDateTime> parseTime(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return time.toUTC();
}

// RFC 3339 text, as Go's encoding/json writes time.Time.
Result<QDateTime> optionalTime(const QJsonObject &object, const QString &key, const QString &where)
{
    const auto text = json::optionalString(object, key, where);
    if (!text)
        return fail(text.error());
    if (text->isEmpty())
        return QDateTime();
    const auto time = parseTime(*text);
    if (!time)
        return json::invalid(json::fieldPath(where, key), u"\"%1\" is not an RFC 3339 time"_s.arg(*text));
    return *time;
}

// Docker writes port and volume sets as objects whose keys are the members.
Result<QStringList> optionalKeys(const QJsonObject &object, const QString &key, const QString &where)
{
    const auto set = json::optionalObject(object, key, where);
    if (!set)
        return fail(set.error());
    return set->keys();
}

Result<QJsonObject> parseObject(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(Code::InvalidArgument,
            u"image config is not valid JSON: %1 at offset %2"_s.arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return fail(Code::InvalidArgument, u"image config is not a JSON object"_s);
    return document.object();
}

Result<> readRuntimeConfig(const QJsonObject &root, ImageConfig &config)
{
    const auto object = json::optionalObject(root, u"config"_s, {});
    if (!object)
        return fail(object.error());
    const QString where = u"config"_s;
    std::optional<Error> error;
    take(json::optionalString(*object, u"User"_s, where), config.user, error);
    take(json::optionalStringList(*object, u"Env"_s, where), config.env, error);
    take(json::optionalStringList(*object, u"Entrypoint"_s, where), config.entrypoint, error);
    take(json::optionalStringList(*object, u"Cmd"_s, where), config.cmd, error);
    take(json::optionalString(*object, u"WorkingDir"_s, where), config.workingDir, error);
    take(optionalKeys(*object, u"ExposedPorts"_s, where), config.exposedPorts, error);
    take(optionalKeys(*object, u"Volumes"_s, where), config.volumes, error);
    take(json::optionalStringMap(*object, u"Labels"_s, where), config.labels, error);
    take(json::optionalString(*object, u"StopSignal"_s, where), config.stopSignal, error);
    if (error)
        return fail(*error);
    return {};
}

Result<> readRootfs(const QJsonObject &root, ImageConfig &config)
{
    const auto rootfs = json::requiredObject(root, u"rootfs"_s, {});
    if (!rootfs)
        return fail(rootfs.error());
    const auto type = json::requiredString(*rootfs, u"type"_s, u"rootfs"_s);
    if (!type)
        return fail(type.error());
    if (*type != u"layers")
        return json::invalid(u"rootfs.type"_s, u"want \"layers\", got \"%1\""_s.arg(*type));
    const auto diffIds = json::optionalStringList(*rootfs, u"diff_ids"_s, u"rootfs"_s);
    if (!diffIds)
        return fail(diffIds.error());
    for (qsizetype i = 0; i < diffIds->size(); ++i) {
        const auto digest = Digest::parse(diffIds->at(i));
        if (!digest)
            return fail(digest.error().context(json::elementPath(u"rootfs.diff_ids"_s, i)));
        config.diffIds.append(*digest);
    }
    return {};
}

Result<HistoryEntry> readHistoryEntry(const QJsonValue &value, const QString &where)
{
    if (!value.isObject())
        return json::invalid(where, u"want an object, got %1"_s.arg(json::typeName(value)));
    const QJsonObject object = value.toObject();
    HistoryEntry entry;
    std::optional<Error> error;
    take(optionalTime(object, u"created"_s, where), entry.created, error);
    take(json::optionalString(object, u"created_by"_s, where), entry.createdBy, error);
    take(json::optionalString(object, u"author"_s, where), entry.author, error);
    take(json::optionalString(object, u"comment"_s, where), entry.comment, error);
    take(json::optionalBool(object, u"empty_layer"_s, where), entry.emptyLayer, error);
    if (error)
        return fail(*error);
    return entry;
}

Result<> readHistory(const QJsonObject &root, ImageConfig &config)
{
    const auto history = json::optionalArray(root, u"history"_s, {});
    if (!history)
        return fail(history.error());
    for (qsizetype i = 0; i < history->size(); ++i) {
        const auto entry = readHistoryEntry(history->at(i), json::elementPath(u"history"_s, i));
        if (!entry)
            return fail(entry.error());
        config.history.append(*entry);
    }
    return {};
}

// Sets `key`, or removes it when the value is empty, so that absent fields
// stay absent.
void put(QJsonObject &object, const QString &key, const QJsonValue &value)
{
    const bool empty = value.isNull() || value.isUndefined() || (value.isString() && value.toString().isEmpty())
        || (value.isArray() && value.toArray().isEmpty()) || (value.isObject() && value.toObject().isEmpty());
    if (empty)
        object.remove(key);
    else
        object.insert(key, value);
}

// The time as it was written when it still says the same instant, so that
// nanoseconds Qt cannot hold survive a round trip.
QJsonValue timeJson(const QDateTime &time, const QJsonValue &original)
{
    if (!time.isValid())
        return {};
    if (original.isString() && parseTime(original.toString()) == time.toUTC())
        return original;
    const QDateTime utc = time.toUTC();
    return utc.toString(utc.time().msec() == 0 ? Qt::ISODate : Qt::ISODateWithMs);
}

QJsonObject keySet(const QStringList &keys)
{
    QJsonObject set;
    for (const QString &key : keys)
        set.insert(key, QJsonObject());
    return set;
}

QJsonObject runtimeConfigJson(const ImageConfig &config)
{
    QJsonObject object = config.raw.value(u"config"_s).toObject();
    put(object, u"User"_s, config.user);
    put(object, u"Env"_s, json::toArray(config.env));
    put(object, u"Entrypoint"_s, json::toArray(config.entrypoint));
    put(object, u"Cmd"_s, json::toArray(config.cmd));
    put(object, u"WorkingDir"_s, config.workingDir);
    put(object, u"ExposedPorts"_s, keySet(config.exposedPorts));
    put(object, u"Volumes"_s, keySet(config.volumes));
    put(object, u"Labels"_s, json::toObject(config.labels));
    put(object, u"StopSignal"_s, config.stopSignal);
    return object;
}

QJsonArray historyJson(const ImageConfig &config)
{
    const QJsonArray original = config.raw.value(u"history"_s).toArray();
    QJsonArray history;
    for (qsizetype i = 0; i < config.history.size(); ++i) {
        const HistoryEntry &entry = config.history.at(i);
        QJsonObject object = original.at(i).toObject();
        put(object, u"created"_s, timeJson(entry.created, object.value(u"created"_s)));
        put(object, u"created_by"_s, entry.createdBy);
        put(object, u"author"_s, entry.author);
        put(object, u"comment"_s, entry.comment);
        put(object, u"empty_layer"_s, entry.emptyLayer ? QJsonValue(true) : QJsonValue());
        history.append(object);
    }
    return history;
}

QJsonObject rootfsJson(const ImageConfig &config)
{
    QJsonArray diffIds;
    for (const Digest &digest : config.diffIds)
        diffIds.append(digest.toString());
    return { { u"type"_s, u"layers"_s }, { u"diff_ids"_s, diffIds } };
}

} // namespace

Result<ImageConfig> ImageConfig::parse(const QByteArray &bytes)
{
    const auto root = parseObject(bytes);
    if (!root)
        return fail(root.error());
    ImageConfig config;
    config.raw = *root;
    std::optional<Error> error;
    take(Platform::fromJson(*root), config.platform, error);
    take(optionalTime(*root, u"created"_s, {}), config.created, error);
    take(json::optionalString(*root, u"author"_s, {}), config.author, error);
    if (error)
        return fail(*error);
    for (const auto read : { readRuntimeConfig, readRootfs, readHistory }) {
        if (auto done = read(*root, config); !done)
            return fail(done.error());
    }
    return config;
}

QByteArray ImageConfig::toJson() const
{
    QJsonObject root = raw;
    const QJsonObject platformJson = platform.toJson();
    for (const QString &key : { u"os"_s, u"architecture"_s, u"variant"_s, u"os.version"_s, u"os.features"_s })
        put(root, key, platformJson.value(key));
    put(root, u"created"_s, timeJson(created, raw.value(u"created"_s)));
    put(root, u"author"_s, author);
    put(root, u"config"_s, runtimeConfigJson(*this));
    root.insert(u"rootfs"_s, rootfsJson(*this));
    put(root, u"history"_s, historyJson(*this));
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

} // namespace muelle::oci
