#pragma once
// A request as the server hands it to a handler (headers parsed, body not yet
// read) and the response a handler gives back.

#include "http/body.h"
#include "http/headers.h"

#include <QHash>
#include <QString>
#include <QUrlQuery>

#include <memory>
#include <optional>

namespace muelle::http {

struct Request {
    QByteArray method; // "GET", "HEAD", "PUT"...
    QByteArray target; // as sent: "/v2/a/b/tags/list?n=2"
    QString path; // percent-decoded path: "/v2/a/b/tags/list"
    QUrlQuery query; // decoded query
    Headers headers;
    std::optional<qint64> contentLength; // absent for chunked or bodiless requests
    bool chunked = false;
    QHash<QString, QString> params; // path parameters filled in by the Router
    QString peer; // "127.0.0.1:51234", or "unix" for unix sockets

    QString param(const QString &name) const { return params.value(name); }
    bool hasBody() const { return chunked || contentLength.value_or(0) > 0; }
};

struct Response {
    int status = 200;
    Headers headers;
    QByteArray body; // used when stream is null
    std::unique_ptr<BodySource> stream; // pulled as the socket drains
    // Length of the stream: sent as Content-Length. -1 sends the stream with
    // chunked transfer encoding. Ignored when stream is null (body.size() is used).
    qint64 streamLength = -1;
    // For HEAD: the Content-Length to announce although no body is sent
    // (-1: use body.size() or streamLength).
    qint64 headLength = -1;

    static Response text(int status, QByteArray body, QByteArray contentType = "text/plain; charset=utf-8");
    static Response json(int status, QByteArray body);
};

// The reason phrase for a status code ("Not Found").
QByteArray reasonPhrase(int status);

// Parses a "Range: bytes=a-b" header against a resource of `size` bytes.
// Returns the [first, last] byte positions; nullopt when the header is absent;
// OutOfRange when it is unsatisfiable; InvalidArgument when malformed.
// Multiple ranges are not supported (InvalidArgument).
Result<std::optional<QPair<qint64, qint64>>> parseRange(QByteArrayView header, qint64 size);

} // namespace muelle::http
