#pragma once
// The docker CLI against the engine with_engine.sh started (DOCKER,
// DOCKER_HOST): its stdout, trimmed; a failure is warned about, not fatal
// (the test's own checks say what went wrong).

#include <QDebug>
#include <QProcess>
#include <QStringList>

inline QString docker(const QStringList &arguments)
{
    QProcess process;
    process.start(qEnvironmentVariable("DOCKER", QStringLiteral("docker")), arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        qWarning() << "docker" << arguments << "failed:" << process.readAllStandardError();
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}
