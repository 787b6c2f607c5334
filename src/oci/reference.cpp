#include "oci/reference.h"

#include <QList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace muelle::oci {

namespace {

constexpr QStringView defaultDomain = u"docker.io";
constexpr QStringView legacyDefaultDomain = u"index.docker.io";
constexpr QLatin1StringView officialPrefix = "library/"_L1;
constexpr QLatin1StringView defaultTag = "latest"_L1;
constexpr qsizetype maxNameLength = 255;
constexpr qsizetype maxTagLength = 128;
constexpr qsizetype imageIdLength = 64;

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isUpper(QChar c)
{
    return c >= u'A' && c <= u'Z';
}

bool isLowerAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || isDigit(c);
}

bool isAlnum(QChar c)
{
    return isLowerAlnum(c) || isUpper(c);
}

bool isWordChar(QChar c)
{
    return isAlnum(c) || c == u'_';
}

bool isSeparatorChar(QChar c)
{
    return c == u'.' || c == u'_' || c == u'-';
}

bool isHexOrColon(QChar c)
{
    return isDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F') || c == u':';
}

bool allOf(QStringView text, bool (*predicate)(QChar))
{
    return std::all_of(text.begin(), text.end(), predicate);
}

// The separators the grammar allows between alphanumerics: ".", "_", "__"
// or any run of "-".
bool isValidSeparator(QStringView run)
{
    if (run == u"." || run == u"_" || run == u"__")
        return true;
    return allOf(run, [](QChar c) { return c == u'-'; });
}

// Why `component` is not a path component, or empty.
QString componentProblem(QStringView component)
{
    if (component.isEmpty())
        return u"empty path component"_s;
    for (const QChar c : component) {
        if (isUpper(c))
            return u"path component \"%1\" must be lowercase"_s.arg(component);
        if (!isLowerAlnum(c) && !isSeparatorChar(c))
            return u"invalid character '%1' in path component \"%2\""_s.arg(QString(c), component);
    }
    if (!isLowerAlnum(component.front()) || !isLowerAlnum(component.back()))
        return u"path component \"%1\" must start and end with a letter or digit"_s.arg(component);
    for (qsizetype i = 0; i < component.size(); ++i) {
        if (!isSeparatorChar(component[i]))
            continue;
        qsizetype end = i;
        while (end < component.size() && isSeparatorChar(component[end]))
            ++end;
        const QStringView run = component.sliced(i, end - i);
        if (!isValidSeparator(run))
            return u"separator \"%1\" in path component \"%2\" is not '.', '_', '__' or dashes"_s.arg(run, component);
        i = end;
    }
    return {};
}

// Why `name` is not a "/"-joined list of path components, or empty.
QString pathProblem(QStringView name)
{
    if (name.isEmpty())
        return u"repository name is empty"_s;
    for (const QStringView component : name.split(u'/')) {
        if (QString problem = componentProblem(component); !problem.isEmpty())
            return problem;
    }
    return {};
}

QString portProblem(QStringView port)
{
    if (port.isEmpty() || !allOf(port, isDigit))
        return u"port \"%1\" is not a number"_s.arg(port);
    return {};
}

QString hostNameProblem(QStringView host)
{
    for (const QStringView component : host.split(u'.')) {
        if (component.isEmpty())
            return u"empty component in domain \"%1\""_s.arg(host);
        const auto bad
            = std::find_if_not(component.begin(), component.end(), [](QChar c) { return isAlnum(c) || c == u'-'; });
        if (bad != component.end())
            return u"invalid character '%1' in domain component \"%2\""_s.arg(QString(*bad), component);
        if (component.front() == u'-' || component.back() == u'-')
            return u"domain component \"%1\" must not start or end with '-'"_s.arg(component);
    }
    return {};
}

QString bracketedHostProblem(QStringView domain)
{
    const qsizetype close = domain.indexOf(u']');
    if (close < 0)
        return u"missing ']' after IPv6 address in \"%1\""_s.arg(domain);
    const QStringView address = domain.sliced(1, close - 1);
    if (address.isEmpty() || !allOf(address, isHexOrColon))
        return u"invalid IPv6 address \"[%1]\""_s.arg(address);
    const QStringView rest = domain.sliced(close + 1);
    if (rest.isEmpty())
        return {};
    if (rest.front() != u':')
        return u"unexpected \"%1\" after IPv6 address"_s.arg(rest);
    return portProblem(rest.sliced(1));
}

// Why `domain` is not host[:port] (host a DNS-like name or a bracketed
// IPv6 address), or empty.
QString domainProblem(QStringView domain)
{
    if (domain.startsWith(u'['))
        return bracketedHostProblem(domain);
    const qsizetype colon = domain.indexOf(u':');
    if (colon < 0)
        return hostNameProblem(domain);
    if (QString problem = hostNameProblem(domain.first(colon)); !problem.isEmpty())
        return problem;
    return portProblem(domain.sliced(colon + 1));
}

