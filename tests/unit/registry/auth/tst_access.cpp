// Scope parsing and the access rules.

#include "registry/auth/access.h"
#include "testsupport.h"

#include <QTest>

using namespace muelle;
using namespace muelle::registry;
using namespace muelle::registry::auth;
using namespace authtest;

class TestAccess : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("actions");
        QTest::newRow("pull,push") << QStringLiteral("repository:library/busybox:pull,push")
                                   << QStringLiteral("repository") << QStringLiteral("library/busybox")
                                   << QStringList{ QStringLiteral("pull"), QStringLiteral("push") };
        QTest::newRow("port") << QStringLiteral("repository:localhost:5000/team/app:pull")
                              << QStringLiteral("repository") << QStringLiteral("localhost:5000/team/app")
                              << QStringList{ QStringLiteral("pull") };
        QTest::newRow("catalog") << QStringLiteral("registry:catalog:*") << QStringLiteral("registry")
                                 << QStringLiteral("catalog") << QStringList{ QStringLiteral("*") };
        QTest::newRow("class") << QStringLiteral("repository(plugin):vieux/sshfs:pull")
                               << QStringLiteral("repository(plugin)") << QStringLiteral("vieux/sshfs")
                               << QStringList{ QStringLiteral("pull") };
        QTest::newRow("repeated action") << QStringLiteral("repository:a:pull,pull,delete")
                                         << QStringLiteral("repository") << QStringLiteral("a")
                                         << QStringList{ QStringLiteral("pull"), QStringLiteral("delete") };
    }

    void parses()
    {
        QFETCH(QString, text);
        const Result<Scope> parsed = Scope::parse(text);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QTEST(parsed->type, "type");
        QTEST(parsed->name, "name");
        QTEST(parsed->actions, "actions");
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *bad : { "", "repository", "repository:name", "repository::pull", ":name:pull",
                 "repository:name:", "repository:na me:pull", "repository:a\"b:pull", "repository:a:pull,,push",
                 "Repository:a:pull", "repository:a:PULL" })
            QTest::newRow(bad) << QString::fromLatin1(bad);
    }

    void rejects()
    {
        QFETCH(QString, text);
        const Result<Scope> parsed = Scope::parse(text);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, Code::InvalidArgument);
    }

    void listMergesAndSplits()
    {
        const Result<QList<Scope>> list
            = Scope::parseList({ QStringLiteral("repository:a:pull  repository:h:5000/b:push"), QString(),
                QStringLiteral("repository:a:push"), QStringLiteral(" registry:catalog:* ") });
        QVERIFY(list);
        QCOMPARE(list->size(), 3);
        QCOMPARE(list->at(0).toString(), QStringLiteral("repository:a:pull,push"));
        QCOMPARE(list->at(1).toString(), QStringLiteral("repository:h:5000/b:push"));
        QCOMPARE(list->at(2).toString(), QStringLiteral("registry:catalog:*"));

        const Result<QList<Scope>> bad = Scope::parseList({ QStringLiteral("repository:a:pull repository:b") });
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, Code::InvalidArgument);
    }

    // --- rules ------------------------------------------------------------

    void grantWithoutRules()
    {
        AuthConfig config;
        const Scope push = scope("repository:team/app:pull,push,delete");
        QCOMPARE(grant(config, QStringLiteral("alice"), push).actions, push.actions);
        QCOMPARE(grant(config, QString(), push).actions, QStringList());
        QCOMPARE(grant(config, QStringLiteral("alice"), scope("registry:catalog:*")).actions,
            QStringList{ QStringLiteral("*") });
        QCOMPARE(grant(config, QString(), scope("registry:catalog:*")).actions, QStringList());

        config.anonymousPull = true;
        QCOMPARE(grant(config, QString(), push).actions, QStringList{ QStringLiteral("pull") });
        QCOMPARE(grant(config, QString(), scope("registry:catalog:*")).actions, QStringList());
        const Scope granted = grant(config, QStringLiteral("alice"), push);
        QCOMPARE(granted.type, push.type);
        QCOMPARE(granted.name, push.name);
        QCOMPARE(granted.actions, push.actions);
    }

    void grantWithRules_data()
    {
        QTest::addColumn<bool>("anonymousPull");
        QTest::addColumn<QString>("account");
        QTest::addColumn<QString>("wanted");
        QTest::addColumn<QString>("granted"); // actions, comma-separated

        const auto row = [](const char *name, bool anon, const char *account, const char *wanted, const char *granted) {
            QTest::newRow(name) << anon << QString::fromLatin1(account) << QString::fromLatin1(wanted)
                                << QString::fromLatin1(granted);
        };
        row("alice pushes her team", false, "alice", "repository:team/app:pull,push,delete", "pull,push");
        row("team/* spans levels", false, "alice", "repository:team/a/b:push", "push");
        row("team/* is not teamx", false, "alice", "repository:teamx/app:pull", "");
        row("any user pulls library", false, "alice", "repository:library/x:pull,push", "pull");
        row("bob not in team", false, "bob", "repository:team/app:pull", "");
        row("star is not anonymous", false, "", "repository:library/x:pull", "");
        row("anonymous rule", false, "", "repository:public/x:pull,push", "pull");
        row("anonymous rule not for users", false, "bob", "repository:public/x:pull", "");
        row("admin all actions", false, "admin", "repository:any/thing:pull,push,delete", "pull,push,delete");
        row("admin wildcard action", false, "admin", "repository:x:*", "*");
        row("alice no wildcard action", false, "alice", "repository:team/app:*", "");
        row("account glob", false, "ci-runner", "repository:builds/x:push", "push");
        row("account glob miss", false, "runner", "repository:builds/x:push", "");
        row("admin catalog", false, "admin", "registry:catalog:*", "*");
        row("alice no catalog", false, "alice", "registry:catalog:*", "");
        row("anonymous pull adds to rules", true, "bob", "repository:other/x:pull,push", "pull");
        row("anonymous pull for anonymous", true, "", "repository:other/x:pull,push", "pull");
        row("port in name", false, "admin", "repository:h:5000/x:pull", "pull");
    }

    void grantWithRules()
    {
        QFETCH(bool, anonymousPull);
        QFETCH(QString, account);
        QFETCH(QString, wanted);
        QFETCH(QString, granted);
        AuthConfig config;
        config.anonymousPull = anonymousPull;
        const auto rule = [](const char *account, const char *repository, QStringList actions) {
            return AccessRule{ QString::fromLatin1(account), QString::fromLatin1(repository), actions };
        };
        const QString pull = QStringLiteral("pull"), push = QStringLiteral("push"), all = QStringLiteral("*");
        config.access = { rule("alice", "team/*", { pull, push }), rule("*", "library/*", { pull }),
            rule("anonymous", "public/*", { pull }), rule("admin", "*", { all }), rule("ci-*", "builds/*", { push }) };
        const Scope result = grant(config, account, Scope::parse(wanted).value());
        QCOMPARE(result.actions.join(u','), granted);
    }
};

QTEST_GUILESS_MAIN(TestAccess)
#include "tst_access.moc"
