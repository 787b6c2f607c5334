#pragma once
// The engine's images, volumes and networks, for QML (RowsModel each).
//
// Images: one row per name, as docker images lists them (key: the name,
// or the ID of an image without one), with the image's ID, all its names,
// the name's repository and tag ("<none>" both when untagged), size and age;
// tag and remove. Pulls and pushes are TransfersModel's.

#include "desktop/rowsmodel.h"

#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class ImagesModel : public RowsModel {
    Q_OBJECT
    QML_NAMED_ELEMENT(Images)
    QML_SINGLETON
public:
    // The app's one Images (DesktopApp's), for QML.
    static ImagesModel *create(QQmlEngine *, QJSEngine *);
    explicit ImagesModel(EngineClient &client, QObject *parent = nullptr);

    // `image`: a row's key (its name, or the ID of an image without one).
    Q_INVOKABLE void remove(const QString &image, bool force);
    Q_INVOKABLE void tag(const QString &image, const QString &target);

protected:
    void list(Listed done) override;
    QList<QVariantMap> rowsOf(const QJsonValue &answer) const override;

private:
    // An image as a user names it: the row's name, else its short ID.
    QString nameOf(const QString &key) const;
};

// A repo tag split into its repository and tag, at the last ':' after the
// last '/' (a registry's port is not a tag); "<none>" for what is missing.
std::pair<QString, QString> splitRepoTag(const QString &repoTag);

// An image's layers and history, newest first (key: the step's place):
// what made each step and the size of the layer it added.
class ImageHistoryModel : public RowsModel {
    Q_OBJECT
    QML_NAMED_ELEMENT(ImageHistory)
    QML_SINGLETON
    Q_PROPERTY(QString image READ image NOTIFY imageChanged)
public:
    // The app's one ImageHistory (DesktopApp's), for QML.
    static ImageHistoryModel *create(QQmlEngine *, QJSEngine *);
    explicit ImageHistoryModel(EngineClient &client, QObject *parent = nullptr);

    QString image() const { return image_; }
    Q_INVOKABLE void open(const QString &image);

Q_SIGNALS:
    void imageChanged();

protected:
    void list(Listed done) override;
    QList<QVariantMap> rowsOf(const QJsonValue &answer) const override;

private:
    QString image_;
};

// Volumes (key: the name): create, remove, prune.
class VolumesModel : public RowsModel {
    Q_OBJECT
    QML_NAMED_ELEMENT(Volumes)
    QML_SINGLETON
public:
    // The app's one Volumes (DesktopApp's), for QML.
    static VolumesModel *create(QQmlEngine *, QJSEngine *);
    explicit VolumesModel(EngineClient &client, QObject *parent = nullptr);

    Q_INVOKABLE void create(const QString &name);
    Q_INVOKABLE void remove(const QString &name);
    Q_INVOKABLE void prune();

protected:
    void list(Listed done) override;
    QList<QVariantMap> rowsOf(const QJsonValue &answer) const override;
};

// Networks (key: the ID): create (a bridge, with a subnet when given), remove, prune.
class NetworksModel : public RowsModel {
    Q_OBJECT
    QML_NAMED_ELEMENT(Networks)
    QML_SINGLETON
public:
    // The app's one Networks (DesktopApp's), for QML.
    static NetworksModel *create(QQmlEngine *, QJSEngine *);
    explicit NetworksModel(EngineClient &client, QObject *parent = nullptr);

    Q_INVOKABLE void create(const QString &name, const QString &subnet);
    Q_INVOKABLE void remove(const QString &id);
    Q_INVOKABLE void prune();

protected:
    void list(Listed done) override;
    QList<QVariantMap> rowsOf(const QJsonValue &answer) const override;

private:
    QString nameOf(const QString &id) const;
};

} // namespace muelle::desktop
