// Variable substitution and word splitting with the rules of Docker 20.10's
// shell lexer, including its errors.

#include "dockerfile/substitution.h"

#include <QTest>

using namespace Qt::StringLiterals;
using muelle::dockerfile::Environment;
using muelle::dockerfile::ShellLexer;
using muelle::dockerfile::substitutesVariables;

namespace {

const Environment env{
    { u"PWD"_s, u"/home"_s },
    { u"SHELL"_s, u"bash"_s },
    { u"KOREAN"_s, u"\uc0c1\uc218"_s },
    { u"EMPTY"_s, QString() },
    { u"SPACED"_s, u"a  b c"_s },
    { u"_under"_s, u"u"_s },
    { u"1"_s, u"one"_s },
};

} // namespace

class TestSubstitution : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void word_data();
    void word();
    void words_data();
    void words();
    void errors_data();
    void errors();
    void backtickEscape();
    void whichInstructions();
};

void TestSubstitution::word_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << u"hello"_s << u"hello"_s;
    QTest::newRow("dollar name") << u"$PWD"_s << u"/home"_s;
    QTest::newRow("braces") << u"${PWD}/x"_s << u"/home/x"_s;
    QTest::newRow("name stops at non-word") << u"$PWD.bak"_s << u"/home.bak"_s;
    QTest::newRow("name runs on") << u"$PWDx"_s << QString();
    QTest::newRow("underscore") << u"$_under"_s << u"u"_s;
    QTest::newRow("digit is one character") << u"$12"_s << u"one2"_s;
    QTest::newRow("unset is empty") << u"a${NOPE}b"_s << u"ab"_s;
    QTest::newRow("lone dollar") << u"a$"_s << u"a$"_s;
    QTest::newRow("dollar before symbol") << u"$-x $/"_s << u"$-x $/"_s;
    QTest::newRow("unicode value") << u"$KOREAN"_s << u"\uc0c1\uc218"_s;
    QTest::newRow("default when unset") << u"${NOPE:-x y}"_s << u"x y"_s;
    QTest::newRow("default when empty") << u"${EMPTY:-d}"_s << u"d"_s;
    QTest::newRow("no default when set") << u"${SHELL:-d}"_s << u"bash"_s;
    QTest::newRow("alternative when set") << u"${SHELL:+alt}"_s << u"alt"_s;
    QTest::newRow("no alternative when unset") << u"${NOPE:+alt}"_s << QString();
    QTest::newRow("no alternative when empty") << u"${EMPTY:+alt}"_s << QString();
    QTest::newRow("nested default") << u"${NOPE:-${PWD}/x}"_s << u"/home/x"_s;
    QTest::newRow("empty default") << u"${NOPE:-}"_s << QString();
    QTest::newRow("quoted default") << u"${NOPE:-'a b'}"_s << u"a b"_s;
    QTest::newRow("single quotes are literal") << u"'$PWD \\n'"_s << u"$PWD \\n"_s;
    QTest::newRow("double quotes expand") << u"\"$PWD is here\""_s << u"/home is here"_s;
    QTest::newRow("double quotes keep single") << u"\"it's\""_s << u"it's"_s;
    QTest::newRow("escape in double quotes") << u"\"a\\\"b\\$c\\\\d\\ne\""_s << u"a\"b$c\\d\\ne"_s;
    QTest::newRow("escaped dollar") << u"\\$PWD"_s << u"$PWD"_s;
    QTest::newRow("escaped quote") << u"\\'a"_s << u"'a"_s;
    QTest::newRow("escaped space") << u"a\\ b"_s << u"a b"_s;
    QTest::newRow("escaped escape") << u"a\\\\b"_s << u"a\\b"_s;
    QTest::newRow("trailing escape dropped") << u"ab\\"_s << u"ab"_s;
    QTest::newRow("quotes concatenate") << u"a'b'\"c\"d"_s << u"abcd"_s;
    QTest::newRow("spaces kept") << u"  a  b "_s << u"  a  b "_s;
    QTest::newRow("docs example") << u"${PWD}/\\$foo"_s << u"/home/$foo"_s;
}

void TestSubstitution::word()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto result = ShellLexer().word(text, env);
    QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().message));
    QCOMPARE(*result, expected);
}

