#pragma once
// ADD's remote sources: a URL fetched into a scratch directory as its bytes
// come (never held whole), hashed on the way, as Docker's builder leaves
// it: named after the URL's last path component, mode 0600, its mtime the
// Last-Modified header's. Lives on the thread of the network manager.

#include "base/error.h"
#include "oci/digest.h"

#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace muelle::engine::builder {

struct Downloaded {
    QString name; // the file's name in the directory
    oci::Digest digest;
};

// Fetches `url` (http or https) into `dir`. `checksum` ("sha256:<hex>",
// ADD --checksum; empty: none) must match. Errors: "failed to GET <url> with
// status 404 Not Found", "checksum mismatch for <url>: expected …, got …".
void download(QNetworkAccessManager &network, const QUrl &url, const QString &dir, const QString &checksum,
    std::function<void(Result<Downloaded>)> done);

} // namespace muelle::engine::builder
