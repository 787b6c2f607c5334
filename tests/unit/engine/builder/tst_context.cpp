// The build context read as it streams in: indexed when the tar is plain,
// so that COPY's cache key needs no file written; unpacked when it is not.
// The index must give the digests the unpacked files give, and the same
// errors and .dockerignore rules.

#include "../../archive/tarbuilder.h"
#include "engine/builder/upload.h"
#include "oci/digest.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using namespace muelle;
using namespace muelle::engine::builder;
using archive::test::TarBuilder;

class TestContext : public QObject {
    Q_OBJECT

private:
    QTemporaryDir tmp_;
    int uploads_ = 0;

    // The upload of `body` in chunks, read to its end: the Dockerfile's text or the error.
    std::pair<std::unique_ptr<ContextUpload>, Result<QString>> upload(
        const QByteArray &body, const QString &dockerfile = QStringLiteral("Dockerfile"))
    {
        const QString name = QString::number(++uploads_);
        auto context = std::make_unique<ContextUpload>(
            tmp_.filePath(QStringLiteral("spool-") + name), tmp_.filePath(QStringLiteral("ctx-") + name), dockerfile);
        for (qsizetype at = 0; at < body.size(); at += 3000)
            context->append(QByteArrayView(body).sliced(at, std::min<qsizetype>(3000, body.size() - at)));
        context->finish();
        std::optional<Result<QString>> text;
        context->whenReady(this, [&text](Result<QString> result) { text = std::move(result); });
        if (!QTest::qWaitFor([&] { return text.has_value(); }, 10000))
            qFatal("the context was never read");
        return { std::move(context), std::move(*text) };
    }

