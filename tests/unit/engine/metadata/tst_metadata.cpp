// The engine's records in a real SQLite file: images with their layers,
// tags and repo digests, what they keep in use, and transactions that leave
// all of a change or none of it.
#include "engine/metadata/metadata.h"
#include "tests/unit/engine/support.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace muelle;
using namespace muelle::engine;
using metadata::Image;
using metadata::Layer;
using metadata::Metadata;
using metadata::RepoDigest;
using muelle::engine::testing::why;

namespace {

oci::Digest digestNamed(const QByteArray &seed)
{
    return oci::Digest::of(seed);
}

const QString manifestType = u"application/vnd.oci.image.manifest.v1+json"_s;
const QString layerType = u"application/vnd.oci.image.layer.v1.tar+gzip"_s;

// An image named `name` with `layers` layers of its own.
Image makeImage(const QByteArray &name, int layers, qint64 createdSecs = 1'700'000'000)
{
    Image image;
    image.id = digestNamed("config " + name);
    image.created = QDateTime::fromSecsSinceEpoch(createdSecs, Qt::UTC);
    image.os = u"linux"_s;
    image.architecture = u"amd64"_s;
    for (int i = 0; i < layers; ++i) {
        const QByteArray n = name + ' ' + QByteArray::number(i);
        image.layers.append({ digestNamed("chain " + n), digestNamed("diff " + n), digestNamed("blob " + n), layerType,
            100 + i, 1000 + i });
        image.size += 1000 + i;
    }
    return image;
}

RepoDigest repoDigestOf(const Image &image, const QString &repository)
{
    const oci::Digest manifest = digestNamed("manifest " + image.id.hex().toLatin1());
    return { repository, digestNamed("index " + image.id.hex().toLatin1()), manifest, manifestType };
}

QSet<oci::Digest> blobsOf(const Image &image, const QList<RepoDigest> &repoDigests)
{
    QSet<oci::Digest> blobs{ image.id };
    for (const Layer &layer : image.layers)
        blobs.insert(layer.blob);
    for (const RepoDigest &repoDigest : repoDigests)
        blobs += { repoDigest.digest, repoDigest.manifest };
    return blobs;
}

QSet<oci::Digest> chainsOf(const Image &image)
{
    QSet<oci::Digest> chains;
    for (const Layer &layer : image.layers)
        chains.insert(layer.chainId);
    return chains;
}

struct Fixture {
    QTemporaryDir tmp;
    QString path = tmp.filePath(u"metadata.db"_s);
    std::unique_ptr<Metadata> db;

    bool open()
    {
        auto opened = Metadata::open(path);
        if (!opened)
            qWarning("%s", qPrintable(opened.error().message));
        db = opened ? std::move(*opened) : nullptr;
        return db != nullptr;
    }
};

const QString busybox = u"docker.io/library/busybox"_s;
const QString busyboxLatest = u"docker.io/library/busybox:latest"_s;

} // namespace

class TestMetadata : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void addImageAndFindItEveryWay()
    {
        Fixture f;
        QVERIFY(f.open());
        const Image image = makeImage("busybox", 2);
        const RepoDigest repoDigest = repoDigestOf(image, busybox);
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        auto added = f.db->addImage(image, repoDigest, busyboxLatest);
        QVERIFY2(added, why(added));
        QVERIFY(!added->has_value());

        auto got = f.db->image(image.id);
        QVERIFY2(got, why(got));
        QCOMPARE(got->id, image.id);
        QCOMPARE(got->created, image.created);
        QVERIFY(got->added.toMSecsSinceEpoch() >= before);
        QVERIFY(got->added.toMSecsSinceEpoch() <= QDateTime::currentMSecsSinceEpoch());
        QCOMPARE(got->size, image.size);
        QCOMPARE(got->os, u"linux"_s);
        QCOMPARE(got->architecture, u"amd64"_s);
        QCOMPARE(got->layers.size(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(got->layers[i].chainId, image.layers[i].chainId);
            QCOMPARE(got->layers[i].diffId, image.layers[i].diffId);
            QCOMPARE(got->layers[i].blob, image.layers[i].blob);
            QCOMPARE(got->layers[i].mediaType, layerType);
            QCOMPARE(got->layers[i].blobSize, image.layers[i].blobSize);
            QCOMPARE(got->layers[i].size, image.layers[i].size);
        }
        QCOMPARE(got->tags, QStringList{ busyboxLatest });
        QCOMPARE(got->repoDigests.size(), 1);
        QCOMPARE(got->repoDigests[0].repository, busybox);
        QCOMPARE(got->repoDigests[0].digest, repoDigest.digest);
        QCOMPARE(got->repoDigests[0].manifest, repoDigest.manifest);
        QCOMPARE(got->repoDigests[0].mediaType, manifestType);

        auto all = f.db->images();
        QVERIFY(all);
        QCOMPARE(all->size(), 1);
        QCOMPARE(all->first().id, image.id);
        QCOMPARE(f.db->tagged(busyboxLatest).value_or(oci::Digest()), image.id);
        QCOMPARE(f.db->byRepoDigest(busybox, repoDigest.digest).value_or(oci::Digest()), image.id);
        QCOMPARE(f.db->imagesWithPrefix(image.id.hex().left(12)).value_or(QList<oci::Digest>()),
            QList<oci::Digest>{ image.id });
    }