void TestSubstitution::words_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("split") << u"a b  c"_s << QStringList{ u"a"_s, u"b"_s, u"c"_s };
    QTest::newRow("quoted space") << u"'a b' \"c d\" e\\ f"_s << QStringList{ u"a b"_s, u"c d"_s, u"e f"_s };
    QTest::newRow("expansion splits") << u"x$SPACED"_s << QStringList{ u"xa"_s, u"b"_s, u"c"_s };
    QTest::newRow("quoted expansion does not") << u"\"$SPACED\""_s << QStringList{ u"a  b c"_s };
    QTest::newRow("empty quotes vanish") << u"a \"\" b"_s << QStringList{ u"a"_s, u"b"_s };
    QTest::newRow("unset vanishes") << u"$NOPE a"_s << QStringList{ u"a"_s };
    QTest::newRow("nothing") << u"   "_s << QStringList();
}

void TestSubstitution::words()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    const auto result = ShellLexer().words(text, env);
    QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().message));
    QCOMPARE(*result, expected);
}

void TestSubstitution::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("open single quote") << u"'abc"_s
                                       << u"failed to process \"'abc\": unexpected end of statement while looking for "
                                          u"matching single-quote"_s;
    QTest::newRow("open double quote") << u"\"abc"_s
                                       << u"failed to process \"\\\"abc\": unexpected end of statement while looking "
                                          u"for matching double-quote"_s;
    QTest::newRow("missing brace") << u"${"_s << u"failed to process \"${\": syntax error: missing '}'"_s;
    QTest::newRow("missing brace after default")
        << u"${a:-b"_s << u"failed to process \"${a:-b\": syntax error: missing '}'"_s;
    QTest::newRow("empty name") << u"${}"_s << u"failed to process \"${}\": syntax error: bad substitution"_s;
    QTest::newRow("colon first") << u"${:a}"_s << u"failed to process \"${:a}\": syntax error: bad substitution"_s;
    QTest::newRow("brace brace") << u"${{a}"_s << u"failed to process \"${{a}\": syntax error: bad substitution"_s;
    QTest::newRow("no colon modifier") << u"${a-b}"_s << u"failed to process \"${a-b}\": missing ':' in substitution"_s;
    QTest::newRow("unterminated name") << u"${abc"_s << u"failed to process \"${abc\": missing ':' in substitution"_s;
    QTest::newRow("unknown modifier") << u"${a:?err}"_s
                                      << u"failed to process \"${a:?err}\": unsupported modifier (?) in substitution"_s;
    // The quote swallows the brace: Docker reports the brace.
    QTest::newRow("quote in default") << u"${a:-'b}"_s
                                      << u"failed to process \"${a:-'b}\": syntax error: missing '}'"_s;
}

void TestSubstitution::errors()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const auto result = ShellLexer().word(text, env);
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().code, muelle::Code::InvalidArgument);
    QCOMPARE(result.error().message, message);
    const auto split = ShellLexer().words(text, env);
    QVERIFY(!split.has_value());
    QCOMPARE(split.error().message, message);
}

void TestSubstitution::backtickEscape()
{
    const ShellLexer lexer(u'`');
    QCOMPARE(*lexer.word(u"`$PWD"_s, env), u"$PWD"_s);
    QCOMPARE(*lexer.word(u"c:\\windows"_s, env), u"c:\\windows"_s);
    QCOMPARE(*lexer.word(u"\"a`\"b\""_s, env), u"a\"b"_s);
    QCOMPARE(*lexer.words(u"a` b c"_s, env), (QStringList{ u"a b"_s, u"c"_s }));
}

void TestSubstitution::whichInstructions()
{
    for (const QStringView keyword : { u"add", u"copy", u"env", u"expose", u"from", u"label", u"stopsignal", u"user",
             u"volume", u"workdir", u"arg", u"WORKDIR" })
        QVERIFY2(substitutesVariables(keyword), qPrintable(keyword.toString()));
    for (const QStringView keyword :
        { u"run", u"cmd", u"entrypoint", u"shell", u"healthcheck", u"maintainer", u"onbuild" })
        QVERIFY2(!substitutesVariables(keyword), qPrintable(keyword.toString()));
}

QTEST_GUILESS_MAIN(TestSubstitution)
#include "tst_substitution.moc"
