// The json-file log: the writer's exact bytes (escaping as Docker's, pieces
// of 16 KiB, rotation), the reader's --tail/--since/--until/stream filters
// across rotated files and over a torn last line, and following a log
// across a rotation.
#include "engine/logs/logreader.h"
#include "engine/logs/logwriter.h"
#include "tests/unit/engine/support.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <string>

using namespace Qt::StringLiterals;
using namespace muelle::engine::logs;
using muelle::engine::testing::why;

namespace {

QByteArray escaped(std::string_view text)
{
    return QByteArray::fromStdString(jsonEscape(text));
}

std::string sv(const QByteArray &bytes)
{
    return bytes.toStdString();
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

// The entries of a log file, each checked to be one JSON object per line.
QList<QJsonObject> entriesOf(const QString &path)
{
    QList<QJsonObject> entries;
    const QByteArray bytes = fileBytes(path);
    for (const QByteArray &line : bytes.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError)
            qWarning() << "not JSON:" << line;
        entries.append(document.object());
    }
    return entries;
}

QStringList logTexts(const QList<QJsonObject> &entries)
{
    QStringList texts;
    for (const QJsonObject &entry : entries)
        texts.append(entry.value("log"_L1).toString());
    return texts;
}

QList<LogLine> readAll(const QString &path, int maxFiles, const ReadOptions &options = {})
{
    QList<LogLine> lines;
    const auto read = readLog(path, maxFiles, options, [&](const LogLine &line) {
        lines.append(line);
        return true;
    });
    if (!read)
        qWarning() << read.error().message;
    return lines;
}

QByteArrayList textsOf(const QList<LogLine> &lines)
{
    QByteArrayList texts;
    for (const LogLine &line : lines)
        texts.append(line.text);
    return texts;
}

QByteArrayList numbered(int from, int to)
{
    QByteArrayList texts;
    for (int n = from; n < to; ++n)
        texts.append("line " + QByteArray::number(n) + '\n');
    return texts;
}

QByteArray entry(const char *text, const char *stream, const char *time)
{
    return "{\"log\":\""_ba + text + "\",\"stream\":\"" + stream + "\",\"time\":\"" + time + "\"}\n";
}

} // namespace

