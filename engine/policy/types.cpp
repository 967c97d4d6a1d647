#include "types.h"

#include <array>
#include <utility>

namespace Kura::Policy {
namespace {

template<class Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char *>, N> &table, Enum value)
{
    for (const auto &[v, name] : table)
        if (v == value)
            return QString::fromLatin1(name);
    return {};
}

template<class Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char *>, N> &table,
                            const QString &name)
{
    for (const auto &[v, n] : table)
        if (name == QLatin1String(n))
            return v;
    return std::nullopt;
}

constexpr std::array<std::pair<Storage, const char *>, 2> storageNames { { { Storage::Local, "local" },
                                                                           { Storage::Double, "double" } } };
constexpr std::array<std::pair<Timing, const char *>, 3> timingNames { { { Timing::Immediate, "immediate" },
                                                                         { Timing::Daily, "daily" },
                                                                         { Timing::Weekly, "weekly" } } };
constexpr std::array<std::pair<Content, const char *>, 2> contentNames { { { Content::System, "system" },
                                                                           { Content::Files, "files" } } };
constexpr std::array<std::pair<JobKind, const char *>, 4> jobKindNames { {
    { JobKind::FileBackup, "file_backup" },
    { JobKind::SystemBackup, "system_backup" },
    { JobKind::FileRestore, "file_restore" },
    { JobKind::SystemRestore, "system_restore" },
} };
constexpr std::array<std::pair<JobTrigger, const char *>, 2> jobTriggerNames { {
    { JobTrigger::Scheduled, "scheduled" },
    { JobTrigger::Immediate, "immediate" },
} };
constexpr std::array<std::pair<JobState, const char *>, 7> jobStateNames { {
    { JobState::Queued, "queued" },
    { JobState::Running, "running" },
    { JobState::Succeeded, "succeeded" },
    { JobState::Failed, "failed" },
    { JobState::Stopped, "stopped" },
    { JobState::Cancelled, "cancelled" },
    { JobState::Interrupted, "interrupted" },
} };

} // namespace

QString storageName(Storage value) { return nameOf(storageNames, value); }
QString timingName(Timing value) { return nameOf(timingNames, value); }
QString contentName(Content value) { return nameOf(contentNames, value); }
QString jobKindName(JobKind value) { return nameOf(jobKindNames, value); }
QString jobTriggerName(JobTrigger value) { return nameOf(jobTriggerNames, value); }
QString jobStateName(JobState value) { return nameOf(jobStateNames, value); }
std::optional<Storage> storageFromName(const QString &name) { return valueOf(storageNames, name); }
std::optional<Timing> timingFromName(const QString &name) { return valueOf(timingNames, name); }
std::optional<Content> contentFromName(const QString &name) { return valueOf(contentNames, name); }
std::optional<JobKind> jobKindFromName(const QString &name) { return valueOf(jobKindNames, name); }
std::optional<JobTrigger> jobTriggerFromName(const QString &name) { return valueOf(jobTriggerNames, name); }
std::optional<JobState> jobStateFromName(const QString &name) { return valueOf(jobStateNames, name); }

} // namespace Kura::Policy
