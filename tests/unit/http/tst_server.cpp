// The HTTP server end to end over real sockets on 127.0.0.1 and a unix
// socket: framing, keep-alive, pipelining, streaming bodies both ways,
// limits and timeouts, upgrade, the router.

#include "routes.h"

#include "http/server.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocalSocket>

#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace test;
using namespace std::chrono_literals;

namespace {

qint64 rssBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return 0;
}

} // namespace

class TestServer : public QObject {
    Q_OBJECT

private:
    Shared state;
    std::unique_ptr<Server> server;
    quint16 port = 0;

    std::unique_ptr<Server> startServer(Limits limits, quint16 *boundPort)
    {
        auto s = std::make_unique<Server>(makeRouter(), limits, 2);
        auto listening = s->listen(Endpoint{});
        if (!listening)
            qWarning() << listening.error().message;
        *boundPort = s->tcpPort();
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        shared = &state;
        state.filePath = state.dir.filePath(QStringLiteral("data.bin"));
        QFile file(state.filePath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray block(1 << 20, Qt::Uninitialized);
        for (int i = 0; i < 12; ++i) { // 12 MiB: more than the socket buffers, so sendfile meets EAGAIN
            for (qsizetype j = 0; j < block.size(); ++j)
                block[j] = PatternSource::pattern(qint64(i) * block.size() + j);
            file.write(block);
        }
        file.close();
        server = startServer(Limits{}, &port);
        QVERIFY(port != 0);
    }

    void cleanupTestCase()
    {
        server.reset();
        shared = nullptr;
    }

    void keepAliveServesSeveralRequests()
    {
        Raw raw(port);
        QVERIFY(raw.connected());
        for (int i = 0; i < 5; ++i) {
            raw.send(get("/hello"));
            auto reply = raw.read();
            QVERIFY(reply);
            QCOMPARE(reply->status, 200);
            QCOMPARE(reply->body, QByteArray("hello"));
            QCOMPARE(reply->headers.value("Content-Length"), QByteArray("5"));
            QCOMPARE(reply->headers.value("Content-Type"), QByteArray("text/plain; charset=utf-8"));
            QVERIFY(!reply->headers.contains("Connection"));
        }
        QCOMPARE(raw.socket().state(), QAbstractSocket::ConnectedState);
    }

    void pipelinedResponsesKeepRequestOrder()
    {
        Raw raw(port);
        // The first answers last (asynchronously), yet comes out first.
        raw.send(get("/delay/300") + get("/delay/10") + get("/hello") + get("/delay/0"));
        const QList<QByteArray> expected = { "300", "10", "hello", "0" };
        for (const QByteArray &body : expected) {
            auto reply = raw.read();
            QVERIFY(reply);
            QCOMPARE(reply->body, body);
        }
    }

    void percentDecodedPathAndQuery()
    {
        Raw raw(port);
        raw.send(get("/echo/a%20b/c%2Fd?q=x%26y+z&other=1"));
        auto reply = raw.read();
        QVERIFY(reply);
        const QList<QByteArray> parts = reply->body.split('|');
        QCOMPARE(parts.value(0), QByteArray("/echo/a b/c/d"));
        QCOMPARE(parts.value(1), QByteArray("a b/c/d"));
        QCOMPARE(parts.value(2), QByteArray("x&y+z"));
        QVERIFY(parts.value(3).startsWith("127.0.0.1:"));
    }

    void dotSegmentsAreRejected()
    {
        Raw raw(port);
        raw.send(get("/echo/a/%2e%2e/b"));
        auto reply = raw.read();
        QVERIFY(reply);
        QCOMPARE(reply->status, 400);
        QVERIFY(raw.waitClosed());
    }

    void chunkedRequestAndResponseBodies()
    {
        Raw raw(port);
        raw.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nX-Stream: chunked\r\n\r\n"
                 "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n");
        auto reply = raw.read();
        QVERIFY(reply);
        QCOMPARE(reply->status, 200);
        QVERIFY(reply->chunked);
        QCOMPARE(reply->headers.value("X-Chunked"), QByteArray("1"));
        QCOMPARE(reply->body, QByteArray("hello, world"));
        // The connection goes on after a chunked exchange.
        raw.send(get("/hello"));
        auto next = raw.read();
        QVERIFY(next);
        QCOMPARE(next->body, QByteArray("hello"));
    }

