// Container networking against the real kernel: address arithmetic as
// tables, then a test-unique bridge and subnet, "containers" that are
// processes in network namespaces of their own (unshare -n), and traffic
// between them and the host over the bridge and loopback only. Everything
// made here (links, the test's nft table or iptables chains, processes) is
// removed in cleanup(), which runs after every test, failed or not.
#include "engine/network/bridge.h"
#include "engine/network/ports.h"

#include "tests/unit/engine/support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkDatagram>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace muelle;
using namespace muelle::engine::network;
using muelle::engine::testing::why;

Q_DECLARE_METATYPE(muelle::engine::network::FirewallBackend)

namespace {

QByteArray output(const QStringList &argv)
{
    QProcess process;
    process.start(argv.first(), argv.mid(1));
    process.waitForFinished(10000);
    return process.readAllStandardOutput() + process.readAllStandardError();
}

bool succeeds(const QStringList &argv)
{
    QProcess process;
    process.start(argv.first(), argv.mid(1));
    return process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

Subnet subnet(const char *cidr)
{
    return *Subnet::parse(QString::fromLatin1(cidr));
}

QHostAddress addr(const char *ip)
{
    return QHostAddress(QString::fromLatin1(ip));
}

ino_t netnsInode(const QString &path)
{
    struct stat info { };
    return ::stat(path.toUtf8().constData(), &info) == 0 ? info.st_ino : 0;
}

// GET over HTTP/1.0 with the event loop running, so the in-process proxy relays.
QByteArray httpGet(const QHostAddress &host, int port, const QByteArray &path)
{
    QTcpSocket socket;
    QByteArray reply;
    bool done = false;
    QObject::connect(&socket, &QTcpSocket::connected, [&] { socket.write("GET " + path + " HTTP/1.0\r\n\r\n"); });
    QObject::connect(&socket, &QTcpSocket::readyRead, [&] { reply += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, [&] { done = true; });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, [&] { done = true; });
    socket.connectToHost(host, quint16(port));
    static_cast<void>(QTest::qWaitFor([&] { return done; }, 5000));
    return reply + socket.readAll();
}

// Sends `data`, shuts down writing, and reads until the server closes: a
// proxy must pass the half-close on and still relay the answer.
QByteArray sendThenRead(const QHostAddress &host, int port, const QByteArray &data)
{
    QTcpSocket socket;
    QByteArray reply;
    bool done = false;
    bool shut = false;
    QObject::connect(&socket, &QTcpSocket::connected, [&] { socket.write(data); });
    // Only once Qt has handed every byte to the kernel.
    QObject::connect(&socket, &QTcpSocket::bytesWritten, [&] {
        if (socket.bytesToWrite() == 0 && !std::exchange(shut, true))
            ::shutdown(int(socket.socketDescriptor()), SHUT_WR);
    });
    QObject::connect(&socket, &QTcpSocket::readyRead, [&] { reply += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, [&] { done = true; });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, [&] { done = true; });
    socket.connectToHost(host, quint16(port));
    static_cast<void>(QTest::qWaitFor([&] { return done; }, 5000));
    return reply + socket.readAll();
}

} // namespace

class TestNetwork : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void parseSubnet_data();
    void parseSubnet();
    void allocateAddresses();
    void reserveAndRelease();
    void chooseSubnet_data();
    void chooseSubnet();
    void hostRoutes();
    void namesAndHosts();

    void bridgeLifecycle_data() { backends(); }
    void bridgeLifecycle();
    void attachAndReach();
    void publishedPorts_data() { backends(); }
    void publishedPorts();
    void portAlreadyInUse();

private:
    void backends();
    std::unique_ptr<Firewall> firewall(FirewallBackend backend) const;
    Network network() const;
    int startContainer(const QStringList &command);
    QHostAddress hostAddress() const;
    void expectNoTrace();

    bool root_ = false;
    bool natTableExisted_ = false;
    QString suffix_;
    QString bridge_;
    Subnet subnet_;
    QList<QProcess *> children_;
    QStringList veths_;
    QTemporaryDir www_;
};

