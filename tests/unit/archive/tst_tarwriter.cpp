// The tar writer: what it writes reads back the same through our own
// extraction, Python's tarfile and GNU tar; every byte reaches the sink
// during the call that produced it, so a 64 MiB file streams through a pull
// adapter in bounded memory; sizes that do not match, bad names and a failing
// sink are errors, and every error is final.

#include "archive/extract.h"
#include "archive/tarwriter.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using muelle::Code;
using muelle::Error;
using muelle::Result;
using muelle::archive::ExtractReport;
using muelle::archive::TarStream;
using muelle::archive::TarWriter;

namespace {

constexpr qint64 kBaseTime = 1'600'000'000;

QDateTime timeAt(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

// One entry of a test archive; files of more than 1000 bytes are written in
// 1000-byte chunks, the others with addBytes().
struct Entry {
    QString name;
    char type = '0'; // as in a tar header: '0' file, '5' directory, '2' symlink
    int mode = 0644;
    qint64 mtime = kBaseTime;
    QByteArray data = {};
    QString link = {};
};

QByteArray pattern(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (char &byte : bytes)
        byte = char(generator.bounded(256));
    return bytes;
}

QList<Entry> sampleEntries()
{
    return {
        { .name = u"etc"_s, .type = '5', .mode = 0755, .mtime = kBaseTime + 1 },
        { .name = u"etc/private"_s, .type = '5', .mode = 0700, .mtime = kBaseTime + 2 },
        { .name = u"etc/hostname"_s, .mode = 0644, .mtime = kBaseTime + 3, .data = "muelle\n" },
        { .name = u"etc/private/key"_s, .mode = 0600, .mtime = kBaseTime + 4, .data = pattern(3007, 1) },
        { .name = u"etc/caf\u00e9"_s, .mode = 0640, .mtime = kBaseTime + 5, .data = "cr\u00e8me\n"_ba },
        { .name = u"empty"_s, .mode = 0444, .mtime = kBaseTime + 6 },
        { .name = u"bin"_s, .type = '5', .mode = 0711, .mtime = kBaseTime + 7 },
        { .name = u"bin/tool"_s, .mode = 0755, .mtime = kBaseTime + 8, .data = pattern(512, 2) },
        { .name = u"etc/localtime"_s,
            .type = '2',
            .mode = 0777,
            .mtime = kBaseTime + 9,
            .link = u"../usr/share/zoneinfo/UTC"_s },
    };
}

Result<> add(TarWriter &writer, const Entry &entry)
{
    const QDateTime mtime = timeAt(entry.mtime);
    if (entry.type == '5')
        return writer.addDirectory(entry.name, entry.mode, mtime);
    if (entry.type == '2')
        return writer.addSymlink(entry.name, entry.link, mtime);
    if (entry.data.size() <= 1000)
        return writer.addBytes(entry.name, entry.data, entry.mode, mtime);
    if (Result<> added = writer.addFile(entry.name, entry.data.size(), entry.mode, mtime); !added)
        return added;
    for (qsizetype at = 0; at < entry.data.size(); at += 1000) {
        if (Result<> written = writer.writeData(
                QByteArrayView(entry.data).sliced(at).first(std::min<qsizetype>(1000, entry.data.size() - at)));
            !written)
            return written;
    }
    return {};
}

const muelle::archive::ChunkSink discard = [](QByteArrayView) -> Result<> { return {}; };

// A sink that keeps everything, and counts its calls.
struct Collector {
    QByteArray data;
    int calls = 0;
    muelle::archive::ChunkSink sink()
    {
        return [this](QByteArrayView chunk) -> Result<> {
            data.append(chunk);
            ++calls;
            return {};
        };
    }
};

QByteArray archiveOf(const QList<Entry> &entries)
{
    Collector out;
    TarWriter writer(out.sink());
    for (const Entry &entry : entries) {
        if (!add(writer, entry))
            return "<add failed>";
    }
    return writer.finish() ? out.data : QByteArray("<finish failed>");
}

Result<ExtractReport> extract(const QByteArray &tar, const QString &target)
{
    QBuffer buffer;
    buffer.setData(tar);
    buffer.open(QIODevice::ReadOnly);
    return muelle::archive::extractLayer(buffer, target);
}

struct stat lstatOf(const QString &path)
{
    struct stat st { };
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        st.st_mode = 0;
    return st;
}

QString readLink(const QString &path)
{
    char target[4096];
    const ssize_t n = ::readlink(QFile::encodeName(path).constData(), target, sizeof target);
    return n < 0 ? u"<not a link>"_s : QFile::decodeName(QByteArray(target, n));
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

QByteArray sha256Hex(QByteArrayView data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"TZ"_s, u"UTC"_s);
    environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60'000))
        return {};
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
        process.readAllStandardError() };
}

// Python's view of a tar read from stdin as a stream: one JSON object per
// member.
const char *const listWithPython = R"(
import hashlib, json, sys, tarfile
members = []
with tarfile.open(fileobj=sys.stdin.buffer, mode="r|") as tar:
    for m in tar:
        digest = ""
        if m.isfile():
            h = hashlib.sha256()
            f = tar.extractfile(m)
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
            digest = h.hexdigest()
        members.append({"name": m.name, "type": m.type.decode(), "mode": m.mode, "mtime": m.mtime,
                        "size": m.size, "link": m.linkname, "uid": m.uid, "gid": m.gid, "sha256": digest})
print(json.dumps(members))
)";

