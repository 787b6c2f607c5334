#include "engine/api/dbus/busobject.h"

#include "engine/api/dbus/caller.h"

#include <QDBusConnection>

namespace muelle::engine::dbus {

QString errorName(Code code)
{
    static const char *const names[] = { "NotFound", "AlreadyExists", "InvalidArgument", "FailedPrecondition",
        "Conflict", "PermissionDenied", "Unauthenticated", "Unavailable", "ResourceExhausted", "OutOfRange",
        "Unimplemented", "Cancelled", "Internal", "DataLoss" };
    return QStringLiteral("org.muelle.Engine1.Error.") + QLatin1String(names[int(code)]);
}

BusObject::BusObject(CallerCheck &callers, QObject *parent) : QObject(parent), callers_(callers) { }

bool BusObject::allowed()
{
    if (!calledFromDBus())
        return true;
    if (const auto refusal = callers_.refusal(message().service())) {
        sendErrorReply(QDBusError::AccessDenied, *refusal);
        return false;
    }
    return true;
}

void BusObject::refuse(const Error &error)
{
    sendErrorReply(errorName(error.code), error.message);
}

BusObject::Answer BusObject::answerLater()
{
    setDelayedReply(true);
    const QDBusMessage call = message();
    QDBusConnection bus = connection();
    return [call, bus](const Result<QVariantList> &result) mutable {
        if (!result) {
            bus.send(call.createErrorReply(errorName(result.error().code), result.error().message));
            return;
        }
        bus.send(call.createReply(*result));
    };
}

} // namespace muelle::engine::dbus
