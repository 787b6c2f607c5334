#pragma once
// A repository's tags, for the Registries page: every tag listed (page by
// page), then the first `maxDescribed` described, a few at a time, for what
// the tag list does not say — digest, when the image was created, its size
// and platforms — and the rows sorted newest first as the answers come
// (tags not yet described after, by name). A tag that cannot be described
// says why on its row.

#include "desktop/engineclient.h"
#include "desktop/registries/remotelist.h"

#include <QTimer>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class TagsModel : public RemoteList {
    Q_OBJECT
    QML_NAMED_ELEMENT(Tags)
    QML_SINGLETON
    Q_PROPERTY(QString host READ host NOTIFY repositoryChanged)
    Q_PROPERTY(QString repository READ repository NOTIFY repositoryChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role {
        TagRole = Qt::UserRole + 1,
        ReferenceRole, // host/repository:tag
        DigestRole,
        CreatedRole, // Unix seconds; 0 while unknown
        SizeRole, // the described image's layers, bytes
        PlatformsRole, // "linux/amd64, linux/arm64"; "" for a single image
        DescribedRole,
        ProblemRole, // why it could not be described
    };
    static constexpr int maxTags = 10000;
    static constexpr int maxDescribed = 200;
    static constexpr int describing = 4; // at once

    // The app's one Tags (DesktopApp's), for QML.
    static TagsModel *create(QQmlEngine *, QJSEngine *);
    explicit TagsModel(EngineClient &client, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString host() const { return host_; }
    QString repository() const { return repository_; }

    Q_INVOKABLE void open(const QString &host, const QString &repository);
    Q_INVOKABLE void reload() { open(host_, repository_); }
    Q_INVOKABLE int rowOf(const QString &tag) const;

Q_SIGNALS:
    void repositoryChanged();
    void countChanged();

private:
    struct Tag {
        QString name;
        QString digest;
        qint64 created = 0;
        qint64 size = 0;
        QString platforms;
        bool described = false;
        QString problem;
    };
    void readPage(quint64 generation, const QString &last);
    void describeNext(quint64 generation);
    void resort();

    EngineClient &client_;
    QString host_;
    QString repository_;
    QList<Tag> tags_;
    QStringList toDescribe_;
    int inFlight_ = 0;
    QTimer resort_; // sorts again a little after answers come, not at each
    quint64 generation_ = 0;
};

} // namespace muelle::desktop
