// Snapshots on a real filesystem, with both drivers: chain IDs as the OCI
// image spec defines them, a snapshot visible only once committed, the
// copying driver's full copies, and overlayfs (the tests run as root).
#include "engine/snapshots/snapshotter.h"
#include "tests/unit/engine/support.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace muelle;
using namespace muelle::engine;
using muelle::engine::testing::why;

namespace {

oci::Digest digestNamed(const char *seed)
{
    return oci::Digest::of(QByteArray(seed));
}

bool writeFile(const QString &path, const QByteArray &bytes, QFile::Permissions permissions = {})
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return false;
    file.close();
    return permissions == QFile::Permissions() || file.setPermissions(permissions);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

struct stat statOf(const QString &path)
{
    struct stat st { };
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        st.st_mode = 0;
    return st;
}

// Everything in `dir`, hidden entries included.
QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
}

struct Fixture {
    QTemporaryDir tmp;
    Paths paths{ tmp.path() };
    snapshots::Snapshotter snapshotter{ paths };

    Result<> open(const QString &driver) { return snapshotter.open(driver); }
    QStringList unfinished() const { return entries(paths.snapshotTmpDir()); }
    // A directory outside snapshots/ that nothing may touch; tests point
    // symlinks at it (never at a real system directory).
    QString decoy() const
    {
        const QString dir = tmp.filePath(u"decoy"_s);
        QDir().mkpath(dir + u"/sub"_s);
        writeFile(dir + u"/file"_s, "decoy");
        writeFile(dir + u"/sub/file"_s, "decoy");
        return dir;
    }
    bool decoyIntact(const QString &dir) const
    {
        return entries(dir) == QStringList{ u"file"_s, u"sub"_s } && readFile(dir + u"/sub/file"_s) == "decoy";
    }
    // A committed snapshot holding `files` (name -> content).
    Result<> make(const oci::Digest &chainId, const QList<std::pair<QString, QByteArray>> &files,
        const std::optional<oci::Digest> &parent = std::nullopt)
    {
        auto dir = snapshotter.prepare(parent);
        if (!dir)
            return fail(dir.error());
        for (const auto &[name, bytes] : files) {
            if (!writeFile(*dir + u'/' + name, bytes))
                return fail(Code::Internal, u"write "_s + name);
        }
        return snapshotter.commit(*dir, chainId);
    }
};

bool runningAsRoot()
{
    return ::geteuid() == 0;
}

} // namespace

