#pragma once
// Helpers shared by the auth tests: running the real tools (`htpasswd`,
// `openssl`), building scopes and requests, taking tokens apart.

#include "http/message.h"
#include "registry/auth/access.h"

#include <QJsonObject>
#include <QStringList>

#include <initializer_list>

namespace authtest {

inline const QString kRealm = QStringLiteral("https://reg.example/token");
inline const QString kService = QStringLiteral("muelle-test");
inline const QString kIssuer = QStringLiteral("muelle-issuer");

// Runs a tool, returning its exit code (-1 when it could not start or crashed).
int run(const QString &program, const QStringList &args, QByteArray *output = nullptr);

// Writes `path` with Apache's `htpasswd -B`: alice/secret, bob/hunter2 and
// carol/"p+ss w0rd". False, with the reason in `error`, when the tool is
// missing or fails.
bool writeHtpasswd(const QString &path, QString *error);

muelle::registry::auth::Scope scope(const char *text);
QList<muelle::registry::auth::Scope> scopes(std::initializer_list<const char *> texts);

muelle::http::Request request(const QByteArray &authorization = {}, const QString &query = {});
QByteArray basic(const char *user, const char *password);

// The JSON of a token's header (part 0) or claims (part 1), and back.
QJsonObject decodePart(const QByteArray &token, int part);
QByteArray encodePart(const QJsonObject &object);

} // namespace authtest