QString python()
{
    return QStandardPaths::findExecutable(u"python3"_s);
}

QString gnuTar()
{
    return QStandardPaths::findExecutable(u"tar"_s);
}

// Compares Python's listing of `tar` with `entries`; empty when they agree.
QString pythonDisagreement(const QByteArray &tar, const QList<Entry> &entries)
{
    const Run listing = run(python(), { u"-c"_s, QString::fromUtf8(listWithPython) }, tar);
    if (listing.exitCode != 0)
        return u"python failed: "_s + QString::fromUtf8(listing.err);
    const QJsonArray members = QJsonDocument::fromJson(listing.out).array();
    if (members.size() != entries.size())
        return u"python lists %1 members, not %2"_s.arg(members.size()).arg(entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const Entry &entry = entries.at(i);
        const QJsonObject member = members.at(i).toObject();
        const QJsonObject expected{
            { u"name"_s, entry.name },
            { u"type"_s, QString(QChar::fromLatin1(entry.type)) },
            { u"mode"_s, entry.mode },
            { u"mtime"_s, entry.mtime },
            { u"size"_s, entry.data.size() },
            { u"link"_s, entry.link },
            { u"uid"_s, 0 },
            { u"gid"_s, 0 },
            { u"sha256"_s, entry.type == '0' ? QString::fromLatin1(sha256Hex(entry.data)) : QString() },
        };
        if (member != expected) {
            return u"member %1: python sees %2"_s.arg(i).arg(
                QString::fromUtf8(QJsonDocument(member).toJson(QJsonDocument::Compact)));
        }
    }
    return {};
}

qint64 statusKiB(const QByteArray &field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void verifyError(const Result<> &result, Code code, const QString &message)
{
    QVERIFY(!result);
    QCOMPARE(result.error().code, code);
    QCOMPARE(result.error().message, message);
}

} // namespace

class TestTarWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripThroughExtraction();
    void pythonTarfileAgrees();
    void gnuTarAgrees();
    void longNames();
    void emptyArchive();
    void everyCallReachesTheSink();
    void bigFileStreamsWithoutBuffering();
    void streamIntoExtractionInBoundedMemory();
    void streamReadsInPieces();
    void tooMuchDataFails();
    void shortFileFails();
    void dataWithoutFileFails();
    void invalidEntriesFail();
    void sinkErrorKeepsItsCode();
    void addAfterFinishFails();
    void abandonedWriterWritesNothingMore();
    void producerErrorsEndTheStream();
    void idleProducerFails();
};

void TestTarWriter::roundTripThroughExtraction()
{
    const QList<Entry> entries = sampleEntries();
    QTemporaryDir dir;
    const auto report = extract(archiveOf(entries), dir.path());
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->entries, entries.size());
    QCOMPARE(report->skipped, 0);
    for (const Entry &entry : entries) {
        const QString path = dir.filePath(entry.name);
        const struct stat st = lstatOf(path);
        if (entry.type == '2') {
            QVERIFY2(S_ISLNK(st.st_mode), qPrintable(entry.name));
            QCOMPARE(readLink(path), entry.link);
            continue;
        }
        QVERIFY2(entry.type == '5' ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode), qPrintable(entry.name));
        QCOMPARE(int(st.st_mode & 07777), entry.mode);
        QCOMPARE(qint64(st.st_mtime), entry.mtime);
        if (entry.type == '0')
            QCOMPARE(readFile(path), entry.data);
    }
}

