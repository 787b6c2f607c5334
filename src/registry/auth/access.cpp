#include "registry/auth/access.h"

#include <algorithm>

namespace muelle::registry::auth {

namespace {

const QString kRepository = QStringLiteral("repository");
const QString kRegistry = QStringLiteral("registry");
const QString kAll = QStringLiteral("*");
const QString kPull = QStringLiteral("pull");
const QString kAnonymous = QStringLiteral("anonymous");

bool isTypeChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
}

// "repository", or with a resource class as Docker writes for plugins: "repository(plugin)".
bool validType(QStringView type)
{
    qsizetype i = 0;
    while (i < type.size() && isTypeChar(type[i]))
        ++i;
    if (i == 0)
        return false;
    if (i == type.size())
        return true;
    if (type[i] != u'(' || !type.endsWith(u')'))
        return false;
    const QStringView resourceClass = type.sliced(i + 1, type.size() - i - 2);
    return !resourceClass.isEmpty() && std::all_of(resourceClass.begin(), resourceClass.end(), isTypeChar);
}

// Repository names (with an optional host:port in front), "catalog". The
// check is loose on structure but keeps out anything that could break a
// quoted challenge header or a log line.
bool validName(QStringView name)
{
    if (name.isEmpty())
        return false;
    return std::all_of(name.begin(), name.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.'
            || c == u'_' || c == u'-' || c == u'/' || c == u':';
    });
}

bool validAction(QStringView action)
{
    if (action == u"*")
        return true;
    return !action.isEmpty() && std::all_of(action.begin(), action.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || c == u'-' || c == u'_';
    });
}

// "repository(plugin)" -> "repository".
QStringView baseType(QStringView type)
{
    const qsizetype paren = type.indexOf(u'(');
    return paren < 0 ? type : type.first(paren);
}

// Shell-style glob: "*" matches any run of characters ("/" included, so
// "team/*" covers "team/a/b" and "*" every repository), "?" one character.
bool globMatch(QStringView pattern, QStringView text)
{
    qsizetype p = 0, t = 0;
    qsizetype starP = -1, starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == u'?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == u'*') {
            starP = p++;
            starT = t;
        } else if (starP >= 0) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

bool ruleCoversAccount(const AccessRule &rule, const QString &account)
{
    // "anonymous" names the clients without credentials and nobody else;
    // every other pattern applies to authenticated accounts only.
    if (account.isEmpty())
        return rule.account == kAnonymous;
    if (rule.account == kAnonymous)
        return false;
    return globMatch(rule.account, account);
}

// What one account may do to one resource: a set of actions, or all of them.
struct Allowed {
    bool all = false;
    QStringList actions;

    void add(const QStringList &more)
    {
        for (const QString &action : more) {
            if (action == kAll)
                all = true;
            else if (!actions.contains(action))
                actions.append(action);
        }
    }
    bool covers(const QString &action) const { return all || actions.contains(action); }
};

Allowed allowedOnRepository(const AuthConfig &config, const QString &account, const QString &repository)
{
    Allowed allowed;
    // Pull for anonymous clients is also pull for everyone: signing in never
    // takes away what an anonymous client could do.
    if (config.anonymousPull)
        allowed.add({ kPull });
    if (!account.isEmpty() && config.access.isEmpty())
        allowed.all = true;
    for (const AccessRule &rule : config.access) {
        if (ruleCoversAccount(rule, account) && globMatch(rule.repository, repository))
            allowed.add(rule.actions);
    }
    return allowed;
}

// Registry-wide resources (the catalog) list every repository, so they go to
// whoever may pull every repository: any authenticated account when there are
// no rules, otherwise a rule for repository "*" that allows pull. Anonymous
// pull alone does not open the catalog.
Allowed allowedOnRegistry(const AuthConfig &config, const QString &account)
{
    Allowed allowed;
    if (!account.isEmpty() && config.access.isEmpty())
        allowed.all = true;
    for (const AccessRule &rule : config.access) {
        if (!ruleCoversAccount(rule, account) || rule.repository != kAll)
            continue;
        if (rule.actions.contains(kPull) || rule.actions.contains(kAll))
            allowed.all = true;
    }
    return allowed;
}

} // namespace

Result<Scope> Scope::parse(QStringView text)
{
    const auto invalid = [&](const QString &why) {
        return fail(Code::InvalidArgument, QStringLiteral("scope \"%1\": %2").arg(text.toString(), why));
    };
    const qsizetype first = text.indexOf(u':');
    const qsizetype last = text.lastIndexOf(u':');
    if (first < 0 || first == last)
        return invalid(QStringLiteral("want TYPE:NAME:ACTIONS"));

    Scope scope;
    scope.type = text.first(first).toString();
    scope.name = text.sliced(first + 1, last - first - 1).toString();
    if (!validType(scope.type))
        return invalid(QStringLiteral("bad resource type"));
    if (!validName(scope.name))
        return invalid(QStringLiteral("bad resource name"));
    for (QStringView action : text.sliced(last + 1).split(u',')) {
        if (!validAction(action))
            return invalid(QStringLiteral("bad action \"%1\"").arg(action.toString()));
        if (!scope.actions.contains(action))
            scope.actions.append(action.toString());
    }
    return scope;
}

Result<QList<Scope>> Scope::parseList(const QStringList &texts)
{
    QList<Scope> scopes;
    for (const QString &text : texts) {
        for (QStringView one : QStringView(text).split(u' ', Qt::SkipEmptyParts)) {
            Result<Scope> scope = parse(one);
            if (!scope)
                return fail(scope.error());
            // The same resource asked twice (Docker does this) is one scope
            // with the union of the actions.
            auto same = std::find_if(scopes.begin(), scopes.end(),
                [&](const Scope &s) { return s.type == scope->type && s.name == scope->name; });
            if (same == scopes.end()) {
                scopes.append(*scope);
                continue;
            }
            for (const QString &action : scope->actions) {
                if (!same->actions.contains(action))
                    same->actions.append(action);
            }
        }
    }
    return scopes;
}

QString Scope::toString() const
{
    return type + u':' + name + u':' + actions.join(u',');
}

Scope grant(const AuthConfig &config, const QString &account, const Scope &wanted)
{
    Scope granted{ wanted.type, wanted.name, {} };
    const QStringView type = baseType(wanted.type);
    Allowed allowed;
    if (type == kRepository)
        allowed = allowedOnRepository(config, account, wanted.name);
    else if (type == kRegistry)
        allowed = allowedOnRegistry(config, account);
    for (const QString &action : wanted.actions) {
        if (allowed.covers(action))
            granted.actions.append(action);
    }
    return granted;
}

} // namespace muelle::registry::auth
