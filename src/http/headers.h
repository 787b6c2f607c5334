#pragma once
// HTTP header fields: an ordered list, names compared case-insensitively.

#include <QByteArray>
#include <QList>
#include <QPair>

namespace muelle::http {

class Headers {
public:
    // The first value of the field, or an empty array when it is absent.
    QByteArray value(QByteArrayView name) const;
    // Every value of the field, in order.
    QList<QByteArray> values(QByteArrayView name) const;
    bool contains(QByteArrayView name) const;
    // True when some field of that name, read as a comma-separated list,
    // holds `token` (case-insensitive): "Connection: keep-alive, Upgrade".
    bool containsToken(QByteArrayView name, QByteArrayView token) const;
    int count() const { return int(fields_.size()); }

    void add(QByteArray name, QByteArray value);
    // Replaces every field of that name with one.
    void set(QByteArray name, QByteArray value);
    void remove(QByteArrayView name);

    const QList<QPair<QByteArray, QByteArray>> &fields() const { return fields_; }

private:
    QList<QPair<QByteArray, QByteArray>> fields_;
};

} // namespace muelle::http
