#include "engine/api/dbus/caller.h"

#include <QDBusArgument>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusReply>
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

CallerCheck::CallerCheck(QDBusConnection connection, QString group, bool systemBus)
    : connection_(std::move(connection)), group_(std::move(group)), systemBus_(systemBus)
{
    qDBusRegisterMetaType<Subject>();
    qDBusRegisterMetaType<QMap<QString, QString>>();
}

std::optional<QString> CallerCheck::refusal(const QString &sender)
{
    auto known = uids_.find(sender);
    if (known == uids_.end()) {
        const QDBusReply<uint> uid = connection_.interface()->serviceUid(sender);
        if (!uid.isValid())
            return QStringLiteral("cannot tell who %1 is: %2").arg(sender, uid.error().message());
        known = uids_.insert(sender, uid.value());
    }
    const uint uid = *known;
    if (uid == 0 || inGroup(uid) || polkitAllows(sender))
        return std::nullopt;
    return QStringLiteral("uid %1 may not manage the engine: it is not root, not in group \"%2\", and polkit did not "
                          "allow org.muelle.engine.manage")
        .arg(uid)
        .arg(group_);
}

bool CallerCheck::inGroup(uint uid) const
{
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

bool CallerCheck::polkitAllows(const QString &sender) const
{
    // polkit knows the system bus's names only; it is asked when it runs.
    if (!systemBus_ || !connection_.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.PolicyKit1")))
        return false;
    QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.PolicyKit1"),
        QStringLiteral("/org/freedesktop/PolicyKit1/Authority"), QStringLiteral("org.freedesktop.PolicyKit1.Authority"),
        QStringLiteral("CheckAuthorization"));
    const Subject subject{ QStringLiteral("system-bus-name"), { { QStringLiteral("name"), sender } } };
    // No interactive authentication: the answer must come at once, since
    // the engine's thread waits for it.
    const uint flags = 0;
    call << QVariant::fromValue(subject) << QStringLiteral("org.muelle.engine.manage")
         << QVariant::fromValue(QMap<QString, QString>()) << flags << QString();
    const QDBusMessage reply = connection_.call(call, QDBus::Block, 5000);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return false;
    // (bba{ss}): is_authorized, is_challenge, details.
    const QDBusArgument result = reply.arguments().first().value<QDBusArgument>();
    bool authorized = false;
    bool challenge = false;
    result.beginStructure();
    result >> authorized >> challenge;
    result.endStructure();
    return authorized;
}

} // namespace muelle::engine::dbus
