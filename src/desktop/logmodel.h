#pragma once
// A container's log for QML, one row per line (its text, stream and time),
// read from the stream the engine sends (Docker's multiplexed frames) as it
// comes, following the container while it runs. Lines arrive in batches, one
// rowsInserted per read, so 100,000 lines load and scroll without stalls;
// beyond maxLines the oldest are dropped. LogSearch filters it.

#include "desktop/engineclient.h"
#include "desktop/textfilter.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class LogModel : public QAbstractListModel {
    Q_OBJECT
    QML_NAMED_ELEMENT(Logs)
    QML_SINGLETON
    Q_PROPERTY(QString containerId READ containerId NOTIFY containerIdChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(bool following READ following NOTIFY followingChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
public:
    // The app's one Logs (DesktopApp's), for QML.
    static LogModel *create(QQmlEngine *, QJSEngine *);
    enum Role { TextRole = Qt::UserRole + 1, StreamRole, TimeRole };
    static constexpr int maxLines = 200'000;

    explicit LogModel(EngineClient &client, QObject *parent = nullptr);
    ~LogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    QString containerId() const { return containerId_; }
    bool following() const { return device_ != nullptr; }
    QString lastError() const { return lastError_; }

    // Shows a container's log (all of it), then follows it while it runs.
    Q_INVOKABLE void open(const QString &containerId);
    Q_INVOKABLE void close();
    // The lines [first, last] as text (with times when asked), for copying.
    Q_INVOKABLE QString text(int first, int last, bool withTimes) const;
    Q_INVOKABLE void copy(int first, int last, bool withTimes) const;

Q_SIGNALS:
    void containerIdChanged();
    void countChanged();
    void followingChanged();
    void lastErrorChanged();

private:
    struct Line {
        QString text;
        QString time; // RFC 3339, from the engine
        bool stderrLine = false;
    };
    void readAvailable();
    void streamEnded();
    void setError(const QString &error);

    EngineClient &client_;
    QString containerId_;
    QList<Line> lines_;
    std::unique_ptr<QIODevice> device_;
    QByteArray pending_; // a frame (or line) not yet whole
    bool framed_ = true;
    int generation_ = 0; // answers for a log no longer shown are dropped
    QString lastError_;
};

// The lines holding a text (any case); empty: every line.
class LogSearch : public TextFilter {
    Q_OBJECT
    QML_NAMED_ELEMENT(LogSearch)
    QML_SINGLETON
public:
    // The app's one LogSearch (DesktopApp's), for QML.
    static LogSearch *create(QQmlEngine *, QJSEngine *);
    explicit LogSearch(LogModel &log, QObject *parent = nullptr);
    // The log's row of a shown row (to copy from the whole log).
    Q_INVOKABLE int sourceRow(int row) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
};

} // namespace muelle::desktop
