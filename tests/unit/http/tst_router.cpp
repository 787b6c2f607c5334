// The Router through a real server: "{name}" and "{name...}" patterns, the
// first match winning, 404 and 405 (with Allow), HEAD served by GET routes.

#include "support.h"

#include "http/router.h"
#include "http/server.h"

using namespace test;

namespace {

QByteArray get(QByteArrayView target)
{
    return "GET " + target.toByteArray() + " HTTP/1.1\r\nHost: test\r\n\r\n";
}

Router makeRouter()
{
    Router router;
    const auto named = [](const char *what) {
        return [what](Exchange &ex) {
            const Request &r = ex.request();
            QByteArray body = what;
            for (const QString &key : { QStringLiteral("name"), QStringLiteral("uuid"), QStringLiteral("digest"),
                     QStringLiteral("reference") }) {
                if (r.params.contains(key))
                    body += ' ' + key.toUtf8() + '=' + r.params.value(key).toUtf8();
            }
            ex.respond(Response::text(200, body));
        };
    };
    router.add("GET", QStringLiteral("/v2/{name...}/blobs/uploads/{uuid}"), named("upload"));
    router.add("GET", QStringLiteral("/v2/{name...}/blobs/{digest}"), named("blob"));
    router.add("GET", QStringLiteral("/v2/{name...}/manifests/{reference}"), named("manifest"));
    router.add("PUT", QStringLiteral("/v2/{name...}/manifests/{reference}"), named("put-manifest"));
    router.add("GET", QStringLiteral("/v2/{name...}/tags/list"), named("tags"));
    router.add("GET", QStringLiteral("/v2/"), named("base"));
    return router;
}

} // namespace

class TestRouter : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Server> server;
    quint16 port = 0;

private Q_SLOTS:
    void initTestCase()
    {
        server = std::make_unique<Server>(makeRouter(), Limits{}, 1);
        QVERIFY(server->listen(Endpoint{}));
        port = server->tcpPort();
    }

    void cleanupTestCase() { server.reset(); }

    void routerMatchesMultiSegmentNames()
    {
        Raw raw(port);
        const QList<QPair<QByteArray, QByteArray>> cases = {
            { "/v2/library/alpine/blobs/uploads/1234", "upload name=library/alpine uuid=1234" },
            { "/v2/a/b/c/blobs/sha256:abc", "blob name=a/b/c digest=sha256:abc" },
            { "/v2/alpine/blobs/uploads/u", "upload name=alpine uuid=u" },
            { "/v2/blobs/blobs/blobs", "blob name=blobs digest=blobs" },
            { "/v2/a/blobs/uploads/blobs/x", "blob name=a/blobs/uploads digest=x" },
            { "/v2/x/y/manifests/latest", "manifest name=x/y reference=latest" },
            { "/v2/x/y/tags/list", "tags name=x/y" },
            { "/v2/", "base" },
        };
        for (const auto &[target, body] : cases) {
            raw.send(get(target));
            auto reply = raw.read();
            QVERIFY(reply);
            QCOMPARE(reply->status, 200);
            QCOMPARE(reply->body, body);
        }
        raw.send(get("/v2/blobs/x"));
        auto missing = raw.read();
        QVERIFY(missing);
        QCOMPARE(missing->status, 404);
        raw.send(get("/v2//a/tags/list"));
        auto empty = raw.read();
        QVERIFY(empty);
        QCOMPARE(empty->status, 404);
    }

    void router405WithAllowAndHeadFallback()
    {
        Raw raw(port);
        raw.send("DELETE /v2/x/manifests/latest HTTP/1.1\r\nHost: t\r\n\r\n");
        auto reply = raw.read();
        QVERIFY(reply);
        QCOMPARE(reply->status, 405);
        QCOMPARE(reply->headers.value("Allow"), QByteArray("GET, PUT, HEAD"));
        raw.send("HEAD /v2/x/manifests/latest HTTP/1.1\r\nHost: t\r\n\r\n");
        auto head = raw.read(true);
        QVERIFY(head);
        QCOMPARE(head->status, 200);
        QCOMPARE(head->headers.value("Content-Length"), QByteArray("32"));
    }

    void customFallbacks()
    {
        Router router;
        router.add("PUT", QStringLiteral("/things/{id}"), [](Exchange &ex) { ex.respond(Response::text(201, "")); });
        router.setNotFound([](Exchange &ex) { ex.respond(Response::json(404, R"({"errors":[]})")); });
        router.setMethodNotAllowed([](Exchange &ex) {
            Response response = Response::json(405, R"({"errors":[{"code":"UNSUPPORTED"}]})");
            response.headers.add("Allow", ex.request().param(QStringLiteral("*allow")).toUtf8());
            ex.respond(std::move(response));
        });
        Server custom(router, Limits{}, 1);
        QVERIFY(custom.listen(Endpoint{}));
        Raw raw(custom.tcpPort());
        raw.send(get("/things/1"));
        auto notAllowed = raw.read();
        QVERIFY(notAllowed);
        QCOMPARE(notAllowed->status, 405);
        QCOMPARE(notAllowed->headers.value("Allow"), QByteArray("PUT"));
        QCOMPARE(notAllowed->headers.value("Content-Type"), QByteArray("application/json"));
        raw.send(get("/nothing"));
        auto missing = raw.read();
        QVERIFY(missing);
        QCOMPARE(missing->status, 404);
        QCOMPARE(missing->body, QByteArray(R"({"errors":[]})"));
    }
};

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
