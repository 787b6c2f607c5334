// The desktop app's containers model over a real muelled on a private bus
// (run by with_engine.sh): it loads the engine's list, follows the engine's
// events with incremental updates (inserts, moves, changes, removals — never
// a reset), drives containers, and shows the engine's errors in plain words;
// the client's typed calls pass their options as the interface documents
// them (a stop's timeout, a kill's signal, a removal's volumes, ...).

#include "answer.h"
#include "desktop/containersmodel.h"
#include "desktop/dbusengineclient.h"
#include "docker.h"
#include "modeltester.h"

#include <QDBusError>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using muelle::Code;
using muelle::desktop::ContainersModel;
using muelle::desktop::DbusEngineClient;
using muelle::desktop::EngineClient;

namespace {

QString nameAt(const ContainersModel &model, int row)
{
    return model.data(model.index(row), ContainersModel::NameRole).toString();
}

QString stateOf(const ContainersModel &model, const QString &id)
{
    const int row = model.rowOf(id);
    return row < 0 ? u"<absent>"_s : model.data(model.index(row), ContainersModel::StateRole).toString();
}

QString statusOf(const ContainersModel &model, const QString &id)
{
    const int row = model.rowOf(id);
    return row < 0 ? u"<absent>"_s : model.data(model.index(row), ContainersModel::StatusRole).toString();
}

} // namespace

class TestContainersModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void followsTheEngineIncrementally();
    void statusTicksAndActionsSaySo();
    void inspect();
    void typedCalls();
    void errorsInPlainWords();
    void reconnectsWhenTheEngineComesBack();

private:
    qint64 restartedEngine_ = 0; // ours to stop
    std::unique_ptr<DbusEngineClient> client_;
};

void TestContainersModel::initTestCase()
{
    const QString address = qEnvironmentVariable("MUELLE_TEST_BUS");
    if (address.isEmpty())
        QSKIP("MUELLE_TEST_BUS is not set: run through with_engine.sh");
    QDBusConnection bus = QDBusConnection::connectToBus(address, u"test"_s);
    QVERIFY2(bus.isConnected(), qPrintable(bus.lastError().message()));
    client_ = std::make_unique<DbusEngineClient>(bus);
    QVERIFY(client_->isConnected());
}

void TestContainersModel::cleanupTestCase()
{
    if (restartedEngine_ > 0) {
        ::kill(pid_t(restartedEngine_), SIGTERM);
        for (int i = 0; i < 100 && ::kill(pid_t(restartedEngine_), 0) == 0; ++i)
            QTest::qWait(100);
    }
    client_.reset();
    QDBusConnection::disconnectFromBus(u"test"_s);
}

void TestContainersModel::followsTheEngineIncrementally()
{
    ContainersModel model(*client_);
    checkModel(model);
    QSignalSpy refreshed(&model, &ContainersModel::refreshed);
    model.refresh();
    QVERIFY(refreshed.wait());
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.lastError(), QString());

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // Created from elsewhere: the engine's events bring them in.
    const QString first
        = docker({ u"create"_s, u"--name"_s, u"m1"_s, u"--network"_s, u"none"_s, u"busybox"_s, u"sleep"_s, u"300"_s });
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(nameAt(model, 0), u"m1"_s);
    QCOMPARE(stateOf(model, first), u"created"_s);
    QTest::qWait(1100); // Docker's list is by creation time, in seconds
    const QString second
        = docker({ u"create"_s, u"--name"_s, u"m2"_s, u"--network"_s, u"none"_s, u"busybox"_s, u"sleep"_s, u"300"_s });
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(nameAt(model, 0), u"m2"_s); // newest first
    QCOMPARE(inserted.count(), 2);

    // Driven from the model: the row changes in place.
    model.act(u"start"_s, first);
    QTRY_COMPARE(stateOf(model, first), u"running"_s);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(model.lastError(), QString());
    model.act(u"stop"_s, first);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(model, first), u"exited"_s, 15000);

    docker({ u"rm"_s, u"-f"_s, first });
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowOf(first), -1);
    model.act(u"remove"_s, second);
    QTRY_COMPARE(model.rowCount(), 0);
    QCOMPARE(resets.count(), 0);
}

