#include "engine/api/rest/build.h"

#include "engine/api/docker/images.h"
#include "engine/api/rest/bodies.h"
#include "engine/api/rest/bridge.h"
#include "engine/api/rest/errors.h"
#include "engine/api/rest/json.h"
#include "engine/builder/service.h"
#include "engine/images/images.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

namespace muelle::engine::rest {

namespace {

QByteArray line(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + "\r\n";
}

QByteArray streamLine(const QString &text)
{
    return line({ { QStringLiteral("stream"), text } });
}

QString shortId(const QString &id)
{
    return (id.startsWith(QLatin1String("sha256:")) ? id.mid(7) : id).left(12);
}

// Docker's JSON stream of a classic build.
class StreamProgress final : public builder::Progress {
public:
    StreamProgress(std::shared_ptr<Stream> stream, bool quiet) : stream_(std::move(stream)), quiet_(quiet) { }

    void step(int number, int total, const QString &instruction, int) override
    {
        write(streamLine(QStringLiteral("Step %1/%2 : %3").arg(number).arg(total).arg(instruction)));
        write(streamLine(QStringLiteral("\n")));
    }
    void pulling(const distribution::Progress &progress) override { write(line(docker::progressJson(progress))); }
    void cached() override { write(streamLine(QStringLiteral(" ---> Using cache\n"))); }
    void running(const QString &id) override
    {
        write(streamLine(QStringLiteral(" ---> Running in %1\n").arg(shortId(id))));
    }
    void output(const QByteArray &bytes) override { write(streamLine(QString::fromUtf8(bytes))); }
    void removed(const QString &id) override
    {
        write(streamLine(QStringLiteral("Removing intermediate container %1\n").arg(shortId(id))));
    }
    void stepDone(const oci::Digest &image) override
    {
        write(streamLine(QStringLiteral(" ---> %1\n").arg(image.isValid() ? image.hex().left(12) : QString())));
    }
    void warning(const QString &text) override { write(streamLine(text.endsWith(u'\n') ? text : text + u'\n')); }

    void succeeded(const builder::Outcome &outcome)
    {
        stream_->write(
            line({ { QStringLiteral("aux"), QJsonObject{ { QStringLiteral("ID"), outcome.image.toString() } } } }));
        if (quiet_) {
            stream_->write(streamLine(outcome.image.toString() + u'\n'));
            return;
        }
        stream_->write(streamLine(QStringLiteral("Successfully built %1\n").arg(outcome.image.hex().left(12))));
        for (const QString &tag : outcome.tags)
            stream_->write(streamLine(QStringLiteral("Successfully tagged %1\n").arg(tag)));
    }

    // After the stream began, an error is its last line; before, the response.
    void failed(const Error &error)
    {
        if (!stream_->started())
            return;
        QJsonObject detail{ { QStringLiteral("message"), error.message } };
        static const QRegularExpression exitCode(QStringLiteral("returned a non-zero code: (\\d+)$"));
        if (const auto match = exitCode.match(error.message); match.hasMatch())
            detail.insert(QStringLiteral("code"), match.captured(1).toInt());
        stream_->write(line({ { QStringLiteral("errorDetail"), detail }, { QStringLiteral("error"), error.message } }));
    }

private:
    void write(const QByteArray &bytes)
    {
        if (!quiet_)
            stream_->write(bytes);
    }

    std::shared_ptr<Stream> stream_;
    bool quiet_;
};

// The request body into a build's context upload.
class UploadSink final : public http::BodySink {
public:
    explicit UploadSink(std::shared_ptr<builder::ContextUpload> upload) : upload_(std::move(upload)) { }
    Result<> write(QByteArrayView chunk) override { return upload_->append(chunk); }
    Result<> finish() override
    {
        upload_->finish();
        return {};
    }

private:
    std::shared_ptr<builder::ContextUpload> upload_;
};

Result<qint64> numberParameter(const http::Request &request, const QString &name)
{
    const QString text = queryValue(request, name);
    if (text.isEmpty())
        return 0;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok)
        return fail(Code::InvalidArgument, QStringLiteral("invalid %1: %2").arg(name, text));
    return value;
}

// X-Registry-Config: base64 JSON of {"registry": {"username": ..., "password": ...}}.
Result<QHash<QString, distribution::Credentials>> registryConfig(const http::Request &request)
{
    QHash<QString, distribution::Credentials> auth;
    const QByteArray header = request.headers.value("X-Registry-Config");
    if (header.isEmpty())
        return auth;
    const auto decoded = QByteArray::fromBase64Encoding(header, QByteArray::Base64UrlEncoding);
    const QByteArray bytes = decoded ? *decoded : QByteArray::fromBase64(header);
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (!document.isObject())
        return fail(Code::InvalidArgument, QStringLiteral("invalid X-Registry-Config header"));
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        auth.insert(distribution::registryHost(it.key()),
            { entry.value(u"username").toString(), entry.value(u"password").toString(),
                entry.value(u"identitytoken").toString() });
    }
    return auth;
}

