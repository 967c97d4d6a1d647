#include "progress.h"

#include <QMutexLocker>

namespace Kura {

void Progress::setCurrentFile(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    m_currentFile = path;
}

QString Progress::currentFile() const
{
    QMutexLocker lock(&m_mutex);
    return m_currentFile;
}

ProgressSample ProgressSampler::sample(const Progress &progress, std::chrono::milliseconds now)
{
    ProgressSample s;
    s.bytesDone = progress.bytesDone();
    s.bytesTotal = progress.bytesTotal();
    s.filesDone = progress.filesDone();
    s.filesTotal = progress.filesTotal();
    s.warnings = progress.warnings();
    s.totalsFinal = progress.totalsFinal();
    s.currentFile = progress.currentFile();

    if (s.bytesDone != m_lastBytes || s.filesDone != m_lastFiles || m_points.empty())
        m_lastMove = now;
    m_lastBytes = s.bytesDone;
    m_lastFiles = s.filesDone;

    m_points.push_back({ now, s.bytesDone });
    while (m_points.size() > 2 && now - m_points.front().time > m_window)
        m_points.pop_front();

    const auto span = m_points.back().time - m_points.front().time;
    if (span.count() > 0)
        s.bytesPerSecond = double(m_points.back().bytes - m_points.front().bytes) * 1000.0
            / double(span.count());
    s.stalled = now - m_lastMove >= m_stallAfter;
    if (s.bytesPerSecond > 0 && s.bytesTotal >= s.bytesDone)
        s.etaSeconds = qint64(double(s.bytesTotal - s.bytesDone) / s.bytesPerSecond + 0.5);
    return s;
}

QString formatBytes(qint64 bytes)
{
    static const char *units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
    double value = double(bytes);
    int unit = 0;
    while (value >= 1024.0 && unit < 5) {
        value /= 1024.0;
        ++unit;
    }
    if (unit == 0)
        return QStringLiteral("%1 B").arg(bytes);
    return QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1String(units[unit]));
}

QString formatDuration(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("?");
    if (seconds >= 3600)
        return QStringLiteral("%1h%2m").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10,
                                                                   QLatin1Char('0'));
    if (seconds >= 60)
        return QStringLiteral("%1m%2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1s").arg(seconds);
}

} // namespace Kura
