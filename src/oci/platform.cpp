#include "oci/platform.h"

#include "oci/jsonfield.h"

#include <QSysInfo>
#include <QVersionNumber>

#include <optional>

using namespace Qt::StringLiterals;

namespace muelle::oci {

namespace {

struct Alias {
    QLatin1StringView name;
    QLatin1StringView architecture;
    QLatin1StringView variant; // implied when none is given
};

// Names that uname, Debian and QSysInfo use for what OCI calls otherwise.
constexpr Alias architectureAliases[] = {
    { "x86_64"_L1, "amd64"_L1, {} },
    { "x86-64"_L1, "amd64"_L1, {} },
    { "i386"_L1, "386"_L1, {} },
    { "i686"_L1, "386"_L1, {} },
    { "aarch64"_L1, "arm64"_L1, {} },
    { "armhf"_L1, "arm"_L1, "v7"_L1 },
    { "armel"_L1, "arm"_L1, "v6"_L1 },
    { "armv7l"_L1, "arm"_L1, "v7"_L1 },
    { "armv6l"_L1, "arm"_L1, "v6"_L1 },
    { "ppc64el"_L1, "ppc64le"_L1, {} },
};

struct DefaultVariant {
    QLatin1StringView architecture;
    QLatin1StringView variant;
};

// What a CPU of these architectures is when nobody names a variant.
constexpr DefaultVariant defaultVariants[] = {
    { "amd64"_L1, "v1"_L1 },
    { "arm64"_L1, "v8"_L1 },
    { "arm"_L1, "v7"_L1 },
};

bool isSpecifierChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_' || c == u'-' || c == u'.';
}

// Why one "/"-separated part of a platform string is invalid, or empty.
QString partProblem(QStringView part, QLatin1StringView what)
{
    if (part.isEmpty())
        return u"empty %1"_s.arg(what);
    for (const QChar c : part) {
        if (!isSpecifierChar(c))
            return u"invalid character '%1' in %2"_s.arg(c).arg(what);
    }
    return {};
}

Platform normalized(Platform platform)
{
    platform.os = platform.os.toLower();
    platform.architecture = platform.architecture.toLower();
    platform.variant = platform.variant.toLower();
    if (platform.os == u"macos"_s)
        platform.os = u"darwin"_s;
    for (const Alias &alias : architectureAliases) {
        if (platform.architecture != alias.name)
            continue;
        platform.architecture = alias.architecture;
        if (platform.variant.isEmpty())
            platform.variant = alias.variant;
    }
    // "7" and "v7" are both written for the same ARM variant.
    const bool isArm = platform.architecture == u"arm"_s || platform.architecture == u"arm64"_s;
    if (isArm && !platform.variant.isEmpty() && platform.variant.front().isDigit())
        platform.variant.prepend(u'v');
    return platform;
}

QString variantOrDefault(const Platform &platform)
{
    if (!platform.variant.isEmpty())
        return platform.variant;
    for (const DefaultVariant &fallback : defaultVariants) {
        if (platform.architecture == fallback.architecture)
            return fallback.variant;
    }
    return {};
}

// "v7" -> 7, "v8.2" -> 8.2; nullopt for anything else.
std::optional<QVersionNumber> variantVersion(const QString &variant)
{
    if (!variant.startsWith(u'v'))
        return std::nullopt;
    qsizetype suffix = 0;
    const QStringView digits = QStringView(variant).mid(1);
    const QVersionNumber version = QVersionNumber::fromString(digits, &suffix);
    if (version.isNull() || suffix != digits.size())
        return std::nullopt;
    return version.normalized();
}

QString hostOs()
{
    const QString kernel = QSysInfo::kernelType();
    return kernel == u"winnt"_s ? u"windows"_s : kernel;
}

Platform hostArchitecture()
{
    const QString cpu = QSysInfo::buildCpuArchitecture();
    const QString abi = QSysInfo::buildAbi();
    const bool little = abi.contains(u"little_endian"_s);
    Platform platform;
    platform.architecture = cpu;
    if (cpu == u"power64"_s)
        platform.architecture = little ? u"ppc64le"_s : u"ppc64"_s;
    else if (cpu == u"mips64"_s)
        platform.architecture = little ? u"mips64le"_s : u"mips64"_s;
    else if (cpu == u"arm"_s)
        // Debian's armhf is ARMv7 with hard float; armel targets older cores.
        platform.variant = abi.contains(u"hardfloat"_s) ? u"v7"_s : u"v5"_s;
    return platform;
}

} // namespace

