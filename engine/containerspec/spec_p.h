#pragma once
// What spec.cpp, spec_hostconfig.cpp and spec_mounts.cpp share: a reader of
// one JSON object that accepts null wherever Docker does and keeps the first
// field of the wrong type, and the parts of the create body each file reads
// and writes back.

#include "engine/containerspec/spec.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace muelle::engine::containerspec::detail {

class JsonFields {
public:
    // `where` prefixes field names in messages: "HostConfig." or "".
    JsonFields(const QJsonObject &object, QString where);

    const QJsonObject &raw() const { return object_; }
    bool has(QLatin1StringView key) const; // present and not null
    QString string(QLatin1StringView key);
    bool boolean(QLatin1StringView key);
    qint64 integer(QLatin1StringView key);
    std::optional<qint64> optionalInteger(QLatin1StringView key);
    std::optional<bool> optionalBoolean(QLatin1StringView key);
    QStringList strings(QLatin1StringView key);
    // Docker's StrSlice: a string or an array of strings; null = nullopt.
    std::optional<QStringList> stringOrStrings(QLatin1StringView key);
    QJsonObject object(QLatin1StringView key);
    QJsonArray array(QLatin1StringView key);
    QMap<QString, QString> stringMap(QLatin1StringView key);

    // InvalidArgument naming the first field of the wrong type, if any.
    const std::optional<Error> &error() const { return error_; }

private:
    void wrongType(QLatin1StringView key, QLatin1StringView expected);

    QJsonObject object_;
    QString where_;
    std::optional<Error> error_;
};

inline std::unexpected<Error> invalid(const QString &message)
{
    return fail(Code::InvalidArgument, message);
}

// HostConfig's Binds, Mounts and Tmpfs into spec.mounts, in that order.
Result<> readMounts(JsonFields &hostConfig, Spec &spec);
// Config.Volumes: the anonymous volume targets.
Result<> readVolumes(JsonFields &config, Spec &spec);
// The same three fields back, as inspect shows them.
void writeMounts(const Spec &spec, QJsonObject &hostConfig);

// Everything else in HostConfig and NetworkingConfig.
Result<> readHostConfig(JsonFields &hostConfig, Spec &spec);
Result<> readNetworkingConfig(const QJsonObject &networkingConfig, Spec &spec);

// "80/tcp", "53/udp" or "80" (tcp), as ExposedPorts and PortBindings key
// them: the port and the protocol.
Result<std::pair<int, QString>> parsePortKey(const QString &key);
// "/a/./b/../c/" -> "/a/c", as Go's path.Clean.
QString cleanPath(const QString &path);
// An IPv4 or IPv6 address in text form.
bool isIpAddress(const QString &text);
// "64m" -> 64 * `unit`^2 ("k", "m", "g", "t" and "p" suffixes, an optional
// "b"/"ib", fractions allowed); nullopt when it is not a size.
std::optional<qint64> parseSize(const QString &text, qint64 unit);

} // namespace muelle::engine::containerspec::detail
