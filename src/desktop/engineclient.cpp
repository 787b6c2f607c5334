#include "desktop/engineclient.h"

namespace muelle::desktop {

void EngineClient::listContainers(std::function<void(Result<QJsonArray>)> done)
{
    call({ QStringLiteral("Containers"), QStringLiteral("List"), {}, { { QStringLiteral("all"), true } } },
        [done](Result<QJsonValue> list) { done(list ? Result<QJsonArray>(list->toArray()) : fail(list.error())); });
}

void EngineClient::inspectContainer(const QString &name, std::function<void(Result<QJsonObject>)> done)
{
    call({ QStringLiteral("Containers"), QStringLiteral("Inspect"), { name } }, [done](Result<QJsonValue> object) {
        done(object ? Result<QJsonObject>(object->toObject()) : fail(object.error()));
    });
}

void EngineClient::containerAction(ContainerAction action, const QString &name, std::function<void(Result<>)> done)
{
    static const char *const methods[] = { "Start", "Stop", "Restart", "Kill", "Pause", "Unpause", "Remove" };
    Request request{ QStringLiteral("Containers"), QString::fromLatin1(methods[int(action)]), { name } };
    if (action == ContainerAction::Remove)
        request.options.insert(QStringLiteral("force"), true);
    call(request, [done](Result<QJsonValue> answered) { done(answered ? Result<>() : fail(answered.error())); });
}

} // namespace muelle::desktop
