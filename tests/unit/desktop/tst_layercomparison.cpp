// Two tags' layers compared (the tag page's Compare) and what a referrer is
// called by its artifact type: pure functions, no engine.

#include "desktop/registries/layercomparison.h"
#include "desktop/registries/tagdetails.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

namespace {

QJsonArray layers(std::initializer_list<std::pair<const char *, qint64>> list)
{
    QJsonArray array;
    for (const auto &[digest, size] : list)
        array.append(QJsonObject{ { u"digest"_s, QString::fromLatin1(digest) }, { u"size"_s, size } });
    return array;
}

} // namespace

class TestLayerComparison : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sharedAndApart()
    {
        const LayerComparison c = compareLayers(layers({ { "sha256:a", 100 }, { "sha256:b", 20 }, { "sha256:c", 5 } }),
            layers({ { "sha256:a", 100 }, { "sha256:b", 20 }, { "sha256:d", 50 }, { "sha256:e", 1 } }));
        QCOMPARE(c.shared, 2);
        QCOMPARE(c.sharedSize, 120);
        QCOMPARE(c.onlyFirst.size(), 1);
        QCOMPARE(c.onlyFirst.at(0).toObject().value(u"digest").toString(), u"sha256:c"_s);
        QCOMPARE(c.onlySecond.size(), 2);
        QCOMPARE(c.delta(), 171 - 125);
        const QVariantMap map = c.toMap();
        QCOMPARE(map.value(u"delta"_s).toDouble(), 46.0);
        QCOMPARE(map.value(u"onlySecond"_s).toList().size(), 2);
    }
    void identicalImages()
    {
        const QJsonArray same = layers({ { "sha256:a", 7 }, { "sha256:b", 3 } });
        const LayerComparison c = compareLayers(same, same);
        QCOMPARE(c.shared, 2);
        QVERIFY(c.onlyFirst.isEmpty() && c.onlySecond.isEmpty());
        QCOMPARE(c.delta(), 0);
    }
    void aLayerTwiceIsSharedOnce()
    {
        const LayerComparison c
            = compareLayers(layers({ { "sha256:a", 7 }, { "sha256:a", 7 } }), layers({ { "sha256:a", 7 } }));
        QCOMPARE(c.shared, 1);
        QCOMPARE(c.sharedSize, 7);
        QCOMPARE(c.delta(), -7); // the first image carries it twice
    }
    void nothingInCommon()
    {
        const LayerComparison c = compareLayers(layers({ { "sha256:a", 1 } }), {});
        QCOMPARE(c.shared, 0);
        QCOMPARE(c.onlyFirst.size(), 1);
        QCOMPARE(c.delta(), -1);
    }
    void referrerKinds()
    {
        QCOMPARE(referrerKind(u"application/vnd.dev.cosign.artifact.sig.v1+json"_s), u"signature"_s);
        QCOMPARE(referrerKind(u"application/vnd.cncf.notary.signature"_s), u"signature"_s);
        QCOMPARE(referrerKind(u"application/spdx+json"_s), u"sbom"_s);
        QCOMPARE(referrerKind(u"application/vnd.cyclonedx+json"_s), u"sbom"_s);
        QCOMPARE(referrerKind(u"application/vnd.in-toto+json"_s), u"attestation"_s);
        QCOMPARE(referrerKind(u"application/vnd.example.thing"_s), u"artifact"_s);
        QCOMPARE(referrerKind(QString()), u"artifact"_s);
    }
};

QTEST_GUILESS_MAIN(TestLayerComparison)
#include "tst_layercomparison.moc"
