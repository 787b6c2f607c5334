#pragma once
// The base of the engine's D-Bus objects (whose methods the adaptors
// generated from packaging/dbus/*.xml call): every call is authorised first
// (CallerCheck), and answered later when the service answers later. Engine
// errors become D-Bus errors named after their code:
// org.muelle.Engine1.Error.NotFound, .InvalidArgument, .Conflict, ...
//
// Authorisation never blocks the engine: when the caller's right is not
// known at once (its first call, or a polkit check), the call's reply is
// delayed, and the method runs again with the same arguments once the
// answer comes — or the caller gets AccessDenied — while other callers are
// served. A method starts with `if (!authorised(&Self::Method, args...))
// return {};` and is written as if it ran at once.

#include "base/error.h"

#include <QDBusConnection>
#include <QDBusContext>
#include <QDBusMessage>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QVariantMap>

#include <functional>
#include <optional>

namespace muelle::engine::dbus {

class CallerCheck;

// "org.muelle.Engine1.Error.NotFound"
QString errorName(Code code);

// The type an option must have. Int takes any D-Bus integer type.
enum class OptionType { Bool, Int, String, StringList };
using KnownOptions = std::initializer_list<std::pair<QLatin1String, OptionType>>;

// A method's options (the a{sv} each method ends with, so it can grow),
// checked against the names it knows: an unknown name or a value of
// another type is InvalidArgument, before anything is done.
Result<QVariantMap> checkOptions(const QVariantMap &given, KnownOptions known);

QString compactJson(const QJsonObject &object);
QString compactJson(const QJsonArray &array);

class BusObject : public QObject, protected QDBusContext {
    Q_OBJECT
public:
    explicit BusObject(CallerCheck &callers, QObject *parent = nullptr);

protected:
    // True when the caller may call now. Otherwise false, and the call is
    // held: `method` runs again with `arguments` once the caller is allowed,
    // its value sent as the reply, or AccessDenied is sent.
    template <typename Self, typename Value, typename... Parameters, typename... Arguments>
    bool authorised(Value (Self::*method)(Parameters...), const Arguments &...arguments)
    {
        if (!calledFromDBus() || replay_)
            return true;
        const QString sender = message().service();
        if (const auto verdict = knownVerdict(sender))
            return !*verdict || (refuseAccess(**verdict), false);
        setDelayedReply(true);
        hold(sender, [self = QPointer<Self>(static_cast<Self *>(this)), method, arguments...](Replay &replay) {
            if (!self)
                return;
            if constexpr (std::is_void_v<Value>) {
                (self.data()->*method)(arguments...);
                replay.finish({});
            } else {
                replay.finish({ QVariant::fromValue((self.data()->*method)(arguments...)) });
            }
        });
        return false;
    }

    // Sends an error reply now (in a method, instead of returning a value).
    void refuse(const Error &error);
    // The options when they pass checkOptions; otherwise the error is sent
    // and nothing is returned.
    std::optional<QVariantMap> options(const QVariantMap &given, KnownOptions known);
    // A JSON object given as text, or nothing with InvalidArgument sent.
    std::optional<QJsonObject> jsonObject(const QString &text);
    // The JSON's compact text, or "" with the error sent.
    QString answer(const Result<QJsonObject> &json);
    QString answer(const Result<QJsonArray> &json);
    // Takes over the reply: the returned function sends it once, later.
    using Answer = std::function<void(const Result<QVariantList> &)>;
    Answer answerLater();
    // The call being answered (also when it runs again after being held),
    // and the bus it came on: to address its caller alone.
    const QDBusMessage &call() const;
    QDBusConnection bus() const;

private:
    // A held call run again: its reply goes out explicitly.
    struct Replay {
        QDBusMessage call;
        QDBusConnection bus;
        bool answered = false; // an error or a later answer took the reply
        void finish(const QVariantList &values);
    };
    std::optional<std::optional<QString>> knownVerdict(const QString &sender) const;
    void refuseAccess(const QString &reason);
    void hold(const QString &sender, std::function<void(Replay &)> run);

    CallerCheck &callers_;
    Replay *replay_ = nullptr; // while a held call runs again
};

} // namespace muelle::engine::dbus
