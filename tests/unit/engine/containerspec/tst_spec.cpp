// Create bodies as Docker clients send them, read into a Spec: what is
// accepted and how it reads, what is refused and with which of dockerd's
// messages, and that the inspect shape reads back to the same Spec.
#include "engine/containerspec/spec.h"
#include "tests/unit/engine/support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace muelle;
using namespace muelle::engine::containerspec;
using muelle::engine::testing::why;

Q_DECLARE_METATYPE(Spec)

namespace {

// {"Image":"busybox", <fields>}
QByteArray config(const char *fields)
{
    return QByteArray(R"({"Image":"busybox",)") + fields + '}';
}

// {"Image":"busybox","HostConfig":{<fields>}}
QByteArray host(const char *fields)
{
    return QByteArray(R"({"Image":"busybox","HostConfig":{)") + fields + "}}";
}

Spec busybox()
{
    Spec spec;
    spec.image = u"busybox"_s;
    return spec;
}

Mount bindMount(const QString &source, const QString &target, bool readOnly, MountFrom from = MountFrom::Binds)
{
    Mount mount;
    mount.type = MountType::Bind;
    mount.source = source;
    mount.target = target;
    mount.readOnly = readOnly;
    mount.propagation = u"rprivate"_s;
    mount.from = from;
    return mount;
}

Mount volumeMount(const QString &name, const QString &target, MountFrom from = MountFrom::Binds)
{
    Mount mount;
    mount.type = MountType::Volume;
    mount.source = name;
    mount.target = target;
    mount.from = from;
    return mount;
}

Mount tmpfsMount(const QString &target, qint64 size, const QStringList &options, MountFrom from = MountFrom::Tmpfs)
{
    Mount mount;
    mount.type = MountType::Tmpfs;
    mount.target = target;
    mount.tmpfsSize = size;
    mount.tmpfsOptions = options;
    mount.from = from;
    return mount;
}

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in the test: %s in %s", qPrintable(error.errorString()), json.constData());
    return document.object();
}

QByteArray text(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

// What the docker CLI 28 sends for
//   docker run -d --name x -p 8080:80 -v /tmp:/data:ro --tmpfs /run:size=64m
//     --memory 64m --cpus 0.5 --restart on-failure:3 busybox sleep 10
// (the name goes in the query string).
const char *dockerRunBody = R"({
  "Hostname": "", "Domainname": "", "User": "",
  "AttachStdin": false, "AttachStdout": false, "AttachStderr": false,
  "ExposedPorts": {"80/tcp": {}},
  "Tty": false, "OpenStdin": false, "StdinOnce": false,
  "Env": null, "Cmd": ["sleep", "10"], "Image": "busybox", "Volumes": {},
  "WorkingDir": "", "Entrypoint": null, "OnBuild": null, "Labels": {},
  "HostConfig": {
    "Binds": ["/tmp:/data:ro"], "ContainerIDFile": "",
    "LogConfig": {"Type": "", "Config": {}},
    "NetworkMode": "default",
    "PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]},
    "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3},
    "AutoRemove": false, "VolumeDriver": "", "VolumesFrom": null, "ConsoleSize": [0, 0],
    "CapAdd": null, "CapDrop": null, "CgroupnsMode": "", "Dns": [], "DnsOptions": [], "DnsSearch": [],
    "ExtraHosts": null, "GroupAdd": null, "IpcMode": "", "Cgroup": "", "Links": null, "OomScoreAdj": 0,
    "PidMode": "", "Privileged": false, "PublishAllPorts": false, "ReadonlyRootfs": false,
    "SecurityOpt": null, "Tmpfs": {"/run": "size=64m"}, "UTSMode": "", "UsernsMode": "", "ShmSize": 0,
    "Isolation": "", "CpuShares": 0, "Memory": 67108864, "NanoCpus": 500000000, "CgroupParent": "",
    "BlkioWeight": 0, "BlkioWeightDevice": [], "BlkioDeviceReadBps": [], "BlkioDeviceWriteBps": [],
    "BlkioDeviceReadIOps": [], "BlkioDeviceWriteIOps": [], "CpuPeriod": 0, "CpuQuota": 0,
    "CpuRealtimePeriod": 0, "CpuRealtimeRuntime": 0, "CpusetCpus": "", "CpusetMems": "", "Devices": [],
    "DeviceCgroupRules": null, "DeviceRequests": null, "MemoryReservation": 0, "MemorySwap": 0,
    "MemorySwappiness": null, "OomKillDisable": false, "PidsLimit": null, "Ulimits": [], "CpuCount": 0,
    "CpuPercent": 0, "IOMaximumIOps": 0, "IOMaximumBandwidth": 0, "MaskedPaths": null,
    "ReadonlyPaths": null, "Init": null
  },
  "NetworkingConfig": {"EndpointsConfig": {"default": {
    "IPAMConfig": null, "Links": null, "Aliases": null, "MacAddress": "", "DriverOpts": null,
    "GwPriority": 0, "NetworkID": "", "EndpointID": "", "Gateway": "", "IPAddress": "", "IPPrefixLen": 0,
    "IPv6Gateway": "", "GlobalIPv6Address": "", "GlobalIPv6PrefixLen": 0, "DNSNames": null}}}
})";

} // namespace

class TestContainerSpec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void accepts_data();
    void accepts();
    void refuses_data();
    void refuses();
    void dockerCliRun();
    void inspectShape();
    void roundTripKeepsEverything();
    void restartPolicy_data();
    void restartPolicy();
    void updateTakesTheGivenFields();
};

