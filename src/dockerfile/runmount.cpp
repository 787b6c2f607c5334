#include "dockerfile/runmount.h"

#include "dockerfile/diagnostic.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>

using namespace Qt::StringLiterals;

namespace muelle::dockerfile {

namespace {

using Failure = std::unexpected<QString>;

// One CSV record as Go's encoding/csv reads it: "..." may hold commas, "" is a quote.
QStringList csvFields(QStringView text)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"' && field.isEmpty()) {
            quoted = true;
        } else if (c == u',') {
            fields.append(field);
            field.clear();
        } else {
            field += c;
        }
    }
    fields.append(field);
    return fields;
}

// Go's strconv.ParseBool.
std::optional<bool> parseBool(QStringView text)
{
    static const QStringList yes{ u"1"_s, u"t"_s, u"T"_s, u"TRUE"_s, u"true"_s, u"True"_s };
    static const QStringList no{ u"0"_s, u"f"_s, u"F"_s, u"FALSE"_s, u"false"_s, u"False"_s };
    if (yes.contains(text.toString()))
        return true;
    if (no.contains(text.toString()))
        return false;
    return std::nullopt;
}

// docker/go-units RAMInBytes: "64m", "1.5g", "4096" (binary multiples).
std::optional<qint64> ramInBytes(QStringView text)
{
    static const QRegularExpression pattern(u"^(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$"_s);
    const auto match = pattern.match(text.toString());
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const double number = match.captured(1).toDouble(&ok);
    if (!ok)
        return std::nullopt;
    const QString unit = match.captured(2).toLower();
    const int power = unit.isEmpty() ? 0 : int(QStringView(u"kmgtp").indexOf(unit.front())) + 1;
    return qint64(number * std::pow(1024.0, power));
}

std::optional<uint> parseUnsigned(QStringView text, int base)
{
    bool ok = false;
    const qulonglong value = text.toULongLong(&ok, base);
    if (!ok || value > 0xffffffffULL)
        return std::nullopt;
    return uint(value);
}

std::optional<RunMount::Type> typeFromName(QStringView name)
{
    const QString lower = name.toString().toLower();
    if (lower == u"bind")
        return RunMount::Type::Bind;
    if (lower == u"cache")
        return RunMount::Type::Cache;
    if (lower == u"tmpfs")
        return RunMount::Type::Tmpfs;
    if (lower == u"secret")
        return RunMount::Type::Secret;
    if (lower == u"ssh")
        return RunMount::Type::Ssh;
    return std::nullopt;
}

bool takesRequired(RunMount::Type type)
{
    return type == RunMount::Type::Secret || type == RunMount::Type::Ssh;
}

std::expected<void, QString> applyField(RunMount &mount, const QString &key, const QString &value, const QString &field)
{
    if (key == u"type") {
        const auto type = typeFromName(value);
        if (!type)
            return Failure(u"unsupported mount type %1"_s.arg(goQuote(value)));
        mount.type = *type;
    } else if (key == u"from") {
        mount.from = value;
    } else if (key == u"source" || key == u"src") {
        mount.source = value;
    } else if (key == u"target" || key == u"dst" || key == u"destination") {
        mount.target = value;
    } else if (key == u"readonly" || key == u"ro" || key == u"readwrite" || key == u"rw") {
        const auto flag = parseBool(value);
        if (!flag)
            return Failure(u"invalid value for %1: %2"_s.arg(key, value));
        mount.readOnly = (key == u"readonly" || key == u"ro") ? *flag : !*flag;
    } else if (key == u"required") {
        if (!takesRequired(mount.type))
            return Failure(u"unexpected key '%1' for mount type '%2'"_s.arg(key, mountTypeName(mount.type)));
        const auto flag = parseBool(value);
        if (!flag)
            return Failure(u"invalid value for %1: %2"_s.arg(key, value));
        mount.required = *flag;
    } else if (key == u"size") {
        if (mount.type != RunMount::Type::Tmpfs)
            return Failure(u"unexpected key '%1' for mount type '%2'"_s.arg(key, mountTypeName(mount.type)));
        mount.sizeLimit = ramInBytes(value);
        if (!mount.sizeLimit)
            return Failure(u"invalid value for %1: %2"_s.arg(key, value));
    } else if (key == u"id") {
        mount.id = value;
    } else if (key == u"sharing") {
        const QString lower = value.toLower();
        if (lower == u"shared")
            mount.sharing = RunMount::Sharing::Shared;
        else if (lower == u"private")
            mount.sharing = RunMount::Sharing::Private;
        else if (lower == u"locked")
            mount.sharing = RunMount::Sharing::Locked;
        else
            return Failure(u"unsupported sharing value %1"_s.arg(goQuote(value)));
    } else if (key == u"mode" || key == u"uid" || key == u"gid") {
        const auto number = parseUnsigned(value, key == u"mode" ? 8 : 10);
        if (!number)
            return Failure(u"invalid value %1 for %2"_s.arg(value, key));
        (key == u"mode" ? mount.mode : key == u"uid" ? mount.uid : mount.gid) = number;
    } else {
        return Failure(u"unexpected key '%1' in '%2'"_s.arg(key, field));
    }
    return {};
}

