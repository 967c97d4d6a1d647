#include "memory.h"

#include <QTimer>

#include <cstdlib> // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace Kura {

namespace {
constexpr int IdleReleaseDelayMs = 1000;
} // namespace

void releaseFreeMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

void releaseFreeMemoryWhenIdle(QObject *context, std::function<bool()> idle)
{
    QTimer::singleShot(IdleReleaseDelayMs, context, [idle = std::move(idle)] {
        if (idle())
            releaseFreeMemory();
    });
}

} // namespace Kura
