#pragma once
// The "run container" dialog's form, turned into the body of Docker's
// POST /containers/create, as `docker run` turns its flags: each field is
// checked here, with a message in words a user can act on, before the
// engine is asked (which checks again).

#include "base/error.h"

#include <QJsonObject>
#include <QString>
#include <QVariantMap>

namespace muelle::desktop {

struct RunForm {
    QString image;
    QString command; // split into words as a shell would (shellWords)
    QString ports; // "8080:80, 127.0.0.1:5353:53/udp, 9000"
    QString env; // one NAME=value per line
    QString volumes; // one per line: "name:/path", "/host/dir:/path:ro"
    QString memory; // "512m", "1g", bytes; empty: no limit
    QString cpus; // "1.5"; empty: no limit
    QString restart; // "no", "always", "unless-stopped", "on-failure"
    QString network; // empty: the default bridge
    bool autoRemove = false;

    static RunForm of(const QVariantMap &form);
};

Result<QJsonObject> createBodyOf(const RunForm &form);

// A command line split into words as a POSIX shell does it, without
// expanding anything: 'single' and "double" quotes, backslash escapes.
// InvalidArgument for an unclosed quote.
Result<QStringList> shellWords(const QString &line);

// "512m" in bytes (b, k, m, g; 1024-based, as docker); InvalidArgument else.
Result<qint64> bytesOf(const QString &text);

} // namespace muelle::desktop
