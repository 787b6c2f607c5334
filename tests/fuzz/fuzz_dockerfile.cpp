// Dockerfiles and .dockerignore files: what any user (or any caller of the
// build wizard's live check) hands the parser. Whatever the bytes, the
// parser answers — a Dockerfile with stages, or a refusal in words at a line
// of the file — and the summary agrees with it; an ignore file gives a
// matcher or a refusal, and matching ends.

#include "dockerfile/dockerignore.h"
#include "dockerfile/stages.h"
#include "fuzzcheck.h"

#include <QString>

using namespace muelle;
using namespace muelle::dockerfile;

namespace {

void checkDockerfile(const QString &text)
{
    const qsizetype lines = text.count(u'\n') + 1;
    const auto parsed = parseDockerfile(text);
    const Summary summary = summarize(text);
    if (!parsed) {
        CHECK(!parsed.error().message.isEmpty());
        CHECK(!parsed.error().text().isEmpty());
        CHECK(parsed.error().line >= 0 && parsed.error().line <= lines);
        CHECK(!summary.errors.isEmpty());
        return;
    }
    CHECK(!parsed->stages.isEmpty());
    CHECK(summary.stages.size() == parsed->stages.size());
    for (const Stage &stage : parsed->stages) {
        CHECK(stage.line >= 1 && stage.line <= lines);
        const QList<int> needed = stageDependencies(*parsed, stage.index);
        CHECK(needed.contains(stage.index));
        for (const int other : needed)
            CHECK(other <= stage.index); // a stage only needs earlier ones
        const auto resolved = resolveStage(*parsed, stage.name);
        CHECK(stage.name.isEmpty() || (resolved && parsed->stages[*resolved].name == stage.name));
        (void)expandedBaseName(*parsed, stage);
    }
}

void checkDockerignore(const QString &text)
{
    const QStringList patterns = readDockerignore(text);
    for (const QString &pattern : patterns)
        CHECK(!pattern.isEmpty());
    const auto matcher = IgnoreMatcher::create(patterns);
    if (!matcher) {
        CHECK(matcher.error().code == Code::InvalidArgument);
        return;
    }
    // Paths made of the patterns' own words are the ones most likely to match.
    for (const QString &pattern : patterns.mid(0, 8)) {
        (void)matcher->matches(cleanPath(pattern));
        (void)matcher->matches(cleanPath(pattern) + QStringLiteral("/x/y"));
    }
    CHECK(!matcher->matches(u"."));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const fuzz::RunningInput running(data, size);
    fuzz::quietLogs();
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    checkDockerfile(text);
    checkDockerignore(text);
    return 0;
}
