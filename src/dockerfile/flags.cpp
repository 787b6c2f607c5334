#include "dockerfile/flags.h"

using namespace Qt::StringLiterals;

namespace muelle::dockerfile {

Flags &Flags::add(const QString &name, Type type)
{
    types_.insert(name, type);
    return *this;
}

std::expected<void, QString> Flags::parse(const QStringList &words)
{
    for (const QString &word : words) {
        if (!word.startsWith(u"--"))
            return std::unexpected(u"Arg should start with -- : %1"_s.arg(word));
        if (word == u"--")
            return {};
        QString name = word.mid(2);
        const qsizetype equals = name.indexOf(u'=');
        const bool hasValue = equals >= 0;
        const QString value = hasValue ? name.mid(equals + 1) : QString();
        if (hasValue)
            name.truncate(equals);
        const auto type = types_.constFind(name);
        if (type == types_.cend())
            return std::unexpected(u"Unknown flag: %1"_s.arg(name));
        if (values_.contains(name) && *type != Type::Strings)
            return std::unexpected(u"Duplicate flag specified: %1"_s.arg(name));
        switch (*type) {
        case Type::Bool: {
            if (hasValue && value.isEmpty())
                return std::unexpected(u"Missing a value on flag: %1"_s.arg(name));
            const QString lower = value.toLower();
            if (!lower.isEmpty() && lower != u"true" && lower != u"false")
                return std::unexpected(u"Expecting boolean value for flag %1, not: %2"_s.arg(name, value));
            values_[name] = QStringList{ lower.isEmpty() ? u"true"_s : lower };
            break;
        }
        case Type::String:
        case Type::Strings:
            if (!hasValue)
                return std::unexpected(u"Missing a value on flag: %1"_s.arg(name));
            values_[name].append(value);
            break;
        }
    }
    return {};
}

} // namespace muelle::dockerfile
