#pragma once
// What a build reports as it goes. The REST API turns it into Docker's
// JSON stream ("Step 2/7 : RUN …", " ---> Using cache", …); D-Bus into
// signals. Called on the daemon's main thread.

#include "engine/distribution/progress.h"
#include "oci/digest.h"

#include <QByteArray>
#include <QString>

namespace muelle::engine::builder {

class Progress {
public:
    virtual ~Progress() = default;
    // A step begins: "Step number/total : instruction" (its line as written).
    virtual void step(int number, int total, const QString &instruction, int line) = 0;
    // A base image's pull, line by line.
    virtual void pulling(const distribution::Progress &progress) = 0;
    // The step's result came from the cache.
    virtual void cached() = 0;
    // A RUN step's container, and its output as it comes.
    virtual void running(const QString &containerId) = 0;
    virtual void output(const QByteArray &bytes) = 0;
    virtual void removed(const QString &containerId) = 0;
    // The image a step ended with (its FROM's base, too).
    virtual void stepDone(const oci::Digest &image) = 0;
    virtual void warning(const QString &text) = 0;
    // The build failed at this line of the Dockerfile (called before its end).
    virtual void failedAt(int line) { Q_UNUSED(line); }
};

} // namespace muelle::engine::builder
