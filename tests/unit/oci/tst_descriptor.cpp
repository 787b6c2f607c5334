// Descriptors and the media type grammar they are checked against.

#include "oci/descriptor.h"
#include "oci/mediatype.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using muelle::Code;
using muelle::oci::Descriptor;
using muelle::oci::Digest;
namespace mediatype = muelle::oci::mediatype;

namespace {

const QString digest = u"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;

QJsonObject minimal()
{
    return { { u"mediaType"_s, mediatype::ociLayerGzip }, { u"digest"_s, digest }, { u"size"_s, 0 } };
}

QJsonObject with(QJsonObject object, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

} // namespace

class TestDescriptor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void wellFormedMediaTypes_data();
    void wellFormedMediaTypes();
    void kinds();
    void minimalDescriptor();
    void fullRoundTrip();
    void largeSize();
    void invalid_data();
    void invalid();
    void topLevelPath();
};

void TestDescriptor::wellFormedMediaTypes_data()
{
    QTest::addColumn<QString>("mediaType");
    QTest::addColumn<bool>("expected");

    QTest::newRow("oci manifest") << mediatype::ociManifest << true;
    QTest::newRow("docker layer") << mediatype::dockerLayerGzip << true;
    QTest::newRow("simple") << u"text/plain"_s << true;
    QTest::newRow("all restricted chars") << u"a!#$&-^_.+/b!#$&-^_.+"_s << true;
    QTest::newRow("digits") << u"1/2"_s << true;
    QTest::newRow("127 each") << QString(127, u'a') + u'/' + QString(127, u'b') << true;

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("no slash") << u"application"_s << false;
    QTest::newRow("empty type") << u"/json"_s << false;
    QTest::newRow("empty subtype") << u"application/"_s << false;
    QTest::newRow("two slashes") << u"a/b/c"_s << false;
    QTest::newRow("parameters") << u"application/json; charset=utf-8"_s << false;
    QTest::newRow("space") << u"application/ json"_s << false;
    QTest::newRow("leading symbol") << u"application/+json"_s << false;
    QTest::newRow("leading dot type") << u".a/b"_s << false;
    QTest::newRow("128 type") << QString(128, u'a') + u"/b"_s << false;
    QTest::newRow("128 subtype") << u"a/"_s + QString(128, u'b') << false;
    QTest::newRow("non-ascii") << u"application/j\u00e9son"_s << false;
}

void TestDescriptor::wellFormedMediaTypes()
{
    QFETCH(QString, mediaType);
    QFETCH(bool, expected);
    QCOMPARE(mediatype::isWellFormed(mediaType), expected);
}

void TestDescriptor::kinds()
{
    QVERIFY(mediatype::isManifest(mediatype::ociManifest));
    QVERIFY(mediatype::isManifest(mediatype::dockerManifest));
    QVERIFY(!mediatype::isManifest(mediatype::ociIndex));
    QVERIFY(!mediatype::isManifest(mediatype::ociConfig));
    QVERIFY(mediatype::isIndex(mediatype::ociIndex));
    QVERIFY(mediatype::isIndex(mediatype::dockerManifestList));
    QVERIFY(!mediatype::isIndex(mediatype::dockerManifest));
    QVERIFY(!mediatype::isIndex(QString()));
}

void TestDescriptor::minimalDescriptor()
{
    const auto descriptor = Descriptor::fromJson(minimal(), u"layers[0]"_s);
    QVERIFY2(descriptor.has_value(), qPrintable(descriptor ? QString() : descriptor.error().message));
    QCOMPARE(descriptor->mediaType, mediatype::ociLayerGzip);
    QCOMPARE(descriptor->digest.toString(), digest);
    QCOMPARE(descriptor->size, qint64(0));
    QVERIFY(descriptor->urls.isEmpty());
    QVERIFY(descriptor->annotations.isEmpty());
    QVERIFY(descriptor->artifactType.isEmpty());
    QVERIFY(!descriptor->platform);
    QCOMPARE(descriptor->toJson(), minimal());
}

void TestDescriptor::fullRoundTrip()
{
    const QJsonObject json{
        { u"mediaType"_s, mediatype::ociManifest },
        { u"digest"_s, digest },
        { u"size"_s, 1234 },
        { u"urls"_s, QJsonArray{ u"https://example.com/blob"_s } },
        { u"annotations"_s, QJsonObject{ { u"org.opencontainers.image.title"_s, u"x"_s } } },
        { u"artifactType"_s, u"application/vnd.example.sbom+json"_s },
        { u"platform"_s,
            QJsonObject{ { u"os"_s, u"linux"_s }, { u"architecture"_s, u"arm"_s }, { u"variant"_s, u"v7"_s } } },
    };
    const auto descriptor = Descriptor::fromJson(json, u"manifests[0]"_s);
    QVERIFY2(descriptor.has_value(), qPrintable(descriptor ? QString() : descriptor.error().message));
    QCOMPARE(descriptor->size, qint64(1234));
    QCOMPARE(descriptor->urls, QStringList{ u"https://example.com/blob"_s });
    QCOMPARE(descriptor->annotations.value(u"org.opencontainers.image.title"_s), u"x"_s);
    QCOMPARE(descriptor->artifactType, u"application/vnd.example.sbom+json"_s);
    QVERIFY(descriptor->platform);
    QCOMPARE(descriptor->platform->toString(), u"linux/arm/v7"_s);
    QCOMPARE(descriptor->toJson(), json);
}

