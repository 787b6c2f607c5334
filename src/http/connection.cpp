#include "http/connection.h"

#include "http/log.h"
#include "http/worker.h"

#include <QLocalSocket>
#include <QSslSocket>
#include <QTcpSocket>

#include <array>
#include <sys/socket.h>

namespace muelle::http {

namespace {

// Qt's own read buffer: bounds what is read ahead while the parser is paused.
constexpr qint64 kReadBufferSize = 256 * 1024;
// How long a closing TCP connection keeps draining input after its last
// response, so that unread request bytes do not turn the close into a reset
// that destroys the response on the client's side.
constexpr std::chrono::milliseconds kLinger{ 2000 };
// Rounds of run() before yielding to the event loop (other connections).
constexpr int kMaxRounds = 64;

const QByteArray &methodName(unsigned method)
{
    static const auto names = [] {
        std::array<QByteArray, 64> table;
        for (unsigned i = 0; i < table.size(); ++i)
            table[i] = QByteArray(http_method_str(static_cast<http_method>(i)));
        return table;
    }();
    return names[method % names.size()];
}

bool hasDotSegment(QByteArrayView path)
{
    while (!path.isEmpty()) {
        const qsizetype slash = path.indexOf('/');
        const QByteArrayView segment = slash < 0 ? path : path.first(slash);
        if (segment == "." || segment == "..")
            return true;
        if (slash < 0)
            break;
        path = path.sliced(slash + 1);
    }
    return false;
}

Connection *self(http_parser *parser)
{
    return static_cast<Connection *>(parser->data);
}

} // namespace

// ---- Exchange --------------------------------------------------------------

void ExchangeImpl::receiveBody(std::unique_ptr<BodySink> sink, std::function<void(Result<>)> done)
{
    Connection *c = connection_;
    if (c->sinkRegistered_) {
        qCWarning(lcHttp) << "receiveBody called twice for" << request_.method << request_.target;
        return;
    }
    c->sinkRegistered_ = true;
    c->sink_ = std::move(sink);
    c->done_ = std::move(done);
    if (c->life_ != Connection::Life::Dead && c->in_ != Connection::In::Dispatch
        && c->in_ != Connection::In::AwaitBody) {
        c->bodyError_ = Error{ Code::FailedPrecondition, QStringLiteral("the request body was already discarded") };
        c->doneReady_ = true;
    }
    c->post();
}

void ExchangeImpl::respond(Response response)
{
    Connection *c = connection_;
    if (c->responded_)
        return;
    c->responded_ = true;
    if (c->life_ != Connection::Life::Dead)
        c->response_ = std::move(response);
    c->post();
}

void ExchangeImpl::upgrade(Response response, std::function<void(QIODevice *, QByteArray)> take)
{
    Connection *c = connection_;
    if (c->responded_)
        return;
    c->take_ = std::move(take);
    respond(std::move(response));
}

bool ExchangeImpl::connected() const
{
    return connection_->life_ != Connection::Life::Dead;
}

// ---- Connection: setup -----------------------------------------------------

Connection::Connection(QIODevice *socket, std::shared_ptr<const ListenerConfig> config, Worker *worker)
    : socket_(socket), config_(std::move(config)), worker_(worker), input_(new char[kInputBuffer])
{
    socket_->setParent(this);
    tcp_ = qobject_cast<QAbstractSocket *>(socket_);
    ssl_ = qobject_cast<QSslSocket *>(socket_);
    local_ = qobject_cast<QLocalSocket *>(socket_);
    http_parser_init(&parser_, HTTP_REQUEST);
    parser_.data = this;
    since_ = lastInput_ = lastOutput_ = Clock::now();

    connect(socket_, &QIODevice::readyRead, this, &Connection::kick);
    connect(socket_, &QIODevice::bytesWritten, this, &Connection::onBytesWritten);
    if (tcp_) {
        tcp_->setReadBufferSize(kReadBufferSize);
        tcp_->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        const QHostAddress address = tcp_->peerAddress();
        const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
            ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
            : address.toString();
        peer_ = host + QLatin1Char(':') + QString::number(tcp_->peerPort());
        connect(tcp_, &QAbstractSocket::disconnected, this, &Connection::onDisconnected);
        connect(tcp_, &QAbstractSocket::errorOccurred, this, [this] {
            if (tcp_ && tcp_->state() != QAbstractSocket::ConnectedState && life_ != Life::Closing)
                onDisconnected();
        });
    }
    if (ssl_) {
        connect(ssl_, &QSslSocket::encryptedBytesWritten, this, &Connection::onBytesWritten);
        connect(ssl_, &QSslSocket::sslErrors, this,
            [this](const QList<QSslError> &errors) { qCDebug(lcHttp) << peer_ << "TLS errors" << errors; });
    }
    if (local_) {
        local_->setReadBufferSize(kReadBufferSize);
        peer_ = QStringLiteral("unix");
        connect(local_, &QLocalSocket::disconnected, this, &Connection::onDisconnected);
    }
}

Connection::~Connection()
{
    worker_->forget(this);
}

void Connection::resetExchange()
{
    exchange_.reset();
    field_.clear();
    value_.clear();
    inValue_ = false;
    headerBytes_ = 0;
    headerCount_ = 0;
    headersTooLarge_ = false;
    head_ = false;
    expectContinue_ = false;
    continueSent_ = false;
    closeAfter_ = false;
    dispatched_ = false;
    responded_ = false;
    cancelDelivered_ = false;
    sinkRegistered_ = false;
    sink_.reset();
    done_ = nullptr;
    bodyError_.reset();
    doneReady_ = false;
    response_.reset();
    take_ = nullptr;
    source_.reset();
    fileSource_ = nullptr;
    remaining_ = -1;
    chunked_ = false;
    sourceWaiting_ = false;
}

// ---- Connection: the driver ------------------------------------------------

void Connection::kick()
{
    if (running_) {
        rerun_ = true;
        return;
    }
    run();
}

void Connection::post()
{
    if (running_) {
        rerun_ = true;
        return;
    }
    if (posted_)
        return;
    posted_ = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            posted_ = false;
            run();
        },
        Qt::QueuedConnection);
}

