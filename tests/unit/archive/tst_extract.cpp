// Layer extraction: hostile tars never touch anything outside the target,
// every file type and its metadata, whiteouts in both modes, compressions
// and the diff ID, and memory that stays bounded for a big file. Every test
// runs twice: resolving with openat2 and with the fallback walk.

#include "archive/extract.h"
#include "confine/fd.h"
#include "confine/inroot.h"
#include "oci/digest.h"
#include "tarbuilder.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using muelle::Code;
using muelle::Result;
using muelle::archive::ExtractOptions;
using muelle::archive::ExtractReport;
using muelle::archive::WhiteoutMode;
using muelle::archive::test::Compression;
using muelle::archive::test::TarBuilder;
using muelle::archive::test::TarEntry;

Q_DECLARE_METATYPE(Compression)

namespace {

const QByteArray sentinelContent = "sentinel\n";

// A temp dir holding the target and, beside it, a sentinel file that no
// layer may change.
struct Sandbox {
    QTemporaryDir tmp;
    QString target = tmp.filePath(u"target"_s);
    QString sentinel = tmp.filePath(u"sentinel"_s);

    Sandbox()
    {
        QDir().mkdir(target);
        QFile file(sentinel);
        if (file.open(QIODevice::WriteOnly))
            file.write(sentinelContent);
    }
    QString inTarget(const QString &path) const { return target + u'/' + path; }
    // Nothing appeared, changed or went away beside the target.
    bool outsideUntouched() const
    {
        QFile file(sentinel);
        const QStringList entries = QDir(tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System);
        struct stat st { };
        return entries == QStringList{ u"sentinel"_s, u"target"_s } && file.open(QIODevice::ReadOnly)
            && file.readAll() == sentinelContent && ::lstat(QFile::encodeName(sentinel).constData(), &st) == 0
            && st.st_nlink == 1;
    }
};

Result<ExtractReport> extract(const QByteArray &layer, const QString &target, const ExtractOptions &options = {})
{
    QBuffer buffer;
    buffer.setData(layer);
    buffer.open(QIODevice::ReadOnly);
    return muelle::archive::extractLayer(buffer, target, options);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

struct stat lstatOf(const QString &path)
{
    struct stat st { };
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        st.st_mode = 0;
    return st;
}

bool exists(const QString &path)
{
    return lstatOf(path).st_mode != 0;
}

QByteArray xattrOf(const QString &path, const char *name)
{
    QByteArray value(256, '\0');
    const ssize_t n = ::lgetxattr(QFile::encodeName(path).constData(), name, value.data(), size_t(value.size()));
    return n < 0 ? QByteArray("<none>") : value.left(n);
}

qint64 statusKiB(const QByteArray &field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

bool isRoot()
{
    return ::geteuid() == 0;
}

} // namespace

class TestExtract : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanupTestCase();

    void dotDotClimbingOutFails_data();
    void dotDotClimbingOutFails();
    void dotDotInsideIsFine();
    void absoluteNamesLandInside();
    void symlinkToRootStaysInside();
    void absoluteSymlinkToOutsideStaysInside();
    void relativeSymlinkStaysInside();
    void existingSymlinkIsReplacedNotFollowed();
    void hardlinkOutsideFails_data();
    void hardlinkOutsideFails();
    void hardlinkInside();
    void whiteoutOutsideFails_data();
    void whiteoutOutsideFails();
    void whiteoutThroughSymlinkStaysInside();
    void devicesSkippedByDefault();
    void devicesCreatedWhenAllowed();
    void fifo();
    void compressions_data();
    void compressions();
    void garbageFails();
    void hugeFileStreamsInBoundedMemory();
    void copyModeWhiteouts_data();
    void copyModeWhiteouts();
    void overlayModeWhiteouts();
    void metadataPreserved();
    void directoryModeAndTimesSetAfterContents();
    void directoryReplacedByFile();
    void fileReplacedByDirectory();
    void mutatedTarsStayInside();
    void noOverwriteDirNonDir_data();
    void noOverwriteDirNonDir();
    void checkArchiveWritesNothing_data();
    void checkArchiveWritesNothing();
    void checkArchiveAcceptsAGoodArchive();
    void whiteoutNamesAreFilesWithoutWhiteoutMode();
    void ownerOverride();
};

void TestExtract::initTestCase_data()
{
    QTest::addColumn<bool>("walk");
    QTest::newRow("openat2") << false;
    QTest::newRow("walk") << true;
}

void TestExtract::init()
{
    QFETCH_GLOBAL(bool, walk);
    muelle::confine::setForceResolveWalkForTests(walk);
}

void TestExtract::cleanupTestCase()
{
    muelle::confine::setForceResolveWalkForTests(false);
}

void TestExtract::dotDotClimbingOutFails_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("../../escape") << QByteArray("../../escape");
    QTest::newRow("a/../../escape") << QByteArray("a/../../escape");
    QTest::newRow("../sentinel") << QByteArray("../sentinel");
    QTest::newRow("/../sentinel") << QByteArray("/../sentinel");
    QTest::newRow("./a/b/../../../x") << QByteArray("./a/b/../../../x");
}