void TestContainerSpec::accepts_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Spec>("expected");

    QTest::addRow("just an image") << config(R"("Cmd":null)") << busybox();
    {
        Spec s = busybox();
        s.entrypoint = QStringList{ u"/bin/sh"_s };
        s.cmd = QStringList{ u"-c"_s, u"true"_s };
        QTest::addRow("entrypoint as a string") << config(R"("Entrypoint":"/bin/sh","Cmd":["-c","true"])") << s;
    }
    {
        Spec s = busybox();
        s.entrypoint = QStringList{};
        QTest::addRow("entrypoint [\"\"] is none") << config(R"("Entrypoint":[""])") << s;
        QTest::addRow("entrypoint [] is none") << config(R"("Entrypoint":[])") << s;
    }
    {
        Spec s = busybox();
        s.env = { u"A=1"_s, u"B="_s, u"C"_s };
        s.labels = { { u"com.example"_s, u"x"_s } };
        s.user = u"1000:1000"_s;
        s.workingDir = u"/srv"_s;
        s.hostname = u"web"_s;
        s.domainname = u"example.org"_s;
        s.tty = s.openStdin = s.stdinOnce = s.attachStdin = s.attachStdout = s.attachStderr = true;
        s.stopSignal = u"SIGRTMIN+3"_s;
        s.stopTimeout = 30;
        QTest::addRow("config fields, working dir cleaned")
            << config(R"("Env":["A=1","B=","C"],"Labels":{"com.example":"x"},"User":"1000:1000",
                "WorkingDir":"/app/../srv/","Hostname":"web","Domainname":"example.org","Tty":true,
                "OpenStdin":true,"StdinOnce":true,"AttachStdin":true,"AttachStdout":true,"AttachStderr":true,
                "StopSignal":"SIGRTMIN+3","StopTimeout":30)")
            << s;
    }
    {
        Spec s = busybox();
        s.stopSignal = u"9"_s;
        QTest::addRow("numeric stop signal") << config(R"("StopSignal":"9")") << s;
    }
    QTest::addRow("nulls everywhere") << config(
        R"("Env":null,"Labels":null,"ExposedPorts":null,"Volumes":null,"StopTimeout":null,
            "HostConfig":{"Binds":null,"Mounts":null,"Tmpfs":null,"PortBindings":null,"RestartPolicy":null,
            "LogConfig":null,"CapAdd":null,"Ulimits":null,"PidsLimit":null,"OomKillDisable":null,"Init":null,
            "Dns":null,"MemorySwappiness":-1},"NetworkingConfig":null)")
                                      << busybox();
    {
        Spec s = busybox();
        s.exposedPorts = { u"443/tcp"_s, u"53/udp"_s, u"80/tcp"_s };
        s.volumes = { u"/data"_s, u"/var/lib/x"_s };
        QTest::addRow("exposed ports and volumes")
            << config(R"("ExposedPorts":{"80":{},"53/udp":{},"443/TCP":{},"80/tcp":{}},
                "Volumes":{"/data":{},"/var/lib/x/":{}})")
            << s;
    }
    {
        Spec s = busybox();
        s.portBindings = { { 53, u"udp"_s, u""_s, 5353 }, { 80, u"tcp"_s, u"127.0.0.1"_s, 8080 },
            { 80, u"tcp"_s, u"::1"_s, 0 }, { 81, u"tcp"_s, u""_s, 9000 } };
        s.publishAllPorts = true;
        QTest::addRow("port bindings") << host(R"("PortBindings":{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"},
                {"HostIp":"[::1]","HostPort":""}],"53/udp":[{"HostPort":"5353"}],
                "81":[{"HostIp":"","HostPort":"9000-9000"}]},"PublishAllPorts":true)")
                                       << s;
    }
    {
        Spec s = busybox();
        Mount shared = bindMount(u"/srv/www"_s, u"/usr/share/nginx"_s, false);
        shared.propagation = u"rshared"_s;
        Mount noCopy = volumeMount(u"cache"_s, u"/cache"_s);
        noCopy.noCopy = true;
        Mount named = volumeMount(u"db-data"_s, u"/var/lib/db"_s);
        named.readOnly = true;
        s.mounts
            = { bindMount(u"/tmp"_s, u"/data"_s, true), shared, named, noCopy, volumeMount(QString(), u"/anon"_s) };
        QTest::addRow("binds") << host(R"("Binds":["/tmp/:/data:ro","/srv/./www:/usr/share/nginx:rshared,rw,z",
                "db-data:/var/lib/db:ro","cache:/cache:nocopy","/anon"])")
                               << s;
    }
    {
        Spec s = busybox();
        Mount slave = bindMount(u"/etc"_s, u"/host-etc"_s, true, MountFrom::Mounts);
        slave.propagation = u"rslave"_s;
        Mount volume = volumeMount(u"data"_s, u"/data"_s, MountFrom::Mounts);
        volume.noCopy = true;
        Mount tmpfs = tmpfsMount(u"/scratch"_s, 1 << 20, { u"noexec"_s }, MountFrom::Mounts);
        tmpfs.tmpfsMode = 0700;
        s.mounts = { slave, volume, tmpfs, volumeMount(QString(), u"/anon"_s, MountFrom::Mounts) };
        QTest::addRow("mounts") << host(
            R"("Mounts":[{"Type":"bind","Source":"/etc","Target":"/host-etc","ReadOnly":true,
                "BindOptions":{"Propagation":"rslave"}},
                {"Type":"volume","Source":"data","Target":"/data","VolumeOptions":{"NoCopy":true,"Labels":null}},
                {"Type":"tmpfs","Target":"/scratch","TmpfsOptions":{"SizeBytes":1048576,"Mode":448,
                "Options":[["noexec"]]}},{"Type":"volume","Target":"/anon","VolumeOptions":null}])")
                                << s;
    }
    {
        Spec s = busybox();
        Mount run = tmpfsMount(u"/run"_s, 65536 * 1024, { u"noexec"_s, u"nosuid"_s, u"uid=1000"_s });
        run.tmpfsMode = 01777;
        Mount ro = tmpfsMount(u"/ro"_s, 0, { u"size=50%"_s });
        ro.readOnly = true;
        s.mounts = { ro, run, tmpfsMount(u"/tmp"_s, 0, {}) }; // Tmpfs is a map: by target
        QTest::addRow("tmpfs") << host(R"("Tmpfs":{"/run":"rw,noexec,nosuid,size=65536k,mode=1777,uid=1000",
            "/ro":"ro,size=50%","/tmp":""})")
                               << s;
    }
    {
        Spec s = busybox();
        s.capAdd = { u"NET_ADMIN"_s, u"SYS_TIME"_s };
        s.capDrop = { u"ALL"_s };
        s.privileged = s.readonlyRootfs = s.init = true;
        s.securityOpt = { u"no-new-privileges"_s, u"seccomp=unconfined"_s, u"apparmor=unconfined"_s,
            u"no-new-privileges=true"_s, u"label=disable"_s };
        s.groupAdd = { u"audio"_s, u"44"_s };
        QTest::addRow("privileges, capabilities normalised") << host(
            R"("CapAdd":["cap_net_admin","SYS_TIME"],"CapDrop":["all"],"Privileged":true,
                "ReadonlyRootfs":true,"Init":true,"GroupAdd":["audio","44"],
                "SecurityOpt":["no-new-privileges","seccomp=unconfined","apparmor=unconfined",
                "no-new-privileges=true","label=disable"])") << s;
    }
    {
        Spec s = busybox();
        s.dns = { u"1.1.1.1"_s, u"2001:db8::1"_s };
        s.dnsSearch = { u"example.org"_s };
        s.dnsOptions = { u"ndots:2"_s };
        s.extraHosts = { u"db:10.0.0.2"_s, u"v6:[2001:db8::2]"_s, u"gw=host-gateway"_s, u"a;b:10.0.0.3"_s };
        QTest::addRow("resolver") << host(
            R"("Dns":["1.1.1.1","2001:db8::1"],"DnsSearch":["example.org"],"DnsOptions":["ndots:2"],
                "ExtraHosts":["db:10.0.0.2","v6:[2001:db8::2]","gw=host-gateway","a;b:10.0.0.3"])")
                                  << s;
    }
    {
        Spec s = busybox();
        s.restartPolicy = RestartPolicy::UnlessStopped;
        s.logMaxSize = 10'000'000;
        s.logMaxFile = 3;
        s.shmSize = 128 << 20;
        QTest::addRow("restart and logging") << host(R"("RestartPolicy":{"Name":"unless-stopped","MaximumRetryCount":0},
                "LogConfig":{"Type":"json-file","Config":{"max-size":"10m","max-file":"3"}},"ShmSize":134217728)")
                                             << s;
    }
    {
        Spec s = busybox();
        s.tty = true;
        s.consoleSize = { 33, 101 };
        QTest::addRow("console size") << config(R"("Tty":true,"HostConfig":{"ConsoleSize":[33,101]})") << s;
        s.consoleSize = {};
        QTest::addRow("console size null") << config(R"("Tty":true,"HostConfig":{"ConsoleSize":null})") << s;
    }
    {
        Spec s = busybox();
        s.autoRemove = true;
        s.logType = u"none"_s;
        QTest::addRow("auto remove, no logs") << host(
            R"("AutoRemove":true,"RestartPolicy":{"Name":"no"},"LogConfig":{"Type":"none",
                "Config":{"whatever":"1"}})") << s;
    }
    {
        Spec s = busybox();
        Resources &r = s.resources;
        r.memory = 512 << 20;
        r.memorySwap = -1;
        r.memoryReservation = 256 << 20;
        r.cpuShares = 512;
        r.cpuPeriod = 100000;
        r.cpuQuota = 50000;
        r.cpusetCpus = u"0-1"_s;
        r.cpusetMems = u"0"_s;
        r.blkioWeight = 300;
        r.oomKillDisable = true;
        r.ulimits = { { u"nofile"_s, 1024, 4096 }, { u"core"_s, -1, -1 } };
        QTest::addRow("resources") << host(
            R"("Memory":536870912,"MemorySwap":-1,"MemoryReservation":268435456,"CpuShares":512,
                "CpuPeriod":100000,"CpuQuota":50000,"CpusetCpus":"0-1","CpusetMems":"0","PidsLimit":-1,
                "BlkioWeight":300,"OomKillDisable":true,
                "Ulimits":[{"Name":"nofile","Soft":1024,"Hard":4096},{"Name":"core","Soft":-1,"Hard":-1}])")
                                   << s;
    }
    {
        Spec s = busybox();
        s.resources.nanoCpus = 1'000'000'000;
        s.resources.pidsLimit = 100;
        QTest::addRow("one cpu, pids") << host(R"("NanoCpus":1000000000,"PidsLimit":100)") << s;
    }
    {
        Spec s = busybox();
        s.networkMode = u"backend"_s;
        s.networkAliases = { { u"backend"_s, { u"db"_s, u"postgres"_s } }, { u"frontend"_s, {} } };
        QTest::addRow("user network with aliases")
            << QByteArray(R"({"Image":"busybox","HostConfig":{"NetworkMode":"backend"},"NetworkingConfig":
                {"EndpointsConfig":{"backend":{"Aliases":["db","postgres"]},"frontend":null}}})")
            << s;
    }
    {
        Spec s = busybox();
        s.networkMode = u"container:web"_s;
        QTest::addRow("container network") << host(R"("NetworkMode":"container:web")") << s;
        s.networkMode = u"host"_s;
        QTest::addRow("host network") << host(R"("NetworkMode":"host")") << s;
    }
}

