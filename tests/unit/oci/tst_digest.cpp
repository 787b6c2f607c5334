// Digest parsing, the FIPS 180 test vectors, and the streaming hasher.

#include "oci/digest.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using muelle::Code;
using muelle::oci::Algorithm;
using muelle::oci::Digest;
using muelle::oci::Hasher;

Q_DECLARE_METATYPE(muelle::oci::Algorithm)

namespace {

const QString emptySha256 = u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;
const QString emptySha512 = u"cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                            "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"_s;

QByteArray millionA()
{
    return QByteArray(1'000'000, 'a');
}

} // namespace

class TestDigest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void defaultIsInvalid();
    void vectors_data();
    void vectors();
    void streamingEqualsOneShot_data();
    void streamingEqualsOneShot();
    void digestMidStreamGoesOn();
    void hasherMoves();
    void hashesInSets();
};

void TestDigest::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Algorithm>("algorithm");
    QTest::addColumn<QString>("hex");

    QTest::newRow("sha256") << u"sha256:"_s + emptySha256 << Algorithm::Sha256 << emptySha256;
    QTest::newRow("sha512") << u"sha512:"_s + emptySha512 << Algorithm::Sha512 << emptySha512;
    QTest::newRow("all digits") << u"sha256:"_s + QString(64, u'0') << Algorithm::Sha256 << QString(64, u'0');
    QTest::newRow("all f") << u"sha256:"_s + QString(64, u'f') << Algorithm::Sha256 << QString(64, u'f');
}

void TestDigest::parseValid()
{
    QFETCH(QString, text);
    QFETCH(Algorithm, algorithm);
    QFETCH(QString, hex);

    const auto digest = Digest::parse(text);
    QVERIFY2(digest.has_value(), qPrintable(digest ? QString() : digest.error().message));
    QCOMPARE(digest->algorithm(), algorithm);
    QCOMPARE(digest->hex(), hex);
    QCOMPARE(digest->toString(), text);
    QCOMPARE(digest->algorithmName(), text.section(u':', 0, 0));
    QVERIFY(digest->isValid());
}

void TestDigest::parseInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QString() << u"digest \"\": want \"<algorithm>:<hex>\""_s;
    QTest::newRow("no algorithm") << emptySha256 << u"want \"<algorithm>:<hex>\""_s;
    QTest::newRow("empty algorithm") << u":"_s + emptySha256 << u"unsupported algorithm \"\""_s;
    QTest::newRow("md5") << u"md5:d41d8cd98f00b204e9800998ecf8427e"_s
                         << u"unsupported algorithm \"md5\" (want sha256 or sha512)"_s;
    QTest::newRow("sha384") << u"sha384:"_s + QString(96, u'a') << u"unsupported algorithm \"sha384\""_s;
    QTest::newRow("uppercase algorithm") << u"SHA256:"_s + emptySha256 << u"unsupported algorithm \"SHA256\""_s;
    QTest::newRow("short") << u"sha256:abc"_s << u"digest \"sha256:abc\": want 64 hex characters, got 3"_s;
    QTest::newRow("empty hex") << u"sha256:"_s << u"want 64 hex characters, got 0"_s;
    QTest::newRow("long") << u"sha256:"_s + emptySha256 + u'0' << u"want 64 hex characters, got 65"_s;
    QTest::newRow("sha512 with sha256 length") << u"sha512:"_s + emptySha256 << u"want 128 hex characters, got 64"_s;
    QTest::newRow("sha256 with sha512 length") << u"sha256:"_s + emptySha512 << u"want 64 hex characters, got 128"_s;
    QTest::newRow("uppercase hex") << u"sha256:E"_s + emptySha256.mid(1)
                                   << u"hex must be lowercase, got 'E' at offset 0"_s;
    QTest::newRow("not hex") << u"sha256:"_s + emptySha256.left(10) + u'g' + emptySha256.mid(11)
                             << u"'g' at offset 10 is not a hex digit"_s;
    QTest::newRow("second colon") << u"sha256:"_s + emptySha256.left(63) + u':'
                                  << u"':' at offset 63 is not a hex digit"_s;
    QTest::newRow("space") << u"sha256: "_s + emptySha256.mid(1) << u"' ' at offset 0 is not a hex digit"_s;
}

void TestDigest::parseInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, message);

    const auto digest = Digest::parse(text);
    QVERIFY(!digest.has_value());
    QCOMPARE(digest.error().code, Code::InvalidArgument);
    QVERIFY2(digest.error().message.contains(message), qPrintable(digest.error().message));
}

