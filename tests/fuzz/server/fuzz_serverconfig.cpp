// Fuzz target for kura-server's config file reader (engine/server/serverconfig.h): JSON of any
// shape, wrong types, out-of-range numbers, addresses and host:port strings.
//
// Whatever the reader accepts must hold the documented ranges; nothing may crash, leak or trip
// UBSan, and every refusal must say what is wrong.
#include <server/serverconfig.h>

#include <cstdint>
#include <cstdlib>

using namespace Kura;
using namespace Kura::Server;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto config = ServerConfig::parse(bytes, QStringLiteral("fuzz.json"));
    if (!config) {
        if (config.error().message().isEmpty())
            std::abort(); // a refusal must name the problem
        return 0;
    }
    if (config->tickIntervalMs < 100)
        std::abort();
    for (const QString &address : { config->advertisedAgentAddress, config->drAgentAddress }) {
        if (address.isEmpty())
            continue;
        const qsizetype colon = address.lastIndexOf(u':');
        bool ok = false;
        const uint port = colon > 0 ? address.mid(colon + 1).toUInt(&ok) : 0;
        if (!ok || port == 0 || port > 65535)
            std::abort(); // accepted an address that is not host:port
    }
    for (const QString &name : config->tlsHostNames)
        if (name.isEmpty())
            std::abort();
    return 0;
}
