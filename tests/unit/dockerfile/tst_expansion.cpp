// Substitution applied to typed instructions: the ones Docker substitutes,
// the ones it leaves to the shell, EXPOSE's word splitting and its ports.

#include "dockerfile/expansion.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace muelle::dockerfile;

namespace {

const Environment env{
    { u"NAME"_s, u"app"_s },
    { u"DIR"_s, u"/srv/app"_s },
    { u"PORTS"_s, u"80 443/tcp"_s },
    { u"OWNER"_s, u"1000"_s },
    { u"SPACED"_s, u"a b"_s },
};

Instruction instruction(const QString &text)
{
    const auto ast = parse(text);
    const auto parsed = ast ? parseInstruction(ast->nodes.last()) : std::unexpected(ast.error());
    if (!parsed)
        qFatal("%s", qPrintable(parsed.error().text()));
    return *parsed;
}

template <typename T> T expanded(const QString &text, QChar escape = u'\\')
{
    const auto result = expandInstruction(instruction(text), env, escape);
    if (!result) {
        qWarning("%s", qPrintable(result.error().message));
        return T{};
    }
    return std::get<T>(result->command);
}

} // namespace

class TestExpansion : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void substituted();
    void leftToTheShell();
    void expose();
    void errors();
    void ports_data();
    void ports();
    void portErrors_data();
    void portErrors();
};

void TestExpansion::substituted()
{
    QCOMPARE(expanded<Env>(u"ENV HOME_$NAME=\"$DIR/home\" B='$DIR'"_s).variables,
        (QList<KeyValue>{ { u"HOME_app"_s, u"/srv/app/home"_s }, { u"B"_s, u"$DIR"_s } }));
    QCOMPARE(expanded<Env>(u"ENV PATH $DIR/bin:${PATH:-/bin}"_s).variables,
        (QList<KeyValue>{ { u"PATH"_s, u"/srv/app/bin:/bin"_s } }));
    QCOMPARE(expanded<Label>(u"LABEL \"name\"=\"${NAME} server\""_s).labels,
        (QList<KeyValue>{ { u"name"_s, u"app server"_s } }));
    const Copy copy
        = expanded<Copy>(u"COPY --chown=$OWNER:$OWNER --chmod=${MODE:-644} ${NAME}.conf \"$SPACED\" $DIR/"_s);
    QCOMPARE(copy.sources, (QStringList{ u"app.conf"_s, u"a b"_s }));
    QCOMPARE(copy.destination, u"/srv/app/"_s);
    QCOMPARE(copy.chown, u"1000:1000"_s);
    QCOMPARE(copy.chmod, u"644"_s);
    QCOMPARE(expanded<Copy>(u"COPY --from=$NAME a b"_s).from, u"$NAME"_s); // --from is not substituted
    QCOMPARE(expanded<Workdir>(u"WORKDIR ${DIR}/src"_s).path, u"/srv/app/src"_s);
    QCOMPARE(expanded<User>(u"USER ${OWNER}:${GROUP:-staff}"_s).user, u"1000:staff"_s);
    QCOMPARE(expanded<Volume>(u"VOLUME [\"$DIR/data\", \"/x\"]"_s).paths, (QStringList{ u"/srv/app/data"_s, u"/x"_s }));
    QCOMPARE(expanded<StopSignal>(u"STOPSIGNAL ${SIG:-SIGTERM}"_s).signal, u"SIGTERM"_s);
    QCOMPARE(expanded<Arg>(u"ARG V=${NAME}-1 W"_s).args,
        (QList<ArgDeclaration>{ { u"V"_s, u"app-1"_s }, { u"W"_s, std::nullopt } }));
    // The docs' escape example, with the backtick as escape character.
    QCOMPARE(expanded<Workdir>(u"# escape=`\nWORKDIR `$DIR\\x"_s, u'`').path, u"$DIR\\x"_s);
}