void TestContainerSpec::accepts()
{
    QFETCH(QByteArray, body);
    QFETCH(Spec, expected);

    const auto parsed = Spec::fromDockerJson(parse(body));
    QVERIFY2(parsed, why(parsed));
    QCOMPARE(text(parsed->toDockerJson()), text(expected.toDockerJson()));
    QVERIFY(*parsed == expected);

    const auto again = Spec::fromDockerJson(parsed->toDockerJson());
    QVERIFY2(again, why(again));
    QCOMPARE(text(again->toDockerJson()), text(parsed->toDockerJson()));
    QVERIFY(*again == *parsed);
}

void TestContainerSpec::refuses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");

    const int cpus = QThread::idealThreadCount();
    const QString cpuRange = u"Range of CPUs is from 0.01 to %1.00, as there are only %1 CPUs available"_s.arg(cpus);

    // Config
    QTest::addRow("no image") << QByteArray("{}") << u"no image was given: Image must not be empty"_s;
    QTest::addRow("relative working dir") << config(
        R"("WorkingDir":"app")") << u"the working directory 'app' is invalid, it needs to be an absolute path"_s;
    QTest::addRow("env without a name") << config(R"("Env":["A=1","=x"])") << u"invalid environment variable: =x"_s;
    QTest::addRow("unknown stop signal") << config(R"("StopSignal":"SIGFOO")") << u"Invalid signal: SIGFOO"_s;
    QTest::addRow("stop signal 0") << config(R"("StopSignal":"0")") << u"Invalid signal: 0"_s;
    QTest::addRow("bool as string") << config(R"("Tty":"yes")") << u"invalid Tty: expected a boolean"_s;
    QTest::addRow("entrypoint number") << config(R"("Entrypoint":1)")
                                       << u"invalid Entrypoint: expected an array of strings"_s;
    QTest::addRow("label not a string") << config(R"("Labels":{"a":1})")
                                        << u"invalid Labels: expected an object of strings"_s;
    QTest::addRow("exposed protocol") << config(R"("ExposedPorts":{"80/foo":{}})")
                                      << u"invalid port specification: \"80/foo\""_s;
    QTest::addRow("exposed port 0") << config(R"("ExposedPorts":{"0/tcp":{}})")
                                    << u"invalid port specification: \"0/tcp\""_s;
    QTest::addRow("relative volume") << config(R"("Volumes":{"data":{}})")
                                     << u"invalid mount path: 'data' mount path must be absolute"_s;

    // Resources
    QTest::addRow("memory as string") << host(R"("Memory":"64m")")
                                      << u"invalid HostConfig.Memory: expected an integer"_s;
    QTest::addRow("fractional memory") << host(R"("Memory":1.5)")
                                       << u"invalid HostConfig.Memory: expected an integer"_s;
    QTest::addRow("memory below 6MB") << host(R"("Memory":1048576)") << u"Minimum memory limit allowed is 6MB"_s;
    QTest::addRow("negative memory") << host(R"("Memory":-5)") << u"Minimum memory limit allowed is 6MB"_s;
    QTest::addRow("swap below memory") << host(R"("Memory":67108864,"MemorySwap":33554432)")
                                       << u"Minimum memoryswap limit should be larger than memory limit, see usage"_s;
    QTest::addRow("swap without memory")
        << host(R"("MemorySwap":67108864)")
        << u"You should always set the Memory limit when using Memoryswap limit, see usage"_s;
    QTest::addRow("small reservation") << host(R"("MemoryReservation":1024)")
                                       << u"Minimum memory reservation allowed is 6MB"_s;
    QTest::addRow("memory below reservation")
        << host(R"("Memory":67108864,"MemoryReservation":134217728)")
        << u"Minimum memory limit can not be less than memory reservation limit, see usage"_s;
    QTest::addRow("nano cpus and period") << host(R"("NanoCpus":500000000,"CpuPeriod":100000)")
                                          << u"Conflicting options: Nano CPUs and CPU Period cannot both be set"_s;
    QTest::addRow("nano cpus and quota") << host(R"("NanoCpus":500000000,"CpuQuota":50000)")
                                         << u"Conflicting options: Nano CPUs and CPU Quota cannot both be set"_s;
    QTest::addRow("more cpus than the host") << host(R"("NanoCpus":1000000000000)") << cpuRange;
    QTest::addRow("negative cpus") << host(R"("NanoCpus":-1)") << cpuRange;
    QTest::addRow("cpu period too short")
        << host(R"("CpuPeriod":500)")
        << u"CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)"_s;
    QTest::addRow("cpu quota too short") << host(R"("CpuQuota":999)")
                                         << u"CPU cfs quota can not be less than 1ms (i.e. 1000)"_s;
    QTest::addRow("bad cpuset") << host(R"("CpusetCpus":"1-a")")
                                << u"Invalid value 1-a for cpuset cpus: invalid format: 1-a"_s;
    QTest::addRow("blkio weight") << host(R"("BlkioWeight":5)") << u"Range of blkio weight is from 10 to 1000"_s;
    QTest::addRow("console size of one number")
        << host(R"("ConsoleSize":[24])") << u"invalid HostConfig.ConsoleSize: expected [height, width], got [24]"_s;
    QTest::addRow("console size negative") << host(
        R"("ConsoleSize":[-1,80])") << u"invalid HostConfig.ConsoleSize: expected [height, width], got [-1,80]"_s;
    QTest::addRow("console size too wide") << host(
        R"("ConsoleSize":[24,70000])") << u"invalid HostConfig.ConsoleSize: expected [height, width], got [24,70000]"_s;
    QTest::addRow("console size strings") << host(
        R"("ConsoleSize":"24x80")") << u"invalid HostConfig.ConsoleSize: expected [height, width], got \"24x80\""_s;
    QTest::addRow("negative shm") << host(R"("ShmSize":-1)") << u"SHM size can not be less than 0"_s;
    QTest::addRow("unknown ulimit") << host(R"("Ulimits":[{"Name":"files","Soft":1,"Hard":2}])")
                                    << u"invalid ulimit type: files"_s;
    QTest::addRow("ulimit soft above hard")
        << host(R"("Ulimits":[{"Name":"nofile","Soft":2048,"Hard":1024}])")
        << u"ulimit soft limit must be less than or equal to hard limit: 2048 > 1024"_s;

    // Restart policy
    QTest::addRow("unknown restart policy")
        << host(R"("RestartPolicy":{"Name":"sometimes"})")
        << u"invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or "
           "'unless-stopped'"_s;
    QTest::addRow("retries with always")
        << host(R"("RestartPolicy":{"Name":"always","MaximumRetryCount":3})")
        << u"invalid restart policy: maximum retry count can only be used with 'on-failure'"_s;
    QTest::addRow("negative retries with no")
        << host(R"("RestartPolicy":{"Name":"no","MaximumRetryCount":-1})")
        << u"invalid restart policy: maximum retry count can only be used with 'on-failure' and cannot be negative"_s;
    QTest::addRow("negative retries on failure")
        << host(R"("RestartPolicy":{"Name":"on-failure","MaximumRetryCount":-2})")
        << u"invalid restart policy: maximum retry count cannot be negative"_s;
    QTest::addRow("auto remove and restart") << host(R"("AutoRemove":true,"RestartPolicy":{"Name":"always"})")
                                             << u"can't create 'AutoRemove' container with restart policy"_s;

    // Privileges
    QTest::addRow("unknown capability") << host(R"("CapAdd":["NET_ADMIN","CAP_FOO"])")
                                        << u"invalid CapAdd: unknown capability: \"CAP_FOO\""_s;
    QTest::addRow("unknown dropped capability")
        << host(R"("CapDrop":["foo"])") << u"invalid CapDrop: unknown capability: \"CAP_FOO\""_s;
    QTest::addRow("security opt without value")
        << host(R"("SecurityOpt":["foo"])") << u"invalid --security-opt 1: \"foo\""_s;
    QTest::addRow("unknown security opt")
        << host(R"("SecurityOpt":["foo=bar"])") << u"invalid --security-opt 2: \"foo=bar\""_s;
    QTest::addRow("no-new-privileges not a bool") << host(R"("SecurityOpt":["no-new-privileges=maybe"])")
                                                  << u"invalid --security-opt 2: \"no-new-privileges=maybe\""_s;

    // Networking
    QTest::addRow("extra host without address")
        << host(R"("ExtraHosts":["db"])") << u"bad format for add-host: \"db\""_s;
    QTest::addRow("extra host bad address")
        << host(R"("ExtraHosts":["db:1.2.3"])") << u"invalid IP address in add-host: \"1.2.3\""_s;
    QTest::addRow("dns not an address") << host(R"("Dns":["dns.google"])") << u"dns.google is not an ip address"_s;
    QTest::addRow("bad container port") << host(R"("PortBindings":{"abc/tcp":[{"HostPort":"80"}]})")
                                        << u"invalid port specification: \"abc/tcp\""_s;
    QTest::addRow("bad host port") << host(R"("PortBindings":{"80/tcp":[{"HostPort":"80a"}]})")
                                   << u"invalid port specification: \"80a\""_s;
    QTest::addRow("host port too big") << host(R"("PortBindings":{"80/tcp":[{"HostPort":"70000"}]})")
                                       << u"invalid port specification: \"70000\""_s;
    QTest::addRow("host port range")
        << host(R"("PortBindings":{"80/tcp":[{"HostPort":"8000-8010"}]})")
        << u"host port range \"8000-8010\" is not supported: publish each container port on one host port"_s;
    QTest::addRow("bad host ip") << host(R"("PortBindings":{"80/tcp":[{"HostIp":"localhost","HostPort":"80"}]})")
                                 << u"invalid host IP address in port binding: \"localhost\""_s;
    QTest::addRow("container network without a name") << host(
        R"("NetworkMode":"container:")") << u"invalid network mode: invalid container format container:<name|id>"_s;
    QTest::addRow("container network and hostname")
        << QByteArray(R"({"Image":"busybox","Hostname":"x","HostConfig":{"NetworkMode":"container:web"}})")
        << u"conflicting options: hostname and the network mode"_s;
    QTest::addRow("container network and ports")
        << host(R"("NetworkMode":"container:web","PublishAllPorts":true)")
        << u"conflicting options: port publishing and the container type network mode"_s;
    QTest::addRow("alias on the default network")
        << QByteArray(R"({"Image":"busybox","NetworkingConfig":{"EndpointsConfig":{"bridge":{"Aliases":["x"]}}}})")
        << u"network-scoped alias is supported only for containers in user defined networks"_s;

    // Logging
    QTest::addRow("unknown log driver") << host(R"("LogConfig":{"Type":"syslog"})")
                                        << u"logger: no log driver named 'syslog' is registered"_s;
    QTest::addRow("unknown log opt") << host(R"("LogConfig":{"Type":"json-file","Config":{"max-sise":"1m"}})")
                                     << u"unknown log opt 'max-sise' for json-file log driver"_s;
    QTest::addRow("max-file 0") << host(R"("LogConfig":{"Config":{"max-file":"0"}})")
                                << u"max-file cannot be less than 1"_s;
    QTest::addRow("max-size not a size") << host(R"("LogConfig":{"Config":{"max-size":"ten"}})")
                                         << u"invalid size: 'ten'"_s;
    QTest::addRow("compressed logs") << host(R"("LogConfig":{"Config":{"compress":"true"}})")
                                     << u"log opt 'compress' of the json-file log driver is not supported by muelle"_s;

    // Binds
    QTest::addRow("bind with four parts")
        << host(R"("Binds":["/a:/b:/c:ro"])") << u"invalid volume specification: '/a:/b:/c:ro'"_s;
    QTest::addRow("bind target and mode only")
        << host(R"("Binds":["/foo:rw"])") << u"invalid volume specification: '/foo:rw'"_s;
    QTest::addRow("bind bad mode") << host(R"("Binds":["/a:/b:rx"])") << u"invalid mode: rx"_s;
    QTest::addRow("bind two rw modes") << host(R"("Binds":["/a:/b:ro,rw"])") << u"invalid mode: ro,rw"_s;
    QTest::addRow("bind relative target")
        << host(R"("Binds":["/a:b"])")
        << u"invalid volume specification: '/a:b': invalid mount config for type \"bind\": invalid mount path: 'b' "
           "mount path must be absolute"_s;
    QTest::addRow("bind over root")
        << host(R"("Binds":["/a:/"])")
        << u"invalid volume specification: '/a:/': invalid mount config for type \"bind\": invalid specification: "
           "destination can't be '/'"_s;
    QTest::addRow("nocopy bind")
        << host(R"("Binds":["/a:/b:nocopy"])")
        << u"invalid volume specification: '/a:/b:nocopy': invalid mount config for type \"bind\": field "
           "VolumeOptions must not be specified"_s;
    QTest::addRow("propagation on a volume")
        << host(R"("Binds":["vol:/b:rshared"])")
        << u"invalid volume specification: 'vol:/b:rshared': invalid mount config for type \"volume\": field "
           "BindOptions must not be specified"_s;
    QTest::addRow("bad volume name")
        << host(R"("Binds":["a#b:/data"])")
        << u"invalid volume specification: 'a#b:/data': invalid mount config for type \"volume\": create a#b: "
           "\"a#b\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are "
           "allowed. If you intended to pass a host directory, use absolute path"_s;

    // Mounts
    QTest::addRow("bind without source") << host(R"("Mounts":[{"Type":"bind","Target":"/b"}])")
                                         << u"invalid mount config for type \"bind\": field Source must not be empty"_s;
    QTest::addRow("mount without target")
        << host(R"("Mounts":[{"Type":"volume","Source":"v"}])")
        << u"invalid mount config for type \"volume\": field Target must not be empty"_s;
    QTest::addRow("volume with bind options")
        << host(R"("Mounts":[{"Type":"volume","Target":"/b","BindOptions":{"Propagation":"rshared"}}])")
        << u"invalid mount config for type \"volume\": field BindOptions must not be specified"_s;
    QTest::addRow("tmpfs with source")
        << host(R"("Mounts":[{"Type":"tmpfs","Source":"x","Target":"/b"}])")
        << u"invalid mount config for type \"tmpfs\": field Source must not be specified"_s;
    QTest::addRow("unknown mount type") << host(R"("Mounts":[{"Type":"nfs","Source":"x","Target":"/b"}])")
                                        << u"invalid mount config for type \"nfs\": mount type unknown"_s;
    QTest::addRow("bad propagation") << host(
        R"("Mounts":[{"Type":"bind","Source":"/a","Target":"/b","BindOptions":{"Propagation":"weird"}}])")
                                     << u"invalid mount config for type \"bind\": invalid propagation mode: weird"_s;
    QTest::addRow("relative bind source")
        << host(R"("Mounts":[{"Type":"bind","Source":"tmp","Target":"/b"}])")
        << u"invalid mount config for type \"bind\": invalid mount path: 'tmp' mount path must be absolute"_s;
    QTest::addRow("bad tmpfs mount option")
        << host(R"("Mounts":[{"Type":"tmpfs","Target":"/b","TmpfsOptions":{"Options":[["nosuid"]]}}])")
        << u"invalid mount config for type \"tmpfs\": invalid option: nosuid"_s;
    QTest::addRow("duplicate mount point")
        << host(R"("Binds":["/a:/data"],"Mounts":[{"Type":"volume","Target":"/data/"}])")
        << u"Duplicate mount point: /data"_s;

    // Tmpfs
    QTest::addRow("relative tmpfs") << host(R"("Tmpfs":{"run":""})")
                                    << u"invalid mount path: 'run' mount path must be absolute"_s;
    QTest::addRow("tmpfs over root") << host(R"("Tmpfs":{"/":""})")
                                     << u"invalid specification: destination can't be '/'"_s;
    QTest::addRow("unknown tmpfs option") << host(R"("Tmpfs":{"/run":"rw,foo"})") << u"invalid tmpfs option \"foo\""_s;
    QTest::addRow("tmpfs size not a size")
        << host(R"("Tmpfs":{"/run":"size=big"})") << u"invalid tmpfs option \"size=big\""_s;

    // What Muelle does not do
    QTest::addRow("host pid namespace") << host(R"("PidMode":"host")")
                                        << u"HostConfig.PidMode is not supported by muelle: \"host\""_s;
    QTest::addRow("devices") << host(R"("Devices":[{"PathOnHost":"/dev/fuse"}])")
                             << u"HostConfig.Devices is not supported by muelle: [{\"PathOnHost\":\"/dev/fuse\"}]"_s;
    QTest::addRow("swappiness") << host(R"("MemorySwappiness":60)")
                                << u"HostConfig.MemorySwappiness is not supported by muelle: 60"_s;
}

