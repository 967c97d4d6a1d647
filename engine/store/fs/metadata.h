#pragma once

#include <QByteArray>
#include <QList>

namespace Kura::Fs {

// The kind of a file-system node, as lstat() reports it. Symbolic links are never followed.
enum class NodeType {
    File,
    Directory,
    Symlink,
    CharDevice,
    BlockDevice,
    Fifo,
    Socket,
};

// A stable lower-case name ("file", "directory", "symlink", "char_device", "block_device",
// "fifo", "socket") for formats and messages.
const char *nodeTypeName(NodeType type);

// One extended attribute. Names and values are raw bytes (a value may hold NULs).
struct Xattr
{
    QByteArray name;
    QByteArray value;

    bool operator==(const Xattr &other) const = default;
};

// Everything Kura captures about one node, with full fidelity. Filled by
// FileSystem::stat(); applied on restore by FileSystem::applyMetadata().
struct Metadata
{
    NodeType type = NodeType::File;
    // Permission bits including setuid (04000), setgid (02000) and sticky (01000); no type bits.
    quint32 mode = 0;
    quint32 uid = 0;
    quint32 gid = 0;
    // Owner and group names resolved on the source machine, empty when the id has no name.
    QByteArray userName;
    QByteArray groupName;
    // Nanoseconds since 1970-01-01T00:00:00Z (negative before it).
    qint64 atimeNs = 0;
    qint64 mtimeNs = 0;
    qint64 ctimeNs = 0;
    // Identity of the node on the source: two paths with the same device and inode are
    // hard links to one file.
    quint64 device = 0;
    quint64 inode = 0;
    quint64 links = 0;
    // Bytes: st_size for files and symlinks; the device size for block devices opened by
    // FileReader (stat() reports st_size, which is 0 for a device node).
    qint64 size = 0;
    // Device number of a character or block device node (makedev(major, minor)).
    quint64 rdev = 0;
    // Target bytes of a symbolic link; empty for every other type.
    QByteArray symlinkTarget;
    // Extended attributes, sorted by name (byte order).
    QList<Xattr> xattrs;

    bool operator==(const Metadata &other) const = default;
};

// True when the content of a file may differ between two observations of it: the size,
// the modification time, the change time, the device or the inode differ. Used to detect a
// file that changed while it was being read (compare the metadata at open with a re-stat at
// the end) and by the parent-snapshot cache.
bool contentMayDiffer(const Metadata &before, const Metadata &after);

} // namespace Kura::Fs
