// Platform strings, their JSON form, aliases and matching an image to a host.

#include "oci/platform.h"

#include <QJsonArray>
#include <QSysInfo>
#include <QTest>

using namespace Qt::StringLiterals;
using muelle::Code;
using muelle::oci::Platform;

class TestPlatform : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void jsonRoundTrip();
    void fromJsonMinimal();
    void fromJsonInvalid_data();
    void fromJsonInvalid();
    void matches_data();
    void matches();
    void host();
};

void TestPlatform::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("os");
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<QString>("variant");

    QTest::newRow("amd64") << u"linux/amd64"_s << u"linux"_s << u"amd64"_s << QString();
    QTest::newRow("x86_64") << u"linux/x86_64"_s << u"linux"_s << u"amd64"_s << QString();
    QTest::newRow("x86-64") << u"linux/x86-64"_s << u"linux"_s << u"amd64"_s << QString();
    QTest::newRow("amd64 v3") << u"linux/amd64/v3"_s << u"linux"_s << u"amd64"_s << u"v3"_s;
    QTest::newRow("arm64") << u"linux/arm64"_s << u"linux"_s << u"arm64"_s << QString();
    QTest::newRow("arm64 v8") << u"linux/arm64/v8"_s << u"linux"_s << u"arm64"_s << u"v8"_s;
    QTest::newRow("aarch64") << u"linux/aarch64"_s << u"linux"_s << u"arm64"_s << QString();
    QTest::newRow("arm64 numeric variant") << u"linux/arm64/8"_s << u"linux"_s << u"arm64"_s << u"v8"_s;
    QTest::newRow("armhf") << u"linux/armhf"_s << u"linux"_s << u"arm"_s << u"v7"_s;
    QTest::newRow("armel") << u"linux/armel"_s << u"linux"_s << u"arm"_s << u"v6"_s;
    QTest::newRow("armv7l") << u"linux/armv7l"_s << u"linux"_s << u"arm"_s << u"v7"_s;
    QTest::newRow("arm v6") << u"linux/arm/v6"_s << u"linux"_s << u"arm"_s << u"v6"_s;
    QTest::newRow("arm numeric variant") << u"linux/arm/7"_s << u"linux"_s << u"arm"_s << u"v7"_s;
    QTest::newRow("arm no variant") << u"linux/arm"_s << u"linux"_s << u"arm"_s << QString();
    QTest::newRow("i386") << u"linux/i386"_s << u"linux"_s << u"386"_s << QString();
    QTest::newRow("ppc64el") << u"linux/ppc64el"_s << u"linux"_s << u"ppc64le"_s << QString();
    QTest::newRow("s390x") << u"linux/s390x"_s << u"linux"_s << u"s390x"_s << QString();
    QTest::newRow("riscv64") << u"linux/riscv64"_s << u"linux"_s << u"riscv64"_s << QString();
    QTest::newRow("windows") << u"windows/amd64"_s << u"windows"_s << u"amd64"_s << QString();
    QTest::newRow("macos") << u"macos/arm64"_s << u"darwin"_s << u"arm64"_s << QString();
    QTest::newRow("uppercase") << u"Linux/AMD64"_s << u"linux"_s << u"amd64"_s << QString();
}

void TestPlatform::parseValid()
{
    QFETCH(QString, text);
    QFETCH(QString, os);
    QFETCH(QString, architecture);
    QFETCH(QString, variant);

    const auto platform = Platform::parse(text);
    QVERIFY2(platform.has_value(), qPrintable(platform ? QString() : platform.error().message));
    QCOMPARE(platform->os, os);
    QCOMPARE(platform->architecture, architecture);
    QCOMPARE(platform->variant, variant);
    const auto again = Platform::parse(platform->toString());
    QVERIFY(again.has_value());
    QCOMPARE(again->toString(), platform->toString());
}

