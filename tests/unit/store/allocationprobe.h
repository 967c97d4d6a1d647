#pragma once

#include <cstddef>

namespace Kura::Test {

// Records the largest single heap request (malloc, calloc, realloc, and so operator new and
// Qt's containers) made while a probe is alive, to show that a decoder does not allocate
// what untrusted input merely claims. Works by replacing malloc in the test executable, so
// it is unavailable under AddressSanitizer, which replaces malloc itself.
class AllocationProbe
{
public:
    AllocationProbe();
    ~AllocationProbe();
    AllocationProbe(const AllocationProbe &) = delete;
    AllocationProbe &operator=(const AllocationProbe &) = delete;

    static bool isAvailable();
    std::size_t largestRequest() const;
};

} // namespace Kura::Test
