// The registry's store below HTTP: blob writer, blob store, metadata and gc,
// on a real filesystem and a real SQLite database.
#include "registry/gc/gc.h"
#include "registry/service/registry.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace muelle;
using namespace muelle::registry;

namespace {

QByteArray readAll(std::unique_ptr<http::FileSource> source)
{
    QByteArray all;
    for (;;) {
        auto chunk = source->read(1 << 16);
        if (!chunk || chunk->isEmpty())
            return all;
        all += *chunk;
    }
}

// Uploads `bytes` through a session, in two chunks.
oci::Digest push(service::Registry &registry, const QString &repository, const QByteArray &bytes)
{
    const oci::Digest digest = oci::Digest::of(bytes);
    auto uuid = registry.startUpload(repository);
    if (!uuid)
        qFatal("startUpload: %s", qPrintable(uuid.error().message));
    const qsizetype half = bytes.size() / 2;
    for (const QByteArray &chunk : { bytes.left(half), bytes.mid(half) }) {
        auto sink = registry.appendToUpload(repository, *uuid, std::nullopt);
        if (!sink || !(*sink)->write(chunk))
            qFatal("append failed");
    }
    auto completed = registry.completeUpload(repository, *uuid, digest);
    if (!completed)
        qFatal("complete: %s", qPrintable(completed.error().message));
    return digest;
}

QByteArray imageManifest(const oci::Digest &config, qint64 configSize, const oci::Digest &layer, qint64 layerSize)
{
    return QStringLiteral(
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
        R"("config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%1","size":%2},)"
        R"("layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%3","size":%4}]})")
        .arg(config.toString())
        .arg(configSize)
        .arg(layer.toString())
        .arg(layerSize)
        .toUtf8();
}

} // namespace