    void bodyTooLargeForBufferSink()
    {
        Raw raw(port);
        const QByteArray body((1 << 20) + 1, 'x');
        raw.send(
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        auto reply = raw.read();
        QVERIFY(reply);
        QCOMPARE(reply->status, 413);
        raw.send(get("/hello"));
        QVERIFY(raw.read());
    }

    void streamed64MiBUploadIsNeverBuffered()
    {
        state.upload.bytes = 0;
        state.upload.chunks = 0;
        state.upload.largestChunk = 0;
        state.upload.finished = false;
        const qint64 total = 64LL << 20;
        const qint64 rssBefore = rssBytes();
        Raw raw(port);
        raw.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: " + QByteArray::number(total) + "\r\n\r\n");
        PatternSource source(total);
        for (;;) {
            auto chunk = source.read(256 * 1024);
            QVERIFY(chunk);
            if (chunk->isEmpty())
                break;
            raw.send(*chunk);
        }
        auto reply = raw.read(false, 30000);
        QVERIFY(reply);
        QCOMPARE(reply->status, 201);
        QCOMPARE(reply->body.toLongLong(), total);
        QCOMPARE(state.upload.bytes.load(), total);
        QVERIFY(state.upload.patternOk);
        QVERIFY(state.upload.finished);
        QVERIFY2(state.upload.chunks > 1000, QByteArray::number(state.upload.chunks.load()));
        QVERIFY2(state.upload.largestChunk <= 64 * 1024, QByteArray::number(state.upload.largestChunk.load()));
#ifndef __SANITIZE_ADDRESS__ // ASan's quarantine keeps freed memory resident
        QVERIFY2(rssBytes() - rssBefore < 32LL << 20, QByteArray::number(rssBytes() - rssBefore));
#else
        Q_UNUSED(rssBefore);
#endif
    }

    void streamed64MiBDownloadFollowsTheReader()
    {
        state.produced = 0;
        const qint64 total = 64LL << 20;
        Raw raw(port);
        raw.socket().setReadBufferSize(64 * 1024);
        raw.send(get("/stream/" + QByteArray::number(total)));
        // The client reads nothing for a while: the server must stop pulling
        // once the socket buffers are full.
        QTest::qWait(300);
        const qint64 early = state.produced;
        QVERIFY2(early < 16LL << 20, QByteArray::number(early));
        raw.socket().setReadBufferSize(0);
        auto reply = raw.read(false, 60000);
        QVERIFY(reply);
        QVERIFY(reply->chunked);
        QCOMPARE(reply->body.size(), total);
        for (qint64 i = 0; i < total; i += 1000003)
            QCOMPARE(reply->body[i], PatternSource::pattern(i));
    }

    void liveBodyWaitsForItsSource()
    {
        Raw raw(port);
        QElapsedTimer timer;
        timer.start();
        raw.send(get("/live"));
        auto reply = raw.read();
        QVERIFY(reply);
        QVERIFY(reply->chunked);
        QCOMPARE(reply->body, QByteArray("piece1\npiece2\npiece3\n"));
        QVERIFY(timer.elapsed() >= 140);
        raw.send(get("/hello"));
        QVERIFY(raw.read());
    }

    void streamWithLength()
    {
        Raw raw(port);
        raw.send(get("/stream/100000?length"));
        auto reply = raw.read();
        QVERIFY(reply);
        QVERIFY(!reply->chunked);
        QCOMPARE(reply->headers.value("Content-Length"), QByteArray("100000"));
        QCOMPARE(reply->body.size(), 100000);
    }

    void fileWithRange()
    {
        const qint64 size = QFileInfo(state.filePath).size();
        Raw raw(port);
        raw.send(get("/file"));
        auto whole = raw.read(false, 30000);
        QVERIFY(whole);
        QCOMPARE(whole->status, 200);
        QCOMPARE(whole->body.size(), size);
        for (qint64 i = 0; i < size; i += 999983)
            QCOMPARE(whole->body[i], PatternSource::pattern(i));
        raw.send(get("/file", "Range: bytes=1000-1009\r\n"));
        auto part = raw.read();
        QVERIFY(part);
        QCOMPARE(part->status, 206);
        QCOMPARE(part->body, QByteArray("mnopqrstuv"));
        raw.send(get("/file", "Range: bytes=" + QByteArray::number(size) + "-\r\n"));
        auto beyond = raw.read();
        QVERIFY(beyond);
        QCOMPARE(beyond->status, 416);
    }

    void headSendsHeadersOnly()
    {
        Raw raw(port);
        raw.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n");
        auto reply = raw.read(true);
        QVERIFY(reply);
        QCOMPARE(reply->status, 200);
        QCOMPARE(reply->headers.value("Content-Length"), QByteArray("5"));
        raw.send("HEAD /stream/1000?length HTTP/1.1\r\nHost: t\r\n\r\n");
        auto stream = raw.read(true);
        QVERIFY(stream);
        QCOMPARE(stream->headers.value("Content-Length"), QByteArray("1000"));
        // No body bytes came: the next response starts right away.
        raw.send(get("/hello"));
        auto next = raw.read();
        QVERIFY(next);
        QCOMPARE(next->status, 200);
        QCOMPARE(next->body, QByteArray("hello"));
        QVERIFY(raw.buffer().isEmpty());
    }

    void expectContinue()
    {
        Raw raw(port);
        raw.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
        auto interim = raw.readUntil("\r\n\r\n");
        QVERIFY(interim);
        QCOMPARE(*interim, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        raw.send("data");
        auto reply = raw.read();
        QVERIFY(reply);
        QCOMPARE(reply->body, QByteArray("data"));
    }

    void expectContinueRejectedClosesAfterResponse()
    {
        Raw raw(port);
        raw.send("POST /reject HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
        auto reply = raw.read();
        QVERIFY(reply);
        QCOMPARE(reply->status, 401);
        QCOMPARE(reply->headers.value("Connection"), QByteArray("close"));
        QVERIFY(raw.waitClosed());
    }

    void earlyResponseDiscardsBodyAndKeepsConnection()
    {
        Raw raw(port);
        const QByteArray body(3 << 20, 'z');
        raw.send("POST /reject HTTP/1.1\r\nHost: t\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n");
        auto reply = raw.read();
        QVERIFY(reply);
        QCOMPARE(reply->status, 401);
        QVERIFY(!reply->headers.contains("Connection"));
        raw.send(body);
        raw.send("POST /reject HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        auto second = raw.read();
        QVERIFY(second);
        QCOMPARE(second->status, 401);
        raw.send(get("/hello"));
        auto next = raw.read();
        QVERIFY(next);
        QCOMPARE(next->body, QByteArray("hello"));
    }

    void clientDisconnectMidBodyCancels()
    {
        state.doneCalls = 0;
        state.doneCode = -1;
        state.respondedAfterCancel = false;
        state.upload.bytes = 0;
        {
            Raw raw(port);
            raw.send("POST /hold HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\n");
            raw.send(QByteArray(1000, 'a'));
            QTRY_VERIFY(state.upload.bytes >= 1000);
            raw.socket().abort();
        }
        QTRY_COMPARE(state.doneCalls.load(), 1);
        QCOMPARE(state.doneCode.load(), int(Code::Cancelled));
        QVERIFY(state.respondedAfterCancel);
    }

    void garbageGets400AndClose()
    {
        Raw raw(port);
        raw.send("HELLO THERE\r\n\r\n");
        auto reply = raw.read();
        QVERIFY(reply);
        QCOMPARE(reply->status, 400);
        QCOMPARE(reply->headers.value("Connection"), QByteArray("close"));
        QVERIFY(raw.waitClosed());

        Raw smuggler(port);
        smuggler.send(
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        auto rejected = smuggler.read();
        QVERIFY(rejected);
        QCOMPARE(rejected->status, 400);
    }

    void hugeHeadersGet431()
    {
        quint16 limitedPort = 0;
        Limits limits;
        limits.maxHeaderBytes = 8 * 1024;
        limits.maxHeaderCount = 20;
        auto limited = startServer(limits, &limitedPort);

        Raw big(limitedPort);
        big.send(get("/hello", "X-Big: " + QByteArray(10 * 1024, 'b') + "\r\n"));
        auto reply = big.read();
        QVERIFY(reply);
        QCOMPARE(reply->status, 431);
        QVERIFY(big.waitClosed());

        Raw many(limitedPort);
        QByteArray headers;
        for (int i = 0; i < 21; ++i)
            headers += "X-H" + QByteArray::number(i) + ": v\r\n";
        many.send(get("/hello", headers));
        auto manyReply = many.read();
        QVERIFY(manyReply);
        QCOMPARE(manyReply->status, 431);

        Raw fine(limitedPort);
        headers.clear();
        for (int i = 0; i < 19; ++i)
            headers += "X-H" + QByteArray::number(i) + ": v\r\n";
        fine.send(get("/hello", headers));
        auto fineReply = fine.read();
        QVERIFY(fineReply);
        QCOMPARE(fineReply->status, 200);
    }

    void slowHeadersGet408()
    {
        quint16 limitedPort = 0;
        Limits limits;
        limits.headerTimeout = 300ms;
        auto limited = startServer(limits, &limitedPort);
        Raw raw(limitedPort);
        QElapsedTimer timer;
        timer.start();
        raw.send("GET /hello HTTP/1.1\r\nHost: t\r\n");
        auto reply = raw.read(false, 5000);
        QVERIFY(reply);
        QCOMPARE(reply->status, 408);
        QVERIFY(timer.elapsed() >= 250);
        QVERIFY(raw.waitClosed());
    }

    void idleKeepAliveIsClosed()
    {
        quint16 limitedPort = 0;
        Limits limits;
        limits.idleTimeout = 300ms;
        auto limited = startServer(limits, &limitedPort);
        Raw raw(limitedPort);
        raw.send(get("/hello"));
        QVERIFY(raw.read());
        QElapsedTimer timer;
        timer.start();
        QVERIFY(raw.waitClosed(5000));
        QVERIFY(timer.elapsed() >= 250);
    }

    void stalledBodyIsCancelled()
    {
        quint16 limitedPort = 0;
        Limits limits;
        limits.bodyStallTimeout = 300ms;
        auto limited = startServer(limits, &limitedPort);
        state.doneCalls = 0;
        state.doneCode = -1;
        Raw raw(limitedPort);
        raw.send("POST /hold HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n0123456789");
        QVERIFY(raw.waitClosed(5000));
        QTRY_COMPARE(state.doneCalls.load(), 1);
        QCOMPARE(state.doneCode.load(), int(Code::Cancelled));
    }

    void http10ClosesUnlessKeepAlive()
    {
        Raw raw(port);
        raw.send("GET /hello HTTP/1.0\r\n\r\n");
        auto reply = raw.read();
        QVERIFY(reply);
        QCOMPARE(reply->headers.value("Connection"), QByteArray("close"));
        QVERIFY(raw.waitClosed());

        Raw kept(port);
        kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        auto first = kept.read();
        QVERIFY(first);
        QCOMPARE(first->headers.value("Connection"), QByteArray("keep-alive"));
        // A stream of unknown length is delimited by the close for HTTP/1.0.
        kept.send("GET /stream/1000 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        auto second = kept.read();
        QVERIFY(second);
        QVERIFY(!second->chunked);
        QCOMPARE(second->body.size(), 1000);
    }

    void connectionCloseRequested()
    {
        Raw raw(port);
        raw.send(get("/hello", "Connection: close\r\n"));
        auto reply = raw.read();
        QVERIFY(reply);
        QCOMPARE(reply->headers.value("Connection"), QByteArray("close"));
        QVERIFY(raw.waitClosed());
    }

    void upgradeHandsOverTheSocket()
    {
        Raw raw(port);
        raw.send(get("/upgrade", "Connection: Upgrade\r\nUpgrade: tcp\r\n") + "early");
        auto reply = raw.read(true);
        QVERIFY(reply);
        QCOMPARE(reply->status, 101);
        QCOMPARE(reply->headers.value("Upgrade"), QByteArray("tcp"));
        QVERIFY(!reply->headers.contains("Content-Length"));
        auto line = raw.readUntil("\n");
        QVERIFY(line);
        QCOMPARE(*line, QByteArray("pending:early\n"));
        raw.send("ping");
        auto echo = raw.readExact(4);
        QVERIFY(echo);
        QCOMPARE(*echo, QByteArray("ping"));
    }

    void upgradeAfterReadingABody()
    {
        Raw raw(port);
        raw.send("POST /exec HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                 "Content-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"Detach\":false}stdin");
        auto reply = raw.read(true);
        QVERIFY(reply);
        QCOMPARE(reply->status, 101);
        auto line = raw.readUntil("\n");
        QVERIFY(line);
        QCOMPARE(*line, QByteArray("body:{\"Detach\":false} pending:stdin\n"));
    }

    void unixSocketWithModeAndStaleFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("api.sock"));
        { // a stale socket file: bound, never unlinked
            const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
            sockaddr_un address{};
            address.sun_family = AF_UNIX;
            const QByteArray native = QFile::encodeName(path);
            std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
            QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
            ::close(fd);
        }
        Server unixServer(makeRouter(), Limits{}, 1);
        Endpoint endpoint;
        endpoint.kind = Endpoint::Kind::Unix;
        endpoint.unixPath = path;
        endpoint.unixMode = 0600;
        endpoint.unixGroup = QStringLiteral("no-such-group-here");
        auto listening = unixServer.listen(endpoint);
        QVERIFY2(listening, qPrintable(listening ? QString() : listening.error().message));
        struct stat st { };
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QVERIFY(S_ISSOCK(st.st_mode));
        QCOMPARE(int(st.st_mode & 07777), 0600);

        // A second server on a live socket is refused.
        Server second(makeRouter(), Limits{}, 1);
        auto refused = second.listen(endpoint);
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(QStringLiteral("address in use")));

        QLocalSocket socket;
        socket.connectToServer(path);
        QVERIFY(socket.waitForConnected(5000));
        socket.write(get("/echo/x"));
        QByteArray received;
        while (!received.contains("|unix") && socket.waitForReadyRead(5000))
            received += socket.readAll();
        QVERIFY2(received.startsWith("HTTP/1.1 200 OK\r\n"), received.constData());
        QVERIFY(received.endsWith("/echo/x|x||unix"));
        unixServer.close();
        QVERIFY(!QFile::exists(path));
    }

    void unixSocketGroup()
    {
        const group *daemonGroup = ::getgrnam("daemon");
        if (::geteuid() != 0 || !daemonGroup)
            QSKIP("needs root and a group named daemon");
        const gid_t gid = daemonGroup->gr_gid;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("grp.sock"));
        Server unixServer(makeRouter(), Limits{}, 1);
        Endpoint endpoint;
        endpoint.kind = Endpoint::Kind::Unix;
        endpoint.unixPath = path;
        endpoint.unixMode = 0660;
        endpoint.unixGroup = QStringLiteral("daemon");
        QVERIFY(unixServer.listen(endpoint));
        struct stat st { };
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 07777), 0660);
        QCOMPARE(st.st_gid, gid);
    }

