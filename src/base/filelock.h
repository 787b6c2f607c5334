#pragma once
// An exclusive flock(2) on a file, held while the object lives: one process
// per data or storage root. The kernel drops it when the process dies, kill -9 too.

#include "base/error.h"

#include <QString>

namespace muelle {

class FileLock {
public:
    FileLock() = default;
    // Unavailable, naming `holder`, when another process holds it.
    static Result<FileLock> acquire(const QString &path, const QString &holder);

    FileLock(FileLock &&other) noexcept : fd_(std::exchange(other.fd_, -1)) { }
    FileLock &operator=(FileLock &&other) noexcept;
    ~FileLock();

private:
    explicit FileLock(int fd) : fd_(fd) { }
    int fd_ = -1;
};

} // namespace muelle
