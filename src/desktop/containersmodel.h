#pragma once
// The containers list of the desktop app, for QML: one row per container
// (stopped ones too), newest first, kept current from the engine's events.
// Updates are incremental — rows inserted, removed, moved and changed as the
// engine's list changes — never a reset of the whole list, so views keep
// their scroll position and selection.

#include "desktop/engineclient.h"
#include "desktop/incrementallist.h"

#include <QTimer>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class ContainersModel : public IncrementalList {
    Q_OBJECT
    QML_NAMED_ELEMENT(Containers)
    QML_SINGLETON
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    // The app's one Containers (DesktopApp's), for QML.
    static ContainersModel *create(QQmlEngine *, QJSEngine *);
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        ImageRole,
        StateRole, // "running", "exited", ...
        StatusRole, // "Up 5 minutes", "Exited (0) 2 hours ago"
        CreatedRole, // seconds since the epoch
        PortsRole, // "127.0.0.1:8080->80/tcp, ..."
        CpuRole, // % of one core, the latest sample (running ones)
        MemoryRole, // bytes, the latest sample
        CpuHistoryRole, // the last minute's CPU %, oldest first (the sparkline)
        MemoryHistoryRole, // the last minute's memory, bytes
    };
    Q_ENUM(Role)

    explicit ContainersModel(EngineClient &client, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Asks the engine for its list now (events also do, coalesced).
    Q_INVOKABLE void refresh();
    // The row of a container, by ID; -1 when it is not listed.
    Q_INVOKABLE int rowOf(const QString &id) const;
    // start, stop, restart, kill, pause, unpause, remove; a failure lands in lastError.
    Q_INVOKABLE void act(const QString &action, const QString &id);
    // docker run from the app's form (see runform.h): creates, then starts;
    // ran(id) when it runs, else the error in lastError.
    Q_INVOKABLE void run(const QVariantMap &form);
    // A row's roles, for QML (empty when out of range).
    Q_INVOKABLE QVariantMap get(int row) const;

Q_SIGNALS:
    void countChanged();
    // Each refresh that completed (tests and views wait on it).
    void refreshed();
    void ran(const QString &id);

private:
    struct Row {
        QString id, name, image, state, status, ports;
        qint64 created = 0;
        bool operator==(const Row &) const = default;
        static Row of(const QJsonObject &entry);
    };
    struct Usage {
        QList<double> cpu; // the last minute's, oldest first
        QList<double> memory;
        void add(const QJsonObject &sample);
    };
    void apply(const QList<Row> &rows);
    void sampled(const QJsonArray &samples);
    // The engine's recorded last minute of running containers the app has
    // no samples of yet (it just started), so sparklines start full.
    void fillFromHistory();

    EngineClient &client_;
    QList<Row> rows_;
    QHash<QString, Usage> usage_; // by ID, running containers'
    QTimer coalesce_;
    bool inFlight_ = false;
    bool again_ = false;
};

} // namespace muelle::desktop
