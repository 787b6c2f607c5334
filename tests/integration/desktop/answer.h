#pragma once
// An engine client's answer, waited for (the event loop runs meanwhile), and
// its error's message for QVERIFY2.

#include "base/error.h"

#include <QTest>

#include <optional>

// What `call` answers (T; void for Done), given a minute at most.
template <typename T, typename Call> muelle::Result<T> answerOf(Call call)
{
    std::optional<muelle::Result<T>> answer;
    call([&answer](muelle::Result<T> given) { answer = std::move(given); });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 60000))
        return muelle::fail(muelle::Code::Unavailable, QStringLiteral("no answer in a minute"));
    return *answer;
}

template <typename T> QByteArray failureOf(const muelle::Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}
