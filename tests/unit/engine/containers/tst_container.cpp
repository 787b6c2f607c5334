// A container's state machine and its record: every illegal transition is
// refused and changes nothing; records written by muelled before 2026-12
// (the spec as Docker's create body, tests/fixtures/containers-v1.jsonl,
// made by tests/fixtures/make-containers-v1.sh) read into the same container
// that today's record keeps; damaged and newer records are refused.
#include "engine/containers/container.h"
#include "tests/unit/engine/support.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace muelle;
using namespace muelle::engine::containers;
using muelle::engine::testing::why;

namespace {

constexpr Status every[] = { Status::Created, Status::Running, Status::Paused, Status::Restarting, Status::Exited,
    Status::Removing, Status::Dead };

// Docker's lifecycle as muelled walks it, written out edge by edge.
const QList<std::pair<Status, Status>> legal = {
    { Status::Created, Status::Running }, // docker start
    { Status::Created, Status::Removing }, // docker rm
    { Status::Running, Status::Paused }, // docker pause
    { Status::Running, Status::Exited }, // the process ended
    { Status::Paused, Status::Running }, // docker unpause
    { Status::Paused, Status::Exited }, // stopped or killed while paused
    { Status::Restarting, Status::Running }, // the restart policy's start
    { Status::Restarting, Status::Exited }, // docker stop, or the restart failed
    { Status::Exited, Status::Running }, // docker start
    { Status::Exited, Status::Restarting }, // its restart policy
    { Status::Exited, Status::Removing }, // docker rm
    { Status::Removing, Status::Dead }, // its files could not be deleted
    { Status::Dead, Status::Removing }, // docker rm again
};

QList<QByteArray> fixtureRecords()
{
    QFile file(QStringLiteral(MUELLE_FIXTURES "/containers-v1.jsonl"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    QList<QByteArray> records;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.trimmed().isEmpty())
            records.append(line);
    }
    return records;
}

void compareContainers(const Container &a, const Container &b)
{
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.name, b.name);
    QCOMPARE(a.image, b.image);
    QCOMPARE(a.imageName, b.imageName);
    QCOMPARE(a.created, b.created);
    QVERIFY(a.spec == b.spec);
    QCOMPARE(a.state.status, b.state.status);
    QCOMPARE(a.state.exitCode, b.state.exitCode);
    QCOMPARE(a.state.startedAt, b.state.startedAt);
    QCOMPARE(a.state.finishedAt, b.state.finishedAt);
    QCOMPARE(a.state.error, b.state.error);
    QCOMPARE(a.driver, b.driver);
    QCOMPARE(a.anonymousVolumes, b.anonymousVolumes);
    QCOMPARE(a.extraNetworks, b.extraNetworks);
}

} // namespace

namespace muelle::engine::containers {
char *toString(Status status)
{
    return QTest::toString(statusName(status));
}
} // namespace muelle::engine::containers

