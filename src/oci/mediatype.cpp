#include "oci/mediatype.h"

#include <algorithm>

namespace muelle::oci::mediatype {

namespace {

constexpr qsizetype maxNameLength = 127; // RFC 6838 section 4.2

bool isAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

bool isRestrictedNameChar(QChar c)
{
    static constexpr char16_t extra[] = u"!#$&-^_.+";
    return isAlnum(c) || QStringView(extra).contains(c);
}

bool isRestrictedName(QStringView name)
{
    if (name.isEmpty() || name.size() > maxNameLength || !isAlnum(name.front()))
        return false;
    return std::all_of(name.begin(), name.end(), isRestrictedNameChar);
}

} // namespace

bool isManifest(const QString &mediaType)
{
    return mediaType == ociManifest || mediaType == dockerManifest;
}

bool isIndex(const QString &mediaType)
{
    return mediaType == ociIndex || mediaType == dockerManifestList;
}

bool isWellFormed(QStringView mediaType)
{
    const qsizetype slash = mediaType.indexOf(u'/');
    if (slash < 0)
        return false;
    return isRestrictedName(mediaType.left(slash)) && isRestrictedName(mediaType.mid(slash + 1));
}

} // namespace muelle::oci::mediatype