    void missingThingsAreNotFound()
    {
        Fixture f;
        QVERIFY(f.open());
        const Image image = makeImage("busybox", 1);
        const RepoDigest repoDigest = repoDigestOf(image, busybox);
        QVERIFY(f.db->addImage(image, repoDigest, busyboxLatest));

        auto noImage = f.db->image(digestNamed("nothing"));
        QCOMPARE(noImage.error().code, Code::NotFound);
        QCOMPARE(noImage.error().message, u"No such image: "_s + digestNamed("nothing").toString());
        auto noTag = f.db->tagged(u"docker.io/library/busybox:1.36"_s);
        QCOMPARE(noTag.error().code, Code::NotFound);
        QCOMPARE(noTag.error().message, u"No such image: docker.io/library/busybox:1.36"_s);
        // A repo digest belongs to its repository.
        auto elsewhere = f.db->byRepoDigest(u"docker.io/library/alpine"_s, repoDigest.digest);
        QCOMPARE(elsewhere.error().code, Code::NotFound);
        QCOMPARE(
            elsewhere.error().message, u"No such image: docker.io/library/alpine@"_s + repoDigest.digest.toString());
        // The manifest is not what it was pulled by (an index here).
        QCOMPARE(f.db->byRepoDigest(busybox, repoDigest.manifest).error().code, Code::NotFound);
        QCOMPARE(f.db->imagesWithPrefix(u"zzzz"_s).value_or(QList<oci::Digest>{ image.id }), QList<oci::Digest>());
    }