void TestContainerSpec::refuses()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);

    const auto parsed = Spec::fromDockerJson(parse(body));
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().message, message);
    QCOMPARE(parsed.error().code, Code::InvalidArgument);
}

void TestContainerSpec::dockerCliRun()
{
    const auto parsed = Spec::fromDockerJson(parse(dockerRunBody));
    QVERIFY2(parsed, why(parsed));
    const Spec &spec = *parsed;

    QCOMPARE(spec.image, u"busybox"_s);
    QCOMPARE(spec.cmd, std::optional(QStringList{ u"sleep"_s, u"10"_s }));
    QVERIFY(!spec.entrypoint);
    QCOMPARE(spec.exposedPorts, QStringList{ u"80/tcp"_s });
    QCOMPARE(spec.portBindings, (QList<PortBinding>{ { 80, u"tcp"_s, QString(), 8080 } }));
    QCOMPARE(spec.mounts.size(), 2);
    QVERIFY(spec.mounts[0] == bindMount(u"/tmp"_s, u"/data"_s, true));
    QVERIFY(spec.mounts[1] == tmpfsMount(u"/run"_s, 64 << 20, {}));
    QCOMPARE(spec.resources.memory, qint64(64 << 20));
    QCOMPARE(spec.resources.nanoCpus, qint64(500'000'000));
    QCOMPARE(spec.restartPolicy, RestartPolicy::OnFailure);
    QCOMPARE(spec.restartMaxRetries, 3);
    QCOMPARE(spec.networkMode, u"default"_s);
    QCOMPARE(spec.networkAliases, (QMap<QString, QStringList>{ { u"default"_s, {} } }));
    QCOMPARE(spec.logType, u"json-file"_s);
    QCOMPARE(spec.resources.pidsLimit, qint64(0));
    QVERIFY(spec.env.isEmpty());

    const auto again = Spec::fromDockerJson(spec.toDockerJson());
    QVERIFY2(again, why(again));
    QVERIFY(*again == spec);
}

