// libFuzzer target: the price table file (PriceTable::fromJson).
// Properties: never crash, hang or allocate beyond the documented limits; an error is Corrupt
// or Unsupported with a message; an accepted table holds at most MaxEntries distinct menus,
// every price finite and within [0, MaxPrice], and looking a menu up gives its listed price.

#include <policy/pricetable.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace Kura::Policy;
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto table = PriceTable::fromJson(json);
    if (!table) {
        const Kura::ErrorCode code = table.error().code();
        if ((code != Kura::ErrorCode::Corrupt && code != Kura::ErrorCode::Unsupported)
            || table.error().message().isEmpty())
            std::abort();
        return 0;
    }
    const QList<PriceEntry> entries = table->entries();
    if (entries.size() > PriceTable::MaxEntries)
        std::abort();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const PriceEntry &entry = entries.at(i);
        if (!std::isfinite(entry.pricePerGbMonth) || entry.pricePerGbMonth < 0
            || entry.pricePerGbMonth > PriceTable::MaxPrice || entry.menu.retentionDays <= 0)
            std::abort();
        if (table->pricePerGbMonth(entry.menu) != entry.pricePerGbMonth)
            std::abort();
        for (qsizetype j = 0; j < i; ++j)
            if (entries.at(j).menu == entry.menu)
                std::abort();
    }
    return 0;
}