    void imagesNewestFirstAndByPrefix()
    {
        Fixture f;
        QVERIFY(f.open());
        const Image older = makeImage("older", 1, 1'600'000'000);
        const Image newer = makeImage("newer", 1, 1'700'000'000);
        QVERIFY(f.db->addImage(older, std::nullopt, std::nullopt));
        QVERIFY(f.db->addImage(newer, std::nullopt, std::nullopt));
        auto all = f.db->images();
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).id, newer.id);
        QCOMPARE(all->at(1).id, older.id);
        QVERIFY(all->at(0).tags.isEmpty());
        QVERIFY(all->at(0).repoDigests.isEmpty());

        // A third image whose ID starts with the same character as the older one's.
        Image sibling;
        for (int i = 0; sibling.id.hex().isEmpty() || sibling.id.hex().front() != older.id.hex().front(); ++i)
            sibling = makeImage("sibling " + QByteArray::number(i), 1, 1'500'000'000);
        QVERIFY(f.db->addImage(sibling, std::nullopt, std::nullopt));
        auto shared = f.db->imagesWithPrefix(older.id.hex().left(1));
        QVERIFY(shared);
        QCOMPARE(shared->size(), 2);
        QVERIFY(shared->contains(older.id) && shared->contains(sibling.id));
        int common = 0;
        while (older.id.hex().at(common) == sibling.id.hex().at(common))
            ++common;
        QCOMPARE(f.db->imagesWithPrefix(older.id.hex().left(common + 1)).value_or(QList<oci::Digest>()),
            QList<oci::Digest>{ older.id });
        QCOMPARE(f.db->imagesWithPrefix(newer.id.hex()).value_or(QList<oci::Digest>()), QList<oci::Digest>{ newer.id });
        // Hex only: "sha256:" is not part of what the prefix matches.
        QCOMPARE(f.db->imagesWithPrefix(u"sha256:"_s).value_or(QList<oci::Digest>{ older.id }), QList<oci::Digest>());
    }

    void addingAnImageAgainKeepsItsLayers()
    {
        Fixture f;
        QVERIFY(f.open());
        const Image image = makeImage("busybox", 2);
        QVERIFY(f.db->addImage(image, std::nullopt, std::nullopt));
        const QDateTime firstAdded = f.db->image(image.id)->added;
        QTest::qWait(5);
        Image again = makeImage("busybox", 3);
        auto added = f.db->addImage(again, repoDigestOf(image, busybox), u"docker.io/library/busybox:1.36"_s);
        QVERIFY2(added, why(added));
        auto got = f.db->image(image.id);
        QVERIFY(got);
        QCOMPARE(got->layers.size(), 2);
        QCOMPARE(got->added, firstAdded);
        QCOMPARE(got->tags, QStringList{ u"docker.io/library/busybox:1.36"_s });
        QCOMPARE(got->repoDigests.size(), 1);
    }

    void movingATagReturnsTheImageItNamed()
    {
        Fixture f;
        QVERIFY(f.open());
        const Image first = makeImage("first", 1);
        const Image second = makeImage("second", 1);
        QVERIFY(f.db->addImage(first, std::nullopt, busyboxLatest));

        auto moved = f.db->addImage(second, std::nullopt, busyboxLatest);
        QVERIFY2(moved, why(moved));
        QVERIFY(moved->has_value());
        QCOMPARE(moved->value(), first.id);
        QCOMPARE(f.db->tagged(busyboxLatest).value_or(oci::Digest()), second.id);
        QVERIFY(f.db->image(first.id)->tags.isEmpty());
        QCOMPARE(f.db->image(second.id)->tags, QStringList{ busyboxLatest });

        auto back = f.db->tag(busyboxLatest, first.id);
        QVERIFY2(back, why(back));
        QCOMPARE(back->value_or(oci::Digest()), second.id);
        auto same = f.db->tag(busyboxLatest, first.id);
        QVERIFY(same);
        QVERIFY(!same->has_value()); // it named this one already
        auto fresh = f.db->tag(u"localhost:5000/mine:v1"_s, first.id);
        QVERIFY(fresh);
        QVERIFY(!fresh->has_value());
        QCOMPARE(f.db->image(first.id)->tags.size(), 2);
        QVERIFY(!f.db->tag(u"docker.io/library/none:latest"_s, digestNamed("no such image")));
    }

    void untag()
    {
        Fixture f;
        QVERIFY(f.open());
        const Image image = makeImage("busybox", 1);
        QVERIFY(f.db->addImage(image, std::nullopt, busyboxLatest));
        QVERIFY(f.db->untag(busyboxLatest));
        QCOMPARE(f.db->tagged(busyboxLatest).error().code, Code::NotFound);
        QVERIFY(f.db->image(image.id)); // the image stays
        auto again = f.db->untag(busyboxLatest);
        QVERIFY(!again);
        QCOMPARE(again.error().code, Code::NotFound);
        QCOMPARE(again.error().message, u"No such image: "_s + busyboxLatest);
    }

    void removeImageTakesItsRecordsAlong()
    {
        Fixture f;
        QVERIFY(f.open());
        Image doomed = makeImage("doomed", 2);
        Image kept = makeImage("kept", 1);
        // Both images share the base layer.
        kept.layers.prepend(doomed.layers.first());
        const RepoDigest doomedDigest = repoDigestOf(doomed, busybox);
        const RepoDigest keptDigest = repoDigestOf(kept, u"docker.io/library/kept"_s);
        QVERIFY(f.db->addImage(doomed, doomedDigest, busyboxLatest));
        QVERIFY(f.db->tag(u"docker.io/library/busybox:stable"_s, doomed.id));
        QVERIFY(f.db->addImage(kept, keptDigest, u"docker.io/library/kept:latest"_s));
        QCOMPARE(f.db->blobsInUse().value_or(QSet<oci::Digest>()),
            blobsOf(doomed, { doomedDigest }) + blobsOf(kept, { keptDigest }));
        QCOMPARE(f.db->snapshotsInUse().value_or(QSet<oci::Digest>()), chainsOf(doomed) + chainsOf(kept));

        QVERIFY(f.db->removeImage(doomed.id));
        QCOMPARE(f.db->image(doomed.id).error().code, Code::NotFound);
        QCOMPARE(f.db->tagged(busyboxLatest).error().code, Code::NotFound);
        QCOMPARE(f.db->tagged(u"docker.io/library/busybox:stable"_s).error().code, Code::NotFound);
        QCOMPARE(f.db->byRepoDigest(busybox, doomedDigest.digest).error().code, Code::NotFound);
        QCOMPARE(f.db->blobsInUse().value_or(QSet<oci::Digest>()), blobsOf(kept, { keptDigest }));
        QCOMPARE(f.db->snapshotsInUse().value_or(QSet<oci::Digest>()), chainsOf(kept));
        QVERIFY(f.db->snapshotsInUse()->contains(doomed.layers.first().chainId)); // still shared
        auto left = f.db->image(kept.id);
        QVERIFY(left);
        QCOMPARE(left->layers.size(), 2);
        QCOMPARE(left->tags, QStringList{ u"docker.io/library/kept:latest"_s });
        QVERIFY(f.db->removeImage(doomed.id)); // gone already: fine

        QVERIFY(f.db->removeImage(kept.id));
        QVERIFY(f.db->images()->isEmpty());
        QVERIFY(f.db->blobsInUse()->isEmpty());
        QVERIFY(f.db->snapshotsInUse()->isEmpty());
    }

    void removeRepoDigestsOfOneRepository()
    {
        Fixture f;
        QVERIFY(f.open());
        const Image image = makeImage("busybox", 1);
        const RepoDigest hub = repoDigestOf(image, busybox);
        RepoDigest mirror = hub;
        mirror.repository = u"localhost:5000/busybox"_s;
        QVERIFY(f.db->addImage(image, hub, busyboxLatest));
        QVERIFY(f.db->addImage(image, mirror, u"localhost:5000/busybox:latest"_s));
        QCOMPARE(f.db->image(image.id)->repoDigests.size(), 2);

        QVERIFY(f.db->removeRepoDigests(image.id, busybox));
        QCOMPARE(f.db->byRepoDigest(busybox, hub.digest).error().code, Code::NotFound);
        QCOMPARE(f.db->byRepoDigest(mirror.repository, mirror.digest).value_or(oci::Digest()), image.id);
        auto got = f.db->image(image.id);
        QCOMPARE(got->repoDigests.size(), 1);
        QCOMPARE(got->repoDigests.first().repository, mirror.repository);
        QCOMPARE(got->tags.size(), 2); // tags are not repo digests
        // Of another image: nothing to drop.
        QVERIFY(f.db->removeRepoDigests(digestNamed("other"), mirror.repository));
        QCOMPARE(f.db->image(image.id)->repoDigests.size(), 1);
        // The manifest is still in use through the mirror.
        QVERIFY(f.db->blobsInUse()->contains(hub.manifest));
    }

    void blobSources()
    {
        Fixture f;
        QVERIFY(f.open());
        const oci::Digest blob = digestNamed("layer blob");
        QVERIFY(f.db->addBlobSource(blob, u"docker.io"_s, u"library/alpine"_s));
        QVERIFY(f.db->addBlobSource(blob, u"docker.io"_s, u"library/python"_s));
        QVERIFY(f.db->addBlobSource(blob, u"docker.io"_s, u"library/alpine"_s)); // again: fine
        QVERIFY(f.db->addBlobSource(blob, u"ghcr.io"_s, u"me/tool"_s));
        auto hub = f.db->blobSources(blob, u"docker.io"_s);
        QVERIFY(hub);
        QStringList sorted = *hub;
        sorted.sort();
        QCOMPARE(sorted, (QStringList{ u"library/alpine"_s, u"library/python"_s }));
        QCOMPARE(f.db->blobSources(blob, u"ghcr.io"_s).value_or(QStringList()), QStringList{ u"me/tool"_s });
        QCOMPARE(f.db->blobSources(blob, u"quay.io"_s).value_or(QStringList{ u"x"_s }), QStringList());
        QCOMPARE(
            f.db->blobSources(digestNamed("unknown"), u"docker.io"_s).value_or(QStringList{ u"x"_s }), QStringList());
        // Sources are no use: they keep nothing alive.
        QVERIFY(f.db->blobsInUse()->isEmpty());
    }

    void everythingSurvivesReopening()
    {
        Fixture f;
        QVERIFY(f.open());
        const Image image = makeImage("busybox", 3);
        const RepoDigest repoDigest = repoDigestOf(image, busybox);
        QVERIFY(f.db->addImage(image, repoDigest, busyboxLatest));
        QVERIFY(f.db->tag(u"docker.io/library/busybox:1"_s, image.id));
        QVERIFY(f.db->addBlobSource(image.layers[0].blob, u"docker.io"_s, u"library/busybox"_s));
        const Image before = f.db->image(image.id).value();
        f.db.reset();

        QVERIFY(f.open());
        auto after = f.db->image(image.id);
        QVERIFY2(after, why(after));
        QCOMPARE(after->created, before.created);
        QCOMPARE(after->added, before.added);
        QCOMPARE(after->size, before.size);
        QCOMPARE(after->layers.size(), 3);
        QCOMPARE(after->layers[2].chainId, image.layers[2].chainId);
        QCOMPARE(after->tags, before.tags);
        QCOMPARE(after->repoDigests.size(), 1);
        QCOMPARE(f.db->tagged(u"docker.io/library/busybox:1"_s).value_or(oci::Digest()), image.id);
        QCOMPARE(f.db->byRepoDigest(busybox, repoDigest.digest).value_or(oci::Digest()), image.id);
        QCOMPARE(f.db->blobSources(image.layers[0].blob, u"docker.io"_s).value_or(QStringList()),
            QStringList{ u"library/busybox"_s });
        QCOMPARE(f.db->blobsInUse().value_or(QSet<oci::Digest>()), blobsOf(image, { repoDigest }));

        // Cascades still hold in a new connection (foreign keys are per connection).
        QVERIFY(f.db->removeImage(image.id));
        QCOMPARE(f.db->tagged(busyboxLatest).error().code, Code::NotFound);
        QVERIFY(f.db->snapshotsInUse()->isEmpty());
    }

    void twoInstancesSeeEachOther()
    {
        Fixture f;
        QVERIFY(f.open());
        auto other = Metadata::open(f.path);
        QVERIFY2(other, why(other));
        const Image image = makeImage("shared", 1);
        QVERIFY(f.db->addImage(image, std::nullopt, busyboxLatest));
        QCOMPARE((*other)->tagged(busyboxLatest).value_or(oci::Digest()), image.id);
        QVERIFY((*other)->untag(busyboxLatest));
        QCOMPARE(f.db->tagged(busyboxLatest).error().code, Code::NotFound);
    }

    void openFailsWhereNoDatabaseCanBe()
    {
        QTemporaryDir tmp;
        auto opened = Metadata::open(tmp.filePath(u"missing/dir/metadata.db"_s));
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, Code::Internal);
        QVERIFY2(opened.error().message.startsWith(u"metadata: open \""_s), qPrintable(opened.error().message));
    }

