#include "engine/distribution/credentials.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace muelle::engine::distribution {

Result<Credentials> credentialsFromHeader(const QByteArray &header)
{
    if (header.isEmpty())
        return Credentials{};
    const auto decoded = QByteArray::fromBase64Encoding(
        header, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    const auto standard
        = decoded ? decoded : QByteArray::fromBase64Encoding(header, QByteArray::AbortOnBase64DecodingErrors);
    const QJsonDocument document = QJsonDocument::fromJson(standard ? *standard : QByteArray());
    if (!standard || !document.isObject())
        return fail(Code::InvalidArgument, QStringLiteral("X-Registry-Auth: want base64url-encoded JSON"));
    const QJsonObject object = document.object();
    return Credentials{ object.value(u"username").toString(), object.value(u"password").toString(),
        object.value(u"identitytoken").toString() };
}

QString registryHost(const QString &serverAddress)
{
    QString address = serverAddress.trimmed();
    if (address.contains(u"://"))
        address = QUrl(address).authority();
    while (address.endsWith(u'/'))
        address.chop(1);
    if (address.isEmpty() || address == u"index.docker.io" || address == u"registry-1.docker.io")
        return QStringLiteral("docker.io");
    return address.section(u'/', 0, 0);
}

Result<> CredentialStore::load()
{
    QFile file(path_);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return fail(Code::Internal, QStringLiteral("open \"%1\": %2").arg(path_, file.errorString()));
    const QJsonDocument document = QJsonDocument::fromJson(file.read(1 << 20));
    if (!document.isObject())
        return fail(Code::DataLoss, QStringLiteral("\"%1\": not a JSON object").arg(path_));
    const QJsonObject all = document.object();
    for (auto it = all.begin(); it != all.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        byRegistry_.insert(it.key(),
            { entry.value(u"username").toString(), entry.value(u"password").toString(),
                entry.value(u"identitytoken").toString() });
    }
    return {};
}

Result<> CredentialStore::save(const QString &registry, const Credentials &credentials)
{
    QHash<QString, Credentials> next = byRegistry_;
    next.insert(registry, credentials);
    return write(std::move(next));
}

Result<> CredentialStore::remove(const QString &registry)
{
    if (!byRegistry_.contains(registry))
        return fail(Code::NotFound, QStringLiteral("not logged in to %1").arg(registry));
    QHash<QString, Credentials> next = byRegistry_;
    next.remove(registry);
    return write(std::move(next));
}

Result<> CredentialStore::write(QHash<QString, Credentials> next)
{
    QJsonObject all;
    for (auto it = next.cbegin(); it != next.cend(); ++it) {
        all.insert(it.key(),
            QJsonObject{ { QStringLiteral("username"), it->username }, { QStringLiteral("password"), it->password },
                { QStringLiteral("identitytoken"), it->identityToken } });
    }
    // Created 0600 from the start: the file is never readable by others.
    const QString temp = path_ + QStringLiteral(".tmp");
    const QByteArray bytes = QJsonDocument(all).toJson(QJsonDocument::Compact);
    const int fd = ::open(QFile::encodeName(temp).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(systemError(QStringLiteral("open"), temp, errno));
    const bool written = ::fchmod(fd, 0600) == 0 && ::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size()
        && ::fsync(fd) == 0;
    const int error = errno;
    ::close(fd);
    if (!written)
        return fail(systemError(QStringLiteral("write"), temp, error));
    if (::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path_).constData()) != 0)
        return fail(systemError(QStringLiteral("rename"), temp, errno));
    byRegistry_ = std::move(next);
    return {};
}

} // namespace muelle::engine::distribution