void TestExpansion::leftToTheShell()
{
    QCOMPARE(expanded<Run>(u"RUN echo $NAME"_s).command.args, QStringList{ u"echo $NAME"_s });
    QCOMPARE(expanded<Cmd>(u"CMD [\"echo\", \"$NAME\"]"_s).command.args, (QStringList{ u"echo"_s, u"$NAME"_s }));
    QCOMPARE(expanded<Entrypoint>(u"ENTRYPOINT exec $DIR/run"_s).command.args, QStringList{ u"exec $DIR/run"_s });
    QCOMPARE(expanded<Healthcheck>(u"HEALTHCHECK CMD curl $NAME"_s).test.last(), u"curl $NAME"_s);
    QCOMPARE(expanded<Onbuild>(u"ONBUILD WORKDIR $DIR"_s).expression, u"WORKDIR $DIR"_s);
    QCOMPARE(expanded<Maintainer>(u"MAINTAINER $NAME"_s).name, u"$NAME"_s);
    QCOMPARE(expanded<From>(u"FROM $NAME"_s).baseName, u"$NAME"_s);
}

void TestExpansion::expose()
{
    // EXPOSE alone splits a substituted word into several.
    QCOMPARE(expanded<Expose>(u"EXPOSE $PORTS 8080"_s).ports, (QStringList{ u"80"_s, u"443/tcp"_s, u"8080"_s }));
    QCOMPARE(expanded<Volume>(u"VOLUME $SPACED"_s).paths, QStringList{ u"a b"_s });
}

void TestExpansion::errors()
{
    const auto result = expandInstruction(instruction(u"WORKDIR ${DIR"_s), env);
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().code, muelle::Code::InvalidArgument);
    QCOMPARE(result.error().message, u"failed to process \"${DIR\": missing ':' in substitution"_s);
    const auto second = expandInstruction(instruction(u"ENV A=1 B=${X:?}"_s), env);
    QCOMPARE(second.error().message, u"failed to process \"${X:?}\": unsupported modifier (?) in substitution"_s);
}

void TestExpansion::ports_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("port");

    QTest::newRow("tcp by default") << u"80"_s << u"80/tcp"_s;
    QTest::newRow("udp") << u"53/udp"_s << u"53/udp"_s;
    QTest::newRow("protocol case") << u"53/UDP"_s << u"53/udp"_s;
    QTest::newRow("sctp") << u"9/sctp"_s << u"9/sctp"_s;
    QTest::newRow("range") << u"8000-8010/tcp"_s << u"8000-8010/tcp"_s;
    QTest::newRow("host parts ignored") << u"127.0.0.1:8080:80"_s << u"80/tcp"_s;
    QTest::newRow("highest") << u"65535"_s << u"65535/tcp"_s;
}

void TestExpansion::ports()
{
    QFETCH(QString, spec);
    QFETCH(QString, port);
    const auto ports = parseExposedPorts({ spec });
    QVERIFY2(ports.has_value(), qPrintable(ports ? QString() : ports.error().message));
    QCOMPARE(ports->size(), 1);
    QCOMPARE(ports->first().toString(), port);
}

void TestExpansion::portErrors_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");

    QTest::newRow("not a number") << u"80a"_s << u"Invalid containerPort: 80a"_s;
    QTest::newRow("too big") << u"65536"_s << u"Invalid containerPort: 65536"_s;
    QTest::newRow("reversed range") << u"90-80"_s << u"Invalid containerPort: 90-80"_s;
    QTest::newRow("protocol") << u"80/icmp"_s << u"Invalid proto: icmp"_s;
    QTest::newRow("no port") << u"/tcp"_s << u"No port specified: /tcp<empty>"_s;
}

void TestExpansion::portErrors()
{
    QFETCH(QString, spec);
    QFETCH(QString, message);
    const auto ports = parseExposedPorts({ u"22"_s, spec });
    QVERIFY(!ports.has_value());
    QCOMPARE(ports.error().code, muelle::Code::InvalidArgument);
    QCOMPARE(ports.error().message, message);
}

QTEST_GUILESS_MAIN(TestExpansion)
#include "tst_expansion.moc"
