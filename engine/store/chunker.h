#pragma once

#include <QtGlobal>

#include <array>
#include <cstdint>

namespace Kura::Store {

// Content-defined chunking with a gear rolling hash and normalised cut points (FastCDC
// style). Cut points depend only on the bytes and on the repository's seed, so an insertion
// into a file shifts only the chunks around it.
struct ChunkerParams
{
    qsizetype minSize = 512 * 1024;
    qsizetype averageSize = 1024 * 1024; // a power of two
    qsizetype maxSize = 8 * 1024 * 1024;

    bool isValid() const;
};

class Chunker
{
public:
    Chunker(const ChunkerParams &params, quint64 seed);

    // Returns the length of the next chunk at the start of [data, data + size). When `isEnd`
    // is false and no cut point was found before `size`, returns 0: the caller must supply
    // more data (at least maxSize bytes when available). With `isEnd`, the rest is one chunk.
    qsizetype nextCut(const std::uint8_t *data, qsizetype size, bool isEnd) const;

    const ChunkerParams &params() const { return m_params; }

private:
    ChunkerParams m_params;
    std::array<std::uint64_t, 256> m_gear;
    std::uint64_t m_maskSmall; // more bits: harder to cut before the average size
    std::uint64_t m_maskLarge; // fewer bits: easier to cut after it
};

} // namespace Kura::Store
