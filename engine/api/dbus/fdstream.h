#pragma once
// A response body streamed into a socket whose other end the caller gets
// over D-Bus (a unix fd): a log reaches the app without passing through
// the bus. Bytes are written as the reader drains them, so memory stays
// bounded by one chunk; the stream ends when the body does or when the
// reader closes its end.

#include "base/error.h"
#include "http/body.h"

#include <QDBusUnixFileDescriptor>
#include <QObject>

#include <functional>
#include <memory>

namespace muelle::engine::dbus {

// The reader's end. `ended` is called once when the stream is over (the
// body ended, failed, or the reader left).
Result<QDBusUnixFileDescriptor> streamToFd(
    std::unique_ptr<http::BodySource> body, QObject *parent, std::function<void()> ended = {});

} // namespace muelle::engine::dbus
