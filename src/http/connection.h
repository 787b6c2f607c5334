#pragma once
// Private to src/http: one server-side connection and its exchanges.
//
// A Connection lives on one worker thread. Everything that happens to it is
// driven by run(), entered only from the event loop (socket signals, the
// worker's timeout sweep, a posted wake-up), never from inside a handler: the
// Exchange methods a handler calls only record what it asked for and post a
// wake-up. run() then moves two small state machines forward: the request
// side (In) and the response side (Out). The parser is paused whenever the
// request side waits for someone else (the handler, or the response of the
// previous request), which is what keeps pipelined responses in order and the
// input bounded.

#include "http/exchange.h"
#include "http/server.h"

#include <QObject>

#include <http_parser.h>

#include <chrono>
#include <memory>
#include <optional>

class QAbstractSocket;
class QLocalSocket;
class QSslSocket;

namespace muelle::http {

class Worker;
class Connection;

using Clock = std::chrono::steady_clock;

// What a listener shares with every connection it accepted.
struct ListenerConfig {
    Handler handler;
    Server::AccessLog accessLog;
    Limits limits;
    Endpoint::Kind kind = Endpoint::Kind::Tcp;
    std::optional<QSslConfiguration> tls;
};

class ExchangeImpl final : public Exchange {
public:
    explicit ExchangeImpl(Connection *connection) : connection_(connection) { }
    Request &request() override { return request_; }
    void receiveBody(std::unique_ptr<BodySink> sink, std::function<void(Result<>)> done) override;
    void respond(Response response) override;
    void upgrade(Response response, std::function<void(QIODevice *, QByteArray)> take) override;
    bool connected() const override;

    Request request_;

private:
    Connection *connection_;
};

class Connection final : public QObject {
public:
    // Takes ownership of `socket`, already connected (TLS handshake may be under way).
    Connection(QIODevice *socket, std::shared_ptr<const ListenerConfig> config, Worker *worker);
    ~Connection() override;

    // Called by the worker's sweep timer.
    void checkTimeouts(Clock::time_point now);
    // Server shutdown: aborts the socket and cancels a body being received.
    void shutdown();

private:
    friend class ExchangeImpl;
    static constexpr qsizetype kInputBuffer = 32 * 1024;
    enum class In { Idle, Headers, Dispatch, AwaitBody, Body, Done };
    enum class Out { None, Writing, Done };
    enum class Life { Open, Closing, Lingering, Dead };

    // Entry points.
    void kick();
    void post();
    void run();
    void step();

    // Request side.
    void parseInput();
    void parseError(http_errno error);
    void dispatch();
    void decideBody();
    void deliverDone();
    void cancelBody(const QString &why);
    void finishExchange();

    // Response side.
    void startResponse(Response response);
    void pump();
    bool pumpFile();
    void writeRaw(int status);
    qint64 pendingOutput() const;
    void flushOutput();

    // Lifecycle.
    void beginClose();
    void die();
    void abortConnection(const QString &why);
    void onDisconnected();
    void onBytesWritten();
    void handOver();
    bool exchangeHeld() const;
    void reapIfDone();
    void cleanupDead();
    void resetExchange();
    void discardInput();

    // http_parser callbacks.
    static const http_parser_settings &settings();
    static int onMessageBegin(http_parser *parser);
    static int onUrl(http_parser *parser, const char *at, size_t length);
    static int onHeaderField(http_parser *parser, const char *at, size_t length);
    static int onHeaderValue(http_parser *parser, const char *at, size_t length);
    static int onHeadersComplete(http_parser *parser);
    static int onBody(http_parser *parser, const char *at, size_t length);
    static int onMessageComplete(http_parser *parser);
    bool countHeaderBytes(size_t length);
    bool commitHeader();
    bool fillRequest();

    QIODevice *socket_;
    QAbstractSocket *tcp_ = nullptr; // also set for TLS
    QSslSocket *ssl_ = nullptr;
    QLocalSocket *local_ = nullptr;
    std::shared_ptr<const ListenerConfig> config_;
    Worker *worker_;
    QString peer_;

    http_parser parser_{};
    std::unique_ptr<char[]> input_;
    qsizetype inputLength_ = 0;
    qsizetype inputPos_ = 0;

    In in_ = In::Idle;
    Out out_ = Out::None;
    Life life_ = Life::Open;
    bool running_ = false;
    bool rerun_ = false;
    bool posted_ = false;
    bool reaping_ = false;
    int requests_ = 0;

    // The current exchange.
    std::unique_ptr<ExchangeImpl> exchange_;
    QByteArray field_;
    QByteArray value_;
    bool inValue_ = false;
    qint64 headerBytes_ = 0;
    int headerCount_ = 0;
    bool headersTooLarge_ = false;
    bool keepAlive_ = true;
    bool http10_ = false;
    bool head_ = false;
    bool expectContinue_ = false;
    bool continueSent_ = false;
    bool closeAfter_ = false;
    bool dispatched_ = false;
    bool responded_ = false;
    bool cancelDelivered_ = false;
    bool cleaned_ = false;
    bool sinkRegistered_ = false;
    std::unique_ptr<BodySink> sink_;
    std::function<void(Result<>)> done_;
    std::optional<Error> bodyError_;
    bool doneReady_ = false;
    std::optional<Response> response_;
    std::function<void(QIODevice *, QByteArray)> take_;

    // The response being written.
    std::unique_ptr<BodySource> source_;
    FileSource *fileSource_ = nullptr;
    qint64 remaining_ = -1; // bytes of a Content-Length body still to send
    bool chunked_ = false;
    bool sourceWaiting_ = false;

    // Timestamps for the timeouts.
    Clock::time_point since_; // connection start, or end of the last exchange
    Clock::time_point headerStart_;
    Clock::time_point lastInput_;
    Clock::time_point lastOutput_;
    Clock::time_point lingerUntil_;
    QString deathReason_; // given to a body sink cancelled by the connection's end
};

} // namespace muelle::http
