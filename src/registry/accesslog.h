#pragma once
// The access log: one line per request on stderr, in the spirit of the
// combined log format. Lines from every worker thread are gathered in one
// buffer and written in batches (every 200 ms, or when 64 KiB are waiting),
// so logging costs no system call per request.

#include "http/message.h"

#include <QMutex>
#include <QObject>
#include <QTimer>

namespace muelle::registry {

class AccessLog : public QObject {
public:
    explicit AccessLog(QObject *parent = nullptr);
    ~AccessLog() override;

    // Thread-safe.
    void record(const http::Request &request, int status, qint64 bodyLength);
    void flush();

private:
    QMutex mutex_;
    QByteArray pending_;
    QTimer timer_;
};

} // namespace muelle::registry
