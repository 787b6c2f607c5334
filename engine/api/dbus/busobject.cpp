#include "engine/api/dbus/busobject.h"

#include "engine/api/dbus/caller.h"

#include <QDBusConnection>
#include <QJsonDocument>

#include <algorithm>

namespace muelle::engine::dbus {

QString errorName(Code code)
{
    static const char *const names[] = { "NotFound", "AlreadyExists", "InvalidArgument", "FailedPrecondition",
        "Conflict", "PermissionDenied", "Unauthenticated", "Unavailable", "ResourceExhausted", "OutOfRange",
        "Unimplemented", "Cancelled", "Internal", "DataLoss" };
    return QStringLiteral("org.muelle.Engine1.Error.") + QLatin1String(names[int(code)]);
}

Result<QVariantMap> checkOptions(const QVariantMap &given, KnownOptions known)
{
    for (auto it = given.cbegin(); it != given.cend(); ++it) {
        const auto spec
            = std::find_if(known.begin(), known.end(), [&](const auto &entry) { return entry.first == it.key(); });
        if (spec == known.end())
            return fail(Code::InvalidArgument, QStringLiteral("unknown option \"%1\"").arg(it.key()));
        const int type = it.value().metaType().id();
        bool fits = false;
        switch (spec->second) {
        case OptionType::Bool:
            fits = type == QMetaType::Bool;
            break;
        case OptionType::Int:
            fits = type == QMetaType::Int || type == QMetaType::UInt || type == QMetaType::LongLong
                || type == QMetaType::ULongLong || type == QMetaType::Short || type == QMetaType::UShort
                || type == QMetaType::UChar;
            break;
        case OptionType::String:
            fits = type == QMetaType::QString;
            break;
        case OptionType::StringList:
            fits = type == QMetaType::QStringList;
            break;
        }
        if (!fits)
            return fail(Code::InvalidArgument,
                QStringLiteral("option \"%1\" has the wrong type (%2)")
                    .arg(it.key(), QString::fromLatin1(it.value().typeName())));
    }
    return given;
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString compactJson(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

BusObject::BusObject(CallerCheck &callers, QObject *parent) : QObject(parent), callers_(callers) { }

std::optional<std::optional<QString>> BusObject::knownVerdict(const QString &sender) const
{
    return callers_.knownVerdict(sender);
}

void BusObject::refuseAccess(const QString &reason)
{
    sendErrorReply(QDBusError::AccessDenied, reason);
}

void BusObject::hold(const QString &sender, std::function<void(Replay &)> run)
{
    QPointer<BusObject> self(this);
    const QDBusMessage held = message();
    QDBusConnection bus = connection();
    callers_.decide(sender, [self, held, bus, run](CallerCheck::Verdict refusal) mutable {
        if (refusal) {
            bus.send(held.createErrorReply(QDBusError::AccessDenied, *refusal));
            return;
        }
        if (!self) { // the engine is going away
            bus.send(held.createErrorReply(errorName(Code::Unavailable), QStringLiteral("the engine is stopping")));
            return;
        }
        Replay replay{ held, bus };
        self->replay_ = &replay;
        run(replay);
        if (self)
            self->replay_ = nullptr;
    });
}

void BusObject::Replay::finish(const QVariantList &values)
{
    if (!answered)
        bus.send(call.createReply(values));
}

const QDBusMessage &BusObject::call() const
{
    return replay_ ? replay_->call : message();
}

QDBusConnection BusObject::bus() const
{
    return replay_ ? replay_->bus : connection();
}

void BusObject::refuse(const Error &error)
{
    if (!replay_)
        return sendErrorReply(errorName(error.code), error.message);
    replay_->answered = true;
    replay_->bus.send(replay_->call.createErrorReply(errorName(error.code), error.message));
}

std::optional<QVariantMap> BusObject::options(const QVariantMap &given, KnownOptions known)
{
    auto checked = checkOptions(given, known);
    if (!checked) {
        refuse(checked.error());
        return std::nullopt;
    }
    return *checked;
}

std::optional<QJsonObject> BusObject::jsonObject(const QString &text)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (!document.isObject()) {
        refuse({ Code::InvalidArgument,
            QStringLiteral("invalid JSON: %1")
                .arg(parseError.error == QJsonParseError::NoError ? QStringLiteral("not an object")
                                                                  : parseError.errorString()) });
        return std::nullopt;
    }
    return document.object();
}

QString BusObject::answer(const Result<QJsonObject> &json)
{
    if (!json) {
        refuse(json.error());
        return {};
    }
    return compactJson(*json);
}

QString BusObject::answer(const Result<QJsonArray> &json)
{
    if (!json) {
        refuse(json.error());
        return {};
    }
    return compactJson(*json);
}

BusObject::Answer BusObject::answerLater()
{
    if (replay_)
        replay_->answered = true;
    else
        setDelayedReply(true);
    const QDBusMessage held = call();
    QDBusConnection connection = bus();
    return [held, connection](const Result<QVariantList> &result) mutable {
        if (!result) {
            connection.send(held.createErrorReply(errorName(result.error().code), result.error().message));
            return;
        }
        connection.send(held.createReply(*result));
    };
}

} // namespace muelle::engine::dbus
