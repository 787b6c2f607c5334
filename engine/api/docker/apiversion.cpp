#include "engine/api/docker/apiversion.h"

#include <QRegularExpression>

namespace muelle::engine::docker {

Result<ApiVersion> ApiVersion::parse(QStringView text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,3})\\.(\\d{1,3})$"));
    const auto match = pattern.match(text.toString());
    if (!match.hasMatch())
        return fail(Code::InvalidArgument, QStringLiteral("API version \"%1\": want MAJOR.MINOR").arg(text));
    return ApiVersion{ match.captured(1).toInt(), match.captured(2).toInt() };
}

Result<VersionedPath> splitVersion(const QString &path)
{
    static const QRegularExpression prefix(QStringLiteral("^/v([0-9][^/]*)(/.*)?$"));
    const auto match = prefix.match(path);
    if (!match.hasMatch())
        return VersionedPath{ currentApiVersion, path };
    auto version = ApiVersion::parse(match.captured(1));
    if (!version)
        return fail(version.error());
    if (*version > currentApiVersion)
        return fail(Code::InvalidArgument,
            QStringLiteral("client version %1 is too new. Maximum supported API version is %2")
                .arg(version->toString(), currentApiVersion.toString()));
    if (*version < minimumApiVersion)
        return fail(Code::InvalidArgument,
            QStringLiteral("client version %1 is too old. Minimum supported API version is %2, please upgrade "
                           "your client to a newer version")
                .arg(version->toString(), minimumApiVersion.toString()));
    const QString rest = match.captured(2);
    return VersionedPath{ *version, rest.isEmpty() ? QStringLiteral("/") : rest };
}

} // namespace muelle::engine::docker
