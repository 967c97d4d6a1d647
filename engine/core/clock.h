#pragma once

#include <QDateTime>

namespace Kura {

// The source of "now" for everything that depends on time (scheduler, quotas, retention,
// leases). Production code uses SystemClock; tests use a manual clock that advances days
// in milliseconds. Implementations must be thread-safe.
class Clock
{
public:
    virtual ~Clock() = default;
    // Milliseconds since the Unix epoch, UTC.
    virtual qint64 nowMs() const = 0;
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }
};

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
    static SystemClock *instance();
};

} // namespace Kura
