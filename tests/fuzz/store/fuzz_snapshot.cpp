// libFuzzer target: snapshot manifests (decodeSnapshot, JSON).
// Properties: never crash or hang; an accepted snapshot encodes and decodes to an equal one.

#include <store/snapshot.h>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace Kura::Store;
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto snapshot = decodeSnapshot(json);
    if (!snapshot)
        return 0;
    const auto again = decodeSnapshot(encodeSnapshot(*snapshot));
    if (!again || !(*again == *snapshot))
        std::abort();
    return 0;
}
