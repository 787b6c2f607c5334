// The desktop app's models through HttpEngineClient against a real engine on
// 127.0.0.1 (desktop_http.sh: dockerd or muelled): connected, containers
// listed and kept current from GET /events, actions, inspect errors in the
// engine's words, logs (multiplexed and TTY), live stats from the stats
// streams, a pull as a job with progress, volumes and networks, the
// dashboard's facts; the stats history where the engine keeps one; the
// client's typed calls that no model makes (inspect a volume, a network,
// an image; top; stop with a timeout; kill with a signal).

#include "../integration/desktop/answer.h"
#include "../integration/desktop/docker.h"
#include "../integration/desktop/modeltester.h"
#include "desktop/containersmodel.h"
#include "desktop/containerstats.h"
#include "desktop/enginesummary.h"
#include "desktop/httpengineclient.h"
#include "desktop/logmodel.h"
#include "desktop/registries/registriesmodel.h"
#include "desktop/registries/registrysearch.h"
#include "desktop/registries/repositoriesmodel.h"
#include "desktop/resourcemodels.h"
#include "desktop/transfersmodel.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace muelle::desktop;

namespace {

} // namespace

class TestDesktopHttp : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString host = qEnvironmentVariable("MUELLE_TEST_HOST");
        if (host.isEmpty())
            QSKIP("MUELLE_TEST_HOST is not set: run me through desktop_http.sh");
        QUrl url(host);
        url.setScheme(u"http"_s);
        client_ = std::make_unique<HttpEngineClient>(url);
        QTRY_VERIFY_WITH_TIMEOUT(client_->isConnected(), 15000);
    }

    void cleanupTestCase() { docker({ u"rm"_s, u"-f"_s, u"web"_s, u"tty"_s }); }

    void containersFollowTheEvents()
    {
        ContainersModel model(*client_);
        checkModel(model);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.refresh();
        QTRY_VERIFY(model.lastError().isEmpty());
        const QString id = docker({ u"create"_s, u"--name"_s, u"web"_s, u"--network"_s, u"none"_s, u"busybox"_s,
            u"sh"_s, u"-c"_s, u"echo hello; echo oops >&2; exec sleep 300"_s });
        QTRY_VERIFY_WITH_TIMEOUT(model.rowOf(id) >= 0, 10000); // from GET /events
        model.act(u"start"_s, id);
        QTRY_COMPARE_WITH_TIMEOUT(
            model.data(model.index(model.rowOf(id)), ContainersModel::StateRole).toString(), u"running"_s, 20000);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(docker({ u"inspect"_s, u"--format"_s, u"{{.State.Status}}"_s, u"web"_s }), u"running"_s);
    }

    // Models closed while their requests are on the way (a page left at
    // once): the answers are dropped, not delivered to objects that are gone.
    void answersAfterTheirModelIsGone()
    {
        for (int round = 0; round < 10; ++round) {
            auto containers = std::make_unique<ContainersModel>(*client_);
            auto images = std::make_unique<ImagesModel>(*client_);
            auto summary = std::make_unique<EngineSummary>(*client_);
            containers->refresh();
            images->refresh();
            summary->refresh();
        }
        QTest::qWait(2000); // the answers come, and go nowhere
        QVERIFY(client_->isConnected());
    }

    void errorsInTheEnginesWords()
    {
        std::optional<muelle::Result<QJsonObject>> answer;
        client_->inspectContainer(u"nosuchcontainer"_s, [&](muelle::Result<QJsonObject> inspect) { answer = inspect; });
        QTRY_VERIFY(answer.has_value());
        QVERIFY(!*answer);
        QCOMPARE(answer->error().code, muelle::Code::NotFound);
        QVERIFY2(answer->error().message.contains(u"No such container"_s), qPrintable(answer->error().message));
    }

    void logs()
    {
        LogModel log(*client_);
        checkModel(log);
        log.open(u"web"_s);
        QTRY_COMPARE_WITH_TIMEOUT(log.rowCount(), 2, 10000);
        const QString first = log.index(0).data(LogModel::TextRole).toString();
        QVERIFY(first == u"hello"_s || first == u"oops"_s);
        bool stderrSeen = false;
        for (int row = 0; row < 2; ++row)
            stderrSeen = stderrSeen || log.index(row).data(LogModel::StreamRole).toString() == u"stderr"_s;
        QVERIFY(stderrSeen);
        QVERIFY(log.index(0).data(LogModel::TimeRole).toString().endsWith(u'Z'));
        // A container with a terminal: the engine sends raw lines.
        docker({ u"run"_s, u"-d"_s, u"-t"_s, u"--name"_s, u"tty"_s, u"--network"_s, u"none"_s, u"busybox"_s, u"sh"_s,
            u"-c"_s, u"echo one; echo two; exec sleep 300"_s });
        LogModel raw(*client_);
        checkModel(raw);
        raw.open(u"tty"_s);
        QTRY_COMPARE_WITH_TIMEOUT(raw.rowCount(), 2, 10000);
        QCOMPARE(raw.index(1).data(LogModel::TextRole).toString().trimmed(), u"two"_s);
    }

    void liveStats()
    {
        const QString id = docker({ u"inspect"_s, u"--format"_s, u"{{.Id}}"_s, u"web"_s });
        ContainerStats stats(*client_);
        stats.open(id);
        QTRY_VERIFY_WITH_TIMEOUT(stats.samples() >= 2, 30000);
        QVERIFY(stats.memory() > 0);
        if (qEnvironmentVariable("MUELLE_TEST_ENGINE") == u"muelled") {
            QCOMPARE(stats.lastError(), QString()); // muelled keeps a history
        } else {
            QVERIFY(!stats.lastError().isEmpty()); // Docker keeps none: said, not hidden
        }
    }

    void pullIsAJob()
    {
        const QString image = qEnvironmentVariable("MUELLE_TEST_REGISTRY") + u"/test/busybox:v1"_s;
        docker({ u"rmi"_s, image });
        TransfersModel transfers(*client_);
        checkModel(transfers);
        QSignalSpy finished(&transfers, &TransfersModel::finished);
        transfers.pull(image);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
        QCOMPARE(finished.first().at(2).toString(), QString());
        QVERIFY(!transfers.index(0).data(TransfersModel::StatusRole).toString().isEmpty());
        QVERIFY(!docker({ u"image"_s, u"inspect"_s, u"--format"_s, u"{{.Id}}"_s, image }).isEmpty());
        // Named by a reference with a registry host and a tag, in the path.
        ImageHistoryModel history(*client_);
        checkModel(history);
        history.open(image);
        QTRY_VERIFY_WITH_TIMEOUT(history.rowCount() >= 1, 10000);
        QCOMPARE(history.lastError(), QString());
        const QString pushed = qEnvironmentVariable("MUELLE_TEST_REGISTRY") + u"/test/pushed-http:v1"_s;
        ImagesModel images(*client_);
        checkModel(images);
        images.tag(image, pushed);
        QTRY_VERIFY(!docker({ u"image"_s, u"inspect"_s, u"--format"_s, u"{{.Id}}"_s, pushed }).isEmpty());
        // A row per name, as docker images lists them: both names, one image.
        images.refresh();
        QTRY_VERIFY(images.rowOf(image) >= 0 && images.rowOf(pushed) >= 0);
        QCOMPARE(images.get(images.rowOf(pushed)).value(u"id"_s), images.get(images.rowOf(image)).value(u"id"_s));
        QCOMPARE(images.get(images.rowOf(pushed)).value(u"tag"_s).toString(), u"v1"_s);
        QVERIFY(images.get(images.rowOf(pushed)).value(u"tags"_s).toString().contains(image));
        transfers.push(pushed);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 60000);
        QCOMPARE(finished.last().at(0).toString(), u"push"_s);
        QCOMPARE(finished.last().at(2).toString(), QString());
        transfers.pull(u"127.0.0.1:1/nothing:here"_s);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 3, 60000);
        QVERIFY(!finished.last().at(2).toString().isEmpty());
    }

    // Registries are browsed through muelled's D-Bus interface; over the
    // Docker API the page says so, in words, on either engine.
    void registriesSayTheyNeedTheLocalEngine()
    {
        RegistriesModel registries(*client_);
        registries.refresh();
        QTRY_VERIFY(registries.lastError().contains(u"cannot browse registries"_s));
        QCOMPARE(registries.rowCount(), 0);
        RepositoriesModel repositories(*client_);
        repositories.open(qEnvironmentVariable("MUELLE_TEST_REGISTRY"));
        QTRY_VERIFY(!repositories.loading());
        QVERIFY(repositories.lastError().contains(u"connect to the local muelled"_s));
        RegistrySearch search(*client_);
        search.setTerms(u"busybox"_s);
        search.searchNow();
        QTRY_VERIFY(search.lastError().contains(u"cannot browse registries"_s));
        QVERIFY(!search.searching());
    }

    void volumesNetworksAndTheDashboard()
    {
        VolumesModel volumes(*client_);
        checkModel(volumes);
        volumes.refresh();
        volumes.create(u"httpvol"_s);
        QTRY_VERIFY_WITH_TIMEOUT(volumes.rowOf(u"httpvol"_s) >= 0, 10000);
        volumes.remove(u"httpvol"_s);
        QTRY_VERIFY_WITH_TIMEOUT(volumes.rowOf(u"httpvol"_s) < 0, 10000);
        NetworksModel networks(*client_);
        checkModel(networks);
        networks.refresh();
        QTRY_VERIFY(networks.rowCount() >= 2);
        networks.remove(u"host"_s);
        QTRY_VERIFY(!networks.lastError().isEmpty());
        EngineSummary summary(*client_);
        QSignalSpy refreshed(&summary, &EngineSummary::refreshed);
        summary.refresh();
        QTRY_VERIFY(refreshed.count() == 1);
        QVERIFY(!summary.property("version").toString().isEmpty());
        QVERIFY(summary.property("running").toInt() >= 1);
        QVERIFY(summary.property("images").toInt() >= 1);
    }

    void typedCalls()
    {
        EngineClient &engine = *client_;
        auto network = answerOf<QJsonObject>([&](auto done) {
            engine.createNetwork({ { u"Name"_s, u"typednet"_s } }, done);
        });
        QVERIFY2(network, failureOf(network).constData());
        QVERIFY(!network->value(u"Id").toString().isEmpty());
        auto inspected = answerOf<QJsonObject>([&](auto done) { engine.inspectNetwork(u"typednet"_s, done); });
        QVERIFY2(inspected, failureOf(inspected).constData());
        QCOMPARE(inspected->value(u"Name").toString(), u"typednet"_s);
        QVERIFY(answerOf<void>([&](auto done) { engine.removeNetwork(u"typednet"_s, done); }));
        const auto gone = answerOf<QJsonObject>([&](auto done) { engine.inspectNetwork(u"typednet"_s, done); });
        QVERIFY(!gone);
        QCOMPARE(gone.error().code, muelle::Code::NotFound);
        QVERIFY(answerOf<QJsonObject>([&](auto done) { engine.pruneNetworks(done); }));

        QVERIFY(answerOf<QJsonObject>([&](auto done) { engine.createVolume({ { u"Name"_s, u"typedvol"_s } }, done); }));
        auto volume = answerOf<QJsonObject>([&](auto done) { engine.inspectVolume(u"typedvol"_s, done); });
        QVERIFY2(volume, failureOf(volume).constData());
        QCOMPARE(volume->value(u"Name").toString(), u"typedvol"_s);
        QVERIFY(answerOf<void>([&](auto done) { engine.removeVolume(u"typedvol"_s, true, done); }));

        auto image = answerOf<QJsonObject>([&](auto done) { engine.inspectImage(u"busybox"_s, done); });
        QVERIFY2(image, failureOf(image).constData());
        QVERIFY(image->value(u"Id").toString().startsWith(u"sha256:"_s));

        auto top = answerOf<QJsonObject>([&](auto done) { engine.containerProcesses(u"web"_s, {}, done); });
        QVERIFY2(top, failureOf(top).constData());
        QVERIFY(!top->value(u"Processes").toArray().isEmpty());
        // sleep as PID 1 ignores SIGTERM: the timeout (not the default 10 s) ends it.
        QElapsedTimer stopping;
        stopping.start();
        auto stopped = answerOf<void>([&](auto done) { engine.stopContainer(u"web"_s, 1, done); });
        QVERIFY2(stopped, failureOf(stopped).constData());
        QVERIFY2(stopping.elapsed() < 8000, QByteArray::number(stopping.elapsed()).constData());
        QCOMPARE(docker({ u"inspect"_s, u"--format"_s, u"{{.State.Status}}"_s, u"web"_s }), u"exited"_s);
        auto killed = answerOf<void>([&](auto done) { engine.killContainer(u"tty"_s, u"SIGKILL"_s, done); });
        QVERIFY2(killed, failureOf(killed).constData());
        QTRY_COMPARE(docker({ u"inspect"_s, u"--format"_s, u"{{.State.Status}}"_s, u"tty"_s }), u"exited"_s);
    }

private:
    std::unique_ptr<HttpEngineClient> client_;
};

QTEST_GUILESS_MAIN(TestDesktopHttp)
#include "tst_desktop_http.moc"
