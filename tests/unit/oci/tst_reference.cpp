// The reference grammar of Docker's distribution/reference: what it accepts,
// how it normalises, how docker prints it, and what it refuses and why.

#include "oci/reference.h"

#include <QTest>

using namespace Qt::StringLiterals;
using muelle::Code;
using muelle::oci::Reference;
using muelle::oci::validateRepositoryName;
using muelle::oci::validateTag;

namespace {

const QString hex = u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;
const QString digest = u"sha256:"_s + hex;

QString repeated(QChar c, qsizetype count)
{
    return QString(count, c);
}

} // namespace

class TestReference : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void toStringParsesBack_data() { parseValid_data(); }
    void toStringParsesBack();
    void repositoryName_data();
    void repositoryName();
    void tag_data();
    void tag();
};

void TestReference::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("tag"); // empty: no tag
    QTest::addColumn<QString>("digest"); // empty: no digest
    QTest::addColumn<QString>("full");
    QTest::addColumn<QString>("familiar");

    const QString hub = u"docker.io"_s;
    // Docker Hub normalisation.
    QTest::newRow("official") << u"busybox"_s << hub << u"library/busybox"_s << u"latest"_s << QString()
                              << u"docker.io/library/busybox:latest"_s << u"busybox:latest"_s;
    QTest::newRow("official tag") << u"busybox:1.36"_s << hub << u"library/busybox"_s << u"1.36"_s << QString()
                                  << u"docker.io/library/busybox:1.36"_s << u"busybox:1.36"_s;
    QTest::newRow("library prefix") << u"library/busybox"_s << hub << u"library/busybox"_s << u"latest"_s << QString()
                                    << u"docker.io/library/busybox:latest"_s << u"busybox:latest"_s;
    QTest::newRow("docker.io short") << u"docker.io/busybox"_s << hub << u"library/busybox"_s << u"latest"_s
                                     << QString() << u"docker.io/library/busybox:latest"_s << u"busybox:latest"_s;
    QTest::newRow("docker.io full") << u"docker.io/library/busybox:musl"_s << hub << u"library/busybox"_s << u"musl"_s
                                    << QString() << u"docker.io/library/busybox:musl"_s << u"busybox:musl"_s;
    QTest::newRow("index.docker.io") << u"index.docker.io/library/busybox"_s << hub << u"library/busybox"_s
                                     << u"latest"_s << QString() << u"docker.io/library/busybox:latest"_s
                                     << u"busybox:latest"_s;
    QTest::newRow("index.docker.io short") << u"index.docker.io/busybox"_s << hub << u"library/busybox"_s << u"latest"_s
                                           << QString() << u"docker.io/library/busybox:latest"_s << u"busybox:latest"_s;
    QTest::newRow("user repo") << u"user/repo"_s << hub << u"user/repo"_s << u"latest"_s << QString()
                               << u"docker.io/user/repo:latest"_s << u"user/repo:latest"_s;
    QTest::newRow("nested library") << u"docker.io/library/a/b"_s << hub << u"library/a/b"_s << u"latest"_s << QString()
                                    << u"docker.io/library/a/b:latest"_s << u"library/a/b:latest"_s;
    QTest::newRow("no dot no domain") << u"registry/repo"_s << hub << u"registry/repo"_s << u"latest"_s << QString()
                                      << u"docker.io/registry/repo:latest"_s << u"registry/repo:latest"_s;
    QTest::newRow("dotted single name") << u"example.com"_s << hub << u"library/example.com"_s << u"latest"_s
                                        << QString() << u"docker.io/library/example.com:latest"_s
                                        << u"example.com:latest"_s;
    QTest::newRow("bare localhost") << u"localhost"_s << hub << u"library/localhost"_s << u"latest"_s << QString()
                                    << u"docker.io/library/localhost:latest"_s << u"localhost:latest"_s;
    QTest::newRow("localhost:5000 is a tag")
        << u"localhost:5000"_s << hub << u"library/localhost"_s << u"5000"_s << QString()
        << u"docker.io/library/localhost:5000"_s << u"localhost:5000"_s;

    // Other registries.
    QTest::newRow("localhost") << u"localhost/foo"_s << u"localhost"_s << u"foo"_s << u"latest"_s << QString()
                               << u"localhost/foo:latest"_s << u"localhost/foo:latest"_s;
    QTest::newRow("localhost port") << u"localhost:5000/foo/bar:tag"_s << u"localhost:5000"_s << u"foo/bar"_s
                                    << u"tag"_s << QString() << u"localhost:5000/foo/bar:tag"_s
                                    << u"localhost:5000/foo/bar:tag"_s;
    QTest::newRow("ipv4 port") << u"127.0.0.1:5000/foo"_s << u"127.0.0.1:5000"_s << u"foo"_s << u"latest"_s << QString()
                               << u"127.0.0.1:5000/foo:latest"_s << u"127.0.0.1:5000/foo:latest"_s;
    QTest::newRow("ipv4") << u"192.168.1.1/repo"_s << u"192.168.1.1"_s << u"repo"_s << u"latest"_s << QString()
                          << u"192.168.1.1/repo:latest"_s << u"192.168.1.1/repo:latest"_s;
    QTest::newRow("ipv6") << u"[::1]/foo"_s << u"[::1]"_s << u"foo"_s << u"latest"_s << QString()
                          << u"[::1]/foo:latest"_s << u"[::1]/foo:latest"_s;
    QTest::newRow("ipv6 port tag") << u"[::1]:5000/foo:v1"_s << u"[::1]:5000"_s << u"foo"_s << u"v1"_s << QString()
                                   << u"[::1]:5000/foo:v1"_s << u"[::1]:5000/foo:v1"_s;
    QTest::newRow("ipv6 full") << u"[2001:DB8::1]:443/ns/repo"_s << u"[2001:DB8::1]:443"_s << u"ns/repo"_s
                               << u"latest"_s << QString() << u"[2001:DB8::1]:443/ns/repo:latest"_s
                               << u"[2001:DB8::1]:443/ns/repo:latest"_s;
    QTest::newRow("deep path") << u"example.com/a/b/c/d"_s << u"example.com"_s << u"a/b/c/d"_s << u"latest"_s
                               << QString() << u"example.com/a/b/c/d:latest"_s << u"example.com/a/b/c/d:latest"_s;
    QTest::newRow("domain port") << u"foo.com:8080/bar"_s << u"foo.com:8080"_s << u"bar"_s << u"latest"_s << QString()
                                 << u"foo.com:8080/bar:latest"_s << u"foo.com:8080/bar:latest"_s;
    QTest::newRow("uppercase first component is a domain") << u"Foo/bar"_s << u"Foo"_s << u"bar"_s << u"latest"_s
                                                           << QString() << u"Foo/bar:latest"_s << u"Foo/bar:latest"_s;
    QTest::newRow("uppercase domain") << u"EXAMPLE.com/bar"_s << u"EXAMPLE.com"_s << u"bar"_s << u"latest"_s
                                      << QString() << u"EXAMPLE.com/bar:latest"_s << u"EXAMPLE.com/bar:latest"_s;
    QTest::newRow("dash in domain") << u"my-registry.example-1.com/repo"_s << u"my-registry.example-1.com"_s
                                    << u"repo"_s << u"latest"_s << QString()
                                    << u"my-registry.example-1.com/repo:latest"_s
                                    << u"my-registry.example-1.com/repo:latest"_s;
    QTest::newRow("punycode domain") << u"xn--bcher-kva.example/repo"_s << u"xn--bcher-kva.example"_s << u"repo"_s
                                     << u"latest"_s << QString() << u"xn--bcher-kva.example/repo:latest"_s
                                     << u"xn--bcher-kva.example/repo:latest"_s;

    // Separators inside path components.
    QTest::newRow("dash") << u"a/b-c"_s << hub << u"a/b-c"_s << u"latest"_s << QString() << u"docker.io/a/b-c:latest"_s
                          << u"a/b-c:latest"_s;
    QTest::newRow("dashes") << u"a/b---c"_s << hub << u"a/b---c"_s << u"latest"_s << QString()
                            << u"docker.io/a/b---c:latest"_s << u"a/b---c:latest"_s;
    QTest::newRow("underscore") << u"a/b_c"_s << hub << u"a/b_c"_s << u"latest"_s << QString()
                                << u"docker.io/a/b_c:latest"_s << u"a/b_c:latest"_s;
    QTest::newRow("double underscore") << u"a/b__c"_s << hub << u"a/b__c"_s << u"latest"_s << QString()
                                       << u"docker.io/a/b__c:latest"_s << u"a/b__c:latest"_s;
    QTest::newRow("dot") << u"a/b.c"_s << hub << u"a/b.c"_s << u"latest"_s << QString() << u"docker.io/a/b.c:latest"_s
                         << u"a/b.c:latest"_s;
    QTest::newRow("mixed") << u"a0/1b-c--d.e_f__g9"_s << hub << u"a0/1b-c--d.e_f__g9"_s << u"latest"_s << QString()
                           << u"docker.io/a0/1b-c--d.e_f__g9:latest"_s << u"a0/1b-c--d.e_f__g9:latest"_s;
    QTest::newRow("single characters") << u"a/b/c"_s << hub << u"a/b/c"_s << u"latest"_s << QString()
                                       << u"docker.io/a/b/c:latest"_s << u"a/b/c:latest"_s;

    // Tags.
    QTest::newRow("tag underscore first") << u"foo:_x"_s << hub << u"library/foo"_s << u"_x"_s << QString()
                                          << u"docker.io/library/foo:_x"_s << u"foo:_x"_s;
    QTest::newRow("tag uppercase") << u"foo:V1.2.3-RC.1_x"_s << hub << u"library/foo"_s << u"V1.2.3-RC.1_x"_s
                                   << QString() << u"docker.io/library/foo:V1.2.3-RC.1_x"_s << u"foo:V1.2.3-RC.1_x"_s;
    const QString longTag = repeated(u't', 128);
    QTest::newRow("tag 128") << u"foo:"_s + longTag << hub << u"library/foo"_s << longTag << QString()
                             << u"docker.io/library/foo:"_s + longTag << u"foo:"_s + longTag;

    // Digests.
    QTest::newRow("digest only") << u"busybox@"_s + digest << hub << u"library/busybox"_s << QString() << digest
                                 << u"docker.io/library/busybox@"_s + digest << u"busybox@"_s + digest;
    QTest::newRow("tag and digest") << u"busybox:1.36@"_s + digest << hub << u"library/busybox"_s << u"1.36"_s << digest
                                    << u"docker.io/library/busybox:1.36@"_s + digest << u"busybox:1.36@"_s + digest;
    QTest::newRow("registry digest") << u"registry.example.com/ns/repo@"_s + digest << u"registry.example.com"_s
                                     << u"ns/repo"_s << QString() << digest
                                     << u"registry.example.com/ns/repo@"_s + digest
                                     << u"registry.example.com/ns/repo@"_s + digest;
    QTest::newRow("port tag digest") << u"localhost:5000/foo:v1@"_s + digest << u"localhost:5000"_s << u"foo"_s
                                     << u"v1"_s << digest << u"localhost:5000/foo:v1@"_s + digest
                                     << u"localhost:5000/foo:v1@"_s + digest;
    const QString sha512 = u"sha512:"_s + repeated(u'a', 128);
    QTest::newRow("sha512 digest") << u"foo@"_s + sha512 << hub << u"library/foo"_s << QString() << sha512
                                   << u"docker.io/library/foo@"_s + sha512 << u"foo@"_s + sha512;

    // 255 characters in the full name, domain included, are the most allowed.
    const QString hubName = repeated(u'a', 255 - 18);
    QTest::newRow("255 on docker hub") << hubName << hub << u"library/"_s + hubName << u"latest"_s << QString()
                                       << u"docker.io/library/"_s + hubName + u":latest"_s << hubName + u":latest"_s;
    const QString otherName = repeated(u'b', 255 - 12);
    QTest::newRow("255 elsewhere") << u"example.com/"_s + otherName << u"example.com"_s << otherName << u"latest"_s
                                   << QString() << u"example.com/"_s + otherName + u":latest"_s
                                   << u"example.com/"_s + otherName + u":latest"_s;
    QTest::newRow("63 hex is a name") << hex.left(63) << hub << u"library/"_s + hex.left(63) << u"latest"_s << QString()
                                      << u"docker.io/library/"_s + hex.left(63) + u":latest"_s
                                      << hex.left(63) + u":latest"_s;
}

