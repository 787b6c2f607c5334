#pragma once
// The containers list of the desktop app, for QML: one row per container
// (stopped ones too), newest first, kept current from the engine's events.
// Updates are incremental — rows inserted, removed, moved and changed as the
// engine's list changes — never a reset of the whole list, so views keep
// their scroll position and selection. Each status ticks: its duration
// ("Up 5 minutes") is anchored when the engine's words for it change, and
// worded again each second from then (containerstatus.h).

#include "desktop/containerstatus.h"
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
        StatusRole, // "Up 5 minutes", "Exited (0) 2 hours ago", as of now
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
    // start, stop, restart, kill, pause, unpause, remove; succeeded() when
    // it worked ("web stopped"), else the error in lastError.
    Q_INVOKABLE void act(const QString &action, const QString &id);
    // docker run from the app's form (see runform.h): creates, then starts;
    // ran(id) and succeeded() when it runs, else the error in lastError.
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
        QString id, name, image, state, status, ports; // status: the engine's words
        qint64 created = 0;
        StatusAnchor anchor; // of status
        qint64 startMs = 0; // when the anchor's duration began (it has one)
        QString shownStatus; // status as of the last tick
        bool operator==(const Row &) const = default;
        static Row of(const QJsonObject &entry);
    };
    struct Usage {
        QList<double> cpu; // the last minute's, oldest first
        QList<double> memory;
        void add(const QJsonObject &sample);
    };
    // `listedMs`: when the engine answered the list.
    void apply(QList<Row> rows, qint64 listedMs);
    // Words each ticking status as of now, announcing the changed ones.
    void tick();
    QString nameOf(const QString &id) const;
    void sampled(const QJsonArray &samples);
    // The engine's recorded last minute of running containers the app has
    // no samples of yet (it just started), so sparklines start full.
    void fillFromHistory();

    EngineClient &client_;
    QList<Row> rows_;
    QHash<QString, Usage> usage_; // by ID, running containers'
    QTimer coalesce_;
    QTimer ticker_; // runs while a status has a duration
    bool inFlight_ = false;
    bool again_ = false;
};

} // namespace muelle::desktop
