#include "routes.h"

#include "tests/unit/http/client.h"

#include <QFileInfo>
#include <QTcpSocket>
#include <QTimer>

namespace test {

Shared *shared = nullptr;

static void recordDone(const Result<> &result)
{
    shared->doneCode = result ? 100 : int(result.error().code);
    ++shared->doneCalls;
}

QByteArray get(QByteArrayView target, QByteArrayView extra)
{
    return "GET " + target.toByteArray() + " HTTP/1.1\r\nHost: test\r\n" + extra.toByteArray() + "\r\n";
}

// A body produced over time, like a followed log: three pieces, 50 ms apart.
class LiveSource final : public BodySource {
public:
    Result<QByteArray> read(qint64) override
    {
        if (!timer_) {
            timer_ = std::make_unique<QTimer>();
            QObject::connect(timer_.get(), &QTimer::timeout, [this] {
                ready_ += "piece" + QByteArray::number(++made_) + '\n';
                if (made_ == 3)
                    timer_->stop();
                wake();
            });
            timer_->start(50);
        }
        return std::exchange(ready_, {});
    }
    bool ended() const override { return made_ == 3 && ready_.isEmpty(); }

private:
    std::unique_ptr<QTimer> timer_;
    QByteArray ready_;
    int made_ = 0;
};

Router makeRouter()
{
    Router router;
    router.add("GET", QStringLiteral("/live"), [](Exchange &ex) {
        Response response;
        response.stream = std::make_unique<LiveSource>();
        ex.respond(std::move(response));
    });
    router.add("GET", QStringLiteral("/hello"),
        [](Exchange &ex) { ex.respond(Response::text(200, QByteArrayLiteral("hello"))); });
    router.add("GET", QStringLiteral("/echo/{rest...}"), [](Exchange &ex) {
        const Request &r = ex.request();
        const QString text = r.path + u'|' + r.param(QStringLiteral("rest")) + u'|'
            + r.query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded) + u'|' + r.peer;
        ex.respond(Response::text(200, text.toUtf8()));
    });
    router.add("GET", QStringLiteral("/delay/{ms}"), [](Exchange &ex) {
        const int ms = ex.request().param(QStringLiteral("ms")).toInt();
        QTimer::singleShot(ms, [&ex, ms] { ex.respond(Response::text(200, QByteArray::number(ms))); });
    });
    router.add("POST", QStringLiteral("/upload"), [](Exchange &ex) {
        ex.receiveBody(std::make_unique<CountingSink>(&shared->upload), [&ex](Result<> result) {
            recordDone(result);
            ex.respond(Response::json(result ? 201 : 400, QByteArray::number(shared->upload.bytes.load())));
        });
    });
    router.add("POST", QStringLiteral("/echo"), [](Exchange &ex) {
        auto sink = std::make_unique<BufferSink>(1 << 20);
        BufferSink *buffer = sink.get();
        ex.receiveBody(std::move(sink), [&ex, buffer](Result<> result) {
            if (!result) {
                ex.respond(Response::text(413, result.error().message.toUtf8()));
                return;
            }
            Response response;
            response.headers.add("X-Chunked", ex.request().chunked ? "1" : "0");
            if (ex.request().headers.value("X-Stream") == "chunked") {
                response.stream = std::make_unique<BytesSource>(buffer->take());
                response.streamLength = -1;
            } else {
                response.body = buffer->take();
            }
            ex.respond(std::move(response));
        });
    });
    router.add("POST", QStringLiteral("/reject"),
        [](Exchange &ex) { ex.respond(Response::text(401, QByteArrayLiteral("no"))); });
    router.add("POST", QStringLiteral("/hold"), [](Exchange &ex) {
        ex.receiveBody(std::make_unique<CountingSink>(&shared->upload), [&ex](Result<> result) {
            recordDone(result);
            ex.respond(Response::text(200, QByteArrayLiteral("late")));
            shared->respondedAfterCancel = !ex.connected();
        });
    });
    router.add("GET", QStringLiteral("/stream/{n}"), [](Exchange &ex) {
        Response response;
        const qint64 n = ex.request().param(QStringLiteral("n")).toLongLong();
        response.stream = std::make_unique<PatternSource>(n, &shared->produced);
        response.streamLength = ex.request().query.hasQueryItem(QStringLiteral("length")) ? n : -1;
        ex.respond(std::move(response));
    });
    router.add("GET", QStringLiteral("/file"), [](Exchange &ex) {
        const qint64 size = QFileInfo(shared->filePath).size();
        auto range = parseRange(ex.request().headers.value("Range"), size);
        if (!range) {
            ex.respond(Response::text(416, range.error().message.toUtf8()));
            return;
        }
        const qint64 first = *range ? (*range)->first : 0;
        const qint64 length = *range ? (*range)->second - first + 1 : size;
        auto file = FileSource::open(shared->filePath, first, length);
        if (!file) {
            ex.respond(Response::text(500, file.error().message.toUtf8()));
            return;
        }
        Response response;
        response.status = *range ? 206 : 200;
        response.stream = std::move(*file);
        response.streamLength = length;
        ex.respond(std::move(response));
    });
    router.add("GET", QStringLiteral("/upgrade"), [](Exchange &ex) {
        Response response;
        response.status = 101;
        response.headers.add("Connection", "Upgrade");
        response.headers.add("Upgrade", "tcp");
        ex.upgrade(std::move(response), [](QIODevice *socket, QByteArray pending) {
            socket->write("pending:" + pending + "\n");
            QObject::connect(socket, &QIODevice::readyRead, socket, [socket] { socket->write(socket->readAll()); });
            QObject::connect(
                qobject_cast<QAbstractSocket *>(socket), &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        });
    });
    // Docker's "exec start": a JSON body, then the hijack.
    router.add("POST", QStringLiteral("/exec"), [](Exchange &ex) {
        auto sink = std::make_unique<BufferSink>(4096);
        BufferSink *buffer = sink.get();
        ex.receiveBody(std::move(sink), [&ex, buffer](Result<>) {
            Response response;
            response.status = 101;
            response.headers.add("Connection", "Upgrade");
            response.headers.add("Upgrade", "tcp");
            const QByteArray body = buffer->take();
            ex.upgrade(std::move(response), [body](QIODevice *socket, QByteArray pending) {
                socket->write("body:" + body + " pending:" + pending + "\n");
                socket->setParent(nullptr);
                QObject::connect(qobject_cast<QAbstractSocket *>(socket), &QAbstractSocket::disconnected, socket,
                    &QObject::deleteLater);
            });
        });
    });
    return router;
}

} // namespace test
