// Image configs as Docker and OCI builders write them, and writing them back.

#include "oci/imageconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using muelle::Code;
using muelle::oci::Digest;
using muelle::oci::ImageConfig;

namespace {

// The shape docker build writes, nulls and fields Muelle does not model
// included. No "//" and no backslash-quote inside: moc 6.4 misreads both in
// a raw string literal and then misses the test class.
const QByteArray dockerConfig = R"({
  "architecture": "amd64",
  "config": {
    "Hostname": "",
    "User": "nginx:nginx",
    "ExposedPorts": {"80/tcp": {}, "443/tcp": {}},
    "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NGINX_VERSION=1.25.3"],
    "Cmd": ["nginx", "-g", "daemon off;"],
    "Healthcheck": {"Test": ["CMD-SHELL", "curl -f localhost"]},
    "Image": "sha256:5e0f7d3d56b3e3e1c2b0b4f1c5a1c9e6f5c2d1a0b9c8d7e6f5a4b3c2d1e0f9a8",
    "Volumes": {"/var/cache/nginx": {}},
    "WorkingDir": "/usr/share/nginx",
    "Entrypoint": null,
    "OnBuild": null,
    "Labels": {"maintainer": "NGINX Docker Maintainers"},
    "StopSignal": "SIGQUIT"
  },
  "container": "0a1b2c3d",
  "created": "2023-11-01T12:34:56.123456789Z",
  "docker_version": "20.10.23",
  "history": [
    {"created": "2023-10-11T00:00:00Z", "created_by": "/bin/sh -c #(nop) ADD file:abc in / "},
    {"created": "2023-10-11T00:00:01.5Z", "created_by": "/bin/sh -c #(nop)  CMD [bash]", "empty_layer": true},
    {"created": "2023-11-01T12:34:56.123456789Z", "created_by": "RUN /bin/sh -c apt-get update", "author": "someone", "comment": "buildkit.dockerfile.v0"}
  ],
  "os": "linux",
  "rootfs": {
    "type": "layers",
    "diff_ids": [
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
    ]
  }
})";

const QByteArray minimalConfig
    = R"({"architecture":"arm64","os":"linux","variant":"v8","rootfs":{"type":"layers","diff_ids":[]}})";

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray bytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject set(QJsonObject object, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

// Sets `key` inside the object at `outer`.
QJsonObject setIn(QJsonObject object, const QString &outer, const QString &key, const QJsonValue &value)
{
    object.insert(outer, set(object.value(outer).toObject(), key, value));
    return object;
}

} // namespace

class TestImageConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void dockerFields();
    void minimal();
    void roundTripKeepsUnmodelledFields();
    void editsAreWritten();
    void builtFromScratch();
    void invalid_data();
    void invalid();
};

void TestImageConfig::dockerFields()
{
    const auto config = ImageConfig::parse(dockerConfig);
    QVERIFY2(config.has_value(), qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->platform.toString(), u"linux/amd64"_s);
    QCOMPARE(config->created, QDateTime(QDate(2023, 11, 1), QTime(12, 34, 56, 123), Qt::UTC));
    QCOMPARE(config->user, u"nginx:nginx"_s);
    QCOMPARE(config->env.size(), qsizetype(2));
    QCOMPARE(config->env.at(1), u"NGINX_VERSION=1.25.3"_s);
    QVERIFY(config->entrypoint.isEmpty());
    QCOMPARE(config->cmd, (QStringList{ u"nginx"_s, u"-g"_s, u"daemon off;"_s }));
    QCOMPARE(config->workingDir, u"/usr/share/nginx"_s);
    QCOMPARE(config->exposedPorts, (QStringList{ u"443/tcp"_s, u"80/tcp"_s }));
    QCOMPARE(config->volumes, QStringList{ u"/var/cache/nginx"_s });
    QCOMPARE(config->labels.value(u"maintainer"_s), u"NGINX Docker Maintainers"_s);
    QCOMPARE(config->stopSignal, u"SIGQUIT"_s);
    QCOMPARE(config->diffIds.size(), qsizetype(2));
    QCOMPARE(config->diffIds.at(0), Digest::of(""));
    QCOMPARE(config->diffIds.at(1), Digest::of("{}"));
    QCOMPARE(config->history.size(), qsizetype(3));
    QCOMPARE(config->history.at(0).createdBy, u"/bin/sh -c #(nop) ADD file:abc in / "_s);
    QVERIFY(!config->history.at(0).emptyLayer);
    QVERIFY(config->history.at(1).emptyLayer);
    QCOMPARE(config->history.at(1).created, QDateTime(QDate(2023, 10, 11), QTime(0, 0, 1, 500), Qt::UTC));
    QCOMPARE(config->history.at(2).author, u"someone"_s);
    QCOMPARE(config->history.at(2).comment, u"buildkit.dockerfile.v0"_s);
    QCOMPARE(config->raw, object(dockerConfig));
}

