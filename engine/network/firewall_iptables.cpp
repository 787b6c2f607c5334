// The iptables Firewall, for hosts without a working `nft`: two chains of
// the nat table, reached by jumps appended to the built-in chains. Rules are
// found again by their comment in `iptables -S` and deleted by number.
#include "engine/network/command_p.h"
#include "engine/network/firewall_p.h"

namespace muelle::engine::network {
namespace {

class Iptables final : public Firewall {
public:
    explicit Iptables(QString chain) : dnat_(std::move(chain)), nat_(dnat_ + QStringLiteral("-POSTROUTING")) { }

    Result<> addMasquerade(const QString &bridge, const Subnet &subnet) override
    {
        const QString what = QStringLiteral("add masquerade \"%1\"").arg(bridge);
        if (auto chain = ensureChain(nat_); !chain)
            return fail(chain.error().context(what));
        return ensureRule(nat_,
            { QStringLiteral("-s"), subnet.toString(), QStringLiteral("!"), QStringLiteral("-o"), bridge,
                QStringLiteral("-m"), QStringLiteral("comment"), QStringLiteral("--comment"), masqueradeComment(bridge),
                QStringLiteral("-j"), QStringLiteral("MASQUERADE") },
            what);
    }

    Result<> removeMasquerade(const QString &bridge) override
    {
        return removeCommented(nat_, masqueradeComment(bridge), QStringLiteral("remove masquerade \"%1\"").arg(bridge));
    }

    Result<> addForward(const PortForward &forward) override
    {
        const QString comment = forwardComment(forward);
        const QString what = QStringLiteral("add forward \"%1\"").arg(comment);
        if (auto removed = removeForward(forward); !removed)
            return removed;
        if (auto chain = ensureChain(dnat_); !chain)
            return fail(chain.error().context(what));
        if (auto chain = ensureChain(nat_); !chain)
            return fail(chain.error().context(what));
        QStringList dnat{ QStringLiteral("-p"), forward.protocol };
        if (!forward.hostIp.isNull())
            dnat << QStringLiteral("-d") << forward.hostIp.toString();
        dnat << QStringLiteral("--dport") << QString::number(forward.hostPort) << commentArgs(comment)
             << QStringLiteral("-j") << QStringLiteral("DNAT") << QStringLiteral("--to-destination")
             << QStringLiteral("%1:%2").arg(forward.containerIp.toString()).arg(forward.containerPort);
        if (auto added = ensureRule(dnat_, dnat, what); !added)
            return added;
        const QString cip = forward.containerIp.toString();
        // Hairpin: a container reaching itself through its published port.
        return ensureRule(nat_,
            QStringList{ QStringLiteral("-p"), forward.protocol, QStringLiteral("-s"), cip, QStringLiteral("-d"), cip,
                QStringLiteral("--dport"), QString::number(forward.containerPort) }
                + commentArgs(comment) + QStringList{ QStringLiteral("-j"), QStringLiteral("MASQUERADE") },
            what);
    }

    Result<> removeForward(const PortForward &forward) override
    {
        const QString comment = forwardComment(forward);
        const QString what = QStringLiteral("remove forward \"%1\"").arg(comment);
        if (auto removed = removeCommented(dnat_, comment, what); !removed)
            return removed;
        return removeCommented(nat_, comment, what);
    }

    Result<> removeIfUnused() override
    {
        for (const QString &chain : { dnat_, nat_ }) {
            auto listing = listChain(chain);
            if (!listing)
                return fail(listing.error());
            if (!listing->exists || !listing->rules.isEmpty())
                continue;
            for (const auto &[builtin, spec] : jumpsTo(chain))
                ipt(QStringList{ QStringLiteral("-D"), builtin } + spec); // a jump already gone is fine
            if (auto removed = ipt({ QStringLiteral("-X"), chain }); !removed)
                return fail(removed.error().context(QStringLiteral("delete chain \"%1\"").arg(chain)));
        }
        return {};
    }

