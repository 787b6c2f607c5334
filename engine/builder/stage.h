#pragma once
// The builder's own state, shared by its files (builder.cpp, dispatch.cpp,
// runstep.cpp, copystep.cpp): not part of its interface.

#include "dockerfile/stages.h"
#include "engine/builder/builder.h"
#include "engine/builder/configchange.h"

#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QThreadPool>

namespace muelle::engine::builder {

// The stage being built: the image so far and what its steps keep.
struct Build::Stage {
    int index = 0;
    QList<dockerfile::Instruction> instructions;
    metadata::Image image; // no ID before the first step of a FROM scratch
    oci::ImageConfig config;
    QStringList shell{ QStringLiteral("/bin/sh"), QStringLiteral("-c") };
    QHash<QString, std::optional<QString>> args; // ARGs declared in the stage
    bool cmdSet = false; // a CMD in this stage (ENTRYPOINT then keeps it)
};

// The parsed Dockerfile (the context's files are the upload's).
struct Build::Context {
    dockerfile::Dockerfile dockerfile;
    std::optional<Error> failure; // a Dockerfile that does not parse
    int failedLine = 0;
};

template <typename T> void Build::inPool(std::function<Result<T>()> work, std::function<void(Result<T>)> then)
{
    QPointer<Build> self(this);
    services_.pool.start([self, work = std::move(work), then = std::move(then)] {
        auto result = std::make_shared<Result<T>>(work());
        // Posted to the application (it outlives builds); the build is checked on its thread.
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, result, then] {
            if (self && !self->ended_)
                then(std::move(*result));
        });
    });
}

// The LABEL step dockerd appends for --label: "LABEL k=v ...", keys sorted.
dockerfile::Instruction labelInstruction(const QMap<QString, QString> &labels);
// The build args Docker accepts without an ARG (the proxy variables).
const QStringList &builtinArgs();

} // namespace muelle::engine::builder