Result<builder::Options> optionsOf(const http::Request &request)
{
    builder::Options options;
    if (!queryValue(request, QStringLiteral("remote")).isEmpty())
        return fail(Code::Unimplemented, QStringLiteral("a remote build context (a URL) is not supported yet"));
    if (const QString version = queryValue(request, QStringLiteral("version")); version == u"2")
        return fail(Code::InvalidArgument,
            QStringLiteral("BuildKit is not supported by this engine: use the classic builder (DOCKER_BUILDKIT=0)"));
    if (const QString dockerfile = queryValue(request, QStringLiteral("dockerfile")); !dockerfile.isEmpty())
        options.dockerfile = dockerfile;
    auto tags = builder::parseTags(queryValues(request, QStringLiteral("t")));
    auto buildArgs = builder::parseBuildArgs(queryValue(request, QStringLiteral("buildargs")));
    auto labels = builder::parseLabels(queryValue(request, QStringLiteral("labels")));
    if (!tags || !buildArgs || !labels)
        return fail(!tags ? tags.error() : !buildArgs ? buildArgs.error() : labels.error());
    options.tags = *tags;
    options.buildArgs = *buildArgs;
    options.labels = *labels;
    options.target = queryValue(request, QStringLiteral("target"));
    options.noCache = queryFlag(request, QStringLiteral("nocache"));
    options.pull = queryFlag(request, QStringLiteral("pull"));
    options.quiet = queryFlag(request, QStringLiteral("q"));
    if (!queryValue(request, QStringLiteral("rm")).isEmpty())
        options.remove = queryFlag(request, QStringLiteral("rm"));
    options.forceRemove = queryFlag(request, QStringLiteral("forcerm"));
    if (const QString cacheFrom = queryValue(request, QStringLiteral("cachefrom")); !cacheFrom.isEmpty()) {
        const QJsonDocument document = QJsonDocument::fromJson(cacheFrom.toUtf8());
        if (!document.isArray())
            return fail(Code::InvalidArgument, QStringLiteral("invalid cachefrom: %1").arg(cacheFrom));
        for (const QJsonValue &image : document.array())
            options.cacheFrom.append(image.toString());
    }
    options.networkMode = queryValue(request, QStringLiteral("networkmode"));
    for (const QString &hosts : queryValues(request, QStringLiteral("extrahosts")))
        options.extraHosts += hosts.split(u',', Qt::SkipEmptyParts);
    for (const auto &[name, field] : { std::pair{ QStringLiteral("memory"), &options.memory },
             std::pair{ QStringLiteral("memswap"), &options.memorySwap },
             std::pair{ QStringLiteral("cpushares"), &options.cpuShares },
             std::pair{ QStringLiteral("cpuperiod"), &options.cpuPeriod },
             std::pair{ QStringLiteral("cpuquota"), &options.cpuQuota },
             std::pair{ QStringLiteral("shmsize"), &options.shmSize } }) {
        auto value = numberParameter(request, name);
        if (!value)
            return fail(value.error());
        *field = *value;
    }
    options.cpusetCpus = queryValue(request, QStringLiteral("cpusetcpus"));
    if (auto platform = builder::checkPlatform(queryValue(request, QStringLiteral("platform"))); !platform)
        return fail(platform.error());
    auto auth = registryConfig(request);
    if (!auth)
        return fail(auth.error());
    options.registryAuth = *auth;
    return options;
}

} // namespace

