#pragma once
// How Docker's classic builder names a step in an image's history
// (`docker history`'s CREATED BY): Go's fmt verbs, reproduced, so that a
// history reads the same whichever engine built the image.

#include <QString>
#include <QStringList>

namespace muelle::engine::builder {

// strconv.Quote: "a\"b\n" -> "\"a\\\"b\\n\"".
QString goQuote(const QString &text);
// fmt's %q of a []string: ["a" "b c"].
QString goQuoteList(const QStringList &list);
// fmt's %v of a []string: [a b c].
QString goList(const QStringList &list);

// A step that only changes the config: "/bin/sh -c #(nop)  ENV A=b" (the
// instructions Docker comments with a spaced "#(nop) "), or
// "/bin/sh -c #(nop) WORKDIR /app" (those it comments as one string).
QString nopCreatedBy(const QStringList &shell, const QString &comment, bool spaced);

// RUN: "|2 A=1 B=2 /bin/sh -c make" — the build args in force first, counted.
QString runCreatedBy(const QStringList &command, const QStringList &argsInForce);

} // namespace muelle::engine::builder
