#pragma once

#include <core/error.h>

#include <QByteArray>

namespace Kura::Store {

enum class Compression : quint8 { None = 0, Zstd = 1 };

// Compresses with zstd at `level` (1..19). Returns an empty array when compression does not
// pay (the result would not be smaller than `size` minus a small margin): store raw then.
QByteArray compress(const char *data, qsizetype size, int level);

// Decompresses a zstd frame whose content size must be exactly `expectedSize` (from the
// index); anything else is ErrorCode::Corrupt. Never allocates more than expectedSize.
Result<QByteArray> decompress(const char *data, qsizetype size, qsizetype expectedSize);
// The same into `out`, whose allocation is reused when large enough (a buffer a thread keeps
// for data it only checks). `out` holds the `expectedSize` bytes on success, garbage otherwise.
Status decompressInto(const char *data, qsizetype size, qsizetype expectedSize, QByteArray &out);

} // namespace Kura::Store
