#include "engine/builder/download.h"

#include <QDateTime>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <sys/stat.h>

namespace muelle::engine::builder {

namespace {

struct Fetch {
    QFile file;
    oci::Hasher hasher;
    std::optional<Error> error;
};

} // namespace

void download(QNetworkAccessManager &network, const QUrl &url, const QString &dir, const QString &checksum,
    std::function<void(Result<Downloaded>)> done)
{
    QString name = url.fileName();
    if (name.isEmpty() || name == u"." || name == u"..")
        return done(
            fail(Code::InvalidArgument, QStringLiteral("cannot determine a file name from %1").arg(url.toString())));
    std::optional<oci::Digest> expected;
    if (!checksum.isEmpty()) {
        auto parsed = oci::Digest::parse(checksum);
        if (!parsed)
            return done(fail(Code::InvalidArgument,
                QStringLiteral("invalid checksum %1: %2").arg(checksum, parsed.error().message)));
        expected = *parsed;
    }
    auto fetch = std::make_shared<Fetch>();
    fetch->file.setFileName(dir + u'/' + name);
    if (!fetch->file.open(QIODevice::WriteOnly))
        return done(fail(Code::Internal,
            QStringLiteral("create \"%1\": %2").arg(fetch->file.fileName(), fetch->file.errorString())));
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = network.get(request);
    // Each chunk goes to the file as it comes.
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [reply, fetch] {
        const QByteArray chunk = reply->readAll();
        if (fetch->error)
            return;
        fetch->hasher.update(chunk);
        if (fetch->file.write(chunk) != chunk.size())
            fetch->error = Error{ Code::Internal,
                QStringLiteral("write \"%1\": %2").arg(fetch->file.fileName(), fetch->file.errorString()) };
    });
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, fetch, url, name, expected, done] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError && status == 0)
            return done(fail(
                Code::Unavailable, QStringLiteral("failed to GET %1: %2").arg(url.toString(), reply->errorString())));
        if (status < 200 || status >= 300)
            return done(fail(Code::NotFound,
                QStringLiteral("failed to GET %1 with status %2 %3")
                    .arg(url.toString())
                    .arg(status)
                    .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString())));
        const QByteArray rest = reply->readAll();
        fetch->hasher.update(rest);
        if (!fetch->error && fetch->file.write(rest) != rest.size())
            fetch->error = Error{ Code::Internal, QStringLiteral("write \"%1\"").arg(fetch->file.fileName()) };
        if (fetch->error)
            return done(fail(*fetch->error));
        const oci::Digest digest = fetch->hasher.digest();
        if (expected && *expected != digest)
            return done(fail(Code::InvalidArgument,
                QStringLiteral("checksum mismatch for %1: expected %2, got %3")
                    .arg(url.toString(), expected->toString(), digest.toString())));
        fetch->file.close();
        // Docker leaves a remote file 0600, with the server's Last-Modified as its mtime.
        fetch->file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        const QDateTime modified = reply->header(QNetworkRequest::LastModifiedHeader).toDateTime();
        if (modified.isValid() && fetch->file.open(QIODevice::ReadWrite)) {
            fetch->file.setFileTime(modified, QFileDevice::FileModificationTime);
            fetch->file.close();
        }
        done(Downloaded{ name, digest });
    });
}

} // namespace muelle::engine::builder