void TestTarWriter::pythonTarfileAgrees()
{
    if (python().isEmpty())
        QSKIP("no python3");
    const QString disagreement = pythonDisagreement(archiveOf(sampleEntries()), sampleEntries());
    QVERIFY2(disagreement.isEmpty(), qPrintable(disagreement));
}

void TestTarWriter::gnuTarAgrees()
{
    if (gnuTar().isEmpty())
        QSKIP("no tar");
    const QList<Entry> entries = sampleEntries();
    const Run listing
        = run(gnuTar(), { u"--list"_s, u"--verbose"_s, u"--numeric-owner"_s, u"--file=-"_s }, archiveOf(entries));
    QCOMPARE(listing.exitCode, 0);
    QCOMPARE(listing.err, QByteArray());
    const QList<QByteArray> lines = listing.out.trimmed().split('\n');
    QCOMPARE(lines.size(), entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const Entry &entry = entries.at(i);
        // "drwx--x--x 0/0 0 2020-09-13 12:26 bin/"; "lrwxrwxrwx ... name -> target"
        const QList<QByteArray> fields = lines.at(i).simplified().split(' ');
        QVERIFY2(fields.size() >= 6, lines.at(i).constData());
        const QByteArray types = "-ld";
        QCOMPARE(fields.at(0).at(0), types.at(QByteArray("025").indexOf(entry.type)));
        QCOMPARE(fields.at(1), "0/0");
        QCOMPARE(fields.at(2).toLongLong(), entry.data.size());
        QCOMPARE(fields.at(3) + ' ' + fields.at(4), timeAt(entry.mtime).toString(u"yyyy-MM-dd HH:mm"_s).toLatin1());
        QByteArray name = entry.name.toUtf8() + (entry.type == '5' ? "/" : "");
        if (entry.type == '2')
            name += " -> " + entry.link.toUtf8();
        QCOMPARE(fields.mid(5).join(' '), name);
    }
}

void TestTarWriter::longNames()
{
    // One component of 150 characters, a path of 330, a link target of 200:
    // none fits ustar's 100-byte name field, and the path has no split that
    // fits its 155 + 100 prefix and name fields.
    const QString longDir = u"d"_s.repeated(150);
    const QString longPath = longDir + u'/' + u"f"_s.repeated(179);
    const QString longTarget = u"../"_s + u"t"_s.repeated(197);
    const QList<Entry> entries = {
        { .name = longDir, .type = '5', .mode = 0750 },
        { .name = longPath, .data = "deep\n" },
        { .name = longDir + u"/link"_s, .type = '2', .mode = 0777, .link = longTarget },
    };
    const QByteArray tar = archiveOf(entries);

    QTemporaryDir dir;
    const auto report = extract(tar, dir.path());
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(readFile(dir.filePath(longPath)), "deep\n");
    QCOMPARE(lstatOf(dir.filePath(longDir)).st_mode & 07777, 0750u);
    QCOMPARE(readLink(dir.filePath(longDir + u"/link"_s)), longTarget);

    if (python().isEmpty())
        QSKIP("no python3");
    const QString disagreement = pythonDisagreement(tar, entries);
    QVERIFY2(disagreement.isEmpty(), qPrintable(disagreement));
}

void TestTarWriter::emptyArchive()
{
    Collector out;
    TarWriter writer(out.sink());
    QVERIFY(writer.finish());
    QVERIFY(writer.finished());
    QVERIFY(writer.finish()); // a second finish() does nothing
    QCOMPARE(out.data, QByteArray(1024, '\0'));
    QCOMPARE(writer.bytesWritten(), 1024);

    QTemporaryDir dir;
    const auto report = extract(out.data, dir.path());
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->entries, 0);
    if (!python().isEmpty())
        QVERIFY(pythonDisagreement(out.data, {}).isEmpty());
    if (!gnuTar().isEmpty()) {
        const Run listing = run(gnuTar(), { u"--list"_s, u"--file=-"_s }, out.data);
        QCOMPARE(listing.exitCode, 0);
        QCOMPARE(listing.out + listing.err, QByteArray());
    }
}

