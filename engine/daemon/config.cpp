#include "engine/daemon/config.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace muelle::engine::daemon {

namespace {

const QStringList logLevels{ QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warn"),
    QStringLiteral("error"), QStringLiteral("fatal") };

Error keyError(const QString &path, const QString &key, const QString &what)
{
    return { Code::InvalidArgument, QStringLiteral("config \"%1\": %2: %3").arg(path, key, what) };
}

Result<QStringList> stringList(const QJsonValue &value, const QString &path, const QString &key)
{
    if (!value.isArray())
        return fail(keyError(path, key, QStringLiteral("want a list of strings")));
    QStringList list;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString())
            return fail(keyError(path, key, QStringLiteral("want a list of strings")));
        list.append(item.toString());
    }
    return list;
}

Result<int> positive(const QJsonValue &value, const QString &path, const QString &key)
{
    if (!value.isDouble() || value.toDouble() < 1 || value.toDouble() != double(value.toInt()))
        return fail(keyError(path, key, QStringLiteral("want a whole number >= 1")));
    return value.toInt();
}

Result<QString> string(const QJsonValue &value, const QString &path, const QString &key)
{
    if (!value.isString() || value.toString().isEmpty())
        return fail(keyError(path, key, QStringLiteral("want a non-empty string")));
    return value.toString();
}

// A Linux interface name: at most 15 bytes of [A-Za-z0-9_.-].
Result<QString> bridgeName(Result<QString> name, const QString &path, const QString &key)
{
    if (!name)
        return name;
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_.-]{1,15}$"));
    if (!valid.match(*name).hasMatch())
        return fail(keyError(path, key, QStringLiteral("want an interface name of 1 to 15 characters [A-Za-z0-9_.-]")));
    return name;
}

Result<> apply(Config &config, const QString &key, const QJsonValue &value, const QString &path)
{
    auto assign = [&](auto &target, auto parsed) -> Result<> {
        if (!parsed)
            return fail(parsed.error());
        target = *parsed;
        return {};
    };
    if (key == u"data-root")
        return assign(config.dataRoot, string(value, path, key));
    if (key == u"exec-root")
        return assign(config.execRoot, string(value, path, key));
    if (key == u"default-runtime")
        return assign(config.runtime, string(value, path, key));
    if (key == u"init-path")
        return assign(config.initPath, string(value, path, key));
    if (key == u"dbus-address")
        return assign(config.dbusAddress, string(value, path, key));
    if (key == u"bridge")
        return assign(config.bridge, bridgeName(string(value, path, key), path, key));
    if (key == u"hosts")
        return assign(config.hosts, stringList(value, path, key));
    if (key == u"group")
        return assign(config.group, string(value, path, key));
    if (key == u"insecure-registries")
        return assign(config.insecureRegistries, stringList(value, path, key));
    if (key == u"registry-mirrors")
        return assign(config.registryMirrors, stringList(value, path, key));
    if (key == u"max-concurrent-downloads")
        return assign(config.maxConcurrentDownloads, positive(value, path, key));
    if (key == u"max-concurrent-uploads")
        return assign(config.maxConcurrentUploads, positive(value, path, key));
    if (key == u"storage-driver") {
        if (value.toString() != u"overlay2" && value.toString() != u"vfs")
            return fail(keyError(path, key, QStringLiteral("want overlay2 or vfs")));
        config.storageDriver = value.toString();
        return {};
    }
    if (key == u"log-level") {
        if (!logLevels.contains(value.toString()))
            return fail(keyError(path, key, QStringLiteral("want one of %1").arg(logLevels.join(u", "))));
        config.logLevel = value.toString();
        return {};
    }
    return fail(keyError(path, key, QStringLiteral("unknown key")));
}

QString usage()
{
    return QStringLiteral(
        "usage: muelled [--config FILE] [--data-root DIR] [-H unix:///path.sock|tcp://HOST:PORT]... "
        "[--group GROUP] [--log-level LEVEL] [-s overlay2|vfs] [--insecure-registry REGISTRY]... [--exec-root DIR] "
        "[--bridge NAME] [--dbus-address system|ADDRESS|none]");
}

} // namespace

Result<Config> Config::parse(const QByteArray &json, const QString &path)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(Code::InvalidArgument,
            QStringLiteral("config \"%1\": %2 at offset %3").arg(path, error.errorString()).arg(error.offset));
    if (!document.isObject())
        return fail(Code::InvalidArgument, QStringLiteral("config \"%1\": want a JSON object").arg(path));
    Config config;
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (auto applied = apply(config, it.key(), it.value(), path); !applied)
            return fail(applied.error());
    }
    return config;
}

