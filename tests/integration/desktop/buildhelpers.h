#pragma once
// What the build tests share: a file written into a test's folder, a free
// loopback port to publish on, and a page fetched from the host (no proxy:
// loopback, whatever the environment says), retried until it answers with
// `expected` or the time is up.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

inline void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

inline int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort();
}

inline bool pageHolds(int port, const QByteArray &expected, int timeoutMs = 20000)
{
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    return QTest::qWaitFor(
        [&] {
            QNetworkReply *reply = network.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port))));
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(3000);
            const QByteArray page = reply->readAll();
            reply->deleteLater();
            return page.contains(expected);
        },
        timeoutMs);
}
