#pragma once
// One tag as its page shows it (Registries.Describe): the manifest's
// digest and type, an index's platforms (one described at a time), the
// image's config, history and labels, its layers with which are already
// here, and what refers to it (signatures, SBOMs, attestations). Deleting
// the tag, and comparing it with another tag of the repository.

#include "desktop/engineclient.h"

#include <QJsonObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class TagDetails : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(TagPage)
    QML_SINGLETON
    Q_PROPERTY(QString reference READ reference NOTIFY changed)
    Q_PROPERTY(QString repository READ repository NOTIFY changed) // host/name
    Q_PROPERTY(QString tag READ tag NOTIFY changed)
    Q_PROPERTY(bool loading READ loading NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed) // the describe's, in the engine's words
    // The whole answer: digest, media_type, size, config {...}, as the
    // interface documents it.
    Q_PROPERTY(QVariantMap described READ described NOTIFY changed)
    Q_PROPERTY(QString platform READ platform NOTIFY changed) // the described one
    Q_PROPERTY(QVariantList platforms READ platforms NOTIFY changed) // [{platform, digest, size}]
    // [{digest, shortDigest, size, mediaType, local}]
    Q_PROPERTY(QVariantList layers READ layers NOTIFY changed)
    Q_PROPERTY(int localLayers READ localLayers NOTIFY changed)
    Q_PROPERTY(QVariantList labels READ labels NOTIFY changed) // [{key, value}], by key
    Q_PROPERTY(QVariantList history READ history NOTIFY changed) // [{createdBy, created, empty}]
    // [{digest, kind ("signature", "sbom", "attestation", "artifact"), artifactType, size, created}]
    Q_PROPERTY(QVariantList referrers READ referrers NOTIFY changed)
    // Compare's result (LayerComparison::toMap with "other", "loading", "error").
    Q_PROPERTY(QVariantMap comparison READ comparison NOTIFY comparisonChanged)
public:
    // The app's one TagPage (DesktopApp's), for QML.
    static TagDetails *create(QQmlEngine *, QJSEngine *);
    explicit TagDetails(EngineClient &client, QObject *parent = nullptr);

    QString reference() const { return reference_; }
    QString repository() const;
    QString tag() const;
    bool loading() const { return loading_; }
    QString error() const { return error_; }
    QVariantMap described() const { return described_.toVariantMap(); }
    QString platform() const { return described_.value(u"described_platform").toString(); }
    QVariantList platforms() const;
    QVariantList layers() const;
    int localLayers() const;
    QVariantList labels() const;
    QVariantList history() const;
    QVariantList referrers() const;
    QVariantMap comparison() const { return comparison_; }

    // `reference`: host/name:tag; `platform`: one of an index's ("": the engine's).
    Q_INVOKABLE void open(const QString &reference, const QString &platform = {});
    Q_INVOKABLE void reload() { open(reference_, platform()); }
    // Compares with `tag` of the same repository (the same platform).
    Q_INVOKABLE void compareWith(const QString &tag);
    Q_INVOKABLE void deleteTag();

Q_SIGNALS:
    void changed();
    void comparisonChanged();
    // The tag is gone from the registry (deleteTag worked).
    void deleted(const QString &reference);
    void deleteFailed(const QString &error);

private:
    EngineClient &client_;
    QString reference_;
    QJsonObject described_;
    bool loading_ = false;
    QString error_;
    QVariantMap comparison_;
    quint64 generation_ = 0;
};

// What a referrer is, from its artifact type: "signature", "sbom",
// "attestation", else "artifact".
QString referrerKind(const QString &artifactType);

} // namespace muelle::desktop
