#pragma once
// One registry's repositories, for the Registries page: the catalog read a
// page at a time (a small first page, so the list shows at once, then
// large ones until the end), the rows those whose names hold the filter
// text. Names only: 10,000 repositories are a few hundred KiB.

#include "desktop/engineclient.h"
#include "desktop/registries/remotelist.h"

#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class RepositoriesModel : public RemoteList {
    Q_OBJECT
    QML_NAMED_ELEMENT(Repositories)
    QML_SINGLETON
    Q_PROPERTY(QString host READ host NOTIFY hostChanged)
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int total READ total NOTIFY countChanged) // read so far, filtered or not
public:
    enum Role { NameRole = Qt::UserRole + 1 };
    // Pages: the first small, the others the most a registry gives; no
    // more names than `maxNames` are read (a page says when it stopped).
    static constexpr int firstPage = 100;
    static constexpr int laterPage = 1000;
    static constexpr int maxNames = 200000;

    // The app's one Repositories (DesktopApp's), for QML.
    static RepositoriesModel *create(QQmlEngine *, QJSEngine *);
    explicit RepositoriesModel(EngineClient &client, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString host() const { return host_; }
    QString filter() const { return filter_; }
    void setFilter(const QString &filter);
    int total() const { return int(names_.size()); }

    // Reads `host`'s catalog from the start (the one read before is dropped).
    Q_INVOKABLE void open(const QString &host);
    Q_INVOKABLE void reload() { open(host_); }
    Q_INVOKABLE QString nameAt(int row) const;

Q_SIGNALS:
    void hostChanged();
    void filterChanged();
    void countChanged();
    // The first page is shown (for the benchmark and the tests).
    void firstPageShown();

private:
    void readPage(quint64 generation, const QString &last);
    void append(const QStringList &names);
    bool matches(const QString &name) const;

    EngineClient &client_;
    QString host_;
    QString filter_;
    QStringList names_; // in the catalog's order
    QList<int> shown_; // indices into names_ of the rows
    quint64 generation_ = 0; // answers to an earlier open() are dropped
};

} // namespace muelle::desktop