void buildImage(docker::Engine &engine, http::Exchange &exchange)
{
    auto options = optionsOf(exchange.request());
    if (!options)
        return respondError(exchange, options.error());
    // The context unpacks as it arrives (engine/builder/upload.h).
    auto upload = engine.builds.newUpload(options->dockerfile);
    exchange.receiveBody(
        std::make_unique<UploadSink>(upload), [&engine, &exchange, upload, options = *options](Result<> received) {
            if (!received) {
                upload->abort(received.error());
                return respondError(exchange,
                    { Code::InvalidArgument,
                        QStringLiteral("the build context could not be read: %1").arg(received.error().message) });
            }
            auto stream = Stream::open(exchange, &engine.builds, "application/json");
            QMetaObject::invokeMethod(&engine.builds, [&engine, stream, upload, options] {
                auto progress = std::make_shared<StreamProgress>(stream, options.quiet);
                QPointer<builder::Build> running = engine.builds.start(
                    options, upload, *progress, [stream, progress](Result<builder::Outcome> outcome) {
                        if (outcome)
                            progress->succeeded(*outcome);
                        else
                            progress->failed(outcome.error());
                        stream->finish(outcome ? Result<>() : Result<>(fail(outcome.error())));
                    });
                // A client that goes away cancels its build.
                stream->onGone([running] {
                    if (running)
                        running->cancel();
                });
            });
        });
}

// POST /build/prune: drops build cache entries — those of intermediate
// images only, or with all=1 every one — last used before `until`, until
// keep-storage bytes are left.
void pruneBuildCache(docker::Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    auto filters = parseFilters(request);
    if (!filters)
        return respondError(exchange, filters.error());
    static const QStringList known{ QStringLiteral("until"), QStringLiteral("id"), QStringLiteral("parent"),
        QStringLiteral("type"), QStringLiteral("description"), QStringLiteral("inuse"), QStringLiteral("shared"),
        QStringLiteral("private") };
    std::optional<QDateTime> until;
    for (auto it = filters->cbegin(); it != filters->cend(); ++it) {
        if (!known.contains(it.key()))
            return respondError(
                exchange, { Code::InvalidArgument, QStringLiteral("Invalid filter '%1'").arg(it.key()) });
        if (it.key() == u"until" && !it.value().isEmpty()) {
            auto time = untilTime(it.value().first());
            if (!time)
                return respondError(exchange, time.error());
            until = *time;
        }
    }
    qint64 keep = 0;
    for (const QString &number : { QStringLiteral("keep-storage"), QStringLiteral("reserved-space") }) {
        bool ok = true;
        qint64 value = 0;
        if (const QString text = queryValue(request, number); !text.isEmpty())
            value = text.toLongLong(&ok);
        if (!ok)
            return respondError(exchange, { Code::InvalidArgument, QStringLiteral("invalid %1").arg(number) });
        keep = std::max(keep, value);
    }
    const bool all = queryFlag(request, QStringLiteral("all"));
    answerOnEngine(exchange, &engine.images, [&engine, until, keep, all]() -> http::Response {
        auto pruned = engine.images.pruneBuildCache(until, keep, all);
        if (!pruned)
            return errorResponse(pruned.error());
        return json(QJsonObject{ { QStringLiteral("CachesDeleted"), QJsonArray::fromStringList(pruned->first) },
            { QStringLiteral("SpaceReclaimed"), pruned->second } });
    });
}

// POST /commit: docker commit.
void commitContainer(docker::Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    builder::CommitOptions options;
    options.container = queryValue(request, QStringLiteral("container"));
    options.comment = queryValue(request, QStringLiteral("comment"));
    options.author = queryValue(request, QStringLiteral("author"));
    if (!queryValue(request, QStringLiteral("pause")).isEmpty())
        options.pause = queryFlag(request, QStringLiteral("pause"));
    options.changes = queryValues(request, QStringLiteral("changes"));
    if (const QString repository = queryValue(request, QStringLiteral("repo")); !repository.isEmpty()) {
        auto reference = docker::referenceOf(repository, queryValue(request, QStringLiteral("tag")));
        if (!reference)
            return respondError(exchange, reference.error());
        if (reference->digest)
            return respondError(
                exchange, { Code::InvalidArgument, QStringLiteral("cannot commit with a digest reference") });
        options.tag = *reference;
    }
    answerOnEngineLater(exchange, &engine.builds, [&engine, options](Reply reply) {
        engine.builds.commit(options, [reply](Result<oci::Digest> id) {
            reply(id ? json(QJsonObject{ { QStringLiteral("Id"), id->toString() } }, 201) : errorResponse(id.error()));
        });
    });
}

} // namespace muelle::engine::rest
