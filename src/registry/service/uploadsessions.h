#pragma once
// Upload sessions in progress in this process: the hasher each left off with
// (so a session's next chunk does not rehash what came before) and whether a
// request is writing to it right now. After a restart the table is empty and
// a session's file is rehashed once when it is next written.

#include "blob/blobwriter.h"

#include <QMutex>

#include <map>
#include <optional>

namespace muelle::registry::service {

class UploadSessions {
public:
    // A writer appending to the session's file. Conflict when another request
    // is writing to the same session.
    Result<blob::BlobWriter> acquire(const QString &uuid, const QString &path);
    // Gives the session back, keeping its hasher for the next request.
    void release(const QString &uuid, blob::BlobWriter writer);
    void forget(const QString &uuid);

private:
    struct Entry {
        std::optional<oci::Hasher> hasher;
        bool busy = false;
    };
    QMutex mutex_;
    std::map<QString, Entry> entries_;
};

} // namespace muelle::registry::service