Result<Config> Config::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Code::NotFound, QStringLiteral("open config \"%1\": %2").arg(path, file.errorString()));
    return parse(file.readAll(), path);
}

Result<Config> configFromCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption configFile(
        QStringLiteral("config"), QStringLiteral("daemon.json file."), QStringLiteral("FILE"));
    const QCommandLineOption dataRoot(QStringLiteral("data-root"), QStringLiteral("Data root."), QStringLiteral("DIR"));
    const QCommandLineOption host(QStringList{ QStringLiteral("H"), QStringLiteral("host") },
        QStringLiteral("Socket to listen on (repeatable)."), QStringLiteral("HOST"));
    const QCommandLineOption group(
        QStringLiteral("group"), QStringLiteral("Group of unix sockets."), QStringLiteral("GROUP"));
    const QCommandLineOption logLevel(
        QStringLiteral("log-level"), QStringLiteral("Log level."), QStringLiteral("LEVEL"));
    const QCommandLineOption storageDriver(QStringList{ QStringLiteral("s"), QStringLiteral("storage-driver") },
        QStringLiteral("overlay2 or vfs."), QStringLiteral("DRIVER"));
    const QCommandLineOption insecureRegistry(QStringLiteral("insecure-registry"),
        QStringLiteral("Registry spoken to without TLS verification (repeatable)."), QStringLiteral("REGISTRY"));
    const QCommandLineOption execRoot(
        QStringLiteral("exec-root"), QStringLiteral("Runtime state and shim sockets."), QStringLiteral("DIR"));
    const QCommandLineOption bridge(QStringLiteral("bridge"),
        QStringLiteral("The Linux bridge of the default network (muelle0)."), QStringLiteral("NAME"));
    const QCommandLineOption dbusAddress(QStringLiteral("dbus-address"),
        QStringLiteral("The bus of org.muelle.Engine1: system, a D-Bus address, or none."), QStringLiteral("ADDRESS"));
    parser.addOptions({ configFile, dataRoot, host, group, logLevel, storageDriver, insecureRegistry, execRoot, bridge,
        dbusAddress });
    if (!parser.parse(QStringList{ QStringLiteral("muelled") } + arguments) || !parser.positionalArguments().isEmpty())
        return fail(
            Code::InvalidArgument, (parser.errorText().isEmpty() ? QString() : parser.errorText() + u'\n') + usage());
    Config config;
    if (parser.isSet(configFile)) {
        auto loaded = Config::load(parser.value(configFile));
        if (!loaded)
            return fail(loaded.error());
        config = *loaded;
    }
    if (parser.isSet(dataRoot))
        config.dataRoot = parser.value(dataRoot);
    if (parser.isSet(execRoot))
        config.execRoot = parser.value(execRoot);
    if (parser.isSet(bridge)) {
        auto name = bridgeName(parser.value(bridge), QStringLiteral("--bridge"), QString());
        if (!name)
            return fail(name.error());
        config.bridge = *name;
    }
    if (parser.isSet(host))
        config.hosts = parser.values(host);
    if (parser.isSet(group))
        config.group = parser.value(group);
    if (parser.isSet(dbusAddress))
        config.dbusAddress = parser.value(dbusAddress);
    if (parser.isSet(logLevel)) {
        if (!logLevels.contains(parser.value(logLevel)))
            return fail(Code::InvalidArgument,
                QStringLiteral("--log-level \"%1\": want one of %2")
                    .arg(parser.value(logLevel), logLevels.join(u", ")));
        config.logLevel = parser.value(logLevel);
    }
    if (parser.isSet(storageDriver)) {
        if (parser.value(storageDriver) != u"overlay2" && parser.value(storageDriver) != u"vfs")
            return fail(Code::InvalidArgument,
                QStringLiteral("--storage-driver \"%1\": want overlay2 or vfs").arg(parser.value(storageDriver)));
        config.storageDriver = parser.value(storageDriver);
    }
    if (parser.isSet(insecureRegistry))
        config.insecureRegistries += parser.values(insecureRegistry);
    if (config.hosts.isEmpty())
        config.hosts = QStringList{ Config::defaultSocket() };
    return config;
}

} // namespace muelle::engine::daemon
