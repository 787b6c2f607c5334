#pragma once
// The registry's tree on disk, drawn once; every path is built here.
//
//   <root>/
//     metadata.db                  SQLite: repositories, links, manifests, tags, uploads
//     server.lock                  held (flock) by the one server using this root
//     blobs/sha256/<hh>/<hex>      every blob once, whatever repositories use it;
//                                  complete and verified when visible
//     uploads/<uuid>               the bytes of an upload session received so far
//     tmp/<random>                 blobs being written before their digest is known
//     trash/<alg>-<hex>.<random>   blobs gc is deleting (restored or removed at start)
//
// Every directory lives on one filesystem, so moving a file between them is
// an atomic rename.

#include "oci/digest.h"

#include <QString>

namespace muelle::registry::storage {

class Paths {
public:
    explicit Paths(QString root) : root_(std::move(root)) { }

    const QString &root() const { return root_; }
    QString database() const;
    QString serverLock() const;
    QString blobsDir() const; // <root>/blobs
    QString blob(const oci::Digest &digest) const;
    QString uploadsDir() const;
    QString upload(const QString &uuid) const;
    QString tmpDir() const;
    QString tmpFile() const; // a fresh unique name under tmp/
    QString trashDir() const;
    QString trashFile(const oci::Digest &digest) const; // a fresh unique name under trash/

private:
    QString root_;
};

} // namespace muelle::registry::storage
