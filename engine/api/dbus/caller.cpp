#include "engine/api/dbus/caller.h"

#include <QDBusArgument>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

#include <algorithm>
#include <grp.h>
#include <pwd.h>
#include <vector>

namespace muelle::engine::dbus {

namespace {

// polkit's subject: ("system-bus-name", {"name": <sender>}).
struct Subject {
    QString kind;
    QVariantMap details;
};

QDBusArgument &operator<<(QDBusArgument &argument, const Subject &subject)
{
    argument.beginStructure();
    argument << subject.kind << subject.details;
    argument.endStructure();
    return argument;
}

const QDBusArgument &operator>>(const QDBusArgument &argument, Subject &subject)
{
    argument.beginStructure();
    argument >> subject.kind >> subject.details;
    argument.endStructure();
    return argument;
}

} // namespace

} // namespace muelle::engine::dbus

Q_DECLARE_METATYPE(muelle::engine::dbus::Subject)

namespace muelle::engine::dbus {

CallerCheck::CallerCheck(QDBusConnection connection, QString group, QObject *parent)
    : QObject(parent), connection_(std::move(connection)), group_(std::move(group))
{
    qDBusRegisterMetaType<Subject>();
    qDBusRegisterMetaType<QMap<QString, QString>>();
    if (!connection_.connect(QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
            QStringLiteral("org.freedesktop.DBus"), QStringLiteral("NameOwnerChanged"), this,
            SLOT(forget(QString, QString, QString))))
        qWarning("muelled: cannot follow NameOwnerChanged on D-Bus: callers' uids are kept until exit");
}

void CallerCheck::forget(const QString &name, const QString &, const QString &newOwner)
{
    if (newOwner.isEmpty())
        uids_.remove(name);
}

std::optional<CallerCheck::Verdict> CallerCheck::knownVerdict(const QString &sender) const
{
    const auto known = uids_.constFind(sender);
    if (known != uids_.constEnd() && trusted(*known) && !waiting_.contains(sender))
        return Verdict();
    return std::nullopt;
}

void CallerCheck::decide(const QString &sender, std::function<void(Verdict)> decided)
{
    QList<std::function<void(Verdict)>> &queue = waiting_[sender];
    queue.append(std::move(decided));
    if (queue.size() == 1)
        decideFirst(sender);
}

void CallerCheck::decided(const QString &sender, const Verdict &verdict)
{
    auto it = waiting_.find(sender);
    if (it == waiting_.end() || it->isEmpty())
        return;
    const std::function<void(Verdict)> first = it->takeFirst();
    if (it->isEmpty())
        waiting_.erase(it);
    first(verdict);
    if (waiting_.contains(sender))
        decideFirst(sender);
}

void CallerCheck::decideFirst(const QString &sender)
{
    if (const auto known = uids_.constFind(sender); known != uids_.constEnd()) {
        if (trusted(*known))
            return decided(sender, Verdict());
        return askPolkit(sender, *known);
    }
    const QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.DBus"),
                                  QStringLiteral("/org/freedesktop/DBus"), QStringLiteral("org.freedesktop.DBus"),
                                  QStringLiteral("GetConnectionUnixUser"))
        << sender;
    auto *watcher = new QDBusPendingCallWatcher(connection_.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, sender] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> uid = *watcher;
        if (uid.isError())
            return decided(sender, QStringLiteral("cannot tell who %1 is: %2").arg(sender, uid.error().message()));
        uids_.insert(sender, uid.value());
        decideFirst(sender);
    });
}

QString CallerCheck::refusal(uint uid) const
{
    return QStringLiteral("uid %1 may not manage the engine: it is not root, not in group \"%2\", and polkit did not "
                          "allow org.muelle.engine.manage")
        .arg(uid)
        .arg(group_);
}

bool CallerCheck::trusted(uint uid) const
{
    if (uid == 0)
        return true;
    const QByteArray name = group_.toLocal8Bit();
    const group *wanted = ::getgrnam(name.constData());
    const passwd *user = ::getpwuid(uid);
    if (!wanted || !user)
        return false;
    const gid_t groupId = wanted->gr_gid;
    const gid_t primary = user->pw_gid;
    const QByteArray userName(user->pw_name);
    int count = 64;
    std::vector<gid_t> groups(static_cast<size_t>(count));
    if (::getgrouplist(userName.constData(), primary, groups.data(), &count) < 0) {
        groups.resize(size_t(count));
        if (::getgrouplist(userName.constData(), primary, groups.data(), &count) < 0)
            return false;
    }
    groups.resize(size_t(count));
    return std::find(groups.begin(), groups.end(), groupId) != groups.end();
}

void CallerCheck::askPolkit(const QString &sender, uint uid)
{
    // polkit is asked where it runs on this bus (the system bus, or a test's);
    // where it does not, the answer is no.
    QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.PolicyKit1"),
        QStringLiteral("/org/freedesktop/PolicyKit1/Authority"), QStringLiteral("org.freedesktop.PolicyKit1.Authority"),
        QStringLiteral("CheckAuthorization"));
    const Subject subject{ QStringLiteral("system-bus-name"), { { QStringLiteral("name"), sender } } };
    // Interaction allowed: an authentication agent of the caller's session
    // may ask for a password (auth_admin_keep); meanwhile the engine serves on.
    const uint allowUserInteraction = 1;
    call << QVariant::fromValue(subject) << QStringLiteral("org.muelle.engine.manage")
         << QVariant::fromValue(QMap<QString, QString>()) << allowUserInteraction << QString();
    // polkit's own limit for an interactive check is minutes; ours is 2.
    auto *watcher = new QDBusPendingCallWatcher(connection_.asyncCall(call, 120'000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, sender, uid] {
        watcher->deleteLater();
        const QDBusMessage reply = watcher->reply();
        if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
            return decided(sender, refusal(uid));
        // (bba{ss}): is_authorized, is_challenge, details.
        const QDBusArgument result = reply.arguments().first().value<QDBusArgument>();
        bool authorized = false;
        bool challenge = false;
        result.beginStructure();
        result >> authorized >> challenge;
        result.endStructure();
        decided(sender, authorized ? Verdict() : Verdict(refusal(uid)));
    });
}

} // namespace muelle::engine::dbus