    void listenFailureNamesTheAddress()
    {
        Server other(makeRouter(), Limits{}, 1);
        Endpoint endpoint;
        endpoint.port = port;
        auto result = other.listen(endpoint);
        QVERIFY(!result);
        QCOMPARE(result.error().message, QStringLiteral("listen on 127.0.0.1:%1: address in use").arg(port));
    }

    void tlsServesHttps()
    {
        TestCertificate cert;
        QVERIFY2(cert.ok, "openssl req failed");
        Server tlsServer(makeRouter(), Limits{}, 1);
        Endpoint endpoint;
        endpoint.tls = cert.serverConfig();
        auto listening = tlsServer.listen(endpoint);
        QVERIFY2(listening, qPrintable(listening ? QString() : listening.error().message));

        QSslSocket socket;
        socket.setSslConfiguration(cert.clientConfig());
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), tlsServer.tcpPort());
        QVERIFY2(socket.waitForEncrypted(10000), qPrintable(socket.errorString()));
        for (int i = 0; i < 3; ++i) {
            socket.write(get("/hello"));
            QByteArray received;
            while (!received.endsWith("hello") && socket.waitForReadyRead(5000))
                received += socket.readAll();
            QVERIFY2(received.startsWith("HTTP/1.1 200 OK\r\n"), received.constData());
            QVERIFY(received.endsWith("\r\n\r\nhello"));
        }
    }
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
