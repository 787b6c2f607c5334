#pragma once
// The containers list of the desktop app, for QML: one row per container
// (stopped ones too), newest first, kept current from the engine's events.
// Updates are incremental — rows inserted, removed, moved and changed as the
// engine's list changes — never a reset of the whole list, so views keep
// their scroll position and selection.

#include "desktop/engineclient.h"

#include <QAbstractListModel>
#include <QTimer>

namespace muelle::desktop {

class ContainersModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        ImageRole,
        StateRole, // "running", "exited", ...
        StatusRole, // "Up 5 minutes", "Exited (0) 2 hours ago"
        CreatedRole, // seconds since the epoch
        PortsRole, // "127.0.0.1:8080->80/tcp, ..."
    };
    Q_ENUM(Role)

    explicit ContainersModel(EngineClient &client, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    QString lastError() const { return lastError_; }

    // Asks the engine for its list now (events also do, coalesced).
    Q_INVOKABLE void refresh();
    // The row of a container, by ID; -1 when it is not listed.
    Q_INVOKABLE int rowOf(const QString &id) const;
    // start, stop, restart, kill, pause, unpause, remove; a failure lands in lastError.
    Q_INVOKABLE void act(const QString &action, const QString &id);

Q_SIGNALS:
    void countChanged();
    void lastErrorChanged();
    // Each refresh that completed (tests and views wait on it).
    void refreshed();

private:
    struct Row {
        QString id, name, image, state, status, ports;
        qint64 created = 0;
        bool operator==(const Row &) const = default;
        static Row of(const QJsonObject &entry);
    };
    void apply(const QList<Row> &rows);
    void setError(const QString &error, bool fromRefresh);

    EngineClient &client_;
    QList<Row> rows_;
    QTimer coalesce_;
    bool inFlight_ = false;
    bool again_ = false;
    QString lastError_;
    bool errorFromRefresh_ = false;
};

} // namespace muelle::desktop