// The engine words a status once, when it lists; the model words it again
// each second from then, announcing only the status. Each action that
// works says so, by the container's name.
void TestContainersModel::statusTicksAndActionsSaySo()
{
    ContainersModel model(*client_);
    checkModel(model);
    QSignalSpy succeeded(&model, &ContainersModel::succeeded);
    const QString id = docker(
        { u"create"_s, u"--name"_s, u"ticker"_s, u"--network"_s, u"none"_s, u"busybox"_s, u"sleep"_s, u"300"_s });
    model.refresh();
    QTRY_COMPARE(statusOf(model, id), u"Created"_s);

    model.act(u"start"_s, id);
    QTRY_COMPARE(succeeded.count(), 1);
    QCOMPARE(succeeded.at(0).at(0).toString(), u"ticker started"_s);
    QTRY_VERIFY(statusOf(model, id).startsWith(u"Up "_s));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(model, id), u"Up 3 seconds"_s, 8000);
    const auto statusOnly = [&changed] {
        return std::count_if(changed.cbegin(), changed.cend(), [](const QList<QVariant> &signal) {
            return signal.at(2).value<QList<int>>() == QList<int>{ ContainersModel::StatusRole };
        });
    };
    QVERIFY(statusOnly() >= 2);

    model.act(u"kill"_s, id);
    QTRY_COMPARE(succeeded.count(), 2);
    QCOMPARE(succeeded.at(1).at(0).toString(), u"ticker killed"_s);
    QTRY_VERIFY(statusOf(model, id).startsWith(u"Exited (137) "_s));
    QVERIFY(statusOf(model, id).endsWith(u" ago"_s));
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(model, id), u"Exited (137) 2 seconds ago"_s, 8000);

    model.act(u"remove"_s, id);
    QTRY_COMPARE(succeeded.count(), 3);
    QCOMPARE(succeeded.at(2).at(0).toString(), u"ticker removed"_s);
    QTRY_COMPARE(model.rowOf(id), -1);
    QCOMPARE(model.lastError(), QString());
}

void TestContainersModel::inspect()
{
    docker({ u"create"_s, u"--name"_s, u"inspected"_s, u"--network"_s, u"none"_s, u"busybox"_s, u"true"_s });
    std::optional<muelle::Result<QJsonObject>> answer;
    client_->inspectContainer(u"inspected"_s, [&](muelle::Result<QJsonObject> result) { answer = result; });
    QTRY_VERIFY(answer.has_value());
    QVERIFY(answer->has_value());
    QCOMPARE((*answer)->value(u"Name").toString(), u"/inspected"_s);
    QCOMPARE((*answer)->value(u"State").toObject().value(u"Status").toString(), u"created"_s);
    answer.reset();
    client_->inspectContainer(u"nope"_s, [&](muelle::Result<QJsonObject> result) { answer = result; });
    QTRY_VERIFY(answer.has_value());
    QVERIFY(!answer->has_value());
    QCOMPARE(answer->error().code, Code::NotFound);
    QCOMPARE(answer->error().message, u"No such container: nope"_s);
    docker({ u"rm"_s, u"inspected"_s });
}

void TestContainersModel::typedCalls()
{
    EngineClient &engine = *client_;
    const QJsonObject config{ { u"Image"_s, u"busybox"_s }, { u"Cmd"_s, QJsonArray{ u"sleep"_s, u"300"_s } },
        { u"HostConfig"_s, QJsonObject{ { u"NetworkMode"_s, u"none"_s } } } };
    auto created = answerOf<QJsonObject>([&](auto done) { engine.createContainer(config, u"typed"_s, done); });
    QVERIFY2(created, failureOf(created).constData());
    const QString id = created->value(u"Id").toString();
    QCOMPARE(docker({ u"inspect"_s, u"--format"_s, u"{{.Id}}"_s, u"typed"_s }), id);
    QVERIFY(answerOf<void>([&](auto done) { engine.startContainer(id, done); }));
    auto top = answerOf<QJsonObject>([&](auto done) { engine.containerProcesses(id, u"-e -o pid,args"_s, done); });
    QVERIFY2(top, failureOf(top).constData());
    QCOMPARE(top->value(u"Titles").toArray().size(), 2); // PID, COMMAND
    QCOMPARE(top->value(u"Processes").toArray().size(), 1); // sleep
    // sleep as PID 1 ignores SIGTERM: the timeout (not the default 10 s) ends it.
    QElapsedTimer stopping;
    stopping.start();
    auto stopped = answerOf<void>([&](auto done) { engine.stopContainer(id, 1, done); });
    QVERIFY2(stopped, failureOf(stopped).constData());
    QVERIFY2(stopping.elapsed() < 8000, QByteArray::number(stopping.elapsed()).constData());
    QCOMPARE(docker({ u"inspect"_s, u"--format"_s, u"{{.State.Status}}"_s, id }), u"exited"_s);
    QVERIFY(answerOf<void>([&](auto done) { engine.restartContainer(id, 1, done); }));
    auto killed = answerOf<void>([&](auto done) { engine.killContainer(id, u"SIGKILL"_s, done); });
    QVERIFY2(killed, failureOf(killed).constData());
    QTRY_COMPARE(docker({ u"inspect"_s, u"--format"_s, u"{{.State.Status}}"_s, id }), u"exited"_s);
    auto removed = answerOf<void>([&](auto done) { engine.removeContainer(id, true, true, done); });
    QVERIFY2(removed, failureOf(removed).constData());

    QVERIFY(answerOf<QJsonObject>([&](auto done) { engine.createVolume({ { u"Name"_s, u"typedvol"_s } }, done); }));
    auto volume = answerOf<QJsonObject>([&](auto done) { engine.inspectVolume(u"typedvol"_s, done); });
    QVERIFY2(volume, failureOf(volume).constData());
    QCOMPARE(volume->value(u"Name").toString(), u"typedvol"_s);
    QVERIFY(answerOf<void>([&](auto done) { engine.removeVolume(u"typedvol"_s, true, done); }));
    QVERIFY(answerOf<QJsonObject>([&](auto done) { engine.pruneVolumes(true, done); }));
    auto network = answerOf<QJsonObject>([&](auto done) { engine.inspectNetwork(u"none"_s, done); });
    QVERIFY2(network, failureOf(network).constData());
    QCOMPARE(network->value(u"Name").toString(), u"none"_s);
    auto image = answerOf<QJsonObject>([&](auto done) { engine.inspectImage(u"busybox"_s, done); });
    QVERIFY2(image, failureOf(image).constData());
    QVERIFY(image->value(u"Id").toString().startsWith(u"sha256:"_s));
    const auto gone = answerOf<void>([&](auto done) { engine.removeNetwork(u"nonet"_s, done); });
    QVERIFY(!gone);
    QCOMPARE(gone.error().code, Code::NotFound);
}

