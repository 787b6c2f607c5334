#pragma once
// RUN --mount=type=cache,target=/root/.cache,... as BuildKit reads it: CSV
// fields, key=value or a bare readonly/rw/required. Values are kept as
// written; the build expands variables in them.

#include <QString>

#include <expected>
#include <optional>

namespace muelle::dockerfile {

struct RunMount {
    enum class Type { Bind, Cache, Tmpfs, Secret, Ssh };
    enum class Sharing { Shared, Private, Locked };

    Type type = Type::Bind;
    QString from; // a stage or image (bind, cache)
    QString source;
    QString target;
    bool readOnly = true; // bind, secret and ssh are read-only unless rw is given
    QString id; // the cache's (or secret's) id; the target when empty
    Sharing sharing = Sharing::Shared;
    bool required = false; // secret, ssh
    std::optional<uint> mode; // octal, for cache, secret, ssh
    std::optional<uint> uid;
    std::optional<uint> gid;
    std::optional<qint64> sizeLimit; // tmpfs, in bytes
};

// One --mount value; BuildKit's messages ("unsupported mount type \"x\"",
// "unexpected key 'x' in 'x=y'", "mode not allowed for \"bind\" type mounts").
std::expected<RunMount, QString> parseRunMount(QStringView value);

QString mountTypeName(RunMount::Type type);

} // namespace muelle::dockerfile