void TestReference::parseValid()
{
    QFETCH(QString, text);
    QFETCH(QString, domain);
    QFETCH(QString, path);
    QFETCH(QString, tag);
    QFETCH(QString, digest);
    QFETCH(QString, full);
    QFETCH(QString, familiar);

    const auto reference = Reference::parse(text);
    QVERIFY2(reference.has_value(), qPrintable(reference ? QString() : reference.error().message));
    QCOMPARE(reference->domain, domain);
    QCOMPARE(reference->path, path);
    QCOMPARE(reference->tag.has_value(), !tag.isEmpty());
    if (reference->tag)
        QCOMPARE(*reference->tag, tag);
    QCOMPARE(reference->digest.has_value(), !digest.isEmpty());
    if (reference->digest)
        QCOMPARE(reference->digest->toString(), digest);
    QCOMPARE(reference->repository(), domain + u'/' + path);
    QCOMPARE(reference->toString(), full);
    QCOMPARE(reference->familiar(), familiar);
}

void TestReference::parseInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QString() << u"reference is empty"_s;
    QTest::newRow("image id") << hex << u"reference \"%1\": a 64-character hex string is an image ID"_s.arg(hex);

    // Uppercase outside the domain.
    QTest::newRow("uppercase official") << u"Busybox"_s
                                        << u"reference \"Busybox\": path component \"Busybox\" must be lowercase"_s;
    QTest::newRow("uppercase path") << u"example.com/Foo"_s << u"path component \"Foo\" must be lowercase"_s;
    QTest::newRow("uppercase deep") << u"a/b/C"_s << u"path component \"C\" must be lowercase"_s;
    QTest::newRow("uppercase with tag") << u"example.com/fOo:tag"_s << u"path component \"fOo\" must be lowercase"_s;

    // Empty components.
    QTest::newRow("double slash") << u"a//b"_s << u"empty path component"_s;
    QTest::newRow("trailing slash") << u"a/b/"_s << u"empty path component"_s;
    QTest::newRow("leading slash") << u"/a"_s << u"empty path component"_s;
    QTest::newRow("domain only") << u"example.com/"_s << u"repository name is empty"_s;
    QTest::newRow("digest without name") << u"@"_s + digest << u"repository name is empty"_s;
    QTest::newRow("tag without name") << u":tag"_s << u"repository name is empty"_s;

    // Separators.
    QTest::newRow("double dot") << u"a..b"_s << u"separator \"..\" in path component \"a..b\""_s;
    QTest::newRow("dot underscore") << u"a._b"_s << u"separator \"._\""_s;
    QTest::newRow("triple underscore") << u"a___b"_s << u"separator \"___\""_s;
    QTest::newRow("dash dot") << u"a-.b"_s << u"separator \"-.\""_s;
    QTest::newRow("leading dash") << u"-a"_s << u"path component \"-a\" must start and end with a letter or digit"_s;
    QTest::newRow("trailing dash") << u"a-"_s << u"must start and end with a letter or digit"_s;
    QTest::newRow("leading dot") << u"x/.a"_s << u"path component \".a\" must start and end"_s;
    QTest::newRow("trailing dot") << u"x/a."_s << u"path component \"a.\" must start and end"_s;
    QTest::newRow("leading underscore") << u"_a"_s << u"path component \"_a\" must start and end"_s;
    QTest::newRow("trailing underscore") << u"a_"_s << u"must start and end"_s;
    QTest::newRow("only separator") << u"a/-/b"_s << u"path component \"-\" must start and end"_s;

    // Characters.
    QTest::newRow("space") << u"foo bar"_s << u"invalid character ' ' in path component \"foo bar\""_s;
    QTest::newRow("leading space") << u" busybox"_s << u"invalid character ' '"_s;
    QTest::newRow("non-ascii") << u"b\u00fccher"_s << u"invalid character '\u00fc'"_s;
    QTest::newRow("colon in path") << u"a/b:c/d"_s << u"invalid character ':' in path component \"b:c\""_s;
    QTest::newRow("two tags") << u"foo:bar:baz"_s << u"invalid character ':' in path component \"foo:bar\""_s;

    // Tags.
    QTest::newRow("empty tag") << u"foo:"_s << u"reference \"foo:\": tag is empty"_s;
    QTest::newRow("empty tag with digest") << u"foo:@"_s + digest << u"tag is empty"_s;
    QTest::newRow("tag dash first") << u"foo:-tag"_s << u"tag \"-tag\": must start with a letter, digit or '_'"_s;
    QTest::newRow("tag dot first") << u"foo:.tag"_s << u"tag \".tag\": must start with"_s;
    QTest::newRow("tag bad character") << u"foo:ta!g"_s << u"tag \"ta!g\": invalid character '!'"_s;
    QTest::newRow("tag plus") << u"foo:1.0+build"_s << u"invalid character '+'"_s;
    QTest::newRow("tag 129") << u"foo:"_s + repeated(u't', 129) << u"tag is 129 characters long, more than 128"_s;

    // Digests.
    QTest::newRow("short digest")
        << u"foo@sha256:abc"_s
        << u"reference \"foo@sha256:abc\": digest \"sha256:abc\": want 64 hex characters, got 3"_s;
    QTest::newRow("empty digest") << u"foo@"_s << u"digest \"\": want \"<algorithm>:<hex>\""_s;
    QTest::newRow("tag then empty digest") << u"foo:tag@"_s << u"digest \"\""_s;
    QTest::newRow("md5 digest") << u"foo@md5:d41d8cd98f00b204e9800998ecf8427e"_s << u"unsupported algorithm \"md5\""_s;
    QTest::newRow("uppercase digest") << u"foo@sha256:"_s + hex.toUpper() << u"hex must be lowercase"_s;
    QTest::newRow("two digests") << u"foo@"_s + digest + u'@' + digest << u"want 64 hex characters"_s;
    QTest::newRow("digest before tag") << u"foo@"_s + digest + u":tag"_s << u"want 64 hex characters"_s;

    // Domains.
    QTest::newRow("empty port") << u"localhost:/foo"_s << u"port \"\" is not a number"_s;
    QTest::newRow("bad port") << u"localhost:abc/foo"_s << u"port \"abc\" is not a number"_s;
    QTest::newRow("two ports") << u"example.com:5000:6000/foo"_s << u"port \"5000:6000\" is not a number"_s;
    QTest::newRow("leading dash domain") << u"-example.com/foo"_s
                                         << u"domain component \"-example\" must not start or end with '-'"_s;
    QTest::newRow("trailing dash domain") << u"example-.com/foo"_s << u"domain component \"example-\""_s;
    QTest::newRow("empty domain component") << u"example..com/foo"_s << u"empty component in domain \"example..com\""_s;
    QTest::newRow("leading dot domain") << u".example.com/foo"_s << u"empty component in domain"_s;
    QTest::newRow("underscore in domain")
        << u"exa_mple.com/foo"_s << u"invalid character '_' in domain component \"exa_mple\""_s;
    QTest::newRow("empty host") << u":5000/foo"_s << u"empty component in domain"_s;
    QTest::newRow("unclosed ipv6") << u"[::1/foo"_s << u"missing ']' after IPv6 address"_s;
    QTest::newRow("bad ipv6") << u"[::g]/foo"_s << u"invalid IPv6 address \"[::g]\""_s;
    QTest::newRow("empty ipv6") << u"[]:5000/foo"_s << u"invalid IPv6 address \"[]\""_s;
    QTest::newRow("zone ipv6") << u"[fe80::1%eth0]/foo"_s << u"invalid IPv6 address"_s;
    QTest::newRow("junk after ipv6") << u"[::1]x/foo"_s << u"unexpected \"x\" after IPv6 address"_s;
    QTest::newRow("bad ipv6 port") << u"[::1]:x/foo"_s << u"port \"x\" is not a number"_s;
    QTest::newRow("ipv6 without brackets") << u"::1/foo"_s << u"empty component in domain"_s;

    // Length: the full name, domain included, at most 255.
    QTest::newRow("256 on docker hub") << repeated(u'a', 256 - 18) << u"is 256 characters long, more than 255"_s;
    QTest::newRow("256 elsewhere") << u"example.com/"_s + repeated(u'b', 256 - 12)
                                   << u"is 256 characters long, more than 255"_s;
    QTest::newRow("way too long") << u"example.com/"_s + repeated(u'b', 1000) + u":tag"_s
                                  << u"is 1012 characters long"_s;
}