void TestImageConfig::minimal()
{
    const auto config = ImageConfig::parse(minimalConfig);
    QVERIFY2(config.has_value(), qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->platform.toString(), u"linux/arm64/v8"_s);
    QVERIFY(!config->created.isValid());
    QVERIFY(config->cmd.isEmpty());
    QVERIFY(config->diffIds.isEmpty());
    QVERIFY(config->history.isEmpty());
    QCOMPARE(object(config->toJson()), object(minimalConfig));
}

void TestImageConfig::roundTripKeepsUnmodelledFields()
{
    const auto config = ImageConfig::parse(dockerConfig);
    QVERIFY(config.has_value());
    const QJsonObject written = object(config->toJson());
    // Nothing changed: only the null Entrypoint, a modelled field, is gone;
    // the unmodelled ones (Healthcheck, OnBuild, container...) stay as read.
    QJsonObject expected = object(dockerConfig);
    QJsonObject runtime = expected.value(u"config"_s).toObject();
    runtime.remove(u"Entrypoint"_s);
    QCOMPARE(written.value(u"config"_s).toObject(), runtime);
    QCOMPARE(written.value(u"created"_s).toString(), u"2023-11-01T12:34:56.123456789Z"_s);
    QCOMPARE(written.value(u"history"_s), expected.value(u"history"_s));
    QCOMPARE(written.value(u"rootfs"_s), expected.value(u"rootfs"_s));
    QCOMPARE(written.value(u"container"_s).toString(), u"0a1b2c3d"_s);
    QCOMPARE(written.value(u"docker_version"_s).toString(), u"20.10.23"_s);

    const auto again = ImageConfig::parse(config->toJson());
    QVERIFY(again.has_value());
    QCOMPARE(again->toJson(), config->toJson());
}

void TestImageConfig::editsAreWritten()
{
    auto config = ImageConfig::parse(dockerConfig);
    QVERIFY(config.has_value());
    config->cmd = { u"sh"_s };
    config->entrypoint = { u"/entry"_s };
    config->labels.clear();
    config->exposedPorts = { u"8080/tcp"_s };
    config->created = QDateTime(QDate(2024, 2, 3), QTime(4, 5, 6), Qt::UTC);
    config->diffIds.removeLast();
    config->history.removeLast();
    config->platform.architecture = u"arm64"_s;

    const QJsonObject written = object(config->toJson());
    const QJsonObject runtime = written.value(u"config"_s).toObject();
    QCOMPARE(runtime.value(u"Cmd"_s).toArray(), QJsonArray{ u"sh"_s });
    QCOMPARE(runtime.value(u"Entrypoint"_s).toArray(), QJsonArray{ u"/entry"_s });
    QVERIFY(!runtime.contains(u"Labels"_s));
    QCOMPARE(runtime.value(u"ExposedPorts"_s).toObject().keys(), QStringList{ u"8080/tcp"_s });
    QVERIFY(runtime.contains(u"Healthcheck"_s));
    QCOMPARE(written.value(u"created"_s).toString(), u"2024-02-03T04:05:06Z"_s);
    QCOMPARE(written.value(u"architecture"_s).toString(), u"arm64"_s);

    const auto reread = ImageConfig::parse(config->toJson());
    QVERIFY(reread.has_value());
    QCOMPARE(reread->cmd, config->cmd);
    QCOMPARE(reread->created, config->created);
    QCOMPARE(reread->diffIds, config->diffIds);
    QCOMPARE(reread->history.size(), qsizetype(2));
    QCOMPARE(reread->platform.architecture, u"arm64"_s);
}

void TestImageConfig::builtFromScratch()
{
    ImageConfig config;
    config.platform.os = u"linux"_s;
    config.platform.architecture = u"amd64"_s;
    config.created = QDateTime(QDate(2024, 1, 1), QTime(0, 0, 0, 250), Qt::UTC);
    config.env = { u"A=1"_s };
    config.volumes = { u"/data"_s };
    config.diffIds = { Digest::of("layer") };
    config.history = { { config.created, u"ADD layer"_s, {}, {}, false }, { config.created, u"CMD"_s, {}, {}, true } };

    const QJsonObject written = object(config.toJson());
    QCOMPARE(written.value(u"created"_s).toString(), u"2024-01-01T00:00:00.250Z"_s);
    QCOMPARE(written.value(u"rootfs"_s).toObject().value(u"type"_s).toString(), u"layers"_s);
    QCOMPARE(written.value(u"config"_s).toObject().value(u"Volumes"_s).toObject(),
        (QJsonObject{ { u"/data"_s, QJsonObject() } }));
    QVERIFY(!written.value(u"history"_s).toArray().at(0).toObject().contains(u"empty_layer"_s));
    QCOMPARE(written.value(u"history"_s).toArray().at(1).toObject().value(u"empty_layer"_s), QJsonValue(true));

    const auto reread = ImageConfig::parse(config.toJson());
    QVERIFY2(reread.has_value(), qPrintable(reread ? QString() : reread.error().message));
    QCOMPARE(reread->env, config.env);
    QCOMPARE(reread->volumes, config.volumes);
    QCOMPARE(reread->diffIds, config.diffIds);
    QCOMPARE(reread->created, config.created);
    QCOMPARE(reread->history.at(1).emptyLayer, true);
}

