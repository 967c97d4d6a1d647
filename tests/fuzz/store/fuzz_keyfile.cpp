// libFuzzer target: key files (decodeKeyFile, JSON). Only decodes: deriving a key would make
// every input cost scrypt's time and memory.
// Properties: never crash or hang; an accepted key file has valid scrypt parameters and a
// sealed key of the right size, and encodes and decodes to the same values.

#include <store/keyfile.h>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace Kura::Store;
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto key = decodeKeyFile(json);
    if (!key)
        return 0;
    if (!key->params.validate() || key->salt.size() < 16 || key->sealedKey.size() != 72 + SealOverhead)
        std::abort();
    const auto again = decodeKeyFile(encodeKeyFile(*key));
    if (!again || again->params.n != key->params.n || again->params.r != key->params.r
        || again->params.p != key->params.p || again->salt != key->salt || again->sealedKey != key->sealedKey
        || again->host != key->host)
        std::abort();
    return 0;
}
