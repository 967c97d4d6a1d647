#pragma once

// Helpers shared by the storage engine's unit tests.

#include <core/error.h>

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

namespace Kura::Test {

// A temporary folder for a test repository. On a RAM file system when the machine has one:
// the local store syncs every object and folder, which costs seconds on a busy disk, and
// these tests are about formats and errors, not durability.
inline QString repositoryTempTemplate()
{
    const QFileInfo shm(QStringLiteral("/dev/shm"));
    const QString base = shm.isDir() && shm.isWritable() ? shm.filePath() : QDir::tempPath();
    return base + QStringLiteral("/kura-store-test-XXXXXX");
}

} // namespace Kura::Test

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