    Result<QString> dump() override
    {
        QString text;
        for (const QString &chain : { dnat_, nat_ }) {
            auto listing = listChain(chain);
            if (!listing)
                return fail(listing.error());
            text += listing->rules.join(u'\n') + u'\n';
        }
        return text.trimmed();
    }

private:
    static QStringList commentArgs(const QString &comment)
    {
        return { QStringLiteral("-m"), QStringLiteral("comment"), QStringLiteral("--comment"), comment };
    }

    static Result<QByteArray> ipt(const QStringList &args)
    {
        return run(
            QStringList{ QStringLiteral("iptables"), QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("nat") }
            + args);
    }

    QList<std::pair<QString, QStringList>> jumpsTo(const QString &chain) const
    {
        const QStringList local{ QStringLiteral("-m"), QStringLiteral("addrtype"), QStringLiteral("--dst-type"),
            QStringLiteral("LOCAL"), QStringLiteral("-j"), chain };
        if (chain == nat_)
            return { { QStringLiteral("POSTROUTING"), { QStringLiteral("-j"), chain } } };
        return { { QStringLiteral("PREROUTING"), local },
            { QStringLiteral("OUTPUT"),
                QStringList{ QStringLiteral("!"), QStringLiteral("-d"), QStringLiteral("127.0.0.0/8") } + local } };
    }

    Result<> ensureChain(const QString &chain)
    {
        if (auto created = ipt({ QStringLiteral("-N"), chain });
            !created && created.error().code != Code::AlreadyExists)
            return fail(created.error().context(QStringLiteral("create chain \"%1\"").arg(chain)));
        for (const auto &[builtin, spec] : jumpsTo(chain)) {
            if (auto added = ensureRule(builtin, spec, QStringLiteral("add jump \"%1\"").arg(chain)); !added)
                return added;
        }
        return {};
    }

    static Result<> ensureRule(const QString &chain, const QStringList &spec, const QString &what)
    {
        if (ipt(QStringList{ QStringLiteral("-C"), chain } + spec))
            return {};
        if (auto added = ipt(QStringList{ QStringLiteral("-A"), chain } + spec); !added)
            return fail(added.error().context(what));
        return {};
    }

    struct Listing {
        bool exists = false;
        QStringList rules; // "-A <chain> ...", in order: rule n is rules[n - 1]
    };

    // From `iptables -S` of the whole table: iptables-nft 1.8.9 calls a
    // chain that does not exist "incompatible" when asked for it alone.
    static Result<Listing> listChain(const QString &chain)
    {
        auto text = ipt({ QStringLiteral("-S") });
        if (!text)
            return fail(text.error().context(QStringLiteral("list chain \"%1\"").arg(chain)));
        Listing listing;
        const QString created = QStringLiteral("-N ") + chain;
        const QString rule = QStringLiteral("-A ") + chain + u' ';
        for (const QString &line : QString::fromUtf8(*text).split(u'\n', Qt::SkipEmptyParts)) {
            listing.exists = listing.exists || line == created;
            if (line.startsWith(rule))
                listing.rules.append(line);
        }
        return listing;
    }

    static Result<> removeCommented(const QString &chain, const QString &comment, const QString &what)
    {
        auto listing = listChain(chain);
        if (!listing)
            return fail(listing.error().context(what));
        // The last first, so the others keep their numbers.
        for (qsizetype i = listing->rules.size() - 1; i >= 0; --i) {
            const QStringList words = listing->rules.at(i).split(u' ');
            const qsizetype at = words.indexOf(QStringLiteral("--comment"));
            if (at < 0 || words.value(at + 1).remove(u'"') != comment)
                continue;
            if (auto removed = ipt({ QStringLiteral("-D"), chain, QString::number(i + 1) }); !removed)
                return fail(removed.error().context(what));
        }
        return {};
    }

    QString dnat_;
    QString nat_;
};

} // namespace

std::unique_ptr<Firewall> makeIptables(const QString &chain)
{
    return std::make_unique<Iptables>(chain);
}

} // namespace muelle::engine::network
