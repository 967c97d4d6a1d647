// libFuzzer target: tree blobs (decodeTree, CBOR).
// Properties: never crash, hang or allocate beyond bounds; an accepted tree has valid, sorted,
// unique names, and encoding it and decoding again gives an equal tree.

#include <store/tree.h>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace Kura::Store;
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto tree = decodeTree(bytes);
    if (!tree)
        return 0;
    for (qsizetype i = 0; i < tree->nodes.size(); ++i) {
        const QByteArray &name = tree->nodes[i].name;
        if (name.isEmpty() || name.contains('/') || (i > 0 && !(tree->nodes[i - 1].name < name)))
            std::abort();
    }
    const auto again = decodeTree(encodeTree(*tree));
    if (!again || !(*again == *tree))
        std::abort();
    return 0;
}