void TestContainerSpec::inspectShape()
{
    const auto parsed = Spec::fromDockerJson(parse(dockerRunBody));
    QVERIFY2(parsed, why(parsed));

    const QJsonObject config = parsed->configJson();
    QVERIFY(config.value("Entrypoint"_L1).isNull());
    QCOMPARE(config.value("Cmd"_L1).toArray(), (QJsonArray{ u"sleep"_s, u"10"_s }));
    QCOMPARE(config.value("ExposedPorts"_L1).toObject().keys(), QStringList{ u"80/tcp"_s });
    QVERIFY(config.value("Volumes"_L1).isNull());
    QVERIFY(!config.contains("StopTimeout"_L1));

    const QJsonObject hostConfig = parsed->hostConfigJson();
    QCOMPARE(hostConfig.value("Binds"_L1).toArray(), QJsonArray{ u"/tmp:/data:ro"_s });
    QCOMPARE(hostConfig.value("Tmpfs"_L1).toObject(), (QJsonObject{ { u"/run"_s, u"size=64m"_s } }));
    QVERIFY(!hostConfig.contains("Mounts"_L1));
    QCOMPARE(hostConfig.value("RestartPolicy"_L1).toObject(),
        (QJsonObject{ { u"Name"_s, u"on-failure"_s }, { u"MaximumRetryCount"_s, 3 } }));
    QCOMPARE(hostConfig.value("PortBindings"_L1).toObject(),
        (QJsonObject{
            { u"80/tcp"_s, QJsonArray{ QJsonObject{ { u"HostIp"_s, u""_s }, { u"HostPort"_s, u"8080"_s } } } } }));
    QCOMPARE(hostConfig.value("LogConfig"_L1).toObject(),
        (QJsonObject{ { u"Type"_s, u"json-file"_s }, { u"Config"_s, QJsonObject() } }));
    QCOMPARE(hostConfig.value("Memory"_L1).toInteger(), qint64(64 << 20));
    QCOMPARE(hostConfig.value("NanoCpus"_L1).toInteger(), qint64(500'000'000));
    QCOMPARE(hostConfig.value("NetworkMode"_L1).toString(), u"default"_s);
    QVERIFY(hostConfig.value("PidsLimit"_L1).isNull());
    QVERIFY(hostConfig.value("CapAdd"_L1).isNull());

    const QJsonObject body = parsed->toDockerJson();
    QCOMPARE(body.value("HostConfig"_L1).toObject(), hostConfig);
    QCOMPARE(body.value("Image"_L1).toString(), u"busybox"_s);
}

