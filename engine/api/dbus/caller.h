#pragma once
// Who may drive the engine over D-Bus: root, the members of the engine's
// group (`muelle`, or --group), and whoever polkit allows the action
// org.muelle.engine.manage, where polkitd runs on the system bus. Any other
// caller gets org.freedesktop.DBus.Error.AccessDenied.

#include <QDBusConnection>
#include <QHash>
#include <QString>

#include <optional>

namespace muelle::engine::dbus {

class CallerCheck {
public:
    CallerCheck(QDBusConnection connection, QString group, bool systemBus);

    // Whether the sender (a unique bus name) may call; the reason when not.
    std::optional<QString> refusal(const QString &sender);

private:
    bool inGroup(uint uid) const;
    bool polkitAllows(const QString &sender) const;

    QDBusConnection connection_;
    QString group_;
    bool systemBus_;
    QHash<QString, uint> uids_; // a unique name keeps its uid for life
};

} // namespace muelle::engine::dbus
