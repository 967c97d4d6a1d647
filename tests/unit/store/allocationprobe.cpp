#include "allocationprobe.h"

#include <atomic>

#if defined(__SANITIZE_ADDRESS__)
#define KURA_PROBE_DISABLED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define KURA_PROBE_DISABLED 1
#endif
#endif

namespace {

std::atomic<bool> probing { false };
std::atomic<std::size_t> largest { 0 };

[[maybe_unused]] void note(std::size_t size)
{
    if (!probing.load(std::memory_order_relaxed))
        return;
    std::size_t seen = largest.load(std::memory_order_relaxed);
    while (size > seen && !largest.compare_exchange_weak(seen, size, std::memory_order_relaxed)) {
    }
}

} // namespace

#ifndef KURA_PROBE_DISABLED
// glibc's own allocator entry points; the definitions below take precedence over libc's
// for every library of the process.
extern "C" void *__libc_malloc(std::size_t size);
extern "C" void *__libc_calloc(std::size_t count, std::size_t size);
extern "C" void *__libc_realloc(void *pointer, std::size_t size);

extern "C" void *malloc(std::size_t size)
{
    note(size);
    return __libc_malloc(size);
}

extern "C" void *calloc(std::size_t count, std::size_t size)
{
    std::size_t total = 0;
    note(__builtin_mul_overflow(count, size, &total) ? ~std::size_t(0) : total);
    return __libc_calloc(count, size);
}

extern "C" void *realloc(void *pointer, std::size_t size)
{
    note(size);
    return __libc_realloc(pointer, size);
}
#endif

namespace Kura::Test {

AllocationProbe::AllocationProbe()
{
    largest.store(0);
    probing.store(true);
}

AllocationProbe::~AllocationProbe() { probing.store(false); }

bool AllocationProbe::isAvailable()
{
#ifdef KURA_PROBE_DISABLED
    return false;
#else
    return true;
#endif
}

std::size_t AllocationProbe::largestRequest() const { return largest.load(); }

} // namespace Kura::Test
