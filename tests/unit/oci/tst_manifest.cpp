// Manifests and indexes: what is accepted (OCI, Docker schema2, artifacts,
// referrers) and what is refused, with the JSON path in the message.

#include "oci/manifest.h"
#include "oci/mediatype.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using muelle::Code;
using muelle::oci::Descriptor;
using muelle::oci::Digest;
using muelle::oci::Manifest;
namespace mediatype = muelle::oci::mediatype;

namespace {

QString digestOf(const char *content)
{
    return Digest::of(content).toString();
}

QJsonObject descriptor(const QString &mediaType, const char *content, qint64 size)
{
    return { { u"mediaType"_s, mediaType }, { u"digest"_s, digestOf(content) }, { u"size"_s, size } };
}

QJsonObject platformJson(const QString &architecture, const QString &variant = {})
{
    QJsonObject platform{ { u"os"_s, u"linux"_s }, { u"architecture"_s, architecture } };
    if (!variant.isEmpty())
        platform.insert(u"variant"_s, variant);
    return platform;
}

QJsonObject ociImage()
{
    return {
        { u"schemaVersion"_s, 2 },
        { u"mediaType"_s, mediatype::ociManifest },
        { u"config"_s, descriptor(mediatype::ociConfig, "config", 1470) },
        { u"layers"_s,
            QJsonArray{ descriptor(mediatype::ociLayerGzip, "layer0", 2'000'000),
                descriptor(mediatype::ociLayerZstd, "layer1", 300) } },
    };
}

QJsonObject dockerImage()
{
    return {
        { u"schemaVersion"_s, 2 },
        { u"mediaType"_s, mediatype::dockerManifest },
        { u"config"_s, descriptor(mediatype::dockerConfig, "config", 1470) },
        { u"layers"_s,
            QJsonArray{ descriptor(mediatype::dockerLayerGzip, "layer0", 2'000'000),
                descriptor(mediatype::dockerForeignLayerGzip, "layer1", 300) } },
    };
}

QJsonObject withPlatform(QJsonObject object, const QJsonObject &platform)
{
    object.insert(u"platform"_s, platform);
    return object;
}

QJsonObject ociIndex()
{
    return {
        { u"schemaVersion"_s, 2 },
        { u"mediaType"_s, mediatype::ociIndex },
        { u"manifests"_s,
            QJsonArray{ withPlatform(descriptor(mediatype::ociManifest, "amd64", 1000), platformJson(u"amd64"_s)),
                withPlatform(descriptor(mediatype::ociManifest, "arm64", 1001), platformJson(u"arm64"_s, u"v8"_s)) } },
        { u"annotations"_s, QJsonObject{ { u"org.opencontainers.image.ref.name"_s, u"1.0"_s } } },
    };
}

QJsonObject dockerList()
{
    QJsonObject list = ociIndex();
    list.insert(u"mediaType"_s, mediatype::dockerManifestList);
    list.remove(u"annotations"_s);
    return list;
}

// An OCI artifact as the 1.1 spec writes one: the empty config, an
// artifactType, and a subject it refers to.
QJsonObject signature()
{
    return {
        { u"schemaVersion"_s, 2 },
        { u"mediaType"_s, mediatype::ociManifest },
        { u"artifactType"_s, u"application/vnd.dev.cosign.artifact.sig.v1+json"_s },
        { u"config"_s, descriptor(mediatype::ociEmpty, "{}", 2) },
        { u"layers"_s, QJsonArray{ descriptor(u"application/vnd.dev.sigstore.bundle.v0.3+json"_s, "bundle", 5000) } },
        { u"subject"_s, descriptor(mediatype::ociManifest, "image", 1234) },
        { u"annotations"_s, QJsonObject{ { u"org.opencontainers.image.created"_s, u"2024-01-01T00:00:00Z"_s } } },
    };
}

QJsonObject set(QJsonObject object, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

// Replaces element `index` of the array at `key` with `value`.
QJsonObject setElement(QJsonObject object, const QString &key, qsizetype index, const QJsonValue &value)
{
    QJsonArray array = object.value(key).toArray();
    array[index] = value;
    object.insert(key, array);
    return object;
}

QByteArray bytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

const QJsonValue absent(QJsonValue::Undefined);

} // namespace

class TestManifest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void good_data();
    void good();
    void bad_data();
    void bad();
    void ociImageFields();
    void indexFields();
    void artifactWithSubject();
    void literalDockerManifest();
    void blobs();
};

