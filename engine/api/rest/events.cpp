#include "engine/events/events.h"
#include "engine/api/docker/events.h"
#include "engine/api/rest/bridge.h"
#include "engine/api/rest/errors.h"
#include "engine/api/rest/images.h"
#include "engine/api/rest/json.h"
#include "engine/images/images.h"

#include <QJsonDocument>
#include <QTimer>

namespace muelle::engine::rest {

namespace {

// "1690000000", "1690000000.5" (what the docker CLI sends) in nanoseconds.
Result<std::optional<qint64>> timestampOf(const http::Request &request, const QString &name)
{
    const QString text = queryValue(request, name);
    if (text.isEmpty())
        return std::optional<qint64>();
    const QStringList parts = text.split(u'.');
    bool ok = parts.size() <= 2;
    const qint64 seconds = parts.value(0).toLongLong(&ok);
    qint64 nanos = 0;
    if (ok && parts.size() == 2) {
        const QString fraction = parts[1].left(9).leftJustified(9, u'0');
        nanos = fraction.toLongLong(&ok);
    }
    if (!ok)
        return fail(Code::InvalidArgument, QStringLiteral("invalid %1 timestamp \"%2\"").arg(name, text));
    return std::optional<qint64>(seconds * 1000000000 + nanos);
}

struct EventFilter {
    QStringList types;
    QStringList actions;
    QStringList images;
    QStringList labels; // "key" or "key=value"
    // container=, network=, volume=: as Docker, an event passes when its
    // actor's ID or name starts with one of the values, whatever its type.
    QList<QStringList> names;

    bool matches(const events::Event &event) const
    {
        if (!types.isEmpty() && !types.contains(event.type))
            return false;
        if (!actions.isEmpty() && !actions.contains(event.action))
            return false;
        const QString actorName = event.attributes.value(QStringLiteral("name"));
        for (const QStringList &wanted : names) {
            if (std::none_of(wanted.cbegin(), wanted.cend(), [&](const QString &w) {
                    return event.actorId.startsWith(w) || (!actorName.isEmpty() && actorName.startsWith(w));
                }))
                return false;
        }
        for (const QString &label : labels) {
            const QString key = label.section(u'=', 0, 0);
            if (!event.attributes.contains(key)
                || (label.contains(u'=') && event.attributes.value(key) != label.section(u'=', 1)))
                return false;
        }
        if (!images.isEmpty() && event.type == u"image") {
            const QString name = event.attributes.value(QStringLiteral("name"));
            return std::any_of(images.cbegin(), images.cend(), [&](const QString &wanted) {
                return wanted == event.actorId || wanted == name || event.actorId.startsWith(wanted + u':')
                    || name.startsWith(wanted + u':');
            });
        }
        return true;
    }
};

Result<EventFilter> eventFilter(const http::Request &request)
{
    EventFilter filter;
    const QString text = queryValue(request, QStringLiteral("filters"));
    if (text.isEmpty())
        return filter;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (!document.isObject())
        return fail(Code::InvalidArgument, QStringLiteral("invalid filter: %1").arg(text));
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QStringList values
            = it.value().isArray() ? it.value().toVariant().toStringList() : it.value().toObject().keys();
        if (it.key() == u"type")
            filter.types = values;
        else if (it.key() == u"event")
            filter.actions = values;
        else if (it.key() == u"image")
            filter.images = values;
        else if (it.key() == u"label")
            filter.labels = values;
        else if (it.key() == u"container" || it.key() == u"network" || it.key() == u"volume")
            filter.names.append(values);
        else
            return fail(Code::InvalidArgument, QStringLiteral("invalid filter '%1'").arg(it.key()));
    }
    return filter;
}

} // namespace

void streamEvents(Engine &engine, http::Exchange &exchange)
{
    const http::Request &request = exchange.request();
    auto since = timestampOf(request, QStringLiteral("since"));
    auto until = timestampOf(request, QStringLiteral("until"));
    auto filter = eventFilter(request);
    const Error *invalid = !since ? &since.error() : !until ? &until.error() : !filter ? &filter.error() : nullptr;
    if (invalid) {
        http::Response response = errorResponse(*invalid);
        addEngineHeaders(response);
        return exchange.respond(std::move(response));
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
    // Without since, only what happens from now on (an event of this very
    // millisecond came before the request); without until, forever.
    const qint64 from = since->value_or(now + 1);
    const qint64 to = until->value_or(std::numeric_limits<qint64>::max());
    auto stream = Stream::open(exchange, &engine.images, "application/json");
    QMetaObject::invokeMethod(&engine.images, [&engine, stream, from, to, filter = *filter] {
        stream->write({}); // the status line now: the CLI waits for it
        int id = 0;
        const QList<events::Event> past
            = engine.events.subscribe(from, to, &id, [stream, filter, to](const events::Event &event) {
                  if (event.timeNano <= to && filter.matches(event))
                      stream->write(QJsonDocument(docker::eventJson(event)).toJson(QJsonDocument::Compact) + '\n');
              });
        for (const events::Event &event : past) {
            if (filter.matches(event))
                stream->write(QJsonDocument(docker::eventJson(event)).toJson(QJsonDocument::Compact) + '\n');
        }
        const auto end = [&engine, stream, id] {
            engine.events.unsubscribe(id);
            stream->finish({});
        };
        stream->onGone([&engine, id] { engine.events.unsubscribe(id); });
        const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000;
        if (to <= now)
            return end();
        if (to != std::numeric_limits<qint64>::max())
            QTimer::singleShot(std::chrono::milliseconds((to - now) / 1000000 + 1), &engine.images, end);
    });
}

} // namespace muelle::engine::rest
