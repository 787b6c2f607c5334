#pragma once
// "Start from nothing": the fields of a simple image — base, files to copy,
// working directory, environment, exposed ports, user, command or
// entrypoint, a health check — written as a Dockerfile as they change, and
// a few starting points that fill them (a static site served by busybox
// httpd, a shell script, a compiled binary on scratch) with the files they
// need. Each field is checked as the builder would; the first problem is
// said in words, and no Dockerfile is offered while there is one.

#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace muelle::desktop {

class DockerfileForm : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString base MEMBER base_ NOTIFY changed)
    // [{from, to}]: paths in the context, and where they go in the image.
    Q_PROPERTY(QVariantList copies MEMBER copies_ NOTIFY changed)
    Q_PROPERTY(QString workdir MEMBER workdir_ NOTIFY changed)
    Q_PROPERTY(QStringList env MEMBER env_ NOTIFY changed) // NAME=value
    Q_PROPERTY(QStringList ports MEMBER ports_ NOTIFY changed) // 8080, 53/udp
    Q_PROPERTY(QString user MEMBER user_ NOTIFY changed)
    Q_PROPERTY(QString command MEMBER command_ NOTIFY changed) // words, as a shell splits them
    Q_PROPERTY(QString entrypoint MEMBER entrypoint_ NOTIFY changed)
    Q_PROPERTY(QString healthcheck MEMBER healthcheck_ NOTIFY changed) // a shell command; "" none
    Q_PROPERTY(QString dockerfile READ dockerfile NOTIFY changed)
    Q_PROPERTY(QString problem READ problem NOTIFY changed) // "" when every field is right
public:
    explicit DockerfileForm(QObject *parent = nullptr);

    QString dockerfile() const;
    QString problem() const;

    // The starting points: "static-site", "shell-script", "binary".
    static QStringList startingPoints();
    // Fills the fields for a starting point (unknown: nothing changes).
    Q_INVOKABLE bool useStartingPoint(const QString &name);
    // Writes the Dockerfile and the starting point's files into `folder`
    // (made if missing; a file already there is kept), the binary's from
    // `binary` (for "binary"). Returns the error's words, "" when done.
    Q_INVOKABLE QString writeInto(const QString &folder, const QString &binary = {}) const;

Q_SIGNALS:
    void changed();

private:
    QString base_;
    QVariantList copies_;
    QString workdir_;
    QStringList env_;
    QStringList ports_;
    QString user_;
    QString command_;
    QString entrypoint_;
    QString healthcheck_;
    QString startingPoint_;
};

} // namespace muelle::desktop
