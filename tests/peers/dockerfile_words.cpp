// dockerfile_words FILE [TARGET]: what muelle's Dockerfile parser
// (src/dockerfile) answers for FILE — "ok", or the error in the words dockerd
// answers a build with — so that dockerfile_errors.sh can put it beside what
// a real dockerd says for the same file.

#include "dockerfile/stages.h"

#include <QFile>
#include <QFileInfo>

#include <cstdio>

int main(int argc, char *argv[])
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: dockerfile_words FILE [TARGET]\n");
        return 2;
    }
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "dockerfile_words: %s: %s\n", argv[1], qPrintable(file.errorString()));
        return 2;
    }
    const QString text = QString::fromUtf8(file.readAll());
    const auto parsed = muelle::dockerfile::parseDockerfile(text, QFileInfo(file.fileName()).fileName());
    if (!parsed) {
        std::printf("%s\n", qPrintable(parsed.error().text()));
        return 0;
    }
    if (argc > 2) {
        const auto stage = muelle::dockerfile::resolveStage(*parsed, QString::fromLocal8Bit(argv[2]));
        if (!stage) {
            std::printf("%s\n", qPrintable(stage.error().message));
            return 0;
        }
    }
    std::printf("ok\n");
    return 0;
}