void TestManifest::good_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<QString>("mediaType");
    QTest::addColumn<bool>("isIndex");
    QTest::addColumn<int>("children"); // layers, or manifests for an index
    QTest::addColumn<QString>("artifactType");
    QTest::addColumn<bool>("hasSubject");

    const QString ociConfig = mediatype::ociConfig;
    QTest::newRow("oci image") << bytes(ociImage()) << QString() << mediatype::ociManifest << false << 2 << ociConfig
                               << false;
    QTest::newRow("oci image, same content type")
        << bytes(ociImage()) << mediatype::ociManifest << mediatype::ociManifest << false << 2 << ociConfig << false;
    QTest::newRow("content type with parameters") << bytes(ociImage()) << mediatype::ociManifest + u"; charset=utf-8"_s
                                                  << mediatype::ociManifest << false << 2 << ociConfig << false;
    QTest::newRow("no mediaType, from content type")
        << bytes(set(dockerImage(), u"mediaType"_s, absent)) << mediatype::dockerManifest << mediatype::dockerManifest
        << false << 2 << mediatype::dockerConfig << false;
    QTest::newRow("no mediaType, config means manifest") << bytes(set(ociImage(), u"mediaType"_s, absent)) << QString()
                                                         << mediatype::ociManifest << false << 2 << ociConfig << false;
    QTest::newRow("empty mediaType, config means manifest")
        << bytes(set(ociImage(), u"mediaType"_s, QString())) << QString() << mediatype::ociManifest << false << 2
        << ociConfig << false;
    QTest::newRow("docker schema2") << bytes(dockerImage()) << QString() << mediatype::dockerManifest << false << 2
                                    << mediatype::dockerConfig << false;
    QTest::newRow("docker schema2, same content type")
        << bytes(dockerImage()) << mediatype::dockerManifest << mediatype::dockerManifest << false << 2
        << mediatype::dockerConfig << false;
    QTest::newRow("no layers") << bytes(set(ociImage(), u"layers"_s, QJsonArray())) << QString()
                               << mediatype::ociManifest << false << 0 << ociConfig << false;
    QTest::newRow("oci index") << bytes(ociIndex()) << QString() << mediatype::ociIndex << true << 2 << QString()
                               << false;
    QTest::newRow("oci index, same content type")
        << bytes(ociIndex()) << mediatype::ociIndex << mediatype::ociIndex << true << 2 << QString() << false;
    QTest::newRow("no mediaType, manifests means index") << bytes(set(ociIndex(), u"mediaType"_s, absent)) << QString()
                                                         << mediatype::ociIndex << true << 2 << QString() << false;
    QTest::newRow("no mediaType, list from content type")
        << bytes(set(dockerList(), u"mediaType"_s, absent)) << mediatype::dockerManifestList
        << mediatype::dockerManifestList << true << 2 << QString() << false;
    QTest::newRow("docker manifest list")
        << bytes(dockerList()) << QString() << mediatype::dockerManifestList << true << 2 << QString() << false;
    QTest::newRow("empty index") << bytes(set(ociIndex(), u"manifests"_s, QJsonArray())) << QString()
                                 << mediatype::ociIndex << true << 0 << QString() << false;
    QTest::newRow("index with subject") << bytes(
        set(set(ociIndex(), u"subject"_s, descriptor(mediatype::ociManifest, "image", 10)), u"artifactType"_s,
            u"application/vnd.example+type"_s))
                                        << QString() << mediatype::ociIndex << true << 2
                                        << u"application/vnd.example+type"_s << true;
    QTest::newRow("signature artifact") << bytes(signature()) << mediatype::ociManifest << mediatype::ociManifest
                                        << false << 1 << u"application/vnd.dev.cosign.artifact.sig.v1+json"_s << true;
    QTest::newRow("empty-config artifact without layers")
        << bytes(set(signature(), u"layers"_s, QJsonArray())) << QString() << mediatype::ociManifest << false << 0
        << u"application/vnd.dev.cosign.artifact.sig.v1+json"_s << true;
    QTest::newRow("artifact type from config")
        << bytes(set(set(ociImage(), u"config"_s, descriptor(u"application/vnd.example.config.v1+json"_s, "c", 7)),
               u"subject"_s, descriptor(mediatype::ociManifest, "image", 10)))
        << QString() << mediatype::ociManifest << false << 2 << u"application/vnd.example.config.v1+json"_s << true;
    QTest::newRow("null optional fields")
        << bytes(set(set(ociImage(), u"annotations"_s, QJsonValue()), u"subject"_s, QJsonValue())) << QString()
        << mediatype::ociManifest << false << 2 << ociConfig << false;
    QTest::newRow("unknown fields ignored") << bytes(set(ociImage(), u"x-extra"_s, QJsonObject{ { u"a"_s, 1 } }))
                                            << QString() << mediatype::ociManifest << false << 2 << ociConfig << false;
    QTest::newRow("schemaVersion 2.0") << QByteArray(
        bytes(ociImage()).replace("\"schemaVersion\": 2", "\"schemaVersion\": 2.0"))
                                       << QString() << mediatype::ociManifest << false << 2 << ociConfig << false;
}

