// The value types of src/http: headers, ranges, reason phrases, response
// helpers, and the bodies that need no socket (BufferSink, FileSource).

#include "http/message.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace muelle;
using namespace muelle::http;

using Range = std::optional<QPair<qint64, qint64>>;
Q_DECLARE_METATYPE(Range)
Q_DECLARE_METATYPE(muelle::Code)

class TestMessage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void headersAreCaseInsensitive()
    {
        Headers headers;
        headers.add("Content-Type", "text/plain");
        headers.add("X-Multi", "a");
        headers.add("x-multi", "b");
        QCOMPARE(headers.value("content-type"), QByteArray("text/plain"));
        QCOMPARE(headers.value("CONTENT-TYPE"), QByteArray("text/plain"));
        QVERIFY(headers.contains("x-MULTI"));
        QCOMPARE(headers.values("X-Multi"), (QList<QByteArray>{ "a", "b" }));
        QCOMPARE(headers.value("Missing"), QByteArray());
        QVERIFY(!headers.contains("Content-Typ"));
        headers.set("X-MULTI", "c");
        QCOMPARE(headers.values("x-multi"), (QList<QByteArray>{ "c" }));
        QCOMPARE(headers.count(), 2);
        headers.remove("content-type");
        QVERIFY(!headers.contains("Content-Type"));
        QCOMPARE(headers.count(), 1);
    }

    void headerTokens()
    {
        Headers headers;
        headers.add("Connection", "keep-alive, Upgrade");
        headers.add("Expect", "100-Continue");
        QVERIFY(headers.containsToken("connection", "upgrade"));
        QVERIFY(headers.containsToken("Connection", "keep-alive"));
        QVERIFY(!headers.containsToken("Connection", "close"));
        QVERIFY(headers.containsToken("Expect", "100-continue"));
        QVERIFY(!headers.containsToken("Missing", "x"));
    }

    void parseRange_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<Range>("range");
        QTest::addColumn<Code>("code");
        const auto r = [](qint64 a, qint64 b) { return Range(QPair<qint64, qint64>(a, b)); };
        QTest::newRow("absent") << QByteArray() << 100LL << true << Range() << Code::Internal;
        QTest::newRow("first-last") << QByteArray("bytes=0-9") << 100LL << true << r(0, 9) << Code::Internal;
        QTest::newRow("single byte") << QByteArray("bytes=5-5") << 100LL << true << r(5, 5) << Code::Internal;
        QTest::newRow("open end") << QByteArray("bytes=10-") << 100LL << true << r(10, 99) << Code::Internal;
        QTest::newRow("last clamped") << QByteArray("bytes=90-200") << 100LL << true << r(90, 99) << Code::Internal;
        QTest::newRow("suffix") << QByteArray("bytes=-10") << 100LL << true << r(90, 99) << Code::Internal;
        QTest::newRow("suffix larger") << QByteArray("bytes=-500") << 100LL << true << r(0, 99) << Code::Internal;
        QTest::newRow("spaces") << QByteArray(" bytes=1-2 ") << 100LL << true << r(1, 2) << Code::Internal;
        QTest::newRow("unit case") << QByteArray("Bytes=1-2") << 100LL << true << r(1, 2) << Code::Internal;
        QTest::newRow("start beyond") << QByteArray("bytes=100-") << 100LL << false << Range() << Code::OutOfRange;
        QTest::newRow("start beyond closed")
            << QByteArray("bytes=150-160") << 100LL << false << Range() << Code::OutOfRange;
        QTest::newRow("zero suffix") << QByteArray("bytes=-0") << 100LL << false << Range() << Code::OutOfRange;
        QTest::newRow("empty resource") << QByteArray("bytes=0-") << 0LL << false << Range() << Code::OutOfRange;
        QTest::newRow("empty suffix") << QByteArray("bytes=-5") << 0LL << false << Range() << Code::OutOfRange;
        QTest::newRow("reversed") << QByteArray("bytes=9-1") << 100LL << false << Range() << Code::InvalidArgument;
        QTest::newRow("multiple") << QByteArray("bytes=0-1,5-6") << 100LL << false << Range() << Code::InvalidArgument;
        QTest::newRow("other unit") << QByteArray("items=0-1") << 100LL << false << Range() << Code::InvalidArgument;
        QTest::newRow("no dash") << QByteArray("bytes=5") << 100LL << false << Range() << Code::InvalidArgument;
        QTest::newRow("letters") << QByteArray("bytes=a-b") << 100LL << false << Range() << Code::InvalidArgument;
        QTest::newRow("negative") << QByteArray("bytes=--5") << 100LL << false << Range() << Code::InvalidArgument;
        QTest::newRow("bare dash") << QByteArray("bytes=-") << 100LL << false << Range() << Code::InvalidArgument;
        QTest::newRow("huge") << QByteArray("bytes=99999999999999999999-") << 100LL << false << Range()
                              << Code::InvalidArgument;
    }

    void parseRange()
    {
        QFETCH(QByteArray, header);
        QFETCH(qint64, size);
        QFETCH(bool, ok);
        QFETCH(Range, range);
        QFETCH(Code, code);
        const auto result = http::parseRange(header, size);
        QCOMPARE(bool(result), ok);
        if (ok)
            QCOMPARE(*result, range);
        else
            QCOMPARE(result.error().code, code);
    }

    void reasonPhrases()
    {
        QCOMPARE(reasonPhrase(200), QByteArray("OK"));
        QCOMPARE(reasonPhrase(404), QByteArray("Not Found"));
        QCOMPARE(reasonPhrase(416), QByteArray("Range Not Satisfiable"));
        QCOMPARE(reasonPhrase(431), QByteArray("Request Header Fields Too Large"));
        QCOMPARE(reasonPhrase(101), QByteArray("Switching Protocols"));
        QCOMPARE(reasonPhrase(499), QByteArray("Client Error"));
    }

    void responseHelpers()
    {
        const Response text = Response::text(404, "missing");
        QCOMPARE(text.status, 404);
        QCOMPARE(text.body, QByteArray("missing"));
        QCOMPARE(text.headers.value("content-type"), QByteArray("text/plain; charset=utf-8"));
        const Response json = Response::json(201, R"({"a":1})");
        QCOMPARE(json.status, 201);
        QCOMPARE(json.headers.value("Content-Type"), QByteArray("application/json"));
        QCOMPARE(json.body, QByteArray(R"({"a":1})"));
    }

    void bufferSinkLimit()
    {
        BufferSink sink(8);
        QVERIFY(sink.write("12345"));
        QVERIFY(sink.write("678"));
        const auto over = sink.write("9");
        QVERIFY(!over);
        QCOMPARE(over.error().code, Code::ResourceExhausted);
        QCOMPARE(sink.take(), QByteArray("12345678"));
    }

    void fileSource()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("0123456789");
        file.close();

        auto source = FileSource::open(path, 2, 5);
        QVERIFY(source);
        QCOMPARE((*source)->remaining(), 5);
        QCOMPARE(*(*source)->read(3), QByteArray("234"));
        QCOMPARE(*(*source)->read(100), QByteArray("56"));
        QCOMPARE(*(*source)->read(100), QByteArray());

        auto toEnd = FileSource::open(path, 7, -1);
        QVERIFY(toEnd);
        QCOMPARE(*(*toEnd)->read(100), QByteArray("789"));

        auto beyond = FileSource::open(path, 5, 10); // the file is shorter than announced
        QVERIFY(beyond);
        const auto short_ = (*beyond)->read(100);
        QVERIFY(!short_);
        QCOMPARE(short_.error().code, Code::DataLoss);

        const QString missingPath = dir.filePath(QStringLiteral("missing"));
        auto missing = FileSource::open(missingPath, 0, 1);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Code::NotFound);
        QCOMPARE(missing.error().message, QStringLiteral("open \"%1\": No such file or directory").arg(missingPath));
    }
};

QTEST_GUILESS_MAIN(TestMessage)
#include "tst_message.moc"
