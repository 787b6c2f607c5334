#include "registry/app.h"

#include "base/filelock.h"
#include "base/loglevel.h"
#include "base/unixsignals.h"
#include "http/server.h"
#include "registry/accesslog.h"
#include "registry/auth/authenticator.h"
#include "registry/gc/gc.h"
#include "registry/handlers/dispatcher.h"
#include "registry/storage/paths.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QTextStream>

#include <cstdio>

namespace muelle::registry {

namespace {

void printError(const QString &message)
{
    QTextStream(stderr) << "muelle-registry: " << message << Qt::endl;
}

QString usage()
{
    return QStringLiteral("usage: muelle-registry serve [CONFIG] [--addr HOST:PORT] [--root DIR]\n"
                          "       muelle-registry gc [CONFIG] [--root DIR] [--grace DURATION] [--dry-run]");
}

Result<QSslConfiguration> tlsConfiguration(const Config &config)
{
    QFile certFile(config.tlsCertificate);
    QFile keyFile(config.tlsKey);
    if (!certFile.open(QIODevice::ReadOnly))
        return fail(Code::InvalidArgument,
            QStringLiteral("open certificate \"%1\": %2").arg(certFile.fileName(), certFile.errorString()));
    if (!keyFile.open(QIODevice::ReadOnly))
        return fail(Code::InvalidArgument,
            QStringLiteral("open key \"%1\": %2").arg(keyFile.fileName(), keyFile.errorString()));
    const auto chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    if (chain.isEmpty())
        return fail(
            Code::InvalidArgument, QStringLiteral("certificate \"%1\": no PEM certificate").arg(certFile.fileName()));
    if (key.isNull())
        return fail(
            Code::InvalidArgument, QStringLiteral("key \"%1\": no PEM RSA or EC private key").arg(keyFile.fileName()));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}

int serve(Config config)
{
    applyLogLevel(config.logLevel);
    auto registry = service::Registry::open(config.root);
    if (!registry) {
        printError(registry.error().message);
        return 1;
    }
    auto authenticator = auth::Authenticator::create(config.auth);
    if (!authenticator) {
        printError(authenticator.error().message);
        return 1;
    }
    http::Endpoint endpoint;
    endpoint.address = config.address;
    endpoint.port = config.port;
    if (!config.tlsCertificate.isEmpty()) {
        auto tls = tlsConfiguration(config);
        if (!tls) {
            printError(tls.error().message);
            return 1;
        }
        endpoint.tls = *tls;
    }
    handlers::Context context{ **registry, config, **authenticator };
    AccessLog accessLog; // outlives the server, whose threads write to it
    http::Server server(handlers::makeRouter(context), http::Limits{}, config.workers);
    if (config.accessLog) {
        server.setAccessLog([&accessLog](const http::Request &request, int status, qint64 bodyLength) {
            accessLog.record(request, status, bodyLength);
        });
    }
    if (auto listening = server.listen(endpoint); !listening) {
        printError(listening.error().message);
        return 1;
    }
    quitOnTerminationSignals();
    QTextStream(stderr) << "muelle-registry: serving " << config.root << " on "
                        << (endpoint.tls ? "https://" : "http://")
                        << (config.address.protocol() == QAbstractSocket::IPv6Protocol
                                   ? u'[' + config.address.toString() + u']'
                                   : config.address.toString())
                        << ':' << server.tcpPort() << Qt::endl;
    const int code = QCoreApplication::exec();
    server.close();
    return code;
}

bool serverRunning(const QString &root)
{
    auto lock = FileLock::acquire(storage::Paths(root).serverLock(), QStringLiteral("muelle-registry"));
    return !lock && lock.error().code == Code::Unavailable;
}

int collectGarbage(const Config &config, const gc::Options &options)
{
    auto registry = service::Registry::open(config.root, service::Registry::Role::Maintenance);
    if (!registry) {
        printError(registry.error().message);
        return 1;
    }
    auto report = gc::collect(**registry, options);
    if (!report) {
        printError(QStringLiteral("gc: ") + report.error().message);
        return 1;
    }
    QTextStream out(stdout);
    for (const QString &digest : report->removed)
        out << (options.dryRun ? "would remove " : "removed ") << digest << '\n';
    out << "gc: " << report->blobsRemoved << " blobs removed, " << report->bytesFreed << " bytes freed, "
        << report->uploadsPurged << " stale uploads purged" << Qt::endl;
    return 0;
}

} // namespace

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("serve or gc"));
    parser.addPositionalArgument(
        QStringLiteral("config"), QStringLiteral("YAML configuration file"), QStringLiteral("[CONFIG]"));
    const QCommandLineOption addr(
        QStringLiteral("addr"), QStringLiteral("Listen address."), QStringLiteral("HOST:PORT"));
    const QCommandLineOption root(QStringLiteral("root"), QStringLiteral("Storage root."), QStringLiteral("DIR"));
    const QCommandLineOption grace(QStringLiteral("grace"),
        QStringLiteral("gc: keep blobs linked this recently (e.g. 1h)."), QStringLiteral("DURATION"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("gc: only list what would go."));
    parser.addOptions({ addr, root, grace, dryRun });
    parser.addHelpOption();
    if (!parser.parse(QStringList{ QStringLiteral("muelle-registry") } + arguments)) {
        printError(parser.errorText() + u'\n' + usage());
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << usage() << Qt::endl;
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty() || positional.size() > 2 || (positional[0] != u"serve" && positional[0] != u"gc")) {
        printError(usage());
        return 2;
    }
    Config config;
    if (positional.size() == 2) {
        auto loaded = Config::load(positional[1]);
        if (!loaded) {
            printError(loaded.error().message);
            return 2;
        }
        config = *loaded;
    }
    if (parser.isSet(root))
        config.root = parser.value(root);
    if (parser.isSet(addr)) {
        if (auto set = config.setAddress(parser.value(addr)); !set) {
            printError(set.error().message);
            return 2;
        }
    }
    if (positional[0] == u"serve")
        return serve(config);
    gc::Options options;
    options.uploadPurgeAge = config.uploadPurgeAge;
    options.dryRun = parser.isSet(dryRun);
    if (parser.isSet(grace)) {
        const auto duration = parseDuration(parser.value(grace));
        if (!duration) {
            printError(QStringLiteral("--grace \"%1\": want a duration like 30s, 10m or 1h").arg(parser.value(grace)));
            return 2;
        }
        options.grace = *duration;
    } else if (serverRunning(config.root)) {
        // Pushes may be under way: keep what they recently uploaded or found.
        options.grace = std::chrono::hours(1);
        QTextStream(stderr) << "muelle-registry: a server is using " << config.root
                            << ": keeping blobs linked in the last hour (--grace changes that)" << Qt::endl;
    }
    return collectGarbage(config, options);
}

} // namespace muelle::registry