void TestNetwork::initTestCase()
{
    const quint32 random = QRandomGenerator::global()->generate();
    suffix_ = u"%1"_s.arg(random & 0xffffff, 6, 16, QLatin1Char('0'));
    bridge_ = u"mt"_s + suffix_;
    root_ = ::geteuid() == 0 && succeeds({ u"ip"_s, u"link"_s, u"show"_s })
        && succeeds({ u"unshare"_s, u"-n"_s, u"true"_s });
    natTableExisted_ = succeeds({ u"nft"_s, u"list"_s, u"table"_s, u"ip"_s, u"nat"_s });
    auto taken = hostSubnets();
    QVERIFY2(taken, why(taken).constData());
    for (quint32 third = random >> 24;; third = (third + 1) & 0xff) {
        subnet_ = Subnet{ (10u << 24) | (213u << 16) | (third << 8), 24 };
        if (std::none_of(taken->begin(), taken->end(), [&](const Subnet &s) { return s.overlaps(subnet_); }))
            break;
    }
    // The "container"'s web server: who is asking, as the container sees it.
    QVERIFY(QDir(www_.path()).mkpath(u"cgi-bin"_s));
    QFile cgi(www_.filePath(u"cgi-bin/who"_s));
    QVERIFY(cgi.open(QIODevice::WriteOnly));
    cgi.write("#!/bin/busybox sh\necho Content-Type: text/plain\necho\necho remote=$REMOTE_ADDR\n");
    cgi.close();
    QVERIFY(cgi.setPermissions(
        QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeOther | QFile::ReadOther));
}

void TestNetwork::cleanup()
{
    for (QProcess *child : std::as_const(children_)) {
        child->kill();
        child->waitForFinished(5000);
        delete child;
    }
    children_.clear();
    if (!root_)
        return;
    for (const QString &veth : std::as_const(veths_))
        output({ u"ip"_s, u"link"_s, u"del"_s, veth });
    veths_.clear();
    output({ u"ip"_s, u"link"_s, u"del"_s, bridge_ });
    output({ u"nft"_s, u"delete"_s, u"table"_s, u"ip"_s, u"muelle_t"_s + suffix_ });
    const QString chain = u"MT"_s + suffix_.toUpper();
    if (output({ u"iptables"_s, u"-w"_s, u"-t"_s, u"nat"_s, u"-S"_s }).contains((u"-N "_s + chain).toUtf8())) {
        for (const QString &each : { chain, chain + u"-POSTROUTING"_s })
            output({ u"iptables"_s, u"-w"_s, u"-t"_s, u"nat"_s, u"-F"_s, each });
        static_cast<void>(firewall(FirewallBackend::Iptables)->removeIfUnused());
    }
}

void TestNetwork::cleanupTestCase()
{
    cleanup();
    // iptables-nft made the nat table for the iptables rows; an empty one it made goes too.
    if (root_ && !natTableExisted_ && succeeds({ u"nft"_s, u"list"_s, u"table"_s, u"ip"_s, u"nat"_s })
        && !output({ u"nft"_s, u"-j"_s, u"list"_s, u"table"_s, u"ip"_s, u"nat"_s }).contains("\"rule\""))
        output({ u"nft"_s, u"delete"_s, u"table"_s, u"ip"_s, u"nat"_s });
}

void TestNetwork::backends()
{
    QTest::addColumn<FirewallBackend>("backend");
    QTest::newRow("nftables") << FirewallBackend::Nftables;
    QTest::newRow("iptables") << FirewallBackend::Iptables;
}

std::unique_ptr<Firewall> TestNetwork::firewall(FirewallBackend backend) const
{
    return makeFirewall({ backend, u"muelle_t"_s + suffix_, u"MT"_s + suffix_.toUpper() });
}

Network TestNetwork::network() const
{
    return { u"%1"_s.arg(suffix_, 64, QLatin1Char('0')), u"test"_s, bridge_, subnet_, defaultGateway(subnet_) };
}

// `unshare -n` execs the command in a new network namespace; the pid is
// usable once that namespace is no longer the host's.
int TestNetwork::startContainer(const QStringList &command)
{
    auto *child = new QProcess;
    children_.append(child);
    child->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child->start(u"unshare"_s, QStringList{ u"-n"_s } + command);
    if (!child->waitForStarted(5000))
        return 0;
    const int pid = int(child->processId());
    const ino_t host = netnsInode(u"/proc/self/ns/net"_s);
    const QString theirs = u"/proc/%1/ns/net"_s.arg(pid);
    static_cast<void>(
        QTest::qWaitFor([&] { return netnsInode(theirs) != host || child->state() != QProcess::Running; }, 5000));
    return child->state() == QProcess::Running && netnsInode(theirs) != host ? pid : 0;
}

