#pragma once
// The routes the server tests run against, and what their handlers (on the
// worker threads) report back to the test thread.

#include "support.h"

#include "http/router.h"

namespace test {

// What handlers (on worker threads) report to the test thread.
struct Shared {
    SinkStats upload;
    std::atomic<qint64> produced{ 0 };
    std::atomic<int> doneCalls{ 0 };
    std::atomic<int> doneCode{ -1 }; // Code of the last done(error), or 100 for success
    std::atomic<bool> respondedAfterCancel{ false };
    QTemporaryDir dir;
    QString filePath;
};

// The state the handlers report to; set by the test before serving.
extern Shared *shared;

// A GET request with optional extra header lines.
QByteArray get(QByteArrayView target, QByteArrayView extra = {});

Router makeRouter();

} // namespace test
