#pragma once
// Routes requests by method and path pattern. A pattern is split on "/";
// "{name}" matches one segment, "{name...}" matches one or more segments
// (the shortest that lets the rest of the pattern match, so
// "/v2/{name...}/blobs/{digest}" matches "/v2/a/b/blobs/sha256:..."). The
// first route added that matches wins. Matched parameters go to
// Request::params. A HEAD request with no HEAD route is served by the GET
// route (the server sends the headers only). operator() only reads the
// routes: one Router may serve every worker thread at once.

#include "http/exchange.h"

#include <QList>
#include <QStringList>

namespace muelle::http {

class Router {
public:
    void add(QByteArray method, const QString &pattern, Handler handler);
    // Called when no pattern matches the path (default: 404 text body).
    void setNotFound(Handler handler);
    // Called when a pattern matches the path but not the method (default: 405
    // with an Allow header). The allowed methods ("GET, PUT, HEAD") are in
    // request().params["*allow"].
    void setMethodNotAllowed(Handler handler);

    // Dispatches the exchange; usable as a Server handler.
    void operator()(Exchange &exchange) const;

private:
    struct Route {
        QByteArray method;
        QStringList segments;
        Handler handler;
    };
    QList<Route> routes_;
    Handler notFound_;
    Handler methodNotAllowed_;
};

} // namespace muelle::http
