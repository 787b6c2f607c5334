// .dockerignore: reading the file, cleaning patterns, matching with Docker's
// rules, the examples of Docker's documentation, and bad patterns.

#include "dockerfile/dockerignore.h"

#include <QTest>

using namespace Qt::StringLiterals;
using muelle::dockerfile::cleanPath;
using muelle::dockerfile::IgnoreMatcher;
using muelle::dockerfile::readDockerignore;

class TestDockerignore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void read_data();
    void read();
    void clean_data();
    void clean();
    void matches_data();
    void matches();
    void errors_data();
    void errors();
    void exclusionsAreReported();
};

void TestDockerignore::read_data()
{
    QTest::addColumn<QString>("content");
    QTest::addColumn<QStringList>("patterns");

    QTest::newRow("docs example") << u"# comment\n*/temp*\n*/*/temp*\ntemp?\n"_s
                                  << QStringList{ u"*/temp*"_s, u"*/*/temp*"_s, u"temp?"_s };
    QTest::newRow("cleaning") << u"  ./a/../b/  \n/c\n//d//e/\n!  f\n!/g\n"_s
                              << QStringList{ u"b"_s, u"c"_s, u"d/e"_s, u"!f"_s, u"!g"_s };
    QTest::newRow("blank lines and crlf") << u"a\r\n\r\n  \n\tb\t\n"_s << QStringList{ u"a"_s, u"b"_s };
    QTest::newRow("only a leading # is a comment")
        << u"  # not a comment\n#comment"_s << QStringList{ u"# not a comment"_s };
    QTest::newRow("root") << u"/\n.\n"_s << QStringList{ u"/"_s, u"."_s };
    QTest::newRow("lone bang kept") << u"!\n"_s << QStringList{ u"!"_s };
    QTest::newRow("byte order mark") << u"\uFEFF*.log"_s << QStringList{ u"*.log"_s };
}

void TestDockerignore::read()
{
    QFETCH(QString, content);
    QFETCH(QStringList, patterns);
    QCOMPARE(readDockerignore(content), patterns);
}

void TestDockerignore::clean_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("cleaned");

    QTest::newRow("empty") << QString() << u"."_s;
    QTest::newRow("dot") << u"./"_s << u"."_s;
    QTest::newRow("slashes") << u"a//b///c/"_s << u"a/b/c"_s;
    QTest::newRow("dots") << u"a/./b/../c"_s << u"a/c"_s;
    QTest::newRow("up out") << u"../a/../../b"_s << u"../../b"_s;
    QTest::newRow("rooted up") << u"/../a"_s << u"/a"_s;
    QTest::newRow("root") << u"//"_s << u"/"_s;
}

void TestDockerignore::clean()
{
    QFETCH(QString, path);
    QFETCH(QString, cleaned);
    QCOMPARE(cleanPath(path), cleaned);
}