void TestManifest::good()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, contentType);
    QFETCH(QString, mediaType);
    QFETCH(bool, isIndex);
    QFETCH(int, children);
    QFETCH(QString, artifactType);
    QFETCH(bool, hasSubject);

    const auto manifest = Manifest::parse(json, contentType);
    QVERIFY2(manifest.has_value(), qPrintable(manifest ? QString() : manifest.error().message));
    QCOMPARE(manifest->mediaType, mediaType);
    QCOMPARE(manifest->isIndex, isIndex);
    QCOMPARE(manifest->config.has_value(), !isIndex);
    QCOMPARE(isIndex ? manifest->manifests.size() : manifest->layers.size(), qsizetype(children));
    QCOMPARE(isIndex ? manifest->layers.size() : manifest->manifests.size(), qsizetype(0));
    QCOMPARE(manifest->artifactType, artifactType);
    QCOMPARE(manifest->subject.has_value(), hasSubject);
}

void TestManifest::bad_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<QString>("message");

    const QString none;
    // The document itself.
    QTest::newRow("not json") << QByteArray("this is not json") << none << u"manifest is not valid JSON: "_s;
    QTest::newRow("empty") << QByteArray() << none << u"manifest is not valid JSON"_s;
    QTest::newRow("truncated") << bytes(ociImage()).left(40) << none << u"manifest is not valid JSON"_s;
    QTest::newRow("array") << QByteArray("[]") << none << u"manifest is not a JSON object"_s;

    // schemaVersion.
    QTest::newRow("schemaVersion 1") << bytes(set(ociImage(), u"schemaVersion"_s, 1)) << none
                                     << u"schemaVersion: want 2, got 1"_s;
    QTest::newRow("schemaVersion 3") << bytes(set(ociImage(), u"schemaVersion"_s, 3)) << none
                                     << u"schemaVersion: want 2, got 3"_s;
    QTest::newRow("schemaVersion missing")
        << bytes(set(ociImage(), u"schemaVersion"_s, absent)) << none << u"schemaVersion: missing"_s;
    QTest::newRow("schemaVersion string") << bytes(set(ociImage(), u"schemaVersion"_s, u"2"_s)) << none
                                          << u"schemaVersion: want a number, got a string"_s;
    QTest::newRow("docker schema1") << QByteArray(
        R"({"schemaVersion": 1, "name": "library/busybox", "tag": "latest", "fsLayers": []})")
                                    << u"application/vnd.docker.distribution.manifest.v1+prettyjws"_s
                                    << u"schemaVersion: want 2, got 1"_s;

    // Media type.
    QTest::newRow("mediaType number") << bytes(set(ociImage(), u"mediaType"_s, 5)) << none
                                      << u"mediaType: want a string, got a number"_s;
    QTest::newRow("unknown mediaType") << bytes(set(ociImage(), u"mediaType"_s, mediatype::ociConfig)) << none
                                       << u"mediaType: unsupported \"application/vnd.oci.image.config.v1+json\""_s;
    QTest::newRow("mismatched content type")
        << bytes(ociImage()) << mediatype::dockerManifest
        << u"mediaType: \"application/vnd.oci.image.manifest.v1+json\" does not match Content-Type "
           "\"application/vnd.docker.distribution.manifest.v2+json\""_s;
    QTest::newRow("index says manifest")
        << bytes(ociIndex()) << mediatype::ociManifest
        << u"mediaType: \"application/vnd.oci.image.index.v1+json\" does not match Content-Type"_s;
    QTest::newRow("unknown content type") << bytes(set(ociImage(), u"mediaType"_s, absent)) << u"application/json"_s
                                          << u"mediaType: unsupported \"application/json\""_s;
    QTest::newRow("content type says index")
        << bytes(set(ociImage(), u"mediaType"_s, absent)) << mediatype::ociIndex << u"manifests: missing"_s;
    QTest::newRow("no kind at all") << QByteArray(R"({"schemaVersion": 2})") << none
                                    << u"mediaType: missing, and neither \"config\" nor \"manifests\""_s;

    // Image manifests.
    QTest::newRow("missing config") << bytes(set(ociImage(), u"config"_s, absent)) << none << u"config: missing"_s;
    QTest::newRow("null config") << bytes(set(ociImage(), u"config"_s, QJsonValue())) << mediatype::ociManifest
                                 << u"config: missing"_s;
    QTest::newRow("config string") << bytes(set(ociImage(), u"config"_s, u"sha256:x"_s)) << none
                                   << u"config: want an object, got a string"_s;
    QTest::newRow("config bad mediaType") << bytes(set(ociImage(), u"config"_s, descriptor(u"json"_s, "c", 1))) << none
                                          << u"config.mediaType: \"json\" is not a type/subtype media type"_s;
    QTest::newRow("config without digest")
        << bytes(set(ociImage(), u"config"_s, set(descriptor(mediatype::ociConfig, "c", 1), u"digest"_s, absent)))
        << none << u"config.digest: missing"_s;
    QTest::newRow("missing layers") << bytes(set(ociImage(), u"layers"_s, absent)) << none << u"layers: missing"_s;
    QTest::newRow("layers object") << bytes(set(ociImage(), u"layers"_s, QJsonObject())) << none
                                   << u"layers: want an array, got an object"_s;
    QTest::newRow("layer not object") << bytes(setElement(ociImage(), u"layers"_s, 0, 7)) << none
                                      << u"layers[0]: want an object, got a number"_s;
    QTest::newRow("bad digest in layers[1]")
        << bytes(setElement(
               ociImage(), u"layers"_s, 1, set(descriptor(mediatype::ociLayer, "l", 1), u"digest"_s, u"sha256:abc"_s)))
        << none << u"layers[1].digest: digest \"sha256:abc\": want 64 hex characters, got 3"_s;
    QTest::newRow("uppercase digest in layers[1]") << bytes(setElement(ociImage(), u"layers"_s, 1,
        set(descriptor(mediatype::ociLayer, "l", 1), u"digest"_s,
            u"sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"_s)))
                                                   << none << u"layers[1].digest: digest \"sha256:E3B0"_s;
    QTest::newRow("negative size") << bytes(
        setElement(ociImage(), u"layers"_s, 0, descriptor(mediatype::ociLayer, "l", -1)))
                                   << none << u"layers[0].size: must not be negative, got -1"_s;
    QTest::newRow("fractional size") << bytes(
        setElement(ociImage(), u"layers"_s, 1, set(descriptor(mediatype::ociLayer, "l", 1), u"size"_s, 10.5)))
                                     << none << u"layers[1].size: want a whole number"_s;
    QTest::newRow("missing size") << bytes(
        setElement(ociImage(), u"layers"_s, 1, set(descriptor(mediatype::ociLayer, "l", 1), u"size"_s, absent)))
                                  << none << u"layers[1].size: missing"_s;
    QTest::newRow("layer urls not strings") << bytes(setElement(
        ociImage(), u"layers"_s, 0, set(descriptor(mediatype::ociLayer, "l", 1), u"urls"_s, QJsonArray{ 1 })))
                                            << none << u"layers[0].urls[0]: want a string, got a number"_s;

    // Indexes.
    QTest::newRow("index without manifests")
        << bytes(set(ociIndex(), u"manifests"_s, absent)) << none << u"manifests: missing"_s;
    QTest::newRow("list without manifests")
        << bytes(set(dockerList(), u"manifests"_s, absent)) << none << u"manifests: missing"_s;
    QTest::newRow("manifests object") << bytes(set(ociIndex(), u"manifests"_s, QJsonObject())) << none
                                      << u"manifests: want an array, got an object"_s;
    QTest::newRow("platform without architecture") << bytes(setElement(ociIndex(), u"manifests"_s, 1,
        withPlatform(descriptor(mediatype::ociManifest, "m", 1), QJsonObject{ { u"os"_s, u"linux"_s } })))
                                                   << none << u"manifests[1].platform: architecture: missing"_s;
    QTest::newRow("manifest negative size")
        << bytes(setElement(ociIndex(), u"manifests"_s, 0, descriptor(mediatype::ociManifest, "m", -5))) << none
        << u"manifests[0].size: must not be negative, got -5"_s;

    // Fields both kinds have.
    QTest::newRow("subject bad digest") << bytes(
        set(signature(), u"subject"_s, set(descriptor(mediatype::ociManifest, "s", 1), u"digest"_s, u"md5:00"_s)))
                                        << none
                                        << u"subject.digest: digest \"md5:00\": unsupported algorithm \"md5\""_s;
    QTest::newRow("subject array") << bytes(set(signature(), u"subject"_s, QJsonArray())) << none
                                   << u"subject: want an object, got an array"_s;
    QTest::newRow("artifactType grammar") << bytes(set(signature(), u"artifactType"_s, u"signature"_s)) << none
                                          << u"artifactType: \"signature\" is not a type/subtype media type"_s;
    QTest::newRow("artifactType number") << bytes(set(signature(), u"artifactType"_s, 1)) << none
                                         << u"artifactType: want a string, got a number"_s;
    QTest::newRow("annotation not string") << bytes(set(ociIndex(), u"annotations"_s, QJsonObject{ { u"a"_s, true } }))
                                           << none << u"annotations.a: want a string, got a boolean"_s;
}