void TestPlatform::parseInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QString() << u"platform \"\": want os/architecture[/variant]"_s;
    QTest::newRow("os only") << u"linux"_s << u"want os/architecture[/variant]"_s;
    QTest::newRow("too many parts") << u"linux/arm/v7/x"_s << u"want os/architecture[/variant]"_s;
    QTest::newRow("empty architecture") << u"linux/"_s << u"platform \"linux/\": empty architecture"_s;
    QTest::newRow("empty os") << u"/amd64"_s << u"empty os"_s;
    QTest::newRow("empty variant") << u"linux/arm/"_s << u"empty variant"_s;
    QTest::newRow("space") << u"linux/amd 64"_s << u"invalid character ' ' in architecture"_s;
    QTest::newRow("colon") << u"linux:5/amd64"_s << u"invalid character ':' in os"_s;
}

void TestPlatform::parseInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, message);

    const auto platform = Platform::parse(text);
    QVERIFY(!platform.has_value());
    QCOMPARE(platform.error().code, Code::InvalidArgument);
    QVERIFY2(platform.error().message.contains(message), qPrintable(platform.error().message));
}

void TestPlatform::jsonRoundTrip()
{
    const QJsonObject json{
        { u"os"_s, u"windows"_s },
        { u"architecture"_s, u"amd64"_s },
        { u"os.version"_s, u"10.0.17763.1"_s },
        { u"os.features"_s, QJsonArray{ u"win32k"_s } },
        { u"variant"_s, u"v2"_s },
    };
    const auto platform = Platform::fromJson(json);
    QVERIFY(platform.has_value());
    QCOMPARE(platform->os, u"windows"_s);
    QCOMPARE(platform->architecture, u"amd64"_s);
    QCOMPARE(platform->variant, u"v2"_s);
    QCOMPARE(platform->osVersion, u"10.0.17763.1"_s);
    QCOMPARE(platform->osFeatures, QStringList{ u"win32k"_s });
    QCOMPARE(platform->toJson(), json);
    QCOMPARE(platform->toString(), u"windows/amd64/v2"_s);
}

void TestPlatform::fromJsonMinimal()
{
    const QJsonObject json{ { u"os"_s, u"linux"_s }, { u"architecture"_s, u"arm64"_s } };
    const auto platform = Platform::fromJson(json);
    QVERIFY(platform.has_value());
    QCOMPARE(platform->toString(), u"linux/arm64"_s);
    QCOMPARE(platform->toJson(), json); // no empty optional keys
}

void TestPlatform::fromJsonInvalid_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QJsonObject() << u"os: missing"_s;
    QTest::newRow("no architecture") << QJsonObject{ { u"os"_s, u"linux"_s } } << u"architecture: missing"_s;
    QTest::newRow("empty os") << QJsonObject{ { u"os"_s, u""_s }, { u"architecture"_s, u"amd64"_s } }
                              << u"os: must not be empty"_s;
    QTest::newRow("empty architecture") << QJsonObject{ { u"os"_s, u"linux"_s }, { u"architecture"_s, u""_s } }
                                        << u"architecture: must not be empty"_s;
    QTest::newRow("architecture number") << QJsonObject{ { u"os"_s, u"linux"_s }, { u"architecture"_s, 64 } }
                                         << u"architecture: want a string, got a number"_s;
    QTest::newRow("variant array") << QJsonObject{ { u"os"_s, u"linux"_s }, { u"architecture"_s, u"arm"_s },
        { u"variant"_s, QJsonArray() } }
                                   << u"variant: want a string, got an array"_s;
    QTest::newRow("features not strings") << QJsonObject{ { u"os"_s, u"linux"_s }, { u"architecture"_s, u"arm"_s },
        { u"os.features"_s, QJsonArray{ 1 } } }
                                          << u"os.features[0]: want a string, got a number"_s;
}

void TestPlatform::fromJsonInvalid()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, message);

    const auto platform = Platform::fromJson(json);
    QVERIFY(!platform.has_value());
    QCOMPARE(platform.error().code, Code::InvalidArgument);
    QCOMPARE(platform.error().message, message);
}