void TestTarWriter::everyCallReachesTheSink()
{
    Collector out;
    TarWriter writer(out.sink());
    QVERIFY(writer.addDirectory(u"dir"_s, 0755, timeAt(kBaseTime)));
    QCOMPARE(out.data.size(), 512);
    QVERIFY(writer.addFile(u"dir/file"_s, 1000, 0644, timeAt(kBaseTime)));
    QCOMPARE(out.data.size(), 1024);
    QCOMPARE(writer.remaining(), 1000);
    QVERIFY(writer.writeData("x"));
    QCOMPARE(out.data.size(), 1025);
    QVERIFY(writer.writeData(QByteArray(999, 'y')));
    QCOMPARE(writer.remaining(), 0);
    // The file's padding to 512 bytes goes out with the next header.
    QCOMPARE(out.data.size(), 2024);
    QVERIFY(writer.addBytes(u"small"_s, "abc", 0600, timeAt(kBaseTime)));
    QCOMPARE(out.data.size(), 2048 + 512 + 3);
    QVERIFY(writer.finish());
    QCOMPARE(out.data.size(), 2048 + 512 + 512 + 1024);
    QCOMPARE(writer.bytesWritten(), out.data.size());
    QCOMPARE(out.data.sliced(1024, 1000), "x" + QByteArray(999, 'y'));
}

void TestTarWriter::bigFileStreamsWithoutBuffering()
{
    constexpr qint64 size = 64 << 20;
    const QByteArray chunk = pattern((1 << 20) + 13, 3); // odd sizes: never aligned to a block
    qint64 received = 0;
    qsizetype biggestCall = 0;
    const char *lastCall = nullptr;
    TarWriter writer([&](QByteArrayView bytes) -> Result<> {
        received += bytes.size();
        biggestCall = std::max(biggestCall, bytes.size());
        lastCall = bytes.data();
        return {};
    });
    QVERIFY(writer.addFile(u"big"_s, size, 0644, timeAt(kBaseTime)));
    QCOMPARE(received, 512);
    qint64 written = 0;
    for (int step = 0; written < size; ++step) {
        const qsizetype length = std::min<qint64>(size - written, chunk.size() - step % 7);
        QVERIFY(writer.writeData(QByteArrayView(chunk).first(length)));
        written += length;
        QCOMPARE(received, 512 + written); // nothing held back
        QCOMPARE(lastCall, chunk.constData()); // nor copied
        QCOMPARE(writer.remaining(), size - written);
    }
    QVERIFY(writer.finish());
    QCOMPARE(received, 512 + size + 1024); // 64 MiB needs no padding
    QVERIFY(biggestCall <= chunk.size());
}

void TestTarWriter::streamIntoExtractionInBoundedMemory()
{
    constexpr int chunks = 64;
    const QByteArray chunk = pattern(1 << 20, 4);
    QCryptographicHash expected(QCryptographicHash::Sha256);
    int next = -2; // -2: the directory, -1: the file's header, then its chunks
    TarStream stream([&](TarWriter &writer) -> Result<> {
        const int step = next++;
        if (step == -2)
            return writer.addDirectory(u"blobs"_s, 0755, timeAt(kBaseTime));
        if (step == -1)
            return writer.addFile(u"blobs/big"_s, qint64(chunks) << 20, 0644, timeAt(kBaseTime));
        if (step == chunks)
            return writer.finish();
        // Each chunk different, so that a reordering would show.
        QByteArray bytes = chunk;
        std::memcpy(bytes.data(), &step, sizeof step);
        expected.addData(bytes);
        return writer.writeData(bytes);
    });
    qint64 biggestRead = 0;
    qint64 overreads = 0;
    const muelle::archive::ChunkSource source = [&](qint64 maxBytes) -> Result<QByteArray> {
        Result<QByteArray> bytes = stream.read(maxBytes);
        if (bytes) {
            biggestRead = std::max<qint64>(biggestRead, bytes->size());
            overreads += bytes->size() > maxBytes;
        }
        return bytes;
    };

    QTemporaryDir dir;
    QFile clearRefs(u"/proc/self/clear_refs"_s); // resets the peak resident size (VmHWM)
    QVERIFY(clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1);
    clearRefs.close();
    const qint64 before = statusKiB("VmRSS:");
    const auto report = muelle::archive::extractLayer(source, dir.path());
    const qint64 peak = statusKiB("VmHWM:");
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QVERIFY2(peak - before < 16 * 1024, qPrintable(u"peak grew by %1 KiB"_s.arg(peak - before)));
    QCOMPARE(overreads, 0);
    QVERIFY(biggestRead > 0);
    QCOMPARE(report->uncompressedSize, stream.bytesRead());
    QCOMPARE(stream.bytesRead(), 512 + 512 + (qint64(chunks) << 20) + 1024);

    QFile big(dir.filePath(u"blobs/big"_s));
    QVERIFY(big.open(QIODevice::ReadOnly));
    QCryptographicHash actual(QCryptographicHash::Sha256);
    QVERIFY(actual.addData(&big));
    QCOMPARE(actual.result().toHex(), expected.result().toHex());
}

