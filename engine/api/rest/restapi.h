#pragma once
// The Docker Engine API façade over the engine's services: version prefix
// and negotiation, then one handler file per resource. Handlers turn
// requests into service calls and errors into errors.h's table; no engine
// logic lives here.

#include "http/exchange.h"

#include <QDateTime>
#include <QString>

namespace muelle::engine::rest {

// What the system endpoints report about the daemon itself.
struct DaemonFacts {
    QString id; // stable per data root
    QString name; // host name
    QString dataRoot;
    QString version; // Muelle's version
    QDateTime started;
    QString logLevel;
};

// Builds the handler the daemon's HTTP server runs. `facts` must outlive it.
http::Handler makeRestApi(const DaemonFacts &facts);

} // namespace muelle::engine::rest