void TestImageConfig::invalid_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    const QJsonObject base = object(dockerConfig);
    const QJsonValue absent(QJsonValue::Undefined);
    QTest::newRow("not json") << QByteArray("{") << u"image config is not valid JSON"_s;
    QTest::newRow("array") << QByteArray("[1]") << u"image config is not a JSON object"_s;
    QTest::newRow("no os") << bytes(set(base, u"os"_s, absent)) << u"os: missing"_s;
    QTest::newRow("no architecture") << bytes(set(base, u"architecture"_s, absent)) << u"architecture: missing"_s;
    QTest::newRow("created not time") << bytes(set(base, u"created"_s, u"yesterday"_s))
                                      << u"created: \"yesterday\" is not an RFC 3339 time"_s;
    QTest::newRow("created number") << bytes(set(base, u"created"_s, 5)) << u"created: want a string, got a number"_s;
    QTest::newRow("config array") << bytes(set(base, u"config"_s, QJsonArray()))
                                  << u"config: want an object, got an array"_s;
    QTest::newRow("env string") << bytes(setIn(base, u"config"_s, u"Env"_s, u"A=1"_s))
                                << u"config.Env: want an array, got a string"_s;
    QTest::newRow("env number") << bytes(setIn(base, u"config"_s, u"Env"_s, QJsonArray{ u"A=1"_s, 2 }))
                                << u"config.Env[1]: want a string, got a number"_s;
    QTest::newRow("cmd string") << bytes(setIn(base, u"config"_s, u"Cmd"_s, u"nginx"_s))
                                << u"config.Cmd: want an array, got a string"_s;
    QTest::newRow("label number") << bytes(setIn(base, u"config"_s, u"Labels"_s, QJsonObject{ { u"x"_s, 1 } }))
                                  << u"config.Labels.x: want a string, got a number"_s;
    QTest::newRow("ports array") << bytes(setIn(base, u"config"_s, u"ExposedPorts"_s, QJsonArray{ u"80/tcp"_s }))
                                 << u"config.ExposedPorts: want an object, got an array"_s;
    QTest::newRow("no rootfs") << bytes(set(base, u"rootfs"_s, absent)) << u"rootfs: missing"_s;
    QTest::newRow("rootfs type") << bytes(setIn(base, u"rootfs"_s, u"type"_s, u"tar"_s))
                                 << u"rootfs.type: want \"layers\", got \"tar\""_s;
    QTest::newRow("rootfs no type") << bytes(setIn(base, u"rootfs"_s, u"type"_s, absent)) << u"rootfs.type: missing"_s;
    QTest::newRow("bad diff id") << bytes(
        setIn(base, u"rootfs"_s, u"diff_ids"_s, QJsonArray{ Digest::of("").toString(), u"sha256:abc"_s }))
                                 << u"rootfs.diff_ids[1]: digest \"sha256:abc\": want 64 hex characters, got 3"_s;
    QTest::newRow("diff id number") << bytes(setIn(base, u"rootfs"_s, u"diff_ids"_s, QJsonArray{ 1 }))
                                    << u"rootfs.diff_ids[0]: want a string, got a number"_s;
    QTest::newRow("history object") << bytes(set(base, u"history"_s, QJsonObject()))
                                    << u"history: want an array, got an object"_s;
    QTest::newRow("history entry string")
        << bytes(set(base, u"history"_s, QJsonArray{ u"x"_s })) << u"history[0]: want an object, got a string"_s;
    QTest::newRow("history empty_layer string")
        << bytes(set(base, u"history"_s, QJsonArray{ QJsonObject{ { u"empty_layer"_s, u"true"_s } } }))
        << u"history[0].empty_layer: want a boolean, got a string"_s;
    QTest::newRow("history created") << bytes(
        set(base, u"history"_s, QJsonArray{ QJsonObject(), QJsonObject{ { u"created"_s, u"soon"_s } } }))
                                     << u"history[1].created: \"soon\" is not an RFC 3339 time"_s;
}

void TestImageConfig::invalid()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);

    const auto config = ImageConfig::parse(json);
    QVERIFY(!config.has_value());
    QCOMPARE(config.error().code, Code::InvalidArgument);
    QVERIFY2(config.error().message.startsWith(message), qPrintable(config.error().message));
}

QTEST_GUILESS_MAIN(TestImageConfig)
#include "tst_imageconfig.moc"
