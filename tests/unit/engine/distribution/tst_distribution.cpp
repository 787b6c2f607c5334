// Distribution below the network: registry credentials (the X-Registry-Auth
// header and auth.json), which registries may be spoken to insecurely, and
// the layer pipe — a real gzip layer fed through a ChunkQueue by one thread
// into storeLayer on another, landing in a real content store and snapshot.
#include "engine/distribution/credentials.h"
#include "engine/distribution/layerpipe.h"
#include "engine/distribution/registryclient.h"
#include "tests/unit/archive/tarbuilder.h"
#include "tests/unit/engine/support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace muelle;
using namespace muelle::engine;
using muelle::engine::testing::why;
using namespace muelle::engine::distribution;
using archive::test::Compression;
using archive::test::TarBuilder;

Q_DECLARE_METATYPE(muelle::Code)

namespace {

QByteArray authJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

mode_t modeOf(const QString &path)
{
    struct stat st { };
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_mode : 0;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
}

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

// A layer as a registry serves it (gzip) and as its diff ID hashes it (tar).
struct LayerBytes {
    QByteArray tar;
    QByteArray gzip;
};

// A base layer: a directory, a small file, a big incompressible executable
// and a symlink.
LayerBytes baseLayer()
{
    TarBuilder tar;
    tar.dir("etc").file("etc/hello", "hello\n").dir("bin");
    tar.file("bin/tool", randomBytes(300 * 1024, 7), 0755).symlink("bin/link", "tool");
    LayerBytes layer;
    layer.tar = tar.finish();
    layer.gzip = archive::test::compress(layer.tar, Compression::Gzip);
    return layer;
}

// A layer on top of baseLayer(): changes a file, whites one out, adds one.
LayerBytes upperLayer()
{
    TarBuilder tar;
    tar.dir("etc").file("etc/hello", "hi\n").dir("bin").file("bin/.wh.tool", QByteArray()).file("new", "new\n");
    LayerBytes layer;
    layer.tar = tar.finish();
    layer.gzip = archive::test::compress(layer.tar, Compression::Gzip);
    return layer;
}

LayerTarget targetOf(const LayerBytes &layer, const QList<oci::Digest> &diffIdsBelow = {})
{
    LayerTarget target;
    target.blob.mediaType = u"application/vnd.oci.image.layer.v1.tar+gzip"_s;
    target.blob.digest = oci::Digest::of(layer.gzip);
    target.blob.size = layer.gzip.size();
    target.diffId = oci::Digest::of(layer.tar);
    const QList<oci::Digest> chain = snapshots::chainIds(diffIdsBelow + QList<oci::Digest>{ target.diffId });
    target.chainId = chain.last();
    if (chain.size() > 1)
        target.parent = chain[chain.size() - 2];
    return target;
}

// A data root with its content store and snapshotter opened.
struct Engine {
    QTemporaryDir tmp;
    Paths paths{ tmp.path() };
    content::Store store{ paths };
    snapshots::Snapshotter snapshots{ paths };

    bool open(const QString &driver) { return store.open() && snapshots.open(driver); }
    // Nothing half-written is left, and nothing but `blobs` and `snapshots` is visible.
    bool onlyHolds(const QList<oci::Digest> &blobs, const QList<oci::Digest> &chainIds) const
    {
        const QList<oci::Digest> stored = store.list();
        const QList<oci::Digest> unpacked = snapshots.list();
        return entries(paths.ingestDir()).isEmpty() && entries(paths.snapshotTmpDir()).isEmpty()
            && QSet<oci::Digest>(stored.cbegin(), stored.cend()) == QSet<oci::Digest>(blobs.cbegin(), blobs.cend())
            && QSet<oci::Digest>(unpacked.cbegin(), unpacked.cend())
            == QSet<oci::Digest>(chainIds.cbegin(), chainIds.cend());
    }
};

// storeLayer on a consumer thread, fed by this one as a download would be:
// in chunks, waiting for room whenever the queue says it is full.
struct Pipe {
    ChunkQueue queue;
    QSemaphore room;
    std::atomic<int> roomCalls = 0;
    std::atomic<bool> roomOnConsumer = true;
    Result<qint64> result = fail(Code::Internal, u"storeLayer did not run"_s);
    std::unique_ptr<QThread> consumer;