void TestExtract::dotDotClimbingOutFails()
{
    QFETCH(QByteArray, name);
    Sandbox box;
    TarBuilder tar;
    tar.file(name, "pwned\n");
    const auto report = extract(tar.finish(), box.target);
    QVERIFY(!report);
    QCOMPARE(report.error().code, Code::InvalidArgument);
    QCOMPARE(report.error().message, u"layer entry \"%1\": climbs out of the layer"_s.arg(QString::fromUtf8(name)));
    QVERIFY(box.outsideUntouched());
    QVERIFY(!exists(box.tmp.filePath(u"escape"_s)));
}

void TestExtract::dotDotInsideIsFine()
{
    Sandbox box;
    TarBuilder tar;
    tar.file("a/b/../c", "c\n");
    const auto report = extract(tar.finish(), box.target);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(readFile(box.inTarget(u"a/c"_s)), "c\n");
    QVERIFY(!exists(box.inTarget(u"a/b"_s)));
}

void TestExtract::absoluteNamesLandInside()
{
    Sandbox box;
    const QByteArray outsideSentinel = QFile::encodeName(box.sentinel);
    TarBuilder tar;
    tar.file("/etc/muelle-archive-test", "x\n").file(outsideSentinel, "pwned\n");
    const auto report = extract(tar.finish(), box.target);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(readFile(box.inTarget(u"etc/muelle-archive-test"_s)), "x\n");
    QCOMPARE(readFile(box.target + box.sentinel), "pwned\n");
    QVERIFY(!exists(u"/etc/muelle-archive-test"_s));
    QVERIFY(box.outsideUntouched());
}

void TestExtract::symlinkToRootStaysInside()
{
    Sandbox box;
    const QByteArray hostPasswd = readFile(u"/etc/passwd"_s);
    TarBuilder tar;
    tar.symlink("evil", "/").file("evil/etc/passwd", "pwned\n");
    const auto report = extract(tar.finish(), box.target);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(readFile(box.inTarget(u"etc/passwd"_s)), "pwned\n");
    QCOMPARE(readFile(u"/etc/passwd"_s), hostPasswd);
    QVERIFY(S_ISLNK(lstatOf(box.inTarget(u"evil"_s)).st_mode));
    QVERIFY(box.outsideUntouched());
}

void TestExtract::absoluteSymlinkToOutsideStaysInside()
{
    Sandbox box;
    TarBuilder tar;
    tar.symlink("out", QFile::encodeName(box.tmp.path())).file("out/sentinel", "pwned\n").file("out/new", "new\n");
    const auto report = extract(tar.finish(), box.target);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(readFile(box.target + box.sentinel), "pwned\n");
    QVERIFY(box.outsideUntouched());
}

void TestExtract::relativeSymlinkStaysInside()
{
    Sandbox box;
    TarBuilder tar;
    tar.symlink("up", "../../..").file("up/x", "x\n").file("up/sentinel", "pwned\n");
    tar.dir("d").symlink("d/deep", "../d/../../../..").file("d/deep/y", "y\n");
    const auto report = extract(tar.finish(), box.target);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(readFile(box.inTarget(u"x"_s)), "x\n");
    QCOMPARE(readFile(box.inTarget(u"sentinel"_s)), "pwned\n");
    QCOMPARE(readFile(box.inTarget(u"y"_s)), "y\n");
    QVERIFY(box.outsideUntouched());
}

