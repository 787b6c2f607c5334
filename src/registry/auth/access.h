#pragma once
// Access scopes as Docker's token flow writes them
// ("repository:library/busybox:pull,push", "registry:catalog:*"), and the
// rules of the config that grant them.

#include "base/error.h"
#include "registry/config.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace muelle::registry::auth {

struct Scope {
    QString type; // "repository", "registry"
    QString name; // "library/busybox", "catalog"
    QStringList actions; // "pull", "push", "delete", "*"

    // One scope string; InvalidArgument when malformed. Repository names may
    // hold ":" only as a registry port would, so the last ":" splits actions.
    static Result<Scope> parse(QStringView text);
    // A space-separated list (as in the `scope` query parameter, which may also repeat).
    static Result<QList<Scope>> parseList(const QStringList &texts);
    QString toString() const;
};

// The actions of `wanted` that `account` is granted by the rules.
// `account` is empty for an anonymous client. With no rules, an authenticated
// account gets everything it asks for; anonymous gets "pull" when
// anonymousPull is set, and nothing else. Rules add to that (and anonymous
// pull is pull for every account too). A rule's account is a glob over user
// names ("*": any authenticated account) or "anonymous", which means clients
// without credentials only; its repository is a glob whose "*" also spans
// "/" ("team/*" covers "team/a/b"); action "*" means all. Registry-wide
// scopes ("registry:catalog:*") list every repository, so they need pull on
// every repository: any account when there are no rules, else a rule for
// repository "*" with pull or "*". Anonymous pull alone does not open them.
Scope grant(const AuthConfig &config, const QString &account, const Scope &wanted);

} // namespace muelle::registry::auth
