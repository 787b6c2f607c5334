#include "desktop/builds/dockerfileform.h"

#include "desktop/runform.h"
#include "oci/reference.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace muelle::desktop {

namespace {

// A JSON array of words, as the exec form of CMD and ENTRYPOINT wants.
QString execForm(const QStringList &words)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(words)).toJson(QJsonDocument::Compact));
}

// A value as ENV takes it: quoted when it holds what the parser would split on.
QString envValue(const QString &value)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:@%+,=-]*$"));
    if (plain.match(value).hasMatch())
        return value;
    QString quoted = value;
    quoted.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'"', QStringLiteral("\\\""))
        .replace(u'$', QStringLiteral("\\$"));
    return u'"' + quoted + u'"';
}

QString copyPath(const QString &path)
{
    return path.contains(u' ') ? execForm({ path }).mid(1).chopped(1) : path;
}

bool writeFile(const QString &path, const QByteArray &content, QFileDevice::Permissions permissions, QString &error)
{
    QFile file(path);
    if (file.exists())
        return true;
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.setPermissions(permissions);
    return true;
}

// rw-r--r-- and rwxr-xr-x.
constexpr QFileDevice::Permissions readable = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
    | QFileDevice::WriteUser | QFileDevice::ReadGroup | QFileDevice::ReadOther;
constexpr QFileDevice::Permissions runnable
    = readable | QFileDevice::ExeOwner | QFileDevice::ExeUser | QFileDevice::ExeGroup | QFileDevice::ExeOther;

} // namespace

DockerfileForm::DockerfileForm(QObject *parent) : QObject(parent) { }

QStringList DockerfileForm::startingPoints()
{
    return { QStringLiteral("static-site"), QStringLiteral("shell-script"), QStringLiteral("binary") };
}

bool DockerfileForm::useStartingPoint(const QString &name)
{
    if (!startingPoints().contains(name))
        return false;
    startingPoint_ = name;
    env_.clear();
    user_.clear();
    entrypoint_.clear();
    command_.clear();
    healthcheck_.clear();
    ports_.clear();
    if (name == u"static-site") {
        base_ = QStringLiteral("busybox");
        workdir_ = QStringLiteral("/www");
        copies_ = { QVariantMap{
            { QStringLiteral("from"), QStringLiteral("site/") }, { QStringLiteral("to"), QStringLiteral("/www/") } } };
        ports_ = { QStringLiteral("8080") };
        // Through busybox itself: not every busybox image links each applet.
        command_ = QStringLiteral("busybox httpd -f -p 8080 -h /www");
        healthcheck_ = QStringLiteral("busybox wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1");
    } else if (name == u"shell-script") {
        base_ = QStringLiteral("busybox");
        workdir_ = QStringLiteral("/app");
        copies_ = { QVariantMap{ { QStringLiteral("from"), QStringLiteral("run.sh") },
            { QStringLiteral("to"), QStringLiteral("/app/run.sh") } } };
        command_ = QStringLiteral("sh /app/run.sh");
    } else {
        base_ = QStringLiteral("scratch");
        workdir_.clear();
        copies_ = { QVariantMap{
            { QStringLiteral("from"), QStringLiteral("app") }, { QStringLiteral("to"), QStringLiteral("/app") } } };
        entrypoint_ = QStringLiteral("/app");
    }
    Q_EMIT changed();
    return true;
}

QString DockerfileForm::problem() const
{
    if (base_.trimmed().isEmpty())
        return tr("Choose a base image (scratch for none).");
    if (base_.trimmed() != u"scratch" && !oci::Reference::parse(base_.trimmed()))
        return tr("The base image is not an image name: %1").arg(base_.trimmed());
    for (const QVariant &value : copies_) {
        const QVariantMap copy = value.toMap();
        const QString from = copy.value(QStringLiteral("from")).toString().trimmed();
        const QString to = copy.value(QStringLiteral("to")).toString().trimmed();
        if (from.isEmpty() || to.isEmpty())
            return tr("Each file to copy needs where it is in the folder and where it goes in the image.");
        if (QDir::isAbsolutePath(from) || QDir::cleanPath(from).startsWith(QStringLiteral("..")))
            return tr("%1 is outside the folder: only what is in it can be copied.").arg(from);
    }
    if (!workdir_.trimmed().isEmpty() && !workdir_.trimmed().startsWith(u'/'))
        return tr("The working directory must be an absolute path, like /app.");
    static const QRegularExpression envName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*="));
    for (const QString &variable : env_) {
        if (!envName.match(variable.trimmed()).hasMatch())
            return tr("%1 is not NAME=value.").arg(variable);
    }
    static const QRegularExpression port(QStringLiteral("^[0-9]{1,5}(/(tcp|udp|sctp))?$"));
    for (const QString &exposed : ports_) {
        const auto match = port.match(exposed.trimmed());
        if (!match.hasMatch() || exposed.trimmed().section(u'/', 0, 0).toInt() < 1
            || exposed.trimmed().section(u'/', 0, 0).toInt() > 65535)
            return tr("%1 is not a port (1 to 65535, then /tcp or /udp if you like).").arg(exposed);
    }
    for (const QString &line : { command_, entrypoint_ }) {
        if (auto words = shellWords(line); !words)
            return words.error().message;
    }
    if (command_.trimmed().isEmpty() && entrypoint_.trimmed().isEmpty() && base_.trimmed() == u"scratch")
        return tr("An image on scratch needs a command or an entrypoint: it has no shell of its own.");
    return {};
}