QHostAddress TestNetwork::hostAddress() const
{
    const QJsonArray links = QJsonDocument::fromJson(output({ u"ip"_s, u"-j"_s, u"-4"_s, u"addr"_s })).array();
    for (const QJsonValue &link : links) {
        if (link["ifname"_L1].toString() == bridge_)
            continue;
        for (const QJsonValue &info : link["addr_info"_L1].toArray()) {
            if (info["scope"_L1].toString() == "global"_L1)
                return QHostAddress(info["local"_L1].toString());
        }
    }
    return {};
}

void TestNetwork::expectNoTrace()
{
    QVERIFY(!output({ u"ip"_s, u"link"_s, u"show"_s }).contains(bridge_.toUtf8()));
    for (const QString &veth : std::as_const(veths_))
        QVERIFY(!output({ u"ip"_s, u"link"_s, u"show"_s }).contains(veth.toUtf8()));
    QVERIFY(!output({ u"nft"_s, u"list"_s, u"tables"_s }).contains((u"muelle_t"_s + suffix_).toUtf8()));
    QVERIFY(!output({ u"iptables"_s, u"-w"_s, u"-t"_s, u"nat"_s, u"-S"_s })
                 .contains((u"MT"_s + suffix_.toUpper()).toUtf8()));
}

void TestNetwork::parseSubnet_data()
{
    QTest::addColumn<QString>("cidr");
    QTest::addColumn<QString>("shown"); // "" = invalid
    QTest::newRow("network") << u"172.18.0.0/16"_s << u"172.18.0.0/16"_s;
    QTest::newRow("host bits masked") << u"10.1.2.3/24"_s << u"10.1.2.0/24"_s;
    QTest::newRow("host route") << u"10.1.2.3/32"_s << u"10.1.2.3/32"_s;
    QTest::newRow("everything") << u"0.0.0.0/0"_s << u"0.0.0.0/0"_s;
    QTest::newRow("no prefix") << u"10.0.0.0"_s << QString();
    QTest::newRow("prefix too long") << u"10.0.0.0/33"_s << QString();
    QTest::newRow("short address") << u"10.0/8"_s << QString();
    QTest::newRow("ipv6") << u"fd00::/64"_s << QString();
    QTest::newRow("garbage") << u"x/8"_s << QString();
}

void TestNetwork::parseSubnet()
{
    QFETCH(QString, cidr);
    QFETCH(QString, shown);
    const auto parsed = Subnet::parse(cidr);
    QCOMPARE(bool(parsed), !shown.isEmpty());
    if (parsed)
        QCOMPARE(parsed->toString(), shown);
    else
        QVERIFY(parsed.error().message.startsWith(u"invalid subnet \""_s + cidr + u"\": "_s));
}

void TestNetwork::allocateAddresses()
{
    AddressPool pool(subnet("10.0.0.0/29"), addr("10.0.0.1"), { addr("10.0.0.3") });
    QStringList got;
    for (int i = 0; i < 4; ++i) {
        auto ip = pool.allocate();
        QVERIFY2(ip, why(ip).constData());
        got << ip->toString();
    }
    QCOMPARE(got, QStringList({ u"10.0.0.2"_s, u"10.0.0.4"_s, u"10.0.0.5"_s, u"10.0.0.6"_s }));
    const auto full = pool.allocate();
    QVERIFY(!full);
    QCOMPARE(full.error().code, Code::ResourceExhausted);
    QCOMPARE(full.error().message, u"allocate address in \"10.0.0.0/29\": no free address"_s);
    pool.release(addr("10.0.0.4"));
    QCOMPARE(pool.allocate().value(), addr("10.0.0.4"));

    AddressPool tiny(subnet("10.0.0.0/31"), addr("10.0.0.0"));
    QVERIFY(!tiny.allocate());
    AddressPool gatewayElsewhere(subnet("10.0.0.0/30"), addr("10.0.0.2"));
    QCOMPARE(gatewayElsewhere.allocate().value(), addr("10.0.0.1"));
    QCOMPARE(defaultGateway(subnet("172.18.5.7/16")), addr("172.18.0.1"));
}

