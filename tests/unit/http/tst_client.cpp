// The blocking Client against the real Server over TCP, TLS and a unix
// socket, plus a raw peer for what the Server never sends (a body delimited
// by the close).

#include "support.h"

#include "http/router.h"
#include "http/server.h"
#include "tests/unit/http/client.h"

#include <QTcpServer>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

using namespace test;
using namespace std::chrono_literals;

namespace {

SinkStats *uploadStats = nullptr;

Router makeRouter()
{
    Router router;
    router.add("GET", QStringLiteral("/peer"),
        [](Exchange &ex) { ex.respond(Response::text(200, ex.request().peer.toUtf8())); });
    router.add("POST", QStringLiteral("/echo"), [](Exchange &ex) {
        auto sink = std::make_unique<BufferSink>(1 << 20);
        BufferSink *buffer = sink.get();
        ex.receiveBody(std::move(sink), [&ex, buffer](Result<> result) {
            Response response = Response::text(result ? 200 : 400, buffer->take());
            response.headers.add("X-Chunked", ex.request().chunked ? "1" : "0");
            ex.respond(std::move(response));
        });
    });
    router.add("PUT", QStringLiteral("/upload"), [](Exchange &ex) {
        ex.receiveBody(std::make_unique<CountingSink>(uploadStats), [&ex](Result<> result) {
            ex.respond(Response::text(result ? 201 : 400, QByteArray::number(uploadStats->bytes.load())));
        });
    });
    router.add("GET", QStringLiteral("/stream/{n}"), [](Exchange &ex) {
        Response response;
        response.stream = std::make_unique<PatternSource>(ex.request().param(QStringLiteral("n")).toLongLong());
        ex.respond(std::move(response));
    });
    router.add("GET", QStringLiteral("/hello"),
        [](Exchange &ex) { ex.respond(Response::text(200, QByteArrayLiteral("hello"))); });
    router.add("GET", QStringLiteral("/attach"), [](Exchange &ex) {
        Response response;
        response.status = 101;
        response.headers.add("Connection", "Upgrade");
        response.headers.add("Upgrade", "tcp");
        ex.upgrade(std::move(response), [](QIODevice *socket, QByteArray pending) {
            socket->write("welcome\n" + pending);
            QObject::connect(socket, &QIODevice::readyRead, socket, [socket] { socket->write(socket->readAll()); });
            QObject::connect(
                qobject_cast<QAbstractSocket *>(socket), &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        });
    });
    return router;
}

QUrl local(quint16 port)
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

} // namespace

class TestClient : public QObject {
    Q_OBJECT

private:
    SinkStats stats;
    std::unique_ptr<Server> server;
    quint16 port = 0;

private Q_SLOTS:
    void initTestCase()
    {
        uploadStats = &stats;
        Limits limits;
        limits.idleTimeout = 400ms;
        server = std::make_unique<Server>(makeRouter(), limits, 2);
        QVERIFY(server->listen(Endpoint{}));
        port = server->tcpPort();
    }

    void cleanupTestCase() { server.reset(); }

    void keepsTheConnectionAlive()
    {
        Client client(local(port));
        auto first = client.send("GET", "/peer");
        QVERIFY(first);
        QCOMPARE(first->status, 200);
        for (int i = 0; i < 3; ++i) {
            auto again = client.send("GET", "/peer");
            QVERIFY(again);
            QCOMPARE(again->body, first->body); // same client port: same connection
        }
    }

    void reconnectsAfterTheServerClosedAnIdleConnection()
    {
        Client client(local(port));
        auto first = client.send("GET", "/peer");
        QVERIFY(first);
        QTest::qWait(900); // past the server's idle timeout
        auto second = client.send("GET", "/peer");
        QVERIFY2(second, qPrintable(second ? QString() : second.error().message));
        QCOMPARE(second->status, 200);
        QVERIFY(second->body != first->body);
    }

    void sendsBodiesWithLengthAndChunked()
    {
        Client client(local(port));
        BytesSource fixed("fixed body");
        auto withLength = client.send("POST", "/echo", {}, &fixed, 10);
        QVERIFY(withLength);
        QCOMPARE(withLength->body, QByteArray("fixed body"));
        QCOMPARE(withLength->headers.value("X-Chunked"), QByteArray("0"));

        BytesSource streamed(QByteArray(200000, 'q'));
        auto chunked = client.send("POST", "/echo", {}, &streamed, -1);
        QVERIFY(chunked);
        QCOMPARE(chunked->body, QByteArray(200000, 'q'));
        QCOMPARE(chunked->headers.value("X-Chunked"), QByteArray("1"));
    }

    void streamsABigUpload()
    {
        stats.bytes = 0;
        stats.patternOk = true;
        const qint64 total = 16LL << 20;
        Client client(local(port));
        PatternSource source(total);
        auto response = client.send("PUT", "/upload", {}, &source, -1);
        QVERIFY2(response, qPrintable(response ? QString() : response.error().message));
        QCOMPARE(response->status, 201);
        QCOMPARE(response->body.toLongLong(), total);
        QVERIFY(stats.patternOk);
    }

