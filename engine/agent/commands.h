#pragma once

#include <QString>

#include <atomic>

namespace Kura::Agent {

struct CommandOutcome
{
    bool started = false;
    bool timedOut = false;
    bool stopped = false;
    int exitCode = -1;
    QString output; // stdout and stderr merged, at most MaxOutputBytes (the end is kept)
    bool succeeded() const { return started && !timedOut && !stopped && exitCode == 0; }
    // One line for the job's events: "pre-command exited with 0: <output>".
    QString describe(const QString &which) const;
};

inline constexpr int MaxCommandOutputBytes = 32 * 1024;

// Runs a plan's pre- or post-backup command with /bin/sh -c, killing it (and reporting a
// timeout) after `timeoutSeconds`, or when `cancel` becomes true. Blocks; call it from a
// worker thread.
CommandOutcome runCommand(const QString &command, int timeoutSeconds, const std::atomic<bool> *cancel);

} // namespace Kura::Agent