Result<Platform> Platform::parse(QStringView text)
{
    const auto invalid
        = [text](const QString &why) { return fail(Code::InvalidArgument, u"platform \"%1\": %2"_s.arg(text, why)); };
    const QString lower = text.toString().toLower();
    const QList<QStringView> parts = QStringView(lower).split(u'/');
    if (parts.size() < 2 || parts.size() > 3)
        return invalid(u"want os/architecture[/variant]"_s);
    static constexpr QLatin1StringView names[] = { "os"_L1, "architecture"_L1, "variant"_L1 };
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (const QString problem = partProblem(parts[i], names[i]); !problem.isEmpty())
            return invalid(problem);
    }
    Platform platform;
    platform.os = parts[0].toString();
    platform.architecture = parts[1].toString();
    if (parts.size() == 3)
        platform.variant = parts[2].toString();
    return normalized(platform);
}

Result<Platform> Platform::fromJson(const QJsonObject &object)
{
    Platform platform;
    const auto os = json::requiredString(object, u"os"_s, {});
    if (!os)
        return fail(os.error());
    const auto architecture = json::requiredString(object, u"architecture"_s, {});
    if (!architecture)
        return fail(architecture.error());
    // The image spec requires both; an empty one names no platform at all.
    if (os->isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("os: must not be empty"));
    if (architecture->isEmpty())
        return fail(Code::InvalidArgument, QStringLiteral("architecture: must not be empty"));
    const auto variant = json::optionalString(object, u"variant"_s, {});
    if (!variant)
        return fail(variant.error());
    const auto osVersion = json::optionalString(object, u"os.version"_s, {});
    if (!osVersion)
        return fail(osVersion.error());
    const auto osFeatures = json::optionalStringList(object, u"os.features"_s, {});
    if (!osFeatures)
        return fail(osFeatures.error());
    return Platform{ *os, *architecture, *variant, *osVersion, *osFeatures };
}

QJsonObject Platform::toJson() const
{
    QJsonObject object{ { u"os"_s, os }, { u"architecture"_s, architecture } };
    if (!variant.isEmpty())
        object.insert(u"variant"_s, variant);
    if (!osVersion.isEmpty())
        object.insert(u"os.version"_s, osVersion);
    if (!osFeatures.isEmpty())
        object.insert(u"os.features"_s, json::toArray(osFeatures));
    return object;
}

QString Platform::toString() const
{
    QString text = os + u'/' + architecture;
    if (!variant.isEmpty())
        text += u'/' + variant;
    return text;
}

Platform Platform::host()
{
    Platform platform = hostArchitecture();
    platform.os = hostOs();
    return normalized(platform);
}

bool Platform::matches(const Platform &wanted) const
{
    // os.version and os.features only tell Windows builds apart; they are
    // not compared here.
    const Platform image = normalized(*this);
    const Platform target = normalized(wanted);
    if (image.os != target.os || image.architecture != target.architecture)
        return false;
    const QString imageVariant = variantOrDefault(image);
    const QString targetVariant = variantOrDefault(target);
    if (imageVariant == targetVariant)
        return true;
    // Later revisions of amd64 and ARM run code built for earlier ones
    // (an ARMv7 CPU runs ARMv6 binaries, x86-64-v3 runs v1).
    const bool ordered
        = image.architecture == u"arm"_s || image.architecture == u"arm64"_s || image.architecture == u"amd64"_s;
    const auto imageVersion = variantVersion(imageVariant);
    const auto targetVersion = variantVersion(targetVariant);
    return ordered && imageVersion && targetVersion && *imageVersion <= *targetVersion;
}

} // namespace muelle::oci
