#include "http/router.h"

#include <QVarLengthArray>

namespace muelle::http {

namespace {

using Segments = QList<QStringView>;
// Parameter names and values found so far, as views into the pattern and path.
using Found = QVarLengthArray<std::pair<QStringView, QStringView>, 8>;

bool isParam(QStringView segment)
{
    return segment.size() > 2 && segment.front() == u'{' && segment.back() == u'}';
}

bool isRest(QStringView segment)
{
    return segment.endsWith(u"...}");
}

QStringView paramName(QStringView segment)
{
    return segment.mid(1, segment.size() - (isRest(segment) ? 5 : 2));
}

// Matches pattern[i...] against path[j...]. A "{name...}" takes the fewest
// segments that let the rest of the pattern match.
bool match(const QStringList &pattern, qsizetype i, const Segments &path, qsizetype j, Found &found)
{
    if (i == pattern.size())
        return j == path.size();
    const QString &segment = pattern[i];
    if (!isParam(segment))
        return j < path.size() && path[j] == segment && match(pattern, i + 1, path, j + 1, found);
    if (!isRest(segment)) {
        if (j >= path.size() || path[j].isEmpty())
            return false;
        found.append({ paramName(segment), path[j] });
        if (match(pattern, i + 1, path, j + 1, found))
            return true;
        found.removeLast();
        return false;
    }
    for (qsizetype end = j + 1; end <= path.size(); ++end) {
        if (path[end - 1].isEmpty())
            return false; // names never hold empty segments ("a//b")
        const QStringView first = path[j];
        const QStringView last = path[end - 1];
        found.append({ paramName(segment), QStringView(first.data(), last.data() + last.size()) });
        if (match(pattern, i + 1, path, end, found))
            return true;
        found.removeLast();
    }
    return false;
}

QHash<QString, QString> toParams(const Found &found)
{
    QHash<QString, QString> params;
    for (const auto &[name, value] : found)
        params.insert(name.toString(), value.toString());
    return params;
}

void defaultNotFound(Exchange &exchange)
{
    exchange.respond(Response::text(404, QByteArrayLiteral("404 page not found\n")));
}

} // namespace

void Router::add(QByteArray method, const QString &pattern, Handler handler)
{
    routes_.append({ std::move(method), pattern.split(u'/'), std::move(handler) });
}

void Router::setNotFound(Handler handler)
{
    notFound_ = std::move(handler);
}

void Router::setMethodNotAllowed(Handler handler)
{
    methodNotAllowed_ = std::move(handler);
}

void Router::operator()(Exchange &exchange) const
{
    Request &request = exchange.request();
    const Segments path = QStringView(request.path).split(u'/');
    const bool head = request.method == "HEAD";
    const Route *getForHead = nullptr;
    QHash<QString, QString> getParams;
    QList<QByteArray> allowed;
    Found found;
    for (const Route &route : routes_) {
        found.clear();
        if (!match(route.segments, 0, path, 0, found))
            continue;
        if (route.method == request.method) {
            request.params = toParams(found);
            route.handler(exchange);
            return;
        }
        // HEAD is served by the GET route when no HEAD route is given.
        if (head && !getForHead && route.method == "GET") {
            getForHead = &route;
            getParams = toParams(found);
        }
        if (!allowed.contains(route.method))
            allowed.append(route.method);
    }
    if (getForHead) {
        request.params = std::move(getParams);
        getForHead->handler(exchange);
        return;
    }
    if (allowed.isEmpty()) {
        (notFound_ ? notFound_ : defaultNotFound)(exchange);
        return;
    }
    if (allowed.contains("GET") && !allowed.contains("HEAD"))
        allowed.append(QByteArrayLiteral("HEAD"));
    const QByteArray allow = allowed.join(", ");
    if (methodNotAllowed_) {
        request.params.insert(QStringLiteral("*allow"), QString::fromLatin1(allow));
        methodNotAllowed_(exchange);
        return;
    }
    Response response = Response::text(405, QByteArrayLiteral("405 method not allowed\n"));
    response.headers.set(QByteArrayLiteral("Allow"), allow);
    exchange.respond(std::move(response));
}

} // namespace muelle::http
