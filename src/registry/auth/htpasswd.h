#pragma once
// Apache htpasswd files with bcrypt entries ("user:$2y$05$..."), as
// `htpasswd -B` writes them, checked with libcrypt. Other hash kinds are
// refused at load time with a message naming the line.

#include "base/error.h"

#include <QHash>
#include <QString>

namespace muelle::registry::auth {

class Htpasswd {
public:
    static Result<Htpasswd> load(const QString &path);
    static Result<Htpasswd> parse(const QByteArray &contents, const QString &path);
    // True when the user exists and the password matches (constant work for
    // unknown users too, so timing does not reveal which users exist).
    bool verify(const QString &user, const QByteArray &password) const;

private:
    QHash<QString, QByteArray> hashes_;
    // What unknown users are checked against: the setting (cost and salt) of
    // an entry of the file, so the work matches a real check.
    QByteArray dummySetting_;
};

} // namespace muelle::registry::auth
