#include "base/loglevel.h"

#include <QLoggingCategory>

namespace muelle {

void applyLogLevel(const QString &level)
{
    QString rules = QStringLiteral("muelle.*.debug=%1").arg(level == u"debug" ? u"true" : u"false");
    if (level == u"warn" || level == u"error" || level == u"fatal")
        rules += QStringLiteral("\nmuelle.*.info=false");
    QLoggingCategory::setFilterRules(rules);
}

} // namespace muelle
