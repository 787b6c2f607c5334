#pragma once
// An exclusive flock(2) on a file, held while the object lives: one server
// per storage root. The kernel drops it when the process dies, kill -9 too.

#include "base/error.h"

#include <QString>

namespace muelle::registry::storage {

class RootLock {
public:
    RootLock() = default;
    // Unavailable when another process holds it.
    static Result<RootLock> acquire(const QString &path);

    RootLock(RootLock &&other) noexcept : fd_(std::exchange(other.fd_, -1)) { }
    RootLock &operator=(RootLock &&other) noexcept;
    ~RootLock();

private:
    explicit RootLock(int fd) : fd_(fd) { }
    int fd_ = -1;
};

} // namespace muelle::registry::storage
