// Fuzz target: the Restore page's drop parser. Every input either fails with
// ErrorCode::Corrupt, or gives items that are written and read back unchanged, each with an
// absolute path and a size >= 0.
// models/ is not on the include path of the instrumented build; name the header by its place.
#include "../../../models/restoreitems.h"

#include <cstdint>
#include <cstdlib>
#include <utility>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    auto items = Kura::Models::decodeRestoreItems(bytes);
    if (!items) {
        if (items.error().code() != Kura::ErrorCode::Corrupt || items.error().message().isEmpty())
            std::abort();
        return 0;
    }
    for (const Kura::Models::RestoreItem &item : std::as_const(*items)) {
        if (!item.path.startsWith(u'/') || item.size < 0 || !Kura::Models::isSameOrUnder(item.path, QStringLiteral("/")))
            std::abort();
    }
    auto again = Kura::Models::decodeRestoreItems(Kura::Models::encodeRestoreItems(*items));
    if (!again || *again != *items)
        std::abort();
    return 0;
}