void TestContainerSpec::roundTripKeepsEverything()
{
    Spec spec = busybox();
    spec.hostname = u"h"_s;
    spec.env = { u"A=1"_s };
    spec.cmd = QStringList{};
    spec.entrypoint = QStringList{ u"/init"_s };
    spec.exposedPorts = { u"80/tcp"_s, u"9000/sctp"_s };
    spec.volumes = { u"/v"_s };
    spec.stopTimeout = 0;
    spec.networkMode = u"bridge"_s;
    spec.portBindings = { { 80, u"tcp"_s, u"0.0.0.0"_s, 0 }, { 9000, u"sctp"_s, QString(), 9000 } };
    Mount tmpfs = tmpfsMount(u"/t"_s, 3000, { u"noexec"_s }, MountFrom::Tmpfs);
    tmpfs.readOnly = true;
    tmpfs.tmpfsMode = 0755;
    Mount mountTmpfs = tmpfsMount(u"/m"_s, 4096, {}, MountFrom::Mounts);
    Mount bind = bindMount(u"/a"_s, u"/b"_s, false, MountFrom::Mounts);
    bind.propagation = u"shared"_s;
    spec.mounts = { bindMount(u"/x"_s, u"/y"_s, true), volumeMount(u"v1"_s, u"/z"_s), bind, mountTmpfs, tmpfs };
    spec.restartPolicy = RestartPolicy::OnFailure;
    spec.restartMaxRetries = 0;
    spec.logMaxSize = 1500;
    spec.logMaxFile = 2;
    spec.capAdd = { u"ALL"_s };
    spec.resources.ulimits = { { u"nproc"_s, 10, 20 } };
    spec.resources.pidsLimit = 7;
    spec.networkAliases = { { u"bridge"_s, {} } };

    const auto parsed = Spec::fromDockerJson(spec.toDockerJson());
    QVERIFY2(parsed, why(parsed));
    QCOMPARE(text(parsed->toDockerJson()), text(spec.toDockerJson()));
    QVERIFY(*parsed == spec);
}

