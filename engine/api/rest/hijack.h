#pragma once
// A hijacked connection (attach, exec start) joined to a shim's attach
// stream: bytes both ways, the client's half-close passed on (it ends the
// process's stdin), and the connection closed once the shim's stream ends.
// Runs on the connection's thread, on raw descriptors, because Qt's sockets
// treat a half-close as the end of the connection. Buffers are bounded: a
// side that does not read stops the other from being read.

#include "http/message.h"

#include <QByteArray>
#include <QIODevice>

namespace muelle::engine::rest {

// The response that hands a connection over for an attach stream: 101 with
// "Upgrade: tcp" when the client asked for it (the docker CLI does), else
// 200; the content type says whether the stream is raw (TTY) or framed.
http::Response hijackResponse(bool upgrade, bool tty);

// The descriptor of a hijacked connection, duplicated, after writing out
// what its device still buffers; the device is deleted. -1 for a device
// without one (TLS).
int takeDescriptor(QIODevice *client, QByteArray &fromClient);
// Relays between the two descriptors, owning both. Call on a thread with
// an event loop.
void relayHijacked(int clientFd, QByteArray fromClient, int shimFd, QByteArray fromShim);

} // namespace muelle::engine::rest
