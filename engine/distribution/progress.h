#pragma once
// Progress of a pull or push, one line per change, as docker prints it:
// an ID (a layer's short digest, or a tag), a status ("Downloading",
// "Pull complete", "Digest: sha256:…") and, while bytes move, how many of
// how many. The REST API turns these into Docker's JSON messages; D-Bus
// into signals.

#include <QJsonObject>
#include <QString>

#include <functional>

namespace muelle::engine::distribution {

struct Progress {
    Progress(QString id, QString status, qint64 current = -1, qint64 total = -1)
        : id(std::move(id)), status(std::move(status)), current(current), total(total)
    {
    }
    explicit Progress(QJsonObject aux) : aux(std::move(aux)) { }

    QString id;
    QString status;
    qint64 current = -1;
    qint64 total = -1;
    QJsonObject aux; // a push's result: {Tag, Digest, Size}
};

using ProgressSink = std::function<void(const Progress &)>;

} // namespace muelle::engine::distribution
