// The build context of a folder as the app streams it: what .dockerignore
// leaves out (and what it must not: the Dockerfile, .dockerignore, the
// exceptions), links kept as links, the summary the wizard shows, and a
// file that cannot be read named in the error. No engine: the tar is read
// back with libarchive's reader (muelle_archive's TarReader).

#include "archive/tarwriter.h"
#include "desktop/builds/contextwalk.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace muelle;
using namespace muelle::desktop;

namespace {

void write(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

// The whole stream, as the engine would read it.
Result<QByteArray> tarOf(const QString &folder, const QString &dockerfile = u"Dockerfile"_s)
{
    auto walk = ContextWalk::open(folder, dockerfile);
    if (!walk)
        return fail(walk.error());
    std::shared_ptr<ContextWalk> producer(std::move(*walk));
    archive::TarStream stream([producer](archive::TarWriter &writer) { return producer->step(writer); });
    QByteArray all;
    for (;;) {
        auto chunk = stream.read(64 << 10);
        if (!chunk)
            return fail(chunk.error());
        if (chunk->isEmpty())
            return all;
        all += *chunk;
    }
}

// The entries' names, as `tar -t` lists them.
QStringList namesIn(const QByteArray &tar)
{
    QProcess list;
    list.start(u"tar"_s, { u"-t"_s });
    list.write(tar);
    list.closeWriteChannel();
    list.waitForFinished(30000);
    return QString::fromUtf8(list.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
}

// Drops the capabilities that let root read any file, for this thread.
bool dropReadAnything()
{
    __user_cap_header_struct header{ _LINUX_CAPABILITY_VERSION_3, 0 };
    __user_cap_data_struct data[2]{};
    if (syscall(SYS_capget, &header, data) != 0)
        return false;
    for (int cap : { CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH }) {
        data[cap / 32].effective &= ~(1u << (cap % 32));
    }
    return syscall(SYS_capset, &header, data) == 0;
}

} // namespace

class TestContextWalk : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void dockerignoreAsDockerReadsIt()
    {
        QTemporaryDir dir;
        write(dir.filePath(u"Dockerfile"_s), "FROM busybox\n");
        write(dir.filePath(u".dockerignore"_s),
            "node_modules\n*.log\n!keep.log\nDockerfile\n.dockerignore\nsecret/\n!secret/public\n");
        write(dir.filePath(u"app.js"_s), "console.log(1)\n");
        write(dir.filePath(u"debug.log"_s), "noise");
        write(dir.filePath(u"keep.log"_s), "kept");
        write(dir.filePath(u"node_modules/big/index.js"_s), QByteArray(1 << 20, 'x'));
        write(dir.filePath(u"secret/key"_s), "k");
        write(dir.filePath(u"secret/public"_s), "p");
        write(dir.filePath(u"src/a/b.txt"_s), "b");
        QVERIFY(QFile::link(u"app.js"_s, dir.filePath(u"link.js"_s)));
        auto tar = tarOf(dir.path());
        QVERIFY2(tar, tar ? "" : qPrintable(tar.error().message));
        const QStringList names = namesIn(*tar);
        QCOMPARE(names,
            QStringList({ u".dockerignore"_s, u"Dockerfile"_s, u"app.js"_s, u"keep.log"_s, u"link.js"_s,
                u"secret/public"_s, u"src/"_s, u"src/a/"_s, u"src/a/b.txt"_s }));
        // The link is a link, to what it says.
        QProcess verbose;
        verbose.start(u"tar"_s, { u"-tv"_s });
        verbose.write(*tar);
        verbose.closeWriteChannel();
        verbose.waitForFinished(30000);
        QVERIFY(verbose.readAllStandardOutput().contains("link.js -> app.js"));
        // The summary counts what is sent, and what is not.
        auto summary = summarizeContext(dir.path(), u"Dockerfile"_s);
        QVERIFY(summary);
        QCOMPARE(summary->files, 6); // .dockerignore, Dockerfile, app.js, keep.log, secret/public, src/a/b.txt
        // debug.log, node_modules/big/index.js, secret/key (with an exception in the
        // file, excluded folders are walked and what they hold counted one by one)
        QCOMPARE(summary->ignored, 3);
        QCOMPARE(summary->largest.first().first, u".dockerignore"_s);
    }

    void theLargestFilesAreSaid()
    {
        QTemporaryDir dir;
        write(dir.filePath(u"Dockerfile"_s), "FROM busybox\n");
        write(dir.filePath(u"node_modules/huge.bin"_s), QByteArray(3 << 20, 'h'));
        write(dir.filePath(u"small"_s), "s");
        auto summary = summarizeContext(dir.path(), u"Dockerfile"_s);
        QVERIFY(summary);
        QCOMPARE(summary->largest.first(), std::pair(u"node_modules/huge.bin"_s, qint64(3 << 20)));
        QCOMPARE(summary->bytes, qint64(3 << 20) + 13 + 1);
        // Streamed a MiB at a time, never whole: the archive has it all.
        auto tar = tarOf(dir.path());
        QVERIFY(tar);
        QVERIFY(tar->size() > (3 << 20));
    }

    void aDockerfileElsewhereIsKept()
    {
        QTemporaryDir dir;
        write(dir.filePath(u"build/app.Dockerfile"_s), "FROM busybox\n");
        write(dir.filePath(u".dockerignore"_s), "build\n");
        auto tar = tarOf(dir.path(), u"build/app.Dockerfile"_s);
        QVERIFY(tar);
        QVERIFY(namesIn(*tar).contains(u"build/app.Dockerfile"_s));
    }

    void aBadDockerignoreIsRefused()
    {
        QTemporaryDir dir;
        write(dir.filePath(u"Dockerfile"_s), "FROM busybox\n");
        write(dir.filePath(u".dockerignore"_s), "!\n");
        auto walk = ContextWalk::open(dir.path(), u"Dockerfile"_s);
        QVERIFY(!walk);
        QVERIFY2(walk.error().message.contains(u".dockerignore"_s), qPrintable(walk.error().message));
    }

    void anUnreadableFileIsNamed()
    {
        QTemporaryDir dir;
        write(dir.filePath(u"Dockerfile"_s), "FROM busybox\n");
        write(dir.filePath(u"conf/private.key"_s), "secret");
        QVERIFY(QFile::setPermissions(dir.filePath(u"conf/private.key"_s), QFileDevice::Permissions()));
        if (geteuid() == 0 && !dropReadAnything())
            QSKIP("cannot drop CAP_DAC_OVERRIDE here");
        auto tar = tarOf(dir.path());
        QVERIFY(!tar);
        QVERIFY2(tar.error().message.contains(u"conf/private.key"_s), qPrintable(tar.error().message));
        auto summaryDir = ContextWalk::open(dir.path() + u"/nosuch"_s, u"Dockerfile"_s);
        QVERIFY(!summaryDir);
        QCOMPARE(summaryDir.error().code, Code::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestContextWalk)
#include "tst_contextwalk.moc"
