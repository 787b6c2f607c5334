#pragma once
// Test helpers for src/http: a raw blocking HTTP/1.1 connection that reads
// responses byte-exactly (so framing can be checked), body sources and sinks
// that count, and a self-signed certificate made with the openssl tool.

#include "http/body.h"
#include "http/headers.h"

#include <QFile>
#include <QHostAddress>
#include <QMutex>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <optional>

namespace test {

using namespace muelle;
using namespace muelle::http;

struct Reply {
    int status = 0;
    Headers headers;
    QByteArray body;
    bool chunked = false;
};

// One client connection driven with blocking calls from the test thread.
class Raw {
public:
    explicit Raw(quint16 port)
    {
        socket_.connectToHost(QHostAddress::LocalHost, port);
        connected_ = socket_.waitForConnected(5000);
    }
    bool connected() const { return connected_; }
    QTcpSocket &socket() { return socket_; }

    void send(QByteArrayView data)
    {
        socket_.write(data.data(), data.size());
        while (socket_.bytesToWrite() > 0 && socket_.waitForBytesWritten(5000)) { }
    }

    // Reads one response; nullopt on timeout or close before it ended.
    std::optional<Reply> read(bool head = false, int timeoutMs = 5000)
    {
        Reply reply;
        const auto headEnd = readUntil("\r\n\r\n", timeoutMs);
        if (!headEnd)
            return std::nullopt;
        const QList<QByteArray> lines = headEnd->trimmed().split('\n');
        const QList<QByteArray> status = lines.value(0).trimmed().split(' ');
        reply.status = status.value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            reply.headers.add(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
        }
        if (head || reply.status == 204 || reply.status == 304 || (reply.status >= 100 && reply.status < 200))
            return reply;
        if (reply.headers.value("Transfer-Encoding") == "chunked") {
            reply.chunked = true;
            for (;;) {
                const auto sizeLine = readUntil("\r\n", timeoutMs);
                if (!sizeLine)
                    return std::nullopt;
                bool ok = false;
                const qint64 size = sizeLine->trimmed().toLongLong(&ok, 16);
                if (!ok)
                    return std::nullopt;
                const auto data = readExact(size + 2, timeoutMs);
                if (!data || !data->endsWith("\r\n"))
                    return std::nullopt;
                if (size == 0)
                    return reply;
                reply.body += data->left(size);
            }
        }
        if (reply.headers.contains("Content-Length")) {
            const auto data = readExact(reply.headers.value("Content-Length").toLongLong(), timeoutMs);
            if (!data)
                return std::nullopt;
            reply.body = *data;
            return reply;
        }
        reply.body = readToEnd(timeoutMs);
        return reply;
    }

    std::optional<QByteArray> readUntil(QByteArrayView marker, int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            const qsizetype at = buffer_.indexOf(marker);
            if (at >= 0) {
                QByteArray result = buffer_.left(at + marker.size());
                buffer_.remove(0, at + marker.size());
                return result;
            }
            if (!fill(deadline))
                return std::nullopt;
        }
    }

    std::optional<QByteArray> readExact(qint64 n, int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (buffer_.size() < n) {
            if (!fill(deadline))
                return std::nullopt;
        }
        QByteArray result = buffer_.left(n);
        buffer_.remove(0, n);
        return result;
    }

    // Everything until the server closes (or the time is up).
    QByteArray readToEnd(int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (fill(deadline)) { }
        return std::exchange(buffer_, {});
    }

    // True when the server closed the connection within the time.
    bool waitClosed(int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (fill(deadline)) { }
        return socket_.state() != QAbstractSocket::ConnectedState;
    }

    QByteArray &buffer() { return buffer_; }

private:
    bool fill(const QDeadlineTimer &deadline)
    {
        if (socket_.bytesAvailable() > 0) {
            buffer_ += socket_.readAll();
            return true;
        }
        if (socket_.state() != QAbstractSocket::ConnectedState || deadline.hasExpired())
            return false;
        if (!socket_.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
            return socket_.bytesAvailable() > 0 ? fill(deadline) : false;
        buffer_ += socket_.readAll();
        return true;
    }

    QTcpSocket socket_;
    QByteArray buffer_;
    bool connected_ = false;
};

// Produces `total` bytes of a repeating pattern without holding them.
class PatternSource final : public BodySource {
public:
    explicit PatternSource(qint64 total, std::atomic<qint64> *produced = nullptr) : total_(total), produced_(produced)
    {
    }
    Result<QByteArray> read(qint64 maxBytes) override
    {
        const qint64 n = std::min(maxBytes, total_ - pos_);
        if (n <= 0)
            return QByteArray();
        QByteArray chunk(n, Qt::Uninitialized);
        for (qint64 i = 0; i < n; ++i)
            chunk[i] = pattern(pos_ + i);
        pos_ += n;
        if (produced_)
            *produced_ += n;
        return chunk;
    }
    static char pattern(qint64 at) { return char('a' + at % 26); }

private:
    qint64 total_;
    qint64 pos_ = 0;
    std::atomic<qint64> *produced_;
};

// Counts what it is given and checks the pattern; shares its numbers with
// the test thread.
struct SinkStats {
    std::atomic<qint64> bytes{ 0 };
    std::atomic<qint64> chunks{ 0 };
    std::atomic<qint64> largestChunk{ 0 };
    std::atomic<bool> patternOk{ true };
    std::atomic<bool> finished{ false };
};

class CountingSink final : public BodySink {
public:
    explicit CountingSink(SinkStats *stats) : stats_(stats) { }
    Result<> write(QByteArrayView chunk) override
    {
        const qint64 at = stats_->bytes;
        for (qsizetype i = 0; i < chunk.size(); i += 4093) {
            if (chunk[i] != PatternSource::pattern(at + i))
                stats_->patternOk = false;
        }
        stats_->bytes += chunk.size();
        ++stats_->chunks;
        if (chunk.size() > stats_->largestChunk)
            stats_->largestChunk = chunk.size();
        return {};
    }
    Result<> finish() override
    {
        stats_->finished = true;
        return {};
    }

private:
    SinkStats *stats_;
};

// A self-signed certificate for 127.0.0.1/localhost, made by `openssl req`.
struct TestCertificate {
    QSslCertificate certificate;
    QSslKey key;
    bool ok = false;

    TestCertificate()
    {
        QTemporaryDir dir;
        const QString keyPath = dir.filePath(QStringLiteral("key.pem"));
        const QString certPath = dir.filePath(QStringLiteral("cert.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
            { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1"),
                QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath });
        if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
            return;
        QFile keyFile(keyPath);
        QFile certFile(certPath);
        if (!keyFile.open(QIODevice::ReadOnly) || !certFile.open(QIODevice::ReadOnly))
            return;
        key = QSslKey(keyFile.readAll(), QSsl::Ec);
        certificate = QSslCertificate(certFile.readAll());
        ok = !key.isNull() && !certificate.isNull();
    }

    QSslConfiguration serverConfig() const
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(certificate);
        config.setPrivateKey(key);
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        return config;
    }

    QSslConfiguration clientConfig() const
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setCaCertificates({ certificate });
        return config;
    }
};

} // namespace test