    // Sources and digest of `patterns` in both views of the context: they must agree.
    static void compareViews(ContextUpload &context, const QStringList &patterns)
    {
        const ContextIndex *index = context.index();
        QVERIFY(index);
        auto fromIndex = findSources(*index, patterns);
        auto dir = context.unpackedDir();
        QVERIFY2(dir, qPrintable(dir ? QString() : dir.error().message));
        confine::Fd root(::open(QFile::encodeName(*dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        const DirTree tree(root.get());
        auto fromDisk = findSources(tree, patterns);
        QCOMPARE(bool(fromIndex), bool(fromDisk));
        if (!fromIndex) {
            QCOMPARE(fromIndex.error().message, fromDisk.error().message);
            return;
        }
        QCOMPARE(fromIndex->size(), fromDisk->size());
        for (qsizetype i = 0; i < fromIndex->size(); ++i) {
            QCOMPARE(fromIndex->at(i).path, fromDisk->at(i).path);
            QCOMPARE(fromIndex->at(i).directory, fromDisk->at(i).directory);
        }
        auto indexDigest = sourcesDigest(*index, *fromIndex);
        auto diskDigest = sourcesDigest(tree, *fromDisk);
        QVERIFY(indexDigest && diskDigest);
        QCOMPARE(*indexDigest, *diskDigest);
    }

private Q_SLOTS:
    void indexedUntilNeeded()
    {
        TarBuilder tar;
        tar.file("Dockerfile", "FROM scratch\nCOPY . /\n")
            .dir("app")
            .file("app/main.sh", "echo hi\n", 0755)
            .file("app/conf/settings.ini", "a=1\n")
            .symlink("current", "app")
            .symlink("escape", "../../etc")
            .hardlink("app/again.sh", "app/main.sh")
            .file("notes.txt", QByteArray(100000, 'n'));
        auto [context, text] = upload(tar.finish());
        QVERIFY2(text, qPrintable(text ? QString() : text.error().message));
        QCOMPARE(*text, QStringLiteral("FROM scratch\nCOPY . /\n"));
        QVERIFY(context->index());
        // Nothing written before a step asks for the files.
        QVERIFY(!context->isUnpacked());
        QVERIFY(QDir(context->dir()).isEmpty());
        const QStringList cases[] = {
            { QStringLiteral(".") },
            { QStringLiteral("app") },
            { QStringLiteral("current/main.sh") }, // through a symlink to a directory
            { QStringLiteral("current/conf") },
            { QStringLiteral("app/*.sh"), QStringLiteral("notes.txt") },
            { QStringLiteral("*/conf/*.ini") },
            { QStringLiteral("escape") }, // the link itself, kept inside the context when followed
            { QStringLiteral("missing.txt") },
            { QStringLiteral("nothing-*") },
            { QStringLiteral("../outside") },
        };
        for (const QStringList &patterns : cases)
            compareViews(*context, patterns);
        QVERIFY(context->isUnpacked());
    }

    void digestsFollowContents()
    {
        const auto digestOf = [this](const QByteArray &settings, mode_t mode) {
            TarBuilder tar;
            tar.file("Dockerfile", "FROM scratch\n").file("conf/settings.ini", settings, mode);
            auto [context, text] = upload(tar.finish());
            auto sources = findSources(*context->index(), { QStringLiteral("conf") });
            return sourcesDigest(*context->index(), *sources).value();
        };
        const QString first = digestOf("a=1\n", 0644);
        QCOMPARE(digestOf("a=1\n", 0644), first);
        QVERIFY(digestOf("a=2\n", 0644) != first);
        QVERIFY(digestOf("a=1\n", 0600) != first);
        QVERIFY(first.startsWith(QLatin1String("dir:")));
    }

    void dockerignoreDropsTheDockerfile()
    {
        TarBuilder tar;
        tar.file("Dockerfile", "FROM scratch\n").file(".dockerignore", "Dockerfile\n.dockerignore\n").file("kept", "k");
        auto [context, text] = upload(tar.finish());
        QVERIFY(text);
        QVERIFY(context->index());
        QVERIFY(!context->index()->node("Dockerfile").value());
        QVERIFY(!context->index()->node(".dockerignore").value());
        QVERIFY(context->index()->node("kept").value());
        compareViews(*context, { QStringLiteral(".") });
        QVERIFY(!QFile::exists(context->dir() + QStringLiteral("/Dockerfile")));
    }

    void unpackedWhenNotPlain()
    {
        // An entry below a symlink: the extraction decides where it goes.
        TarBuilder tar;
        tar.file("Dockerfile", "FROM scratch\n").dir("real").symlink("link", "real").file("link/inside", "i");
        auto [context, text] = upload(tar.finish());
        QVERIFY(text);
        QVERIFY(!context->index());
        QVERIFY(context->isUnpacked());
        QVERIFY(QFile::exists(context->dir() + QStringLiteral("/real/inside")));
        // A Dockerfile that is a symlink is read where it leads.
        TarBuilder linked;
        linked.file("build/Dockerfile.real", "FROM scratch\nLABEL a=b\n")
            .symlink("Dockerfile", "build/Dockerfile.real");
        auto [second, secondText] = upload(linked.finish());
        QVERIFY(secondText);
        QCOMPARE(*secondText, QStringLiteral("FROM scratch\nLABEL a=b\n"));
    }

    void refusedInTheSameWords()
    {
        TarBuilder climbing;
        climbing.file("Dockerfile", "FROM scratch\n").file("../../evil", "x");
        auto [context, text] = upload(climbing.finish());
        QVERIFY(!text);
        QCOMPARE(text.error().code, Code::InvalidArgument);
        QVERIFY2(text.error().message.contains(QLatin1String("climbs out")), qPrintable(text.error().message));
        QVERIFY(!QFile::exists(tmp_.filePath(QStringLiteral("evil"))));

        TarBuilder without;
        without.file("other", "x");
        auto [second, missing] = upload(without.finish());
        QVERIFY(!missing);
        QCOMPARE(missing.error().message, QStringLiteral("Cannot locate specified Dockerfile: Dockerfile"));

        auto [third, truncated] = upload(TarBuilder().file("Dockerfile", QByteArray(5000, 'x')).finish().left(3000));
        QVERIFY(!truncated);
        QVERIFY2(truncated.error().message.startsWith(QLatin1String("the build context is not a valid archive")),
            qPrintable(truncated.error().message));
    }

    void dockerfileAlone()
    {
        auto [context, text] = upload("FROM scratch\nCOPY x /\n");
        QVERIFY(text);
        QVERIFY(context->index());
        auto sources = findSources(*context->index(), { QStringLiteral("x") });
        QVERIFY(!sources);
        QCOMPARE(sources.error().message,
            QStringLiteral(
                "file not found in build context or excluded by .dockerignore: stat x: file does not exist"));
        // A step that needs the (empty) context's files gets its directory.
        auto dir = context->unpackedDir();
        QVERIFY2(dir, qPrintable(dir ? QString() : dir.error().message));
        QVERIFY(QDir(*dir).isEmpty());
    }

    void dotDotAfterASymlink()
    {
        // l1 -> l2/.. with l2 -> d/e: the kernel walks into d/e, then up to d.
        TarBuilder tar;
        tar.file("Dockerfile", "FROM scratch\n")
            .dir("d/e")
            .file("d/f", "in d")
            .file("f", "at the root")
            .symlink("l2", "d/e")
            .symlink("l1", "l2/..")
            .symlink("up", "../../f");
        auto [context, text] = upload(tar.finish());
        QVERIFY(text);
        compareViews(*context, { QStringLiteral("l1/f") });
        compareViews(*context, { QStringLiteral("l1") });
        compareViews(*context, { QStringLiteral("up") });
        auto sources = findSources(*context->index(), { QStringLiteral("l1/f") });
        QVERIFY(sources);
        QCOMPARE(context->index()->fileDigest(sources->first().path).value(),
            oci::Digest::of(QByteArray("in d")).hex().toLatin1());
    }

    void namesTooLongAreUnpacked()
    {
        // A name no file system takes is left to the extraction, which refuses it.
        TarBuilder tar;
        tar.file("Dockerfile", "FROM scratch\n").file(QByteArray(300, 'n'), "x");
        auto [context, text] = upload(tar.finish());
        QVERIFY(!context->index());
        QVERIFY(!text);
        TarBuilder deep;
        QByteArray path;
        for (int i = 0; i < 2100; ++i)
            path += "a/";
        deep.file("Dockerfile", "FROM scratch\n").file(path + "f", "x");
        auto [second, secondText] = upload(deep.finish());
        QVERIFY(!second->index());
    }
};

QTEST_GUILESS_MAIN(TestContext)
#include "tst_context.moc"
