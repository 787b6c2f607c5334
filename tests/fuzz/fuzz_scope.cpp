// Token scopes: the `scope` query parameter any client sends to the token
// endpoint, and the scopes a bearer challenge names.

#include "fuzzcheck.h"
#include "registry/auth/access.h"

#include <QSet>
#include <QString>
#include <QStringList>

using namespace muelle;
using namespace muelle::registry::auth;

namespace {

bool sameScope(const Scope &a, const Scope &b)
{
    return a.type == b.type && a.name == b.name && a.actions == b.actions;
}

void checkWellFormed(const Scope &scope)
{
    CHECK(!scope.type.isEmpty() && !scope.name.isEmpty() && !scope.actions.isEmpty());
    CHECK(QSet<QString>(scope.actions.begin(), scope.actions.end()).size() == scope.actions.size());
    for (const QString &action : scope.actions)
        CHECK(!action.isEmpty() && !action.contains(u',') && !action.contains(u':'));
    CHECK(!scope.type.contains(u':'));
    CHECK(!scope.toString().contains(u' '));
    const Result<Scope> again = Scope::parse(scope.toString());
    CHECK(again && sameScope(*again, scope));
}

void checkScope(const QString &text)
{
    const Result<Scope> scope = Scope::parse(text);
    if (!scope) {
        CHECK(scope.error().code == Code::InvalidArgument);
        return;
    }
    checkWellFormed(*scope);
    // One scope is a list of one.
    const Result<QList<Scope>> list = Scope::parseList({ text });
    CHECK(list && list->size() == 1 && sameScope(list->front(), *scope));
}

// Lines as repeated parameters, spaces within a line as the list separator.
void checkList(const QString &text)
{
    const QStringList texts = text.split(u'\n');
    const Result<QList<Scope>> scopes = Scope::parseList(texts);
    if (!scopes) {
        CHECK(scopes.error().code == Code::InvalidArgument);
        return;
    }
    QSet<QString> resources;
    QStringList printed;
    for (const Scope &scope : *scopes) {
        checkWellFormed(scope);
        resources.insert(scope.type + u'\n' + scope.name);
        printed.append(scope.toString());
    }
    CHECK(resources.size() == scopes->size());
    const Result<QList<Scope>> again = Scope::parseList({ printed.join(u' ') });
    CHECK(again && again->size() == scopes->size());
    for (qsizetype i = 0; i < scopes->size(); ++i)
        CHECK(sameScope(again->at(i), scopes->at(i)));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const fuzz::RunningInput running(data, size);
    fuzz::quietLogs();
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    checkScope(text);
    checkList(text);
    return 0;
}
