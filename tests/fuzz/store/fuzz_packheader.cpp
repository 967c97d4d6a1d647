// libFuzzer target: the decrypted pack header (decodePackHeader). The first 8 bytes of the
// input are the header's offset in the pack (signed, little endian); the rest is the header.
// Properties: never crash, hang or allocate beyond the input; an accepted header tiles
// [0, headerOffset) exactly and encodes back to the same bytes.

#include <store/pack.h>

#include <QtEndian>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace Kura::Store;
    if (size < 8)
        return 0;
    const qint64 headerOffset = qFromLittleEndian<qint64>(data);
    const QByteArray plain = QByteArray::fromRawData(reinterpret_cast<const char *>(data) + 8, qsizetype(size - 8));
    const auto entries = decodePackHeader(plain, headerOffset);
    if (!entries)
        return 0;
    qint64 offset = 0;
    for (const PackEntry &e : *entries) {
        if (qint64(e.offset) != offset || e.length < SealOverhead)
            std::abort();
        offset += e.length;
    }
    if (offset != headerOffset || encodePackHeader(*entries) != plain)
        std::abort();
    return 0;
}