    explicit Pipe(qint64 capacity) : queue(capacity) { }

    void start(const Engine &engine, const LayerTarget &target)
    {
        consumer.reset(QThread::create(
            [this, &engine, target] { result = storeLayer(queue, engine.store, engine.snapshots, target); }));
        queue.setRoomHandler([this] {
            if (QThread::currentThread() != consumer.get())
                roomOnConsumer = false;
            ++roomCalls;
            room.release();
        });
        consumer->start();
    }
    // Offers `bytes` in `chunk`-sized pieces; false when the consumer gave up first.
    bool feed(const QByteArray &bytes, qsizetype chunk = 16 * 1024)
    {
        for (qsizetype at = 0; at < bytes.size(); at += chunk) {
            while (!queue.hasRoom()) {
                if (room.tryAcquire(1, 10))
                    continue;
                if (consumer->isFinished())
                    return false;
            }
            queue.push(bytes.mid(at, chunk));
        }
        return true;
    }
    bool finish()
    {
        queue.close();
        return consumer->wait(60000);
    }
};

} // namespace

class TestDistribution : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules(u"muelle.engine.snapshots.info=false"_s); }

    // -- X-Registry-Auth and server addresses --------------------------------

    void credentialsFromHeader_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("identityToken");

        const QByteArray json = authJson({ { u"username"_s, u"alice"_s }, { u"password"_s, u"s3cr3t>>?"_s },
            { u"serveraddress"_s, u"r.local:5000"_s } });
        const QByteArray url = json.toBase64(QByteArray::Base64UrlEncoding);
        const QByteArray standard = json.toBase64();
        // The rows below only mean something if the alphabets differ here.
        QVERIFY(url.contains('-') && standard.contains('+') && url.endsWith('='));

        QTest::newRow("base64url") << url << u"alice"_s << u"s3cr3t>>?"_s << QString();
        QTest::newRow("base64url without padding")
            << json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) << u"alice"_s
            << u"s3cr3t>>?"_s << QString();
        QTest::newRow("standard base64") << standard << u"alice"_s << u"s3cr3t>>?"_s << QString();
        QTest::newRow("identity token") << authJson(
            { { u"username"_s, u"<token>"_s },
                { u"identitytoken"_s,
                    u"refresh-me"_s } }).toBase64(QByteArray::Base64UrlEncoding)
                                        << u"<token>"_s << QString() << u"refresh-me"_s;
        QTest::newRow("empty header") << QByteArray() << QString() << QString() << QString();
        QTest::newRow("encoded {}") << QByteArray("{}").toBase64(QByteArray::Base64UrlEncoding) << QString()
                                    << QString() << QString();
    }

    void credentialsFromHeader()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, username);
        QFETCH(QString, password);
        QFETCH(QString, identityToken);
        auto credentials = distribution::credentialsFromHeader(header);
        QVERIFY2(credentials, why(credentials));
        QCOMPARE(credentials->username, username);
        QCOMPARE(credentials->password, password);
        QCOMPARE(credentials->identityToken, identityToken);
        QCOMPARE(credentials->isEmpty(), username.isEmpty() && password.isEmpty() && identityToken.isEmpty());
    }

    void credentialsFromGarbage_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("not base64") << QByteArray("!!not base64!!");
        QTest::newRow("base64 of text") << QByteArray("hello there").toBase64();
        QTest::newRow("base64 of a JSON array") << QByteArray("[]").toBase64();
        QTest::newRow("base64 of a JSON string") << QByteArray("\"alice\"").toBase64();
        QTest::newRow("truncated") << authJson({ { u"username"_s, u"alice"_s } }).toBase64().chopped(3);
    }

    void credentialsFromGarbage()
    {
        QFETCH(QByteArray, header);
        auto credentials = distribution::credentialsFromHeader(header);
        QVERIFY(!credentials);
        QCOMPARE(credentials.error().code, Code::InvalidArgument);
        QCOMPARE(credentials.error().message, u"X-Registry-Auth: want base64url-encoded JSON"_s);
    }

    void registryHost_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("host");
        QTest::newRow("Docker Hub's v1 URL") << u"https://index.docker.io/v1/"_s << u"docker.io"_s;
        QTest::newRow("index.docker.io") << u"index.docker.io"_s << u"docker.io"_s;
        QTest::newRow("registry-1.docker.io") << u"registry-1.docker.io"_s << u"docker.io"_s;
        QTest::newRow("empty") << QString() << u"docker.io"_s;
        QTest::newRow("host and port") << u"127.0.0.1:5000"_s << u"127.0.0.1:5000"_s;
        QTest::newRow("http URL") << u"http://r.local:5000/"_s << u"r.local:5000"_s;
        QTest::newRow("trailing slash") << u"r.local:5000/"_s << u"r.local:5000"_s;
        QTest::newRow("with a path") << u"ghcr.io/owner"_s << u"ghcr.io"_s;
        QTest::newRow("spaces") << u" quay.io "_s << u"quay.io"_s;
        QTest::newRow("IPv6 URL") << u"https://[::1]:5000/v2/"_s << u"[::1]:5000"_s;
    }

    void registryHost()
    {
        QFETCH(QString, address);
        QFETCH(QString, host);
        QCOMPARE(distribution::registryHost(address), host);
    }

    // -- auth.json -------------------------------------------------------------

    void credentialStoreRoundTrip()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(u"auth.json"_s);
        CredentialStore store(path);
        QVERIFY(store.load()); // no file yet: fine
        QVERIFY(store.find(u"docker.io"_s).isEmpty());
        QVERIFY(store.save(u"docker.io"_s, { u"alice"_s, u"pw1"_s, QString() }));
        QVERIFY(store.save(u"r.local:5000"_s, { u"bob"_s, QString(), u"token"_s }));
        QVERIFY(store.save(u"docker.io"_s, { u"alice"_s, u"pw2"_s, QString() })); // replaces
        QCOMPARE(store.find(u"docker.io"_s).password, u"pw2"_s);

        QCOMPARE(modeOf(path) & 07777, mode_t(0600));
        QVERIFY(S_ISREG(modeOf(path)));
        QCOMPARE(entries(tmp.path()), QStringList{ u"auth.json"_s }); // no temp file left

        CredentialStore again(path);
        QVERIFY(again.load());
        QCOMPARE(again.find(u"docker.io"_s).username, u"alice"_s);
        QCOMPARE(again.find(u"docker.io"_s).password, u"pw2"_s);
        QCOMPARE(again.find(u"r.local:5000"_s).username, u"bob"_s);
        QCOMPARE(again.find(u"r.local:5000"_s).identityToken, u"token"_s);
        QVERIFY(again.find(u"ghcr.io"_s).isEmpty());
        // A store that loaded the file keeps its entries when it saves another.
        QVERIFY(again.save(u"ghcr.io"_s, { u"carol"_s, u"pw3"_s, QString() }));
        CredentialStore third(path);
        QVERIFY(third.load());
        QCOMPARE(third.find(u"docker.io"_s).password, u"pw2"_s);
        QCOMPARE(third.find(u"ghcr.io"_s).username, u"carol"_s);
    }

    void credentialStoreTightensModes()
    {
        // A readable file, and a readable temp file left by a crash, from before.
        QTemporaryDir tmp;
        const QString path = tmp.filePath(u"auth.json"_s);
        for (const QString &name : { path, path + u".tmp"_s }) {
            QFile file(name);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{}");
            file.close();
            QVERIFY(::chmod(QFile::encodeName(name).constData(), 0644) == 0);
        }
        CredentialStore store(path);
        QVERIFY(store.load());
        QVERIFY(store.save(u"docker.io"_s, { u"alice"_s, u"pw"_s, QString() }));
        QCOMPARE(modeOf(path) & 07777, mode_t(0600));
        QVERIFY(!QFileInfo::exists(path + u".tmp"_s));
    }

    void credentialStoreRefusesADamagedFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not JSON") << QByteArray("{\"docker.io\": {");
        QTest::newRow("a JSON array") << QByteArray("[]");
    }

    void credentialStoreRefusesADamagedFile()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir tmp;
        const QString path = tmp.filePath(u"auth.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        CredentialStore store(path);
        auto loaded = store.load();
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().code, Code::DataLoss);
        QCOMPARE(loaded.error().message, u"\"%1\": not a JSON object"_s.arg(path));
    }

    void failedSaveChangesNothing()
    {
        QTemporaryDir tmp;
        CredentialStore store(tmp.filePath(u"missing/auth.json"_s));
        auto saved = store.save(u"docker.io"_s, { u"alice"_s, u"pw"_s, QString() });
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, Code::NotFound);
        QVERIFY2(saved.error().message.startsWith(u"open \""_s), qPrintable(saved.error().message));
        QVERIFY(store.find(u"docker.io"_s).isEmpty());
    }

    // -- insecure registries ---------------------------------------------------

    void isInsecure_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QStringList>("configured");
        QTest::addColumn<bool>("insecure");
        const QStringList none;
        QTest::newRow("127.0.0.1:5000") << u"127.0.0.1:5000"_s << none << true;
        QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << none << true;
        QTest::newRow("127.1.2.3:5000") << u"127.1.2.3:5000"_s << none << true;
        QTest::newRow("[::1]:5000") << u"[::1]:5000"_s << none << true;
        QTest::newRow("localhost:5000") << u"localhost:5000"_s << none << true;
        QTest::newRow("localhost") << u"localhost"_s << none << true;
        QTest::newRow("registry.example:443") << u"registry.example:443"_s << none << false;
        QTest::newRow("docker.io") << u"docker.io"_s << none << false;
        QTest::newRow("10.1.2.3:5000 unconfigured") << u"10.1.2.3:5000"_s << none << false;
        QTest::newRow("configured host:port") << u"r.local:5000"_s << QStringList{ u"r.local:5000"_s } << true;
        QTest::newRow("configured, other port") << u"r.local:5001"_s << QStringList{ u"r.local:5000"_s } << false;
        QTest::newRow("CIDR match") << u"10.1.2.3:5000"_s << QStringList{ u"10.0.0.0/8"_s } << true;
        QTest::newRow("CIDR match, no port") << u"10.1.2.3"_s << QStringList{ u"10.0.0.0/8"_s } << true;
        QTest::newRow("CIDR miss") << u"11.0.0.1"_s << QStringList{ u"10.0.0.0/8"_s } << false;
        QTest::newRow("CIDR miss with port") << u"11.0.0.1:5000"_s << QStringList{ u"10.0.0.0/8"_s } << false;
        QTest::newRow("IPv6 CIDR") << u"[fd00::5]:5000"_s << QStringList{ u"fd00::/8"_s } << true;
        QTest::newRow("CIDR does not match names")
            << u"r.local:5000"_s << QStringList{ u"10.0.0.0/8"_s, u"0.0.0.0/0"_s } << false;
        QTest::newRow("malformed CIDR") << u"10.1.2.3:5000"_s << QStringList{ u"10.0.0.0/xx"_s } << false;
    }

    void isInsecure()
    {
        QFETCH(QString, host);
        QFETCH(QStringList, configured);
        QFETCH(bool, insecure);
        QCOMPARE(distribution::isInsecure(host, configured), insecure);
    }

    // -- the chunk queue -------------------------------------------------------

    void queueHandsChunksOverInOrder()
    {
        ChunkQueue queue(1 << 20);
        queue.push("one");
        queue.push("two");
        queue.push("three");
        queue.close();
        for (const char *expected : { "one", "two", "three" })
            QCOMPARE(queue.pop().value_or(QByteArray()), QByteArray(expected));
        for (int i = 0; i < 2; ++i) { // the end, as often as asked
            auto end = queue.pop();
            QVERIFY(end);
            QVERIFY(end->isEmpty());
        }
    }

    void queueAbortReachesTheConsumer()
    {
        ChunkQueue queue(1 << 20);
        queue.push("dropped");
        queue.abort({ Code::Unavailable, u"connection reset by peer"_s });
        queue.abort({ Code::Cancelled, u"second"_s }); // the first error stays
        auto popped = queue.pop();
        QVERIFY(!popped);
        QCOMPARE(popped.error().code, Code::Unavailable);
        QCOMPARE(popped.error().message, u"connection reset by peer"_s);
        QCOMPARE(queue.pop().error().code, Code::Unavailable);
    }

    void queueWakesABlockedConsumer()
    {
        ChunkQueue queue(1 << 20);
        QList<QByteArray> got;
        std::unique_ptr<QThread> consumer(QThread::create([&] {
            for (;;) {
                auto chunk = queue.pop();
                if (!chunk || chunk->isEmpty())
                    return;
                got.append(*chunk);
            }
        }));
        consumer->start();
        QThread::msleep(20); // the consumer waits on an empty queue
        queue.push("late");
        queue.close();
        QVERIFY(consumer->wait(10000));
        QCOMPARE(got, QList<QByteArray>{ "late" });
    }

    void roomHandlerFiresOnTheConsumerWhenDrained()
    {
        ChunkQueue queue(120);
        std::atomic<int> calls = 0;
        QThread *handlerThread = nullptr;
        queue.setRoomHandler([&] {
            ++calls;
            handlerThread = QThread::currentThread();
        });
        for (int i = 0; i < 4; ++i)
            queue.push(QByteArray(30, 'x'));
        QVERIFY(!queue.hasRoom()); // 120 of 120
        QCOMPARE(calls.load(), 0);

        QList<int> callsAfterPop;
        std::unique_ptr<QThread> consumer(QThread::create([&] {
            for (int i = 0; i < 4; ++i) {
                (void)queue.pop();
                callsAfterPop.append(calls.load());
            }
        }));
        consumer->start();
        QVERIFY(consumer->wait(10000));
        // Room is announced once the queue is below half: 90, 60 left is not yet.
        QCOMPARE(callsAfterPop, (QList<int>{ 0, 0, 1, 1 }));
        QCOMPARE(handlerThread, consumer.get());

        // Without a "no" from hasRoom(), nothing is announced.
        queue.push(QByteArray(30, 'y'));
        QVERIFY(queue.hasRoom());
        QVERIFY(queue.pop());
        QCOMPARE(calls.load(), 1);
    }

    // -- storeLayer --------------------------------------------------------------

    void storesALayer_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::newRow("vfs") << u"vfs"_s;
        QTest::newRow("overlay2") << u"overlay2"_s;
    }

    void storesALayer()
    {
        QFETCH(QString, driver);
        if (driver == u"overlay2" && ::geteuid() != 0)
            QSKIP("overlayfs needs root");
        Engine engine;
        QVERIFY(engine.open(driver));
        const LayerBytes layer = baseLayer();
        const LayerTarget target = targetOf(layer);
        QCOMPARE(target.chainId, target.diffId); // a base layer

        Pipe pipe(64 * 1024);
        pipe.start(engine, target);
        QVERIFY(pipe.feed(layer.gzip));
        QVERIFY(pipe.finish());
        QVERIFY2(pipe.result, why(pipe.result));
        QCOMPARE(*pipe.result, layer.tar.size());
        QVERIFY2(pipe.roomCalls > 0, "the queue never filled up: make the layer bigger");
        QVERIFY(pipe.roomOnConsumer);

        QVERIFY(engine.onlyHolds({ target.blob.digest }, { target.chainId }));
        QCOMPARE(engine.store.read(target.blob.digest, 1 << 30).value_or(QByteArray()), layer.gzip);
        const QString root = engine.snapshots.path(target.chainId);
        QCOMPARE(readFile(root + u"/etc/hello"_s), QByteArray("hello\n"));
        QCOMPARE(readFile(root + u"/bin/tool"_s), randomBytes(300 * 1024, 7));
        QCOMPARE(modeOf(root + u"/bin/tool"_s) & 07777, mode_t(0755));
        QCOMPARE(QFileInfo(root + u"/bin/link"_s).symLinkTarget(), root + u"/bin/tool"_s);
    }

    void storesALayerOnItsParent_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::newRow("vfs") << u"vfs"_s;
        QTest::newRow("overlay2") << u"overlay2"_s;
    }

    void storesALayerOnItsParent()
    {
        QFETCH(QString, driver);
        if (driver == u"overlay2" && ::geteuid() != 0)
            QSKIP("overlayfs needs root");
        Engine engine;
        QVERIFY(engine.open(driver));
        const LayerBytes base = baseLayer();
        const LayerBytes upper = upperLayer();
        const LayerTarget below = targetOf(base);
        const LayerTarget target = targetOf(upper, { below.diffId });
        QCOMPARE(target.parent.value_or(oci::Digest()), below.chainId);
        for (const auto &[bytes, layerTarget] : { std::pair{ base, below }, std::pair{ upper, target } }) {
            Pipe pipe(64 * 1024);
            pipe.start(engine, layerTarget);
            QVERIFY(pipe.feed(bytes.gzip));
            QVERIFY(pipe.finish());
            QVERIFY2(pipe.result, why(pipe.result));
        }
        QVERIFY(engine.onlyHolds({ below.blob.digest, target.blob.digest }, { below.chainId, target.chainId }));
        const QString root = engine.snapshots.path(target.chainId);
        QCOMPARE(readFile(root + u"/etc/hello"_s), QByteArray("hi\n"));
        QCOMPARE(readFile(root + u"/new"_s), QByteArray("new\n"));
        if (driver == u"vfs") {
            // The whole tree: the parent's files, with the whiteout applied.
            QVERIFY(!QFileInfo::exists(root + u"/bin/tool"_s));
            QVERIFY(QFileInfo(root + u"/bin/link"_s).isSymLink());
        } else {
            // Only this layer, the whiteout as overlayfs wants it.
            QVERIFY(!QFileInfo(root + u"/bin/link"_s).isSymLink());
            const mode_t whiteout = modeOf(root + u"/bin/tool"_s);
            QVERIFY(S_ISCHR(whiteout));
            struct stat st { };
            QVERIFY(::lstat(QFile::encodeName(root + u"/bin/tool"_s).constData(), &st) == 0);
            QCOMPARE(st.st_rdev, ::makedev(0, 0));
        }
        // The parent is untouched.
        QCOMPARE(readFile(engine.snapshots.path(below.chainId) + u"/etc/hello"_s), QByteArray("hello\n"));
    }

    void refusesWhatIsNotExpected_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<Code>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong blob digest") << u"digest"_s << Code::DataLoss << u"content hashes to"_s;
        QTest::newRow("wrong blob size") << u"size"_s << Code::DataLoss << u"bytes, want"_s;
        QTest::newRow("wrong diff ID") << u"diffId"_s << Code::DataLoss << u"the image config says"_s;
        QTest::newRow("not a layer") << u"garbage"_s << Code::InvalidArgument << u"layer "_s;
    }

    void refusesWhatIsNotExpected()
    {
        QFETCH(QString, what);
        QFETCH(Code, code);
        QFETCH(QString, message);
        Engine engine;
        QVERIFY(engine.open(u"vfs"_s));
        LayerBytes layer = baseLayer();
        if (what == u"garbage")
            layer.gzip = randomBytes(200 * 1024, 3);
        LayerTarget target = targetOf(layer);
        if (what == u"digest")
            target.blob.digest = oci::Digest::of("another layer");
        if (what == u"size")
            target.blob.size += 1;
        if (what == u"diffId")
            target.diffId = oci::Digest::of("another tar");

        Pipe pipe(64 * 1024);
        pipe.start(engine, target);
        pipe.feed(layer.gzip); // may stop early: the consumer can give up first
        QVERIFY(pipe.finish());
        QVERIFY(!pipe.result);
        QCOMPARE(pipe.result.error().code, code);
        QVERIFY2(pipe.result.error().message.contains(message), qPrintable(pipe.result.error().message));
        QVERIFY(!engine.store.has(target.blob.digest));
        QVERIFY(!engine.snapshots.exists(target.chainId));
        QVERIFY(engine.onlyHolds({}, {}));
    }

    void abortedDownloadLeavesNothing_data()
    {
        QTest::addColumn<int>("fraction"); // of the layer sent before the abort, in percent
        QTest::newRow("before anything") << 0;
        QTest::newRow("half way") << 50;
        QTest::newRow("all but the end") << 100;
    }

    void abortedDownloadLeavesNothing()
    {
        QFETCH(int, fraction);
        Engine engine;
        QVERIFY(engine.open(u"vfs"_s));
        const LayerBytes layer = baseLayer();
        const LayerTarget target = targetOf(layer);
        Pipe pipe(64 * 1024);
        pipe.start(engine, target);
        QVERIFY(pipe.feed(layer.gzip.first(layer.gzip.size() * fraction / 100)));
        pipe.queue.abort({ Code::Unavailable, u"connection reset by peer"_s });
        QVERIFY(pipe.consumer->wait(60000));
        QVERIFY(!pipe.result);
        QCOMPARE(pipe.result.error().code, Code::Unavailable);
        QVERIFY2(pipe.result.error().message.contains(u"connection reset by peer"_s),
            qPrintable(pipe.result.error().message));
        QVERIFY(engine.onlyHolds({}, {}));
    }

    void storesOnlyWhatTheTargetAsks_data()
    {
        QTest::addColumn<bool>("storeBlob");
        QTest::addColumn<bool>("unpack");
        QTest::newRow("blob already stored") << false << true;
        QTest::newRow("snapshot exists") << true << false;
        QTest::newRow("both there") << false << false;
    }

    void storesOnlyWhatTheTargetAsks()
    {
        QFETCH(bool, storeBlob);
        QFETCH(bool, unpack);
        Engine engine;
        QVERIFY(engine.open(u"vfs"_s));
        const LayerBytes layer = baseLayer();
        LayerTarget target = targetOf(layer);
        target.storeBlob = storeBlob;
        target.unpack = unpack;
        Pipe pipe(64 * 1024);
        pipe.start(engine, target);
        QVERIFY(pipe.feed(layer.gzip));
        QVERIFY(pipe.finish());
        QVERIFY2(pipe.result, why(pipe.result));
        QCOMPARE(*pipe.result, unpack ? layer.tar.size() : qint64(-1));
        QList<oci::Digest> blobs;
        if (storeBlob)
            blobs.append(target.blob.digest);
        QList<oci::Digest> chainIds;
        if (unpack)
            chainIds.append(target.chainId);
        QVERIFY(engine.onlyHolds(blobs, chainIds));
    }

    void unpacksAStoredLayer()
    {
        Engine engine;
        QVERIFY(engine.open(u"vfs"_s));
        const LayerBytes layer = baseLayer();
        const LayerTarget target = targetOf(layer);
        auto missing = unpackStoredLayer(engine.store, engine.snapshots, target);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Code::NotFound);
        QVERIFY(engine.onlyHolds({}, {}));

        QVERIFY(engine.store.put(layer.gzip, target.blob.digest));
        auto unpacked = unpackStoredLayer(engine.store, engine.snapshots, target);
        QVERIFY2(unpacked, why(unpacked));
        QCOMPARE(*unpacked, layer.tar.size());
        QVERIFY(engine.onlyHolds({ target.blob.digest }, { target.chainId }));
        QCOMPARE(readFile(engine.snapshots.path(target.chainId) + u"/etc/hello"_s), QByteArray("hello\n"));

        LayerTarget wrong = target;
        wrong.diffId = oci::Digest::of("another tar");
        wrong.chainId = wrong.diffId;
        auto refused = unpackStoredLayer(engine.store, engine.snapshots, wrong);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, Code::DataLoss);
        QVERIFY(engine.onlyHolds({ target.blob.digest }, { target.chainId }));
    }
};

QTEST_GUILESS_MAIN(TestDistribution)
#include "tst_distribution.moc"
