#include "nodemetadata.h"

namespace Kura::Store {

Node nodeFromMetadata(const QByteArray &name, const Fs::Metadata &m)
{
    Node n;
    n.name = name;
    n.type = NodeType(int(m.type)); // the two enums list the same types in the same order
    n.mode = m.mode & 07777;
    n.uid = m.uid;
    n.gid = m.gid;
    n.user = m.userName;
    n.group = m.groupName;
    n.mtimeNs = m.mtimeNs;
    n.atimeNs = m.atimeNs;
    n.ctimeNs = m.ctimeNs;
    n.device = m.device;
    n.inode = m.inode;
    n.links = m.links;
    n.size = m.type == Fs::NodeType::File || m.type == Fs::NodeType::Symlink ? m.size : 0;
    n.rdev = m.rdev;
    n.linkTarget = m.symlinkTarget;
    for (const Fs::Xattr &x : m.xattrs)
        n.xattrs.append({ x.name, x.value });
    return n;
}

Fs::Metadata metadataFromNode(const Node &n)
{
    Fs::Metadata m;
    m.type = Fs::NodeType(int(n.type));
    m.mode = n.mode;
    m.uid = n.uid;
    m.gid = n.gid;
    m.userName = n.user;
    m.groupName = n.group;
    m.mtimeNs = n.mtimeNs;
    m.atimeNs = n.atimeNs;
    m.ctimeNs = n.ctimeNs;
    m.device = n.device;
    m.inode = n.inode;
    m.links = n.links;
    m.size = n.size;
    m.rdev = n.rdev;
    m.symlinkTarget = n.linkTarget;
    for (const ExtendedAttribute &x : n.xattrs)
        m.xattrs.append({ x.name, x.value });
    return m;
}

} // namespace Kura::Store
static_assert(int(Kura::Store::NodeType::Socket) == int(Kura::Fs::NodeType::Socket));
