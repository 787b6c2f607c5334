// Htpasswd against files written by Apache's own `htpasswd -B`.

#include "registry/auth/htpasswd.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace muelle;
using namespace muelle::registry;
using namespace muelle::registry::auth;
using namespace authtest;

class TestHtpasswd : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString htpasswdPath_;

    QString path(const char *name) const { return dir_.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        htpasswdPath_ = path("htpasswd");
        QString error;
        QVERIFY2(writeHtpasswd(htpasswdPath_, &error), qPrintable(error));
    }

    void verifies()
    {
        const Result<Htpasswd> file = Htpasswd::load(htpasswdPath_);
        QVERIFY2(file, qPrintable(file ? QString() : file.error().message));
        QVERIFY(file->verify(QStringLiteral("alice"), "secret"));
        QVERIFY(file->verify(QStringLiteral("bob"), "hunter2"));
        QVERIFY(file->verify(QStringLiteral("carol"), "p+ss w0rd"));
        QVERIFY(!file->verify(QStringLiteral("alice"), "hunter2"));
        QVERIFY(!file->verify(QStringLiteral("alice"), "secret "));
        QVERIFY(!file->verify(QStringLiteral("alice"), ""));
        QVERIFY(!file->verify(QStringLiteral("alice"), QByteArray("secret\0more", 11)));
        QVERIFY(!file->verify(QStringLiteral("Alice"), "secret"));
        QVERIFY(!file->verify(QStringLiteral("mallory"), "secret"));
    }

    void acceptsEveryBcryptPrefix()
    {
        QFile file(htpasswdPath_);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray alice = file.readLine().trimmed(); // alice:$2y$05$...
        QVERIFY(alice.startsWith("alice:$2y$"));
        for (const char *prefix : { "$2a$", "$2b$", "$2y$" }) {
            const QByteArray line = "# a comment\n\n" + QByteArray(alice).replace("$2y$", prefix) + "\r\n";
            const Result<Htpasswd> parsed = Htpasswd::parse(line, QStringLiteral("mem"));
            QVERIFY2(parsed, prefix);
            QVERIFY2(parsed->verify(QStringLiteral("alice"), "secret"), prefix);
        }
    }

    void rejectsOtherSchemes_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("md5") << QByteArray("dave:$apr1$Ivd8aOJ6$Dm7QYaQ6ZxS/0n4c2tUeE.");
        QTest::newRow("sha1") << QByteArray("dave:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=");
        QTest::newRow("crypt") << QByteArray("dave:rqXexS6ZhobKA");
        QTest::newRow("plain") << QByteArray("dave:secret");
        QTest::newRow("truncated bcrypt") << QByteArray("dave:$2y$05$abc");
        QTest::newRow("no colon") << QByteArray("dave");
    }

    void rejectsOtherSchemes()
    {
        QFETCH(QByteArray, line);
        QFile file(htpasswdPath_);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray contents = file.readAll() + "\n" + line + "\n";
        const int lineNumber = int(contents.count('\n'));
        const Result<Htpasswd> parsed = Htpasswd::parse(contents, QStringLiteral("/etc/reg/htpasswd"));
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, Code::InvalidArgument);
        QVERIFY2(parsed.error().message.contains(QStringLiteral("\"/etc/reg/htpasswd\" line %1:").arg(lineNumber)),
            qPrintable(parsed.error().message));
    }

    void missingFile()
    {
        const Result<Htpasswd> file = Htpasswd::load(path("nope"));
        QVERIFY(!file);
        QCOMPARE(file.error().code, Code::NotFound);
    }

    // Unknown users cost a bcrypt run too; a missing one would be ~1000x faster.
    void unknownUserDoesTheWork()
    {
        const Htpasswd file = Htpasswd::load(htpasswdPath_).value();
        QElapsedTimer timer;
        qint64 known = 0, unknown = 0;
        for (int i = 0; i < 5; ++i) {
            timer.start();
            file.verify(QStringLiteral("alice"), "wrong");
            known += timer.nsecsElapsed();
            timer.start();
            file.verify(QStringLiteral("nobody"), "wrong");
            unknown += timer.nsecsElapsed();
        }
        QVERIFY2(unknown * 5 > known, qPrintable(QStringLiteral("known %1 ns, unknown %2 ns").arg(known).arg(unknown)));
    }
};

QTEST_GUILESS_MAIN(TestHtpasswd)
#include "tst_htpasswd.moc"
