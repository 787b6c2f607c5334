#include "engine/volumes/volumes.h"

#include "confine/fd.h"
#include "confine/inroot.h"
#include "engine/volumes/tree.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScopeGuard>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcVolumes, "muelle.engine.volumes")

namespace muelle::engine::volumes {

namespace {

using confine::Fd;

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
constexpr QLatin1StringView trashPrefix{ ".trash-" };

QString randomHex(int bytes)
{
    QByteArray random(bytes, Qt::Uninitialized);
    for (char &byte : random)
        byte = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(random.toHex());
}

QJsonObject toJson(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QMap<QString, QString> fromJson(const QJsonObject &object)
{
    QMap<QString, QString> map;
    for (auto it = object.begin(); it != object.end(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

// "key" matches a volume with that label, "key=value" one with that value.
bool hasLabel(const Volume &volume, const QString &filter)
{
    const qsizetype equals = filter.indexOf(u'=');
    if (equals < 0)
        return volume.labels.contains(filter);
    const auto it = volume.labels.constFind(filter.left(equals));
    return it != volume.labels.cend() && it.value() == filter.mid(equals + 1);
}

bool hasLabels(const Volume &volume, const QStringList &filters)
{
    return std::ranges::all_of(filters, [&](const QString &filter) { return hasLabel(volume, filter); });
}

Result<> checkLabelFilters(const QStringList &filters)
{
    for (const QString &filter : filters) {
        if (filter.isEmpty() || filter.startsWith(u'='))
            return fail(Code::InvalidArgument, QStringLiteral("invalid label filter \"%1\"").arg(filter));
    }
    return {};
}

// Docker's local driver takes type/device/o (and size on some filesystems)
// and mounts them at first use; that mount is not written yet.
Result<> checkOptions(const QString &name, const QMap<QString, QString> &options)
{
    static const QStringList later{ QStringLiteral("type"), QStringLiteral("device"), QStringLiteral("o"),
        QStringLiteral("size") };
    for (auto it = options.cbegin(); it != options.cend(); ++it) {
        if (later.contains(it.key()))
            return fail(Code::Unimplemented,
                QStringLiteral("create %1: local volume option \"%2\" is not supported yet: volumes are plain "
                               "directories (no tmpfs, bind or NFS mounts)")
                    .arg(name, it.key()));
        return fail(Code::InvalidArgument, QStringLiteral("create %1: invalid option: \"%2\"").arg(name, it.key()));
    }
    return {};
}

Error noSuchVolume(const QString &name)
{
    return { Code::NotFound, QStringLiteral("get %1: no such volume").arg(name) };
}

// The volume's files, when it is still empty and its image has a directory
// at `inImage`: true when copied.
Result<bool> copyUp(const QString &dataDir, const QString &imageRootfs, const QByteArray &inImage)
{
    const Fd volume(::open(QFile::encodeName(dataDir).constData(), kDirFlags));
    if (!volume.isValid())
        return fail(systemError(QStringLiteral("open"), dataDir, errno));
    Result<QByteArrayList> present = confine::listDir(volume.get(), QFile::encodeName(dataDir));
    if (!present)
        return fail(present.error());
    if (!present->isEmpty())
        return false; // Docker copies into empty volumes only
    const Fd root(::open(QFile::encodeName(imageRootfs).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!root.isValid())
        return fail(systemError(QStringLiteral("open"), imageRootfs, errno));
    Result<Fd> source = confine::openDirInRoot(root.get(), inImage);
    if (!source && source.error().code == Code::NotFound)
        return false; // nothing there in the image, or not a directory
    if (!source)
        return fail(source.error());
    if (Result<> copied = copyTree(source->get(), volume.get(), '/' + inImage); !copied)
        return fail(copied.error());
    return true;
}

} // namespace

bool isValidName(const QString &name)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-zA-Z0-9][a-zA-Z0-9_.-]+")));
    return pattern.match(name).hasMatch();
}

VolumeService::VolumeService(const Paths &paths, events::EventBus &events) : paths_(paths), events_(events) { }

void VolumeService::setUsersOf(UsersOf usersOf)
{
    QMutexLocker lock(&mutex_);
    usersOf_ = std::move(usersOf);
}

Result<> VolumeService::open()
{
    const QByteArray root = QFile::encodeName(paths_.volumesDir());
    if (!QDir().mkpath(paths_.root()))
        return fail(Code::Internal, QStringLiteral("create directory \"%1\"").arg(paths_.root()));
    if (::mkdir(root.constData(), 0701) != 0 && errno != EEXIST)
        return fail(systemError(QStringLiteral("create directory"), paths_.volumesDir(), errno));
    const Fd dirFd(::open(root.constData(), kDirFlags));
    if (!dirFd.isValid())
        return fail(systemError(QStringLiteral("open"), paths_.volumesDir(), errno));
    Result<QByteArrayList> names = confine::listDir(dirFd.get(), root);
    if (!names)
        return fail(names.error());
    QMap<QString, Volume> loaded;
    for (const QByteArray &entry : *names) {
        const QString name = QFile::decodeName(entry);
        if (std::optional<Volume> volume = isValidName(name) ? load(name) : std::nullopt) {
            loaded.insert(name, *volume);
            continue;
        }
        // A crash between mkdir and the record's rename, a removal cut
        // short, or a record that does not parse: not a volume.
        if (!name.startsWith(trashPrefix))
            qCWarning(lcVolumes).noquote() << "removing" << dir(name) << "(no valid volume.json)";
        if (Result<> removed = confine::removeTree(dirFd.get(), entry, root + '/' + entry); !removed)
            qCWarning(lcVolumes).noquote() << removed.error().message;
    }
    QMutexLocker lock(&mutex_);
    volumes_ = std::move(loaded);
    qCInfo(lcVolumes) << volumes_.size() << "volumes";
    return {};
}

std::optional<Volume> VolumeService::load(const QString &name) const
{
    const QFileInfo volumeDir(dir(name));
    const QFileInfo data(dataDir(name));
    const QFileInfo record(recordFile(name));
    if (volumeDir.isSymLink() || !volumeDir.isDir() || data.isSymLink() || !data.isDir() || record.isSymLink())
        return std::nullopt;
    QFile file(recordFile(name));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    if (json.value(u"Name").toString() != name || json.value(u"Driver").toString() != u"local")
        return std::nullopt;
    Volume volume;
    volume.name = name;
    volume.mountpoint = dataDir(name);
    volume.createdAt = json.value(u"CreatedAt").toString();
    volume.labels = fromJson(json.value(u"Labels").toObject());
    volume.options = fromJson(json.value(u"Options").toObject());
    volume.anonymous = json.value(u"Anonymous").toBool();
    volume.filled = json.value(u"Filled").toBool();
    return volume;
}

Result<> VolumeService::save(const Volume &volume) const
{
    const QJsonObject json{
        { QStringLiteral("Name"), volume.name },
        { QStringLiteral("Driver"), volume.driver },
        { QStringLiteral("CreatedAt"), volume.createdAt },
        { QStringLiteral("Labels"), toJson(volume.labels) },
        { QStringLiteral("Options"), toJson(volume.options) },
        { QStringLiteral("Anonymous"), volume.anonymous },
        { QStringLiteral("Filled"), volume.filled },
    };
    QSaveFile file(recordFile(volume.name));
    const QByteArray bytes = QJsonDocument(json).toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(Code::Internal, QStringLiteral("write \"%1\": %2").arg(file.fileName(), file.errorString()));
    return {};
}

Result<Volume> VolumeService::create(const QString &name, const QMap<QString, QString> &labels,
    const QMap<QString, QString> &driverOpts, const QString &driver)
{
    if (!name.isEmpty() && !isValidName(name))
        return fail(Code::InvalidArgument,
            QStringLiteral("create %1: \"%1\" includes invalid characters for a local volume name, only "
                           "\"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, "
                           "use absolute path")
                .arg(name));
    if (!driver.isEmpty() && driver != u"local")
        return fail(Code::InvalidArgument,
            QStringLiteral("create %1: error looking up volume plugin %2: plugin \"%2\" not found").arg(name, driver));
    if (Result<> checked = checkOptions(name, driverOpts); !checked)
        return fail(checked.error());

    QMutexLocker lock(&mutex_);
    if (const auto existing = volumes_.constFind(name); existing != volumes_.cend()) {
        if ((!labels.isEmpty() && labels != existing->labels)
            || (!driverOpts.isEmpty() && driverOpts != existing->options))
            return fail(Code::Conflict,
                QStringLiteral("create %1: a volume with this name already exists with different labels or options")
                    .arg(name));
        publish(QStringLiteral("create"), *existing);
        return *existing;
    }
    Volume volume;
    volume.name = name.isEmpty() ? randomHex(32) : name;
    volume.mountpoint = dataDir(volume.name);
    volume.createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    volume.labels = labels;
    volume.options = driverOpts;
    if (name.isEmpty())
        volume.labels.insert(anonymousLabel, QString());
    volume.anonymous = volume.labels.contains(anonymousLabel);
    if (Result<> made = createFiles(volume); !made)
        return fail(made.error().context(QStringLiteral("create %1").arg(volume.name)));
    volumes_.insert(volume.name, volume);
    publish(QStringLiteral("create"), volume);
    return volume;
}

Result<> VolumeService::createFiles(const Volume &volume) const
{
    // The record last: until it is renamed into place there is no volume,
    // and open() clears what a crash left.
    if (::mkdir(QFile::encodeName(dir(volume.name)).constData(), 0755) != 0)
        return fail(systemError(QStringLiteral("create directory"), dir(volume.name), errno));
    Result<> made;
    if (::mkdir(QFile::encodeName(volume.mountpoint).constData(), 0755) != 0)
        made = fail(systemError(QStringLiteral("create directory"), volume.mountpoint, errno));
    else
        made = save(volume);
    if (!made) {
        if (Result<QString> trash = moveToTrash(volume.name))
            removeTrash(*trash);
    }
    return made;
}

Result<Volume> VolumeService::get(const QString &name) const
{
    QMutexLocker lock(&mutex_);
    const auto it = volumes_.constFind(name);
    if (it == volumes_.cend())
        return fail(noSuchVolume(name));
    return *it;
}

Result<QList<Volume>> VolumeService::list(const Filters &filters) const
{
    if (Result<> checked = checkLabelFilters(filters.labels); !checked)
        return fail(checked.error());
    QList<Volume> all;
    {
        QMutexLocker lock(&mutex_);
        all = volumes_.values(); // sorted by name
    }
    QList<Volume> matching;
    for (const Volume &volume : all) {
        const auto inName = [&](const QString &part) { return volume.name.contains(part); };
        if (!filters.names.isEmpty() && std::ranges::none_of(filters.names, inName))
            continue;
        if (!filters.drivers.isEmpty() && !filters.drivers.contains(volume.driver))
            continue;
        if (!hasLabels(volume, filters.labels))
            continue;
        if (filters.dangling && usersOf(volume.name).isEmpty() != *filters.dangling)
            continue;
        matching.append(volume);
    }
    return matching;
}

Result<> VolumeService::remove(const QString &name, bool force)
{
    {
        QMutexLocker lock(&mutex_);
        if (!volumes_.contains(name))
            return force ? Result<>() : fail(noSuchVolume(name));
        if (filling_.contains(name))
            return fail(
                Code::Conflict, QStringLiteral("remove %1: volume is in use - being filled from an image").arg(name));
    }
    if (const QStringList users = usersOf(name); !users.isEmpty())
        return fail(Code::Conflict,
            QStringLiteral("remove %1: volume is in use - [%2]").arg(name, users.join(QStringLiteral(", "))));

    QMutexLocker lock(&mutex_);
    const auto it = volumes_.constFind(name);
    if (it == volumes_.cend())
        return force ? Result<>() : fail(noSuchVolume(name));
    if (filling_.contains(name)) // started while usersOf ran
        return fail(
            Code::Conflict, QStringLiteral("remove %1: volume is in use - being filled from an image").arg(name));
    Result<QString> trash = moveToTrash(name);
    if (!trash)
        return fail(trash.error().context(QStringLiteral("remove %1").arg(name)));
    const Volume volume = *it;
    volumes_.erase(it);
    publish(QStringLiteral("destroy"), volume);
    lock.unlock();
    removeTrash(*trash);
    return {};
}

Result<QString> VolumeService::moveToTrash(const QString &name) const
{
    const QString trash = paths_.volume(QString(trashPrefix) + randomHex(16));
    if (::rename(QFile::encodeName(dir(name)).constData(), QFile::encodeName(trash).constData()) != 0)
        return fail(systemError(QStringLiteral("rename"), dir(name), errno));
    return trash;
}

void VolumeService::removeTrash(const QString &trash) const
{
    const Fd volumesFd(::open(QFile::encodeName(paths_.volumesDir()).constData(), kDirFlags));
    const QByteArray name = QFile::encodeName(QFileInfo(trash).fileName());
    Result<> removed = volumesFd.isValid() ? confine::removeTree(volumesFd.get(), name, QFile::encodeName(trash))
                                           : fail(systemError(QStringLiteral("open"), paths_.volumesDir(), errno));
    if (!removed) // open() tries again
        qCWarning(lcVolumes).noquote() << removed.error().message;
}

Result<PruneReport> VolumeService::prune(bool all, const QStringList &labelFilters)
{
    Filters unused;
    unused.dangling = true;
    unused.labels = labelFilters;
    Result<QList<Volume>> candidates = list(unused);
    if (!candidates)
        return fail(candidates.error());
    PruneReport report;
    for (const Volume &volume : *candidates) {
        if (!all && !volume.anonymous)
            continue;
        const qint64 bytes = usage(volume.name).value_or(0);
        if (Result<> removed = remove(volume.name); !removed) {
            qCWarning(lcVolumes).noquote() << "prune:" << removed.error().message;
            continue;
        }
        report.removed.append(volume.name);
        report.bytesReclaimed += bytes;
    }
    return report;
}

Result<qint64> VolumeService::usage(const QString &name) const
{
    Result<Volume> volume = get(name);
    if (!volume)
        return fail(volume.error());
    const Fd data(::open(QFile::encodeName(volume->mountpoint).constData(), kDirFlags));
    if (!data.isValid())
        return fail(systemError(QStringLiteral("open"), volume->mountpoint, errno));
    return treeUsage(data.get(), QFile::encodeName(volume->mountpoint));
}

Result<bool> VolumeService::fillFromImage(const QString &name, const QString &imageRootfs, const QString &containerPath)
{
    const std::optional<QByteArray> inImage = confine::cleanPath(QFile::encodeName(containerPath));
    if (!inImage)
        return fail(Code::InvalidArgument,
            QStringLiteral("fill volume %1: \"%2\" climbs out of the image").arg(name, containerPath));
    QString dataPath;
    {
        QMutexLocker lock(&mutex_);
        const auto it = volumes_.constFind(name);
        if (it == volumes_.cend())
            return fail(noSuchVolume(name));
        if (it->filled)
            return false;
        if (filling_.contains(name))
            return fail(Code::Conflict, QStringLiteral("fill volume %1: already being filled").arg(name));
        filling_.insert(name);
        dataPath = it->mountpoint;
    }
    const auto done = qScopeGuard([this, &name] {
        QMutexLocker lock(&mutex_);
        filling_.remove(name);
    });

    Result<bool> copied = copyUp(dataPath, imageRootfs, *inImage);
    if (!copied)
        return fail(copied.error().context(QStringLiteral("fill volume %1").arg(name)));
    if (!*copied)
        return false;
    QMutexLocker lock(&mutex_);
    Volume volume = volumes_.value(name); // still there: remove() refuses while filling_ holds it
    volume.filled = true;
    if (Result<> saved = save(volume); !saved)
        return fail(saved.error().context(QStringLiteral("fill volume %1").arg(name)));
    volumes_.insert(name, volume);
    return true;
}

QStringList VolumeService::usersOf(const QString &name) const
{
    UsersOf usersOf;
    {
        QMutexLocker lock(&mutex_);
        usersOf = usersOf_;
    }
    return usersOf ? usersOf(name) : QStringList();
}

void VolumeService::publish(const QString &action, const Volume &volume)
{
    events_.publish(
        { QStringLiteral("volume"), action, volume.name, { { QStringLiteral("driver"), volume.driver } }, 0 });
}

} // namespace muelle::engine::volumes