class TestSnapshots : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules(u"muelle.engine.snapshots.info=false"_s); }

    void chainIdsFollowTheImageSpec_data()
    {
        QTest::addColumn<int>("layers");
        QTest::newRow("none") << 0;
        QTest::newRow("one") << 1;
        QTest::newRow("two") << 2;
        QTest::newRow("five") << 5;
    }

    void chainIdsFollowTheImageSpec()
    {
        QFETCH(int, layers);
        QList<oci::Digest> diffIds;
        for (int i = 0; i < layers; ++i)
            diffIds.append(oci::Digest::of("layer " + QByteArray::number(i)));
        // ChainID(L0) = DiffID(L0); ChainID(Ln) = SHA256(ChainID(Ln-1) + " " + DiffID(Ln)).
        QStringList expected;
        for (const oci::Digest &diffId : diffIds) {
            if (expected.isEmpty()) {
                expected.append(diffId.toString());
                continue;
            }
            const QByteArray input = expected.last().toLatin1() + ' ' + diffId.toString().toLatin1();
            expected.append(u"sha256:"_s
                + QString::fromLatin1(QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex()));
        }
        const QList<oci::Digest> chain = snapshots::chainIds(diffIds);
        QStringList got;
        for (const oci::Digest &id : chain)
            got.append(id.toString());
        QCOMPARE(got, expected);
    }

    void chainIdOfAKnownImage()
    {
        // Two layers whose chain IDs are worked out by hand once: a
        // regression anchor that does not share code with the test above.
        const auto first
            = oci::Digest::parse(u"sha256:0000000000000000000000000000000000000000000000000000000000000001"_s);
        const auto second
            = oci::Digest::parse(u"sha256:0000000000000000000000000000000000000000000000000000000000000002"_s);
        QVERIFY(first && second);
        const QList<oci::Digest> chain = snapshots::chainIds({ *first, *second });
        QCOMPARE(chain.size(), 2);
        QCOMPARE(chain[0], *first);
        const QByteArray joined = "sha256:0000000000000000000000000000000000000000000000000000000000000001 "
                                  "sha256:0000000000000000000000000000000000000000000000000000000000000002";
        QCOMPARE(
            chain[1].hex(), QString::fromLatin1(QCryptographicHash::hash(joined, QCryptographicHash::Sha256).toHex()));
    }

    void lifecycle_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::newRow("vfs") << u"vfs"_s;
        QTest::newRow("overlay2") << u"overlay2"_s;
    }

    void lifecycle()
    {
        QFETCH(QString, driver);
        if (driver == u"overlay2" && !runningAsRoot())
            QSKIP("overlayfs needs root");
        Fixture f;
        QVERIFY2(f.open(driver), why(f.open(driver)));
        QCOMPARE(f.snapshotter.driverName(), driver);
        const oci::Digest id = digestNamed("layer");
        QVERIFY(!f.snapshotter.exists(id));
        QCOMPARE(f.snapshotter.path(id), f.paths.snapshotsDir() + u'/' + id.hex());

        auto dir = f.snapshotter.prepare(std::nullopt);
        QVERIFY2(dir, why(dir));
        QVERIFY(QFileInfo(*dir).isDir());
        QVERIFY(entries(*dir).isEmpty());
        QCOMPARE(QFileInfo(*dir).absolutePath(), f.paths.snapshotTmpDir());
        QVERIFY(writeFile(*dir + u"/hello"_s, "hello\n"));
        QVERIFY(!f.snapshotter.exists(id));
        QVERIFY(f.snapshotter.list().isEmpty());

        auto committed = f.snapshotter.commit(*dir, id);
        QVERIFY2(committed, why(committed));
        QVERIFY(f.snapshotter.exists(id));
        QVERIFY(!QFileInfo::exists(*dir));
        QCOMPARE(readFile(f.snapshotter.path(id) + u"/hello"_s), QByteArray("hello\n"));
        QCOMPARE(f.snapshotter.list(), QList<oci::Digest>{ id });
        QVERIFY(f.unfinished().isEmpty());

        QVERIFY(f.snapshotter.remove(id));
        QVERIFY(!f.snapshotter.exists(id));
        QVERIFY(!QFileInfo::exists(f.snapshotter.path(id)));
        QVERIFY(f.snapshotter.list().isEmpty());
        QVERIFY(f.unfinished().isEmpty());
        QVERIFY(f.snapshotter.remove(id)); // missing: fine
    }

    void discardRemovesAPreparedDirectory()
    {
        Fixture f;
        QVERIFY(f.open(u"vfs"_s));
        const QString decoy = f.decoy();
        auto dir = f.snapshotter.prepare(std::nullopt);
        QVERIFY(dir);
        QVERIFY(QDir().mkpath(*dir + u"/a/b"_s));
        QVERIFY(writeFile(*dir + u"/a/b/c"_s, "c"));
        QVERIFY(
            ::symlink(QFile::encodeName(decoy).constData(), QFile::encodeName(*dir + u"/a/out"_s).constData()) == 0);
        f.snapshotter.discard(*dir);
        QVERIFY(!QFileInfo::exists(*dir));
        QVERIFY(f.unfinished().isEmpty());
        QVERIFY(f.decoyIntact(decoy)); // the symlink went, not what it points at
    }

    void listHoldsOnlySnapshots()
    {
        Fixture f;
        QVERIFY(f.open(u"vfs"_s));
        QVERIFY(f.make(digestNamed("a"), { { u"a"_s, "a" } }));
        QVERIFY(f.make(digestNamed("b"), { { u"b"_s, "b" } }));
        QVERIFY(QDir().mkpath(f.paths.snapshotsDir() + u"/not-a-digest"_s));
        QVERIFY(f.snapshotter.prepare(std::nullopt)); // unfinished, under tmp/
        QList<oci::Digest> listed = f.snapshotter.list();
        std::sort(listed.begin(), listed.end(), [](const auto &x, const auto &y) { return x.hex() < y.hex(); });
        QList<oci::Digest> expected = { digestNamed("a"), digestNamed("b") };
        std::sort(expected.begin(), expected.end(), [](const auto &x, const auto &y) { return x.hex() < y.hex(); });
        QCOMPARE(listed, expected);
    }

    void committingAnExistingSnapshotKeepsTheFirst()
    {
        Fixture f;
        QVERIFY(f.open(u"vfs"_s));
        const oci::Digest id = digestNamed("shared layer");
        QVERIFY(f.make(id, { { u"who"_s, "first" } }));
        const ino_t firstInode = statOf(f.snapshotter.path(id)).st_ino;

        auto second = f.snapshotter.prepare(std::nullopt);
        QVERIFY(second);
        QVERIFY(writeFile(*second + u"/who"_s, "second"));
        auto committed = f.snapshotter.commit(*second, id);
        QVERIFY2(committed, why(committed));
        QCOMPARE(readFile(f.snapshotter.path(id) + u"/who"_s), QByteArray("first"));
        QCOMPARE(statOf(f.snapshotter.path(id)).st_ino, firstInode);
        QVERIFY(!QFileInfo::exists(*second));
        QVERIFY(f.unfinished().isEmpty());
        QCOMPARE(f.snapshotter.list(), QList<oci::Digest>{ id });
    }

    void openClearsUnfinishedWork()
    {
        Fixture f;
        QVERIFY(f.open(u"vfs"_s));
        const oci::Digest kept = digestNamed("kept");
        QVERIFY(f.make(kept, { { u"file"_s, "kept" } }));
        auto half = f.snapshotter.prepare(std::nullopt);
        QVERIFY(half);
        QVERIFY(QDir().mkpath(*half + u"/deep/er"_s));
        QVERIFY(writeFile(*half + u"/deep/er/file"_s, "partial", QFile::ReadOwner));
        QVERIFY(QDir().mkpath(f.paths.snapshotTmpDir() + u"/.hidden"_s));
        QVERIFY(writeFile(f.paths.snapshotTmpDir() + u"/stray-file"_s, "x"));
        QCOMPARE(f.unfinished().size(), 3);

        snapshots::Snapshotter reopened(f.paths);
        QVERIFY(reopened.open(u"vfs"_s));
        QCOMPARE(f.unfinished(), QStringList());
        QVERIFY(reopened.exists(kept));
        QCOMPARE(readFile(reopened.path(kept) + u"/file"_s), QByteArray("kept"));
    }

    // A symlink in snapshots/tmp is removed as a link: open() runs as root,
    // and emptying what the link points at could be any directory at all.
    void openNeverFollowsASymlinkInTmp()
    {
        Fixture f;
        QVERIFY(f.open(u"vfs"_s));
        const QString decoy = f.decoy();
        QVERIFY(::symlink(QFile::encodeName(decoy).constData(),
                    QFile::encodeName(f.paths.snapshotTmpDir() + u"/link"_s).constData())
            == 0);
        snapshots::Snapshotter reopened(f.paths);
        QVERIFY(reopened.open(u"vfs"_s));
        QCOMPARE(f.unfinished(), QStringList());
        QVERIFY2(f.decoyIntact(decoy), "open() emptied the directory a symlink in snapshots/tmp points at");
    }

    void copyDriverCopiesTheParent()
    {
        Fixture f;
        QVERIFY(f.open(u"vfs"_s));
        QCOMPARE(f.snapshotter.driver(), snapshots::Driver::Copy);
        QCOMPARE(f.snapshotter.driverName(), u"vfs"_s);
        QCOMPARE(f.snapshotter.whiteoutMode(), archive::WhiteoutMode::Copy);

        const oci::Digest parent = digestNamed("parent");
        auto dir = f.snapshotter.prepare(std::nullopt);
        QVERIFY(dir);
        QVERIFY(QDir().mkpath(*dir + u"/etc/conf.d"_s));
        QVERIFY(::chmod(QFile::encodeName(*dir + u"/etc"_s).constData(), 0750) == 0);
        QVERIFY(writeFile(*dir + u"/etc/conf"_s, "setting=1\n"));
        QVERIFY(::chmod(QFile::encodeName(*dir + u"/etc/conf"_s).constData(), 0640) == 0);
        QVERIFY(writeFile(*dir + u"/run.sh"_s, "#!/bin/sh\n"));
        QVERIFY(::chmod(QFile::encodeName(*dir + u"/run.sh"_s).constData(), 04755) == 0);
        QVERIFY(writeFile(*dir + u"/.dotfile"_s, "dot"));
        QVERIFY(::symlink("etc/conf", QFile::encodeName(*dir + u"/relative"_s).constData()) == 0);
        QVERIFY(::symlink("/nonexistent/conf", QFile::encodeName(*dir + u"/absolute"_s).constData()) == 0);
        QVERIFY(::symlink("missing", QFile::encodeName(*dir + u"/dangling"_s).constData()) == 0);
        QVERIFY(::link(QFile::encodeName(*dir + u"/etc/conf"_s).constData(),
                    QFile::encodeName(*dir + u"/etc/conf.hard"_s).constData())
            == 0);
        QVERIFY(::mkfifo(QFile::encodeName(*dir + u"/fifo"_s).constData(), 0600) == 0);
        if (runningAsRoot())
            QVERIFY(::lchown(QFile::encodeName(*dir + u"/etc/conf"_s).constData(), 1234, 5678) == 0);
        QVERIFY(f.snapshotter.commit(*dir, parent));

        auto child = f.snapshotter.prepare(parent);
        QVERIFY2(child, why(child));
        QCOMPARE(QFileInfo(*child).absolutePath(), f.paths.snapshotTmpDir());
        const QString from = f.snapshotter.path(parent);
        QCOMPARE(entries(*child), entries(from));
        for (const char *name :
            { "etc", "etc/conf.d", "etc/conf", "run.sh", ".dotfile", "relative", "absolute", "dangling", "fifo" }) {
            const QString rel = QString::fromLatin1(name);
            const struct stat original = statOf(from + u'/' + rel);
            const struct stat copy = statOf(*child + u'/' + rel);
            QVERIFY2(copy.st_mode != 0, name);
            QCOMPARE(copy.st_mode, original.st_mode);
            QCOMPARE(copy.st_uid, original.st_uid);
            QCOMPARE(copy.st_gid, original.st_gid);
            if (!S_ISDIR(copy.st_mode))
                QCOMPARE(copy.st_mtim.tv_sec, original.st_mtim.tv_sec);
        }
        QCOMPARE(statOf(*child + u"/etc/conf"_s).st_mode & 07777, mode_t(0640));
        QCOMPARE(statOf(*child + u"/run.sh"_s).st_mode & 07777, mode_t(04755));
        QCOMPARE(statOf(*child + u"/etc"_s).st_mode & 07777, mode_t(0750));
        QVERIFY(S_ISFIFO(statOf(*child + u"/fifo"_s).st_mode));
        if (runningAsRoot())
            QCOMPARE(statOf(*child + u"/etc/conf"_s).st_uid, uid_t(1234));
        QCOMPARE(QFile::symLinkTarget(*child + u"/relative"_s), *child + u"/etc/conf"_s);
        QCOMPARE(QFileInfo(*child + u"/absolute"_s).symLinkTarget(), u"/nonexistent/conf"_s);
        QVERIFY(QFileInfo(*child + u"/dangling"_s).isSymLink());
        QCOMPARE(readFile(*child + u"/etc/conf"_s), QByteArray("setting=1\n"));
        // Hard links stay links to each other, inside the copy only.
        QCOMPARE(statOf(*child + u"/etc/conf.hard"_s).st_ino, statOf(*child + u"/etc/conf"_s).st_ino);
        QVERIFY(statOf(*child + u"/etc/conf"_s).st_ino != statOf(from + u"/etc/conf"_s).st_ino);

        // The child is a copy: changing it leaves the parent alone.
        QVERIFY(writeFile(*child + u"/etc/conf"_s, "setting=2\n"));
        QVERIFY(QFile::remove(*child + u"/run.sh"_s));
        QCOMPARE(readFile(from + u"/etc/conf"_s), QByteArray("setting=1\n"));
        QVERIFY(QFileInfo::exists(from + u"/run.sh"_s));
        QVERIFY(f.snapshotter.commit(*child, digestNamed("child")));
        QCOMPARE(readFile(f.snapshotter.path(digestNamed("child")) + u"/etc/conf"_s), QByteArray("setting=2\n"));
    }

    void copyOfAMissingParentFails()
    {
        Fixture f;
        QVERIFY(f.open(u"vfs"_s));
        const oci::Digest missing = digestNamed("missing");
        auto dir = f.snapshotter.prepare(missing);
        QVERIFY(!dir);
        QCOMPARE(dir.error().code, Code::Internal);
        QVERIFY2(dir.error().message.startsWith(u"copy snapshot "_s + missing.hex().left(12) + u": "_s),
            qPrintable(dir.error().message));
        QVERIFY(f.unfinished().isEmpty());
    }

    void overlayDriver()
    {
        if (!runningAsRoot())
            QSKIP("overlayfs needs root");
        Fixture f;
        auto opened = f.open(u"overlay2"_s);
        QVERIFY2(opened, why(opened));
        QCOMPARE(f.snapshotter.driver(), snapshots::Driver::Overlay);
        QCOMPARE(f.snapshotter.driverName(), u"overlay2"_s);
        QCOMPARE(f.snapshotter.whiteoutMode(), archive::WhiteoutMode::Overlay);
        QVERIFY(f.unfinished().isEmpty()); // the probe cleaned up after itself

        // Each snapshot holds its own layer only: a child starts empty.
        const oci::Digest parent = digestNamed("lower");
        QVERIFY(f.make(parent, { { u"from-parent"_s, "p" } }));
        auto child = f.snapshotter.prepare(parent);
        QVERIFY2(child, why(child));
        QVERIFY(entries(*child).isEmpty());
        f.snapshotter.discard(*child);
    }

    void probingPicksOverlayHere()
    {
        if (!runningAsRoot())
            QSKIP("overlayfs needs root");
        Fixture f;
        QVERIFY(f.open(QString()));
        QCOMPARE(f.snapshotter.driver(), snapshots::Driver::Overlay);
        QVERIFY(f.unfinished().isEmpty());
    }

    void unknownDriverIsRefused()
    {
        Fixture f;
        auto opened = f.open(u"bogus"_s);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, Code::InvalidArgument);
        QCOMPARE(opened.error().message, u"storage driver \"bogus\": want overlay2 or vfs"_s);
    }

    void usageCountsFileBytes()
    {
        Fixture f;
        QVERIFY(f.open(u"vfs"_s));
        const oci::Digest id = digestNamed("sized");
        auto dir = f.snapshotter.prepare(std::nullopt);
        QVERIFY(dir);
        QVERIFY(QDir().mkpath(*dir + u"/a/b"_s));
        QVERIFY(writeFile(*dir + u"/top"_s, QByteArray(1000, 't')));
        QVERIFY(writeFile(*dir + u"/a/b/deep"_s, QByteArray(234, 'd')));
        QVERIFY(writeFile(*dir + u"/a/.hidden"_s, QByteArray(10, 'h')));
        QVERIFY(writeFile(*dir + u"/a/empty"_s, QByteArray()));
        QVERIFY(f.snapshotter.commit(*dir, id));
        QCOMPARE(f.snapshotter.usage(id), qint64(1244));
        QCOMPARE(f.snapshotter.usage(digestNamed("absent")), qint64(0));
    }

    void usageCountsEachFileOnce_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("relative symlink to a file") << u"relative"_s;
        QTest::newRow("absolute symlink out of the snapshot") << u"absolute"_s;
        QTest::newRow("hard link") << u"hard"_s;
    }

    // du counts a symlink as itself (never its target, least of all a host
    // file outside the snapshot) and a hard-linked file once.
    void usageCountsEachFileOnce()
    {
        QFETCH(QString, kind);
        Fixture f;
        QVERIFY(f.open(u"vfs"_s));
        const QString outside = f.tmp.filePath(u"outside"_s);
        QVERIFY(writeFile(outside, QByteArray(50000, 'o')));
        const oci::Digest id = digestNamed("linked");
        auto dir = f.snapshotter.prepare(std::nullopt);
        QVERIFY(dir);
        QVERIFY(writeFile(*dir + u"/file"_s, QByteArray(1000, 'f')));
        const QByteArray link = QFile::encodeName(*dir + u"/link"_s);
        QByteArray target;
        if (kind == u"relative")
            target = "file";
        else if (kind == u"absolute")
            target = QFile::encodeName(outside);
        if (target.isEmpty())
            QVERIFY(::link(QFile::encodeName(*dir + u"/file"_s).constData(), link.constData()) == 0);
        else
            QVERIFY(::symlink(target.constData(), link.constData()) == 0);
        QVERIFY(f.snapshotter.commit(*dir, id));
        // A symlink may count as the length of its target, as du --apparent-size does.
        const qint64 usage = f.snapshotter.usage(id);
        QVERIFY2(usage >= 1000 && usage <= 1000 + target.size(), QByteArray::number(usage).constData());
    }
};

QTEST_GUILESS_MAIN(TestSnapshots)
#include "tst_snapshotter.moc"
