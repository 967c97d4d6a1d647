#include "metadata.h"

namespace Kura::Fs {

const char *nodeTypeName(NodeType type)
{
    switch (type) {
    case NodeType::File: return "file";
    case NodeType::Directory: return "directory";
    case NodeType::Symlink: return "symlink";
    case NodeType::CharDevice: return "char_device";
    case NodeType::BlockDevice: return "block_device";
    case NodeType::Fifo: return "fifo";
    case NodeType::Socket: return "socket";
    }
    return "file";
}

bool contentMayDiffer(const Metadata &before, const Metadata &after)
{
    return before.size != after.size || before.mtimeNs != after.mtimeNs
        || before.ctimeNs != after.ctimeNs || before.device != after.device
        || before.inode != after.inode;
}

} // namespace Kura::Fs