// Docker's rule: the first component names a registry only when it cannot
// be a Docker Hub namespace, so "library/busybox" stays on Docker Hub.
bool isDomainComponent(QStringView first)
{
    return first.contains(u'.') || first.contains(u':') || first == u"localhost"
        || std::any_of(first.begin(), first.end(), isUpper);
}

// Docker refuses these so that an image ID is never taken for a name.
bool isImageId(QStringView text)
{
    return text.size() == imageIdLength && allOf(text, [](QChar c) { return isDigit(c) || (c >= u'a' && c <= u'f'); });
}

// Splits and validates "[domain/]path" into the reference's domain and
// path, normalised the way Docker does.
Result<> parseName(QStringView name, Reference &reference)
{
    QStringView domain = defaultDomain;
    QStringView path = name;
    if (const qsizetype slash = name.indexOf(u'/'); slash >= 0 && isDomainComponent(name.first(slash))) {
        domain = name.first(slash);
        path = name.sliced(slash + 1);
    }
    if (QString problem = domainProblem(domain); !problem.isEmpty())
        return fail(Code::InvalidArgument, problem);
    if (QString problem = pathProblem(path); !problem.isEmpty())
        return fail(Code::InvalidArgument, problem);
    reference.domain = domain == legacyDefaultDomain ? defaultDomain.toString() : domain.toString();
    reference.path = path.toString();
    if (reference.domain == defaultDomain && !path.contains(u'/'))
        reference.path.prepend(officialPrefix);
    if (const qsizetype length = reference.repository().size(); length > maxNameLength)
        return fail(Code::InvalidArgument,
            u"name \"%1\" is %2 characters long, more than %3"_s.arg(reference.repository())
                .arg(length)
                .arg(maxNameLength));
    return {};
}

// ":tag@digest", either part only when set.
QString tagAndDigest(const Reference &reference)
{
    QString text;
    if (reference.tag)
        text += u':' + *reference.tag;
    if (reference.digest)
        text += u'@' + reference.digest->toString();
    return text;
}

} // namespace

Result<> validateRepositoryName(QStringView name)
{
    if (name.isEmpty())
        return fail(Code::InvalidArgument, u"repository name is empty"_s);
    if (name.size() > maxNameLength)
        return fail(Code::InvalidArgument,
            u"repository name is %1 characters long, more than %2"_s.arg(name.size()).arg(maxNameLength));
    if (QString problem = pathProblem(name); !problem.isEmpty())
        return fail(Code::InvalidArgument, u"repository name \"%1\": %2"_s.arg(name, problem));
    return {};
}

Result<> validateTag(QStringView tag)
{
    if (tag.isEmpty())
        return fail(Code::InvalidArgument, u"tag is empty"_s);
    if (tag.size() > maxTagLength)
        return fail(
            Code::InvalidArgument, u"tag is %1 characters long, more than %2"_s.arg(tag.size()).arg(maxTagLength));
    if (!isWordChar(tag.front()))
        return fail(Code::InvalidArgument, u"tag \"%1\": must start with a letter, digit or '_'"_s.arg(tag));
    for (const QChar c : tag) {
        if (!isWordChar(c) && c != u'.' && c != u'-')
            return fail(Code::InvalidArgument, u"tag \"%1\": invalid character '%2'"_s.arg(tag, QString(c)));
    }
    return {};
}

Result<Reference> Reference::parse(QStringView text)
{
    if (text.isEmpty())
        return fail(Code::InvalidArgument, u"reference is empty"_s);
    const QString where = u"reference \"%1\""_s.arg(text);
    if (isImageId(text))
        return fail(Code::InvalidArgument, where + u": a 64-character hex string is an image ID, not a name"_s);
    Reference reference;
    QStringView name = text;
    if (const qsizetype at = name.indexOf(u'@'); at >= 0) {
        const auto digest = Digest::parse(name.sliced(at + 1));
        if (!digest)
            return fail(digest.error().context(where));
        reference.digest = *digest;
        name = name.first(at);
    }
    // A colon after the last slash starts the tag; one before it is a port.
    if (const qsizetype colon = name.lastIndexOf(u':'); colon > name.lastIndexOf(u'/')) {
        const QStringView tag = name.sliced(colon + 1);
        if (auto valid = validateTag(tag); !valid)
            return fail(valid.error().context(where));
        reference.tag = tag.toString();
        name = name.first(colon);
    }
    if (auto valid = parseName(name, reference); !valid)
        return fail(valid.error().context(where));
    if (!reference.tag && !reference.digest)
        reference.tag = QString(defaultTag);
    return reference;
}

QString Reference::repository() const
{
    return domain + u'/' + path;
}

QString Reference::toString() const
{
    return repository() + tagAndDigest(*this);
}

QString Reference::familiar() const
{
    QString text = repository();
    if (domain == defaultDomain) {
        text = path;
        // Only single-level "library/x" is an official image; Docker prints
        // "library/a/b" in full.
        if (text.startsWith(officialPrefix) && text.count(u'/') == 1)
            text.remove(0, officialPrefix.size());
    }
    return text + tagAndDigest(*this);
}

} // namespace muelle::oci