void TestContainerSpec::restartPolicy_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("retries");
    QTest::addColumn<int>("policy"); // -1: refused
    QTest::addColumn<int>("expectedRetries");

    QTest::addRow("empty") << u""_s << 0 << int(RestartPolicy::No) << 0;
    QTest::addRow("empty ignores a count") << u""_s << 5 << int(RestartPolicy::No) << 0;
    QTest::addRow("no") << u"no"_s << 0 << int(RestartPolicy::No) << 0;
    QTest::addRow("always") << u"always"_s << 0 << int(RestartPolicy::Always) << 0;
    QTest::addRow("unless-stopped") << u"unless-stopped"_s << 0 << int(RestartPolicy::UnlessStopped) << 0;
    QTest::addRow("on-failure") << u"on-failure"_s << 0 << int(RestartPolicy::OnFailure) << 0;
    QTest::addRow("on-failure with count") << u"on-failure"_s << 5 << int(RestartPolicy::OnFailure) << 5;
    QTest::addRow("CLI form") << u"on-failure:3"_s << 0 << int(RestartPolicy::OnFailure) << 3;
    QTest::addRow("CLI form, not a number") << u"on-failure:x"_s << 0 << -1 << 0;
    QTest::addRow("CLI form, no name") << u":3"_s << 0 << -1 << 0;
    QTest::addRow("always:1") << u"always:1"_s << 0 << -1 << 0;
    QTest::addRow("Always is case sensitive") << u"Always"_s << 0 << -1 << 0;
}

