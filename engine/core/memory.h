#pragma once

#include <functional>

class QObject;

namespace Kura {

// Returns the allocator's free memory to the kernel (malloc_trim on glibc, a no-op elsewhere).
// The daemons call it when their last job has ended: a backup's data path frees buffers of
// several MiB (chunks, TLS write bursts) that glibc otherwise keeps mapped: an idle agent held
// 74-122 MiB after a 520 MB backup, and 58-76 MiB with this call. It walks every arena, which
// costs a few milliseconds when much memory is free, so it is not for a hot path.
void releaseFreeMemory();

// A second from now, releaseFreeMemory() if `idle()` still holds then; nothing if `context`
// is gone by then. For a daemon at the end of each job: a job that starts meanwhile keeps it.
void releaseFreeMemoryWhenIdle(QObject *context, std::function<bool()> idle);

} // namespace Kura
