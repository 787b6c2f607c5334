// The nftables Firewall: one table of family ip with three NAT base chains.
// Every change is one `nft -f -` transaction, so a rule set is never seen
// half replaced.
#include "engine/network/command_p.h"
#include "engine/network/firewall_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace muelle::engine::network {
namespace {

struct Rule {
    QString chain;
    qint64 handle = 0;
    QString comment;
};

class Nftables final : public Firewall {
public:
    explicit Nftables(QString table) : table_(std::move(table)) { }

    Result<> addMasquerade(const QString &bridge, const Subnet &subnet) override
    {
        const QString comment = masqueradeComment(bridge);
        auto present = rules();
        if (!present)
            return fail(present.error());
        if (std::any_of(present->begin(), present->end(), [&](const Rule &r) { return r.comment == comment; }))
            return {};
        return apply(tableScript()
                + QStringLiteral("add rule ip %1 postrouting ip saddr %2 oifname != \"%3\" masquerade comment \"%4\"\n")
                      .arg(table_, subnet.toString(), bridge, comment),
            QStringLiteral("add masquerade \"%1\"").arg(bridge));
    }

    Result<> removeMasquerade(const QString &bridge) override
    {
        return removeCommented(masqueradeComment(bridge), QStringLiteral("remove masquerade \"%1\"").arg(bridge));
    }

    Result<> addForward(const PortForward &forward) override
    {
        const QString comment = forwardComment(forward);
        auto script = deletions(comment);
        if (!script)
            return fail(script.error());
        const QString daddr = forward.hostIp.isNull() ? QStringLiteral("fib daddr type local")
                                                      : QStringLiteral("ip daddr ") + forward.hostIp.toString();
        const QString dnat = QStringLiteral("%1 dport %2 dnat to %3:%4 comment \"%5\"\n")
                                 .arg(forward.protocol)
                                 .arg(forward.hostPort)
                                 .arg(forward.containerIp.toString())
                                 .arg(forward.containerPort)
                                 .arg(comment);
        const QString cip = forward.containerIp.toString();
        const QString rules = QStringLiteral("add rule ip %1 prerouting %2 ").arg(table_, daddr) + dnat
            + QStringLiteral("add rule ip %1 output ip daddr != 127.0.0.0/8 %2 ").arg(table_, daddr)
            + dnat
            // Hairpin: a container reaching itself through its published port.
            + QStringLiteral(
                "add rule ip %1 postrouting ip saddr %2 ip daddr %2 %3 dport %4 masquerade comment \"%5\"\n")
                  .arg(table_, cip, forward.protocol)
                  .arg(forward.containerPort)
                  .arg(comment);
        return apply(tableScript() + *script + rules, QStringLiteral("add forward \"%1\"").arg(comment));
    }

    Result<> removeForward(const PortForward &forward) override
    {
        const QString comment = forwardComment(forward);
        return removeCommented(comment, QStringLiteral("remove forward \"%1\"").arg(comment));
    }

    Result<> removeIfUnused() override
    {
        auto present = rules();
        if (!present)
            return fail(present.error());
        if (!present->isEmpty() || !exists_)
            return {};
        return apply(
            QStringLiteral("delete table ip %1\n").arg(table_), QStringLiteral("delete table \"%1\"").arg(table_));
    }

    Result<QString> dump() override
    {
        auto text = run(
            { QStringLiteral("nft"), QStringLiteral("list"), QStringLiteral("table"), QStringLiteral("ip"), table_ });
        if (!text && text.error().code == Code::NotFound)
            return QString();
        if (!text)
            return fail(text.error().context(QStringLiteral("list table \"%1\"").arg(table_)));
        return QString::fromUtf8(*text);
    }

private:
    // `add` is idempotent: an existing table and chains are kept as they are.
    QString tableScript() const
    {
        return QStringLiteral("add table ip %1\n"
                              "add chain ip %1 postrouting { type nat hook postrouting priority 100; policy accept; }\n"
                              "add chain ip %1 prerouting { type nat hook prerouting priority -100; policy accept; }\n"
                              "add chain ip %1 output { type nat hook output priority -100; policy accept; }\n")
            .arg(table_);
    }

    Result<> apply(const QString &script, const QString &what)
    {
        auto done = run({ QStringLiteral("nft"), QStringLiteral("-f"), QStringLiteral("-") }, script.toUtf8());
        if (!done)
            return fail(done.error().context(what));
        return {};
    }

    // The rules of the table; none when there is no table.
    Result<QList<Rule>> rules()
    {
        auto json = run({ QStringLiteral("nft"), QStringLiteral("-j"), QStringLiteral("-a"), QStringLiteral("list"),
            QStringLiteral("table"), QStringLiteral("ip"), table_ });
        exists_ = bool(json);
        if (!json && json.error().code == Code::NotFound)
            return QList<Rule>();
        if (!json)
            return fail(json.error().context(QStringLiteral("list table \"%1\"").arg(table_)));
        QList<Rule> found;
        const QJsonArray items = QJsonDocument::fromJson(*json)[QLatin1String("nftables")].toArray();
        for (const QJsonValue &item : items) {
            const QJsonObject rule = item[QLatin1String("rule")].toObject();
            if (!rule.isEmpty())
                found.append({ rule[QLatin1String("chain")].toString(), rule[QLatin1String("handle")].toInteger(),
                    rule[QLatin1String("comment")].toString() });
        }
        return found;
    }

    Result<QString> deletions(const QString &comment)
    {
        auto present = rules();
        if (!present)
            return fail(present.error());
        QString script;
        for (const Rule &rule : std::as_const(*present)) {
            if (rule.comment == comment)
                script += QStringLiteral("delete rule ip %1 %2 handle %3\n").arg(table_, rule.chain).arg(rule.handle);
        }
        return script;
    }

    Result<> removeCommented(const QString &comment, const QString &what)
    {
        auto script = deletions(comment);
        if (!script)
            return fail(script.error().context(what));
        if (script->isEmpty())
            return {};
        return apply(*script, what);
    }

    QString table_;
    bool exists_ = false;
};

} // namespace

std::unique_ptr<Firewall> makeNftables(const QString &table)
{
    return std::make_unique<Nftables>(table);
}

} // namespace muelle::engine::network
