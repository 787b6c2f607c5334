// The line-level syntax: directives, comments, continuations, flags, JSON or
// shell form, heredocs and line numbers, as BuildKit's parser reads them.

#include "dockerfile/parser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using muelle::dockerfile::Ast;
using muelle::dockerfile::Node;
using muelle::dockerfile::parse;

namespace {

// "<start>-<end> <keyword> [flags] arg|arg (json)" per node, children after " > ".
QString dump(const Node &node)
{
    QString text = u"%1-%2 %3"_s.arg(node.startLine).arg(node.endLine).arg(node.keyword);
    if (!node.flags.isEmpty())
        text += u" ["_s + node.flags.join(u' ') + u']';
    if (!node.args.isEmpty())
        text += u' ' + node.args.join(u'|');
    if (node.json)
        text += u" (json)"_s;
    for (const Node &child : node.children)
        text += u" > "_s + dump(child);
    return text;
}

QStringList dump(const Ast &ast)
{
    QStringList lines;
    for (const Node &node : ast.nodes)
        lines.append(dump(node));
    return lines;
}

} // namespace

class TestParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nodes_data();
    void nodes();
    void errors_data();
    void errors();
    void directives();
    void escapeDirectiveDocsExample();
    void emptyContinuationWarns();
    void heredocs_data();
    void heredocs();
    void originalKeepsTheLogicalLine();
};

