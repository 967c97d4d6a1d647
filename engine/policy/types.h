#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// Domain types shared by policy, catalog, scheduler, server and console (SPEC §3, §4).
// Plain values with no behaviour; the rules over them live in the policy functions.
namespace Kura::Policy {

enum class Storage { Local, Double };
enum class Timing { Immediate, Daily, Weekly };
enum class Content { System, Files };

enum class JobKind { FileBackup, SystemBackup, FileRestore, SystemRestore };
enum class JobTrigger { Scheduled, Immediate };
enum class JobState { Queued, Running, Succeeded, Failed, Stopped, Cancelled, Interrupted };

// One server's backup plan (SPEC §3). Windows are in UTC.
struct Plan
{
    Storage storage = Storage::Local;
    Timing timing = Timing::Immediate;
    int dailyWindow = 0;    // 0..7: starts at dailyWindow * 3 h UTC, lasts 3 h
    int weekday = 1;        // 1 = Monday .. 7 = Sunday (Qt::DayOfWeek), UTC
    int weeklyWindow = 0;   // 0..2: starts at weeklyWindow * 8 h UTC, lasts 8 h
    int retentionDays = 7;  // 7, 30 or 365
    Content content = Content::Files;
    QStringList includePaths;     // Files: empty means everything
    QStringList excludePatterns;  // Files: glob patterns
    QString systemDevice;         // System: block device or image file of the boot volume
    QString preCommand;           // run before a backup (empty: none)
    QString postCommand;          // run after a backup (empty: none)
    int commandTimeoutSeconds = 600;

    bool operator==(const Plan &) const = default;
};

// What policy needs to know of a server (agent facts plus its protection state).
struct ServerFacts
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString name;
    QString region;    // e.g. "JP1"
    QString flavor;    // e.g. VM size label
    QString osId;      // os-release ID, e.g. "debian"
    QString osVersion; // os-release VERSION_ID, e.g. "12"
    bool isProtected = false;
    std::optional<Plan> plan; // set while protected

    bool operator==(const ServerFacts &) const = default;
};

// Stable lower-case names used in the catalog, the API's JSON and the CLI.
QString storageName(Storage value);
QString timingName(Timing value);
QString contentName(Content value);
QString jobKindName(JobKind value);
QString jobTriggerName(JobTrigger value);
QString jobStateName(JobState value);
std::optional<Storage> storageFromName(const QString &name);
std::optional<Timing> timingFromName(const QString &name);
std::optional<Content> contentFromName(const QString &name);
std::optional<JobKind> jobKindFromName(const QString &name);
std::optional<JobTrigger> jobTriggerFromName(const QString &name);
std::optional<JobState> jobStateFromName(const QString &name);

} // namespace Kura::Policy
