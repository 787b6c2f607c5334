// The engine's content store on a real filesystem: a blob is visible only
// once committed under the digest it hashes to, and nothing of a refused or
// abandoned write stays behind.
#include "engine/content/store.h"
#include "tests/unit/engine/support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace muelle;
using namespace muelle::engine;
using muelle::engine::testing::why;

namespace {

// A data root with an opened store.
struct Fixture {
    QTemporaryDir tmp;
    Paths paths{ tmp.path() };
    content::Store store{ paths };

    bool open() { return tmp.isValid() && store.open().has_value(); }
    QStringList ingestFiles() const
    {
        return QDir(paths.ingestDir()).entryList(QDir::Files | QDir::Hidden | QDir::System);
    }
};

QList<oci::Digest> sorted(QList<oci::Digest> digests)
{
    std::sort(digests.begin(), digests.end(), [](const auto &a, const auto &b) { return a.hex() < b.hex(); });
    return digests;
}

} // namespace

class TestContentStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void commitMakesTheBlobVisible()
    {
        Fixture f;
        QVERIFY(f.open());
        const QByteArray bytes = QByteArray(70000, 'a') + QByteArray(5000, 'b');
        const oci::Digest digest = oci::Digest::of(bytes);
        {
            auto ingest = f.store.ingest();
            QVERIFY2(ingest, why(ingest));
            QVERIFY(ingest->write(QByteArrayView(bytes).first(70000)));
            QVERIFY(ingest->write(QByteArrayView(bytes).sliced(70000)));
            QCOMPARE(ingest->size(), bytes.size());
            QCOMPARE(ingest->digest(), digest);
            QCOMPARE(f.ingestFiles().size(), 1);
            QVERIFY(!f.store.has(digest));
            QVERIFY(f.store.list().isEmpty());
            QCOMPARE(f.store.size(digest).error().code, Code::NotFound);

            auto committed = ingest->commit(digest, bytes.size());
            QVERIFY2(committed, why(committed));
            QVERIFY(f.store.has(digest));
            QVERIFY(f.ingestFiles().isEmpty());
        }
        // Still there once the committed ingest is gone.
        QVERIFY(f.store.has(digest));
        QCOMPARE(f.store.list(), QList<oci::Digest>{ digest });
        QCOMPARE(f.store.size(digest).value_or(-1), bytes.size());
        QCOMPARE(f.store.read(digest).value_or(QByteArray()), bytes);
        QCOMPARE(f.store.path(digest), f.paths.blobsDir() + u'/' + digest.hex());
    }

    void commitWithoutSizeChecksOnlyTheDigest()
    {
        Fixture f;
        QVERIFY(f.open());
        auto ingest = f.store.ingest();
        QVERIFY(ingest);
        QVERIFY(ingest->write("hello"));
        QVERIFY(ingest->commit(oci::Digest::of("hello")));
        QCOMPARE(f.store.read(oci::Digest::of("hello")).value_or(QByteArray()), QByteArray("hello"));
    }

    void commitRefusesWrongContent_data()
    {
        QTest::addColumn<bool>("rightDigest");
        QTest::addColumn<qint64>("expectedSize"); // of 100 bytes written; -1: unchecked
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong digest") << false << qint64(100) << u"content hashes to"_s;
        QTest::newRow("wrong digest, no size") << false << qint64(-1) << u"content hashes to"_s;
        QTest::newRow("one byte too many") << true << qint64(99) << u"got 100 bytes, want 99"_s;
        QTest::newRow("one byte short") << true << qint64(101) << u"got 100 bytes, want 101"_s;
    }

    void commitRefusesWrongContent()
    {
        QFETCH(bool, rightDigest);
        QFETCH(qint64, expectedSize);
        QFETCH(QString, message);
        Fixture f;
        QVERIFY(f.open());
        const QByteArray bytes(100, 'x');
        const oci::Digest expected = rightDigest ? oci::Digest::of(bytes) : oci::Digest::of("something else");
        {
            auto ingest = f.store.ingest();
            QVERIFY(ingest);
            QVERIFY(ingest->write(bytes));
            auto committed = ingest->commit(expected, expectedSize);
            QVERIFY(!committed);
            QCOMPARE(committed.error().code, Code::DataLoss);
            QVERIFY2(committed.error().message.contains(message), qPrintable(committed.error().message));
            QVERIFY2(committed.error().message.contains(expected.toString()), qPrintable(committed.error().message));
            if (!rightDigest) {
                QVERIFY2(committed.error().message.contains(oci::Digest::of(bytes).toString()),
                    qPrintable(committed.error().message));
            }
            QVERIFY(!f.store.has(expected));
            QVERIFY(!f.store.has(oci::Digest::of(bytes)));
            QVERIFY(f.store.list().isEmpty());
        }
        QVERIFY(f.store.list().isEmpty());
        QCOMPARE(f.ingestFiles(), QStringList());
    }

    void uncommittedIngestIsRemoved()
    {
        Fixture f;
        QVERIFY(f.open());
        {
            auto ingest = f.store.ingest();
            QVERIFY(ingest);
            QVERIFY(ingest->write(QByteArray(4096, 'z')));
            QCOMPARE(f.ingestFiles().size(), 1);
            // Moving it keeps one file, owned by the new holder.
            content::Ingest moved = std::move(*ingest);
            QCOMPARE(f.ingestFiles().size(), 1);
            QVERIFY(moved.write("more"));
        }
        QCOMPARE(f.ingestFiles(), QStringList());
        QVERIFY(f.store.list().isEmpty());
    }

    void commitOfABlobAlreadyPresentIsFine()
    {
        Fixture f;
        QVERIFY(f.open());
        const QByteArray bytes("config");
        const oci::Digest digest = oci::Digest::of(bytes);
        QVERIFY(f.store.put(bytes, digest));
        auto ingest = f.store.ingest();
        QVERIFY(ingest);
        QVERIFY(ingest->write(bytes));
        auto committed = ingest->commit(digest, bytes.size());
        QVERIFY2(committed, why(committed));
        QCOMPARE(f.store.list(), QList<oci::Digest>{ digest });
        QCOMPARE(f.store.read(digest).value_or(QByteArray()), bytes);
        QVERIFY(f.ingestFiles().isEmpty());
    }

    void openClearsIngestLeftovers()
    {
        Fixture f;
        QVERIFY(f.open());
        QVERIFY(f.store.put("kept", oci::Digest::of("kept")));
        for (const QString &name : { u"crashed-1"_s, u".hidden"_s }) {
            QFile leftover(f.paths.ingestDir() + u'/' + name);
            QVERIFY(leftover.open(QIODevice::WriteOnly));
            leftover.write("partial");
        }
        QCOMPARE(f.ingestFiles().size(), 2);
        content::Store reopened(f.paths);
        QVERIFY(reopened.open());
        QCOMPARE(f.ingestFiles(), QStringList());
        QCOMPARE(reopened.list(), QList<oci::Digest>{ oci::Digest::of("kept") });
    }

    void openCreatesTheDirectories()
    {
        QTemporaryDir tmp;
        const Paths paths(tmp.filePath(u"fresh/root"_s));
        content::Store store(paths);
        QVERIFY(store.open());
        QVERIFY(QFileInfo(paths.blobsDir()).isDir());
        QVERIFY(QFileInfo(paths.ingestDir()).isDir());
    }

    void putReadSizeRemoveList()
    {
        Fixture f;
        QVERIFY(f.open());
        const QByteArray one("{\"architecture\":\"amd64\"}");
        const QByteArray two(3000, '2');
        const oci::Digest d1 = oci::Digest::of(one);
        const oci::Digest d2 = oci::Digest::of(two);
        QVERIFY(f.store.put(one, d1));
        QVERIFY(f.store.put(two, d2));
        QVERIFY(f.store.put(two, d2)); // present already: fine
        QCOMPARE(sorted(f.store.list()), sorted({ d1, d2 }));
        QCOMPARE(f.store.read(d1).value_or(QByteArray()), one);
        QCOMPARE(f.store.size(d2).value_or(-1), two.size());

        auto wrong = f.store.put("not three", oci::Digest::of("three"));
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, Code::DataLoss);
        QVERIFY(!f.store.has(oci::Digest::of("three")));
        QCOMPARE(f.store.list().size(), 2);
        QVERIFY(f.ingestFiles().isEmpty());

        QVERIFY(f.store.remove(d1));
        QVERIFY(!f.store.has(d1));
        QCOMPARE(f.store.read(d1).error().code, Code::NotFound);
        QVERIFY(f.store.remove(d1)); // missing: fine
        QCOMPARE(f.store.list(), QList<oci::Digest>{ d2 });
    }

    void listIgnoresStrayFiles()
    {
        Fixture f;
        QVERIFY(f.open());
        QVERIFY(f.store.put("real", oci::Digest::of("real")));
        QFile stray(f.paths.blobsDir() + u"/not-a-digest"_s);
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.close();
        QCOMPARE(f.store.list(), QList<oci::Digest>{ oci::Digest::of("real") });
    }

    void readHasALimit()
    {
        Fixture f;
        QVERIFY(f.open());
        const QByteArray bytes(1000, 'l');
        const oci::Digest digest = oci::Digest::of(bytes);
        QVERIFY(f.store.put(bytes, digest));
        QCOMPARE(f.store.read(digest, 1000).value_or(QByteArray()), bytes);
        auto over = f.store.read(digest, 999);
        QVERIFY(!over);
        QCOMPARE(over.error().code, Code::ResourceExhausted);
        QVERIFY2(over.error().message.contains(u"1000 bytes, more than 999"_s), qPrintable(over.error().message));
        // The default limit is 4 MiB.
        const QByteArray big((4 << 20) + 1, 'B');
        QVERIFY(f.store.put(big, oci::Digest::of(big)));
        QCOMPARE(f.store.read(oci::Digest::of(big)).error().code, Code::ResourceExhausted);
        QCOMPARE(f.store.read(oci::Digest::of(big), big.size()).value_or(QByteArray()).size(), big.size());
    }

    void missingBlobIsNotFound_data()
    {
        QTest::addColumn<QString>("digest");
        QTest::newRow("sha256") << oci::Digest::of("absent").toString();
        QTest::newRow("sha512") << oci::Digest::of("absent", oci::Algorithm::Sha512).toString();
    }

    void missingBlobIsNotFound()
    {
        QFETCH(QString, digest);
        Fixture f;
        QVERIFY(f.open());
        const oci::Digest missing = oci::Digest::parse(digest).value();
        QVERIFY(!f.store.has(missing));
        for (const Error &error : { f.store.size(missing).error(), f.store.read(missing).error() }) {
            QCOMPARE(error.code, Code::NotFound);
            QCOMPARE(error.message, u"blob %1 not found"_s.arg(digest));
        }
    }

    void sha512NeverAliasesAStoredBlob()
    {
        // The blobs directory is sha256 only: a sha512 digest must not find
        // a file named by its hex.
        Fixture f;
        QVERIFY(f.open());
        const oci::Digest sha512 = oci::Digest::of("x", oci::Algorithm::Sha512);
        QFile file(f.paths.blobsDir() + u'/' + sha512.hex());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("x");
        file.close();
        QVERIFY(!f.store.has(sha512));
        QCOMPARE(f.store.size(sha512).error().code, Code::NotFound);
        QCOMPARE(f.store.read(sha512).error().code, Code::NotFound);
    }

    void writersOnSeveralThreads()
    {
        // Four pulls of the same layer at once, plus one of another: each
        // commits, and the store ends with two complete blobs.
        Fixture f;
        QVERIFY(f.open());
        const QByteArray shared(1 << 20, 's');
        const QByteArray other(300000, 'o');
        std::atomic<int> failures = 0;
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < 5; ++i) {
            const QByteArray &bytes = i == 4 ? other : shared;
            threads.emplace_back(QThread::create([&f, &bytes, &failures] {
                auto ingest = f.store.ingest();
                bool ok = ingest.has_value();
                for (qsizetype at = 0; ok && at < bytes.size(); at += 65536)
                    ok = ingest->write(QByteArrayView(bytes).sliced(at, std::min<qsizetype>(65536, bytes.size() - at)))
                             .has_value();
                if (!ok || !ingest->commit(oci::Digest::of(bytes), bytes.size()))
                    ++failures;
            }));
            threads.back()->start();
        }
        for (const auto &thread : threads)
            QVERIFY(thread->wait(60000));
        QCOMPARE(failures.load(), 0);
        QCOMPARE(sorted(f.store.list()), sorted({ oci::Digest::of(shared), oci::Digest::of(other) }));
        QCOMPARE(f.store.read(oci::Digest::of(shared)).value_or(QByteArray()), shared);
        QVERIFY(f.ingestFiles().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestContentStore)
#include "tst_store.moc"