void Connection::run()
{
    if (running_) {
        rerun_ = true;
        return;
    }
    running_ = true;
    int rounds = 0;
    do {
        rerun_ = false;
        step();
        if (!rerun_ && socket_ && life_ != Life::Dead && pendingOutput() > 0) {
            flushOutput();
            // A flush made inside a bytesWritten() slot emits no bytesWritten()
            // of its own: when it drained everything, nothing would wake us.
            if (pendingOutput() == 0 && ((out_ == Out::Writing && !sourceWaiting_) || life_ == Life::Closing))
                rerun_ = true;
        }
        if (rerun_ && ++rounds >= kMaxRounds) {
            rerun_ = false;
            running_ = false;
            post(); // let the other connections of this thread have a turn
            return;
        }
    } while (rerun_);
    running_ = false;
    if (life_ == Life::Dead)
        reapIfDone();
}

void Connection::step()
{
    if (life_ == Life::Dead) {
        cleanupDead();
        return;
    }
    if (life_ == Life::Lingering) {
        discardInput();
        return;
    }
    if (doneReady_)
        deliverDone();
    if (in_ == In::Dispatch && life_ == Life::Open)
        dispatch();
    if (life_ == Life::Open)
        decideBody();
    if (response_ && out_ == Out::None && life_ == Life::Open) {
        Response response = std::move(*response_);
        response_.reset();
        startResponse(std::move(response));
    }
    if (out_ == Out::Writing && life_ == Life::Open)
        pump();
    if (out_ == Out::Done && life_ == Life::Open) {
        if (in_ == In::Done)
            finishExchange();
        else if (closeAfter_ && !sinkRegistered_)
            beginClose(); // the rest of the request is not wanted; lingering drains it
    }
    if (life_ == Life::Open && (in_ == In::Idle || in_ == In::Headers || in_ == In::Body))
        parseInput();
    if (life_ == Life::Closing && tcp_ && !ssl_ && pendingOutput() == 0) {
        // Half-close, then drain until the client closes or the linger ends.
        ::shutdown(int(tcp_->socketDescriptor()), SHUT_WR);
        life_ = Life::Lingering;
        lingerUntil_ = Clock::now() + kLinger;
        discardInput();
    }
}

// ---- Request side ----------------------------------------------------------

void Connection::parseInput()
{
    while (life_ == Life::Open && (in_ == In::Idle || in_ == In::Headers || in_ == In::Body)) {
        if (inputPos_ == inputLength_) {
            inputPos_ = inputLength_ = 0;
            // Reading even when nothing is buffered lets Qt re-arm its read
            // notifier after its buffer was full.
            const qint64 n = socket_->read(input_.get(), kInputBuffer);
            if (n <= 0)
                break;
            inputLength_ = n;
            lastInput_ = Clock::now();
        }
        const size_t consumed
            = http_parser_execute(&parser_, &settings(), input_.get() + inputPos_, size_t(inputLength_ - inputPos_));
        inputPos_ += qsizetype(consumed);
        const auto error = HTTP_PARSER_ERRNO(&parser_);
        if (error == HPE_PAUSED) {
            rerun_ = true;
            continue; // a callback changed in_; the loop condition decides
        }
        if (error != HPE_OK) {
            parseError(error);
            break;
        }
    }
}