void TestManifest::bad()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, contentType);
    QFETCH(QString, message);

    const auto manifest = Manifest::parse(json, contentType);
    QVERIFY2(!manifest.has_value(), json.constData());
    QCOMPARE(manifest.error().code, Code::InvalidArgument);
    QVERIFY2(manifest.error().message.startsWith(message), qPrintable(manifest.error().message));
}

void TestManifest::ociImageFields()
{
    const auto manifest
        = Manifest::parse(bytes(set(ociImage(), u"annotations"_s, QJsonObject{ { u"k"_s, u"v"_s } })), {});
    QVERIFY(manifest.has_value());
    QCOMPARE(manifest->config->mediaType, mediatype::ociConfig);
    QCOMPARE(manifest->config->digest.toString(), digestOf("config"));
    QCOMPARE(manifest->config->size, qint64(1470));
    QCOMPARE(manifest->layers.at(0).mediaType, mediatype::ociLayerGzip);
    QCOMPARE(manifest->layers.at(0).size, qint64(2'000'000));
    QCOMPARE(manifest->layers.at(1).digest.toString(), digestOf("layer1"));
    QCOMPARE(manifest->annotations, (QMap<QString, QString>{ { u"k"_s, u"v"_s } }));
    QVERIFY(manifest->manifests.isEmpty());
}

