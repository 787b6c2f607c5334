#pragma once
// Pulls and pushes, for QML: one row per job, newest first, with its
// per-layer progress as the engine reports it (Images.Progress signals)
// and its end. A finished job stays listed, with its error if it failed.

#include "desktop/engineclient.h"

#include <QAbstractListModel>
#include <QMap>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class TransfersModel : public QAbstractListModel {
    Q_OBJECT
    QML_NAMED_ELEMENT(Transfers)
    QML_SINGLETON
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int active READ active NOTIFY activeChanged)
public:
    // The app's one Transfers (DesktopApp's), for QML.
    static TransfersModel *create(QQmlEngine *, QJSEngine *);
    enum Role {
        JobRole = Qt::UserRole + 1,
        KindRole, // "pull" | "push"
        ReferenceRole,
        StatusRole, // the latest overall status ("Downloading", "Status: Downloaded newer image for …")
        FractionRole, // 0..1 of the bytes known so far; -1 before any is
        LayersRole, // [{id, status, current, total}] for each layer
        DoneRole,
        ErrorRole, // "" unless it failed
    };

    explicit TransfersModel(EngineClient &client, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int active() const;

    // Starts a pull or push; a refusal (a bad reference) is the row's error.
    Q_INVOKABLE void pull(const QString &reference);
    Q_INVOKABLE void push(const QString &reference);
    Q_INVOKABLE void cancel(const QString &job);

Q_SIGNALS:
    void countChanged();
    void activeChanged();
    // A job ended: error is "" when it succeeded.
    void finished(const QString &kind, const QString &reference, const QString &error);
    // A job ended without error: "Pulled alpine:3.19", "Pushed …", for a toast.
    void succeeded(const QString &message);

private:
    struct Layer {
        QString status;
        qint64 current = 0;
        qint64 total = 0;
    };
    struct Transfer {
        int serial = 0; // ours, until the engine's job ID comes back
        QString job, kind, reference, status, error;
        QMap<QString, Layer> layers;
        QStringList layerOrder;
        bool done = false;
    };
    void start(const QString &kind, const QString &reference);
    void progress(const QString &job, const QJsonArray &messages);
    void finish(const QString &job, const QString &error);
    int rowOfJob(const QString &job) const;
    static double fractionOf(const Transfer &transfer);

    EngineClient &client_;
    QList<Transfer> transfers_;
    int serials_ = 0;
};

} // namespace muelle::desktop