void TestExtract::existingSymlinkIsReplacedNotFollowed()
{
    Sandbox box;
    TarBuilder lower;
    lower.symlink("f", "../sentinel").symlink("g", QFile::encodeName(box.sentinel));
    QVERIFY(extract(lower.finish(), box.target));
    TarBuilder upper;
    upper.file("f", "f\n").file("g", "g\n");
    const auto report = extract(upper.finish(), box.target, { .whiteouts = WhiteoutMode::Copy });
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY(S_ISREG(lstatOf(box.inTarget(u"f"_s)).st_mode));
    QCOMPARE(readFile(box.inTarget(u"f"_s)), "f\n");
    QCOMPARE(readFile(box.inTarget(u"g"_s)), "g\n");
    QVERIFY(box.outsideUntouched());
}

void TestExtract::hardlinkOutsideFails_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("error");
    QTest::newRow("/etc/shadow") << QByteArray("/etc/shadow") << u"No such file"_s;
    QTest::newRow("../outside") << QByteArray("../outside") << u"climbs out of the layer"_s;
    QTest::newRow("../sentinel") << QByteArray("../sentinel") << u"climbs out of the layer"_s;
    QTest::newRow("through symlink") << QByteArray("evil/sentinel") << u"No such file"_s;
}

void TestExtract::hardlinkOutsideFails()
{
    QFETCH(QByteArray, target);
    QFETCH(QString, error);
    Sandbox box;
    const nlink_t shadowLinks = lstatOf(u"/etc/shadow"_s).st_nlink;
    TarBuilder tar;
    tar.symlink("evil", QFile::encodeName(box.tmp.path())).hardlink("link", target);
    const auto report = extract(tar.finish(), box.target);
    QVERIFY(!report);
    QVERIFY2(
        report.error().message.startsWith(u"layer entry \"link\": link target \"%1\""_s.arg(QString::fromUtf8(target))),
        qPrintable(report.error().message));
    QVERIFY2(report.error().message.contains(error), qPrintable(report.error().message));
    QVERIFY(!exists(box.inTarget(u"link"_s)));
    QCOMPARE(lstatOf(u"/etc/shadow"_s).st_nlink, shadowLinks);
    QVERIFY(box.outsideUntouched());
}

void TestExtract::hardlinkInside()
{
    Sandbox box;
    TarBuilder tar;
    tar.file("a", "a\n").symlink("s", "/etc/passwd").hardlink("b", "/a").hardlink("t", "s");
    const auto report = extract(tar.finish(), box.target);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(lstatOf(box.inTarget(u"b"_s)).st_ino, lstatOf(box.inTarget(u"a"_s)).st_ino);
    // A link to a symlink links the symlink, never what it points to.
    QVERIFY(S_ISLNK(lstatOf(box.inTarget(u"t"_s)).st_mode));
    QCOMPARE(lstatOf(box.inTarget(u"t"_s)).st_ino, lstatOf(box.inTarget(u"s"_s)).st_ino);
}

void TestExtract::whiteoutOutsideFails_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QString>("error");
    QTest::addColumn<WhiteoutMode>("mode");
    for (const auto mode : { WhiteoutMode::Overlay, WhiteoutMode::Copy }) {
        const char *suffix = mode == WhiteoutMode::Overlay ? " overlay" : " copy";
        QTest::addRow(".wh...%s", suffix) << QByteArray(".wh...") << u"whiteout names no file"_s << mode;
        QTest::addRow("a/.wh...%s", suffix) << QByteArray("a/.wh...") << u"whiteout names no file"_s << mode;
        QTest::addRow(".wh.%s", suffix) << QByteArray(".wh.") << u"whiteout names no file"_s << mode;
        QTest::addRow("../.wh.sentinel%s", suffix) << QByteArray("../.wh.sentinel") << u"climbs out"_s << mode;
        QTest::addRow("a/../../.wh.target%s", suffix) << QByteArray("a/../../.wh.target") << u"climbs out"_s << mode;
    }
}

void TestExtract::whiteoutOutsideFails()
{
    QFETCH(QByteArray, name);
    QFETCH(QString, error);
    QFETCH(WhiteoutMode, mode);
    if (mode == WhiteoutMode::Overlay && !isRoot())
        QSKIP("overlay whiteouts need root");
    Sandbox box;
    TarBuilder tar;
    tar.file("a/keep", "keep\n").file(name, "");
    const auto report = extract(tar.finish(), box.target, { .whiteouts = mode });
    QVERIFY(!report);
    QVERIFY2(report.error().message.startsWith(u"layer entry \"%1\": "_s.arg(QString::fromUtf8(name))),
        qPrintable(report.error().message));
    QVERIFY2(report.error().message.contains(error), qPrintable(report.error().message));
    QCOMPARE(readFile(box.inTarget(u"a/keep"_s)), "keep\n");
    QVERIFY(box.outsideUntouched());
}