void TestParser::nodes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("simple") << u"FROM alpine\nRUN echo hi\n"_s
                            << QStringList{ u"1-1 from alpine"_s, u"2-2 run echo hi"_s };
    QTest::newRow("keywords in any case")
        << u"from alpine\nRuN echo hi"_s << QStringList{ u"1-1 from alpine"_s, u"2-2 run echo hi"_s };
    QTest::newRow("comments and blank lines")
        << u"# a comment\n\nFROM a\n   # indented comment\n\nRUN x # not a comment\n"_s
        << QStringList{ u"3-3 from a"_s, u"6-6 run x # not a comment"_s };
    QTest::newRow("leading whitespace") << u"   FROM a\n\tRUN b"_s << QStringList{ u"1-1 from a"_s, u"2-2 run b"_s };
    QTest::newRow("continuation keeps the next line's indentation")
        << u"FROM a\nRUN echo a \\\n  b\n"_s << QStringList{ u"1-1 from a"_s, u"2-3 run echo a   b"_s };
    QTest::newRow("continuation with trailing spaces") << u"RUN a \\  \t\nb"_s << QStringList{ u"1-2 run a b"_s };
    QTest::newRow("comment inside a continuation is dropped")
        << u"RUN apt-get update && \\\n# install\n    # more\n  apt-get install x\n"_s
        << QStringList{ u"1-4 run apt-get update &&   apt-get install x"_s };
    QTest::newRow("continuation at end of file")
        << u"FROM a\nRUN b \\"_s << QStringList{ u"1-1 from a"_s, u"2-2 run b"_s };
    QTest::newRow("escaped escape at end still continues")
        << u"RUN echo \\\\\nfoo"_s << QStringList{ u"1-2 run echo \\foo"_s };
    QTest::newRow("crlf") << u"FROM a\r\nRUN b \\\r\n c\r\n"_s << QStringList{ u"1-1 from a"_s, u"2-3 run b  c"_s };
    QTest::newRow("byte order mark") << u"\uFEFFFROM a"_s << QStringList{ u"1-1 from a"_s };
    QTest::newRow("exec form") << uR"(CMD ["echo", "a b"])"_s << QStringList{ u"1-1 cmd echo|a b (json)"_s };
    QTest::newRow("exec form with spaces")
        << uR"(ENTRYPOINT   [ "/bin/sh" , "-c" ]  )"_s << QStringList{ u"1-1 entrypoint /bin/sh|-c (json)"_s };
    QTest::newRow("empty exec form") << u"CMD []"_s << QStringList{ u"1-1 cmd (json)"_s };
    QTest::newRow("bad json is the shell form") << u"CMD [echo, a]"_s << QStringList{ u"1-1 cmd [echo, a]"_s };
    QTest::newRow("single quotes are not json") << u"RUN ['a']"_s << QStringList{ u"1-1 run ['a']"_s };
    QTest::newRow("trailing text after json") << uR"(CMD ["a"] b)"_s << QStringList{ uR"(1-1 cmd ["a"] b)"_s };
    QTest::newRow("copy json") << uR"(COPY ["a b", "/c"])"_s << QStringList{ u"1-1 copy a b|/c (json)"_s };
    QTest::newRow("copy words") << u"COPY  a   b\t/c/"_s << QStringList{ u"1-1 copy a|b|/c/"_s };
    QTest::newRow("flags") << u"COPY --from=build --chown=1:1 a b"_s
                           << QStringList{ u"1-1 copy [--from=build --chown=1:1] a|b"_s };
    QTest::newRow("quoted flag") << u"COPY --chown=\"a b\" x y"_s << QStringList{ u"1-1 copy [--chown=a b] x|y"_s };
    QTest::newRow("bool flag") << u"COPY --link a b"_s << QStringList{ u"1-1 copy [--link] a|b"_s };
    QTest::newRow("double dash ends flags")
        << u"RUN --network=none -- --version"_s << QStringList{ u"1-1 run [--network=none] --version"_s };
    QTest::newRow("flag after arguments is an argument")
        << u"COPY a --from=x b"_s << QStringList{ u"1-1 copy a|--from=x|b"_s };
    QTest::newRow("from as") << u"FROM golang:1.21 AS build"_s << QStringList{ u"1-1 from golang:1.21|AS|build"_s };
    QTest::newRow("from platform") << u"FROM --platform=$BUILDPLATFORM alpine"_s
                                   << QStringList{ u"1-1 from [--platform=$BUILDPLATFORM] alpine"_s };
    QTest::newRow("env legacy") << u"ENV PATH /usr/bin:/bin  with spaces"_s
                                << QStringList{ u"1-1 env PATH|/usr/bin:/bin  with spaces"_s };
    QTest::newRow("env pairs keep quotes")
        << u"ENV A=1 B=\"x y\" C='z' D=a\\ b"_s << QStringList{ u"1-1 env A|1|B|\"x y\"|C|'z'|D|a\\ b"_s };
    QTest::newRow("env empty value") << u"ENV A= B=\"\""_s << QStringList{ u"1-1 env A||B|\"\""_s };
    QTest::newRow("label") << u"LABEL \"com.example.vendor\"=\"ACME Inc\" version=1.0"_s
                           << QStringList{ u"1-1 label \"com.example.vendor\"|\"ACME Inc\"|version|1.0"_s };
    QTest::newRow("label continued")
        << u"LABEL multi.label1=\"value1\" \\\n      multi.label2=\"value2\" \\\n      other=\"value3\""_s
        << QStringList{ u"1-3 label multi.label1|\"value1\"|multi.label2|\"value2\"|other|\"value3\""_s };
    QTest::newRow("arg") << u"ARG a b=1 c=\"x y\""_s << QStringList{ u"1-1 arg a|b=1|c=\"x y\""_s };
    QTest::newRow("expose") << u"EXPOSE 80/tcp  53/udp"_s << QStringList{ u"1-1 expose 80/tcp|53/udp"_s };
    QTest::newRow("user keeps spaces") << u"USER  a b "_s << QStringList{ u"1-1 user a b"_s };
    QTest::newRow("workdir") << u"WORKDIR /a b"_s << QStringList{ u"1-1 workdir /a b"_s };
    QTest::newRow("healthcheck shell") << u"HEALTHCHECK --interval=5s CMD curl -f http://x/"_s
                                       << QStringList{ u"1-1 healthcheck [--interval=5s] CMD|curl -f http://x/"_s };
    QTest::newRow("healthcheck exec") << uR"(HEALTHCHECK CMD ["curl", "x"])"_s
                                      << QStringList{ u"1-1 healthcheck CMD|curl|x (json)"_s };
    QTest::newRow("healthcheck none") << u"HEALTHCHECK NONE"_s << QStringList{ u"1-1 healthcheck NONE"_s };
    QTest::newRow("onbuild") << u"ONBUILD RUN make"_s << QStringList{ u"1-1 onbuild > 1-1 run make"_s };
    QTest::newRow("onbuild with flags") << u"ONBUILD COPY --from=a x y"_s
                                        << QStringList{ u"1-1 onbuild > 1-1 copy [--from=a] x|y"_s };
    QTest::newRow("unknown instruction kept") << u"FORM a b"_s << QStringList{ u"1-1 form"_s };
    QTest::newRow("instruction without arguments") << u"CMD"_s << QStringList{ u"1-1 cmd"_s };
}