void TestContainersModel::errorsInPlainWords()
{
    ContainersModel model(*client_);
    checkModel(model);
    model.act(u"start"_s, u"nope"_s);
    QTRY_COMPARE(model.lastError(), u"No such container: nope"_s);
    model.act(u"fly"_s, u"nope"_s);
    QCOMPARE(model.lastError(), u"unknown action \"fly\""_s);
    // An engine that is not there, and one that refuses, in words a user can act on.
    const auto gone = muelle::desktop::errorOf(QDBusError(QDBusError::ServiceUnknown, u"x"_s));
    QCOMPARE(gone.code, Code::Unavailable);
    QVERIFY(gone.message.contains(u"not running"_s));
    const auto denied = muelle::desktop::errorOf(QDBusError(QDBusError::AccessDenied, u"uid 1000 may not"_s));
    QCOMPARE(denied.code, Code::PermissionDenied);
    QVERIFY(denied.message.contains(u"group muelle"_s));
}

// The engine goes (kill -9) and comes back: the client says so each time,
// the model shows the engine's absence in words, then lists again.
void TestContainersModel::reconnectsWhenTheEngineComesBack()
{
    const qint64 pid = qEnvironmentVariableIntValue("MUELLE_TEST_ENGINE_PID");
    if (pid <= 0)
        QSKIP("MUELLE_TEST_ENGINE_PID is not set");
    QFile cmdline(u"/proc/%1/cmdline"_s.arg(pid));
    QVERIFY(cmdline.open(QIODevice::ReadOnly));
    QStringList arguments;
    for (const QByteArray &argument : cmdline.readAll().split('\0'))
        arguments.append(QString::fromLocal8Bit(argument));
    arguments.removeLast(); // after the last NUL
    const QString program = arguments.takeFirst();

    ContainersModel model(*client_);
    checkModel(model);
    QSignalSpy refreshed(&model, &ContainersModel::refreshed);
    model.refresh();
    QTRY_VERIFY(refreshed.count() >= 1);
    const int rows = model.rowCount();
    QSignalSpy connected(client_.get(), &EngineClient::connectedChanged);
    QVERIFY(client_->isConnected());

    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!client_->isConnected(), 10000);
    QCOMPARE(connected.last().at(0).toBool(), false);
    model.refresh();
    QTRY_VERIFY(model.lastError().contains(u"not running"_s));
    QCOMPARE(model.rowCount(), rows); // what was listed stays listed

    QProcess engine;
    engine.setProgram(program);
    engine.setArguments(arguments);
    engine.setStandardOutputFile(QProcess::nullDevice());
    engine.setStandardErrorFile(QProcess::nullDevice());
    QVERIFY(engine.startDetached(&restartedEngine_));
    QTRY_VERIFY_WITH_TIMEOUT(client_->isConnected(), 30000);
    QCOMPARE(connected.last().at(0).toBool(), true);
    // The model asks again by itself when the engine is back.
    QTRY_VERIFY_WITH_TIMEOUT(model.lastError().isEmpty(), 10000);
    QCOMPARE(model.rowCount(), rows);
}

QTEST_GUILESS_MAIN(TestContainersModel)
#include "tst_containersmodel.moc"