void TestPlatform::matches_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QString>("wanted");
    QTest::addColumn<bool>("expected");

    QTest::newRow("same") << u"linux/amd64"_s << u"linux/amd64"_s << true;
    QTest::newRow("alias") << u"linux/amd64"_s << u"linux/x86_64"_s << true;
    QTest::newRow("arm64 empty vs v8") << u"linux/arm64"_s << u"linux/arm64/v8"_s << true;
    QTest::newRow("arm64 v8 vs empty") << u"linux/arm64/v8"_s << u"linux/arm64"_s << true;
    QTest::newRow("arm64 v8 vs aarch64") << u"linux/arm64/v8"_s << u"linux/aarch64"_s << true;
    QTest::newRow("arm64 v8 on v8.2") << u"linux/arm64/v8"_s << u"linux/arm64/v8.2"_s << true;
    QTest::newRow("arm64 v8.2 on v8") << u"linux/arm64/v8.2"_s << u"linux/arm64/v8"_s << false;
    QTest::newRow("arm v7 vs arm") << u"linux/arm/v7"_s << u"linux/arm"_s << true;
    QTest::newRow("arm vs armhf") << u"linux/arm"_s << u"linux/armhf"_s << true;
    QTest::newRow("arm v6 on v7") << u"linux/arm/v6"_s << u"linux/arm/v7"_s << true;
    QTest::newRow("arm v5 on v7") << u"linux/arm/v5"_s << u"linux/arm/v7"_s << true;
    QTest::newRow("arm v7 on v6") << u"linux/arm/v7"_s << u"linux/arm/v6"_s << false;
    QTest::newRow("arm v8 on default") << u"linux/arm/v8"_s << u"linux/arm"_s << false;
    QTest::newRow("amd64 on v3") << u"linux/amd64"_s << u"linux/amd64/v3"_s << true;
    QTest::newRow("amd64 v3 on default") << u"linux/amd64/v3"_s << u"linux/amd64"_s << false;
    QTest::newRow("amd64 v1 on default") << u"linux/amd64/v1"_s << u"linux/amd64"_s << true;
    QTest::newRow("other architecture") << u"linux/amd64"_s << u"linux/arm64"_s << false;
    QTest::newRow("arm on arm64") << u"linux/arm/v7"_s << u"linux/arm64"_s << false;
    QTest::newRow("other os") << u"windows/amd64"_s << u"linux/amd64"_s << false;
    QTest::newRow("unordered variants") << u"linux/riscv64/a"_s << u"linux/riscv64/b"_s << false;
    QTest::newRow("unordered same") << u"linux/riscv64/a"_s << u"linux/riscv64/a"_s << true;
    QTest::newRow("386") << u"linux/386"_s << u"linux/i686"_s << true;
}

void TestPlatform::matches()
{
    QFETCH(QString, image);
    QFETCH(QString, wanted);
    QFETCH(bool, expected);

    const auto imagePlatform = Platform::parse(image);
    const auto wantedPlatform = Platform::parse(wanted);
    QVERIFY(imagePlatform && wantedPlatform);
    QCOMPARE(imagePlatform->matches(*wantedPlatform), expected);
}

void TestPlatform::host()
{
    const Platform host = Platform::host();
    QVERIFY(!host.os.isEmpty());
    QVERIFY(!host.architecture.isEmpty());
    QVERIFY(host.matches(host));
    const auto parsed = Platform::parse(host.toString());
    QVERIFY2(parsed.has_value(), qPrintable(host.toString()));
    QCOMPARE(parsed->toString(), host.toString());
    if (QSysInfo::buildCpuArchitecture() == u"x86_64"_s)
        QCOMPARE(host.architecture, u"amd64"_s);
    if (QSysInfo::kernelType() == u"linux"_s) {
        QCOMPARE(host.os, u"linux"_s);
        QVERIFY(Platform::parse(u"linux/"_s + host.architecture)->matches(host));
    }
}

QTEST_GUILESS_MAIN(TestPlatform)
#include "tst_platform.moc"
