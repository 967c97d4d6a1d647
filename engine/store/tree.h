#pragma once

#include "blobid.h"

#include <core/error.h>

#include <QByteArray>
#include <QList>

namespace Kura::Store {

enum class NodeType : quint8 { File = 0, Directory, Symlink, CharDevice, BlockDevice, Fifo, Socket };

struct ExtendedAttribute
{
    QByteArray name;
    QByteArray value;
    bool operator==(const ExtendedAttribute &) const = default;
};

// A piece of a file's content: a chunk (its id and length) or a hole of `length` zero bytes
// that costs nothing to store and is restored as a hole.
struct ContentPart
{
    BlobId id;           // null for a hole
    quint32 length = 0;
    bool isHole() const { return id.isNull(); }
    bool operator==(const ContentPart &) const = default;
};

// One entry of a directory, with everything needed to restore it faithfully.
struct Node
{
    QByteArray name; // raw bytes: any encoding, never '/' or empty, may contain newlines
    NodeType type = NodeType::File;
    quint32 mode = 0; // permission bits including setuid, setgid and sticky
    quint32 uid = 0;
    quint32 gid = 0;
    QByteArray user;
    QByteArray group;
    qint64 mtimeNs = 0;
    qint64 atimeNs = 0;
    qint64 ctimeNs = 0;
    quint64 device = 0;
    quint64 inode = 0;
    quint64 links = 1;
    qint64 size = 0;
    quint64 rdev = 0;
    QByteArray linkTarget;
    QList<ExtendedAttribute> xattrs;
    QList<ContentPart> content; // files only
    BlobId subtree;             // directories only

    bool operator==(const Node &) const = default;
};

// A directory: its entries sorted by name. Encoded as CBOR and stored as a tree blob.
struct Tree
{
    QList<Node> nodes;
    bool operator==(const Tree &) const = default;
};

constexpr qsizetype MaxNameBytes = 4096;
constexpr qsizetype MaxTreeNodes = 4 * 1024 * 1024;

QByteArray encodeTree(const Tree &tree);
// Parses a tree blob; every field is type-checked and names must be valid, unique and sorted.
Result<Tree> decodeTree(const QByteArray &bytes);

} // namespace Kura::Store