void TestNetwork::reserveAndRelease()
{
    AddressPool pool(subnet("10.0.0.0/24"), addr("10.0.0.1"));
    QVERIFY(pool.reserve(addr("10.0.0.9")));
    QVERIFY(pool.inUse(addr("10.0.0.9")));
    QCOMPARE(pool.reserve(addr("10.0.0.9")).error().code, Code::Conflict);
    for (const char *bad : { "10.0.0.0", "10.0.0.255", "10.0.0.1", "10.0.1.1", "fd00::1" })
        QCOMPARE(pool.reserve(addr(bad)).error().code, Code::InvalidArgument);
    pool.release(addr("10.0.0.9"));
    pool.release(addr("10.0.0.77"));
    QVERIFY(!pool.inUse(addr("10.0.0.9")));
    QVERIFY(pool.reserve(addr("10.0.0.9")));
}

void TestNetwork::chooseSubnet_data()
{
    QTest::addColumn<QStringList>("taken");
    QTest::addColumn<QString>("chosen"); // "" = none left
    QStringList all172;
    for (int second = 17; second <= 31; ++second)
        all172 << u"172.%1.0.0/16"_s.arg(second);
    QTest::newRow("nothing taken") << QStringList() << u"172.17.0.0/16"_s;
    QTest::newRow("default network") << QStringList{ u"172.17.0.0/16"_s } << u"172.18.0.0/16"_s;
    QTest::newRow("host route inside") << QStringList{ u"172.17.0.0/16"_s, u"172.18.3.0/24"_s } << u"172.19.0.0/16"_s;
    QTest::newRow("wider host route") << QStringList{ u"172.16.0.0/12"_s } << u"192.168.0.0/20"_s;
    QTest::newRow("all 172") << all172 << u"192.168.0.0/20"_s;
    QTest::newRow("home lan") << all172 + QStringList{ u"192.168.1.0/24"_s } << u"192.168.16.0/20"_s;
    QTest::newRow("exhausted") << QStringList{ u"172.16.0.0/12"_s, u"192.168.0.0/16"_s } << QString();
}

void TestNetwork::chooseSubnet()
{
    QFETCH(QStringList, taken);
    QFETCH(QString, chosen);
    QList<Subnet> subnets;
    for (const QString &each : taken)
        subnets.append(*Subnet::parse(each));
    const auto got = engine::network::chooseSubnet(defaultPools(), subnets);
    QCOMPARE(got ? got->toString() : QString(), chosen);
    if (!got)
        QCOMPARE(got.error().code, Code::ResourceExhausted);
}

void TestNetwork::hostRoutes()
{
    const QByteArray routes = "[{\"dst\":\"default\",\"gateway\":\"192.0.2.1\",\"dev\":\"eth0\"},"
                              "{\"dst\":\"192.0.2.0/24\",\"dev\":\"eth0\",\"prefsrc\":\"192.0.2.2\"},"
                              "{\"type\":\"local\",\"dst\":\"10.9.9.9\",\"dev\":\"eth1\"}]";
    QCOMPARE(subnetsOfRoutes(routes), QList<Subnet>({ subnet("192.0.2.0/24"), subnet("10.9.9.9/32") }));
    const QByteArray addresses = "[{\"ifname\":\"eth0\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"172.20.1.5\","
                                 "\"prefixlen\":16},{\"family\":\"inet6\",\"local\":\"fd00::2\",\"prefixlen\":64}]}]";
    QCOMPARE(subnetsOfAddresses(addresses), QList<Subnet>({ subnet("172.20.0.0/16") }));
    QVERIFY(subnetsOfRoutes("not json").isEmpty());
    const auto host = hostSubnets();
    QVERIFY2(host, why(host).constData());
}

void TestNetwork::namesAndHosts()
{
    QCOMPARE(bridgeNameFor(u"0123456789abcdef0123"_s), u"br-0123456789ab"_s);
    QCOMPARE(defaultBridgeName(), u"muelle0"_s);
    QCOMPARE(macFor(addr("172.17.0.2")), u"02:42:ac:11:00:02"_s);
    const QByteArray hosts = hostsLines({ { addr("172.18.0.2"), { u"web"_s, u"www"_s, u"abc123def456"_s } },
        { QHostAddress(), { u"gone"_s } }, { addr("172.18.0.3"), { u"db"_s } }, { addr("172.18.0.4"), {} } });
    QCOMPARE(hosts, QByteArray("172.18.0.2\tweb www abc123def456\n172.18.0.3\tdb\n"));
    PortForward forward{ u"tcp"_s, QHostAddress(), 8080, addr("172.18.0.2"), 80 };
    QCOMPARE(forwardComment(forward), u"muelle:port:tcp:0.0.0.0:8080"_s);
}

