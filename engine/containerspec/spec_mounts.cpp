// The mounts of a create body: HostConfig.Binds ("src:dst:mode", -v),
// HostConfig.Mounts (--mount), HostConfig.Tmpfs (--tmpfs) and Config.Volumes,
// checked as dockerd's Linux mount parser checks them. Whether a bind's host
// path exists is the engine's business at create, not this file's.
#include "engine/containerspec/spec.h"
#include "engine/containerspec/spec_p.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace muelle::engine::containerspec {

namespace {

using detail::invalid;
using detail::JsonFields;

const QStringList propagations = { u"private"_s, u"rprivate"_s, u"slave"_s, u"rslave"_s, u"shared"_s, u"rshared"_s };
const QString defaultPropagation = u"rprivate"_s;

// A target in the container: absolute, not "/" itself.
Result<> checkTarget(const QString &target)
{
    if (detail::cleanPath(target) == "/"_L1)
        return invalid(u"invalid specification: destination can't be '/'"_s);
    if (!target.startsWith(u'/'))
        return invalid(u"invalid mount path: '%1' mount path must be absolute"_s.arg(target));
    return {};
}

// The mode part of a bind: at most one of each kind of option.
bool isValidMode(const QString &mode)
{
    if (mode.isEmpty())
        return true;
    static const QList<QStringList> kinds = { { u"rw"_s, u"ro"_s }, { u"z"_s, u"Z"_s }, propagations, { u"nocopy"_s },
        { u"consistent"_s, u"cached"_s, u"delegated"_s } };
    QList<int> counts(kinds.size(), 0);
    for (const QString &option : mode.split(u',')) {
        const auto kind
            = std::find_if(kinds.begin(), kinds.end(), [&](const QStringList &k) { return k.contains(option); });
        if (kind == kinds.end() || ++counts[kind - kinds.begin()] > 1)
            return false;
    }
    return true;
}

bool isVolumeName(const QString &name)
{
    static const QRegularExpression pattern(u"^[a-zA-Z0-9][a-zA-Z0-9_.-]+$"_s);
    return pattern.match(name).hasMatch();
}

// What dockerd checks of every mount, whichever field it came from. `has`
// says which of BindOptions, VolumeOptions and TmpfsOptions were given.
Result<> checkMount(const Mount &mount, const QSet<QString> &has)
{
    if (mount.target.isEmpty())
        return invalid(u"field Target must not be empty"_s);
    if (auto checked = checkTarget(mount.target); !checked)
        return checked;
    const auto extra = [&](std::initializer_list<QString> fields) -> Result<> {
        for (const QString &field : fields) {
            if (has.contains(field))
                return invalid(u"field %1 must not be specified"_s.arg(field));
        }
        return {};
    };
    switch (mount.type) {
    case MountType::Bind:
        if (mount.source.isEmpty())
            return invalid(u"field Source must not be empty"_s);
        if (!propagations.contains(mount.propagation))
            return invalid(u"invalid propagation mode: %1"_s.arg(mount.propagation));
        if (auto checked = extra({ u"VolumeOptions"_s, u"TmpfsOptions"_s }); !checked)
            return checked;
        if (!mount.source.startsWith(u'/'))
            return invalid(u"invalid mount path: '%1' mount path must be absolute"_s.arg(mount.source));
        return {};
    case MountType::Volume:
        if (auto checked = extra({ u"BindOptions"_s, u"TmpfsOptions"_s }); !checked)
            return checked;
        if (!mount.source.isEmpty() && !isVolumeName(mount.source))
            return invalid(u"create %1: \"%1\" includes invalid characters for a local volume name, only "
                           "\"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, "
                           "use absolute path"_s.arg(mount.source));
        return {};
    case MountType::Tmpfs:
        if (auto checked = extra({ u"BindOptions"_s, u"VolumeOptions"_s }); !checked)
            return checked;
        if (!mount.source.isEmpty())
            return invalid(u"field Source must not be specified"_s);
        return {};
    }
    return {};
}

QString typeName(MountType type)
{
    switch (type) {
    case MountType::Bind:
        return u"bind"_s;
    case MountType::Volume:
        return u"volume"_s;
    case MountType::Tmpfs:
        return u"tmpfs"_s;
    }
    return {};
}

// "src:dst[:mode]", "name:dst[:mode]" or "dst" (an anonymous volume).
Result<Mount> parseBind(const QString &raw)
{
    const auto invalidSpec = [&](const QString &why = {}) {
        return invalid(u"invalid volume specification: '%1'"_s.arg(raw) + (why.isEmpty() ? QString() : u": "_s + why));
    };
    const QStringList parts = raw.split(u':');
    if (parts[0].isEmpty() || parts.size() > 3 || (parts.size() == 2 && isValidMode(parts[1])))
        return invalidSpec();
    Mount mount;
    mount.from = MountFrom::Binds;
    mount.source = parts.size() > 1 ? parts[0] : QString();
    mount.target = parts.size() > 1 ? parts[1] : parts[0];
    const QString mode = parts.size() > 2 ? parts[2] : QString();
    if (!isValidMode(mode))
        return invalid(u"invalid mode: %1"_s.arg(mode));
    const QStringList options = mode.split(u',', Qt::SkipEmptyParts);
    mount.type = mount.source.startsWith(u'/') ? MountType::Bind : MountType::Volume;
    mount.readOnly = options.contains(u"ro"_s);
    mount.noCopy = options.contains(u"nocopy"_s);
    QSet<QString> has;
    if (mount.noCopy)
        has.insert(u"VolumeOptions"_s);
    mount.propagation = mount.type == MountType::Bind ? defaultPropagation : QString();
    for (const QString &option : options) {
        if (propagations.contains(option)) {
            mount.propagation = option;
            has.insert(u"BindOptions"_s);
        }
    }
    if (auto checked = checkMount(mount, has); !checked)
        return invalidSpec(
            u"invalid mount config for type \"%1\": %2"_s.arg(typeName(mount.type), checked.error().message));
    if (mount.type == MountType::Bind)
        mount.source = detail::cleanPath(mount.source);
    mount.target = detail::cleanPath(mount.target);
    return mount;
}

Result<> readTmpfsOptions(const QJsonObject &options, Mount &mount)
{
    JsonFields fields(options, u"HostConfig.Mounts.TmpfsOptions."_s);
    mount.tmpfsSize = fields.integer("SizeBytes"_L1);
    mount.tmpfsMode = int(fields.integer("Mode"_L1));
    const QJsonArray extra = fields.array("Options"_L1);
    if (fields.error())
        return fail(*fields.error());
    if (mount.tmpfsSize < 0)
        return invalid(u"invalid tmpfs size %1: it can not be negative"_s.arg(mount.tmpfsSize));
    for (const QJsonValue item : extra) {
        const QJsonArray option = item.toArray();
        if (option.isEmpty() || option.size() > 2)
            return invalid(u"invalid option array length"_s);
        const QString name = option[0].toString();
        if (name != "exec"_L1 && name != "noexec"_L1)
            return invalid(u"invalid option: "_s + name);
        mount.tmpfsOptions.append(option.size() == 1 ? name : name + u'=' + option[1].toString());
    }
    return {};
}

Result<Mount> readMountEntry(const QJsonObject &object)
{
    JsonFields fields(object, u"HostConfig.Mounts."_s);
    Mount mount;
    const QString type = fields.string("Type"_L1);
    mount.source = fields.string("Source"_L1);
    mount.target = fields.string("Target"_L1);
    mount.readOnly = fields.boolean("ReadOnly"_L1);
    QSet<QString> has;
    for (const QLatin1StringView key : { "BindOptions"_L1, "VolumeOptions"_L1, "TmpfsOptions"_L1 }) {
        if (fields.has(key))
            has.insert(key);
    }
    JsonFields bind(fields.object("BindOptions"_L1), u"HostConfig.Mounts.BindOptions."_s);
    JsonFields volume(fields.object("VolumeOptions"_L1), u"HostConfig.Mounts.VolumeOptions."_s);
    mount.propagation = bind.string("Propagation"_L1);
    mount.noCopy = volume.boolean("NoCopy"_L1);
    const QString subpath = volume.string("Subpath"_L1);
    const QString driver = JsonFields(volume.object("DriverConfig"_L1), QString()).string("Name"_L1);
    for (const JsonFields *read : { &fields, &bind, &volume }) {
        if (read->error())
            return fail(*read->error());
    }
    const auto wrap
        = [&](const QString &why) { return invalid(u"invalid mount config for type \"%1\": %2"_s.arg(type, why)); };
    if (type == "bind"_L1) {
        mount.type = MountType::Bind;
        if (mount.propagation.isEmpty())
            mount.propagation = defaultPropagation;
    } else if (type == "volume"_L1) {
        mount.type = MountType::Volume;
    } else if (type == "tmpfs"_L1) {
        mount.type = MountType::Tmpfs;
        if (auto read = readTmpfsOptions(fields.object("TmpfsOptions"_L1), mount); !read)
            return wrap(read.error().message);
    } else if (type == "image"_L1 || type == "npipe"_L1 || type == "cluster"_L1) {
        return invalid(u"mount type \"%1\" is not supported by muelle"_s.arg(type));
    } else {
        return wrap(u"mount type unknown"_s);
    }
    if (auto checked = checkMount(mount, has); !checked)
        return wrap(checked.error().message);
    if (!subpath.isEmpty())
        return wrap(u"field VolumeOptions.Subpath is not supported by muelle"_s);
    if (!driver.isEmpty() && driver != "local"_L1)
        return wrap(u"volume driver \"%1\" is not supported by muelle"_s.arg(driver));
    if (mount.type == MountType::Bind)
        mount.source = detail::cleanPath(mount.source);
    mount.target = detail::cleanPath(mount.target);
    return mount;
}

// One --tmpfs entry: "/run" -> "rw,noexec,size=65536k".
Result<Mount> parseTmpfs(const QString &target, const QString &options)
{
    if (auto checked = checkTarget(target); !checked)
        return fail(checked.error());
    static const QStringList flags = { u"suid"_s, u"nosuid"_s, u"dev"_s, u"nodev"_s, u"exec"_s, u"noexec"_s, u"sync"_s,
        u"async"_s, u"dirsync"_s, u"mand"_s, u"nomand"_s, u"atime"_s, u"noatime"_s, u"diratime"_s, u"nodiratime"_s,
        u"relatime"_s, u"norelatime"_s, u"strictatime"_s, u"nostrictatime"_s };
    static const QStringList data = { u"uid"_s, u"gid"_s, u"nr_inodes"_s, u"nr_blocks"_s, u"mpol"_s };
    Mount mount;
    mount.type = MountType::Tmpfs;
    mount.target = detail::cleanPath(target);
    mount.from = MountFrom::Tmpfs;
    for (const QString &option : options.split(u',', Qt::SkipEmptyParts)) {
        const QString key = option.section(u'=', 0, 0);
        const QString value = option.section(u'=', 1);
        const auto refuse = [&] { return invalid(u"invalid tmpfs option \"%1\""_s.arg(option)); };
        bool ok = true;
        if (option == "ro"_L1 || option == "rw"_L1) {
            mount.readOnly = option == "ro"_L1;
        } else if (key == "size"_L1 && value.endsWith(u'%')) {
            mount.tmpfsOptions.append(option); // a share of RAM, for the kernel to work out
        } else if (key == "size"_L1) {
            const std::optional<qint64> size = detail::parseSize(value, 1024);
            if (!size)
                return refuse();
            mount.tmpfsSize = *size;
        } else if (key == "mode"_L1) {
            mount.tmpfsMode = value.toInt(&ok, 8);
            if (!ok)
                return refuse();
        } else if (flags.contains(option) || (data.contains(key) && option.contains(u'='))) {
            mount.tmpfsOptions.append(option);
        } else {
            return refuse();
        }
    }
    return mount;
}

// 67108864 -> "64m", as a tmpfs size option reads best.
QString sizeOption(qint64 bytes)
{
    for (const auto &[suffix, unit] : { std::pair{ u'g', qint64(1) << 30 }, std::pair{ u'm', qint64(1) << 20 },
             std::pair{ u'k', qint64(1) << 10 } }) {
        if (bytes % unit == 0)
            return QString::number(bytes / unit) + suffix;
    }
    return QString::number(bytes);
}

QString bindSpec(const Mount &mount)
{
    if (mount.source.isEmpty())
        return mount.target;
    QStringList mode;
    if (mount.readOnly)
        mode.append(u"ro"_s);
    if (mount.type == MountType::Bind && mount.propagation != defaultPropagation)
        mode.append(mount.propagation);
    if (mount.noCopy)
        mode.append(u"nocopy"_s);
    return mount.source + u':' + mount.target + (mode.isEmpty() ? QString() : u':' + mode.join(u','));
}

QJsonObject mountObject(const Mount &mount)
{
    QJsonObject object{ { u"Type"_s, typeName(mount.type) }, { u"Source"_s, mount.source },
        { u"Target"_s, mount.target }, { u"ReadOnly"_s, mount.readOnly } };
    if (mount.type == MountType::Bind && mount.propagation != defaultPropagation)
        object.insert(u"BindOptions"_s, QJsonObject{ { u"Propagation"_s, mount.propagation } });
    if (mount.noCopy)
        object.insert(u"VolumeOptions"_s, QJsonObject{ { u"NoCopy"_s, true } });
    if (mount.type == MountType::Tmpfs && (mount.tmpfsSize || mount.tmpfsMode || !mount.tmpfsOptions.isEmpty())) {
        QJsonArray options;
        for (const QString &option : mount.tmpfsOptions)
            options.append(QJsonArray::fromStringList(option.split(u'=').mid(0, 2)));
        object.insert(u"TmpfsOptions"_s,
            QJsonObject{
                { u"SizeBytes"_s, mount.tmpfsSize }, { u"Mode"_s, mount.tmpfsMode }, { u"Options"_s, options } });
    }
    return object;
}

QString tmpfsValue(const Mount &mount)
{
    QStringList options;
    if (mount.readOnly)
        options.append(u"ro"_s);
    options += mount.tmpfsOptions;
    if (mount.tmpfsSize)
        options.append(u"size="_s + sizeOption(mount.tmpfsSize));
    if (mount.tmpfsMode)
        options.append(u"mode="_s + QString::number(mount.tmpfsMode, 8));
    return options.join(u',');
}

} // namespace