void TestReference::parseInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, message);

    const auto reference = Reference::parse(text);
    QVERIFY2(!reference.has_value(), qPrintable(reference ? reference->toString() : QString()));
    QCOMPARE(reference.error().code, Code::InvalidArgument);
    QVERIFY2(reference.error().message.contains(message), qPrintable(reference.error().message));
}

void TestReference::toStringParsesBack()
{
    QFETCH(QString, text);
    QFETCH(QString, full);
    QFETCH(QString, familiar);

    // Both printed forms name the same thing as the original.
    const auto original = Reference::parse(text);
    QVERIFY(original.has_value());
    for (const QString &printed : { full, familiar }) {
        const auto again = Reference::parse(printed);
        QVERIFY2(again.has_value(), qPrintable(printed));
        QCOMPARE(again->toString(), original->toString());
    }
}

void TestReference::repositoryName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message"); // empty: valid

    QTest::newRow("official") << u"library/busybox"_s << QString();
    QTest::newRow("single") << u"a"_s << QString();
    QTest::newRow("separators") << u"a/b-c/d__e/f.g/h_i/j--k"_s << QString();
    QTest::newRow("deep") << u"a/b/c/d/e/f/g"_s << QString();
    QTest::newRow("255") << repeated(u'a', 255) << QString();
    QTest::newRow("255 with slashes") << (repeated(u'a', 127) + u'/' + repeated(u'b', 127)) << QString();
    QTest::newRow("dotted first component") << u"example.com/foo"_s << QString();

    QTest::newRow("empty") << QString() << u"repository name is empty"_s;
    QTest::newRow("256") << repeated(u'a', 256) << u"repository name is 256 characters long, more than 255"_s;
    QTest::newRow("uppercase")
        << u"Library/busybox"_s
        << u"repository name \"Library/busybox\": path component \"Library\" must be lowercase"_s;
    QTest::newRow("double slash") << u"a//b"_s << u"repository name \"a//b\": empty path component"_s;
    QTest::newRow("leading slash") << u"/a"_s << u"empty path component"_s;
    QTest::newRow("trailing slash") << u"a/"_s << u"empty path component"_s;
    QTest::newRow("double dot") << u"a..b"_s << u"separator \"..\""_s;
    QTest::newRow("port") << u"localhost:5000/foo"_s << u"invalid character ':' in path component \"localhost:5000\""_s;
    QTest::newRow("tag") << u"a/b:tag"_s << u"invalid character ':'"_s;
    QTest::newRow("digest") << u"a/b@sha256"_s << u"invalid character '@'"_s;
    QTest::newRow("leading dash") << u"a/-b"_s << u"must start and end with a letter or digit"_s;
}