void TestNetwork::bridgeLifecycle()
{
    QFETCH(FirewallBackend, backend);
    if (!root_)
        QSKIP("needs root, ip and unshare");
    auto rules = firewall(backend);
    BridgeDriver driver(*rules);
    const Network net = network();
    for (int twice = 0; twice < 2; ++twice) {
        auto made = driver.ensureBridge(net);
        QVERIFY2(made, why(made).constData());
    }
    const QByteArray link = output({ u"ip"_s, u"-j"_s, u"addr"_s, u"show"_s, u"dev"_s, bridge_ });
    QVERIFY2(link.contains((u"\"local\":\""_s + net.gateway.toString() + u"\""_s).toUtf8()), link.constData());
    QVERIFY(link.contains("\"UP\""));
    QVERIFY(link.contains(u"\"prefixlen\":24"_s.toUtf8()));
    QCOMPARE(output({ u"cat"_s, u"/proc/sys/net/ipv4/ip_forward"_s }).trimmed(), QByteArray("1"));
    auto dump = rules->dump();
    QVERIFY2(dump, why(dump).constData());
    QVERIFY2(dump->contains(masqueradeComment(bridge_)), qPrintable(*dump));
    QCOMPARE(dump->count(masqueradeComment(bridge_)), 1);
    if (succeeds({ u"nft"_s, u"list"_s, u"tables"_s }))
        QCOMPARE(detectFirewallBackend(), FirewallBackend::Nftables);

    // A link of that name that is no bridge is not taken over.
    Network clash = net;
    clash.bridge = u"mv"_s + suffix_;
    QVERIFY(succeeds(
        { u"ip"_s, u"link"_s, u"add"_s, clash.bridge, u"type"_s, u"veth"_s, u"peer"_s, u"name"_s, u"mw"_s + suffix_ }));
    veths_ << clash.bridge;
    QCOMPARE(driver.ensureBridge(clash).error().code, Code::FailedPrecondition);

    for (int twice = 0; twice < 2; ++twice) {
        auto removed = driver.removeBridge(net);
        QVERIFY2(removed, why(removed).constData());
    }
    output({ u"ip"_s, u"link"_s, u"del"_s, clash.bridge });
    expectNoTrace();
}

void TestNetwork::attachAndReach()
{
    if (!root_)
        QSKIP("needs root, ip and unshare");
    auto rules = firewall(FirewallBackend::Nftables);
    BridgeDriver driver(*rules);
    const Network net = network();
    QVERIFY(driver.ensureBridge(net));
    const int first = startContainer({ u"/bin/busybox"_s, u"sleep"_s, u"60"_s });
    const int second = startContainer({ u"/bin/busybox"_s, u"sleep"_s, u"60"_s });
    QVERIFY(first > 0 && second > 0);
    const QHostAddress firstIp(subnet_.network() + 2);
    const QHostAddress secondIp(subnet_.network() + 3);
    auto a = driver.attach(net, first, firstIp);
    QVERIFY2(a, why(a).constData());
    veths_ << a->hostVeth;
    auto b = driver.attach(net, second, secondIp, u"02:AA:00:00:00:03"_s);
    QVERIFY2(b, why(b).constData());
    veths_ << b->hostVeth;
    QVERIFY(a->hostVeth.startsWith(u"veth"_s) && a->hostVeth.size() == 11);
    QCOMPARE(a->mac, macFor(firstIp));

    const QByteArray inside = output({ u"nsenter"_s, u"--net=/proc/%1/ns/net"_s.arg(second), u"ip"_s, u"-j"_s,
        u"addr"_s, u"show"_s, u"dev"_s, u"eth0"_s });
    QVERIFY2(inside.contains("02:aa:00:00:00:03") && inside.contains(secondIp.toString().toUtf8()), inside.constData());
    const QByteArray route = output(
        { u"nsenter"_s, u"--net=/proc/%1/ns/net"_s.arg(second), u"ip"_s, u"route"_s, u"show"_s, u"default"_s });
    QVERIFY2(route.contains((u"via "_s + net.gateway.toString()).toUtf8()), route.constData());

    QVERIFY(succeeds({ u"/bin/busybox"_s, u"ping"_s, u"-c1"_s, u"-W2"_s, firstIp.toString() }));
    QVERIFY(succeeds({ u"nsenter"_s, u"--net=/proc/%1/ns/net"_s.arg(first), u"/bin/busybox"_s, u"ping"_s, u"-c1"_s,
        u"-W2"_s, secondIp.toString() }));

    // The host's own namespace is refused; so is a process that is gone.
    auto *hostChild = new QProcess;
    children_.append(hostChild);
    hostChild->start(u"/bin/busybox"_s, { u"sleep"_s, u"60"_s });
    QVERIFY(hostChild->waitForStarted());
    QCOMPARE(driver.attach(net, int(hostChild->processId()), secondIp).error().code, Code::FailedPrecondition);
    QCOMPARE(driver.attach(net, 0x3ffffff, secondIp).error().code, Code::NotFound);
    QCOMPARE(driver.attach(net, second, QHostAddress(u"10.214.0.9"_s)).error().code, Code::InvalidArgument);

    QVERIFY(driver.detach(*b));
    QVERIFY(driver.detach(*b));
    QVERIFY(!output({ u"ip"_s, u"link"_s, u"show"_s }).contains(b->hostVeth.toUtf8()));
    QVERIFY(!succeeds({ u"/bin/busybox"_s, u"ping"_s, u"-c1"_s, u"-W1"_s, secondIp.toString() }));
    QVERIFY(driver.detach(*a));
    QVERIFY(driver.removeBridge(net));
    expectNoTrace();
}

