// libFuzzer target: the decrypted index object (decodeIndex).
// Properties: never crash, hang or allocate for counts the input cannot hold; an accepted
// index encodes back to exactly the same bytes (the format has one encoding per value).

#include <store/index.h>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace Kura::Store;
    const QByteArray plain = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto packs = decodeIndex(plain);
    if (packs && encodeIndex(*packs) != plain)
        std::abort();
    return 0;
}
