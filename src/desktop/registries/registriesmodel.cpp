#include "desktop/registries/registriesmodel.h"

#include <QJsonArray>
#include <QJsonObject>

namespace muelle::desktop {

RegistriesModel::RegistriesModel(EngineClient &client, QObject *parent)
    : RowsModel(client,
        { QStringLiteral("key"), QStringLiteral("host"), QStringLiteral("added"), QStringLiteral("loggedIn"),
            QStringLiteral("username"), QStringLiteral("insecure"), QStringLiteral("mirror"), QStringLiteral("state"),
            QStringLiteral("search"), QStringLiteral("problem") },
        QString(), parent)
{
}

void RegistriesModel::list(Listed done)
{
    client_.listRegistries(listedAs<QJsonArray>(std::move(done)));
}

QList<QVariantMap> RegistriesModel::rowsOf(const QJsonValue &answer) const
{
    QList<QVariantMap> rows;
    QStringList unchecked;
    for (const QJsonValue &value : answer.toArray()) {
        const QJsonObject registry = value.toObject();
        const QString host = registry.value(u"host").toString();
        if (host.isEmpty())
            continue;
        const Check check = checks_.value(host, Check{ QStringLiteral("checking"), {}, {} });
        if (!checks_.contains(host))
            unchecked.append(host);
        rows.append({ { QStringLiteral("key"), host }, { QStringLiteral("host"), host },
            { QStringLiteral("added"), registry.value(u"added").toBool() },
            { QStringLiteral("loggedIn"), registry.value(u"logged_in").toBool() },
            { QStringLiteral("username"), registry.value(u"username").toString() },
            { QStringLiteral("insecure"), registry.value(u"insecure").toBool() },
            { QStringLiteral("mirror"), registry.value(u"mirror").toBool() }, { QStringLiteral("state"), check.state },
            { QStringLiteral("search"), check.search }, { QStringLiteral("problem"), check.problem } });
    }
    // A registry seen for the first time is checked once listed.
    auto *self = const_cast<RegistriesModel *>(this);
    for (const QString &host : std::as_const(unchecked))
        QMetaObject::invokeMethod(
            self, [self, host] { self->check(host); }, Qt::QueuedConnection);
    return rows;
}

void RegistriesModel::check(const QString &host)
{
    checks_[host] = Check{ QStringLiteral("checking"), {}, {} };
    client_.checkRegistry(host, whileAlive(this, [this, host](Result<QJsonObject> checked) {
        checks_[host] = checked ? Check{ QStringLiteral("reachable"), checked->value(u"search").toString(), {} }
                                : Check{ QStringLiteral("unreachable"), {}, checked.error().message };
        refresh();
    }));
    refresh();
}

void RegistriesModel::setBusy(bool busy)
{
    if (busy_ == busy)
        return;
    busy_ = busy;
    Q_EMIT busyChanged();
}

void RegistriesModel::finish(const QString &host, const Result<> &result, const QString &message)
{
    setBusy(false);
    // A refusal is the dialog's to say (answered), not the page's too.
    if (result) {
        Q_EMIT succeeded(message);
        checks_.remove(host); // checked again with what changed
    }
    Q_EMIT answered(host, result ? QString() : result.error().message);
    refresh();
}

void RegistriesModel::add(const QString &host, bool insecure, const QString &username, const QString &password)
{
    const QString name = host.trimmed();
    const bool known = rowOf(name) >= 0;
    setBusy(true);
    client_.addRegistry(name, insecure, whileAlive(this, [this, name, known, username, password](Result<> added) {
        if (!added || username.isEmpty())
            return finish(name, added, tr("Added %1").arg(name));
        client_.loginRegistry(name, username, password, whileAlive(this, [this, name, known](Result<QString> in) {
            if (in)
                return finish(name, {}, tr("Added %1 and logged in").arg(name));
            // A refused login adds nothing: the registry goes again, unless it was known before.
            const Error refused = in.error();
            if (known)
                return finish(name, fail(refused), {});
            client_.removeRegistry(
                name, whileAlive(this, [this, name, refused](Result<>) { finish(name, fail(refused), {}); }));
        }));
    }));
}

void RegistriesModel::remove(const QString &host)
{
    client_.removeRegistry(host, acted(tr("Removed %1").arg(host)));
}

void RegistriesModel::login(const QString &host, const QString &username, const QString &password)
{
    setBusy(true);
    client_.loginRegistry(host, username, password, whileAlive(this, [this, host, username](Result<QString> in) {
        finish(host, in ? Result<>() : fail(in.error()), tr("Logged in to %1 as %2").arg(host, username));
    }));
}

void RegistriesModel::logout(const QString &host)
{
    checks_.remove(host);
    client_.logoutRegistry(host, acted(tr("Logged out of %1").arg(host)));
}

} // namespace muelle::desktop
