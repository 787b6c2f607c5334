#include "http/headers.h"

namespace muelle::http {

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

} // namespace

QByteArray Headers::value(QByteArrayView name) const
{
    for (const auto &field : fields_) {
        if (sameName(field.first, name))
            return field.second;
    }
    return {};
}

QList<QByteArray> Headers::values(QByteArrayView name) const
{
    QList<QByteArray> result;
    for (const auto &field : fields_) {
        if (sameName(field.first, name))
            result.append(field.second);
    }
    return result;
}

bool Headers::contains(QByteArrayView name) const
{
    for (const auto &field : fields_) {
        if (sameName(field.first, name))
            return true;
    }
    return false;
}

bool Headers::containsToken(QByteArrayView name, QByteArrayView token) const
{
    for (const auto &field : fields_) {
        if (!sameName(field.first, name))
            continue;
        QByteArrayView rest = field.second;
        while (!rest.isEmpty()) {
            const qsizetype comma = rest.indexOf(',');
            if (sameName((comma < 0 ? rest : rest.first(comma)).trimmed(), token))
                return true;
            if (comma < 0)
                break;
            rest = rest.sliced(comma + 1);
        }
    }
    return false;
}

void Headers::add(QByteArray name, QByteArray value)
{
    fields_.append({ std::move(name), std::move(value) });
}

void Headers::set(QByteArray name, QByteArray value)
{
    remove(name);
    add(std::move(name), std::move(value));
}

void Headers::remove(QByteArrayView name)
{
    fields_.removeIf([name](const QPair<QByteArray, QByteArray> &field) { return sameName(field.first, name); });
}

} // namespace muelle::http
