#include "registry/auth/htpasswd.h"

#include "registry/auth/logging.h"

#include <QFile>

#include <crypt.h>

#include <algorithm>
#include <memory>

namespace muelle::registry::auth {

namespace {

// "$2y$05$" + 22 characters of salt + 31 of hash.
constexpr qsizetype kBcryptLength = 60;
constexpr qsizetype kBcryptSettingLength = 29;
// Used when the file has no entry to borrow a setting from.
constexpr char kFallbackSetting[] = "$2y$05$abcdefghijklmnopqrstuu";

bool isBcryptChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '/';
}

bool isBcrypt(QByteArrayView hash)
{
    if (hash.size() != kBcryptLength)
        return false;
    if (!hash.startsWith("$2y$") && !hash.startsWith("$2b$") && !hash.startsWith("$2a$"))
        return false;
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (!digit(hash[4]) || !digit(hash[5]) || hash[6] != '$')
        return false;
    const QByteArrayView rest = hash.sliced(7);
    return std::all_of(rest.begin(), rest.end(), isBcryptChar);
}

// The bcrypt hash of `password` with the cost and salt of `setting`; empty
// when libcrypt refuses. The crypt_data lives on the heap (it is 32 KiB) and
// per call, so concurrent checks need no lock.
QByteArray bcrypt(const QByteArray &password, const QByteArray &setting)
{
    auto data = std::make_unique<crypt_data>();
    const char *out = crypt_rn(password.constData(), setting.constData(), data.get(), int(sizeof(crypt_data)));
    if (out == nullptr || out[0] == '*')
        return {};
    return QByteArray(out);
}

bool constantTimeEqual(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

Result<Htpasswd> Htpasswd::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        const Code code
            = file.error() == QFileDevice::OpenError && !file.exists() ? Code::NotFound : Code::PermissionDenied;
        return fail(code, QStringLiteral("open \"%1\": %2").arg(path, file.errorString()));
    }
    const QByteArray contents = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fail(Code::DataLoss, QStringLiteral("read \"%1\": %2").arg(path, file.errorString()));
    return parse(contents, path);
}

Result<Htpasswd> Htpasswd::parse(const QByteArray &contents, const QString &path)
{
    Htpasswd result;
    int lineNumber = 0;
    for (const QByteArray &rawLine : contents.split('\n')) {
        ++lineNumber;
        const QByteArrayView line = QByteArrayView(rawLine).trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const auto invalid = [&](const QString &why) {
            return fail(Code::InvalidArgument,
                QStringLiteral("htpasswd \"%1\" line %2: %3").arg(path).arg(lineNumber).arg(why));
        };
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return invalid(QStringLiteral("want USER:HASH"));
        const QString user = QString::fromUtf8(line.first(colon));
        const QByteArrayView hash = line.sliced(colon + 1);
        if (!isBcrypt(hash))
            return invalid(
                QStringLiteral("user \"%1\": not a bcrypt hash (only bcrypt is accepted, as `htpasswd -B` writes it)")
                    .arg(user));
        if (result.hashes_.contains(user))
            return invalid(QStringLiteral("user \"%1\" appears twice").arg(user));
        result.hashes_.insert(user, hash.toByteArray());
        if (result.dummySetting_.isEmpty())
            result.dummySetting_ = hash.first(kBcryptSettingLength).toByteArray();
    }
    if (result.dummySetting_.isEmpty())
        result.dummySetting_ = QByteArray(kFallbackSetting);
    qCDebug(lcAuth) << "loaded htpasswd" << path << "with" << result.hashes_.size() << "users";
    return result;
}

bool Htpasswd::verify(const QString &user, const QByteArray &password) const
{
    // crypt() stops at a NUL: "secret\0anything" must not pass for "secret".
    const auto it = hashes_.constFind(user);
    if (it == hashes_.cend() || password.contains('\0')) {
        bcrypt(password, dummySetting_);
        return false;
    }
    const QByteArray computed = bcrypt(password, *it);
    return !computed.isEmpty() && constantTimeEqual(computed, *it);
}

} // namespace muelle::registry::auth
