// The local volume driver on a real filesystem: create, inspect, list with
// Docker's filters, remove and prune (refused while in use), the crash
// left-overs open() clears, the copy-up from an image (once, and never out
// of the image), and disk usage. Every path is below a temporary directory;
// symlinks point at a decoy there, never at a system directory.
#include "confine/inroot.h"
#include "engine/volumes/volumes.h"
#include "tests/unit/engine/support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <limits>

using namespace Qt::StringLiterals;
using namespace muelle;
using namespace muelle::engine;
using muelle::engine::testing::why;
using volumes::Volume;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
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

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
}

bool symlink(const QString &target, const QString &link)
{
    return ::symlink(QFile::encodeName(target).constData(), QFile::encodeName(link).constData()) == 0;
}

QByteArray linkTarget(const QString &path)
{
    char target[4096] = {};
    const ssize_t size = ::readlink(QFile::encodeName(path).constData(), target, sizeof target - 1);
    return size < 0 ? QByteArray("<not a symlink>") : QByteArray(target, size);
}

bool setModeOwnerTime(const QString &path, mode_t mode, uid_t uid, gid_t gid, time_t mtime)
{
    const QByteArray name = QFile::encodeName(path);
    if (::geteuid() == 0 && ::lchown(name.constData(), uid, gid) != 0)
        return false;
    if (::chmod(name.constData(), mode) != 0)
        return false;
    const timespec times[2] = { { mtime, 0 }, { mtime, 0 } };
    return ::utimensat(AT_FDCWD, name.constData(), times, AT_SYMLINK_NOFOLLOW) == 0;
}

volumes::Filters where(std::optional<bool> dangling, const QStringList &names = {}, const QStringList &labels = {},
    const QStringList &drivers = {})
{
    volumes::Filters filters;
    filters.dangling = dangling;
    filters.names = names;
    filters.labels = labels;
    filters.drivers = drivers;
    return filters;
}

struct Fixture {
    QTemporaryDir tmp;
    Paths paths{ tmp.filePath(u"root"_s) };
    events::EventBus bus;
    QHash<QString, QStringList> users; // volume name -> container IDs
    volumes::VolumeService service{ paths, bus };

    Fixture()
    {
        service.setUsersOf([this](const QString &name) { return users.value(name); });
    }

    QList<events::Event> events()
    {
        int id = 0;
        const QList<events::Event> kept = bus.subscribe(0, std::numeric_limits<qint64>::max(), &id, {});
        bus.unsubscribe(id);
        return kept;
    }
    QStringList names()
    {
        QStringList names;
        for (const Volume &volume : service.list().value_or(QList<Volume>()))
            names.append(volume.name);
        return names;
    }
    // A directory outside the data root that nothing may touch.
    QString decoy() const
    {
        const QString dir = tmp.filePath(u"decoy"_s);
        QDir().mkpath(dir + u"/sub"_s);
        writeFile(dir + u"/file"_s, "decoy");
        writeFile(dir + u"/sub/file"_s, "decoy");
        return dir;
    }
    bool decoyIntact() const
    {
        const QString dir = tmp.filePath(u"decoy"_s);
        return entries(dir) == QStringList{ u"file"_s, u"sub"_s } && readFile(dir + u"/sub/file"_s) == "decoy";
    }
    QString image() const
    {
        const QString dir = tmp.filePath(u"image"_s);
        QDir().mkpath(dir);
        return dir;
    }
};

} // namespace

