#include "engine/network/network.h"

namespace muelle::engine::network {

QString bridgeNameFor(const QString &networkId)
{
    return QStringLiteral("br-") + networkId.left(12);
}

QString macFor(const QHostAddress &ip)
{
    const quint32 address = ip.toIPv4Address();
    QString mac = QStringLiteral("02:42");
    for (int shift = 24; shift >= 0; shift -= 8)
        mac += QStringLiteral(":%1").arg((address >> shift) & 0xff, 2, 16, QLatin1Char('0'));
    return mac;
}

QByteArray hostsLines(const QList<HostEntry> &entries)
{
    QByteArray text;
    for (const HostEntry &entry : entries) {
        if (entry.ip.isNull() || entry.names.isEmpty())
            continue;
        text += entry.ip.toString().toUtf8() + '\t' + entry.names.join(u' ').toUtf8() + '\n';
    }
    return text;
}

} // namespace muelle::engine::network
