#pragma once
// The search across every known registry, for the search window: the terms
// as typed (searched a moment after typing stops), the results grouped by
// registry in host order as each registry answers — a registry that fails
// is a row of its group saying why, one without results a row saying so.
// A newer search's answers replace an older one's; late answers to an old
// search are dropped.

#include "desktop/engineclient.h"

#include <QAbstractListModel>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class RegistrySearch : public QAbstractListModel {
    Q_OBJECT
    QML_NAMED_ELEMENT(RegistrySearch)
    QML_SINGLETON
    Q_PROPERTY(QString terms READ terms WRITE setTerms NOTIFY termsChanged)
    Q_PROPERTY(bool searching READ searching NOTIFY searchingChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int results READ results NOTIFY countChanged) // rows that are results
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged) // the search's own (not a registry's)
public:
    enum Role {
        RegistryRole = Qt::UserRole + 1,
        KindRole, // "result", "failed" (the registry's error in Description), "none"
        NameRole,
        ReferenceRole, // registry/name[:latest tag]
        DescriptionRole,
        StarsRole,
        OfficialRole,
        LatestTagRole,
        SizeRole,
        PlatformsRole, // "linux/amd64, linux/arm64"
    };
    static constexpr int debounceMs = 250;
    // Terms longer than this are cut (a paste of a page is not a search).
    static constexpr int maxTerms = 256;

    // The app's one RegistrySearch (DesktopApp's), for QML.
    static RegistrySearch *create(QQmlEngine *, QJSEngine *);
    explicit RegistrySearch(EngineClient &client, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString terms() const { return terms_; }
    void setTerms(const QString &terms);
    bool searching() const { return searching_; }
    int results() const;
    QString lastError() const { return lastError_; }

    // Searches now (Enter in the field), not after the pause.
    Q_INVOKABLE void searchNow();
    Q_INVOKABLE QVariantMap get(int row) const;

Q_SIGNALS:
    void termsChanged();
    void searchingChanged();
    void countChanged();
    void lastErrorChanged();
    // Every registry answered.
    void finished();

private:
    struct Row {
        QString registry;
        QString kind;
        QJsonObject result; // name, description, stars, official, latest_tag, size, platforms
        QString problem;
    };
    void start();
    void answered(const QString &job, const QString &registry, QList<Row> rows);
    void setSearching(bool searching);

    EngineClient &client_;
    QString terms_;
    QTimer debounce_;
    QList<Row> rows_;
    QString job_; // the search whose answers are shown
    quint64 asked_ = 0; // which start() the job answers
    // Signals that came before their search's ID did (a D-Bus reply and
    // the signals after it can be dispatched in either order).
    QList<std::function<void()>> early_;
    bool awaitingJob_ = false;
    bool searching_ = false;
    QString lastError_;
};

} // namespace muelle::desktop