class TestContainer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyIllegalTransitionIsRefused()
    {
        int refused = 0;
        for (Status from : every) {
            for (Status to : every) {
                State state;
                state.status = from;
                state.exitCode = 7;
                const Result<> moved = transition(state, to);
                const bool expected = from == to || legal.contains(std::pair(from, to));
                QVERIFY2(bool(moved) == expected,
                    qPrintable(u"%1 -> %2: %3"_s.arg(
                        statusName(from), statusName(to), moved ? u"allowed"_s : moved.error().message)));
                if (moved) {
                    QCOMPARE(state.status, to);
                    continue;
                }
                ++refused;
                QCOMPARE(moved.error().code, Code::FailedPrecondition);
                QVERIFY(moved.error().message.contains(statusName(from)));
                QCOMPARE(state.status, from); // nothing changed
                QCOMPARE(state.exitCode, 7);
            }
        }
        QCOMPARE(refused, 7 * 6 - int(legal.size()));
    }

    void usersAskForTransitionsInDockersWords()
    {
        Container container;
        container.id = u"0123456789abcdef"_s;
        container.name = u"web"_s;
        container.state.status = Status::Created;
        QCOMPARE(allowed(container, Action::Pause).error().message, u"Container 0123456789ab is not running"_s);
        container.state.status = Status::Paused;
        QCOMPARE(allowed(container, Action::Start).error().message,
            u"cannot start a paused container, try unpause instead"_s);
        container.state.status = Status::Dead;
        QCOMPARE(allowed(container, Action::Start).error().message,
            u"container is marked for removal and cannot be started"_s);
        QVERIFY(allowed(container, Action::Remove));
        container.state.status = Status::Running;
        QCOMPARE(allowed(container, Action::Remove).error().code, Code::Conflict);
    }

    void recordsOfTheFirstVersionAreMigrated()
    {
        const QList<QByteArray> records = fixtureRecords();
        QCOMPARE(records.size(), 4);
        for (const QByteArray &old : records) {
            bool outdated = false;
            auto container = Container::fromRecord(old, &outdated);
            QVERIFY2(container, why(container));
            QVERIFY(outdated);
            // What the old record said, read the old way, is what the container holds.
            const QJsonObject json = QJsonDocument::fromJson(old).object();
            auto spec = Spec::fromDockerJson(json.value(u"spec").toObject());
            QVERIFY2(spec, why(spec));
            QVERIFY(container->spec == *spec);
            QCOMPARE(container->name, json.value(u"name").toString());
            QCOMPARE(statusName(container->state.status), json.value(u"state").toObject().value(u"status").toString());

            // Today's record: version 2, the spec in the engine's own shape.
            const QByteArray today = container->toRecord();
            const QJsonObject fresh = QJsonDocument::fromJson(today).object();
            QCOMPARE(fresh.value(u"version").toInt(), currentRecordVersion);
            const QJsonObject freshSpec = fresh.value(u"spec").toObject();
            QVERIFY(!freshSpec.contains(u"HostConfig"));
            QVERIFY(freshSpec.contains(u"restartPolicy"));
            bool again = true;
            auto reread = Container::fromRecord(today, &again);
            QVERIFY2(reread, why(reread));
            QVERIFY(!again);
            compareContainers(*reread, *container);
        }
    }

    void theRichRecordKeepsEveryOption()
    {
        Container rich;
        for (const QByteArray &old : fixtureRecords()) {
            if (QJsonDocument::fromJson(old).object().value(u"name").toString() == u"rich")
                rich = *Container::fromRecord(old);
        }
        auto container = Container::fromRecord(rich.toRecord());
        QVERIFY2(container, why(container));
        const Spec &spec = container->spec;
        QCOMPARE(spec.hostname, u"richhost"_s);
        QCOMPARE(spec.user, u"1000:1000"_s);
        QCOMPARE(spec.restartPolicy, RestartPolicy::OnFailure);
        QCOMPARE(spec.restartMaxRetries, 3);
        QCOMPARE(spec.stopTimeout, std::optional<int>(7));
        QCOMPARE(spec.resources.memory, 64 * 1024 * 1024);
        QCOMPARE(spec.resources.nanoCpus, 1'500'000'000);
        QCOMPARE(spec.resources.ulimits.size(), 1);
        QCOMPARE(spec.resources.ulimits.first().hard, 2048);
        QCOMPARE(spec.logMaxFile, 3);
        QVERIFY(spec.readonlyRootfs);
        QVERIFY(spec.init);
        QVERIFY(std::any_of(spec.mounts.begin(), spec.mounts.end(), [](const Mount &m) {
            return m.type == MountType::Tmpfs && m.tmpfsSize == 1048576 && m.tmpfsMode == 01770;
        }));
        QCOMPARE(spec.portBindings.size(), 2);
        QVERIFY(spec == rich.spec);
    }

    void everySpecFieldSurvivesTheRecord()
    {
        Spec spec;
        spec.image = u"registry.example:5000/app:1"_s;
        spec.hostname = u"h"_s;
        spec.domainname = u"example.org"_s;
        spec.user = u"app:staff"_s;
        spec.env = { u"A=1"_s, u"B="_s };
        spec.cmd = QStringList{ u"run"_s, u"--fast"_s };
        spec.entrypoint = QStringList{};
        spec.workingDir = u"/srv"_s;
        spec.labels = { { u"a"_s, u"1"_s }, { u"empty"_s, QString() } };
        spec.exposedPorts = { u"80/tcp"_s, u"53/udp"_s };
        spec.tty = spec.openStdin = spec.stdinOnce = spec.attachStdin = true;
        spec.attachStdout = spec.attachStderr = false;
        spec.stopSignal = u"SIGQUIT"_s;
        spec.stopTimeout = 0;
        spec.volumes = { u"/data"_s };
        spec.networkMode = u"container:abc"_s;
        spec.portBindings = { { 80, u"tcp"_s, u"127.0.0.1"_s, 8080 }, { 53, u"udp"_s, QString(), 0 } };
        spec.publishAllPorts = true;
        Mount tmpfs;
        tmpfs.type = MountType::Tmpfs;
        tmpfs.target = u"/run"_s;
        tmpfs.tmpfsSize = 4096;
        tmpfs.tmpfsMode = 0700;
        tmpfs.tmpfsOptions = { u"noexec"_s };
        tmpfs.from = MountFrom::Tmpfs;
        Mount bind;
        bind.source = u"/srv/data"_s;
        bind.target = u"/data"_s;
        bind.readOnly = true;
        bind.propagation = u"rshared"_s;
        Mount volume;
        volume.type = MountType::Volume;
        volume.source = u"named"_s;
        volume.target = u"/v"_s;
        volume.noCopy = true;
        spec.mounts = { bind, volume, tmpfs };
        spec.restartPolicy = RestartPolicy::UnlessStopped;
        spec.restartMaxRetries = 2;
        spec.autoRemove = spec.privileged = spec.readonlyRootfs = spec.init = true;
        spec.capAdd = { u"NET_ADMIN"_s };
        spec.capDrop = { u"ALL"_s };
        spec.securityOpt = { u"no-new-privileges"_s };
        spec.dns = { u"10.0.0.53"_s };
        spec.dnsSearch = { u"example.org"_s };
        spec.dnsOptions = { u"ndots:2"_s };
        spec.extraHosts = { u"db:10.0.0.5"_s };
        spec.groupAdd = { u"123"_s };
        spec.shmSize = 1 << 26;
        spec.consoleSize = { 40, 120 };
        spec.logType = u"none"_s;
        spec.logMaxSize = 1 << 20;
        spec.logMaxFile = 5;
        spec.resources = { 1 << 26, -1, 1 << 25, 500'000'000, 512, 100'000, 50'000, u"0-1"_s, u"0"_s, 64, 300, true,
            { { u"nofile"_s, 1024, 2048 } } };
        spec.networkAliases = { { u"net"_s, { u"web"_s, u"www"_s } } };
        spec.networkIps = { { u"net"_s, u"172.20.0.5"_s } };
        Container container;
        container.id = u"c0ffee"_s;
        container.image = *oci::Digest::parse(u"sha256:"_s + QString(64, u'a'));
        container.spec = spec;
        auto back = Container::fromRecord(container.toRecord());
        QVERIFY2(back, why(back));
        QVERIFY(back->spec == spec);
        QVERIFY(back->spec.cmd && back->spec.entrypoint && back->spec.entrypoint->isEmpty());
        Spec defaults;
        container.spec = defaults;
        back = Container::fromRecord(container.toRecord());
        QVERIFY(back->spec == defaults);
        QVERIFY(!back->spec.cmd && !back->spec.stopTimeout);
    }

    void damagedOrNewerRecordsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<QString>("says");
        const QByteArray good = Container::fromRecord(fixtureRecords().first())->toRecord();
        QTest::addRow("not JSON") << QByteArray("{\"id\": ") << u"unreadable"_s;
        QTest::addRow("no ID") << QByteArray(R"({"version":2,"image":"sha256:00"})") << u"unreadable"_s;
        QByteArray newer = good;
        newer.replace("\"version\":2", "\"version\":9");
        QTest::addRow("newer version") << newer << u"newer than this muelled reads"_s;
        QByteArray wrongType = good;
        wrongType.replace("\"tty\":false", "\"tty\":\"no\"");
        QTest::addRow("a field of the wrong type") << wrongType << u"tty has the wrong type"_s;
    }

    void damagedOrNewerRecordsAreRefused()
    {
        QFETCH(QByteArray, record);
        QFETCH(QString, says);
        auto container = Container::fromRecord(record);
        QVERIFY(!container);
        QCOMPARE(container.error().code, Code::DataLoss);
        QVERIFY2(container.error().message.contains(says), qPrintable(container.error().message));
    }
};

QTEST_GUILESS_MAIN(TestContainer)
#include "tst_container.moc"
