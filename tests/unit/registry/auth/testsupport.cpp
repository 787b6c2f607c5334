#include "testsupport.h"

#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>

using namespace muelle::registry::auth;

namespace authtest {

int run(const QString &program, const QStringList &args, QByteArray *output)
{
    QProcess process;
    process.start(program, args);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit)
        return -1;
    if (output)
        *output = process.readAllStandardOutput();
    return process.exitCode();
}

bool writeHtpasswd(const QString &path, QString *error)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("htpasswd"));
    if (tool.isEmpty()) {
        *error = QStringLiteral(
            "htpasswd (apache2-utils) is not installed: the tests need it to write real bcrypt entries");
        return false;
    }
    const QList<QPair<QString, QString>> users = {
        { QStringLiteral("alice"), QStringLiteral("secret") },
        { QStringLiteral("bob"), QStringLiteral("hunter2") },
        { QStringLiteral("carol"), QStringLiteral("p+ss w0rd") },
    };
    bool first = true;
    for (const auto &[user, password] : users) {
        QStringList args{ QStringLiteral("-B"), QStringLiteral("-b") };
        if (first)
            args.append(QStringLiteral("-c"));
        args << path << user << password;
        if (run(tool, args) != 0) {
            *error = QStringLiteral("htpasswd -B -b %1 %2 failed").arg(path, user);
            return false;
        }
        first = false;
    }
    return true;
}

Scope scope(const char *text)
{
    return Scope::parse(QString::fromLatin1(text)).value();
}

QList<Scope> scopes(std::initializer_list<const char *> texts)
{
    QList<Scope> list;
    for (const char *text : texts)
        list.append(scope(text));
    return list;
}

muelle::http::Request request(const QByteArray &authorization, const QString &query)
{
    muelle::http::Request r;
    r.method = "GET";
    r.peer = QStringLiteral("127.0.0.1:4242");
    if (!authorization.isEmpty())
        r.headers.add("Authorization", authorization);
    r.query = QUrlQuery(query);
    return r;
}

QByteArray basic(const char *user, const char *password)
{
    return "Basic " + (QByteArray(user) + ':' + password).toBase64();
}

QJsonObject decodePart(const QByteArray &token, int part)
{
    const QByteArray data = QByteArray::fromBase64(token.split('.').value(part), QByteArray::Base64UrlEncoding);
    return QJsonDocument::fromJson(data).object();
}

QByteArray encodePart(const QJsonObject &object)
{
    return QJsonDocument(object)
        .toJson(QJsonDocument::Compact)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace authtest