void TestManifest::indexFields()
{
    const auto manifest = Manifest::parse(bytes(ociIndex()), mediatype::ociIndex);
    QVERIFY(manifest.has_value());
    QVERIFY(!manifest->config);
    QCOMPARE(manifest->manifests.size(), qsizetype(2));
    QVERIFY(manifest->manifests.at(0).platform);
    QCOMPARE(manifest->manifests.at(0).platform->toString(), u"linux/amd64"_s);
    QCOMPARE(manifest->manifests.at(1).platform->toString(), u"linux/arm64/v8"_s);
    QCOMPARE(manifest->manifests.at(1).digest.toString(), digestOf("arm64"));
    QCOMPARE(manifest->annotations.value(u"org.opencontainers.image.ref.name"_s), u"1.0"_s);
    QVERIFY(manifest->artifactType.isEmpty());
}

void TestManifest::artifactWithSubject()
{
    const auto manifest = Manifest::parse(bytes(signature()), {});
    QVERIFY2(manifest.has_value(), qPrintable(manifest ? QString() : manifest.error().message));
    QCOMPARE(manifest->config->mediaType, mediatype::ociEmpty);
    QCOMPARE(manifest->config->digest.toString(),
        u"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"_s);
    QCOMPARE(manifest->subject->mediaType, mediatype::ociManifest);
    QCOMPARE(manifest->subject->digest.toString(), digestOf("image"));
    QCOMPARE(manifest->subject->size, qint64(1234));
    QCOMPARE(manifest->annotations.value(u"org.opencontainers.image.created"_s), u"2024-01-01T00:00:00Z"_s);
}

