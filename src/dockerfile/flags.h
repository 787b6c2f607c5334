#pragma once
// An instruction's --flags checked against the ones it accepts, with the
// messages of BuildKit's BFlags ("Unknown flag: mount", "Missing a value on
// flag: from", "Duplicate flag specified: from", ...).

#include <QHash>
#include <QString>
#include <QStringList>

#include <expected>
#include <optional>

namespace muelle::dockerfile {

class Flags {
public:
    enum class Type { Bool, String, Strings };

    Flags &add(const QString &name, Type type);
    // Reads "--name=value" / "--name" words; the first problem is returned.
    std::expected<void, QString> parse(const QStringList &words);

    bool isSet(const QString &name) const { return values_.contains(name); }
    bool boolValue(const QString &name) const { return values_.value(name).value(0) == u"true"; }
    QString string(const QString &name) const { return values_.value(name).value(0); }
    QStringList strings(const QString &name) const { return values_.value(name); }

private:
    QHash<QString, Type> types_;
    QHash<QString, QStringList> values_;
};

} // namespace muelle::dockerfile