void TestTarWriter::streamReadsInPieces()
{
    const QList<Entry> entries = sampleEntries();
    const QByteArray whole = archiveOf(entries);
    qsizetype next = 0;
    TarStream stream([&](TarWriter &writer) -> Result<> {
        return next < entries.size() ? add(writer, entries.at(next++)) : writer.finish();
    });
    QByteArray pulled;
    for (qint64 maxBytes = 1;; maxBytes = maxBytes * 3 + 1) { // 1, 4, 13, 40...
        const Result<QByteArray> bytes = stream.read(std::min<qint64>(maxBytes, 1500));
        QVERIFY(bytes);
        QVERIFY(bytes->size() <= std::min<qint64>(maxBytes, 1500));
        if (bytes->isEmpty())
            break;
        pulled += *bytes;
    }
    QCOMPARE(pulled, whole);
    QCOMPARE(stream.bytesRead(), whole.size());
    const Result<QByteArray> after = stream.read(100);
    QVERIFY(after && after->isEmpty());
    QCOMPARE(stream.read(0).error().code, Code::InvalidArgument);
}

void TestTarWriter::tooMuchDataFails()
{
    Collector out;
    TarWriter writer(out.sink());
    QVERIFY(writer.addFile(u"a"_s, 10, 0644, timeAt(kBaseTime)));
    QVERIFY(writer.writeData("123456"));
    const qsizetype before = out.data.size();
    verifyError(writer.writeData("78901"), Code::InvalidArgument,
        u"write tar entry \"a\": 11 bytes of data for a size of 10"_s);
    QCOMPARE(out.data.size(), before); // nothing of the chunk went out

    TarWriter empty(out.sink());
    QVERIFY(empty.addFile(u"b"_s, 0, 0644, timeAt(kBaseTime)));
    verifyError(
        empty.writeData("x"), Code::InvalidArgument, u"write tar entry \"b\": 1 bytes of data for a size of 0"_s);
}

void TestTarWriter::shortFileFails()
{
    const QString message = u"write tar entry \"a\": only 3 of its 10 bytes were written"_s;
    Collector out;
    TarWriter next(out.sink());
    QVERIFY(next.addFile(u"a"_s, 10, 0644, timeAt(kBaseTime)));
    QVERIFY(next.writeData("123"));
    const qsizetype before = out.data.size();
    verifyError(next.addDirectory(u"d"_s, 0755, timeAt(kBaseTime)), Code::FailedPrecondition, message);
    QCOMPARE(out.data.size(), before); // no padding: libarchive's would be silent

    TarWriter finished(out.sink());
    QVERIFY(finished.addFile(u"a"_s, 10, 0644, timeAt(kBaseTime)));
    QVERIFY(finished.writeData("123"));
    verifyError(finished.finish(), Code::FailedPrecondition, message);
    QVERIFY(!finished.finished());
}

void TestTarWriter::dataWithoutFileFails()
{
    const QString message = u"write tar data: no file to write it to"_s;
    TarWriter fresh(discard);
    verifyError(fresh.writeData("x"), Code::FailedPrecondition, message);

    Collector out;
    TarWriter afterDirectory(out.sink());
    QVERIFY(afterDirectory.addDirectory(u"d"_s, 0755, timeAt(kBaseTime)));
    verifyError(afterDirectory.writeData("x"), Code::FailedPrecondition, message);
    // Every error is final.
    verifyError(afterDirectory.addBytes(u"f"_s, "y", 0644, timeAt(kBaseTime)), Code::FailedPrecondition, message);
    verifyError(afterDirectory.finish(), Code::FailedPrecondition, message);
    QCOMPARE(out.data.size(), 512);
}