void TestNetwork::publishedPorts()
{
    QFETCH(FirewallBackend, backend);
    if (!root_)
        QSKIP("needs root, ip and unshare");
    auto rules = firewall(backend);
    BridgeDriver driver(*rules);
    PortMapper ports(*rules);
    const Network net = network();
    QVERIFY(driver.ensureBridge(net));
    const int pid
        = startContainer({ u"/bin/busybox"_s, u"httpd"_s, u"-f"_s, u"-p"_s, u"0.0.0.0:8000"_s, u"-h"_s, www_.path() });
    QVERIFY(pid > 0);
    const QHostAddress ip(subnet_.network() + 2);
    auto endpoint = driver.attach(net, pid, ip);
    QVERIFY2(endpoint, why(endpoint).constData());
    veths_ << endpoint->hostVeth;

    auto tcp = ports.publish({ QString(), 0, 8000, u"tcp"_s }, ip);
    QVERIFY2(tcp, why(tcp).constData());
    QVERIFY(tcp->hostPort > 0);
    auto dump = rules->dump();
    QVERIFY2(dump && dump->contains(u":%1"_s.arg(tcp->hostPort)), dump ? qPrintable(*dump) : why(dump).constData());

    // Loopback goes through the proxy: the container sees the gateway.
    const QByteArray viaProxy = httpGet(QHostAddress::LocalHost, tcp->hostPort, "/cgi-bin/who");
    QVERIFY2(viaProxy.contains((u"remote="_s + net.gateway.toString()).toUtf8()), viaProxy.constData());
    const QByteArray viaProxy6 = httpGet(QHostAddress::LocalHostIPv6, tcp->hostPort, "/cgi-bin/who");
    QVERIFY2(viaProxy6.contains("remote="), viaProxy6.constData());
    // The host's own address goes through DNAT: the container sees the client's address.
    const QHostAddress host = hostAddress();
    if (!host.isNull()) {
        const QByteArray viaDnat = httpGet(host, tcp->hostPort, "/cgi-bin/who");
        QVERIFY2(viaDnat.contains((u"remote="_s + host.toString()).toUtf8()), viaDnat.constData());
    }

    // wc answers only after the end of its input: the client's half-close, relayed.
    auto *counter = new QProcess;
    children_.append(counter);
    counter->start(u"nsenter"_s,
        { u"--net=/proc/%1/ns/net"_s.arg(pid), u"/bin/busybox"_s, u"nc"_s, u"-l"_s, u"-p"_s, u"7000"_s, u"-e"_s,
            u"/bin/busybox"_s, u"wc"_s, u"-c"_s });
    auto halfClose = ports.publish({ u"127.0.0.1"_s, 0, 7000, u"tcp"_s }, ip);
    QVERIFY2(halfClose, why(halfClose).constData());
    QByteArray counted;
    for (int tries = 0; tries < 25 && counted.isEmpty(); ++tries) {
        counted = sendThenRead(QHostAddress::LocalHost, halfClose->hostPort, QByteArray(200000, 'x'));
        if (counted.isEmpty())
            QTest::qWait(200);
    }
    QCOMPARE(counted.trimmed(), QByteArray("200000"));
    QVERIFY(ports.unpublish(*halfClose));

    const QString python = QStandardPaths::findExecutable(u"python3"_s);
    if (!python.isEmpty()) {
        auto *echo = new QProcess;
        children_.append(echo);
        echo->start(u"nsenter"_s,
            { u"--net=/proc/%1/ns/net"_s.arg(pid), python, u"-c"_s,
                u"import socket\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.bind(('0.0.0.0',9000))\n"
                "while True:\n d,a=s.recvfrom(2048)\n s.sendto(d.upper(),a)\n"_s });
        auto udp = ports.publish({ u"127.0.0.1"_s, 0, 9000, u"udp"_s }, ip);
        QVERIFY2(udp, why(udp).constData());
        QUdpSocket client;
        QByteArray answer;
        QObject::connect(&client, &QUdpSocket::readyRead, [&] {
            while (client.hasPendingDatagrams())
                answer = client.receiveDatagram().data();
        });
        for (int tries = 0; tries < 25 && answer.isEmpty(); ++tries) {
            client.writeDatagram("ping", QHostAddress::LocalHost, quint16(udp->hostPort));
            QTest::qWait(200);
        }
        QCOMPARE(answer, QByteArray("PING"));
        QVERIFY(ports.unpublish(*udp));
    }

    QVERIFY(ports.unpublish(*tcp));
    QVERIFY(httpGet(QHostAddress::LocalHost, tcp->hostPort, "/cgi-bin/who").isEmpty());
    dump = rules->dump();
    QVERIFY(dump && !dump->contains(u":%1"_s.arg(tcp->hostPort)));
    QVERIFY(ports.unpublish(*tcp));
    QVERIFY(driver.detach(*endpoint));
    QVERIFY(driver.removeBridge(net));
    expectNoTrace();
}

