// Fuzz target for the agent package reader (engine/protocol/agentpackage.h): the ZIP layer
// (QuaZip/minizip behind our size and entry checks) and the kura-agent.conf parser.
//
// Every input goes to readAgentPackage(). An input that is not a ZIP file ("PK" first) is also
// parsed as the text of kura-agent.conf, since mutations rarely produce ZIP files whose CRCs
// match. Whatever is accepted must write out again and read back unchanged. Nothing may
// crash, leak or trip UBSan.
#include <protocol/agentpackage.h>
#include <protocol/private/agentpackageconf.h>

#include <cstdint>
#include <cstdlib>

using namespace Kura;
using namespace Kura::Protocol;

namespace {

void checkRoundTrip(const Result<AgentPackage> &package)
{
    if (!package)
        return;
    const auto written = writeAgentPackage(*package);
    if (!written)
        std::abort(); // the reader accepted a field the writer refuses
    const auto again = readAgentPackage(*written);
    if (!again || !(*again == *package))
        std::abort(); // the writer and the reader disagree
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    checkRoundTrip(readAgentPackage(bytes));
    if (!bytes.startsWith("PK"))
        checkRoundTrip(Detail::agentConfFromJson(bytes));
    return 0;
}