void TestExtract::whiteoutThroughSymlinkStaysInside()
{
    Sandbox box;
    TarBuilder lower;
    lower.file("sentinel", "inner\n").symlink("up", "..").symlink("abs", QFile::encodeName(box.tmp.path()));
    QVERIFY(extract(lower.finish(), box.target));
    TarBuilder upper;
    upper.file("up/.wh.sentinel", "").file("abs/.wh.sentinel", "").file("abs/.wh.target", "");
    const auto report = extract(upper.finish(), box.target, { .whiteouts = WhiteoutMode::Copy });
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY(!exists(box.inTarget(u"sentinel"_s)));
    QVERIFY(QDir(box.target).exists());
    QVERIFY(box.outsideUntouched());
}

void TestExtract::devicesSkippedByDefault()
{
    Sandbox box;
    TarBuilder tar;
    tar.node("dev/null", S_IFCHR, 1, 3).node("dev/sda", S_IFBLK, 8, 0).file("after", "after\n");
    const auto report = extract(tar.finish(), box.target);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->skipped, 2);
    QCOMPARE(report->entries, 3);
    QVERIFY(!exists(box.inTarget(u"dev/null"_s)));
    QVERIFY(!exists(box.inTarget(u"dev/sda"_s)));
    QCOMPARE(readFile(box.inTarget(u"after"_s)), "after\n");
}

void TestExtract::devicesCreatedWhenAllowed()
{
    if (!isRoot())
        QSKIP("device nodes need root");
    Sandbox box;
    TarBuilder tar;
    tar.node("dev/null", S_IFCHR, 1, 3).node("wh", S_IFCHR, 0, 0);
    const auto report = extract(tar.finish(), box.target, { .allowDevices = true });
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->skipped, 0);
    const struct stat null = lstatOf(box.inTarget(u"dev/null"_s));
    QVERIFY(S_ISCHR(null.st_mode));
    QCOMPARE(major(null.st_rdev), 1u);
    QCOMPARE(minor(null.st_rdev), 3u);

    Sandbox other; // the overlay whiteout device is allowed by default
    TarBuilder whiteout;
    whiteout.node("wh", S_IFCHR, 0, 0);
    QVERIFY(extract(whiteout.finish(), other.target));
    QVERIFY(S_ISCHR(lstatOf(other.inTarget(u"wh"_s)).st_mode));
    QCOMPARE(lstatOf(other.inTarget(u"wh"_s)).st_rdev, dev_t(0));
}

void TestExtract::fifo()
{
    Sandbox box;
    TarBuilder tar;
    tar.node("run/pipe", S_IFIFO, 0, 0);
    const auto report = extract(tar.finish(), box.target);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY(S_ISFIFO(lstatOf(box.inTarget(u"run/pipe"_s)).st_mode));
}

void TestExtract::compressions_data()
{
    QTest::addColumn<Compression>("compression");
    QTest::newRow("plain") << Compression::None;
    QTest::newRow("gzip") << Compression::Gzip;
    QTest::newRow("zstd") << Compression::Zstd;
}

