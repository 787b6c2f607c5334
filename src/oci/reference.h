#pragma once
// Image references as Docker parses them (distribution/reference grammar):
//   [domain[:port]/]path-component[/path-component...][:tag][@digest]
// Normalisation as Docker does it: "busybox" -> "docker.io/library/busybox:latest".

#include "oci/digest.h"

#include <QString>

#include <optional>

namespace muelle::oci {

// A repository name as a registry sees it ("library/busybox", "a/b-c/d__e"):
// path components of [a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*, joined by "/",
// 255 characters at most. Returns InvalidArgument naming the offending part.
Result<> validateRepositoryName(QStringView name);
// A tag: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}.
Result<> validateTag(QStringView tag);

struct Reference {
    QString domain; // "docker.io", "127.0.0.1:5000", "localhost"
    QString path; // "library/busybox"
    std::optional<QString> tag; // absent when only a digest was given
    std::optional<Digest> digest;

    // Parses and normalises (docker.io, library/, :latest when neither tag nor
    // digest is given). Uppercase in the repository part, empty components,
    // bad tags and bad digests are InvalidArgument with a precise message.
    static Result<Reference> parse(QStringView text);

    QString repository() const; // "docker.io/library/busybox"
    QString toString() const; // "docker.io/library/busybox:latest" (and "@digest" when set)
    QString familiar() const; // "busybox:latest" as docker prints it
};

} // namespace muelle::oci
