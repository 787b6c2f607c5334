// treeProducer (docker cp out of a container): a tree as GNU tar reads it
// back, entries renamed, links kept as links and never followed, special
// files left out, and a big file streamed in bounded memory.

#include "archive/tree.h"
#include "confine/fd.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using muelle::archive::TarStream;
using muelle::archive::treeProducer;
using muelle::confine::Fd;

namespace {

Fd openDir(const QString &path)
{
    return Fd(::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
}

void writeFile(const QString &path, const QByteArray &data, int mode = 0644)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(data);
    file.close();
    QVERIFY(::chmod(QFile::encodeName(path).constData(), mode_t(mode)) == 0);
}

QByteArray archiveOf(const QString &parent, const QByteArray &name, const QString &entryName)
{
    TarStream stream(treeProducer(openDir(parent), name, entryName));
    QByteArray tar;
    for (;;) {
        auto chunk = stream.read(64 * 1024);
        if (!chunk) {
            qWarning() << chunk.error().message;
            return {};
        }
        if (chunk->isEmpty())
            return tar;
        tar += *chunk;
    }
}

// GNU tar's view of an archive: "mode name[ -> target]" per entry.
QStringList listing(const QByteArray &tar)
{
    QProcess process;
    process.start(u"tar"_s, { u"--numeric-owner"_s, u"-tvf"_s, u"-"_s });
    process.write(tar);
    process.closeWriteChannel();
    process.waitForFinished();
    QStringList entries;
    for (const QString &line : QString::fromUtf8(process.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts)) {
        const QStringList fields = line.split(u' ', Qt::SkipEmptyParts);
        entries.append(fields.first() + u' ' + fields.mid(5).join(u' '));
    }
    return entries;
}

qint64 peakRssKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

class TestTree : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void treeAsGnuTarReadsIt();
    void contentsRoundTrip();
    void renamedEntries();
    void oneFile();
    void missingEntryFails();
    void bigFileInBoundedMemory();

private:
    std::unique_ptr<QTemporaryDir> tmp_;
    QString path(const QString &relative) const { return tmp_->filePath(relative); }
    QByteArray big_;
};

void TestTree::init()
{
    tmp_ = std::make_unique<QTemporaryDir>();
    QDir().mkpath(path(u"d/sub"_s));
    QDir().mkpath(path(u"outside"_s));
    writeFile(path(u"outside/secret"_s), "secret\n");
    writeFile(path(u"d/a"_s), "a\n", 0640);
    writeFile(path(u"d/empty"_s), {});
    big_.resize(3 * 1024 * 1024 + 5);
    for (qsizetype i = 0; i < big_.size(); ++i)
        big_[i] = char(QRandomGenerator::global()->bounded(256));
    writeFile(path(u"d/big"_s), big_);
    writeFile(path(u"d/sub/x"_s), "x\n", 04755);
    QVERIFY(::symlink("../outside", QFile::encodeName(path(u"d/link"_s)).constData()) == 0);
    QVERIFY(::mkfifo(QFile::encodeName(path(u"d/fifo"_s)).constData(), 0600) == 0);
    QVERIFY(::chmod(QFile::encodeName(path(u"d"_s)).constData(), 0750) == 0);
}

void TestTree::treeAsGnuTarReadsIt()
{
    const QStringList entries = listing(archiveOf(tmp_->path(), "d", u"d"_s));
    QCOMPARE(entries.size(), 7); // d, a, big, empty, link, sub, sub/x
    QVERIFY(entries.contains(u"drwxr-x--- d/"_s));
    QVERIFY(entries.contains(u"-rw-r----- d/a"_s));
    QVERIFY(entries.contains(u"-rw-r--r-- d/empty"_s));
    QVERIFY(entries.contains(u"lrwxrwxrwx d/link -> ../outside"_s));
    QVERIFY(entries.contains(u"-rwsr-xr-x d/sub/x"_s));
    QVERIFY2(!entries.join(u'\n').contains(u"fifo"_s), "a fifo was archived");
    QVERIFY2(!entries.join(u'\n').contains(u"secret"_s), "a symlink was followed");
}

void TestTree::contentsRoundTrip()
{
    const QByteArray tar = archiveOf(tmp_->path(), "d", u"d"_s);
    QDir().mkpath(path(u"out"_s));
    QProcess process;
    process.start(u"tar"_s, { u"-xf"_s, u"-"_s, u"-C"_s, path(u"out"_s) });
    process.write(tar);
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished());
    QCOMPARE(process.exitCode(), 0);
    QFile big(path(u"out/d/big"_s));
    QVERIFY(big.open(QIODevice::ReadOnly));
    QVERIFY(big.readAll() == big_);
    QFile x(path(u"out/d/sub/x"_s));
    QVERIFY(x.open(QIODevice::ReadOnly));
    QCOMPARE(x.readAll(), "x\n");
    QCOMPARE(QFileInfo(path(u"out/d/empty"_s)).size(), 0);
}

void TestTree::renamedEntries()
{
    const QStringList entries = listing(archiveOf(path(u"d"_s), ".", u"."_s));
    QVERIFY2(entries.contains(u"-rw-r----- ./a"_s), qPrintable(entries.join(u'\n')));
    QVERIFY(entries.contains(u"-rwsr-xr-x ./sub/x"_s));
    const QStringList renamed = listing(archiveOf(tmp_->path(), "d", u"copy"_s));
    QVERIFY2(renamed.contains(u"-rw-r----- copy/a"_s), qPrintable(renamed.join(u'\n')));
}

void TestTree::oneFile()
{
    QCOMPARE(listing(archiveOf(path(u"d"_s), "a", u"renamed"_s)), QStringList{ u"-rw-r----- renamed"_s });
    QCOMPARE(listing(archiveOf(path(u"d"_s), "link", u"link"_s)), QStringList{ u"lrwxrwxrwx link -> ../outside"_s });
}

void TestTree::missingEntryFails()
{
    TarStream stream(treeProducer(openDir(path(u"d"_s)), "nope", u"nope"_s));
    auto chunk = stream.read(1024);
    QVERIFY(!chunk);
    QVERIFY2(chunk.error().message.contains(u"nope"_s), qPrintable(chunk.error().message));
}

void TestTree::bigFileInBoundedMemory()
{
    const qint64 size = qint64(768) << 20;
    QFile sparse(path(u"d/sparse"_s));
    QVERIFY(sparse.open(QIODevice::WriteOnly));
    QVERIFY(sparse.resize(size));
    sparse.close();
    const qint64 before = peakRssKiB();
    TarStream stream(treeProducer(openDir(path(u"d"_s)), "sparse", u"sparse"_s));
    qint64 total = 0;
    for (;;) {
        auto chunk = stream.read(256 * 1024);
        QVERIFY(chunk);
        if (chunk->isEmpty())
            break;
        total += chunk->size();
    }
    QVERIFY(total > size);
    const qint64 grown = peakRssKiB() - before;
    QVERIFY2(grown < 32 * 1024, qPrintable(u"peak RSS grew by %1 KiB for a 768 MiB file"_s.arg(grown)));
}

QTEST_GUILESS_MAIN(TestTree)
#include "tst_tree.moc"