void TestParser::nodes()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    const auto ast = parse(text);
    QVERIFY2(ast.has_value(), qPrintable(ast ? QString() : ast.error().text()));
    QCOMPARE(dump(*ast), expected);
}

void TestParser::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QString() << 0 << u"the Dockerfile (Dockerfile) cannot be empty"_s;
    QTest::newRow("only comments") << u"# nothing\n\n# here\n"_s << 3 << u"file with no instructions"_s;
    QTest::newRow("only blank lines") << u"\n\n"_s << 2 << u"file with no instructions"_s;
    QTest::newRow("bad escape") << u"# escape=x\nFROM a"_s << 1 << u"invalid escape token 'x' does not match ` or \\"_s;
    QTest::newRow("escape twice") << u"# escape=\\\n# escape=`\nFROM a"_s << 2
                                  << u"only one escape parser directive can be used"_s;
    QTest::newRow("syntax twice") << u"# syntax=a\n#syntax = b\nFROM a"_s << 2
                                  << u"only one syntax parser directive can be used"_s;
    QTest::newRow("env one word") << u"FROM a\nENV A"_s << 2 << u"ENV must have two arguments"_s;
    QTest::newRow("label one word") << u"FROM a\n\nLABEL A"_s << 3 << u"LABEL must have two arguments"_s;
    QTest::newRow("env pair then word") << u"FROM a\nENV A=1 \\\n  B"_s << 2
                                        << u"Syntax error - can't find = in \"B\". Must be of the form: name=value"_s;
    QTest::newRow("json with a number") << u"FROM a\nCMD [\"a\", 1]"_s << 2
                                        << u"when using JSON array syntax, arrays must be comprised of strings only"_s;
    QTest::newRow("json in copy") << u"COPY [\"a\", [\"b\"]]"_s << 1
                                  << u"when using JSON array syntax, arrays must be comprised of strings only"_s;
    QTest::newRow("unterminated heredoc") << u"FROM a\nRUN <<EOF\necho\n"_s << 2 << u"unterminated heredoc"_s;
}

void TestParser::errors()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, message);
    const auto ast = parse(text);
    QVERIFY(!ast.has_value());
    QCOMPARE(ast.error().message, message);
    QCOMPARE(ast.error().line, line);
    // dockerd 20.10 answers a line-level error after "failed to parse
    // Dockerfile: ", an empty file as it is (peers_dockerfile_errors_dockerd).
    QCOMPARE(ast.error().text(), line == 0 ? message : u"failed to parse Dockerfile: "_s + message);
    QCOMPARE(ast.error().toError().code, muelle::Code::InvalidArgument);
}

void TestParser::directives()
{
    auto ast = parse(u"# syntax=docker/dockerfile:1.4\n# escape=`\nFROM a\nRUN dir `\n  c:\\\n"_s);
    QVERIFY(ast.has_value());
    QCOMPARE(ast->syntax, u"docker/dockerfile:1.4"_s);
    QCOMPARE(ast->escape, u'`');
    QCOMPARE(dump(*ast), (QStringList{ u"3-3 from a"_s, u"4-5 run dir   c:\\"_s }));

    // The directive is case-insensitive and spaces are allowed around '='.
    ast = parse(u"#ESCAPE = `\nFROM a `\n b"_s);
    QVERIFY(ast.has_value());
    QCOMPARE(ast->escape, u'`');
    QCOMPARE(dump(*ast), QStringList{ u"2-3 from a|b"_s });

    // After an instruction, a blank line or another comment, it is a comment.
    for (const QString &text : { u"FROM a\n# escape=`\nRUN a `"_s, u"\n# escape=`\nFROM a `"_s,
             u"# hello\n# escape=`\nFROM a `"_s, u"# unknown=x\n# escape=`\nFROM a `"_s }) {
        ast = parse(text);
        QVERIFY(ast.has_value());
        QCOMPARE(ast->escape, u'\\');
        QVERIFY2(ast->nodes.last().args.last().endsWith(u'`'), qPrintable(text));
    }

    // A file that names itself in the empty-file message.
    const auto empty = parse(QString(), u"Dockerfile.dev");
    QVERIFY(!empty.has_value());
    QCOMPARE(empty.error().message, u"the Dockerfile (Dockerfile.dev) cannot be empty"_s);
}

