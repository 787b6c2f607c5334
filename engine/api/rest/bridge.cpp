#include "engine/api/rest/bridge.h"

#include "engine/api/rest/errors.h"
#include "engine/api/rest/json.h"

namespace muelle::engine::rest {

void answerOnEngine(http::Exchange &exchange, QObject *engine, std::function<http::Response()> work)
{
    auto *replyContext = new QObject; // on the connection's thread
    QMetaObject::invokeMethod(engine, [&exchange, replyContext, work = std::move(work)] {
        auto response = std::make_shared<http::Response>(work());
        QMetaObject::invokeMethod(replyContext, [&exchange, replyContext, response] {
            exchange.respond(std::move(*response));
            delete replyContext;
        });
    });
}

void answerOnEngineLater(http::Exchange &exchange, QObject *engine, std::function<void(Reply reply)> work)
{
    auto *replyContext = new QObject; // on the connection's thread
    QMetaObject::invokeMethod(engine, [&exchange, replyContext, work = std::move(work)] {
        auto replied = std::make_shared<bool>(false);
        work([&exchange, replyContext, replied](http::Response response) {
            if (std::exchange(*replied, true))
                return;
            auto shared = std::make_shared<http::Response>(std::move(response));
            QMetaObject::invokeMethod(replyContext, [&exchange, replyContext, shared] {
                exchange.respond(std::move(*shared));
                delete replyContext;
            });
        });
    });
}

// Lives on the connection's thread; the engine reaches it by queued calls.
class Stream::Relay : public QObject {
public:
    Relay(http::Exchange &exchange, QByteArray contentType)
        : exchange(exchange), contentType(std::move(contentType)) { }
    http::Exchange &exchange;
    QByteArray contentType;
    Source *source = nullptr;
};

class Stream::Source final : public http::BodySource {
public:
    explicit Source(std::shared_ptr<Stream> stream) : stream_(std::move(stream)) { }
    ~Source() override
    {
        std::function<void()> handler;
        QPointer<QObject> engine;
        Relay *relay = nullptr;
        {
            QMutexLocker lock(&stream_->mutex_);
            stream_->gone_ = true;
            relay = stream_->relay_;
            stream_->relay_ = nullptr;
            handler = std::move(stream_->goneHandler_);
            engine = stream_->engine_;
        }
        delete relay;
        if (handler && engine)
            QMetaObject::invokeMethod(engine, handler);
    }
    Result<QByteArray> read(qint64 maxBytes) override
    {
        QMutexLocker lock(&stream_->mutex_);
        QByteArray chunk = stream_->pending_.left(maxBytes);
        stream_->pending_.remove(0, chunk.size());
        return chunk;
    }
    bool ended() const override
    {
        QMutexLocker lock(&stream_->mutex_);
        return stream_->ended_ && stream_->pending_.isEmpty();
    }
    void wakeUp() { wake(); }

private:
    std::shared_ptr<Stream> stream_;
};

std::shared_ptr<Stream> Stream::open(http::Exchange &exchange, QObject *engine, QByteArray contentType)
{
    std::shared_ptr<Stream> stream(new Stream);
    stream->relay_ = new Relay(exchange, std::move(contentType));
    stream->engine_ = engine;
    return stream;
}

Stream::~Stream()
{
    QMutexLocker lock(&mutex_);
    if (relay_)
        relay_->deleteLater();
}

void Stream::post(std::function<void(Relay &)> call)
{
    // Under the mutex: the relay cannot be deleted between the check and the post.
    if (relay_) {
        QPointer<Relay> relay = relay_;
        QMetaObject::invokeMethod(relay_, [relay, call = std::move(call)] {
            if (relay)
                call(*relay);
        });
    }
}

void Stream::write(QByteArray bytes)
{
    QMutexLocker lock(&mutex_);
    if (gone_ || ended_)
        return;
    pending_.append(bytes);
    if (started_)
        return post([](Relay &relay) {
            if (relay.source)
                relay.source->wakeUp();
        });
    started_ = true;
    // The first write sends the status line, then the body follows.
    post([self = shared_from_this()](Relay &relay) {
        http::Response response;
        response.status = 200;
        response.headers.set("Content-Type", relay.contentType);
        addEngineHeaders(response);
        auto source = std::make_unique<Source>(self);
        relay.source = source.get();
        response.stream = std::move(source);
        relay.exchange.respond(std::move(response));
    });
}

void Stream::finish(const Result<> &result)
{
    QMutexLocker lock(&mutex_);
    if (ended_)
        return;
    ended_ = true;
    if (!started_ && !result) {
        const http::Response error = errorResponse(result.error());
        return post([status = error.status, body = error.body](Relay &relay) {
            http::Response response = http::Response::json(status, body);
            addEngineHeaders(response);
            relay.exchange.respond(std::move(response));
            relay.deleteLater();
        });
    }
    if (!started_)
        started_ = true;
    post([](Relay &relay) {
        if (relay.source)
            relay.source->wakeUp();
    });
}

void Stream::onGone(std::function<void()> handler)
{
    QMutexLocker lock(&mutex_);
    if (gone_) {
        // The client left before anyone listened: run it now (we are on
        // the engine's thread), or it would never run.
        lock.unlock();
        return handler();
    }
    goneHandler_ = std::move(handler);
}

bool Stream::started() const
{
    QMutexLocker lock(&mutex_);
    return started_;
}

bool Stream::gone() const
{
    QMutexLocker lock(&mutex_);
    return gone_;
}

} // namespace muelle::engine::rest
