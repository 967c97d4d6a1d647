#pragma once

#include "filesystem.h"

#include <QHash>

#include <optional>
#include <utility>

namespace Kura::Fs {

// The restore order (docs/fs.md "Restore order"):
//   1. directories are created top-down, owner-writable (mode 0700), as they are reached;
//   2. each file, symlink and special node is created, its data written, and its metadata
//      applied right away (applyMetadata() sets the times last);
//   3. a hard link is created with createHardLink() once its first path exists
//      (HardLinkTracker); its metadata is the first path's;
//   4. when everything is written, each directory's metadata is applied, deepest first
//      (DirectoryFinisher), so creating children no longer changes its mtime and a
//      read-only directory mode cannot block the creation of its contents.

// Collects directories whose metadata is applied at the end of a restore, deepest first.
// Not thread-safe.
class DirectoryFinisher
{
public:
    // Remembers `metadata` for directory `path` (a normalized path without "." or "..").
    void add(const QByteArray &path, const Metadata &metadata);
    qsizetype pendingCount() const { return m_pending.size(); }

    struct Report
    {
        QList<Error> warnings; // owner or xattr not restored
        QList<Error> errors;   // mode or times not restored, or the directory is gone
    };
    // Applies every remembered directory's metadata, children before parents (reverse byte
    // order of the paths puts every path before its prefixes). Continues past failures and
    // reports them all. The list is empty afterwards.
    Report finish(FileSystem &fileSystem, const ApplyOptions &options = {});

private:
    QList<std::pair<QByteArray, Metadata>> m_pending;
};

// Recognises hard links while walking (backup) or restoring: two non-directories with the
// same device and inode are one file. Not thread-safe.
class HardLinkTracker
{
public:
    // For a non-directory with more than one link: the path first registered for its
    // device and inode, or nothing (and `path` is registered) when it is the first. Nodes
    // with one link or directories are never registered.
    std::optional<QByteArray> firstPathOf(const QByteArray &path, const Metadata &metadata);
    qsizetype trackedCount() const { return m_firstPaths.size(); }

private:
    QHash<std::pair<quint64, quint64>, QByteArray> m_firstPaths;
};

} // namespace Kura::Fs
