#include "registry/accesslog.h"

#include <QDateTime>

#include <unistd.h>

namespace muelle::registry {

static constexpr qsizetype flushAt = 64 * 1024;

AccessLog::AccessLog(QObject *parent) : QObject(parent)
{
    connect(&timer_, &QTimer::timeout, this, &AccessLog::flush);
    timer_.start(200);
}

AccessLog::~AccessLog()
{
    flush();
}

void AccessLog::record(const http::Request &request, int status, qint64 bodyLength)
{
    const QByteArray time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
    QByteArray line;
    line.reserve(160 + request.target.size());
    line += request.peer.toUtf8() + " [" + time + "] \"" + request.method + ' ' + request.target + "\" "
        + QByteArray::number(status) + ' ' + (bodyLength < 0 ? QByteArray("-") : QByteArray::number(bodyLength)) + " \""
        + request.headers.value("User-Agent") + "\"\n";
    bool full = false;
    {
        QMutexLocker lock(&mutex_);
        pending_ += line;
        full = pending_.size() >= flushAt;
    }
    if (full)
        flush();
}

void AccessLog::flush()
{
    QByteArray out;
    {
        QMutexLocker lock(&mutex_);
        out.swap(pending_);
    }
    const char *data = out.constData();
    qsizetype left = out.size();
    while (left > 0) {
        const ssize_t n = ::write(STDERR_FILENO, data, size_t(left));
        if (n <= 0)
            return; // a closed stderr is not worth failing a request for
        data += n;
        left -= n;
    }
}

} // namespace muelle::registry
