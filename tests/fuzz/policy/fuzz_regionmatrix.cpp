// libFuzzer target: the region matrix file (RegionMatrix::fromJson).
// Properties: never crash, hang or allocate beyond the documented limits; an error is Corrupt
// or Unsupported with a message; an accepted matrix satisfies the documented rules (storage
// sites are listed regions with backup service, a remote site differs from the local one)
// and its canonical JSON parses back to the same matrix and the same canonical JSON.

#include <policy/regionmatrix.h>

#include <cstdint>
#include <cstdlib>

namespace {

bool isServingRegion(const Kura::Policy::RegionMatrix &matrix, const QString &name)
{
    return matrix.contains(name) && matrix.hasBackupService(name);
}

void checkRules(const Kura::Policy::RegionMatrix &matrix)
{
    using namespace Kura::Policy;
    const QList<RegionInfo> regions = matrix.regions();
    if (regions.size() > RegionMatrix::MaxRegions)
        std::abort();
    for (const RegionInfo &region : regions) {
        if (region.name.isEmpty() || region.name.size() > 32 || !matrix.contains(region.name))
            std::abort();
        if (!region.backupService) {
            if (matrix.hasBackupService(region.name) || !matrix.localStorageOf(region.name).isEmpty()
                || matrix.isDoubleAllowed(region.name))
                std::abort();
            continue;
        }
        const QString local = matrix.localStorageOf(region.name);
        if (!isServingRegion(matrix, local))
            std::abort();
        const QString remote = matrix.pairOf(region.name);
        if (!remote.isEmpty() && (!isServingRegion(matrix, remote) || remote == local))
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace Kura::Policy;
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto matrix = RegionMatrix::fromJson(json);
    if (!matrix) {
        const Kura::ErrorCode code = matrix.error().code();
        if ((code != Kura::ErrorCode::Corrupt && code != Kura::ErrorCode::Unsupported)
            || matrix.error().message().isEmpty())
            std::abort();
        return 0;
    }
    checkRules(*matrix);
    const QByteArray canonical = matrix->toJson();
    const auto again = RegionMatrix::fromJson(canonical);
    if (!again || again->regions() != matrix->regions() || again->toJson() != canonical)
        std::abort();
    return 0;
}
