#include "desktop/builds/buildwizard.h"

#include "oci/reference.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace muelle::desktop {

namespace {

constexpr int entriesPerSlice = 2000; // the context counted this many entries per event-loop turn

} // namespace

BuildWizard::BuildWizard(EngineClient &client, BuildSession &session, QObject *parent)
    : QObject(parent), client_(client), session_(session)
{
    parseLater_.setSingleShot(true);
    parseLater_.setInterval(parseDelayMs);
    connect(&parseLater_, &QTimer::timeout, this, &BuildWizard::parse);
    countLater_.setInterval(0);
    connect(&countLater_, &QTimer::timeout, this, &BuildWizard::countSlice);
    for (auto changed : { &BuildWizard::folderChanged, &BuildWizard::parsed, &BuildWizard::optionsChanged,
             &BuildWizard::contextChanged, &BuildWizard::dockerfileChanged })
        connect(this, changed, this, &BuildWizard::readyChanged);
}

void BuildWizard::reset()
{
    setFolder({});
    tags_.clear();
    target_.clear();
    noCache_ = pull_ = false;
    networkMode_.clear();
    labels_.clear();
    argValues_.clear();
    Q_EMIT optionsChanged();
}

void BuildWizard::setFolder(const QString &folder)
{
    QString chosen = folder.trimmed();
    if (chosen.startsWith(QStringLiteral("file://")))
        chosen = QUrl(chosen).toLocalFile();
    // The same folder again (the field losing focus) keeps what was read and edited.
    if (chosen == folder_ && !folder_.isEmpty())
        return;
    folder_ = chosen;
    dockerfiles_.clear();
    folderProblem_.clear();
    if (!folder_.isEmpty()) {
        const QDir dir(folder_);
        if (!dir.exists()) {
            folderProblem_ = tr("There is no folder %1.").arg(folder_);
        } else {
            // Dockerfile first, then the others a project keeps: app.Dockerfile, Dockerfile.dev, Containerfile.
            const QStringList found
                = dir.entryList({ QStringLiteral("Dockerfile"), QStringLiteral("*.Dockerfile"),
                                    QStringLiteral("Dockerfile.*"), QStringLiteral("Containerfile") },
                    QDir::Files | QDir::Readable, QDir::Name);
            for (const QString &name : found)
                name == u"Dockerfile" ? dockerfiles_.prepend(name) : dockerfiles_.append(name);
            if (dockerfiles_.isEmpty())
                folderProblem_ = tr("%1 has no Dockerfile: choose another folder, or start from nothing.").arg(folder_);
        }
    }
    Q_EMIT folderChanged();
    dockerfilePath_ = dockerfiles_.value(0);
    loadDockerfile();
    countContext();
}

void BuildWizard::setDockerfilePath(const QString &path)
{
    if (path == dockerfilePath_)
        return;
    dockerfilePath_ = path;
    loadDockerfile();
    countContext();
}

void BuildWizard::loadDockerfile()
{
    text_.clear();
    if (!dockerfilePath_.isEmpty()) {
        QFile file(QDir(folder_).filePath(dockerfilePath_));
        if (file.open(QIODevice::ReadOnly))
            text_ = QString::fromUtf8(file.read(16 << 20));
        else
            folderProblem_ = tr("cannot read %1: %2").arg(dockerfilePath_, file.errorString());
    }
    savedText_ = text_;
    Q_EMIT dockerfileChanged();
    parse();
}

void BuildWizard::setDockerfileText(const QString &text)
{
    if (text == text_)
        return;
    text_ = text;
    Q_EMIT dockerfileChanged();
    checking_ = true;
    Q_EMIT parsed();
    parseLater_.start();
}

