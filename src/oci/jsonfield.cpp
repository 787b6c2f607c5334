#include "oci/jsonfield.h"

using namespace Qt::StringLiterals;

namespace muelle::oci::json {

namespace {

QString kindName(QJsonValue::Type type)
{
    switch (type) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

// The value at `key` when it is absent, null or of `type`; an error naming
// the field otherwise.
Result<QJsonValue> typed(const QJsonObject &object, const QString &key, const QString &where, QJsonValue::Type type)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull() || value.type() == type)
        return value;
    return invalid(fieldPath(where, key), u"want %1, got %2"_s.arg(kindName(type), typeName(value)));
}

Result<> require(const QJsonObject &object, const QString &key, const QString &where)
{
    if (!isPresent(object, key))
        return invalid(fieldPath(where, key), u"missing"_s);
    return {};
}

} // namespace

QString fieldPath(const QString &where, const QString &key)
{
    return where.isEmpty() ? key : where + u'.' + key;
}

QString elementPath(const QString &where, qsizetype index)
{
    return u"%1[%2]"_s.arg(where).arg(index);
}

std::unexpected<Error> invalid(const QString &path, const QString &why)
{
    return fail(Code::InvalidArgument, path + u": "_s + why);
}

QString typeName(const QJsonValue &value)
{
    return kindName(value.type());
}

bool isPresent(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    return !value.isUndefined() && !value.isNull();
}

Result<QString> optionalString(const QJsonObject &object, const QString &key, const QString &where)
{
    const auto value = typed(object, key, where, QJsonValue::String);
    if (!value)
        return fail(value.error());
    return value->toString();
}

Result<QString> requiredString(const QJsonObject &object, const QString &key, const QString &where)
{
    if (auto present = require(object, key, where); !present)
        return fail(present.error());
    return optionalString(object, key, where);
}

Result<bool> optionalBool(const QJsonObject &object, const QString &key, const QString &where)
{
    const auto value = typed(object, key, where, QJsonValue::Bool);
    if (!value)
        return fail(value.error());
    return value->toBool();
}

Result<QJsonObject> optionalObject(const QJsonObject &object, const QString &key, const QString &where)
{
    const auto value = typed(object, key, where, QJsonValue::Object);
    if (!value)
        return fail(value.error());
    return value->toObject();
}

Result<QJsonObject> requiredObject(const QJsonObject &object, const QString &key, const QString &where)
{
    if (auto present = require(object, key, where); !present)
        return fail(present.error());
    return optionalObject(object, key, where);
}

Result<QJsonArray> optionalArray(const QJsonObject &object, const QString &key, const QString &where)
{
    const auto value = typed(object, key, where, QJsonValue::Array);
    if (!value)
        return fail(value.error());
    return value->toArray();
}

Result<QJsonArray> requiredArray(const QJsonObject &object, const QString &key, const QString &where)
{
    if (auto present = require(object, key, where); !present)
        return fail(present.error());
    return optionalArray(object, key, where);
}

Result<QStringList> optionalStringList(const QJsonObject &object, const QString &key, const QString &where)
{
    const auto array = optionalArray(object, key, where);
    if (!array)
        return fail(array.error());
    QStringList strings;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QJsonValue value = array->at(i);
        if (!value.isString())
            return invalid(elementPath(fieldPath(where, key), i), u"want a string, got %1"_s.arg(typeName(value)));
        strings.append(value.toString());
    }
    return strings;
}

Result<QMap<QString, QString>> optionalStringMap(const QJsonObject &object, const QString &key, const QString &where)
{
    const auto map = optionalObject(object, key, where);
    if (!map)
        return fail(map.error());
    QMap<QString, QString> strings;
    for (auto it = map->begin(); it != map->end(); ++it) {
        if (!it.value().isString())
            return invalid(
                fieldPath(fieldPath(where, key), it.key()), u"want a string, got %1"_s.arg(typeName(it.value())));
        strings.insert(it.key(), it.value().toString());
    }
    return strings;
}

QJsonArray toArray(const QStringList &strings)
{
    return QJsonArray::fromStringList(strings);
}

QJsonObject toObject(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

} // namespace muelle::oci::json