void TestDockerignore::matches_data()
{
    QTest::addColumn<QStringList>("patterns");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("ignored");

    const QStringList docs{ u"*/temp*"_s, u"*/*/temp*"_s, u"temp?"_s };
    QTest::newRow("docs: */temp* file") << docs << u"somedir/temporary.txt"_s << true;
    QTest::newRow("docs: */temp* directory") << docs << u"somedir/temp/x"_s << true;
    QTest::newRow("docs: */*/temp*") << docs << u"somedir/subdir/temporary.txt"_s << true;
    QTest::newRow("docs: temp?") << docs << u"tempa"_s << true;
    QTest::newRow("docs: temp? is one character") << docs << u"tempab"_s << false;
    QTest::newRow("docs: root temp not */temp*") << docs << u"temporary.txt"_s << false;

    const QStringList readmes{ u"*.md"_s, u"!README*.md"_s, u"README-secret.md"_s };
    QTest::newRow("docs: md excluded") << readmes << u"CHANGES.md"_s << true;
    QTest::newRow("docs: readme kept") << readmes << u"README.md"_s << false;
    QTest::newRow("docs: secret excluded again") << readmes << u"README-secret.md"_s << true;
    const QStringList readmesLast{ u"*.md"_s, u"README-secret.md"_s, u"!README*.md"_s };
    QTest::newRow("docs: last match wins") << readmesLast << u"README-secret.md"_s << false;

    QTest::newRow("**/*.go at root") << QStringList{ u"**/*.go"_s } << u"main.go"_s << true;
    QTest::newRow("**/*.go deep") << QStringList{ u"**/*.go"_s } << u"a/b/c.go"_s << true;
    QTest::newRow("**/*.go not a suffix") << QStringList{ u"**/*.go"_s } << u"a/b.gox"_s << false;
    QTest::newRow("** alone") << QStringList{ u"**"_s } << u"a/b/c"_s << true;
    QTest::newRow("a/** inside") << QStringList{ u"a/**"_s } << u"a/b/c"_s << true;
    QTest::newRow("a/** not beside") << QStringList{ u"a/**"_s } << u"ab/c"_s << false;
    QTest::newRow("a/**/b zero dirs") << QStringList{ u"a/**/b"_s } << u"a/b"_s << true;
    QTest::newRow("a/**/b many dirs") << QStringList{ u"a/**/b"_s } << u"a/x/y/b"_s << true;
    QTest::newRow("**/node_modules below") << QStringList{ u"**/node_modules"_s } << u"x/node_modules/p/i.js"_s << true;
    QTest::newRow("directory excludes below") << QStringList{ u"build"_s } << u"build/out/app"_s << true;
    QTest::newRow("directory is not a prefix") << QStringList{ u"build"_s } << u"builder/x"_s << false;
    QTest::newRow("star stays in one directory") << QStringList{ u"*.txt"_s } << u"a/b.txt"_s << false;
    QTest::newRow("star matches a parent") << QStringList{ u"a*"_s } << u"abc/d.txt"_s << true;
    QTest::newRow("pattern deeper than path") << QStringList{ u"a/b/c"_s } << u"a/b"_s << false;
    QTest::newRow("leading slash") << QStringList{ u"/secret"_s } << u"secret"_s << true;
    QTest::newRow("dot slash path") << QStringList{ u"secret"_s } << u"./secret/key"_s << true;
    QTest::newRow("class") << QStringList{ u"file[0-9].txt"_s } << u"file7.txt"_s << true;
    QTest::newRow("class miss") << QStringList{ u"file[0-9].txt"_s } << u"filex.txt"_s << false;
    QTest::newRow("negated class") << QStringList{ u"file[^0-9]"_s } << u"filex"_s << true;
    QTest::newRow("question mark not slash") << QStringList{ u"a?b"_s } << u"a/b"_s << false;
    QTest::newRow("escaped star") << QStringList{ u"a\\*"_s } << u"a*"_s << true;
    QTest::newRow("escaped star literal") << QStringList{ u"a\\*"_s } << u"ab"_s << false;
    QTest::newRow("dot is literal") << QStringList{ u"a.b"_s } << u"axb"_s << false;
    QTest::newRow("regex characters are literal") << QStringList{ u"a+(b)|{c}$"_s } << u"a+(b)|{c}$"_s << true;
    QTest::newRow("exception for a file in an excluded dir")
        << QStringList{ u"docs"_s, u"!docs/keep.md"_s } << u"docs/keep.md"_s << false;
    QTest::newRow("exception leaves siblings")
        << QStringList{ u"docs"_s, u"!docs/keep.md"_s } << u"docs/other.md"_s << true;
    QTest::newRow("exception without exclusion") << QStringList{ u"!a"_s } << u"a"_s << false;
    QTest::newRow("everything but") << QStringList{ u"*"_s, u"!src"_s } << u"src/main.c"_s << false;
    QTest::newRow("everything but, others") << QStringList{ u"*"_s, u"!src"_s } << u"README"_s << true;
    QTest::newRow("dockerfile itself") << QStringList{ u"Dockerfile"_s, u".dockerignore"_s } << u".dockerignore"_s
                                       << true;
    QTest::newRow("nothing") << QStringList() << u"a"_s << false;
    QTest::newRow("context root never") << QStringList{ u"*"_s } << u"."_s << false;
}

void TestDockerignore::matches()
{
    QFETCH(QStringList, patterns);
    QFETCH(QString, path);
    QFETCH(bool, ignored);
    // As a build reads them: through the .dockerignore reader first.
    const auto matcher = IgnoreMatcher::create(readDockerignore(patterns.join(u'\n')));
    QVERIFY2(matcher.has_value(), qPrintable(matcher ? QString() : matcher.error().message));
    QCOMPARE(matcher->matches(path), ignored);
}

void TestDockerignore::errors_data()
{
    QTest::addColumn<QStringList>("patterns");
    QTest::addColumn<QString>("message");

    QTest::newRow("lone bang") << QStringList{ u"a"_s, u"!"_s } << u"illegal exclusion pattern: \"!\""_s;
    QTest::newRow("open class") << QStringList{ u"a["_s } << u"syntax error in pattern"_s;
    QTest::newRow("empty class") << QStringList{ u"[]a]"_s } << u"syntax error in pattern"_s;
    QTest::newRow("range from dash") << QStringList{ u"[-a]"_s } << u"syntax error in pattern"_s;
    QTest::newRow("open range") << QStringList{ u"[a-]"_s } << u"syntax error in pattern"_s;
    QTest::newRow("trailing backslash") << QStringList{ u"a\\"_s } << u"syntax error in pattern"_s;
    QTest::newRow("bad exception") << QStringList{ u"!b["_s } << u"syntax error in pattern"_s;
}

void TestDockerignore::errors()
{
    QFETCH(QStringList, patterns);
    QFETCH(QString, message);
    const auto matcher = IgnoreMatcher::create(patterns);
    QVERIFY(!matcher.has_value());
    QCOMPARE(matcher.error().code, muelle::Code::InvalidArgument);
    QCOMPARE(matcher.error().message, message);
}

void TestDockerignore::exclusionsAreReported()
{
    QVERIFY(!IgnoreMatcher::create({ u"a"_s, u"b/**"_s })->hasExclusions());
    QVERIFY(IgnoreMatcher::create({ u"a"_s, u"!a/b"_s })->hasExclusions());
}

QTEST_GUILESS_MAIN(TestDockerignore)
#include "tst_dockerignore.moc"
