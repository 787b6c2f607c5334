#pragma once
// A list for QML whose rows the engine sends whole (images, volumes,
// networks): each row a map from role name to value, identified by its
// "key". A refresh applies the new rows incrementally (IncrementalList);
// the engine's events of the list's type ask for one (coalesced).
// An action's call answers acted(message): success emits succeeded(message),
// a failure lands in lastError, in the engine's words; either way the list
// is asked for again.

#include "desktop/engineclient.h"
#include "desktop/incrementallist.h"

#include <QTimer>

namespace muelle::desktop {

class RowsModel : public IncrementalList {
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    // `roles`: the rows' role names, "key" among them. `eventType`: the
    // engine events ("image", "volume", ...) that change the list.
    RowsModel(EngineClient &client, QStringList roles, QString eventType, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE void refresh();
    // The row by key; -1 when it is not listed.
    Q_INVOKABLE int rowOf(const QString &key) const;
    // A row's roles, for QML (empty when out of range).
    Q_INVOKABLE QVariantMap get(int row) const;

Q_SIGNALS:
    void countChanged();
    void refreshed();

protected:
    using Listed = std::function<void(Result<QJsonValue>)>;
    // Asks the engine for the list (the subclass's typed call, its answer
    // passed on with listedAs); rowsOf reads the answer.
    virtual void list(Listed done) = 0;
    virtual QList<QVariantMap> rowsOf(const QJsonValue &answer) const = 0;

    // `done` as the reply of a call answering T (an object or an array).
    template <typename T> static std::function<void(Result<T>)> listedAs(Listed done)
    {
        return [done = std::move(done)](
                   Result<T> answer) { done(answer ? Result<QJsonValue>(*answer) : fail(answer.error())); };
    }
    // The reply of an action's call, whatever it answers (T); `message`
    // says what happened when it worked ("Removed alpine:3.19").
    template <typename T = void> std::function<void(Result<T>)> acted(QString message)
    {
        return whileAlive(this, [this, message = std::move(message)](const Result<T> &answer) {
            actionEnded(answer ? QString() : answer.error().message, message);
        });
    }

    EngineClient &client_;

private:
    void actionEnded(const QString &error, const QString &message);
    void apply(const QList<QVariantMap> &rows);

    QStringList roles_;
    QList<QVariantMap> rows_;
    QTimer coalesce_;
    bool inFlight_ = false;
    bool again_ = false;
};

} // namespace muelle::desktop