// The example of Docker's reference for the escape directive: without it,
// "c:\" continues the line.
void TestParser::escapeDirectiveDocsExample()
{
    const QString body = u"FROM microsoft/nanoserver\nCOPY testfile.txt c:\\\nRUN dir c:\\\n"_s;
    auto ast = parse(body);
    QVERIFY(ast.has_value());
    QCOMPARE(dump(*ast), (QStringList{ u"1-1 from microsoft/nanoserver"_s, u"2-3 copy testfile.txt|c:RUN|dir|c:"_s }));
    ast = parse(u"# escape=`\n\n"_s + body);
    QVERIFY(ast.has_value());
    QCOMPARE(dump(*ast),
        (QStringList{ u"3-3 from microsoft/nanoserver"_s, u"4-4 copy testfile.txt|c:\\"_s, u"5-5 run dir c:\\"_s }));
}

void TestParser::emptyContinuationWarns()
{
    const auto ast = parse(u"FROM a\nRUN a \\\n\n   \n b\n"_s);
    QVERIFY(ast.has_value());
    QCOMPARE(dump(*ast), (QStringList{ u"1-1 from a"_s, u"2-5 run a  b"_s }));
    QCOMPARE(ast->warnings,
        (QStringList{ u"[WARNING]: Empty continuation line found in:\n    RUN a  b"_s,
            u"[WARNING]: Empty continuation lines will become errors in a future release."_s }));
}

