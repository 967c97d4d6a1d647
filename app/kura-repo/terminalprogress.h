#pragma once

#include <core/progress.h>

#include <thread>
#include <mutex>
#include <condition_variable>

// Prints a one-line progress display (bytes and files of the total, rate, ETA, current file)
// to standard error a few times a second while alive, when standard error is a terminal.
class TerminalProgress
{
public:
    TerminalProgress(const Kura::Progress &progress, bool enabled);
    // Whether a display with `enabled` would print anything (standard error is a terminal).
    static bool shows(bool enabled);
    ~TerminalProgress();

private:
    void loop();
    void print(const Kura::ProgressSample &sample);

    const Kura::Progress &m_progress;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false; // guarded by m_mutex
    std::thread m_thread;
};