void Connection::parseError(http_errno error)
{
    if (in_ == In::Body) {
        qCDebug(lcHttp) << peer_ << "bad request body:" << http_errno_description(error);
        bodyError_ = Error{ Code::InvalidArgument,
            QStringLiteral("bad request body: %1").arg(QLatin1String(http_errno_description(error))) };
        doneReady_ = sinkRegistered_;
        closeAfter_ = true;
        in_ = In::Done;
        rerun_ = true;
        return;
    }
    int status = 400;
    if (headersTooLarge_ || error == HPE_HEADER_OVERFLOW)
        status = 431;
    qCDebug(lcHttp) << peer_ << "bad request:" << status << http_errno_description(error);
    exchange_.reset();
    writeRaw(status);
    beginClose();
}

void Connection::dispatch()
{
    in_ = In::AwaitBody;
    dispatched_ = true;
    try {
        config_->handler(*exchange_);
    } catch (const std::exception &e) {
        qCWarning(lcHttp) << "handler for" << exchange_->request_.method << exchange_->request_.target
                          << "threw:" << e.what();
        if (!responded_)
            exchange_->respond(Response::text(500, QByteArrayLiteral("internal error\n")));
    }
}

void Connection::decideBody()
{
    if (in_ != In::AwaitBody)
        return;
    const bool hasBody = exchange_->request_.hasBody();
    if (sinkRegistered_) {
        if (hasBody && expectContinue_ && !continueSent_ && !responded_) {
            socket_->write("HTTP/1.1 100 Continue\r\n\r\n");
            continueSent_ = true;
        }
    } else if (!responded_ && hasBody) {
        return; // the handler has not decided yet
    } else if (hasBody && expectContinue_ && !continueSent_) {
        // The client may or may not send the body it announced: close after
        // the response instead of guessing.
        closeAfter_ = true;
        in_ = In::Done;
        rerun_ = true;
        return;
    }
    in_ = In::Body;
    lastInput_ = Clock::now();
    http_parser_pause(&parser_, 0);
    rerun_ = true;
}

void Connection::deliverDone()
{
    doneReady_ = false;
    if (!done_)
        return;
    Result<> result;
    if (bodyError_)
        result = fail(*bodyError_);
    else if (sink_)
        result = sink_->finish();
    auto done = std::move(done_);
    done_ = nullptr;
    done(std::move(result));
    sink_.reset();
}

void Connection::cancelBody(const QString &why)
{
    if (!done_)
        return;
    auto done = std::move(done_);
    done_ = nullptr;
    doneReady_ = false;
    cancelDelivered_ = true;
    done(fail(Code::Cancelled, why));
    sink_.reset();
}

void Connection::finishExchange()
{
    if (take_) {
        handOver();
        return;
    }
    if (closeAfter_) {
        beginClose();
        return;
    }
    resetExchange();
    in_ = In::Idle;
    out_ = Out::None;
    ++requests_;
    since_ = Clock::now();
    http_parser_pause(&parser_, 0);
    rerun_ = true;
}

// ---- http_parser callbacks -------------------------------------------------

int Connection::onMessageBegin(http_parser *parser)
{
    Connection *c = self(parser);
    c->in_ = In::Headers;
    c->headerStart_ = Clock::now();
    c->exchange_ = std::make_unique<ExchangeImpl>(c);
    return 0;
}

bool Connection::countHeaderBytes(size_t length)
{
    headerBytes_ += qint64(length);
    if (headerBytes_ > config_->limits.maxHeaderBytes) {
        headersTooLarge_ = true;
        return false;
    }
    return true;
}

bool Connection::commitHeader()
{
    inValue_ = false;
    if (++headerCount_ > config_->limits.maxHeaderCount) {
        headersTooLarge_ = true;
        return false;
    }
    while (!value_.isEmpty() && (value_.back() == ' ' || value_.back() == '\t'))
        value_.chop(1);
    exchange_->request_.headers.add(std::move(field_), std::move(value_));
    field_ = QByteArray();
    value_ = QByteArray();
    return countHeaderBytes(4); // ": " and CRLF
}