void TestDescriptor::largeSize()
{
    // Layers past 4 GiB must keep their exact size.
    const qint64 size = 5'000'000'123LL;
    const auto descriptor = Descriptor::fromJson(with(minimal(), u"size"_s, size), {});
    QVERIFY(descriptor.has_value());
    QCOMPARE(descriptor->size, size);
    QCOMPARE(descriptor->toJson().value(u"size"_s).toInteger(), size);
}

void TestDescriptor::invalid_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("message");

    const QJsonValue absent(QJsonValue::Undefined);
    QTest::newRow("no mediaType") << with(minimal(), u"mediaType"_s, absent) << u"layers[1].mediaType: missing"_s;
    QTest::newRow("null mediaType") << with(minimal(), u"mediaType"_s, QJsonValue())
                                    << u"layers[1].mediaType: missing"_s;
    QTest::newRow("empty mediaType") << with(minimal(), u"mediaType"_s, QString()) << u"layers[1].mediaType: empty"_s;
    QTest::newRow("mediaType number") << with(minimal(), u"mediaType"_s, 3)
                                      << u"layers[1].mediaType: want a string, got a number"_s;
    QTest::newRow("mediaType grammar") << with(minimal(), u"mediaType"_s, u"tar"_s)
                                       << u"layers[1].mediaType: \"tar\" is not a type/subtype media type"_s;
    QTest::newRow("no digest") << with(minimal(), u"digest"_s, absent) << u"layers[1].digest: missing"_s;
    QTest::newRow("short digest") << with(minimal(), u"digest"_s, u"sha256:abc"_s)
                                  << u"layers[1].digest: digest \"sha256:abc\": want 64 hex characters, got 3"_s;
    QTest::newRow("uppercase digest")
        << with(minimal(), u"digest"_s, digest.toUpper())
        << u"layers[1].digest: digest \"%1\": unsupported algorithm \"SHA256\" (want sha256 or sha512)"_s.arg(
               digest.toUpper());
    QTest::newRow("digest object") << with(minimal(), u"digest"_s, QJsonObject())
                                   << u"layers[1].digest: want a string, got an object"_s;
    QTest::newRow("no size") << with(minimal(), u"size"_s, absent) << u"layers[1].size: missing"_s;
    QTest::newRow("negative size") << with(minimal(), u"size"_s, -1)
                                   << u"layers[1].size: must not be negative, got -1"_s;
    QTest::newRow("fractional size") << with(minimal(), u"size"_s, 1.5)
                                     << u"layers[1].size: want a whole number of bytes below 2^63, got 1.5"_s;
    QTest::newRow("huge size") << with(minimal(), u"size"_s, 1e30)
                               << u"layers[1].size: want a whole number of bytes below 2^63"_s;
    QTest::newRow("string size") << with(minimal(), u"size"_s, u"12"_s)
                                 << u"layers[1].size: want a number, got a string"_s;
    QTest::newRow("bool size") << with(minimal(), u"size"_s, true) << u"layers[1].size: want a number, got a boolean"_s;
    QTest::newRow("urls string") << with(minimal(), u"urls"_s, u"x"_s)
                                 << u"layers[1].urls: want an array, got a string"_s;
    QTest::newRow("urls numbers") << with(minimal(), u"urls"_s, QJsonArray{ u"a"_s, 2 })
                                  << u"layers[1].urls[1]: want a string, got a number"_s;
    QTest::newRow("annotations array") << with(minimal(), u"annotations"_s, QJsonArray())
                                       << u"layers[1].annotations: want an object, got an array"_s;
    QTest::newRow("annotation number") << with(minimal(), u"annotations"_s, QJsonObject{ { u"k"_s, 1 } })
                                       << u"layers[1].annotations.k: want a string, got a number"_s;
    QTest::newRow("artifactType grammar") << with(minimal(), u"artifactType"_s, u"sbom"_s)
                                          << u"layers[1].artifactType: \"sbom\" is not a type/subtype media type"_s;
    QTest::newRow("platform string") << with(minimal(), u"platform"_s, u"linux/amd64"_s)
                                     << u"layers[1].platform: want an object, got a string"_s;
    QTest::newRow("platform without os") << with(
        minimal(), u"platform"_s, QJsonObject{ { u"architecture"_s, u"amd64"_s } })
                                         << u"layers[1].platform: os: missing"_s;
}

void TestDescriptor::invalid()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, message);

    const auto descriptor = Descriptor::fromJson(json, u"layers[1]"_s);
    QVERIFY(!descriptor.has_value());
    QCOMPARE(descriptor.error().code, Code::InvalidArgument);
    QCOMPARE(descriptor.error().message.left(message.size()), message);
}

void TestDescriptor::topLevelPath()
{
    const auto descriptor = Descriptor::fromJson(with(minimal(), u"size"_s, -2), {});
    QVERIFY(!descriptor.has_value());
    QCOMPARE(descriptor.error().message, u"size: must not be negative, got -2"_s);
}

QTEST_GUILESS_MAIN(TestDescriptor)
#include "tst_descriptor.moc"