class TestVolumes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules(u"muelle.engine.volumes.info=false"_s); }

    void createAndGet()
    {
        Fixture f;
        QVERIFY2(f.service.open(), "open");
        Result<Volume> made = f.service.create(u"data"_s, { { u"app"_s, u"web"_s } });
        QVERIFY2(made, why(made));
        QCOMPARE(made->name, u"data"_s);
        QCOMPARE(made->driver, u"local"_s);
        QCOMPARE(made->scope, u"local"_s);
        QCOMPARE(made->mountpoint, f.paths.volume(u"data"_s) + u"/_data"_s);
        QCOMPARE(made->labels.value(u"app"_s), u"web"_s);
        QVERIFY(!made->anonymous);
        QVERIFY(!made->filled);
        QVERIFY(
            QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"_s).match(made->createdAt).hasMatch());
        QVERIFY(QFileInfo(made->mountpoint).isDir());
        QVERIFY(QFileInfo::exists(f.paths.volume(u"data"_s) + u"/volume.json"_s));

        Result<Volume> got = f.service.get(u"data"_s);
        QVERIFY2(got, why(got));
        QCOMPARE(*got, *made);

        const QList<events::Event> events = f.events();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].type, u"volume"_s);
        QCOMPARE(events[0].action, u"create"_s);
        QCOMPARE(events[0].actorId, u"data"_s);
        QCOMPARE(events[0].attributes.value(u"driver"_s), u"local"_s);
    }

    void createExistingReturnsIt()
    {
        Fixture f;
        QVERIFY(f.service.open());
        const Result<Volume> first = f.service.create(u"data"_s, { { u"a"_s, u"1"_s } });
        QVERIFY2(first, why(first));
        // As `docker run -v data:/x` does: no labels, the existing volume.
        Result<Volume> again = f.service.create(u"data"_s);
        QVERIFY2(again, why(again));
        QCOMPARE(*again, *first);
        again = f.service.create(u"data"_s, { { u"a"_s, u"1"_s } });
        QVERIFY2(again, why(again));
        QCOMPARE(*again, *first);

        Result<Volume> clash = f.service.create(u"data"_s, { { u"a"_s, u"2"_s } });
        QVERIFY(!clash);
        QCOMPARE(clash.error().code, Code::Conflict);
        clash = f.service.create(u"data"_s, {}, { { u"type"_s, u"tmpfs"_s } });
        QVERIFY(!clash);
        QCOMPARE(f.names(), QStringList{ u"data"_s });
        QCOMPARE(f.events().size(), 3); // Docker logs create for an existing volume too
    }

    void createAnonymous()
    {
        Fixture f;
        QVERIFY(f.service.open());
        Result<Volume> made = f.service.create(QString());
        QVERIFY2(made, why(made));
        QVERIFY(QRegularExpression(u"^[0-9a-f]{64}$"_s).match(made->name).hasMatch());
        QVERIFY(made->anonymous);
        QVERIFY(made->labels.contains(volumes::anonymousLabel));
        Result<Volume> other = f.service.create(QString());
        QVERIFY2(other, why(other));
        QVERIFY(other->name != made->name);
    }

    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << u"data"_s << true;
        QTest::newRow("punctuation") << u"my-vol_1.0"_s << true;
        QTest::newRow("digit first") << u"0x"_s << true;
        QTest::newRow("one character") << u"a"_s << false;
        QTest::newRow("dash first") << u"-data"_s << false;
        QTest::newRow("dot first") << u".data"_s << false;
        QTest::newRow("underscore first") << u"_data"_s << false;
        QTest::newRow("dot dot") << u".."_s << false;
        QTest::newRow("slash") << u"a/b"_s << false;
        QTest::newRow("host path") << u"/srv/data"_s << false;
        QTest::newRow("climbing") << u"../x"_s << false;
        QTest::newRow("space") << u"a b"_s << false;
        QTest::newRow("colon") << u"a:b"_s << false;
        QTest::newRow("newline") << u"ab\n"_s << false;
        QTest::newRow("non ascii") << u"caf\u00e9"_s << false;
    }
    void names()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        Fixture f;
        QVERIFY(f.service.open());
        QCOMPARE(volumes::isValidName(name), valid);
        const Result<Volume> made = f.service.create(name);
        QCOMPARE(bool(made), valid);
        if (valid)
            return;
        QCOMPARE(made.error().code, Code::InvalidArgument);
        QCOMPARE(made.error().message,
            u"create %1: \"%1\" includes invalid characters for a local volume name, only "
            "\"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path"_s
                .arg(name));
        QVERIFY(entries(f.paths.volumesDir()).isEmpty());
    }

    void driversAndOptions()
    {
        Fixture f;
        QVERIFY(f.service.open());
        Result<Volume> made = f.service.create(u"data"_s, {}, {}, u"nfs-plugin"_s);
        QVERIFY(!made);
        QCOMPARE(made.error().code, Code::InvalidArgument);
        made = f.service.create(u"data"_s, {}, { { u"type"_s, u"tmpfs"_s }, { u"device"_s, u"tmpfs"_s } });
        QVERIFY(!made);
        QCOMPARE(made.error().code, Code::Unimplemented);
        QVERIFY2(made.error().message.contains(u"not supported yet"_s), why(made));
        made = f.service.create(u"data"_s, {}, { { u"colour"_s, u"blue"_s } });
        QVERIFY(!made);
        QCOMPARE(made.error().code, Code::InvalidArgument);
        QCOMPARE(made.error().message, u"create data: invalid option: \"colour\""_s);
        QVERIFY(f.names().isEmpty());
        made = f.service.create(u"data"_s, {}, {}, u"local"_s);
        QVERIFY2(made, why(made));
    }

    void getMissing()
    {
        Fixture f;
        QVERIFY(f.service.open());
        const Result<Volume> got = f.service.get(u"nope"_s);
        QVERIFY(!got);
        QCOMPARE(got.error().code, Code::NotFound);
        QCOMPARE(got.error().message, u"get nope: no such volume"_s);
    }

    void listFilters()
    {
        Fixture f;
        QVERIFY(f.service.open());
        QVERIFY(f.service.create(u"alpha"_s, { { u"env"_s, u"prod"_s }, { u"tier"_s, u"web"_s } }));
        QVERIFY(f.service.create(u"beta"_s, { { u"env"_s, u"dev"_s } }));
        QVERIFY(f.service.create(u"gamma-alpha"_s));
        f.users.insert(u"beta"_s, { u"c1"_s });

        const auto names = [&](const volumes::Filters &filters) {
            QStringList names;
            const Result<QList<Volume>> listed = f.service.list(filters);
            for (const Volume &volume : listed.value_or(QList<Volume>()))
                names.append(volume.name);
            return listed ? names : QStringList{ u"<error>"_s };
        };
        QCOMPARE(names(where({})), (QStringList{ u"alpha"_s, u"beta"_s, u"gamma-alpha"_s }));
        QCOMPARE(names(where({}, { u"alpha"_s })), (QStringList{ u"alpha"_s, u"gamma-alpha"_s }));
        QCOMPARE(names(where({}, { u"bet"_s, u"gamma"_s })), (QStringList{ u"beta"_s, u"gamma-alpha"_s }));
        QCOMPARE(names(where({}, {}, { u"env"_s })), (QStringList{ u"alpha"_s, u"beta"_s }));
        QCOMPARE(names(where({}, {}, { u"env=prod"_s })), QStringList{ u"alpha"_s });
        QCOMPARE(names(where({}, {}, { u"env=dev"_s, u"tier"_s })), QStringList());
        QCOMPARE(names(where({}, {}, { u"env"_s, u"tier=web"_s })), QStringList{ u"alpha"_s });
        QCOMPARE(names(where({}, {}, {}, { u"local"_s })).size(), 3);
        QCOMPARE(names(where({}, {}, {}, { u"nfs"_s })), QStringList());
        QCOMPARE(names(where(true)), (QStringList{ u"alpha"_s, u"gamma-alpha"_s }));
        QCOMPARE(names(where(false)), QStringList{ u"beta"_s });
        QCOMPARE(names(where(true, { u"gamma"_s })), QStringList{ u"gamma-alpha"_s });

        const Result<QList<Volume>> bad = f.service.list(where({}, {}, { QString() }));
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, Code::InvalidArgument);
    }

    void remove()
    {
        Fixture f;
        QVERIFY(f.service.open());
        const Result<Volume> made = f.service.create(u"data"_s);
        QVERIFY2(made, why(made));
        QVERIFY(writeFile(made->mountpoint + u"/file"_s, "x"));
        // A symlink in a volume is removed, never followed.
        QVERIFY(symlink(f.decoy(), made->mountpoint + u"/escape"_s));

        const Result<> removed = f.service.remove(u"data"_s);
        QVERIFY2(removed, why(removed));
        QVERIFY(f.decoyIntact());
        QVERIFY(entries(f.paths.volumesDir()).isEmpty());
        QCOMPARE(f.service.get(u"data"_s).error().code, Code::NotFound);
        QCOMPARE(f.events().last().action, u"destroy"_s);
        QCOMPARE(f.events().last().actorId, u"data"_s);
        QCOMPARE(f.events().last().attributes.value(u"driver"_s), u"local"_s);

        const Result<> missing = f.service.remove(u"data"_s);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Code::NotFound);
        QCOMPARE(missing.error().message, u"get data: no such volume"_s);
        QVERIFY(f.service.remove(u"data"_s, true));
        QCOMPARE(f.events().size(), 2);
    }

    void removeInUse()
    {
        Fixture f;
        QVERIFY(f.service.open());
        QVERIFY(f.service.create(u"data"_s));
        f.users.insert(u"data"_s, { u"abc123"_s, u"def456"_s });
        for (bool force : { false, true }) {
            const Result<> removed = f.service.remove(u"data"_s, force);
            QVERIFY(!removed);
            QCOMPARE(removed.error().code, Code::Conflict);
            QCOMPARE(removed.error().message, u"remove data: volume is in use - [abc123, def456]"_s);
        }
        QVERIFY(f.service.get(u"data"_s));
        QVERIFY(QFileInfo(f.paths.volume(u"data"_s) + u"/_data"_s).isDir());
        f.users.clear();
        QVERIFY(f.service.remove(u"data"_s));
    }

    void prune()
    {
        Fixture f;
        QVERIFY(f.service.open());
        const Result<Volume> unused = f.service.create(QString());
        const Result<Volume> used = f.service.create(QString());
        QVERIFY(unused && used);
        QVERIFY(writeFile(unused->mountpoint + u"/file"_s, QByteArray(1000, 'x')));
        QVERIFY(f.service.create(u"keep"_s));
        QVERIFY(f.service.create(u"labeled"_s, { { u"a"_s, u"b"_s } }));
        f.users.insert(used->name, { u"c1"_s });

        // Docker 23+: without `all`, anonymous volumes only.
        Result<volumes::PruneReport> report = f.service.prune();
        QVERIFY2(report, why(report));
        QCOMPARE(report->removed, QStringList{ unused->name });
        QCOMPARE(report->bytesReclaimed, 1000);

        report = f.service.prune(true, { u"a=b"_s });
        QVERIFY2(report, why(report));
        QCOMPARE(report->removed, QStringList{ u"labeled"_s });

        report = f.service.prune(true);
        QVERIFY2(report, why(report));
        QCOMPARE(report->removed, QStringList{ u"keep"_s });
        QCOMPARE(f.names(), QStringList{ used->name });
        QCOMPARE(entries(f.paths.volumesDir()), QStringList{ used->name });
    }

    void reopenAfterCrash()
    {
        Fixture f;
        QVERIFY(f.service.open());
        const Result<Volume> good = f.service.create(u"good"_s, { { u"a"_s, u"b"_s } });
        QVERIFY2(good, why(good));
        QVERIFY(writeFile(good->mountpoint + u"/file"_s, "kept"));

        // What a crash can leave: a volume without its record (here holding
        // a symlink to the decoy), a removal cut short, and entries that
        // are not volumes at all.
        const QString volumes = f.paths.volumesDir();
        QVERIFY(QDir().mkpath(volumes + u"/half/_data"_s));
        QVERIFY(symlink(f.decoy(), volumes + u"/half/_data/escape"_s));
        QVERIFY(QDir().mkpath(volumes + u"/.trash-0123/_data/sub"_s));
        QVERIFY(QDir().mkpath(volumes + u"/garbled/_data"_s));
        QVERIFY(writeFile(volumes + u"/garbled/volume.json"_s, "{not json"));
        QVERIFY(QDir().mkpath(volumes + u"/renamed/_data"_s));
        QVERIFY(QFile::copy(volumes + u"/good/volume.json"_s, volumes + u"/renamed/volume.json"_s));
        QVERIFY(symlink(f.tmp.filePath(u"decoy"_s), volumes + u"/linked"_s));

        volumes::VolumeService reopened(f.paths, f.bus);
        const Result<> opened = reopened.open();
        QVERIFY2(opened, why(opened));
        QCOMPARE(entries(volumes), QStringList{ u"good"_s });
        QVERIFY(f.decoyIntact());
        Result<Volume> got = reopened.get(u"good"_s);
        QVERIFY2(got, why(got));
        QCOMPARE(*got, *good);
        QCOMPARE(readFile(got->mountpoint + u"/file"_s), QByteArray("kept"));
    }

    void fillFromImage()
    {
        Fixture f;
        QVERIFY(f.service.open());
        const QString data = f.image() + u"/var/lib/app"_s;
        QVERIFY(QDir().mkpath(data + u"/sub"_s));
        QVERIFY(writeFile(data + u"/file"_s, "hello"));
        QVERIFY(writeFile(data + u"/run.sh"_s, "#!/bin/sh\n"));
        QVERIFY(writeFile(data + u"/sub/nested"_s, "nested"));
        QVERIFY(symlink(u"file"_s, data + u"/link"_s));
        QVERIFY(symlink(u"nowhere"_s, data + u"/dangling"_s));
        const bool xattrs
            = ::setxattr(QFile::encodeName(data + u"/file"_s).constData(), "user.muelle", "yes", 3, 0) == 0;
        QVERIFY(setModeOwnerTime(data + u"/file"_s, 0640, 1234, 5678, 1'600'000'000));
        QVERIFY(setModeOwnerTime(data + u"/run.sh"_s, 04755, 0, 0, 1'500'000'000));
        QVERIFY(setModeOwnerTime(data + u"/sub/nested"_s, 0600, 42, 43, 1'400'000'000));
        QVERIFY(setModeOwnerTime(data + u"/sub"_s, 0700, 42, 43, 1'300'000'000));
        QVERIFY(setModeOwnerTime(data, 0750, 1000, 1001, 1'200'000'000));

        const Result<Volume> volume = f.service.create(u"app"_s);
        QVERIFY2(volume, why(volume));
        const Result<bool> filled = f.service.fillFromImage(u"app"_s, f.image(), u"/var/lib/app"_s);
        QVERIFY2(filled, why(filled));
        QVERIFY(*filled);

        const QString to = volume->mountpoint;
        QCOMPARE(entries(to), (QStringList{ u"dangling"_s, u"file"_s, u"link"_s, u"run.sh"_s, u"sub"_s }));
        QCOMPARE(readFile(to + u"/file"_s), QByteArray("hello"));
        QCOMPARE(readFile(to + u"/sub/nested"_s), QByteArray("nested"));
        QCOMPARE(QFileInfo(to + u"/link"_s).symLinkTarget(), to + u"/file"_s);
        QVERIFY(QFileInfo(to + u"/dangling"_s).isSymLink());
        QCOMPARE(linkTarget(to + u"/dangling"_s), QByteArray("nowhere"));
        QCOMPARE(linkTarget(to + u"/link"_s), QByteArray("file"));
        const bool root = ::geteuid() == 0;
        for (const QString &path : { u""_s, u"/file"_s, u"/run.sh"_s, u"/sub"_s, u"/sub/nested"_s }) {
            const struct stat from = statOf(data + path);
            const struct stat copy = statOf(to + path);
            QCOMPARE(copy.st_mode, from.st_mode);
            QCOMPARE(copy.st_mtim.tv_sec, from.st_mtim.tv_sec);
            if (root) {
                QCOMPARE(copy.st_uid, from.st_uid);
                QCOMPARE(copy.st_gid, from.st_gid);
            }
        }
        QCOMPARE(statOf(to + u"/run.sh"_s).st_mode & 07777, 04755u); // setuid kept: mode after owner
        if (xattrs) {
            char value[8] = {};
            QCOMPARE(
                ::lgetxattr(QFile::encodeName(to + u"/file"_s).constData(), "user.muelle", value, sizeof value), 3);
            QCOMPARE(QByteArray(value), QByteArray("yes"));
        }
        QVERIFY(f.service.get(u"app"_s)->filled);

        // The mark is on disk.
        volumes::VolumeService reopened(f.paths, f.bus);
        QVERIFY(reopened.open());
        QVERIFY(reopened.get(u"app"_s)->filled);
    }

    void fillOnlyOnce()
    {
        Fixture f;
        QVERIFY(f.service.open());
        QVERIFY(QDir().mkpath(f.image() + u"/data"_s));
        QVERIFY(writeFile(f.image() + u"/data/file"_s, "image"));
        const Result<Volume> volume = f.service.create(u"vol"_s);
        QVERIFY(volume);

        // Nothing at the path in the image: nothing done, not marked.
        Result<bool> filled = f.service.fillFromImage(u"vol"_s, f.image(), u"/missing"_s);
        QVERIFY2(filled, why(filled));
        QVERIFY(!*filled);
        QVERIFY(!f.service.get(u"vol"_s)->filled);

        filled = f.service.fillFromImage(u"vol"_s, f.image(), u"/data"_s);
        QVERIFY2(filled && *filled, why(filled));
        QVERIFY(QFile::remove(volume->mountpoint + u"/file"_s));
        filled = f.service.fillFromImage(u"vol"_s, f.image(), u"/data"_s);
        QVERIFY2(filled, why(filled));
        QVERIFY(!*filled);
        QVERIFY(entries(volume->mountpoint).isEmpty());

        // A volume with files of its own is never filled (Docker's rule).
        const Result<Volume> used = f.service.create(u"used"_s);
        QVERIFY(used);
        QVERIFY(writeFile(used->mountpoint + u"/mine"_s, "mine"));
        filled = f.service.fillFromImage(u"used"_s, f.image(), u"/data"_s);
        QVERIFY2(filled, why(filled));
        QVERIFY(!*filled);
        QCOMPARE(entries(used->mountpoint), QStringList{ u"mine"_s });

        filled = f.service.fillFromImage(u"nope"_s, f.image(), u"/data"_s);
        QVERIFY(!filled);
        QCOMPARE(filled.error().code, Code::NotFound);
    }

    void fillStaysInsideImage_data()
    {
        QTest::addColumn<bool>("walk");
        QTest::newRow("openat2") << false;
        QTest::newRow("walk") << true;
    }
    void fillStaysInsideImage()
    {
        QFETCH(bool, walk);
        confine::setForceResolveWalkForTests(walk);
        const auto reset = qScopeGuard([] { confine::setForceResolveWalkForTests(false); });
        Fixture f;
        QVERIFY(f.service.open());
        const QString decoy = f.decoy();
        const QString image = f.image();
        QVERIFY(symlink(decoy, image + u"/absolute"_s));
        QVERIFY(symlink(u"../decoy"_s, image + u"/relative"_s));
        QVERIFY(QDir().mkpath(image + u"/data"_s));
        QVERIFY(symlink(decoy, image + u"/data/link"_s));
        const Result<Volume> volume = f.service.create(u"vol"_s);
        QVERIFY(volume);

        for (const QString &path : { u"/absolute"_s, u"/relative"_s, u"/relative/sub"_s, u"/data/link"_s }) {
            const Result<bool> filled = f.service.fillFromImage(u"vol"_s, image, path);
            QVERIFY2(filled, why(filled));
            QVERIFY2(!*filled, qPrintable(path));
            QVERIFY(entries(volume->mountpoint).isEmpty());
        }
        const Result<bool> climbing = f.service.fillFromImage(u"vol"_s, image, u"../decoy"_s);
        QVERIFY(!climbing);
        QCOMPARE(climbing.error().code, Code::InvalidArgument);

        // A symlink in the copied tree stays a symlink: the decoy is not copied.
        const Result<bool> filled = f.service.fillFromImage(u"vol"_s, image, u"/data"_s);
        QVERIFY2(filled && *filled, why(filled));
        QCOMPARE(entries(volume->mountpoint), QStringList{ u"link"_s });
        QVERIFY(QFileInfo(volume->mountpoint + u"/link"_s).isSymLink());
        QVERIFY(f.decoyIntact());
    }

    void usage()
    {
        Fixture f;
        QVERIFY(f.service.open());
        const Result<Volume> volume = f.service.create(u"vol"_s);
        QVERIFY(volume);
        const QString dir = volume->mountpoint;
        Result<qint64> used = f.service.usage(u"vol"_s);
        QVERIFY2(used, why(used));
        QCOMPARE(*used, 0);

        QVERIFY(QDir().mkpath(dir + u"/sub"_s));
        QVERIFY(writeFile(dir + u"/a"_s, QByteArray(1000, 'a')));
        QVERIFY(writeFile(dir + u"/sub/b"_s, QByteArray(2000, 'b')));
        QVERIFY(::link(QFile::encodeName(dir + u"/a"_s).constData(), QFile::encodeName(dir + u"/sub/c"_s).constData())
            == 0);
        const QString decoy = f.decoy();
        QVERIFY(writeFile(decoy + u"/big"_s, QByteArray(8192, 'd')));
        QVERIFY(symlink(decoy + u"/big"_s, dir + u"/link"_s));
        QVERIFY(symlink(decoy, dir + u"/dirlink"_s));
        used = f.service.usage(u"vol"_s);
        QVERIFY2(used, why(used));
        // Each inode once; a symlink counts its own size, not its target's.
        QCOMPARE(*used, 3000 + QFile::encodeName(decoy + u"/big"_s).size() + QFile::encodeName(decoy).size());

        const Result<qint64> missing = f.service.usage(u"nope"_s);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Code::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestVolumes)
#include "tst_volumes.moc"