void TestContainerSpec::restartPolicy()
{
    QFETCH(QString, name);
    QFETCH(int, retries);
    QFETCH(int, policy);
    QFETCH(int, expectedRetries);

    const auto parsed = parseRestartPolicy(name, retries);
    if (policy < 0) {
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, Code::InvalidArgument);
        return;
    }
    QVERIFY2(parsed, why(parsed));
    QCOMPARE(int(parsed->first), policy);
    QCOMPARE(parsed->second, expectedRetries);
    const QString canonical = restartPolicyName(parsed->first);
    const auto back = parseRestartPolicy(canonical, parsed->second);
    QVERIFY2(back, why(back));
    QCOMPARE(*back, *parsed);
}

void TestContainerSpec::updateTakesTheGivenFields()
{
    Resources current;
    current.memory = 32 << 20;
    current.memorySwap = 64 << 20;
    current.cpuShares = 512;
    current.cpuQuota = 50000;
    const auto body = [](const char *text) { return QJsonDocument::fromJson(text).object(); };

    auto updated = updatedResources(body(R"({"Memory":50331648,"MemorySwap":100663296,"CpuShares":0})"), current);
    QVERIFY(updated);
    QCOMPARE(updated->memory, 48 << 20);
    QCOMPARE(updated->memorySwap, 96 << 20);
    QCOMPARE(updated->cpuShares, 512); // zero means unchanged, as Docker
    QCOMPARE(updated->cpuQuota, 50000);

    updated = updatedResources(body(R"({"Memory":209715200})"), current);
    QVERIFY(!updated);
    QVERIFY(updated.error().message.startsWith(u"Memory limit should be smaller than already set memoryswap"_s));
    updated = updatedResources(body(R"({"NanoCpus":1000000000})"), current);
    QVERIFY(!updated);
    QVERIFY(updated.error().message.contains(u"CPU Quota cannot be updated as NanoCPUs"_s));
    updated = updatedResources(body(R"({"Memory":"lots"})"), current);
    QVERIFY(!updated);
    QCOMPARE(updated.error().code, Code::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestContainerSpec)
#include "tst_spec.moc"
