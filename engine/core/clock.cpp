#include "clock.h"

namespace Kura {

SystemClock *SystemClock::instance()
{
    static SystemClock clock;
    return &clock;
}

} // namespace Kura
