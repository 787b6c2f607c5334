// A tiny server for measuring throughput by hand (not a test):
//   http_bench_server [port] [workers]  then  wrk -t2 -c4 -d10s http://127.0.0.1:PORT/hello

#include "http/router.h"
#include "http/server.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    using namespace muelle::http;
    Router router;
    router.add("GET", QStringLiteral("/hello"),
        [](Exchange &ex) { ex.respond(Response::text(200, QByteArrayLiteral("hello, world\n"))); });
    router.add("GET", QStringLiteral("/v2/{name...}/blobs/{digest}"),
        [](Exchange &ex) { ex.respond(Response::text(200, ex.request().param(QStringLiteral("digest")).toUtf8())); });
    Server server(router, Limits{}, args.value(2, QStringLiteral("0")).toInt());
    Endpoint endpoint;
    endpoint.port = quint16(args.value(1, QStringLiteral("8080")).toUInt());
    if (auto listening = server.listen(endpoint); !listening) {
        std::fprintf(stderr, "%s\n", qPrintable(listening.error().message));
        return 1;
    }
    std::printf("listening on %u\n", server.tcpPort());
    std::fflush(stdout);
    return app.exec();
}