QString DockerfileForm::dockerfile() const
{
    if (!problem().isEmpty())
        return {};
    QStringList lines{ QStringLiteral("FROM ") + base_.trimmed() };
    if (!workdir_.trimmed().isEmpty())
        lines.append(QStringLiteral("WORKDIR ") + workdir_.trimmed());
    for (const QString &variable : env_) {
        const QString trimmed = variable.trimmed();
        lines.append(QStringLiteral("ENV ") + trimmed.section(u'=', 0, 0) + u'=' + envValue(trimmed.section(u'=', 1)));
    }
    for (const QVariant &value : copies_) {
        const QVariantMap copy = value.toMap();
        lines.append(QStringLiteral("COPY ") + copyPath(copy.value(QStringLiteral("from")).toString().trimmed()) + u' '
            + copyPath(copy.value(QStringLiteral("to")).toString().trimmed()));
    }
    for (const QString &exposed : ports_)
        lines.append(QStringLiteral("EXPOSE ") + exposed.trimmed());
    if (!user_.trimmed().isEmpty())
        lines.append(QStringLiteral("USER ") + user_.trimmed());
    if (!healthcheck_.trimmed().isEmpty())
        lines.append(QStringLiteral("HEALTHCHECK CMD ") + healthcheck_.trimmed());
    if (!entrypoint_.trimmed().isEmpty())
        lines.append(QStringLiteral("ENTRYPOINT ") + execForm(*shellWords(entrypoint_)));
    if (!command_.trimmed().isEmpty())
        lines.append(QStringLiteral("CMD ") + execForm(*shellWords(command_)));
    return lines.join(u'\n') + u'\n';
}

QString DockerfileForm::writeInto(const QString &folder, const QString &binary) const
{
    if (const QString wrong = problem(); !wrong.isEmpty())
        return wrong;
    if (!QDir().mkpath(folder))
        return tr("cannot make the folder %1").arg(folder);
    const QDir dir(folder);
    QString error;
    if (startingPoint_ == u"static-site") {
        if (!dir.mkpath(QStringLiteral("site"))
            || !writeFile(dir.filePath(QStringLiteral("site/index.html")),
                "<!doctype html>\n<title>Hello from Muelle</title>\n<h1>Hello from Muelle</h1>\n", readable, error))
            return error.isEmpty() ? tr("cannot make %1").arg(dir.filePath(QStringLiteral("site"))) : error;
    } else if (startingPoint_ == u"shell-script") {
        if (!writeFile(
                dir.filePath(QStringLiteral("run.sh")), "#!/bin/sh\necho \"Hello from Muelle\"\n", runnable, error))
            return error;
    } else if (startingPoint_ == u"binary") {
        if (binary.isEmpty())
            return tr("Choose the compiled program to copy.");
        QFile::remove(dir.filePath(QStringLiteral("app")));
        if (!QFile::copy(binary, dir.filePath(QStringLiteral("app"))))
            return tr("cannot copy %1 into the folder").arg(binary);
        QFile(dir.filePath(QStringLiteral("app"))).setPermissions(runnable);
    }
    QFile dockerfile(dir.filePath(QStringLiteral("Dockerfile")));
    const QByteArray text = this->dockerfile().toUtf8();
    if (!dockerfile.open(QIODevice::WriteOnly | QIODevice::Truncate) || dockerfile.write(text) != text.size())
        return tr("cannot write %1: %2").arg(dockerfile.fileName(), dockerfile.errorString());
    return {};
}

} // namespace muelle::desktop
