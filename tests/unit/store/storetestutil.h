#pragma once

// Helpers shared by the storage engine's unit tests.

#include <core/error.h>

#include <QTest>

// Verifies that a Result holds an error with `expectedCode` whose message contains every
// string of `fragments`; on failure prints what was found instead.
#define QVERIFY_ERROR(expr, expectedCode, ...)                                                     \
    do {                                                                                           \
        const auto &kuraErr_ = (expr);                                                             \
        if (kuraErr_)                                                                              \
            QFAIL(#expr " succeeded, expected an error");                                          \
        const ::Kura::Error &kuraError_ = kuraErr_.error();                                        \
        if (kuraError_.code() != (expectedCode))                                                   \
            QFAIL(qPrintable(QStringLiteral("%1 failed with %2 (%3), expected %4")                 \
                                 .arg(QLatin1String(#expr),                                        \
                                      QLatin1String(::Kura::errorCodeName(kuraError_.code())),     \
                                      kuraError_.toString(),                                       \
                                      QLatin1String(::Kura::errorCodeName(expectedCode)))));       \
        for (const QString &kuraFragment_ : QStringList { __VA_ARGS__ })                           \
            if (!kuraError_.toString().contains(kuraFragment_))                                    \
                QFAIL(qPrintable(QStringLiteral("error \"%1\" does not mention \"%2\"")            \
                                     .arg(kuraError_.toString(), kuraFragment_)));                 \
    } while (false)
