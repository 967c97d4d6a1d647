#pragma once

#include <QCommandLineOption>

// Command options shared by several kuractl commands.
namespace Kuractl::Options {

inline QCommandLineOption json()
{
    return { QStringLiteral("json"), QStringLiteral("Print the API's JSON as it comes.") };
}

inline QCommandLineOption wait()
{
    return { QStringLiteral("wait"),
        QStringLiteral("Follow the job until it ends; exit 0 only when it succeeded.") };
}

inline QCommandLineOption interval()
{
    return { QStringLiteral("interval"),
        QStringLiteral("Seconds between status checks with --wait (default 2)."),
        QStringLiteral("SECONDS"), QStringLiteral("2") };
}

} // namespace Kuractl::Options