namespace detail {

Result<> readMounts(JsonFields &hostConfig, Spec &spec)
{
    const QStringList binds = hostConfig.strings("Binds"_L1);
    const QJsonArray mounts = hostConfig.array("Mounts"_L1);
    const QMap<QString, QString> tmpfs = hostConfig.stringMap("Tmpfs"_L1);
    if (hostConfig.error())
        return fail(*hostConfig.error());
    for (const QString &bind : binds) {
        auto mount = parseBind(bind);
        if (!mount)
            return fail(mount.error());
        spec.mounts.append(*mount);
    }
    for (const QJsonValue item : mounts) {
        if (!item.isObject())
            return invalid(u"invalid HostConfig.Mounts: expected an array of objects"_s);
        auto mount = readMountEntry(item.toObject());
        if (!mount)
            return fail(mount.error());
        spec.mounts.append(*mount);
    }
    for (auto it = tmpfs.begin(); it != tmpfs.end(); ++it) {
        auto mount = parseTmpfs(it.key(), it.value());
        if (!mount)
            return fail(mount.error());
        spec.mounts.append(*mount);
    }
    QSet<QString> targets;
    for (const Mount &mount : std::as_const(spec.mounts)) {
        if (targets.contains(mount.target))
            return invalid(u"Duplicate mount point: %1"_s.arg(mount.target));
        targets.insert(mount.target);
    }
    return {};
}

Result<> readVolumes(JsonFields &config, Spec &spec)
{
    const QJsonObject volumes = config.object("Volumes"_L1);
    if (config.error())
        return fail(*config.error());
    for (const QString &target : volumes.keys()) {
        if (auto checked = checkTarget(target); !checked)
            return checked;
        if (!spec.volumes.contains(cleanPath(target)))
            spec.volumes.append(cleanPath(target));
    }
    return {};
}

void writeMounts(const Spec &spec, QJsonObject &hostConfig)
{
    QJsonArray binds;
    QJsonArray mounts;
    QJsonObject tmpfs;
    for (const Mount &mount : spec.mounts) {
        switch (mount.from) {
        case MountFrom::Binds:
            binds.append(bindSpec(mount));
            break;
        case MountFrom::Mounts:
            mounts.append(mountObject(mount));
            break;
        case MountFrom::Tmpfs:
            tmpfs.insert(mount.target, tmpfsValue(mount));
            break;
        }
    }
    hostConfig.insert(u"Binds"_s, binds.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(binds));
    if (!mounts.isEmpty())
        hostConfig.insert(u"Mounts"_s, mounts);
    if (!tmpfs.isEmpty())
        hostConfig.insert(u"Tmpfs"_s, tmpfs);
}

} // namespace detail

} // namespace muelle::engine::containerspec
