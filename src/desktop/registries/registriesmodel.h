#pragma once
// The registries the engine knows, for the Registries page: one row per
// host (key) with what the engine says of it (added by the user, logged in
// as whom, insecure, a mirror) and what checking it found: "checking",
// "reachable" (with how it is searched: "muelle", "docker" or "catalog")
// or "unreachable" (with why, in the engine's words). Adding, removing,
// logging in and out; credentials go to the engine and are not kept here.

#include "desktop/rowsmodel.h"

#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class RegistriesModel : public RowsModel {
    Q_OBJECT
    QML_NAMED_ELEMENT(Registries)
    QML_SINGLETON
    // An add or login on its way (the dialog waits for its answer).
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
public:
    // The app's one Registries (DesktopApp's), for QML.
    static RegistriesModel *create(QQmlEngine *, QJSEngine *);
    explicit RegistriesModel(EngineClient &client, QObject *parent = nullptr);

    bool busy() const { return busy_; }

    // Adds `host`; with a username, logs in too, and a refused login
    // leaves nothing added. Either ends with answered() (the error in the
    // registry's words, for the dialog that asked).
    Q_INVOKABLE void add(const QString &host, bool insecure, const QString &username, const QString &password);
    Q_INVOKABLE void remove(const QString &host);
    Q_INVOKABLE void login(const QString &host, const QString &username, const QString &password);
    Q_INVOKABLE void logout(const QString &host);
    // Checks the registry again (each is checked when first listed).
    Q_INVOKABLE void check(const QString &host);

Q_SIGNALS:
    void busyChanged();
    // An add or login ended: error "" when it worked.
    void answered(const QString &host, const QString &error);

protected:
    void list(Listed done) override;
    QList<QVariantMap> rowsOf(const QJsonValue &answer) const override;

private:
    struct Check {
        QString state; // "checking", "reachable", "unreachable"
        QString search;
        QString problem;
    };
    void setBusy(bool busy);
    void finish(const QString &host, const Result<> &result, const QString &message);

    QHash<QString, Check> checks_;
    bool busy_ = false;
};

} // namespace muelle::desktop
