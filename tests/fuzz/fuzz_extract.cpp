// Layer extraction: the input is a layer as a registry or `docker load`
// hands it over (tar, gzip or zstd). Each input is unpacked twice, with
// overlay and with copy whiteouts, into a fresh directory that has a sibling
// canary file; afterwards nothing but that directory may have changed.
// Entries that would escape aim at "muelle-fuzz-escape" (see the corpus),
// so the places an escape would land are checked by name.

#include "archive/extract.h"
#include "fuzzcheck.h"
#include "oci/digest.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace muelle;

namespace {

constexpr char kCanary[] = "canary";
constexpr char kEscape[] = "muelle-fuzz-escape";
constexpr size_t kMaxInput = 64 * 1024; // keep each run cheap

// Created once per process; every run works in a fresh "work" inside it.
const std::string &baseDir()
{
    static QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/muelle-fuzz-extract-XXXXXX"));
    static const std::string path = QFile::encodeName(dir.path()).toStdString();
    CHECK(dir.isValid());
    return path;
}

std::set<std::string> entriesOf(const std::string &dir)
{
    std::set<std::string> names;
    for (const auto &entry : std::filesystem::directory_iterator(dir))
        names.insert(entry.path().filename().string());
    return names;
}

// Layers may leave directories without permissions, which only root can
// then list; open them up first so that the work directory can go.
void makeRemovable(const std::filesystem::path &path)
{
    std::error_code error;
    if (std::filesystem::symlink_status(path, error).type() != std::filesystem::file_type::directory)
        return;
    ::chmod(path.c_str(), 0700);
    for (const auto &entry : std::filesystem::directory_iterator(path, error))
        makeRemovable(entry.path());
}

bool exists(const std::string &path)
{
    struct stat st;
    return ::lstat(path.c_str(), &st) == 0;
}

// Hands the input over in small pieces so that reads straddle chunks.
archive::ChunkSource sourceOf(const uint8_t *data, size_t size)
{
    return [data, size, offset = size_t(0)](qint64 maxBytes) mutable -> Result<QByteArray> {
        const size_t n = std::min({ size - offset, size_t(maxBytes), size_t(1000) });
        QByteArray chunk(reinterpret_cast<const char *>(data) + offset, qsizetype(n));
        offset += n;
        return chunk;
    };
}

bool isCompressed(const uint8_t *data, size_t size)
{
    const bool gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    const bool zstd = size >= 4 && data[0] == 0x28 && data[1] == 0xb5 && data[2] == 0x2f && data[3] == 0xfd;
    return gzip || zstd;
}

void extractOnce(const uint8_t *data, size_t size, archive::WhiteoutMode mode)
{
    const std::string base = baseDir();
    const std::string work = base + "/work";
    const std::string root = work + "/root";
    const std::string canary = work + "/" + kCanary;
    CHECK(::mkdir(work.c_str(), 0755) == 0 && ::mkdir(root.c_str(), 0755) == 0);
    {
        QFile file(QString::fromStdString(canary));
        CHECK(file.open(QIODevice::WriteOnly) && file.write(kCanary) == qint64(sizeof kCanary - 1));
    }
    struct stat workBefore, canaryBefore;
    CHECK(::lstat(work.c_str(), &workBefore) == 0 && ::lstat(canary.c_str(), &canaryBefore) == 0);

    const archive::ExtractOptions options{ .whiteouts = mode };
    const Result<archive::ExtractReport> report
        = archive::extractLayer(sourceOf(data, size), QString::fromStdString(root), options);
    if (report) {
        CHECK(report->diffId.isValid());
        CHECK(report->entries >= report->skipped && report->skipped >= 0);
        if (!isCompressed(data, size)) {
            CHECK(report->uncompressedSize == qint64(size));
            CHECK(report->diffId == oci::Digest::of(QByteArrayView(data, qsizetype(size))));
        }
    } else {
        CHECK(!report.error().message.isEmpty());
    }

    // Nothing outside the root was created, removed, changed or linked to.
    CHECK((entriesOf(work) == std::set<std::string>{ kCanary, "root" }));
    CHECK(entriesOf(base) == std::set<std::string>{ "work" });
    struct stat workAfter, canaryAfter;
    CHECK(::lstat(work.c_str(), &workAfter) == 0 && ::lstat(canary.c_str(), &canaryAfter) == 0);
    CHECK(workAfter.st_mode == workBefore.st_mode && workAfter.st_uid == workBefore.st_uid);
    CHECK(S_ISREG(canaryAfter.st_mode) && canaryAfter.st_ino == canaryBefore.st_ino);
    CHECK(canaryAfter.st_mode == canaryBefore.st_mode && canaryAfter.st_nlink == 1);
    CHECK(canaryAfter.st_size == canaryBefore.st_size && canaryAfter.st_uid == canaryBefore.st_uid);
    CHECK(canaryAfter.st_mtim.tv_sec == canaryBefore.st_mtim.tv_sec
        && canaryAfter.st_mtim.tv_nsec == canaryBefore.st_mtim.tv_nsec);
    CHECK(!exists(std::string("/") + kEscape) && !exists(std::string("/tmp/") + kEscape));
    CHECK(!exists(base + "/" + kEscape) && !exists(kEscape));

    // Not following symlinks: whatever the layer linked to stays.
    makeRemovable(work);
    std::error_code error;
    std::filesystem::remove_all(work, error);
    CHECK(!error);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const fuzz::RunningInput running(data, size);
    fuzz::quietLogs();
    if (size > kMaxInput)
        return 0;
    extractOnce(data, size, archive::WhiteoutMode::Overlay);
    extractOnce(data, size, archive::WhiteoutMode::Copy);
    return 0;
}