std::expected<void, QString> validate(const RunMount &mount, bool sharingSet)
{
    const bool fileInfoAllowed = mount.type == RunMount::Type::Secret || mount.type == RunMount::Type::Ssh
        || mount.type == RunMount::Type::Cache;
    const QString type = goQuote(mountTypeName(mount.type));
    if (!fileInfoAllowed && mount.mode)
        return Failure(u"mode not allowed for %1 type mounts"_s.arg(type));
    if (!fileInfoAllowed && mount.uid)
        return Failure(u"uid not allowed for %1 type mounts"_s.arg(type));
    if (!fileInfoAllowed && mount.gid)
        return Failure(u"gid not allowed for %1 type mounts"_s.arg(type));
    if (mount.type == RunMount::Type::Secret) {
        if (!mount.from.isEmpty())
            return Failure(u"secret mount should not have a from"_s);
        if (sharingSet)
            return Failure(u"secret mount should not define sharing"_s);
        if (mount.source.isEmpty() && mount.target.isEmpty() && mount.id.isEmpty())
            return Failure(u"invalid secret mount. one of source, target required"_s);
        if (!mount.source.isEmpty() && !mount.id.isEmpty())
            return Failure(u"both source and id can't be set"_s);
    }
    if (sharingSet && mount.type != RunMount::Type::Cache)
        return Failure(u"invalid cache sharing set for %1 mount"_s.arg(mountTypeName(mount.type)));
    return {};
}

} // namespace

QString mountTypeName(RunMount::Type type)
{
    switch (type) {
    case RunMount::Type::Bind:
        return u"bind"_s;
    case RunMount::Type::Cache:
        return u"cache"_s;
    case RunMount::Type::Tmpfs:
        return u"tmpfs"_s;
    case RunMount::Type::Secret:
        return u"secret"_s;
    case RunMount::Type::Ssh:
        return u"ssh"_s;
    }
    return {};
}

std::expected<RunMount, QString> parseRunMount(QStringView value)
{
    RunMount mount;
    bool readOnlyGiven = false;
    bool sharingSet = false;
    for (const QString &field : csvFields(value)) {
        const qsizetype equals = field.indexOf(u'=');
        const QString key = field.left(equals < 0 ? field.size() : equals).toLower();
        if (equals < 0) {
            if (key == u"readonly" || key == u"ro" || key == u"readwrite" || key == u"rw") {
                mount.readOnly = key == u"readonly" || key == u"ro";
                readOnlyGiven = true;
            } else if (key == u"required" && takesRequired(mount.type)) {
                mount.required = true;
            } else if (key == u"required") {
                return Failure(u"unexpected key '%1' for mount type '%2'"_s.arg(key, mountTypeName(mount.type)));
            } else {
                return Failure(u"invalid field '%1' must be a key=value pair"_s.arg(field));
            }
            continue;
        }
        readOnlyGiven = readOnlyGiven || key == u"readonly" || key == u"ro" || key == u"readwrite" || key == u"rw";
        sharingSet = sharingSet || key == u"sharing";
        if (auto applied = applyField(mount, key, field.mid(equals + 1), field); !applied)
            return Failure(applied.error());
    }
    if (!readOnlyGiven)
        mount.readOnly = mount.type != RunMount::Type::Cache && mount.type != RunMount::Type::Tmpfs;
    if (auto valid = validate(mount, sharingSet); !valid)
        return Failure(valid.error());
    return mount;
}

} // namespace muelle::dockerfile