void TestManifest::literalDockerManifest()
{
    // As docker push sends it: schema2 with the Content-Type set.
    const QByteArray json = R"({
   "schemaVersion": 2,
   "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
   "config": {
      "mediaType": "application/vnd.docker.container.image.v1+json",
      "size": 1457,
      "digest": "sha256:a416a98b71e224a31ee99cff8e16063554498227d2b696152a9c3e0aa65e5824"
   },
   "layers": [
      {
         "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
         "size": 2220094,
         "digest": "sha256:809d8e20e2039c71d6ffac7a0b4e1d8fd16da2bd4ab0e3e0e4ce4ab1e58df0b0"
      }
   ]
})";
    const auto manifest = Manifest::parse(json, mediatype::dockerManifest);
    QVERIFY2(manifest.has_value(), qPrintable(manifest ? QString() : manifest.error().message));
    QCOMPARE(manifest->mediaType, mediatype::dockerManifest);
    QCOMPARE(manifest->config->size, qint64(1457));
    QCOMPARE(manifest->layers.size(), qsizetype(1));
    QCOMPARE(manifest->layers.at(0).size, qint64(2220094));
    QCOMPARE(manifest->artifactType, mediatype::dockerConfig);
}

void TestManifest::blobs()
{
    const auto image = Manifest::parse(bytes(signature()), {});
    QVERIFY(image.has_value());
    const QList<Descriptor> blobs = image->blobs();
    QCOMPARE(blobs.size(), qsizetype(2)); // config and the layer, not the subject
    QCOMPARE(blobs.at(0).mediaType, mediatype::ociEmpty);
    QCOMPARE(blobs.at(1).digest.toString(), digestOf("bundle"));

    const auto index = Manifest::parse(bytes(ociIndex()), {});
    QVERIFY(index.has_value());
    QVERIFY(index->blobs().isEmpty());
}

QTEST_GUILESS_MAIN(TestManifest)
#include "tst_manifest.moc"