int Connection::onUrl(http_parser *parser, const char *at, size_t length)
{
    Connection *c = self(parser);
    c->exchange_->request_.target.append(at, qsizetype(length));
    return c->countHeaderBytes(length) ? 0 : 1;
}

int Connection::onHeaderField(http_parser *parser, const char *at, size_t length)
{
    Connection *c = self(parser);
    if (c->inValue_ && !c->commitHeader())
        return 1;
    c->field_.append(at, qsizetype(length));
    return c->countHeaderBytes(length) ? 0 : 1;
}

int Connection::onHeaderValue(http_parser *parser, const char *at, size_t length)
{
    Connection *c = self(parser);
    c->inValue_ = true;
    c->value_.append(at, qsizetype(length));
    return c->countHeaderBytes(length) ? 0 : 1;
}

bool Connection::fillRequest()
{
    Request &r = exchange_->request_;
    r.method = methodName(parser_.method);
    r.peer = peer_;
    if (parser_.flags & F_CHUNKED)
        r.chunked = true;
    else if (parser_.flags & F_CONTENTLENGTH)
        r.contentLength = qint64(parser_.content_length);

    QByteArrayView target = r.target;
    QByteArrayView path;
    QByteArrayView query;
    if (target.startsWith('/')) {
        const qsizetype mark = target.indexOf('?');
        path = mark < 0 ? target : target.first(mark);
        query = mark < 0 ? QByteArrayView() : target.sliced(mark + 1);
    } else if (target == "*") {
        path = target;
    } else {
        http_parser_url url;
        http_parser_url_init(&url);
        if (http_parser_parse_url(target.data(), size_t(target.size()), parser_.method == HTTP_CONNECT, &url) != 0)
            return false;
        path = QByteArrayView("/");
        if (url.field_set & (1 << UF_PATH))
            path = target.sliced(url.field_data[UF_PATH].off, url.field_data[UF_PATH].len);
        if (url.field_set & (1 << UF_QUERY))
            query = target.sliced(url.field_data[UF_QUERY].off, url.field_data[UF_QUERY].len);
    }
    if (const qsizetype hash = query.indexOf('#'); hash >= 0)
        query = query.first(hash);
    if (path.contains('%')) {
        const QByteArray decoded = QByteArray::fromPercentEncoding(path.toByteArray());
        if (decoded.contains('\0') || hasDotSegment(decoded))
            return false;
        r.path = QString::fromUtf8(decoded);
    } else {
        if (hasDotSegment(path))
            return false;
        r.path = QString::fromUtf8(path);
    }
    if (!query.isEmpty())
        r.query.setQuery(QString::fromUtf8(query));

    keepAlive_ = http_should_keep_alive(&parser_) != 0;
    http10_ = parser_.http_major < 1 || (parser_.http_major == 1 && parser_.http_minor == 0);
    head_ = parser_.method == HTTP_HEAD;
    closeAfter_ = !keepAlive_;
    expectContinue_ = !http10_ && r.headers.containsToken("Expect", "100-continue");
    return true;
}

int Connection::onHeadersComplete(http_parser *parser)
{
    Connection *c = self(parser);
    if (!c->field_.isEmpty() && !c->commitHeader())
        return -1;
    if (!c->fillRequest())
        return -1; // a target that does not parse, or a dot segment: 400
    c->in_ = In::Dispatch;
    http_parser_pause(parser, 1);
    return 0;
}

int Connection::onBody(http_parser *parser, const char *at, size_t length)
{
    Connection *c = self(parser);
    if (c->sink_ && !c->bodyError_) {
        auto written = c->sink_->write(QByteArrayView(at, qsizetype(length)));
        if (!written)
            c->bodyError_ = written.error(); // the rest is read and dropped
    }
    return 0;
}

int Connection::onMessageComplete(http_parser *parser)
{
    Connection *c = self(parser);
    c->in_ = In::Done;
    c->doneReady_ = c->sinkRegistered_;
    http_parser_pause(parser, 1);
    return 0;
}

const http_parser_settings &Connection::settings()
{
    static const http_parser_settings settings = [] {
        http_parser_settings s;
        http_parser_settings_init(&s);
        s.on_message_begin = &Connection::onMessageBegin;
        s.on_url = &Connection::onUrl;
        s.on_header_field = &Connection::onHeaderField;
        s.on_header_value = &Connection::onHeaderValue;
        s.on_headers_complete = &Connection::onHeadersComplete;
        s.on_body = &Connection::onBody;
        s.on_message_complete = &Connection::onMessageComplete;
        return s;
    }();
    return settings;
}

} // namespace muelle::http
