#pragma once

// Waiting for the asynchronous ApiClient in tests: start a call, spin the event loop until
// its callback ran (at most 5 s), return what it got.
#include <api/client/apiclient.h>

#include <QTest>

#include <optional>

namespace Kura::Test {

template <class T, class Start> Api::Client::ApiResult<T> await(Start start, int timeoutMs = 5000)
{
    std::optional<Api::Client::ApiResult<T>> out;
    start([&out](Api::Client::ApiResult<T> result) { out = std::move(result); });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs))
        return tl::unexpected(Api::Client::ApiError::transport(
            ErrorCode::Internal, QStringLiteral("test: the callback did not run in time"), false));
    return std::move(*out);
}

} // namespace Kura::Test

// Verifies that an ApiResult holds a value; on failure prints the ApiError.
#define QVERIFY_API(expr)                                                                          \
    do {                                                                                           \
        const auto &kuraApiResult_ = (expr);                                                       \
        if (!kuraApiResult_)                                                                       \
            QFAIL(qPrintable(                                                                      \
                QStringLiteral(#expr " failed: ") + kuraApiResult_.error().toString()));           \
    } while (false)
