#include "registry/config.h"

#include <yaml-cpp/yaml.h>

#include <QFile>
#include <QRegularExpression>

namespace muelle::registry {

namespace {

// Walks the YAML tree; the first problem found is kept with the key's path.
class Reader {
public:
    explicit Reader(QString file) : file_(std::move(file)) { }

    std::optional<Error> error;

    void problem(const QString &key, const QString &what)
    {
        if (!error)
            error = Error{ Code::InvalidArgument, QStringLiteral("config \"%1\": %2: %3").arg(file_, key, what) };
    }

    // Refuses keys the section does not know, so a typo is not silently ignored.
    void only(const YAML::Node &node, const QString &key, std::initializer_list<const char *> known)
    {
        if (!node)
            return;
        if (!node.IsMap())
            return problem(key, QStringLiteral("want a mapping"));
        for (const auto &entry : node) {
            const std::string name = entry.first.as<std::string>();
            bool found = false;
            for (const char *k : known)
                found = found || name == k;
            if (!found)
                problem(key.isEmpty() ? QString::fromStdString(name) : key + u'.' + QString::fromStdString(name),
                    QStringLiteral("unknown key"));
        }
    }

    template <typename T> void read(const YAML::Node &node, const QString &key, T &out)
    {
        if (!node)
            return;
        try {
            out = node.as<T>();
        } catch (const YAML::Exception &) {
            problem(key, QStringLiteral("wrong type"));
        }
    }

    void readString(const YAML::Node &node, const QString &key, QString &out)
    {
        std::string value;
        bool had = bool(node);
        read(node, key, value);
        if (had)
            out = QString::fromStdString(value);
    }