void TestDigest::defaultIsInvalid()
{
    QVERIFY(!Digest().isValid());
    QVERIFY(Digest() != Digest::of(QByteArray()));
}

void TestDigest::vectors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Algorithm>("algorithm");
    QTest::addColumn<QString>("expected");

    const QByteArray twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    QTest::newRow("sha256 empty") << QByteArray() << Algorithm::Sha256 << u"sha256:"_s + emptySha256;
    QTest::newRow("sha256 abc") << QByteArray("abc") << Algorithm::Sha256
                                << u"sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s;
    QTest::newRow("sha256 448 bits") << twoBlocks << Algorithm::Sha256
                                     << u"sha256:248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"_s;
    QTest::newRow("sha256 million a") << millionA() << Algorithm::Sha256
                                      << u"sha256:cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"_s;
    QTest::newRow("sha256 {}") << QByteArray("{}") << Algorithm::Sha256
                               << u"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"_s;
    QTest::newRow("sha512 empty") << QByteArray() << Algorithm::Sha512 << u"sha512:"_s + emptySha512;
    QTest::newRow("sha512 abc") << QByteArray("abc") << Algorithm::Sha512
                                << u"sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                                   "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"_s;
    QTest::newRow("sha512 million a") << millionA() << Algorithm::Sha512
                                      << u"sha512:e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
                                         "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"_s;
}

void TestDigest::vectors()
{
    QFETCH(QByteArray, input);
    QFETCH(Algorithm, algorithm);
    QFETCH(QString, expected);

    const Digest digest = Digest::of(input, algorithm);
    QCOMPARE(digest.toString(), expected);
    QCOMPARE(digest.algorithm(), algorithm);
    const auto parsed = Digest::parse(expected);
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, digest);
}

void TestDigest::streamingEqualsOneShot_data()
{
    QTest::addColumn<Algorithm>("algorithm");
    QTest::addColumn<qsizetype>("chunkSize");

    for (const qsizetype chunk : { qsizetype(1), qsizetype(7), qsizetype(63), qsizetype(64), qsizetype(65),
             qsizetype(4096), qsizetype(1'000'000) }) {
        QTest::addRow("sha256 chunks of %lld", qlonglong(chunk)) << Algorithm::Sha256 << chunk;
        QTest::addRow("sha512 chunks of %lld", qlonglong(chunk)) << Algorithm::Sha512 << chunk;
    }
}

void TestDigest::streamingEqualsOneShot()
{
    QFETCH(Algorithm, algorithm);
    QFETCH(qsizetype, chunkSize);

    QByteArray data;
    for (int i = 0; i < 100'000; ++i)
        data.append(char(i * 31 % 251));
    Hasher hasher(algorithm);
    for (qsizetype offset = 0; offset < data.size(); offset += chunkSize)
        hasher.update(QByteArrayView(data).sliced(offset, std::min(chunkSize, data.size() - offset)));
    QCOMPARE(hasher.bytes(), qint64(data.size()));
    QCOMPARE(hasher.digest(), Digest::of(data, algorithm));
}

void TestDigest::digestMidStreamGoesOn()
{
    Hasher hasher;
    QCOMPARE(hasher.digest().hex(), emptySha256);
    hasher.update("ab");
    QCOMPARE(hasher.digest(), Digest::of("ab"));
    hasher.update(QByteArrayView());
    hasher.update("c");
    QCOMPARE(hasher.digest(), Digest::of("abc"));
    QCOMPARE(hasher.digest(), Digest::of("abc"));
    QCOMPARE(hasher.bytes(), qint64(3));
}

void TestDigest::hasherMoves()
{
    Hasher first(Algorithm::Sha512);
    first.update("a");
    Hasher second(std::move(first));
    second.update("bc");
    QCOMPARE(second.digest(), Digest::of("abc", Algorithm::Sha512));
    QCOMPARE(second.bytes(), qint64(3));

    Hasher third;
    third = std::move(second);
    QCOMPARE(third.digest(), Digest::of("abc", Algorithm::Sha512));
}

void TestDigest::hashesInSets()
{
    QSet<Digest> set{ Digest::of("a"), Digest::of("b"), Digest::of("a") };
    QCOMPARE(set.size(), 2);
    QVERIFY(set.contains(Digest::of("b")));
    QVERIFY(!set.contains(Digest::of("c")));
}

QTEST_GUILESS_MAIN(TestDigest)
#include "tst_digest.moc"