    void failedAddImageLeavesNothing_data()
    {
        // A record the schema refuses (a media type left unset, NULL in
        // SQLite), after other rows of the same change were written.
        QTest::addColumn<bool>("badLayer");
        QTest::addColumn<bool>("badRepoDigest");
        QTest::newRow("second layer refused") << true << false;
        QTest::newRow("repo digest refused after the layers") << false << true;
    }

    void failedAddImageLeavesNothing()
    {
        QFETCH(bool, badLayer);
        QFETCH(bool, badRepoDigest);
        Fixture f;
        QVERIFY(f.open());
        const Image previous = makeImage("previous", 1);
        QVERIFY(f.db->addImage(previous, std::nullopt, busyboxLatest));

        Image image = makeImage("broken", 3);
        if (badLayer)
            image.layers[1].mediaType = QString();
        RepoDigest repoDigest = repoDigestOf(image, busybox);
        if (badRepoDigest)
            repoDigest.mediaType = QString();
        auto added = f.db->addImage(image, repoDigest, busyboxLatest);
        QVERIFY(!added);
        QCOMPARE(added.error().code, Code::Internal);
        QVERIFY2(added.error().message.startsWith(u"metadata: INSERT INTO "_s), qPrintable(added.error().message));
        QVERIFY2(added.error().message.contains(u"NOT NULL"_s), qPrintable(added.error().message));

        QCOMPARE(f.db->image(image.id).error().code, Code::NotFound);
        QCOMPARE(f.db->images().value_or(QList<Image>()).size(), 1);
        QCOMPARE(f.db->tagged(busyboxLatest).value_or(oci::Digest()), previous.id);
        QCOMPARE(f.db->byRepoDigest(busybox, repoDigest.digest).error().code, Code::NotFound);
        QCOMPARE(f.db->blobsInUse().value_or(QSet<oci::Digest>()), blobsOf(previous, {}));
        QCOMPARE(f.db->snapshotsInUse().value_or(QSet<oci::Digest>()), chainsOf(previous));

        // The connection is usable afterwards, and the same image with good
        // records goes in whole.
        image.layers[1].mediaType = layerType;
        repoDigest.mediaType = manifestType;
        auto retried = f.db->addImage(image, repoDigest, busyboxLatest);
        QVERIFY2(retried, why(retried));
        QCOMPARE(retried->value_or(oci::Digest()), previous.id);
        QCOMPARE(f.db->image(image.id)->layers.size(), 3);
        // And nothing of the failed attempt is on disk either.
        f.db.reset();
        QVERIFY(f.open());
        QCOMPARE(f.db->image(image.id)->layers.size(), 3);
        QCOMPARE(f.db->images()->size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestMetadata)
#include "tst_metadata.moc"
