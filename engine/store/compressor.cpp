#include "compressor.h"

#include <zstd.h>

#include <memory>

namespace Kura::Store {
namespace {

struct CCtxDeleter
{
    void operator()(ZSTD_CCtx *ctx) const { ZSTD_freeCCtx(ctx); }
};
struct DCtxDeleter
{
    void operator()(ZSTD_DCtx *ctx) const { ZSTD_freeDCtx(ctx); }
};

} // namespace

namespace {

// A cheap look at a large input before compressing all of it: a 64 KiB sample from the
// middle, compressed at the fastest level. Random or already compressed data (media,
// archives, encrypted files) fails this test and is stored raw without spending a full
// compression pass on it.
bool looksCompressible(ZSTD_CCtx *ctx, const char *data, qsizetype size)
{
    constexpr qsizetype SampleBytes = 64 * 1024;
    if (size < 4 * SampleBytes)
        return true;
    char out[SampleBytes + 1024];
    const char *sample = data + (size - SampleBytes) / 2;
    const size_t n = ZSTD_compressCCtx(ctx, out, sizeof out, sample, SampleBytes, 1);
    return !ZSTD_isError(n) && qsizetype(n) < SampleBytes - SampleBytes / 32;
}

} // namespace

QByteArray compress(const char *data, qsizetype size, int level)
{
    thread_local std::unique_ptr<ZSTD_CCtx, CCtxDeleter> ctx(ZSTD_createCCtx());
    if (!looksCompressible(ctx.get(), data, size))
        return {};
    // Worth it only if it saves at least 1/64 of the size (and a few bytes).
    const qsizetype worthIt = size - size / 64 - 16;
    if (worthIt <= 0)
        return {};
    // Into a buffer the thread keeps, then copied at its own size: a result that held the
    // whole bound would take about twice the memory of the compressed bytes while queued, and
    // a fresh bound-sized allocation per chunk costs page faults.
    thread_local QByteArray scratch;
    const qsizetype bound = qsizetype(ZSTD_compressBound(size_t(size)));
    if (scratch.size() < bound)
        scratch.resize(bound);
    const size_t n = ZSTD_compressCCtx(ctx.get(), scratch.data(), size_t(bound), data, size_t(size), level);
    if (ZSTD_isError(n) || qsizetype(n) > worthIt)
        return {};
    return QByteArray(scratch.constData(), qsizetype(n));
}

Result<QByteArray> decompress(const char *data, qsizetype size, qsizetype expectedSize)
{
    QByteArray out;
    KURA_TRY(decompressInto(data, size, expectedSize, out));
    return out;
}

Status decompressInto(const char *data, qsizetype size, qsizetype expectedSize, QByteArray &out)
{
    thread_local std::unique_ptr<ZSTD_DCtx, DCtxDeleter> ctx(ZSTD_createDCtx());
    const unsigned long long declared = ZSTD_getFrameContentSize(data, size_t(size));
    if (declared == ZSTD_CONTENTSIZE_ERROR)
        return fail(ErrorCode::Corrupt, QStringLiteral("not a zstd frame"));
    if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared != quint64(expectedSize))
        return fail(ErrorCode::Corrupt, QStringLiteral("zstd frame declares %1 bytes, index says %2")
                                            .arg(declared)
                                            .arg(expectedSize));
    out.resize(expectedSize); // keeps the capacity `out` has
    const size_t n = ZSTD_decompressDCtx(ctx.get(), out.data(), size_t(expectedSize), data, size_t(size));
    if (ZSTD_isError(n))
        return fail(ErrorCode::Corrupt,
                    QStringLiteral("zstd: %1").arg(QString::fromLatin1(ZSTD_getErrorName(n))));
    if (qsizetype(n) != expectedSize)
        return fail(ErrorCode::Corrupt, QStringLiteral("decompressed %1 bytes, expected %2")
                                            .arg(n)
                                            .arg(expectedSize));
    return {};
}

} // namespace Kura::Store
