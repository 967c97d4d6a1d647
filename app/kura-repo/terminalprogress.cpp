#include "terminalprogress.h"

#include <QString>

#include <chrono>
#include <cstdio>
#include <unistd.h>

using namespace std::chrono;

bool TerminalProgress::shows(bool enabled)
{
    return enabled && ::isatty(STDERR_FILENO);
}

TerminalProgress::TerminalProgress(const Kura::Progress &progress, bool enabled)
    : m_progress(progress)
{
    if (shows(enabled))
        m_thread = std::thread([this] { loop(); });
}

TerminalProgress::~TerminalProgress()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
        std::fputs("\r\033[K", stderr);
    }
}

void TerminalProgress::loop()
{
    Kura::ProgressSampler sampler(seconds(5), seconds(30));
    const auto start = steady_clock::now();
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, milliseconds(250), [this] { return m_stop; }))
        print(sampler.sample(m_progress, duration_cast<milliseconds>(steady_clock::now() - start)));
}

void TerminalProgress::print(const Kura::ProgressSample &s)
{
    QString line = Kura::formatBytes(s.bytesDone);
    if (s.bytesTotal > 0)
        line += QStringLiteral(" / %1").arg(Kura::formatBytes(s.bytesTotal))
            + (s.totalsFinal ? QString() : QStringLiteral("+"));
    line += QStringLiteral("  %1").arg(s.filesDone);
    if (s.filesTotal > 0)
        line += QStringLiteral("/%1").arg(s.filesTotal);
    line += QStringLiteral(" files  %1/s").arg(Kura::formatBytes(qint64(s.bytesPerSecond)));
    if (s.totalsFinal && s.etaSeconds >= 0)
        line += QStringLiteral("  ETA %1").arg(Kura::formatDuration(s.etaSeconds));
    if (s.stalled)
        line += QStringLiteral("  (stalled)");
    if (!s.currentFile.isEmpty())
        line += QStringLiteral("  ") + s.currentFile.right(40);
    std::fprintf(stderr, "\r\033[K%s", line.left(160).toLocal8Bit().constData());
    std::fflush(stderr);
}