void TestReference::repositoryName()
{
    QFETCH(QString, name);
    QFETCH(QString, message);

    const auto valid = validateRepositoryName(name);
    if (message.isEmpty()) {
        QVERIFY2(valid.has_value(), qPrintable(valid ? QString() : valid.error().message));
        return;
    }
    QVERIFY(!valid.has_value());
    QCOMPARE(valid.error().code, Code::InvalidArgument);
    QVERIFY2(valid.error().message.contains(message), qPrintable(valid.error().message));
}

void TestReference::tag_data()
{
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QString>("message"); // empty: valid

    QTest::newRow("latest") << u"latest"_s << QString();
    QTest::newRow("underscore") << u"_"_s << QString();
    QTest::newRow("uppercase") << u"A"_s << QString();
    QTest::newRow("digit") << u"1"_s << QString();
    QTest::newRow("mixed") << u"v1.0-rc_1.X"_s << QString();
    QTest::newRow("dots and dashes") << u"a..--__"_s << QString();
    QTest::newRow("128") << repeated(u'a', 128) << QString();

    QTest::newRow("empty") << QString() << u"tag is empty"_s;
    QTest::newRow("129") << repeated(u'a', 129) << u"tag is 129 characters long, more than 128"_s;
    QTest::newRow("dot first") << u".a"_s << u"tag \".a\": must start with a letter, digit or '_'"_s;
    QTest::newRow("dash first") << u"-a"_s << u"must start with"_s;
    QTest::newRow("slash") << u"a/b"_s << u"tag \"a/b\": invalid character '/'"_s;
    QTest::newRow("colon") << u"a:b"_s << u"invalid character ':'"_s;
    QTest::newRow("plus") << u"a+b"_s << u"invalid character '+'"_s;
    QTest::newRow("at") << u"a@b"_s << u"invalid character '@'"_s;
    QTest::newRow("non-ascii") << u"\u00e4"_s << u"must start with"_s;
}

void TestReference::tag()
{
    QFETCH(QString, tag);
    QFETCH(QString, message);

    const auto valid = validateTag(tag);
    if (message.isEmpty()) {
        QVERIFY2(valid.has_value(), qPrintable(valid ? QString() : valid.error().message));
        return;
    }
    QVERIFY(!valid.has_value());
    QCOMPARE(valid.error().code, Code::InvalidArgument);
    QVERIFY2(valid.error().message.contains(message), qPrintable(valid.error().message));
}

QTEST_GUILESS_MAIN(TestReference)
#include "tst_reference.moc"