void TestExtract::compressions()
{
    QFETCH(Compression, compression);
    Sandbox box;
    TarBuilder tar;
    tar.dir("etc").file("etc/hostname", "muelle\n").file("bin/sh", QByteArray(300'000, 'x'), 0755);
    const QByteArray plain = tar.finish();
    const QByteArray layer = muelle::archive::test::compress(plain, compression);
    QCOMPARE(layer == plain, compression == Compression::None);
    const auto report = extract(layer, box.target);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->diffId, muelle::oci::Digest::of(plain));
    QCOMPARE(report->uncompressedSize, plain.size());
    QCOMPARE(report->entries, 3);
    QCOMPARE(readFile(box.inTarget(u"etc/hostname"_s)), "muelle\n");
    QCOMPARE(readFile(box.inTarget(u"bin/sh"_s)), QByteArray(300'000, 'x'));
}

void TestExtract::garbageFails()
{
    Sandbox box;
    QByteArray garbage(4096, '\0');
    for (int i = 0; i < garbage.size(); ++i)
        garbage[i] = char(i * 7 + 3);
    for (const auto &layer : { garbage, muelle::archive::test::compress(garbage, Compression::Gzip), QByteArray() }) {
        const auto report = extract(layer, box.target);
        QVERIFY(!report);
        QCOMPARE(report.error().code, Code::InvalidArgument);
        QVERIFY2(report.error().message.startsWith(u"read layer: "_s), qPrintable(report.error().message));
    }
    QVERIFY(box.outsideUntouched());
}

void TestExtract::hugeFileStreamsInBoundedMemory()
{
    constexpr qint64 size = 64 << 20;
    Sandbox box;
    const QByteArray layer = muelle::archive::test::zeroFileTar("big", size, Compression::Gzip);
    QVERIFY(layer.size() < 1 << 20);
    // Resets the peak resident size (VmHWM) to the current one.
    QFile clearRefs(u"/proc/self/clear_refs"_s);
    QVERIFY(clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1);
    clearRefs.close();
    const qint64 before = statusKiB("VmRSS:");
    const auto report = extract(layer, box.target);
    const qint64 peak = statusKiB("VmHWM:");
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(QFileInfo(box.inTarget(u"big"_s)).size(), size);
    QVERIFY2(peak - before < 16 * 1024, qPrintable(u"peak grew by %1 KiB"_s.arg(peak - before)));
    QVERIFY(report->uncompressedSize > size);
}

void TestExtract::copyModeWhiteouts_data()
{
    QTest::addColumn<bool>("markerFirst");
    QTest::newRow("opaque marker first") << true;
    QTest::newRow("opaque marker last") << false;
}

void TestExtract::copyModeWhiteouts()
{
    QFETCH(bool, markerFirst);
    Sandbox box;
    TarBuilder lower;
    lower.file("a/old", "old\n").file("a/sub/deep", "deep\n").file("a/sub/also", "also\n").file("b", "b\n");
    lower.file("c/x", "x\n").file("keep", "keep\n").symlink("link", QFile::encodeName(box.tmp.path()));
    QVERIFY(extract(lower.finish(), box.target, { .whiteouts = WhiteoutMode::Copy }));

    TarBuilder upper;
    if (markerFirst)
        upper.file("a/.wh..wh..opq", "");
    upper.file("a/new", "new\n").file("a/sub/deep", "deeper\n");
    if (!markerFirst)
        upper.file("a/.wh..wh..opq", "");
    upper.file(".wh.b", "").file(".wh.c", "").file(".wh.link", "").file(".wh.missing", "");
    const auto report = extract(upper.finish(), box.target, { .whiteouts = WhiteoutMode::Copy });
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));

    QCOMPARE(QDir(box.inTarget(u"a"_s)).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
        (QStringList{ u"new"_s, u"sub"_s }));
    QCOMPARE(
        QDir(box.inTarget(u"a/sub"_s)).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{ u"deep"_s });
    QCOMPARE(readFile(box.inTarget(u"a/sub/deep"_s)), "deeper\n");
    QVERIFY(!exists(box.inTarget(u"b"_s)));
    QVERIFY(!exists(box.inTarget(u"c"_s)));
    QVERIFY(!exists(box.inTarget(u"link"_s)));
    QVERIFY(!exists(box.inTarget(u".wh.b"_s)));
    QCOMPARE(readFile(box.inTarget(u"keep"_s)), "keep\n");
    QVERIFY(box.outsideUntouched());
}

void TestExtract::overlayModeWhiteouts()
{
    if (!isRoot())
        QSKIP("overlay whiteouts and trusted xattrs need root");
    Sandbox box;
    TarBuilder tar;
    tar.file("a/new", "new\n").file("a/.wh..wh..opq", "").file(".wh.b", "").file("d/.wh.gone", "");
    tar.add({ .name = "x", .xattrs = { { "trusted.overlay.redirect", "/etc" } } });
    const auto report = extract(tar.finish(), box.target);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(xattrOf(box.inTarget(u"a"_s), "trusted.overlay.opaque"), "y");
    QCOMPARE(readFile(box.inTarget(u"a/new"_s)), "new\n");
    for (const QString &path : { u"b"_s, u"d/gone"_s }) {
        const struct stat st = lstatOf(box.inTarget(path));
        QVERIFY2(S_ISCHR(st.st_mode) && st.st_rdev == 0, qPrintable(path));
    }
    QVERIFY(!exists(box.inTarget(u"a/.wh..wh..opq"_s)));
    QVERIFY(!exists(box.inTarget(u".wh.b"_s)));
    // A layer cannot bring overlay metadata of its own.
    QCOMPARE(xattrOf(box.inTarget(u"x"_s), "trusted.overlay.redirect"), "<none>");
}

void TestExtract::metadataPreserved()
{
    if (!isRoot())
        QSKIP("ownership, setuid and capabilities need root");
    Sandbox box;
    // VFS_CAP_REVISION_2 | effective, permitted = CAP_NET_RAW (13), little endian.
    const QByteArray capability = QByteArray::fromHex("01000002"
                                                      "00200000"
                                                      "00000000"
                                                      "00000000"
                                                      "00000000");
    TarBuilder tar;
    tar.add({ .name = "bin/ping",
        .perm = 04755,
        .data = "ping\n",
        .uid = 1234,
        .gid = 5678,
        .mtime = 1'000'000'000,
        .mtimeNsec = 500,
        .xattrs = { { "user.muelle", "yes" }, { "security.capability", capability }, { "trusted.t", "t" },
            { "security.selinux", "nope" } } });
    tar.add(
        { .name = "bin/link", .type = S_IFLNK, .perm = 0777, .symlink = "ping", .uid = 42, .gid = 43, .mtime = 12345 });
    tar.add({ .name = "etc/shadow", .perm = 0640, .data = "s\n", .gid = 42 });
    const auto report = extract(tar.finish(), box.target);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));

    const struct stat ping = lstatOf(box.inTarget(u"bin/ping"_s));
    QCOMPARE(ping.st_uid, uid_t(1234));
    QCOMPARE(ping.st_gid, gid_t(5678));
    QCOMPARE(ping.st_mode & 07777, mode_t(04755));
    QCOMPARE(ping.st_mtim.tv_sec, time_t(1'000'000'000));
    QCOMPARE(ping.st_mtim.tv_nsec, 500);
    QCOMPARE(xattrOf(box.inTarget(u"bin/ping"_s), "user.muelle"), "yes");
    QCOMPARE(xattrOf(box.inTarget(u"bin/ping"_s), "security.capability"), capability);
    QCOMPARE(xattrOf(box.inTarget(u"bin/ping"_s), "trusted.t"), "t");
    QCOMPARE(xattrOf(box.inTarget(u"bin/ping"_s), "security.selinux").startsWith("nope"), false);

    const struct stat link = lstatOf(box.inTarget(u"bin/link"_s));
    QVERIFY(S_ISLNK(link.st_mode));
    QCOMPARE(link.st_uid, uid_t(42));
    QCOMPARE(link.st_mtim.tv_sec, time_t(12345));
    QCOMPARE(lstatOf(box.inTarget(u"etc/shadow"_s)).st_mode & 07777, mode_t(0640));
    QCOMPARE(lstatOf(box.inTarget(u"etc/shadow"_s)).st_gid, gid_t(42));

    Sandbox plain; // preserveOwnership off: the extracting user owns everything
    TarBuilder again;
    again.add({ .name = "f", .data = "f\n", .uid = 1234, .gid = 5678 });
    QVERIFY(extract(again.finish(), plain.target, { .preserveOwnership = false }));
    QCOMPARE(lstatOf(plain.inTarget(u"f"_s)).st_uid, ::geteuid());
}

void TestExtract::directoryModeAndTimesSetAfterContents()
{
    Sandbox box;
    TarBuilder tar;
    tar.add({ .name = "ro", .type = S_IFDIR, .perm = 0555, .mtime = 1'111'111'111 });
    tar.file("ro/inner/file", "f\n");
    tar.add({ .name = "ro/inner", .type = S_IFDIR, .perm = 0700, .mtime = 1'222'222'222 });
    tar.add({ .name = "./", .type = S_IFDIR, .perm = 0751, .mtime = 1'333'333'333 });
    const auto report = extract(tar.finish(), box.target);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(readFile(box.inTarget(u"ro/inner/file"_s)), "f\n");
    const struct stat ro = lstatOf(box.inTarget(u"ro"_s));
    QCOMPARE(ro.st_mode & 07777, mode_t(0555));
    QCOMPARE(ro.st_mtim.tv_sec, time_t(1'111'111'111));
    QCOMPARE(lstatOf(box.inTarget(u"ro/inner"_s)).st_mtim.tv_sec, time_t(1'222'222'222));
    QCOMPARE(lstatOf(box.target).st_mode & 07777, mode_t(0751));
    QCOMPARE(lstatOf(box.target).st_mtim.tv_sec, time_t(1'333'333'333));
    ::chmod(QFile::encodeName(box.inTarget(u"ro"_s)).constData(), 0755); // for QTemporaryDir's cleanup
}

void TestExtract::directoryReplacedByFile()
{
    Sandbox box;
    TarBuilder lower;
    lower.file("d/x", "x\n").file("d/sub/y", "y\n").symlink("d/out", QFile::encodeName(box.tmp.path()));
    QVERIFY(extract(lower.finish(), box.target, { .whiteouts = WhiteoutMode::Copy }));
    TarBuilder upper;
    upper.file("d", "now a file\n");
    const auto report = extract(upper.finish(), box.target, { .whiteouts = WhiteoutMode::Copy });
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY(S_ISREG(lstatOf(box.inTarget(u"d"_s)).st_mode));
    QCOMPARE(readFile(box.inTarget(u"d"_s)), "now a file\n");
    QVERIFY(box.outsideUntouched());
}

void TestExtract::fileReplacedByDirectory()
{
    Sandbox box;
    TarBuilder tar;
    tar.file("p", "file\n").dir("p").file("p/child", "c\n").dir("q").file("q/kept", "k\n").dir("q");
    const auto report = extract(tar.finish(), box.target);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY(S_ISDIR(lstatOf(box.inTarget(u"p"_s)).st_mode));
    QCOMPARE(readFile(box.inTarget(u"p/child"_s)), "c\n");
    QCOMPARE(readFile(box.inTarget(u"q/kept"_s)), "k\n"); // a directory merges with a directory
}

// Random damage to a hostile tar: whatever fails, nothing escapes.
void TestExtract::mutatedTarsStayInside()
{
    TarBuilder tar;
    tar.symlink("evil", "/").symlink("up", "../..").file("evil/a", "a\n").file("up/b", "b\n").hardlink("h", "evil/a");
    tar.file(".wh.up", "").file("d/.wh..wh..opq", "").symlink("z", "../../sentinel").file("z", "z\n");
    const QByteArray original = tar.finish();
    QRandomGenerator random(20240601);
    for (int round = 0; round < 150; ++round) {
        QByteArray layer = original;
        for (int flips = random.bounded(1, 8); flips > 0; --flips)
            layer[random.bounded(qsizetype(2048))] = char(random.bounded(256));
        Sandbox box;
        const auto mode = round % 2 ? WhiteoutMode::Copy : WhiteoutMode::Overlay;
        (void)extract(layer, box.target, { .whiteouts = mode });
        QVERIFY2(box.outsideUntouched(), qPrintable(u"round %1"_s.arg(round)));
    }
}

// docker cp's rule: a directory is not replaced by a non-directory, nor the
// other way round; the refusal changes nothing.
void TestExtract::noOverwriteDirNonDir_data()
{
    QTest::addColumn<bool>("existingIsDirectory");
    QTest::newRow("directory by a file") << true;
    QTest::newRow("file by a directory") << false;
}

void TestExtract::noOverwriteDirNonDir()
{
    QFETCH(bool, existingIsDirectory);
    Sandbox box;
    TarBuilder before;
    existingIsDirectory ? before.dir("p").file("p/child", "c\n") : before.file("p", "file\n");
    QVERIFY(extract(before.finish(), box.target));
    TarBuilder after;
    existingIsDirectory ? after.file("p", "replacement\n") : after.dir("p");
    const ExtractOptions options{ .whiteouts = WhiteoutMode::None, .noOverwriteDirNonDir = true };
    const QByteArray tar = after.finish();
    const auto report = extract(tar, box.target, options);
    QVERIFY(!report);
    QCOMPARE(report.error().code, Code::InvalidArgument);
    QVERIFY2(report.error().message.contains(u"cannot overwrite"_s), qPrintable(report.error().message));
    QCOMPARE(S_ISDIR(lstatOf(box.inTarget(u"p"_s)).st_mode), existingIsDirectory);

    QBuffer buffer;
    buffer.setData(tar);
    buffer.open(QIODevice::ReadOnly);
    const muelle::archive::ChunkSource source
        = [&buffer](qint64 max) -> Result<QByteArray> { return buffer.read(max); };
    muelle::confine::Fd root(::open(QFile::encodeName(box.target).constData(), O_RDONLY | O_DIRECTORY));
    const Result<> checked = muelle::archive::checkArchive(source, root.get(), options);
    QVERIFY(!checked);
    QVERIFY2(checked.error().message.contains(u"cannot overwrite"_s), qPrintable(checked.error().message));
}

namespace {

Result<> check(const QByteArray &tar, const QString &target, const ExtractOptions &options = {})
{
    QBuffer buffer;
    buffer.setData(tar);
    buffer.open(QIODevice::ReadOnly);
    muelle::confine::Fd root(::open(QFile::encodeName(target).constData(), O_RDONLY | O_DIRECTORY));
    return muelle::archive::checkArchive(
        [&buffer](qint64 max) -> Result<QByteArray> { return buffer.read(max); }, root.get(), options);
}

} // namespace

// checkArchive reads it all and refuses what extractLayer would, before a
// byte is written: the good entries before the bad one are not there.
void TestExtract::checkArchiveWritesNothing_data()
{
    QTest::addColumn<QByteArray>("tar");
    QTest::addColumn<QString>("error");
    TarBuilder dotdot;
    dotdot.file("good", "g\n").file("../escape", "x\n");
    QTest::newRow("..") << dotdot.finish() << u"climbs out"_s;
    TarBuilder hardlink;
    hardlink.file("good", "g\n").hardlink("hl", "../../etc/passwd");
    QTest::newRow("hard link out") << hardlink.finish() << u"climbs out"_s;
    TarBuilder root;
    root.file("good", "g\n").file("./", "x\n");
    QTest::newRow("a file for the root") << root.finish() << u"root"_s;
    TarBuilder truncated;
    truncated.file("good", "g\n").file("big", QByteArray(100000, 'b'));
    QTest::newRow("truncated") << truncated.finish().left(30000) << QString();
    QTest::newRow("garbage") << QByteArray(4096, 'z') << QString();
}

void TestExtract::checkArchiveWritesNothing()
{
    QFETCH(QByteArray, tar);
    QFETCH(QString, error);
    Sandbox box;
    const Result<> checked = check(tar, box.target);
    QVERIFY(!checked);
    QVERIFY2(checked.error().message.contains(error), qPrintable(checked.error().message));
    QVERIFY(QDir(box.target).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System | QDir::Hidden));
    QVERIFY(box.outsideUntouched());
}

void TestExtract::checkArchiveAcceptsAGoodArchive()
{
    Sandbox box;
    TarBuilder tar;
    tar.dir("d").file("d/f", "f\n").symlink("d/l", "/etc/passwd").hardlink("d/h", "d/f");
    const QByteArray bytes = tar.finish();
    const Result<> checked = check(bytes, box.target, { .noOverwriteDirNonDir = true });
    QVERIFY2(checked, qPrintable(checked ? QString() : checked.error().message));
    QVERIFY(QDir(box.target).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System | QDir::Hidden));
    QVERIFY(extract(bytes, box.target, { .whiteouts = WhiteoutMode::None, .noOverwriteDirNonDir = true }));
    QCOMPARE(readFile(box.inTarget(u"d/h"_s)), "f\n");
}

// docker cp's archives are not layers: ".wh." names are ordinary files.
void TestExtract::whiteoutNamesAreFilesWithoutWhiteoutMode()
{
    Sandbox box;
    TarBuilder tar;
    tar.file("kept", "k\n").file(".wh.kept", "a file\n").dir("d").file("d/.wh..wh..opq", "too\n");
    QVERIFY(extract(tar.finish(), box.target, { .whiteouts = WhiteoutMode::None }));
    QCOMPARE(readFile(box.inTarget(u"kept"_s)), "k\n");
    QCOMPARE(readFile(box.inTarget(u".wh.kept"_s)), "a file\n");
    QCOMPARE(readFile(box.inTarget(u"d/.wh..wh..opq"_s)), "too\n");
}

void TestExtract::ownerOverride()
{
    if (!isRoot())
        QSKIP("ownership needs root");
    Sandbox box;
    TarBuilder tar;
    tar.add({ .name = "d", .type = S_IFDIR, .perm = 0755, .uid = 7, .gid = 8 })
        .add({ .name = "d/f", .data = "f\n", .uid = 7, .gid = 8 })
        .add({ .name = "d/l", .type = S_IFLNK, .symlink = "f", .uid = 7, .gid = 8 });
    ExtractOptions options;
    options.owner = std::pair(4321u, 8765u);
    QVERIFY(extract(tar.finish(), box.target, options));
    for (const QString &path : { u"d"_s, u"d/f"_s, u"d/l"_s }) {
        const struct stat st = lstatOf(box.inTarget(path));
        QCOMPARE(st.st_uid, 4321u);
        QCOMPARE(st.st_gid, 8765u);
    }
}

QTEST_GUILESS_MAIN(TestExtract)
#include "tst_extract.moc"
