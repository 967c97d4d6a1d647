#pragma once

#include <QMutex>
#include <QString>

#include <atomic>
#include <chrono>
#include <deque>

namespace Kura {

// Live counters of one long operation (backup, restore, check, prune). Worker threads
// add to the atomics; readers take snapshots a few times a second. Thread-safe.
class Progress
{
public:
    void addBytesDone(qint64 bytes) { m_bytesDone.fetch_add(bytes, std::memory_order_relaxed); }
    void addFilesDone(qint64 files) { m_filesDone.fetch_add(files, std::memory_order_relaxed); }
    void addBytesTotal(qint64 bytes) { m_bytesTotal.fetch_add(bytes, std::memory_order_relaxed); }
    void addFilesTotal(qint64 files) { m_filesTotal.fetch_add(files, std::memory_order_relaxed); }
    void addWarning() { m_warnings.fetch_add(1, std::memory_order_relaxed); }
    // Marks the totals as final (the scan running ahead has finished).
    void setTotalsFinal() { m_totalsFinal.store(true, std::memory_order_relaxed); }
    void setCurrentFile(const QString &path);

    qint64 bytesDone() const { return m_bytesDone.load(std::memory_order_relaxed); }
    qint64 filesDone() const { return m_filesDone.load(std::memory_order_relaxed); }
    qint64 bytesTotal() const { return m_bytesTotal.load(std::memory_order_relaxed); }
    qint64 filesTotal() const { return m_filesTotal.load(std::memory_order_relaxed); }
    qint64 warnings() const { return m_warnings.load(std::memory_order_relaxed); }
    bool totalsFinal() const { return m_totalsFinal.load(std::memory_order_relaxed); }
    QString currentFile() const;

private:
    std::atomic<qint64> m_bytesDone { 0 };
    std::atomic<qint64> m_filesDone { 0 };
    std::atomic<qint64> m_bytesTotal { 0 };
    std::atomic<qint64> m_filesTotal { 0 };
    std::atomic<qint64> m_warnings { 0 };
    std::atomic<bool> m_totalsFinal { false };
    mutable QMutex m_mutex;
    QString m_currentFile; // guarded by m_mutex
};

// One reading of a Progress with derived rate, ETA and stalled state.
struct ProgressSample
{
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    qint64 filesDone = 0;
    qint64 filesTotal = 0;
    qint64 warnings = 0;
    bool totalsFinal = false;
    double bytesPerSecond = 0; // over the sampler's window
    qint64 etaSeconds = -1;    // -1 when unknown
    bool stalled = false;      // nothing moved for the stall threshold
    QString currentFile;
};

// Turns successive readings of a Progress into rate and ETA over a sliding window.
// Not thread-safe: one sampler per reader. Time is passed in, so tests control it.
class ProgressSampler
{
public:
    explicit ProgressSampler(std::chrono::milliseconds window = std::chrono::seconds(10),
                             std::chrono::milliseconds stallAfter = std::chrono::seconds(30))
        : m_window(window), m_stallAfter(stallAfter)
    {
    }

    ProgressSample sample(const Progress &progress, std::chrono::milliseconds now);

private:
    struct Point
    {
        std::chrono::milliseconds time;
        qint64 bytes;
    };
    std::chrono::milliseconds m_window;
    std::chrono::milliseconds m_stallAfter;
    std::deque<Point> m_points;
    qint64 m_lastBytes = -1;
    qint64 m_lastFiles = -1;
    std::chrono::milliseconds m_lastMove { 0 };
};

// "12.3 MiB" style sizes for command-line output (the console uses QLocale instead).
QString formatBytes(qint64 bytes);
// "1h02m", "3m05s", "42s".
QString formatDuration(qint64 seconds);

} // namespace Kura
