// Fuzz target: the console's RFC 4180 reader. Every input either parses, and then selecting
// all rows gives the document back byte for byte, or fails with ErrorCode::Corrupt.
// models/ is not on the include path of the instrumented build; name the header by its place.
#include "../../../models/csvrecords.h"

#include <cstdint>
#include <cstdlib>
#include <numeric>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    auto document = Kura::Models::parseCsv(bytes);
    if (!document) {
        if (document.error().code() != Kura::ErrorCode::Corrupt)
            std::abort();
        return 0;
    }
    if (document->records.isEmpty()) {
        if (!bytes.isEmpty() && bytes != document->byteOrderMark)
            std::abort();
        return 0;
    }
    QList<int> all(document->records.size() - 1);
    std::iota(all.begin(), all.end(), 0);
    auto again = Kura::Models::selectCsvRows(*document, all);
    if (!again || *again != bytes)
        std::abort();
    return 0;
}
