#pragma once
// The base of the engine's D-Bus objects: every call is authorised first
// (CallerCheck), and answered later when the service answers later. Engine
// errors become D-Bus errors named after their code:
// org.muelle.Engine1.Error.NotFound, .InvalidArgument, .Conflict, ...

#include "base/error.h"

#include <QDBusContext>
#include <QDBusMessage>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QVariantMap>

#include <functional>
#include <optional>

namespace muelle::engine::dbus {

class CallerCheck;

// "org.muelle.Engine1.Error.NotFound"
QString errorName(Code code);

// The type an option must have. Int takes any D-Bus integer type.
enum class OptionType { Bool, Int, String };
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
    // False, with AccessDenied sent, when the caller may not call.
    bool allowed();
    // Sends an error reply now (in a slot, instead of returning a value).
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

private:
    CallerCheck &callers_;
};

} // namespace muelle::engine::dbus
