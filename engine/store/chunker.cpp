#include "chunker.h"

#include <bit>

namespace Kura::Store {
namespace {

std::uint64_t splitMix64(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// A mask with `bits` one-bits spread over the upper part of the word: the gear hash shifts
// left, so high bits depend on the most recent 64 bytes.
std::uint64_t spreadMask(int bits)
{
    std::uint64_t mask = 0;
    for (int i = 0; i < bits; ++i)
        mask |= std::uint64_t(1) << (63 - i * 2 % 48 - i / 24);
    return mask;
}

} // namespace

bool ChunkerParams::isValid() const
{
    return minSize >= 64 && minSize < averageSize && averageSize < maxSize
        && std::has_single_bit(std::uint64_t(averageSize)) && maxSize <= 64 * 1024 * 1024;
}

Chunker::Chunker(const ChunkerParams &params, quint64 seed)
    : m_params(params)
{
    Q_ASSERT(params.isValid());
    std::uint64_t state = seed;
    for (auto &g : m_gear)
        g = splitMix64(state);
    const int bits = std::countr_zero(std::uint64_t(params.averageSize));
    m_maskSmall = spreadMask(bits + 2);
    m_maskLarge = spreadMask(bits - 2);
}

qsizetype Chunker::nextCut(const std::uint8_t *data, qsizetype size, bool isEnd) const
{
    if (size <= m_params.minSize)
        return isEnd ? size : 0;
    const qsizetype limit = qMin(size, m_params.maxSize);
    const qsizetype normal = qMin(limit, m_params.averageSize);
    std::uint64_t hash = 0;
    // Bytes before minSize never cut; only the last 64 of them influence the hash.
    qsizetype i = m_params.minSize - 64;
    for (; i < m_params.minSize; ++i)
        hash = (hash << 1) + m_gear[data[i]];
    for (; i < normal; ++i) {
        hash = (hash << 1) + m_gear[data[i]];
        if (!(hash & m_maskSmall))
            return i + 1;
    }
    for (; i < limit; ++i) {
        hash = (hash << 1) + m_gear[data[i]];
        if (!(hash & m_maskLarge))
            return i + 1;
    }
    if (limit == m_params.maxSize || isEnd)
        return limit;
    return 0;
}

} // namespace Kura::Store
