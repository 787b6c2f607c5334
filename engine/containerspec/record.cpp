#include "engine/containerspec/record.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace muelle::engine::containerspec {
namespace {

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonValue optionalStrings(const std::optional<QStringList> &list)
{
    return list ? QJsonValue(strings(*list)) : QJsonValue(QJsonValue::Null);
}

QJsonObject stringMap(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QJsonObject mountRecord(const Mount &mount)
{
    return { { u"type"_s, int(mount.type) }, { u"source"_s, mount.source }, { u"target"_s, mount.target },
        { u"readOnly"_s, mount.readOnly }, { u"propagation"_s, mount.propagation }, { u"noCopy"_s, mount.noCopy },
        { u"tmpfsSize"_s, mount.tmpfsSize }, { u"tmpfsMode"_s, mount.tmpfsMode },
        { u"tmpfsOptions"_s, strings(mount.tmpfsOptions) }, { u"from"_s, int(mount.from) } };
}

QJsonObject resourcesRecord(const Resources &r)
{
    QJsonArray ulimits;
    for (const Ulimit &u : r.ulimits)
        ulimits.append(QJsonObject{ { u"name"_s, u.name }, { u"soft"_s, u.soft }, { u"hard"_s, u.hard } });
    return { { u"memory"_s, r.memory }, { u"memorySwap"_s, r.memorySwap },
        { u"memoryReservation"_s, r.memoryReservation }, { u"nanoCpus"_s, r.nanoCpus }, { u"cpuShares"_s, r.cpuShares },
        { u"cpuPeriod"_s, r.cpuPeriod }, { u"cpuQuota"_s, r.cpuQuota }, { u"cpusetCpus"_s, r.cpusetCpus },
        { u"cpusetMems"_s, r.cpusetMems }, { u"pidsLimit"_s, r.pidsLimit }, { u"blkioWeight"_s, r.blkioWeight },
        { u"oomKillDisable"_s, r.oomKillDisable }, { u"ulimits"_s, ulimits } };
}

// Reads fields of one object; the first one of the wrong type is kept as
// the error. Absent fields leave the target as it is.
class Reader {
public:
    Reader(QJsonObject object, QString where, std::optional<Error> &error)
        : object_(std::move(object)), where_(std::move(where)), error_(error)
    {
    }

    void read(QLatin1StringView key, QString &into)
    {
        take(key, QJsonValue::String, [&](auto v) { into = v.toString(); });
    }
    void read(QLatin1StringView key, bool &into)
    {
        take(key, QJsonValue::Bool, [&](auto v) { into = v.toBool(); });
    }
    void read(QLatin1StringView key, qint64 &into)
    {
        take(key, QJsonValue::Double, [&](auto v) { into = v.toInteger(); });
    }
    void read(QLatin1StringView key, int &into)
    {
        take(key, QJsonValue::Double, [&](auto v) { into = int(v.toInteger()); });
    }
    void read(QLatin1StringView key, QStringList &into)
    {
        take(key, QJsonValue::Array, [&](auto v) { into = stringsOf(key, v.toArray()); });
    }
    void read(QLatin1StringView key, std::optional<QStringList> &into)
    {
        if (object_.value(key).isNull()) {
            into.reset();
            return;
        }
        take(key, QJsonValue::Array, [&](auto v) { into = stringsOf(key, v.toArray()); });
    }
    void read(QLatin1StringView key, std::optional<int> &into)
    {
        if (object_.value(key).isNull()) {
            into.reset();
            return;
        }
        take(key, QJsonValue::Double, [&](auto v) { into = int(v.toInteger()); });
    }
    void read(QLatin1StringView key, QMap<QString, QString> &into)
    {
        take(key, QJsonValue::Object, [&](auto v) {
            into.clear();
            const QJsonObject map = v.toObject();
            for (auto it = map.begin(); it != map.end(); ++it)
                into.insert(it.key(), it.value().toString());
        });
    }
    void read(QLatin1StringView key, QMap<QString, QStringList> &into)
    {
        take(key, QJsonValue::Object, [&](auto v) {
            into.clear();
            const QJsonObject map = v.toObject();
            for (auto it = map.begin(); it != map.end(); ++it)
                into.insert(it.key(), stringsOf(key, it.value().toArray()));
        });
    }
    template <typename Enum> void readEnum(QLatin1StringView key, Enum &into, Enum last)
    {
        take(key, QJsonValue::Double, [&](auto v) {
            const qint64 n = v.toInteger();
            if (n < 0 || n > qint64(last))
                return wrong(key);
            into = Enum(n);
        });
    }
    QJsonArray array(QLatin1StringView key)
    {
        QJsonArray result;
        take(key, QJsonValue::Array, [&](auto v) { result = v.toArray(); });
        return result;
    }
    QJsonObject object(QLatin1StringView key)
    {
        QJsonObject result;
        take(key, QJsonValue::Object, [&](auto v) { result = v.toObject(); });
        return result;
    }

private:
    template <typename Then> void take(QLatin1StringView key, QJsonValue::Type type, Then then)
    {
        const QJsonValue value = object_.value(key);
        if (value.isUndefined())
            return;
        if (value.type() != type)
            return wrong(key);
        then(value);
    }
    QStringList stringsOf(QLatin1StringView key, const QJsonArray &array)
    {
        QStringList list;
        for (const QJsonValue &item : array) {
            if (!item.isString())
                wrong(key);
            list.append(item.toString());
        }
        return list;
    }
    void wrong(QLatin1StringView key)
    {
        if (!error_)
            error_ = Error{ Code::DataLoss, u"container record: %1%2 has the wrong type"_s.arg(where_, key) };
    }

    QJsonObject object_;
    QString where_;
    std::optional<Error> &error_;
};

Mount mountOf(const QJsonObject &json, std::optional<Error> &error)
{
    Mount mount;
    Reader r(json, u"mounts[]."_s, error);
    r.readEnum("type"_L1, mount.type, MountType::Tmpfs);
    r.read("source"_L1, mount.source);
    r.read("target"_L1, mount.target);
    r.read("readOnly"_L1, mount.readOnly);
    r.read("propagation"_L1, mount.propagation);
    r.read("noCopy"_L1, mount.noCopy);
    r.read("tmpfsSize"_L1, mount.tmpfsSize);
    r.read("tmpfsMode"_L1, mount.tmpfsMode);
    r.read("tmpfsOptions"_L1, mount.tmpfsOptions);
    r.readEnum("from"_L1, mount.from, MountFrom::Tmpfs);
    return mount;
}

Resources resourcesOf(const QJsonObject &json, std::optional<Error> &error)
{
    Resources res;
    Reader r(json, u"resources."_s, error);
    r.read("memory"_L1, res.memory);
    r.read("memorySwap"_L1, res.memorySwap);
    r.read("memoryReservation"_L1, res.memoryReservation);
    r.read("nanoCpus"_L1, res.nanoCpus);
    r.read("cpuShares"_L1, res.cpuShares);
    r.read("cpuPeriod"_L1, res.cpuPeriod);
    r.read("cpuQuota"_L1, res.cpuQuota);
    r.read("cpusetCpus"_L1, res.cpusetCpus);
    r.read("cpusetMems"_L1, res.cpusetMems);
    r.read("pidsLimit"_L1, res.pidsLimit);
    r.read("blkioWeight"_L1, res.blkioWeight);
    r.read("oomKillDisable"_L1, res.oomKillDisable);
    for (const QJsonValue &value : r.array("ulimits"_L1)) {
        Ulimit ulimit;
        Reader u(value.toObject(), u"resources.ulimits[]."_s, error);
        u.read("name"_L1, ulimit.name);
        u.read("soft"_L1, ulimit.soft);
        u.read("hard"_L1, ulimit.hard);
        res.ulimits.append(ulimit);
    }
    return res;
}

} // namespace

QJsonObject specRecord(const Spec &s)
{
    QJsonArray ports;
    for (const PortBinding &p : s.portBindings)
        ports.append(QJsonObject{ { u"containerPort"_s, p.containerPort }, { u"protocol"_s, p.protocol },
            { u"hostIp"_s, p.hostIp }, { u"hostPort"_s, p.hostPort } });
    QJsonArray mounts;
    for (const Mount &mount : s.mounts)
        mounts.append(mountRecord(mount));
    QJsonObject aliases;
    for (auto it = s.networkAliases.cbegin(); it != s.networkAliases.cend(); ++it)
        aliases.insert(it.key(), strings(it.value()));
    return {
        { u"image"_s, s.image },
        { u"hostname"_s, s.hostname },
        { u"domainname"_s, s.domainname },
        { u"user"_s, s.user },
        { u"env"_s, strings(s.env) },
        { u"cmd"_s, optionalStrings(s.cmd) },
        { u"entrypoint"_s, optionalStrings(s.entrypoint) },
        { u"workingDir"_s, s.workingDir },
        { u"labels"_s, stringMap(s.labels) },
        { u"exposedPorts"_s, strings(s.exposedPorts) },
        { u"tty"_s, s.tty },
        { u"openStdin"_s, s.openStdin },
        { u"stdinOnce"_s, s.stdinOnce },
        { u"attachStdin"_s, s.attachStdin },
        { u"attachStdout"_s, s.attachStdout },
        { u"attachStderr"_s, s.attachStderr },
        { u"stopSignal"_s, s.stopSignal },
        { u"stopTimeout"_s, s.stopTimeout ? QJsonValue(*s.stopTimeout) : QJsonValue(QJsonValue::Null) },
        { u"volumes"_s, strings(s.volumes) },
        { u"networkMode"_s, s.networkMode },
        { u"portBindings"_s, ports },
        { u"publishAllPorts"_s, s.publishAllPorts },
        { u"mounts"_s, mounts },
        { u"restartPolicy"_s, int(s.restartPolicy) },
        { u"restartMaxRetries"_s, s.restartMaxRetries },
        { u"autoRemove"_s, s.autoRemove },
        { u"privileged"_s, s.privileged },
        { u"readonlyRootfs"_s, s.readonlyRootfs },
        { u"capAdd"_s, strings(s.capAdd) },
        { u"capDrop"_s, strings(s.capDrop) },
        { u"securityOpt"_s, strings(s.securityOpt) },
        { u"dns"_s, strings(s.dns) },
        { u"dnsSearch"_s, strings(s.dnsSearch) },
        { u"dnsOptions"_s, strings(s.dnsOptions) },
        { u"extraHosts"_s, strings(s.extraHosts) },
        { u"groupAdd"_s, strings(s.groupAdd) },
        { u"shmSize"_s, s.shmSize },
        { u"init"_s, s.init },
        { u"consoleHeight"_s, s.consoleSize.height },
        { u"consoleWidth"_s, s.consoleSize.width },
        { u"logType"_s, s.logType },
        { u"logMaxSize"_s, s.logMaxSize },
        { u"logMaxFile"_s, s.logMaxFile },
        { u"resources"_s, resourcesRecord(s.resources) },
        { u"networkAliases"_s, aliases },
        { u"networkIps"_s, stringMap(s.networkIps) },
    };
}

Result<Spec> specFromRecord(const QJsonObject &record)
{
    Spec s;
    std::optional<Error> error;
    Reader r(record, QString(), error);
    r.read("image"_L1, s.image);
    r.read("hostname"_L1, s.hostname);
    r.read("domainname"_L1, s.domainname);
    r.read("user"_L1, s.user);
    r.read("env"_L1, s.env);
    r.read("cmd"_L1, s.cmd);
    r.read("entrypoint"_L1, s.entrypoint);
    r.read("workingDir"_L1, s.workingDir);
    r.read("labels"_L1, s.labels);
    r.read("exposedPorts"_L1, s.exposedPorts);
    r.read("tty"_L1, s.tty);
    r.read("openStdin"_L1, s.openStdin);
    r.read("stdinOnce"_L1, s.stdinOnce);
    r.read("attachStdin"_L1, s.attachStdin);
    r.read("attachStdout"_L1, s.attachStdout);
    r.read("attachStderr"_L1, s.attachStderr);
    r.read("stopSignal"_L1, s.stopSignal);
    r.read("stopTimeout"_L1, s.stopTimeout);
    r.read("volumes"_L1, s.volumes);
    r.read("networkMode"_L1, s.networkMode);
    for (const QJsonValue &value : r.array("portBindings"_L1)) {
        PortBinding port;
        Reader p(value.toObject(), u"portBindings[]."_s, error);
        p.read("containerPort"_L1, port.containerPort);
        p.read("protocol"_L1, port.protocol);
        p.read("hostIp"_L1, port.hostIp);
        p.read("hostPort"_L1, port.hostPort);
        s.portBindings.append(port);
    }
    r.read("publishAllPorts"_L1, s.publishAllPorts);
    for (const QJsonValue &value : r.array("mounts"_L1))
        s.mounts.append(mountOf(value.toObject(), error));
    r.readEnum("restartPolicy"_L1, s.restartPolicy, RestartPolicy::UnlessStopped);
    r.read("restartMaxRetries"_L1, s.restartMaxRetries);
    r.read("autoRemove"_L1, s.autoRemove);
    r.read("privileged"_L1, s.privileged);
    r.read("readonlyRootfs"_L1, s.readonlyRootfs);
    r.read("capAdd"_L1, s.capAdd);
    r.read("capDrop"_L1, s.capDrop);
    r.read("securityOpt"_L1, s.securityOpt);
    r.read("dns"_L1, s.dns);
    r.read("dnsSearch"_L1, s.dnsSearch);
    r.read("dnsOptions"_L1, s.dnsOptions);
    r.read("extraHosts"_L1, s.extraHosts);
    r.read("groupAdd"_L1, s.groupAdd);
    r.read("shmSize"_L1, s.shmSize);
    r.read("init"_L1, s.init);
    r.read("consoleHeight"_L1, s.consoleSize.height);
    r.read("consoleWidth"_L1, s.consoleSize.width);
    r.read("logType"_L1, s.logType);
    r.read("logMaxSize"_L1, s.logMaxSize);
    r.read("logMaxFile"_L1, s.logMaxFile);
    s.resources = resourcesOf(r.object("resources"_L1), error);
    r.read("networkAliases"_L1, s.networkAliases);
    r.read("networkIps"_L1, s.networkIps);
    if (error)
        return fail(*error);
    return s;
}

} // namespace muelle::engine::containerspec
