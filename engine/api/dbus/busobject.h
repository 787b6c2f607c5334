#pragma once
// The base of the engine's D-Bus objects: every call is authorised first
// (CallerCheck), and answered later when the service answers later. Engine
// errors become D-Bus errors named after their code:
// org.muelle.Engine1.Error.NotFound, .InvalidArgument, .Conflict, ...

#include "base/error.h"

#include <QDBusContext>
#include <QDBusMessage>
#include <QObject>

#include <functional>

namespace muelle::engine::dbus {

class CallerCheck;

// "org.muelle.Engine1.Error.NotFound"
QString errorName(Code code);

class BusObject : public QObject, protected QDBusContext {
    Q_OBJECT
public:
    explicit BusObject(CallerCheck &callers, QObject *parent = nullptr);

protected:
    // False, with AccessDenied sent, when the caller may not call.
    bool allowed();
    // Sends an error reply now (in a slot, instead of returning a value).
    void refuse(const Error &error);
    // Takes over the reply: the returned function sends it once, later.
    using Answer = std::function<void(const Result<QVariantList> &)>;
    Answer answerLater();

private:
    CallerCheck &callers_;
};

} // namespace muelle::engine::dbus