void TestParser::heredocs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("node"); // the dump of the last node
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("contents");
    QTest::addColumn<QList<bool>>("expands");

    QTest::newRow("run") << u"FROM a\nRUN <<EOF\napt-get update\napt-get install -y vim\nEOF\n"_s << u"2-5 run <<EOF"_s
                         << QStringList{ u"EOF"_s } << QStringList{ u"apt-get update\napt-get install -y vim\n"_s }
                         << QList<bool>{ true };
    QTest::newRow("program reads stdin") << u"RUN python3 <<EOF\nprint('hi')\nEOF"_s << u"1-3 run python3 <<EOF"_s
                                         << QStringList{ u"EOF"_s } << QStringList{ u"print('hi')\n"_s }
                                         << QList<bool>{ true };
    QTest::newRow("chomp keeps content, terminator may be indented")
        << u"RUN <<-EOT\n\techo a\n\tEOT\n"_s << u"1-3 run <<-EOT"_s << QStringList{ u"EOT"_s }
        << QStringList{ u"\techo a\n"_s } << QList<bool>{ true };
    QTest::newRow("double-quoted delimiter")
        << u"RUN <<\"EOF\"\necho $HOME\nEOF"_s << u"1-3 run <<\"EOF\""_s << QStringList{ u"EOF"_s }
        << QStringList{ u"echo $HOME\n"_s } << QList<bool>{ false };
    QTest::newRow("single-quoted delimiter")
        << u"RUN cat <<'END' > /x\n$A\nEND"_s << u"1-3 run cat <<'END' > /x"_s << QStringList{ u"END"_s }
        << QStringList{ u"$A\n"_s } << QList<bool>{ false };
    QTest::newRow("two on one line")
        << u"RUN <<FILE1 cat > file1 && <<FILE2 cat > file2\nI am\nfirst\nFILE1\nI am\nsecond\nFILE2\n"_s
        << u"1-7 run <<FILE1 cat > file1 && <<FILE2 cat > file2"_s << QStringList{ u"FILE1"_s, u"FILE2"_s }
        << QStringList{ u"I am\nfirst\n"_s, u"I am\nsecond\n"_s } << QList<bool>{ true, true };
    QTest::newRow("copy") << u"COPY <<EOF /etc/motd\nhello\nEOF\nRUN x"_s << u"4-4 run x"_s << QStringList()
                          << QStringList() << QList<bool>();
    QTest::newRow("empty content") << u"RUN <<EOF\nEOF"_s << u"1-2 run <<EOF"_s << QStringList{ u"EOF"_s }
                                   << QStringList{ QString() } << QList<bool>{ true };
    QTest::newRow("file descriptor") << u"RUN 3<<EOF cat /dev/fd/3\nx\nEOF"_s << u"1-3 run 3<<EOF cat /dev/fd/3"_s
                                     << QStringList{ u"EOF"_s } << QStringList{ u"x\n"_s } << QList<bool>{ true };
    QTest::newRow("exec form takes none") << u"RUN [\"cat\", \"<<EOF\"]"_s << u"1-1 run cat|<<EOF (json)"_s
                                          << QStringList() << QStringList() << QList<bool>();
    QTest::newRow("env takes none") << u"ENV A=<<EOF"_s << u"1-1 env A|<<EOF"_s << QStringList() << QStringList()
                                    << QList<bool>();
    QTest::newRow("quoted is no heredoc")
        << u"RUN echo '<<EOF'"_s << u"1-1 run echo '<<EOF'"_s << QStringList() << QStringList() << QList<bool>();
    QTest::newRow("onbuild run") << u"ONBUILD RUN <<EOF\necho\nEOF"_s << u"1-3 onbuild > 1-3 run <<EOF"_s
                                 << QStringList{ u"EOF"_s } << QStringList{ u"echo\n"_s } << QList<bool>{ true };
    QTest::newRow("lines after continue numbering")
        << u"FROM a\nRUN <<EOF\nx\nEOF\nRUN y"_s << u"5-5 run y"_s << QStringList() << QStringList() << QList<bool>();
}

void TestParser::heredocs()
{
    QFETCH(QString, text);
    QFETCH(QString, node);
    QFETCH(QStringList, names);
    QFETCH(QStringList, contents);
    QFETCH(QList<bool>, expands);
    const auto ast = parse(text);
    QVERIFY2(ast.has_value(), qPrintable(ast ? QString() : ast.error().text()));
    const Node &last = ast->nodes.last();
    QCOMPARE(dump(last), node);
    const auto &heredocs = last.children.empty() ? last.heredocs : last.children.front().heredocs;
    QCOMPARE(heredocs.size(), names.size());
    for (qsizetype i = 0; i < heredocs.size(); ++i) {
        QCOMPARE(heredocs[i].name, names[i]);
        QCOMPARE(heredocs[i].content, contents[i]);
        QCOMPARE(heredocs[i].expand, expands[i]);
    }
    if (QTest::currentDataTag() == QByteArray("copy")) {
        QCOMPARE(ast->nodes.first().heredocs.size(), 1);
        QCOMPARE(ast->nodes.first().heredocs.first().content, u"hello\n"_s);
        QCOMPARE(ast->nodes.first().args, (QStringList{ u"<<EOF"_s, u"/etc/motd"_s }));
    }
    if (QTest::currentDataTag() == QByteArray("chomp keeps content, terminator may be indented"))
        QVERIFY(heredocs.first().chomp);
    if (QTest::currentDataTag() == QByteArray("file descriptor"))
        QCOMPARE(heredocs.first().fileDescriptor, 3);
}

void TestParser::originalKeepsTheLogicalLine()
{
    const auto ast = parse(u"FROM a\n  RUN echo \\\n   b"_s);
    QVERIFY(ast.has_value());
    QCOMPARE(ast->nodes.last().original, u"RUN echo    b"_s);
}

QTEST_GUILESS_MAIN(TestParser)
#include "tst_parser.moc"
