#include "engine/api/dbus/registries.h"

#include "engine/images/images.h"
#include "engine/registries/registries.h"

#include <QDBusMessage>

namespace muelle::engine::dbus {

namespace {

constexpr int maxPage = 1000;

QString pageJson(const QString &key, const registries::Page &page)
{
    return compactJson(
        QJsonObject{ { key, QJsonArray::fromStringList(page.names) }, { QStringLiteral("next"), page.next } });
}

} // namespace

RegistriesObject::RegistriesObject(CallerCheck &callers, docker::Engine &engine, QObject *parent)
    : BusObject(callers, parent), engine_(engine)
{
}

QString RegistriesObject::List(const QVariantMap &given)
{
    if (!authorised(&RegistriesObject::List, given) || !options(given, {}))
        return {};
    QJsonArray list;
    for (const registries::KnownRegistry &registry : engine_.registries.list()) {
        list.append(QJsonObject{ { QStringLiteral("host"), registry.host }, { QStringLiteral("added"), registry.added },
            { QStringLiteral("logged_in"), registry.loggedIn }, { QStringLiteral("username"), registry.username },
            { QStringLiteral("insecure"), registry.insecure }, { QStringLiteral("mirror"), registry.mirror } });
    }
    return compactJson(list);
}

void RegistriesObject::Add(const QString &host, const QVariantMap &given)
{
    if (!authorised(&RegistriesObject::Add, host, given))
        return;
    const auto options = this->options(given, { { QLatin1String("insecure"), OptionType::Bool } });
    if (!options)
        return;
    if (auto added = engine_.registries.add(host, options->value(QStringLiteral("insecure")).toBool()); !added)
        refuse(added.error());
}

void RegistriesObject::Remove(const QString &host, const QVariantMap &given)
{
    if (!authorised(&RegistriesObject::Remove, host, given) || !options(given, {}))
        return;
    if (auto removed = engine_.registries.remove(host); !removed)
        refuse(removed.error());
}

QString RegistriesObject::Login(
    const QString &host, const QString &username, const QString &password, const QVariantMap &given)
{
    if (!authorised(&RegistriesObject::Login, host, username, password, given) || !options(given, {}))
        return {};
    if (host.isEmpty() || username.isEmpty()) {
        refuse({ Code::InvalidArgument, QStringLiteral("a registry and a username are needed") });
        return {};
    }
    Answer answer = answerLater();
    engine_.images.login(host, distribution::Credentials{ username, password, {} }, [answer](Result<QString> status) {
        answer(status ? Result<QVariantList>(QVariantList{ *status }) : fail(status.error()));
    });
    return {};
}

void RegistriesObject::Logout(const QString &host, const QVariantMap &given)
{
    if (!authorised(&RegistriesObject::Logout, host, given) || !options(given, {}))
        return;
    // As Login keeps them: "https://index.docker.io/v1/" is docker.io.
    if (auto out = engine_.images.logout(distribution::registryHost(host)); !out)
        refuse(out.error());
}

QString RegistriesObject::Check(const QString &host, const QVariantMap &given)
{
    if (!authorised(&RegistriesObject::Check, host, given) || !options(given, {}))
        return {};
    Answer answer = answerLater();
    engine_.registries.check(host, [answer](Result<QJsonObject> checked) {
        answer(checked ? Result<QVariantList>(QVariantList{ compactJson(*checked) }) : fail(checked.error()));
    });
    return {};
}

std::optional<std::pair<int, QString>> RegistriesObject::paging(const QVariantMap &given)
{
    const auto options = this->options(
        given, { { QLatin1String("n"), OptionType::Int }, { QLatin1String("last"), OptionType::String } });
    if (!options)
        return std::nullopt;
    const int limit = options->value(QStringLiteral("n"), 100).toInt();
    if (limit < 1 || limit > maxPage) {
        refuse({ Code::InvalidArgument, QStringLiteral("n must be from 1 to %1").arg(maxPage) });
        return std::nullopt;
    }
    return std::pair{ limit, options->value(QStringLiteral("last")).toString() };
}

QString RegistriesObject::Catalog(const QString &host, const QVariantMap &given)
{
    if (!authorised(&RegistriesObject::Catalog, host, given))
        return {};
    const auto page = paging(given);
    if (!page)
        return {};
    Answer answer = answerLater();
    engine_.registries.catalog(host, page->first, page->second, [answer](Result<registries::Page> names) {
        answer(names ? Result<QVariantList>(QVariantList{ pageJson(QStringLiteral("repositories"), *names) })
                     : fail(names.error()));
    });
    return {};
}

QString RegistriesObject::Tags(const QString &host, const QString &repository, const QVariantMap &given)
{
    if (!authorised(&RegistriesObject::Tags, host, repository, given))
        return {};
    const auto page = paging(given);
    if (!page)
        return {};
    Answer answer = answerLater();
    engine_.registries.tags(host, repository, page->first, page->second, [answer](Result<registries::Page> names) {
        answer(names ? Result<QVariantList>(QVariantList{ pageJson(QStringLiteral("tags"), *names) })
                     : fail(names.error()));
    });
    return {};
}

QString RegistriesObject::Describe(const QString &reference, const QVariantMap &given)
{
    if (!authorised(&RegistriesObject::Describe, reference, given))
        return {};
    const auto options = this->options(given, { { QLatin1String("platform"), OptionType::String } });
    if (!options)
        return {};
    Answer answer = answerLater();
    engine_.registries.describe(
        reference, options->value(QStringLiteral("platform")).toString(), [answer](Result<QJsonObject> described) {
            answer(described ? Result<QVariantList>(QVariantList{ compactJson(*described) }) : fail(described.error()));
        });
    return {};
}

void RegistriesObject::DeleteTag(const QString &reference, const QVariantMap &given)
{
    if (!authorised(&RegistriesObject::DeleteTag, reference, given) || !options(given, {}))
        return;
    Answer answer = answerLater();
    engine_.registries.deleteTag(
        reference, [answer](Result<> deleted) { answer(deleted ? Result<QVariantList>() : fail(deleted.error())); });
}

QString RegistriesObject::Search(const QString &terms, const QVariantMap &given)
{
    if (!authorised(&RegistriesObject::Search, terms, given) || !options(given, {}))
        return {};
    const QString job = QStringLiteral("search-%1").arg(++searches_);
    // The results are the caller's alone (found with the engine's
    // credentials): signals sent to it, never broadcast.
    const QString caller = call().service();
    const QDBusConnection connection = bus();
    const auto signal = [caller, connection](const QString &name, const QVariantList &arguments) {
        QDBusMessage message = QDBusMessage::createTargetedSignal(caller,
            QStringLiteral("/org/muelle/Engine1/Registries"), QStringLiteral("org.muelle.Engine1.Registries"), name);
        message.setArguments(arguments);
        connection.send(message);
    };
    QPointer<RegistriesObject> self(this);
    // After the reply: the caller knows the job before its first signal.
    QMetaObject::invokeMethod(
        this,
        [self, job, terms, signal] {
            if (!self)
                return;
            self->engine_.registries.search(
                terms,
                [job, signal](const QString &host, Result<QJsonArray> results) {
                    if (results)
                        signal(QStringLiteral("SearchResults"), { job, host, compactJson(*results) });
                    else
                        signal(QStringLiteral("SearchFailed"),
                            { job, host, errorName(results.error().code), results.error().message });
                },
                [job, signal]() { signal(QStringLiteral("SearchFinished"), { job }); });
        },
        Qt::QueuedConnection);
    return job;
}

} // namespace muelle::engine::dbus