    void readStrings(const YAML::Node &node, const QString &key, QStringList &out)
    {
        std::vector<std::string> values;
        read(node, key, values);
        for (const auto &value : values)
            out.append(QString::fromStdString(value));
    }

private:
    QString file_;
};

void readAuth(Reader &reader, const YAML::Node &node, AuthConfig &auth)
{
    reader.only(node, QStringLiteral("auth"), { "anonymous", "htpasswd", "token" });
    if (!node)
        return;
    reader.only(node["anonymous"], QStringLiteral("auth.anonymous"), { "pull" });
    if (node["anonymous"])
        reader.read(node["anonymous"]["pull"], QStringLiteral("auth.anonymous.pull"), auth.anonymousPull);
    if (const YAML::Node htpasswd = node["htpasswd"]) {
        reader.only(htpasswd, QStringLiteral("auth.htpasswd"), { "realm", "path" });
        HtpasswdConfig config;
        reader.readString(htpasswd["realm"], QStringLiteral("auth.htpasswd.realm"), config.realm);
        reader.readString(htpasswd["path"], QStringLiteral("auth.htpasswd.path"), config.path);
        if (config.path.isEmpty())
            reader.problem(QStringLiteral("auth.htpasswd.path"), QStringLiteral("required"));
        auth.htpasswd = config;
    }
    if (const YAML::Node token = node["token"]) {
        reader.only(token, QStringLiteral("auth.token"), { "realm", "service", "issuer", "key", "expiration" });
        TokenConfig config;
        reader.readString(token["realm"], QStringLiteral("auth.token.realm"), config.realm);
        reader.readString(token["service"], QStringLiteral("auth.token.service"), config.service);
        reader.readString(token["issuer"], QStringLiteral("auth.token.issuer"), config.issuer);
        reader.readString(token["key"], QStringLiteral("auth.token.key"), config.keyPath);
        reader.read(token["expiration"], QStringLiteral("auth.token.expiration"), config.expirationSeconds);
        if (config.realm.isEmpty())
            reader.problem(QStringLiteral("auth.token.realm"), QStringLiteral("required"));
        if (config.keyPath.isEmpty())
            reader.problem(QStringLiteral("auth.token.key"), QStringLiteral("required"));
        auth.token = config;
    }
}

void readAccess(Reader &reader, const YAML::Node &node, QList<AccessRule> &rules)
{
    if (!node)
        return;
    if (!node.IsSequence())
        return reader.problem(QStringLiteral("access"), QStringLiteral("want a list of rules"));
    for (std::size_t i = 0; i < node.size(); ++i) {
        const QString key = QStringLiteral("access[%1]").arg(i);
        reader.only(node[i], key, { "account", "repository", "actions" });
        AccessRule rule;
        reader.readString(node[i]["account"], key + QStringLiteral(".account"), rule.account);
        reader.readString(node[i]["repository"], key + QStringLiteral(".repository"), rule.repository);
        reader.readStrings(node[i]["actions"], key + QStringLiteral(".actions"), rule.actions);
        rules.append(rule);
    }
}

void readSections(Reader &reader, const YAML::Node &root, Config &config)
{
    reader.only(root, QString(), { "version", "log", "storage", "database", "http", "auth", "access" });
    if (const YAML::Node log = root["log"]) {
        reader.only(log, QStringLiteral("log"), { "level", "accesslog" });
        reader.readString(log["level"], QStringLiteral("log.level"), config.logLevel);
        reader.read(log["accesslog"], QStringLiteral("log.accesslog"), config.accessLog);
    }
    if (const YAML::Node storage = root["storage"]) {
        reader.only(storage, QStringLiteral("storage"), { "root", "delete", "uploadpurge" });
        reader.readString(storage["root"], QStringLiteral("storage.root"), config.root);
        if (storage["delete"])
            reader.read(storage["delete"]["enabled"], QStringLiteral("storage.delete.enabled"), config.deleteEnabled);
        if (storage["uploadpurge"] && storage["uploadpurge"]["age"]) {
            QString age;
            reader.readString(storage["uploadpurge"]["age"], QStringLiteral("storage.uploadpurge.age"), age);
            if (auto duration = parseDuration(age))
                config.uploadPurgeAge = *duration;
            else
                reader.problem(QStringLiteral("storage.uploadpurge.age"), QStringLiteral("want a duration like 168h"));
        }
    }
    if (const YAML::Node database = root["database"]) {
        reader.only(database, QStringLiteral("database"), { "driver", "dsn" });
        reader.readString(database["driver"], QStringLiteral("database.driver"), config.databaseDriver);
        reader.readString(database["dsn"], QStringLiteral("database.dsn"), config.databaseDsn);
        if (config.databaseDriver != u"sqlite")
            reader.problem(QStringLiteral("database.driver"), QStringLiteral("only sqlite is supported so far"));
    }
    if (const YAML::Node http = root["http"]) {
        reader.only(http, QStringLiteral("http"), { "addr", "workers", "tls" });
        if (http["addr"]) {
            QString addr;
            reader.readString(http["addr"], QStringLiteral("http.addr"), addr);
            if (auto set = config.setAddress(addr); !set)
                reader.problem(QStringLiteral("http.addr"), set.error().message);
        }
        reader.read(http["workers"], QStringLiteral("http.workers"), config.workers);
        if (const YAML::Node tls = http["tls"]) {
            reader.only(tls, QStringLiteral("http.tls"), { "certificate", "key" });
            reader.readString(tls["certificate"], QStringLiteral("http.tls.certificate"), config.tlsCertificate);
            reader.readString(tls["key"], QStringLiteral("http.tls.key"), config.tlsKey);
        }
    }
    readAuth(reader, root["auth"], config.auth);
    readAccess(reader, root["access"], config.auth.access);
}

} // namespace

// "30s", "168h", "10m", or a number of seconds.
std::optional<std::chrono::seconds> parseDuration(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)(s|m|h)?$"));
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 value = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    const qint64 factor = unit == u"h" ? 3600 : unit == u"m" ? 60 : 1;
    return std::chrono::seconds(value * factor);
}

Result<Config> Config::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Code::NotFound, QStringLiteral("open config \"%1\": %2").arg(path, file.errorString()));
    const QByteArray text = file.readAll();
    Config config;
    Reader reader(path);
    try {
        const YAML::Node root = YAML::Load(text.toStdString());
        if (root.IsNull())
            return config;
        readSections(reader, root, config);
    } catch (const YAML::Exception &e) {
        return fail(
            Code::InvalidArgument, QStringLiteral("config \"%1\": %2").arg(path, QString::fromStdString(e.what())));
    }
    if (reader.error)
        return fail(*reader.error);
    return config;
}

Result<> Config::setAddress(const QString &hostPort)
{
    const int colon = hostPort.lastIndexOf(u':');
    bool ok = false;
    const uint port = colon < 0 ? 0 : hostPort.mid(colon + 1).toUInt(&ok);
    if (colon < 0 || !ok || port > 65535)
        return fail(Code::InvalidArgument, QStringLiteral("address \"%1\": want HOST:PORT").arg(hostPort));
    QString host = hostPort.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    QHostAddress address = host.isEmpty() ? QHostAddress(QHostAddress::Any)
        : host == u"localhost"            ? QHostAddress(QHostAddress::LocalHost)
                                          : QHostAddress(host);
    if (address.isNull())
        return fail(
            Code::InvalidArgument, QStringLiteral("address \"%1\": \"%2\" is not an IP address").arg(hostPort, host));
    this->address = address;
    this->port = quint16(port);
    return {};
}

} // namespace muelle::registry
