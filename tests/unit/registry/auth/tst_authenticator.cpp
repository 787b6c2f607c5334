// The Authenticator's decisions and challenges in each mode, and the token
// endpoint.

#include "registry/auth/authenticator.h"
#include "registry/auth/jwt.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace muelle;
using namespace muelle::registry;
using namespace muelle::registry::auth;
using namespace authtest;

class TestAuthenticator : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString htpasswdPath_;

    QString path(const char *name) const { return dir_.filePath(QString::fromLatin1(name)); }

    AuthConfig htpasswdConfig() const
    {
        AuthConfig config;
        config.htpasswd = HtpasswdConfig{ QStringLiteral("test-realm"), htpasswdPath_ };
        return config;
    }

    AuthConfig tokenConfig(const char *keyFile = "token.key") const
    {
        AuthConfig config = htpasswdConfig();
        TokenConfig token;
        token.realm = kRealm;
        token.service = kService;
        token.issuer = kIssuer;
        token.keyPath = path(keyFile);
        token.expirationSeconds = 300;
        config.token = token;
        return config;
    }

    // The key of tokenConfig(), to check issued tokens directly.
    std::shared_ptr<SigningKey> key() const { return SigningKey::loadOrCreate(path("token.key")).value(); }

    static QByteArray tokenFor(const Authenticator &auth, const http::Request &r)
    {
        const Result<QByteArray> body = auth.issueToken(r);
        if (!body)
            return {};
        return QJsonDocument::fromJson(*body).object().value(QLatin1StringView("token")).toString().toLatin1();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        htpasswdPath_ = path("htpasswd");
        QString error;
        QVERIFY2(writeHtpasswd(htpasswdPath_, &error), qPrintable(error));
    }

    void noneModeAllowsEverything()
    {
        const auto auth = Authenticator::create(AuthConfig{}).value();
        QVERIFY(!auth->tokenMode());
        QVERIFY(auth->authorize(request(), scopes({ "repository:a:pull,push,delete" })).allowed);
        QVERIFY(auth->authorize(request(), {}).allowed);
        QCOMPARE(auth->issueToken(request()).error().code, Code::NotFound);
    }

    // --- authenticator: htpasswd ------------------------------------------

    void htpasswdMode()
    {
        AuthConfig config = htpasswdConfig();
        config.access = { AccessRule{ QStringLiteral("bob"), QStringLiteral("*"), { QStringLiteral("pull") } } };
        const auto auth = Authenticator::create(config).value();
        const QByteArray challenge = "Basic realm=\"test-realm\"";
        const QList<Scope> push = scopes({ "repository:team/app:pull,push" });

        Decision d = auth->authorize(request(), push);
        QVERIFY(!d.allowed);
        QCOMPARE(d.code, Code::Unauthenticated);
        QCOMPARE(d.challenge, challenge);
        d = auth->authorize(request(), {});
        QCOMPARE(d.code, Code::Unauthenticated);
        QCOMPARE(d.challenge, challenge);

        d = auth->authorize(request(basic("alice", "wrong")), push);
        QVERIFY(!d.allowed);
        QCOMPARE(d.code, Code::Unauthenticated);
        QCOMPARE(d.challenge, challenge);
        d = auth->authorize(request("Basic !!notbase64"), push);
        QCOMPARE(d.code, Code::Unauthenticated);
        d = auth->authorize(request(basic("mallory", "secret")), push);
        QCOMPARE(d.code, Code::Unauthenticated);
        d = auth->authorize(request("Bearer abc"), push);
        QCOMPARE(d.code, Code::Unauthenticated);
        QCOMPARE(d.challenge, challenge);

        // No rule names alice: rules exist, so she gets nothing.
        d = auth->authorize(request(basic("alice", "secret")), {});
        QVERIFY(d.allowed);
        QCOMPARE(d.account, QStringLiteral("alice"));
        d = auth->authorize(request(basic("alice", "secret")), push);
        QCOMPARE(d.code, Code::PermissionDenied);
        QVERIFY(d.challenge.isEmpty());

        d = auth->authorize(request(basic("bob", "hunter2")), scopes({ "repository:team/app:pull" }));
        QVERIFY(d.allowed);
        QCOMPARE(d.account, QStringLiteral("bob"));
        d = auth->authorize(request("basic " + QByteArray("bob:hunter2").toBase64()), push);
        QVERIFY(!d.allowed);
        QCOMPARE(d.code, Code::PermissionDenied);
        QCOMPARE(d.account, QStringLiteral("bob"));
    }

    void htpasswdModeAnonymousPull()
    {
        AuthConfig config = htpasswdConfig();
        config.anonymousPull = true;
        const auto auth = Authenticator::create(config).value();
        QVERIFY(auth->authorize(request(), {}).allowed);
        QVERIFY(auth->authorize(request(), scopes({ "repository:team/app:pull" })).allowed);
        const Decision push = auth->authorize(request(), scopes({ "repository:team/app:push" }));
        QCOMPARE(push.code, Code::Unauthenticated);
        QCOMPARE(push.challenge, QByteArray("Basic realm=\"test-realm\""));
        // Wrong credentials stay wrong even where anonymous would do.
        QCOMPARE(auth->authorize(request(basic("alice", "nope")), scopes({ "repository:team/app:pull" })).code,
            Code::Unauthenticated);
        QVERIFY(auth->authorize(request(basic("alice", "secret")), scopes({ "repository:team/app:push" })).allowed);
    }

    void htpasswdModeMissingFile()
    {
        AuthConfig config;
        config.htpasswd = HtpasswdConfig{ QStringLiteral("r"), path("missing-htpasswd") };
        const auto auth = Authenticator::create(config);
        QVERIFY(!auth);
        QCOMPARE(auth.error().code, Code::NotFound);
    }

    // --- authenticator: token ---------------------------------------------

    void tokenModeNeedsCredentialsFile()
    {
        AuthConfig config = tokenConfig();
        config.htpasswd.reset();
        const auto auth = Authenticator::create(config);
        QVERIFY(!auth);
        QCOMPARE(auth.error().code, Code::InvalidArgument);
    }

    void tokenModeChallenges()
    {
        const auto auth = Authenticator::create(tokenConfig()).value();
        QVERIFY(auth->tokenMode());
        Decision d = auth->authorize(request(), {});
        QVERIFY(!d.allowed);
        QCOMPARE(d.code, Code::Unauthenticated);
        QCOMPARE(d.challenge, QByteArray("Bearer realm=\"https://reg.example/token\",service=\"muelle-test\""));

        d = auth->authorize(request(), scopes({ "repository:team/app:pull,push", "repository:h:5000/x:pull" }));
        QCOMPARE(d.code, Code::Unauthenticated);
        QCOMPARE(d.challenge,
            QByteArray("Bearer realm=\"https://reg.example/token\",service=\"muelle-test\","
                       "scope=\"repository:team/app:pull,push repository:h:5000/x:pull\""));

        d = auth->authorize(request("Bearer garbage"), scopes({ "repository:team/app:pull" }));
        QCOMPARE(d.code, Code::Unauthenticated);
        QCOMPARE(d.challenge,
            QByteArray("Bearer realm=\"https://reg.example/token\",service=\"muelle-test\","
                       "scope=\"repository:team/app:pull\",error=\"invalid_token\""));
        d = auth->authorize(request(basic("alice", "secret")), scopes({ "repository:team/app:pull" }));
        QCOMPARE(d.code, Code::Unauthenticated);
    }

    void tokenModeIssuesAndChecks()
    {
        const auto auth = Authenticator::create(tokenConfig()).value();
        const QString query
            = QStringLiteral("service=muelle-test&account=alice&scope=repository%3Ateam%2Fapp%3Apull%2Cpush"
                             "&scope=registry%3Acatalog%3A*");
        const Result<QByteArray> body = auth->issueToken(request(basic("alice", "secret"), query));
        QVERIFY2(body, qPrintable(body ? QString() : body.error().message));
        const QJsonObject json = QJsonDocument::fromJson(*body).object();
        const QByteArray token = json.value(QLatin1StringView("token")).toString().toLatin1();
        QVERIFY(!token.isEmpty());
        QCOMPARE(json.value(QLatin1StringView("access_token")).toString().toLatin1(), token);
        QCOMPARE(json.value(QLatin1StringView("expires_in")).toInt(), 300);
        const QDateTime issued
            = QDateTime::fromString(json.value(QLatin1StringView("issued_at")).toString(), Qt::ISODate);
        QVERIFY(issued.isValid());
        QVERIFY(qAbs(issued.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QVERIFY(json.value(QLatin1StringView("issued_at")).toString().endsWith(u'Z'));

        const Claims claims = key()->verify(token, kIssuer, kService).value();
        QCOMPARE(claims.subject, QStringLiteral("alice"));
        QCOMPARE(claims.access.size(), 2);

        const QByteArray bearer = "Bearer " + token;
        Decision d = auth->authorize(request(bearer), scopes({ "repository:team/app:pull" }));
        QVERIFY(d.allowed);
        QCOMPARE(d.account, QStringLiteral("alice"));
        QVERIFY(auth->authorize(request(bearer), scopes({ "repository:team/app:push" })).allowed);
        QVERIFY(auth->authorize(request(bearer), scopes({ "registry:catalog:*" })).allowed);
        QVERIFY(auth->authorize(request(bearer), {}).allowed);

        d = auth->authorize(request(bearer), scopes({ "repository:other:push" }));
        QVERIFY(!d.allowed);
        QCOMPARE(d.code, Code::Unauthenticated);
        QCOMPARE(d.account, QStringLiteral("alice"));
        QCOMPARE(d.challenge,
            QByteArray("Bearer realm=\"https://reg.example/token\",service=\"muelle-test\","
                       "scope=\"repository:other:push\",error=\"insufficient_scope\""));
        d = auth->authorize(request(bearer), scopes({ "repository:team/app:delete" }));
        QCOMPARE(d.challenge,
            QByteArray("Bearer realm=\"https://reg.example/token\",service=\"muelle-test\","
                       "scope=\"repository:team/app:delete\",error=\"insufficient_scope\""));

        // A token this registry did not sign.
        const auto other = Authenticator::create(tokenConfig("other-registry.key")).value();
        const QByteArray foreign = tokenFor(*other, request(basic("alice", "secret"), query));
        QVERIFY(!foreign.isEmpty());
        d = auth->authorize(request("Bearer " + foreign), scopes({ "repository:team/app:pull" }));
        QCOMPARE(d.code, Code::Unauthenticated);
        QVERIFY(d.challenge.endsWith(",error=\"invalid_token\""));
    }

    void tokenModeRefuses()
    {
        const auto auth = Authenticator::create(tokenConfig()).value();
        const QString query = QStringLiteral("service=muelle-test&scope=repository%3Ateam%2Fapp%3Apull");
        Result<QByteArray> body = auth->issueToken(request(basic("alice", "wrong"), query));
        QVERIFY(!body);
        QCOMPARE(body.error().code, Code::Unauthenticated);
        body = auth->issueToken(request(basic("nobody", "secret"), query));
        QCOMPARE(body.error().code, Code::Unauthenticated);
        body = auth->issueToken(request("Bearer x", query));
        QCOMPARE(body.error().code, Code::Unauthenticated);
        body = auth->issueToken(request(basic("alice", "secret"), QStringLiteral("service=elsewhere")));
        QCOMPARE(body.error().code, Code::InvalidArgument);
        body = auth->issueToken(request(basic("alice", "secret"), QStringLiteral("scope=repository%3Aa")));
        QCOMPARE(body.error().code, Code::InvalidArgument);
    }

    void tokenModeAnonymous()
    {
        const QList<Scope> pull = scopes({ "repository:team/app:pull" });
        const QString query
            = QStringLiteral("service=muelle-test&scope=repository:team/app:pull,push+repository:b:pull");

        // Anonymous pull off: the token endpoint still answers, with no access.
        auto auth = Authenticator::create(tokenConfig()).value();
        QByteArray token = tokenFor(*auth, request({}, query));
        QVERIFY(!token.isEmpty());
        QVERIFY(key()->verify(token, kIssuer, kService).value().access.isEmpty());
        Decision d = auth->authorize(request("Bearer " + token), pull);
        QCOMPARE(d.code, Code::Unauthenticated);
        QVERIFY(d.challenge.endsWith(",error=\"insufficient_scope\""));
        QCOMPARE(auth->authorize(request(), pull).code, Code::Unauthenticated);

        // On: anonymous tokens carry pull (and only pull).
        AuthConfig config = tokenConfig();
        config.anonymousPull = true;
        auth = Authenticator::create(config).value();
        token = tokenFor(*auth, request({}, query));
        const Claims claims = key()->verify(token, kIssuer, kService).value();
        QCOMPARE(claims.subject, QString());
        QCOMPARE(claims.access.size(), 2);
        QCOMPARE(claims.access.at(0).toString(), QStringLiteral("repository:team/app:pull"));
        QCOMPARE(claims.access.at(1).toString(), QStringLiteral("repository:b:pull"));
        QVERIFY(auth->authorize(request("Bearer " + token), pull).allowed);
        d = auth->authorize(request("Bearer " + token), scopes({ "repository:team/app:push" }));
        QCOMPARE(d.code, Code::Unauthenticated);
        // Without any token: pulls pass, the /v2/ probe still gets the challenge
        // so Docker learns the token realm.
        QVERIFY(auth->authorize(request(), pull).allowed);
        d = auth->authorize(request(), {});
        QCOMPARE(d.code, Code::Unauthenticated);
        QCOMPARE(d.challenge, QByteArray("Bearer realm=\"https://reg.example/token\",service=\"muelle-test\""));
    }

    void tokenModePostForm()
    {
        const auto auth = Authenticator::create(tokenConfig()).value();
        const QByteArray form = "grant_type=password&client_id=docker&username=carol&password=p%2Bss+w0rd"
                                "&service=muelle-test&scope=repository%3Ateam%2Fapp%3Apull+repository%3Ab%3Apush";
        const Result<QByteArray> body = auth->issueToken(request(), form);
        QVERIFY2(body, qPrintable(body ? QString() : body.error().message));
        const QByteArray token
            = QJsonDocument::fromJson(*body).object().value(QLatin1StringView("access_token")).toString().toLatin1();
        const Claims claims = key()->verify(token, kIssuer, kService).value();
        QCOMPARE(claims.subject, QStringLiteral("carol"));
        QCOMPARE(claims.access.size(), 2);

        QCOMPARE(auth->issueToken(request(), QByteArray("grant_type=password&username=carol&password=p%2Bss+w0rdx"))
                     .error()
                     .code,
            Code::Unauthenticated);
        QCOMPARE(auth->issueToken(request(), QByteArray("grant_type=password&username=carol&password=p+ss+w0rd"))
                     .error()
                     .code,
            Code::Unauthenticated);
        QCOMPARE(auth->issueToken(request(), QByteArray("grant_type=refresh_token&refresh_token=x")).error().code,
            Code::InvalidArgument);
        QCOMPARE(auth->issueToken(request(), QByteArray("grant_type=password&password=x")).error().code,
            Code::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestAuthenticator)
#include "tst_authenticator.moc"
