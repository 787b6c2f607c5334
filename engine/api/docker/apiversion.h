#pragma once
// Docker Engine API versions: "/v1.50/images/json" names the version the
// client speaks; the server serves MinimumApiVersion..CurrentApiVersion and
// answers /_ping with API-Version so clients can negotiate down to it.

#include "base/error.h"

#include <QString>

namespace muelle::engine::docker {

struct ApiVersion {
    int major = 1;
    int minor = 0;

    static Result<ApiVersion> parse(QStringView text); // "1.50"
    QString toString() const { return QStringLiteral("%1.%2").arg(major).arg(minor); }
    friend auto operator<=>(const ApiVersion &, const ApiVersion &) = default;
};

inline constexpr ApiVersion currentApiVersion{ 1, 50 };
inline constexpr ApiVersion minimumApiVersion{ 1, 24 };

struct VersionedPath {
    ApiVersion version; // currentApiVersion when the path had no prefix
    QString path; // without the "/vX.Y" prefix
};

// Splits "/v1.43/containers/json" into 1.43 and "/containers/json".
// InvalidArgument, with Docker's wording, when the version is outside the
// range served ("client version 1.99 is too new. Maximum supported API
// version is 1.50").
Result<VersionedPath> splitVersion(const QString &path);

} // namespace muelle::engine::docker
