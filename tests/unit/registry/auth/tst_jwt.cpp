// ES256 tokens: round trip, rejections, and the signature and key id
// checked with the `openssl` CLI.

#include "registry/auth/jwt.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace muelle;
using namespace muelle::registry;
using namespace muelle::registry::auth;
using namespace authtest;

namespace {

// An ASN.1 INTEGER from big-endian magnitude bytes, written here by hand so
// the openssl check does not reuse the code under test.
QByteArray derInteger(QByteArray magnitude)
{
    while (magnitude.size() > 1 && magnitude[0] == '\0')
        magnitude.remove(0, 1);
    if (static_cast<unsigned char>(magnitude[0]) & 0x80)
        magnitude.prepend('\0');
    return QByteArray(1, '\x02') + char(magnitude.size()) + magnitude;
}

} // namespace

class TestJwt : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;

    QString path(const char *name) const { return dir_.filePath(QString::fromLatin1(name)); }
    std::shared_ptr<SigningKey> key() const { return SigningKey::loadOrCreate(path("token.key")).value(); }

    Claims claims() const
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        Claims c;
        c.issuer = kIssuer;
        c.subject = QStringLiteral("alice");
        c.audience = kService;
        c.issuedAt = now;
        c.notBefore = now;
        c.expires = now.addSecs(300);
        c.id = QStringLiteral("abc123");
        c.access = scopes({ "repository:team/app:pull,push", "registry:catalog:*" });
        return c;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void keyIsCreatedPrivate()
    {
        const QString keyPath = path("token.key");
        QVERIFY(!QFile::exists(keyPath));
        const auto created = SigningKey::loadOrCreate(keyPath);
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
        QCOMPARE(QFile::permissions(keyPath),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
        QVERIFY(QRegularExpression(QStringLiteral("^([A-Z2-7]{4}:){11}[A-Z2-7]{4}$"))
                    .match((*created)->keyId())
                    .hasMatch());
        const auto reloaded = SigningKey::loadOrCreate(keyPath);
        QVERIFY(reloaded);
        QCOMPARE((*reloaded)->keyId(), (*created)->keyId());
    }

    void keyKinds()
    {
        const QString p384 = path("p384.key"), p256 = path("p256-traditional.key");
        QCOMPARE(run(QStringLiteral("openssl"),
                     { QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"),
                         QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-384"), QStringLiteral("-out"),
                         p384 }),
            0);
        const auto wrongCurve = SigningKey::loadOrCreate(p384);
        QVERIFY(!wrongCurve);
        QCOMPARE(wrongCurve.error().code, Code::InvalidArgument);

        QCOMPARE(run(QStringLiteral("openssl"),
                     { QStringLiteral("ecparam"), QStringLiteral("-genkey"), QStringLiteral("-name"),
                         QStringLiteral("prime256v1"), QStringLiteral("-noout"), QStringLiteral("-out"), p256 }),
            0);
        QVERIFY(SigningKey::loadOrCreate(p256));

        QFile garbage(path("garbage.key"));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("not a key\n");
        garbage.close();
        const auto bad = SigningKey::loadOrCreate(garbage.fileName());
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, Code::InvalidArgument);
    }

    void tokenRoundTrip()
    {
        const auto signer = key();
        const Claims original = claims();
        const QByteArray token = signer->sign(original);
        QCOMPARE(token.count('.'), 2);
        QVERIFY(!token.contains('='));

        const QJsonObject header = decodePart(token, 0);
        QCOMPARE(header.value(QLatin1StringView("typ")).toString(), QStringLiteral("JWT"));
        QCOMPARE(header.value(QLatin1StringView("alg")).toString(), QStringLiteral("ES256"));
        QCOMPARE(header.value(QLatin1StringView("kid")).toString(), signer->keyId());
        const QJsonObject payload = decodePart(token, 1);
        for (const char *claim : { "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "access" })
            QVERIFY2(payload.contains(QLatin1StringView(claim)), claim);
        QCOMPARE(
            payload.value(QLatin1StringView("access")).toArray().at(0).toObject().value(QLatin1StringView("actions")),
            QJsonValue(QJsonArray{ QStringLiteral("pull"), QStringLiteral("push") }));
        QCOMPARE(QByteArray::fromBase64(token.split('.').at(2), QByteArray::Base64UrlEncoding).size(), 64);

        const Result<Claims> verified = signer->verify(token, original.issuer, original.audience);
        QVERIFY2(verified, qPrintable(verified ? QString() : verified.error().message));
        QCOMPARE(verified->subject, original.subject);
        QCOMPARE(verified->id, original.id);
        QCOMPARE(verified->expires.toSecsSinceEpoch(), original.expires.toSecsSinceEpoch());
        QCOMPARE(verified->access.size(), 2);
        QCOMPARE(verified->access.at(0).toString(), QStringLiteral("repository:team/app:pull,push"));
        QCOMPARE(verified->access.at(1).toString(), QStringLiteral("registry:catalog:*"));
    }

    // The signature and key id checked with the openssl CLI, independently of our OpenSSL calls.
    void tokenMatchesOpensslCli()
    {
        const auto signer = key();
        const QByteArray token = signer->sign(claims());
        const QByteArray jose = QByteArray::fromBase64(token.split('.').at(2), QByteArray::Base64UrlEncoding);
        QCOMPARE(jose.size(), 64);
        const QByteArray body = derInteger(jose.first(32)) + derInteger(jose.sliced(32));
        const QByteArray der = QByteArray(1, '\x30') + char(body.size()) + body;

        QFile input(path("signing-input")), signature(path("signature.der"));
        QVERIFY(input.open(QIODevice::WriteOnly));
        input.write(token.left(token.lastIndexOf('.')));
        input.close();
        QVERIFY(signature.open(QIODevice::WriteOnly));
        signature.write(der);
        signature.close();
        const QString pub = path("pub.pem"), pubDer = path("pub.der");
        QCOMPARE(run(QStringLiteral("openssl"),
                     { QStringLiteral("pkey"), QStringLiteral("-in"), path("token.key"), QStringLiteral("-pubout"),
                         QStringLiteral("-out"), pub }),
            0);
        QByteArray output;
        QCOMPARE(run(QStringLiteral("openssl"),
                     { QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"), pub,
                         QStringLiteral("-signature"), signature.fileName(), input.fileName() },
                     &output),
            0);
        QVERIFY2(output.contains("Verified OK"), output.constData());

        QCOMPARE(run(QStringLiteral("openssl"),
                     { QStringLiteral("pkey"), QStringLiteral("-in"), path("token.key"), QStringLiteral("-pubout"),
                         QStringLiteral("-outform"), QStringLiteral("DER"), QStringLiteral("-out"), pubDer }),
            0);
        QFile derFile(pubDer);
        QVERIFY(derFile.open(QIODevice::ReadOnly));
        const QByteArray digest = QCryptographicHash::hash(derFile.readAll(), QCryptographicHash::Sha256).left(30);
        QString bits;
        for (char c : digest)
            bits += QString::number(static_cast<unsigned char>(c), 2).rightJustified(8, u'0');
        const QString alphabet = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        QString kid;
        for (int i = 0; i < bits.size(); i += 5) {
            if (i > 0 && i % 20 == 0)
                kid += u':';
            kid += alphabet.at(bits.mid(i, 5).toInt(nullptr, 2));
        }
        QCOMPARE(signer->keyId(), kid);
    }

    void tokenRejects_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("audience");

        const auto signer = key();
        const Claims good = claims();
        const QByteArray token = signer->sign(good);
        const QList<QByteArray> parts = token.split('.');
        const QString iss = good.issuer;

        QJsonObject payload = decodePart(token, 1);
        payload.insert(QStringLiteral("sub"), QStringLiteral("admin"));
        QTest::newRow("tampered payload") << parts[0] + '.' + encodePart(payload) + '.' + parts[2] << iss << kService;

        QByteArray signature = QByteArray::fromBase64(parts[2], QByteArray::Base64UrlEncoding);
        signature[10] = char(signature[10] ^ 1);
        QTest::newRow("tampered signature") << parts[0] + '.' + parts[1] + '.'
                + signature.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
                                            << iss << kService;
        QTest::newRow("wrong audience") << token << iss << QStringLiteral("other-service");
        QTest::newRow("wrong issuer") << token << QStringLiteral("someone-else") << kService;

        Claims expired = good;
        expired.expires = QDateTime::currentDateTimeUtc().addSecs(-120);
        QTest::newRow("expired") << signer->sign(expired) << iss << kService;
        Claims early = good;
        early.notBefore = QDateTime::currentDateTimeUtc().addSecs(120);
        QTest::newRow("not yet valid") << signer->sign(early) << iss << kService;

        const QJsonObject none{ { QStringLiteral("typ"), QStringLiteral("JWT") },
            { QStringLiteral("alg"), QStringLiteral("none") } };
        QTest::newRow("alg none") << encodePart(none) + '.' + parts[1] + '.' << iss << kService;
        QTest::newRow("alg none with signature")
            << encodePart(none) + '.' + parts[1] + '.' + parts[2] << iss << kService;
        const QJsonObject hs{ { QStringLiteral("typ"), QStringLiteral("JWT") },
            { QStringLiteral("alg"), QStringLiteral("HS256") } };
        QTest::newRow("alg HS256") << encodePart(hs) + '.' + parts[1] + '.' + parts[2] << iss << kService;

        const auto other = SigningKey::loadOrCreate(path("other.key")).value();
        QTest::newRow("other key") << other->sign(good) << iss << kService;
        QTest::newRow("two parts") << parts[0] + '.' + parts[1] << iss << kService;
        QTest::newRow("four parts") << token + ".x" << iss << kService;
        QTest::newRow("empty") << QByteArray() << iss << kService;
        QTest::newRow("padded") << token + "==" << iss << kService;
    }

    void tokenRejects()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, issuer);
        QFETCH(QString, audience);
        const Result<Claims> verified = key()->verify(token, issuer, audience);
        QVERIFY(!verified);
        QCOMPARE(verified.error().code, Code::Unauthenticated);
    }

    void tokenLeeway()
    {
        const auto signer = key();
        Claims c = claims();
        c.expires = QDateTime::currentDateTimeUtc().addSecs(-30);
        c.notBefore = QDateTime::currentDateTimeUtc().addSecs(30);
        QVERIFY(signer->verify(signer->sign(c), c.issuer, c.audience));
    }
};

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"