class TestLogs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void escapesAsDocker()
    {
        QCOMPARE(escaped("plain text 123 ~\x7f"), "plain text 123 ~\x7f");
        QCOMPARE(escaped("a\"b\\c/d"), "a\\\"b\\\\c/d");
        QCOMPARE(
            escaped(std::string_view("\n\r\t\b\f\x01\x1f\0", 8)), "\\n\\r\\u0009\\u0008\\u000c\\u0001\\u001f\\u0000");
        QCOMPARE(escaped("<b>&amp;</b>"), "\\u003cb\\u003e\\u0026amp;\\u003c/b\\u003e");
        QCOMPARE(escaped("\u00e9\u20ac\U0001F600 \uFFFD"), "\u00e9\u20ac\U0001F600 \uFFFD");
        QCOMPARE(escaped("a\u2028b\u2029c"), "a\\u2028b\\u2029c");
    }

    void invalidUtf8BecomesReplacementPerByte()
    {
        QCOMPARE(escaped("\xff"), "\\ufffd");
        QCOMPARE(escaped("x\xc3"), "x\\ufffd"); // cut short at the end
        QCOMPARE(escaped("\xe2\x82z"), "\\ufffd\\ufffdz"); // cut short
        QCOMPARE(escaped("\xc0\xaf"), "\\ufffd\\ufffd"); // overlong
        QCOMPARE(escaped("\xed\xa0\x80"), "\\ufffd\\ufffd\\ufffd"); // surrogate
        QCOMPARE(escaped("\xf4\x90\x80\x80"), "\\ufffd\\ufffd\\ufffd\\ufffd"); // > U+10FFFF
        QCOMPARE(escaped("\x80\xbf"), "\\ufffd\\ufffd"); // continuation bytes alone
    }

    void timesAsGoRfc3339Nano()
    {
        const auto rfc3339
            = [](int64_t seconds, int nanos) { return QByteArray::fromStdString(rfc3339Nano(seconds, nanos)); };
        QCOMPARE(rfc3339(1796006725, 123456789), "2026-11-30T02:45:25.123456789Z");
        QCOMPARE(rfc3339(1796006725, 120000000), "2026-11-30T02:45:25.12Z");
        QCOMPARE(rfc3339(1796006725, 0), "2026-11-30T02:45:25Z");
        QCOMPARE(rfc3339(0, 1), "1970-01-01T00:00:00.000000001Z");
        const std::string now = rfc3339NanoNow();
        QVERIFY(now.size() >= 20 && now.back() == 'Z');
    }

    void writesOneEntryPerLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-json.log"_s);
        {
            LogWriter writer({ path.toStdString() });
            QCOMPARE(writer.open(), 0);
            writer.write("stdout", "hello \"<world>\"\n");
            writer.write("stderr", "oops\tdone\n");
        }
        const QByteArrayList lines = fileBytes(path).split('\n');
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[2], QByteArray());
        const QByteArray first
            = "{\"log\":\"hello \\\"\\u003cworld\\u003e\\\"\\n\",\"stream\":\"stdout\",\"time\":\""_ba;
        const QByteArray second = "{\"log\":\"oops\\u0009done\\n\",\"stream\":\"stderr\",\"time\":\""_ba;
        QVERIFY2(lines[0].startsWith(first) && lines[0].endsWith("Z\"}"), lines[0]);
        QVERIFY2(lines[1].startsWith(second) && lines[1].endsWith("Z\"}"), lines[1]);
        const QByteArray time = lines[0].mid(first.size(), lines[0].size() - first.size() - 2);
        static const QRegularExpression rfc3339(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{0,8}[1-9])?Z$"_s);
        QVERIFY2(rfc3339.match(QString::fromLatin1(time)).hasMatch(), time);
    }

    void partialLinesWaitForTheirNewline()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-json.log"_s);
        {
            LogWriter writer({ path.toStdString() });
            QCOMPARE(writer.open(), 0);
            writer.write("stdout", "hel");
            writer.write("stderr", "err");
            writer.write("stdout", "lo\nwor");
            writer.write("stderr", "or\n");
            writer.write("stdout", "ld\nand a tail");
            QCOMPARE(entriesOf(path).size(), 3);
            writer.flush();
            QCOMPARE(entriesOf(path).size(), 4);
            writer.write("stdout", "kept until the end");
        }
        const QList<QJsonObject> entries = entriesOf(path);
        QCOMPARE(logTexts(entries),
            QStringList({ u"hello\n"_s, u"error\n"_s, u"world\n"_s, u"and a tail"_s, u"kept until the end"_s }));
        QCOMPARE(entries[1].value("stream"_L1).toString(), u"stderr"_s);
        QCOMPARE(entries[3].value("stream"_L1).toString(), u"stdout"_s);
    }

    void splitsLongLinesAt16KiB()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-json.log"_s);
        const std::string longLine = std::string(40000, 'x') + '\n';
        {
            LogWriter writer({ path.toStdString() });
            QCOMPARE(writer.open(), 0);
            for (size_t at = 0; at < longLine.size(); at += 3000) // arrives in chunks
                writer.write("stdout", std::string_view(longLine).substr(at, 3000));
            writer.write("stdout", std::string(maxEntryBytes, 'y') + '\n');
            writer.write("stdout", std::string(maxEntryBytes - 1, 'z') + '\n');
        }
        const QStringList texts = logTexts(entriesOf(path));
        const QString x(16384, u'x'), y(16384, u'y');
        QCOMPARE(texts,
            QStringList({ x, x, QString(40000 - 2 * 16384, u'x') + u'\n', y, u"\n"_s, QString(16383, u'z') + u'\n' }));
    }

    void rotatesLikeDocker()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-json.log"_s);
        {
            LogWriter writer({ path.toStdString(), 1000, 3 });
            QCOMPARE(writer.open(), 0);
            for (int n = 0; n < 200; ++n)
                writer.write("stdout", sv("line " + QByteArray::number(n) + '\n'));
        }
        QVERIFY(QFile::exists(path + ".1"_L1));
        QVERIFY(QFile::exists(path + ".2"_L1));
        QVERIFY(!QFile::exists(path + ".3"_L1));
        const qint64 entrySize = fileBytes(path).indexOf('\n') + 1;
        for (const QString &rotated : { path + ".1"_L1, path + ".2"_L1 }) {
            const qint64 size = QFileInfo(rotated).size();
            QVERIFY2(size >= 1000 && size < 1000 + entrySize, qPrintable(rotated));
        }
        QVERIFY(QFileInfo(path).size() <= 1000 + entrySize);
        // What the three files hold is the newest lines, none missing.
        // The rotated files hold at least 1000 bytes of ~80-byte entries each;
        // how many the current one holds depends on where the last cut fell.
        const QByteArrayList texts = textsOf(readAll(path, 3));
        QVERIFY2(texts.size() > 2 * 1000 / 100, qPrintable(QString::number(texts.size())));
        QCOMPARE(texts, numbered(200 - int(texts.size()), 200));
    }

    void rotationLosesNothingWithEnoughFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-json.log"_s);
        {
            LogWriter writer({ path.toStdString(), 1000, 100 });
            QCOMPARE(writer.open(), 0);
            for (int n = 0; n < 200; ++n)
                writer.write("stdout", sv("line " + QByteArray::number(n) + '\n'));
        }
        QVERIFY(QFile::exists(path + ".10"_L1));
        QCOMPARE(textsOf(readAll(path, 100)), numbered(0, 200));
        QCOMPARE(textsOf(readAll(path, 1)).size(), entriesOf(path).size()); // only <path>
    }

    void oneFileIsStartedAfresh()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-json.log"_s);
        {
            LogWriter writer({ path.toStdString(), 500, 1 });
            QCOMPARE(writer.open(), 0);
            for (int n = 0; n < 100; ++n)
                writer.write("stdout", sv("line " + QByteArray::number(n) + '\n'));
        }
        QVERIFY(!QFile::exists(path + ".1"_L1));
        const QByteArrayList texts = textsOf(readAll(path, 1));
        QVERIFY(!texts.isEmpty() && texts.size() < 10);
        QCOMPARE(texts, numbered(100 - int(texts.size()), 100));
    }

    void tailAcrossRotatedFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-json.log"_s);
        {
            LogWriter writer({ path.toStdString(), 1000, 100 });
            QCOMPARE(writer.open(), 0);
            for (int n = 0; n < 200; ++n)
                writer.write(n % 3 ? "stdout" : "stderr", sv("line " + QByteArray::number(n) + '\n'));
        }
        const auto tail = [&](qint64 count) { return textsOf(readAll(path, 100, { .tail = count })); };
        QCOMPARE(tail(5), numbered(195, 200));
        QCOMPARE(tail(50), numbered(150, 200));
        QCOMPARE(tail(1000), numbered(0, 200));
        QCOMPARE(tail(0), QByteArrayList());
        // As Docker: the tail is counted before the stream filter.
        const QList<LogLine> errors = readAll(path, 100, { .tail = 6, .stdoutLines = false });
        QCOMPARE(textsOf(errors), QByteArrayList({ "line 195\n", "line 198\n" }));
        QCOMPARE(errors[0].stream, "stderr");
        QCOMPARE(readAll(path, 100, { .stderrLines = false }).size(), 200 - 67);
    }

    void sinceAndUntilToTheNanosecond()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-json.log"_s);
        writeFile(path + ".1"_L1,
            entry("a\\n", "stdout", "2026-11-30T02:45:25Z")
                + entry("b\\n", "stderr", "2026-11-30T02:45:25.000000001Z"));
        writeFile(path,
            entry("c\\n", "stdout", "2026-11-30T02:45:25.5Z") + entry("d\\n", "stdout", "2026-11-30T03:45:25.5+01:00")
                + entry("e\\n", "stdout", "2026-11-30T02:45:25.999999999Z")
                + entry("f\\n", "stdout", "2026-11-30T02:45:26Z"));
        const QDateTime second = QDateTime::fromSecsSinceEpoch(1796006725, Qt::UTC);
        const auto read = [&](const ReadOptions &options) { return textsOf(readAll(path, 2, options)); };
        QCOMPARE(read({}), QByteArrayList({ "a\n", "b\n", "c\n", "d\n", "e\n", "f\n" }));
        QCOMPARE(read({ .since = second, .sinceNanos = 1 }), QByteArrayList({ "b\n", "c\n", "d\n", "e\n", "f\n" }));
        QCOMPARE(read({ .since = second.addMSecs(500) }), QByteArrayList({ "c\n", "d\n", "e\n", "f\n" }));
        QCOMPARE(read({ .until = second, .untilNanos = 1 }), QByteArrayList({ "a\n", "b\n" }));
        QCOMPARE(read({ .since = second.addMSecs(1), .until = second.addMSecs(999), .untilNanos = 999999998 }),
            QByteArrayList({ "c\n", "d\n" }));
        QCOMPARE(read({ .tail = 2, .since = second.addMSecs(999) }), QByteArrayList({ "e\n", "f\n" }));
        const QList<LogLine> lines = readAll(path, 2);
        QCOMPARE(lines[4].nanos, 999999999);
        QCOMPARE(lines[4].time, second.addMSecs(999));
        QCOMPARE(lines[4].timeText, "2026-11-30T02:45:25.999999999Z");
        QCOMPARE(lines[3].time, second.addMSecs(500)); // written with an offset
    }

    void sinkStopsTheReading()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-json.log"_s);
        writeFile(path, entry("a\\n", "stdout", "2026-11-30T02:45:25Z").repeated(10));
        int seen = 0;
        QVERIFY(readLog(path, 1, {}, [&](const LogLine &) { return ++seen < 3; }));
        QCOMPARE(seen, 3);
        const auto missing = readLog(dir.filePath(u"none.log"_s), 1, {}, [](const LogLine &) { return true; });
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, muelle::Code::NotFound);
    }

    void tornLinesAreSkipped()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-json.log"_s);
        const QByteArray good = entry("a\\n", "stdout", "2026-11-30T02:45:25Z");
        writeFile(path, good + "not json\n" + good + "{\"log\":\"half a li");
        QCOMPARE(textsOf(readAll(path, 1)), QByteArrayList({ "a\n", "a\n" }));
        QCOMPARE(textsOf(readAll(path, 1, { .tail = 1 })), QByteArrayList({ "a\n" }));
        // The writer starts the next line on its own line.
        {
            LogWriter writer({ path.toStdString() });
            QCOMPARE(writer.open(), 0);
            writer.write("stdout", "after\n");
        }
        QCOMPARE(textsOf(readAll(path, 1)), QByteArrayList({ "a\n", "a\n", "after\n" }));
    }

    void otherKeysAndEscapesAreRead()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-json.log"_s);
        writeFile(path,
            " { \"attrs\" : {\"k\":\"v}\",\"n\":[1,{\"x\":\"]\"}]} , "
            "\"log\":\"\\u00e9\\ud83d\\ude00\\ud800\\/\\t\\\"\","
            "\"stream\":\"stderr\",\"time\":\"2026-11-30T02:45:25Z\",\"extra\":12.5e3} "
            "\n");
        const QList<LogLine> lines = readAll(path, 1);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0].text, "\u00e9\U0001F600\uFFFD/\t\"");
        QCOMPARE(lines[0].stream, "stderr");
    }

    void roundTripsThroughJson()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-json.log"_s);
        QRandomGenerator random(42);
        QList<QByteArray> written;
        {
            LogWriter writer({ path.toStdString() });
            QCOMPARE(writer.open(), 0);
            for (int n = 0; n < 300; ++n) {
                QByteArray bytes;
                const int length = int(random.bounded(1, 200));
                for (int k = 0; k < length; ++k) {
                    if (n % 2) // valid UTF-8: random characters
                    {
                        const auto c = char32_t(random.bounded(1, 0x10FFFF));
                        bytes += QString::fromUcs4(&c, 1).toUtf8();
                    } else // any byte
                        bytes += char(random.bounded(0, 256));
                }
                bytes.replace('\n', ' ');
                written.append(bytes + '\n');
                writer.write("stdout", sv(bytes + '\n'));
            }
        }
        const QList<QJsonObject> entries = entriesOf(path);
        const QList<LogLine> lines = readAll(path, 1);
        QCOMPARE(entries.size(), 300);
        QCOMPARE(lines.size(), 300);
        for (int n = 0; n < 300; ++n) {
            const QString json = entries[n].value("log"_L1).toString();
            QCOMPARE(QString::fromUtf8(lines[n].text), json);
            if (n % 2)
                QCOMPARE(lines[n].text, written[n]);
            else
                QCOMPARE(QString::fromUtf8(lines[n].text), QString::fromUtf8(written[n]));
        }
    }

    void followerSeesAppendedLines()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-json.log"_s);
        LogWriter writer({ path.toStdString() });
        QCOMPARE(writer.open(), 0);
        writer.write("stdout", "before\n");
        writer.write("stdout", "half ");
        QByteArrayList seen;
        LogFollower follower(path, { .stderrLines = false });
        follower.start([&](const LogLine &line) { seen.append(line.text); });
        writer.write("stdout", "and half\n");
        writer.write("stderr", "not shown\n");
        writer.write("stdout", "after\n");
        QTRY_COMPARE(seen, QByteArrayList({ "half and half\n", "after\n" }));
        follower.stop();
        writer.write("stdout", "stopped\n");
        QTest::qWait(250);
        QCOMPARE(seen.size(), 2);
    }

    void followerFollowsRotation()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-json.log"_s);
        LogWriter writer({ path.toStdString(), 200, 3 });
        QCOMPARE(writer.open(), 0);
        QByteArrayList seen;
        LogFollower follower(path, {});
        follower.start([&](const LogLine &line) { seen.append(line.text); });
        // Each pair: the first fills the file, the second lands in a new one
        // before the follower looks.
        for (int n = 0; n < 10; n += 2) {
            writer.write("stdout", sv(QByteArray(200, 'p') + ' ' + QByteArray::number(n) + '\n'));
            writer.write("stdout", sv("line " + QByteArray::number(n + 1) + '\n'));
            QTRY_COMPARE(seen.size(), n + 2);
        }
        QVERIFY(QFile::exists(path + ".2"_L1));
        for (int n = 0; n < 10; n += 2) {
            QVERIFY(seen[n].endsWith(' ' + QByteArray::number(n) + '\n'));
            QCOMPARE(seen[n + 1], "line " + QByteArray::number(n + 1) + '\n');
        }
    }

    void tailOfABigLogIsFast()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"c-json.log"_s);
        const int count = 500000; // ~50 MiB
        {
            LogWriter writer({ path.toStdString() });
            QCOMPARE(writer.open(), 0);
            const std::string padding(30, '.');
            for (int n = 0; n < count; ++n)
                writer.write(n % 2 ? "stderr" : "stdout", "line " + std::to_string(n) + ' ' + padding + '\n');
        }
        const qint64 size = QFileInfo(path).size();
        QVERIFY2(size > 48 << 20, QByteArray::number(size));

        QElapsedTimer timer;
        timer.start();
        const QList<LogLine> tail = readAll(path, 1, { .tail = 10 });
        const qint64 tailMs = timer.elapsed();
        QCOMPARE(tail.size(), 10);
        for (int k = 0; k < 10; ++k)
            QVERIFY(tail[k].text.startsWith("line " + QByteArray::number(count - 10 + k) + ' '));
        QVERIFY2(tailMs < 200, QByteArray::number(tailMs));

        timer.restart();
        qint64 lines = 0, bytes = 0;
        QVERIFY(readLog(path, 1, {}, [&](const LogLine &line) {
            ++lines;
            bytes += line.text.size();
            return true;
        }));
        const qint64 readMs = std::max<qint64>(1, timer.elapsed());
        QCOMPARE(lines, count);
        qInfo("tail 10 of %lld MiB: %lld ms; all: %lld ms, %lld lines/s, %lld MiB/s of log", size >> 20, tailMs, readMs,
            lines * 1000 / readMs, (size >> 20) * 1000 / readMs);
    }
};

QTEST_MAIN(TestLogs)
#include "tst_logs.moc"