void TestTarWriter::invalidEntriesFail()
{
    const QDateTime time = timeAt(kBaseTime);
    verifyError(TarWriter(discard).addDirectory(QString(), 0755, time), Code::InvalidArgument,
        u"add tar entry \"\": not a valid name"_s);
    verifyError(TarWriter(discard).addBytes(u"a\0b"_s, "x", 0644, time), Code::InvalidArgument,
        u"add tar entry \"a\0b\": not a valid name"_s);
    verifyError(TarWriter(discard).addFile(u"f"_s, -1, 0644, time), Code::InvalidArgument,
        u"add tar entry \"f\": negative size -1"_s);
    verifyError(TarWriter(discard).addSymlink(u"l"_s, QString(), time), Code::InvalidArgument,
        u"add tar entry \"l\": not a valid link target"_s);
}

void TestTarWriter::sinkErrorKeepsItsCode()
{
    int calls = 0;
    TarWriter writer([&](QByteArrayView) -> Result<> {
        if (++calls == 3)
            return muelle::fail(Code::Unavailable, u"send: client went away"_s);
        return {};
    });
    QVERIFY(writer.addFile(u"a"_s, 20, 0644, timeAt(kBaseTime))); // call 1
    QVERIFY(writer.writeData("0123456789")); // call 2
    verifyError(writer.writeData("0123456789"), Code::Unavailable, u"send: client went away"_s);
    QCOMPARE(writer.bytesWritten(), 512 + 10);
    verifyError(writer.finish(), Code::Unavailable, u"send: client went away"_s);
    QCOMPARE(calls, 3);
}

void TestTarWriter::addAfterFinishFails()
{
    Collector out;
    TarWriter writer(out.sink());
    QVERIFY(writer.addBytes(u"a"_s, "x", 0644, timeAt(kBaseTime)));
    QVERIFY(writer.finish());
    const QByteArray finished = out.data;
    verifyError(writer.addDirectory(u"d"_s, 0755, timeAt(kBaseTime)), Code::FailedPrecondition,
        u"add tar entry \"d\": the archive is finished"_s);
    verifyError(writer.writeData("x"), Code::FailedPrecondition, u"write tar data: no file to write it to"_s);
    QCOMPARE(out.data, finished);
}

void TestTarWriter::abandonedWriterWritesNothingMore()
{
    Collector out;
    {
        TarWriter writer(out.sink());
        QVERIFY(writer.addFile(u"a"_s, 1000, 0644, timeAt(kBaseTime)));
        QVERIFY(writer.writeData("abc"));
    }
    // No padding of "a", no end blocks: a cut export does not pass for whole.
    QCOMPARE(out.data.size(), 512 + 3);
}

void TestTarWriter::producerErrorsEndTheStream()
{
    int steps = 0;
    TarStream stream([&](TarWriter &writer) -> Result<> {
        if (++steps == 2)
            return muelle::fail(Code::NotFound, u"open blob \"sha256:abc\": missing"_s);
        return writer.addBytes(u"a"_s, "x", 0644, timeAt(kBaseTime));
    });
    const Result<QByteArray> first = stream.read(1 << 20);
    QVERIFY(!first);
    QCOMPARE(first.error().code, Code::NotFound);
    QCOMPARE(first.error().message, u"open blob \"sha256:abc\": missing"_s);
    QCOMPARE(stream.read(1 << 20).error().message, first.error().message);
    QCOMPARE(steps, 2);
}

void TestTarWriter::idleProducerFails()
{
    TarStream stream([](TarWriter &) -> Result<> { return {}; });
    const Result<QByteArray> bytes = stream.read(100);
    QVERIFY(!bytes);
    QCOMPARE(bytes.error().code, Code::Internal);
    QCOMPARE(bytes.error().message, u"read tar stream: the producer added nothing to the archive"_s);
}

QTEST_GUILESS_MAIN(TestTarWriter)
#include "tst_tarwriter.moc"