class TestStorage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void blobIsStoredOnceAcrossRepositories()
    {
        QTemporaryDir dir;
        auto registry = service::Registry::open(dir.path());
        QVERIFY(registry);
        const QByteArray bytes(100000, 'x');
        oci::Digest digest;
        for (const char *repository : { "a", "b/c", "d" })
            digest = push(**registry, QString::fromLatin1(repository), bytes);
        QCOMPARE((*registry)->blobSize(QStringLiteral("b/c"), digest).value_or(-1), bytes.size());
        QVERIFY(!(*registry)->blobSize(QStringLiteral("other"), digest));
        QCOMPARE((*registry)->blobs().list()->size(), 1);
        auto source = (*registry)->readBlob(digest, 10, 20);
        QVERIFY(source);
        QCOMPARE(readAll(std::move(*source)), bytes.mid(10, 20));
    }

    void digestMismatchLeavesNothingVisible()
    {
        QTemporaryDir dir;
        auto registry = service::Registry::open(dir.path());
        auto uuid = (*registry)->startUpload(QStringLiteral("r"));
        QVERIFY(uuid);
        QVERIFY((*(*registry)->appendToUpload(QStringLiteral("r"), *uuid, 0))->write("hello"));
        const oci::Digest wrong = oci::Digest::of("bye");
        auto completed = (*registry)->completeUpload(QStringLiteral("r"), *uuid, wrong);
        QVERIFY(!completed);
        QCOMPARE(completed.error().code, service::DigestMismatch);
        QVERIFY((*registry)->blobs().list()->isEmpty());
        QVERIFY(!(*registry)->uploadSize(QStringLiteral("r"), *uuid));
    }

    void chunkOutOfOrderIsRefused()
    {
        QTemporaryDir dir;
        auto registry = service::Registry::open(dir.path());
        auto uuid = (*registry)->startUpload(QStringLiteral("r"));
        QVERIFY((*(*registry)->appendToUpload(QStringLiteral("r"), *uuid, 0))->write("12345"));
        auto late = (*registry)->appendToUpload(QStringLiteral("r"), *uuid, 3);
        QVERIFY(!late);
        QCOMPARE(late.error().code, Code::OutOfRange);
        QVERIFY((*registry)->appendToUpload(QStringLiteral("r"), *uuid, 5));
    }

    void uploadResumesAfterRestart()
    {
        QTemporaryDir dir;
        const QByteArray bytes = QByteArray("resumable upload ").repeated(1000);
        QString uuid;
        {
            auto registry = service::Registry::open(dir.path());
            uuid = *(*registry)->startUpload(QStringLiteral("r"));
            QVERIFY((*(*registry)->appendToUpload(QStringLiteral("r"), uuid, 0))->write(bytes.left(5000)));
        }
        auto registry = service::Registry::open(dir.path());
        QCOMPARE((*registry)->uploadSize(QStringLiteral("r"), uuid).value_or(-1), 5000);
        QVERIFY((*(*registry)->appendToUpload(QStringLiteral("r"), uuid, 5000))->write(bytes.mid(5000)));
        QVERIFY((*registry)->completeUpload(QStringLiteral("r"), uuid, oci::Digest::of(bytes)));
    }

    void manifestNeedsItsBlobsInTheRepository()
    {
        QTemporaryDir dir;
        auto registry = service::Registry::open(dir.path());
        const QByteArray config("{}"), layer("layer bytes");
        const oci::Digest configDigest = push(**registry, QStringLiteral("r"), config);
        const oci::Digest layerDigest = push(**registry, QStringLiteral("elsewhere"), layer);
        const QByteArray manifest = imageManifest(configDigest, config.size(), layerDigest, layer.size());
        auto refused = (*registry)->putManifest(QStringLiteral("r"), QStringLiteral("v1"), manifest, {});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, Code::FailedPrecondition);
        QVERIFY((*registry)->mountBlob(QStringLiteral("r"), QStringLiteral("elsewhere"), layerDigest));
        auto put = (*registry)->putManifest(QStringLiteral("r"), QStringLiteral("v1"), manifest, {});
        QVERIFY2(put, put ? "" : qPrintable(put.error().message));
        auto stored = (*registry)->manifest(QStringLiteral("r"), QStringLiteral("v1"));
        QVERIFY(stored);
        QCOMPARE(stored->bytes, manifest);
    }

    void gcSweepsWhatNothingReferences()
    {
        QTemporaryDir dir;
        auto registry = service::Registry::open(dir.path());
        const QByteArray config("{}"), layer("kept layer"), lone("lone blob");
        const oci::Digest configDigest = push(**registry, QStringLiteral("r"), config);
        const oci::Digest layerDigest = push(**registry, QStringLiteral("r"), layer);
        const oci::Digest loneDigest = push(**registry, QStringLiteral("r"), lone);
        QVERIFY((*registry)->putManifest(QStringLiteral("r"), QStringLiteral("v1"),
            imageManifest(configDigest, config.size(), layerDigest, layer.size()), {}));
        QThread::msleep(5);
        auto report = gc::collect(**registry, {});
        QVERIFY(report);
        QCOMPARE(report->blobsRemoved, 1);
        QVERIFY(!QFile::exists((*registry)->blobs().paths().blob(loneDigest)));
        QVERIFY(QFile::exists((*registry)->blobs().paths().blob(layerDigest)));
        QVERIFY(!(*registry)->blobSize(QStringLiteral("r"), loneDigest));
    }

    void gcKeepsBlobsLinkedAfterItStarted()
    {
        QTemporaryDir dir;
        auto registry = service::Registry::open(dir.path());
        const oci::Digest digest = push(**registry, QStringLiteral("r"), "fresh");
        gc::Options options;
        options.grace = std::chrono::seconds(60);
        auto report = gc::collect(**registry, options);
        QVERIFY(report);
        QCOMPARE(report->blobsRemoved, 0);
        QVERIFY(QFile::exists((*registry)->blobs().paths().blob(digest)));
    }

    void trashIsResolvedAtStart()
    {
        QTemporaryDir dir;
        oci::Digest digest;
        QString trashed;
        {
            auto registry = service::Registry::open(dir.path());
            digest = push(**registry, QStringLiteral("r"), "recorded blob");
            // As if gc was killed after moving the file, before committing.
            trashed = *(*registry)->blobs().moveToTrash(digest);
        }
        auto registry = service::Registry::open(dir.path());
        QVERIFY(QFile::exists((*registry)->blobs().paths().blob(digest)));
        QVERIFY(!QFile::exists(trashed));
    }

    void unrecordedFilesAreCollected()
    {
        QTemporaryDir dir;
        auto registry = service::Registry::open(dir.path());
        const QByteArray bytes("placed but never recorded");
        const oci::Digest digest = oci::Digest::of(bytes);
        const QString tmp = (*registry)->blobs().paths().tmpFile();
        QFile file(tmp);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        QVERIFY((*registry)->blobs().place(tmp, digest));
        auto report = gc::collect(**registry, {});
        QVERIFY(report);
        QCOMPARE(report->blobsRemoved, 1);
        QVERIFY(!QFile::exists((*registry)->blobs().paths().blob(digest)));
    }
};

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
