#include "engine/containers/names.h"

#include <QRandomGenerator>
#include <QRegularExpression>

namespace muelle::engine::containers {

Result<QString> validName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$"));
    if (!pattern.match(name).hasMatch())
        return fail(Code::InvalidArgument,
            QStringLiteral("Invalid container name (%1), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed").arg(name));
    return name.startsWith(u'/') ? name.mid(1) : name;
}

QString generatedName()
{
    // Harbour words, for a dock.
    static const char *const adjectives[] = { "brave", "calm", "clever", "eager", "fond", "gentle", "happy", "jolly",
        "keen", "lucid", "merry", "nimble", "proud", "quiet", "rapid", "serene", "steady", "swift", "tidy", "vivid",
        "wise", "zealous", "bold", "bright", "crisp", "daring", "epic", "fervent", "hopeful", "loyal" };
    static const char *const nouns[]
        = { "anchor", "barge", "beacon", "bollard", "buoy", "capstan", "cargo", "crane", "dinghy", "ferry", "galley",
              "harbour", "hawser", "jetty", "keel", "lighthouse", "mooring", "pier", "quay", "rudder", "schooner",
              "skiff", "slipway", "tugboat", "wharf", "windlass", "yawl", "lantern", "compass", "sextant" };
    auto *random = QRandomGenerator::global();
    return QStringLiteral("%1_%2").arg(QLatin1String(adjectives[random->bounded(int(std::size(adjectives)))]),
        QLatin1String(nouns[random->bounded(int(std::size(nouns)))]));
}

} // namespace muelle::engine::containers