    void streamsAResponseToASink()
    {
        SinkStats received;
        const qint64 total = 8LL << 20;
        Client client(local(port));
        CountingSink sink(&received);
        auto response = client.send("GET", "/stream/" + QByteArray::number(total), {}, nullptr, 0, &sink);
        QVERIFY(response);
        QCOMPARE(response->headers.value("Transfer-Encoding"), QByteArray("chunked"));
        QVERIFY(response->body.isEmpty());
        QCOMPARE(received.bytes.load(), total);
        QVERIFY(received.patternOk);
        QVERIFY(received.finished);
        // And the connection is still usable.
        auto next = client.send("GET", "/hello");
        QVERIFY(next);
        QCOMPARE(next->body, QByteArray("hello"));
    }

    void headHasNoBody()
    {
        Client client(local(port));
        auto head = client.send("HEAD", "/hello");
        QVERIFY(head);
        QCOMPARE(head->status, 200);
        QCOMPARE(head->headers.value("Content-Length"), QByteArray("5"));
        QVERIFY(head->body.isEmpty());
        auto get = client.send("GET", "/hello");
        QVERIFY(get);
        QCOMPARE(get->body, QByteArray("hello"));
    }

    void readsABodyDelimitedByTheClose()
    {
        const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        QCOMPARE(::listen(listener, 1), 0);
        socklen_t length = sizeof address;
        ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length);
        std::thread peer([listener] {
            const int fd = ::accept(listener, nullptr, nullptr);
            char buffer[4096];
            QByteArray request;
            while (!request.contains("\r\n\r\n")) {
                const ssize_t n = ::read(fd, buffer, sizeof buffer);
                if (n <= 0)
                    break;
                request.append(buffer, n);
            }
            const QByteArray reply = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end";
            (void)::write(fd, reply.constData(), size_t(reply.size()));
            ::close(fd);
        });
        Client client(local(ntohs(address.sin_port)));
        auto response = client.send("GET", "/");
        peer.join();
        ::close(listener);
        QVERIFY2(response, qPrintable(response ? QString() : response.error().message));
        QCOMPARE(response->body, QByteArray("until the end"));
    }

    void takesTheSocketAfter101()
    {
        Client client(local(port));
        Headers headers;
        headers.add("Connection", "Upgrade");
        headers.add("Upgrade", "tcp");
        auto response = client.send("GET", "/attach", headers);
        QVERIFY(response);
        QCOMPARE(response->status, 101);
        std::unique_ptr<QIODevice> socket(client.takeSocket());
        QVERIFY(socket);
        auto *tcp = qobject_cast<QTcpSocket *>(socket.get());
        QVERIFY(tcp);
        QByteArray received = tcp->readAll();
        while (!received.contains('\n') && tcp->waitForReadyRead(5000))
            received += tcp->readAll();
        QCOMPARE(received, QByteArray("welcome\n"));
        tcp->write("echo me");
        received.clear();
        while (received.size() < 7 && tcp->waitForReadyRead(5000))
            received += tcp->readAll();
        QCOMPARE(received, QByteArray("echo me"));
    }

    void unixSocket()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.sock"));
        Server unixServer(makeRouter(), Limits{}, 1);
        Endpoint endpoint;
        endpoint.kind = Endpoint::Kind::Unix;
        endpoint.unixPath = path;
        QVERIFY(unixServer.listen(endpoint));
        Client client(QUrl(QStringLiteral("unix://") + path));
        for (int i = 0; i < 2; ++i) {
            auto response = client.send("GET", "/peer");
            QVERIFY2(response, qPrintable(response ? QString() : response.error().message));
            QCOMPARE(response->body, QByteArray("unix"));
        }
        BytesSource body("over unix");
        auto echoed = client.send("POST", "/echo", {}, &body, -1);
        QVERIFY(echoed);
        QCOMPARE(echoed->body, QByteArray("over unix"));
    }

    void tls()
    {
        TestCertificate cert;
        QVERIFY2(cert.ok, "openssl req failed");
        Server tlsServer(makeRouter(), Limits{}, 1);
        Endpoint endpoint;
        endpoint.tls = cert.serverConfig();
        QVERIFY(tlsServer.listen(endpoint));
        Client client(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(tlsServer.tcpPort())), cert.clientConfig());
        auto hello = client.send("GET", "/hello");
        QVERIFY2(hello, qPrintable(hello ? QString() : hello.error().message));
        QCOMPARE(hello->body, QByteArray("hello"));
        // A body bigger than the socket buffers, both ways, over TLS.
        SinkStats received;
        CountingSink sink(&received);
        auto big = client.send("GET", "/stream/" + QByteArray::number(6 << 20), {}, nullptr, 0, &sink);
        QVERIFY2(big, qPrintable(big ? QString() : big.error().message));
        QCOMPARE(received.bytes.load(), 6 << 20);
        QVERIFY(received.patternOk);
        stats.bytes = 0;
        PatternSource source(6 << 20);
        auto upload = client.send("PUT", "/upload", {}, &source, 6 << 20);
        QVERIFY(upload);
        QCOMPARE(upload->body.toLongLong(), 6 << 20);

        Client untrusting(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(tlsServer.tcpPort())));
        auto refused = untrusting.send("GET", "/hello");
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, Code::Unavailable);
    }

    void connectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 closedPort = probe.serverPort();
        probe.close();
        Client client(local(closedPort), {}, 2s);
        auto response = client.send("GET", "/");
        QVERIFY(!response);
        QCOMPARE(response.error().code, Code::Unavailable);
        QVERIFY(response.error().message.contains(QStringLiteral("127.0.0.1")));
    }
};

QTEST_GUILESS_MAIN(TestClient)
#include "tst_client.moc"