void BuildWizard::parse()
{
    const quint64 asked = ++parses_;
    if (text_.isEmpty()) {
        errors_.clear();
        stages_.clear();
        args_.clear();
        checking_ = false;
        return Q_EMIT parsed();
    }
    checking_ = true;
    client_.parseDockerfile(text_, whileAlive(this, [this, asked](Result<QJsonObject> answer) {
        if (asked != parses_)
            return;
        checking_ = false;
        errors_.clear();
        stages_.clear();
        args_.clear();
        if (!answer) {
            errors_.append(
                QVariantMap{ { QStringLiteral("line"), 0 }, { QStringLiteral("message"), answer.error().message } });
            return Q_EMIT parsed();
        }
        for (const QJsonValue &error : answer->value(u"errors").toArray())
            errors_.append(error.toObject().toVariantMap());
        for (const QJsonValue &value : answer->value(u"stages").toArray()) {
            const QJsonObject stage = value.toObject();
            const QString name = stage.value(u"name").toString();
            stages_.append(name.isEmpty() ? QString::number(stage.value(u"index").toInt()) : name);
        }
        QStringList seen;
        for (const QJsonValue &value : answer->value(u"args").toArray()) {
            const QJsonObject arg = value.toObject();
            const QString name = arg.value(u"name").toString();
            if (seen.contains(name))
                continue;
            seen.append(name);
            args_.append(QVariantMap{ { QStringLiteral("name"), name },
                { QStringLiteral("default"), arg.value(u"default").toString() },
                { QStringLiteral("value"), argValues_.value(name) },
                { QStringLiteral("line"), arg.value(u"line").toInt() } });
        }
        if (!target_.isEmpty() && !stages_.contains(target_)) {
            target_.clear();
            Q_EMIT optionsChanged();
        }
        Q_EMIT parsed();
    }));
}

void BuildWizard::setArg(const QString &name, const QString &value)
{
    argValues_.insert(name, value);
}

QStringList BuildWizard::tagList() const
{
    return tags_.split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
}

QString BuildWizard::tagsProblem() const
{
    for (const QString &tag : tagList()) {
        auto reference = oci::Reference::parse(tag);
        if (!reference || reference->digest)
            return tr("%1 is not an image name: lower-case letters, digits and . _ - / then an optional :tag.")
                .arg(tag);
    }
    return {};
}

void BuildWizard::countContext()
{
    countLater_.stop();
    walk_.reset();
    summary_ = {};
    contextProblem_.clear();
    if (!folder_.isEmpty() && folderProblem_.isEmpty()) {
        auto walk = ContextWalk::open(folder_, dockerfilePath_);
        if (walk) {
            walk_ = std::move(*walk);
            countLater_.start();
        } else {
            contextProblem_ = walk.error().message;
        }
    }
    Q_EMIT contextChanged();
}

void BuildWizard::countSlice()
{
    for (int i = 0; i < entriesPerSlice && walk_; ++i) {
        auto entry = walk_->next();
        if (!entry) {
            contextProblem_ = entry.error().message;
            walk_.reset();
        } else if (!*entry) {
            summary_.ignored = walk_->ignored();
            walk_.reset();
        } else if ((*entry)->isFile() && !(*entry)->isSymLink()) {
            summary_.count(walk_->relative(**entry), (*entry)->size());
        }
    }
    if (!walk_)
        countLater_.stop();
    Q_EMIT contextChanged();
}

QVariantList BuildWizard::largestFiles() const
{
    QVariantList files;
    for (const auto &[path, size] : summary_.largest)
        files.append(QVariantMap{ { QStringLiteral("path"), path }, { QStringLiteral("size"), double(size) } });
    return files;
}

bool BuildWizard::ready() const
{
    return !folder_.isEmpty() && folderProblem_.isEmpty() && !dockerfilePath_.isEmpty() && !checking_
        && errors_.isEmpty() && tagsProblem().isEmpty() && contextProblem_.isEmpty();
}

QString BuildWizard::build()
{
    if (!ready())
        return tr("The build cannot start yet: see what the steps say.");
    if (text_ != savedText_) {
        QFile file(QDir(folder_).filePath(dockerfilePath_));
        const QByteArray bytes = text_.toUtf8();
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
            return tr("cannot save %1: %2").arg(dockerfilePath_, file.errorString());
        savedText_ = text_;
    }
    BuildOptions options;
    options.dockerfile = dockerfilePath_;
    options.tags = tagList();
    options.target = target_;
    options.noCache = noCache_;
    options.pull = pull_;
    options.networkMode = networkMode_;
    for (auto it = argValues_.cbegin(); it != argValues_.cend(); ++it) {
        if (!it.value().isEmpty())
            options.buildArgs.insert(it.key(), it.value());
    }
    for (const QString &line : labels_.split(u'\n', Qt::SkipEmptyParts)) {
        if (line.contains(u'='))
            options.labels.insert(line.section(u'=', 0, 0).trimmed(), line.section(u'=', 1));
    }
    session_.start(folder_, options);
    return {};
}

} // namespace muelle::desktop