void TestNetwork::portAlreadyInUse()
{
    if (!root_)
        QSKIP("needs root, ip and unshare");
    auto rules = firewall(FirewallBackend::Nftables);
    PortMapper ports(*rules);
    const QHostAddress ip(subnet_.network() + 2);
    auto held = ports.publish({ QString(), 0, 80, u"tcp"_s }, ip);
    QVERIFY2(held, why(held).constData());
    const int port = held->hostPort;

    auto again = ports.publish({ QString(), port, 80, u"tcp"_s }, ip);
    QVERIFY(!again);
    QCOMPARE(again.error().code, Code::Conflict);
    QCOMPARE(again.error().message, u"Bind for 0.0.0.0:%1 failed: port is already allocated"_s.arg(port));
    auto specific = ports.publish({ u"127.0.0.1"_s, port, 81, u"tcp"_s }, ip);
    QCOMPARE(specific.error().message, u"Bind for 127.0.0.1:%1 failed: port is already allocated"_s.arg(port));
    QVERIFY(ports.publish({ QString(), port, 80, u"udp"_s }, ip)); // another protocol, another port

    QTcpServer other;
    QVERIFY(other.listen(QHostAddress::AnyIPv4));
    auto taken = ports.publish({ QString(), other.serverPort(), 80, u"tcp"_s }, ip);
    QVERIFY(!taken);
    QCOMPARE(taken.error().message,
        u"Error starting userland proxy: listen tcp4 0.0.0.0:%1: bind: address already in use"_s.arg(
            other.serverPort()));
    QCOMPARE(ports.publish({ QString(), 0, 80, u"sctp"_s }, ip).error().code, Code::Unimplemented);
    QCOMPARE(ports.publish({ u"nonsense"_s, 0, 80, u"tcp"_s }, ip).error().code, Code::InvalidArgument);

    QVERIFY(ports.unpublish(*held));
    QVERIFY(ports.unpublish({ QString(), port, 80, u"udp"_s }));
    auto free = ports.publish({ QString(), port, 80, u"tcp"_s }, ip);
    QVERIFY2(free, why(free).constData());
    QVERIFY(ports.unpublish(*free));
    expectNoTrace();
}

QTEST_GUILESS_MAIN(TestNetwork)
#include "tst_network.moc"
