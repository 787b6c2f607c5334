#pragma once
// Who may drive the engine over D-Bus: root, the members of the engine's
// group (`muelle`, or --group), and whoever polkit allows the action
// org.muelle.engine.manage, where polkitd runs on the bus. Any other caller
// gets org.freedesktop.DBus.Error.AccessDenied.
//
// Never blocking: the caller's uid is asked of the bus, and polkit asked,
// with asynchronous calls, so the engine serves others while an answer is
// on its way (a slow polkit, an authentication agent). A sender's uid is
// kept while its connection lives; polkit is asked at each call, as its
// rules may change.

#include <QDBusConnection>
#include <QHash>
#include <QObject>
#include <QString>

#include <QList>

#include <functional>
#include <optional>

namespace muelle::engine::dbus {

class CallerCheck : public QObject {
    Q_OBJECT
public:
    CallerCheck(QDBusConnection connection, QString group, QObject *parent = nullptr);

    // nullopt when the sender (a unique bus name) may call; the reason when
    // not. Known at once for a known root or group member with no call of
    // its own still waiting (its calls are decided in the order they came).
    using Verdict = std::optional<QString>;
    std::optional<Verdict> knownVerdict(const QString &sender) const;
    // Decides, asking the bus and polkit as needed; `decided` is called once,
    // later, on this object's thread, after those of the sender's earlier calls.
    void decide(const QString &sender, std::function<void(Verdict)> decided);

private Q_SLOTS:
    // A connection gone: its unique name will not come again.
    void forget(const QString &name, const QString &oldOwner, const QString &newOwner);

private:
    void decideFirst(const QString &sender);
    void decided(const QString &sender, const Verdict &verdict);
    bool trusted(uint uid) const; // root, or in the group
    void askPolkit(const QString &sender, uint uid);
    QString refusal(uint uid) const;

    QDBusConnection connection_;
    QString group_;
    QHash<QString, uint> uids_; // a unique name keeps its uid for life
    QHash<QString, QList<std::function<void(Verdict)>>> waiting_; // by sender, oldest first
};

} // namespace muelle::engine::dbus
