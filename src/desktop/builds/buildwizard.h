#pragma once
// The build wizard's state, for qml/wizards/BuildWizard.qml: the folder
// and its Dockerfile (found in it, or another chosen), the Dockerfile's
// text as edited, checked by the engine's parser as it changes (a moment
// after typing stops): its errors by line, its stages (a target to
// choose) and its build args with their defaults (values editable); what
// the context will send after .dockerignore (counted a slice at a time, so
// a huge folder never stalls the window); the tags, checked as image names
// as they are typed; and the options. build() saves an edited Dockerfile
// and starts the app's Build.

#include "desktop/builds/buildsession.h"
#include "desktop/builds/contextwalk.h"

#include <QObject>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::desktop {

class BuildWizard : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(BuildWizard)
    QML_SINGLETON
    Q_PROPERTY(QString folder READ folder WRITE setFolder NOTIFY folderChanged)
    Q_PROPERTY(QStringList dockerfiles READ dockerfiles NOTIFY folderChanged) // candidates in the folder
    Q_PROPERTY(QString dockerfilePath READ dockerfilePath WRITE setDockerfilePath NOTIFY dockerfileChanged)
    Q_PROPERTY(QString dockerfileText READ dockerfileText WRITE setDockerfileText NOTIFY dockerfileChanged)
    Q_PROPERTY(QString folderProblem READ folderProblem NOTIFY folderChanged)
    Q_PROPERTY(QVariantList errors READ errors NOTIFY parsed) // [{line, message}]
    Q_PROPERTY(QStringList stages READ stages NOTIFY parsed) // names (or indexes) in order
    Q_PROPERTY(QVariantList args READ args NOTIFY parsed) // [{name, default, value, line}]
    Q_PROPERTY(bool checking READ checking NOTIFY parsed)
    Q_PROPERTY(QString target MEMBER target_ NOTIFY optionsChanged)
    Q_PROPERTY(QString tags MEMBER tags_ NOTIFY optionsChanged) // space or comma separated
    Q_PROPERTY(QString tagsProblem READ tagsProblem NOTIFY optionsChanged)
    Q_PROPERTY(bool noCache MEMBER noCache_ NOTIFY optionsChanged)
    Q_PROPERTY(bool pull MEMBER pull_ NOTIFY optionsChanged)
    Q_PROPERTY(QString networkMode MEMBER networkMode_ NOTIFY optionsChanged)
    Q_PROPERTY(QString labels MEMBER labels_ NOTIFY optionsChanged) // key=value lines
    Q_PROPERTY(bool counting READ counting NOTIFY contextChanged)
    Q_PROPERTY(int contextFiles READ contextFiles NOTIFY contextChanged)
    Q_PROPERTY(double contextBytes READ contextBytes NOTIFY contextChanged)
    Q_PROPERTY(int contextIgnored READ contextIgnored NOTIFY contextChanged)
    Q_PROPERTY(QVariantList largestFiles READ largestFiles NOTIFY contextChanged) // [{path, size}]
    Q_PROPERTY(QString contextProblem READ contextProblem NOTIFY contextChanged)
    Q_PROPERTY(bool ready READ ready NOTIFY readyChanged) // everything checked: Build may start
public:
    static constexpr int parseDelayMs = 300;

    // The app's one BuildWizard (DesktopApp's), for QML.
    static BuildWizard *create(QQmlEngine *, QJSEngine *);
    BuildWizard(EngineClient &client, BuildSession &session, QObject *parent = nullptr);

    QString folder() const { return folder_; }
    void setFolder(const QString &folder);
    QStringList dockerfiles() const { return dockerfiles_; }
    QString dockerfilePath() const { return dockerfilePath_; }
    void setDockerfilePath(const QString &path);
    QString dockerfileText() const { return text_; }
    void setDockerfileText(const QString &text);
    QString folderProblem() const { return folderProblem_; }
    QVariantList errors() const { return errors_; }
    QStringList stages() const { return stages_; }
    QVariantList args() const { return args_; }
    bool checking() const { return checking_; }
    QString tagsProblem() const;
    bool counting() const { return walk_ != nullptr; }
    int contextFiles() const { return int(summary_.files); }
    double contextBytes() const { return double(summary_.bytes); }
    int contextIgnored() const { return int(summary_.ignored); }
    QVariantList largestFiles() const;
    QString contextProblem() const { return contextProblem_; }
    bool ready() const;

    Q_INVOKABLE void setArg(const QString &name, const QString &value);
    // The tags as a list (empty entries dropped).
    Q_INVOKABLE QStringList tagList() const;
    // Saves an edited Dockerfile, then starts the build. Returns the
    // error's words ("" when it started).
    Q_INVOKABLE QString build();
    // Forgets everything (a new wizard).
    Q_INVOKABLE void reset();

Q_SIGNALS:
    void folderChanged();
    void dockerfileChanged();
    void parsed();
    void optionsChanged();
    void contextChanged();
    void readyChanged();

private:
    void loadDockerfile();
    void parse();
    void countContext();
    void countSlice();

    EngineClient &client_;
    BuildSession &session_;
    QString folder_;
    QStringList dockerfiles_;
    QString folderProblem_;
    QString dockerfilePath_;
    QString text_;
    QString savedText_; // as on disk
    QVariantList errors_;
    QStringList stages_;
    QVariantList args_;
    QHash<QString, QString> argValues_;
    bool checking_ = false;
    QTimer parseLater_;
    quint64 parses_ = 0;
    QString target_;
    QString tags_;
    bool noCache_ = false;
    bool pull_ = false;
    QString networkMode_;
    QString labels_;
    std::unique_ptr<ContextWalk> walk_;
    ContextSummary summary_;
    QString contextProblem_;
    QTimer countLater_;
};

} // namespace muelle::desktop
