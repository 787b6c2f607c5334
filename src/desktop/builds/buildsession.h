#pragma once
// One build as the wizard drives it: the folder's context streamed to the
// engine as it reads (ContextWalk through a TarStream into the socket the
// Build call hands over, at most ~1 MiB waiting at a time), then the job's
// steps as a list (number, instruction, Dockerfile line, from the cache or
// not, how long; the one running), its output, and its end: the image and
// its tags, or the error's words and the line it failed at. Cancel stops
// the job; the engine leaves nothing of it behind.

#include "desktop/engineclient.h"

#include <QAbstractListModel>
#include <QElapsedTimer>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace muelle::archive {
class TarStream;
}

namespace muelle::desktop {

class BuildSession : public QAbstractListModel {
    Q_OBJECT
    QML_NAMED_ELEMENT(Build)
    QML_SINGLETON
    // "idle", "sending" (the context, before the first step), "building",
    // "succeeded", "failed", "cancelled"
    Q_PROPERTY(QString state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString job READ job NOTIFY stateChanged)
    Q_PROPERTY(QString image READ image NOTIFY stateChanged)
    Q_PROPERTY(QStringList tags READ tags NOTIFY stateChanged)
    Q_PROPERTY(QString error READ error NOTIFY stateChanged)
    Q_PROPERTY(int errorLine READ errorLine NOTIFY stateChanged) // 0: none
    Q_PROPERTY(int total READ total NOTIFY progressChanged) // steps, once known
    Q_PROPERTY(int finishedSteps READ finishedSteps NOTIFY progressChanged)
    Q_PROPERTY(int cachedSteps READ cachedSteps NOTIFY progressChanged)
    Q_PROPERTY(qint64 contextBytes READ contextBytes NOTIFY progressChanged) // sent so far
    Q_PROPERTY(int outputLines READ outputLines NOTIFY outputChanged)
public:
    enum Role {
        NumberRole = Qt::UserRole + 1,
        InstructionRole,
        LineRole,
        CachedRole,
        ImageRole,
        MillisecondsRole,
        RunningRole,
    };
    static constexpr int maxOutputLines = 200000; // the oldest go first

    // The app's one Build (DesktopApp's), for QML.
    static BuildSession *create(QQmlEngine *, QJSEngine *);
    explicit BuildSession(EngineClient &client, QObject *parent = nullptr);
    ~BuildSession() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString state() const { return state_; }
    QString job() const { return job_; }
    QString image() const { return image_; }
    QStringList tags() const { return tags_; }
    QString error() const { return error_; }
    int errorLine() const { return errorLine_; }
    int total() const { return total_; }
    int finishedSteps() const;
    int cachedSteps() const;
    qint64 contextBytes() const { return contextBytes_; }
    int outputLines() const { return int(output_.size()); }

    // Builds the folder's context with `options`. A build already running
    // is refused (FailedPrecondition in error, the running one untouched).
    void start(const QString &folder, const BuildOptions &options);
    Q_INVOKABLE void cancel();
    // The output's last `lines` lines, joined.
    Q_INVOKABLE QString outputTail(int lines) const;
    const QStringList &output() const { return output_; }

Q_SIGNALS:
    void stateChanged();
    void progressChanged();
    void outputChanged();
    // The build ended (state says how).
    void finished();

private:
    struct Step {
        int number = 0;
        QString instruction;
        int line = 0;
        bool cached = false;
        QString image;
        qint64 milliseconds = -1; // running until set
    };
    void setState(const QString &state);
    void end(const QString &state, const QString &error, int line);
    void pump();
    void appendOutput(const QString &text);

    EngineClient &client_;
    QString state_ = QStringLiteral("idle");
    QString job_;
    QString image_;
    QStringList tags_;
    QString error_;
    int errorLine_ = 0;
    int total_ = 0;
    qint64 contextBytes_ = 0;
    QList<Step> steps_;
    QStringList output_;
    QString partialLine_; // output after its last newline
    std::unique_ptr<QIODevice> context_;
    std::unique_ptr<archive::TarStream> stream_;
    bool cancelled_ = false;
    QString contextError_; // why the context could not be sent
};

} // namespace muelle::desktop
