#pragma once

#include "metadata.h"

#include <core/error.h>

#include <QByteArray>
#include <QList>

#include <memory>

namespace Kura::Fs {

// A region of a file that holds data; everything between extents is a hole (reads as zeros
// and occupies no disk space).
struct Extent
{
    qint64 offset = 0;
    qint64 length = 0;

    bool operator==(const Extent &other) const = default;
};

// An open file or block device being read for backup. Owns its OS handle and closes it on
// destruction. Not thread-safe: use one reader per thread (readAt() from several threads on
// one reader is safe on POSIX, read() is not).
class FileReader
{
public:
    virtual ~FileReader() = default;

    // The path the reader was opened with.
    virtual const QByteArray &path() const = 0;
    // The node's metadata taken from the open handle right after opening (no names, no
    // xattrs). For a block device, `size` is the device size, not st_size.
    virtual const Metadata &metadataAtOpen() const = 0;
    // Bytes readable: metadataAtOpen().size.
    qint64 size() const { return metadataAtOpen().size; }

    // Reads up to `maxBytes` at the current position and advances it. Returns the number of
    // bytes read; fewer than asked only at end of file, 0 at end of file.
    virtual Result<qint64> read(char *buffer, qint64 maxBytes) = 0;
    // Reads up to `maxBytes` at `offset` without moving the current position; fewer only at
    // end of file. Offsets beyond 4 GiB are fine.
    virtual Result<qint64> readAt(qint64 offset, char *buffer, qint64 maxBytes) = 0;
    // Convenience: reads at most `maxBytes` (limited to 256 MiB, else InvalidArgument) at
    // `offset` into a new array.
    Result<QByteArray> readBytesAt(qint64 offset, qint64 maxBytes);

    // The data regions of the file in ascending order, found with SEEK_DATA/SEEK_HOLE where
    // the file system supports them; otherwise one extent covering the whole file. Extents
    // end at size() (what was there at open). An empty or all-hole file gives an empty list;
    // a block device is always one extent. Does not move the read() position.
    virtual Result<QList<Extent>> dataExtents() = 0;

    // Metadata of the open handle now (fstat; no names, no xattrs; device size for a block
    // device, as in metadataAtOpen()).
    virtual Result<Metadata> restat() = 0;
    // True when size, mtime or ctime of the open file differ from metadataAtOpen(): the file
    // changed while it was read, and the copy may be inconsistent.
    Result<bool> changedSinceOpen();
};

// An open regular file (or existing block device) being written by restore. Owns its OS
// handle and closes it on destruction. Not thread-safe.
class FileWriter
{
public:
    virtual ~FileWriter() = default;

    virtual const QByteArray &path() const = 0;
    // Writes all of `data` at `offset`. Regions never written stay holes in a new file.
    virtual Status writeAt(qint64 offset, const QByteArray &data) = 0;
    // Like writeAt(), but skips 4 KiB-aligned blocks that are all zeros so they stay holes
    // (restore of an image whose zero areas were not recorded as holes). Relies on unwritten
    // regions of a new file reading as zeros, so write each region of a new file at most once.
    // In a file opened with OpenMode::ExistingInPlace every byte is written (old contents
    // must be overwritten), so the result is byte-identical either way.
    virtual Status writeAtSkippingZeros(qint64 offset, const QByteArray &data) = 0;
    // Sets the final size (ftruncate for files, so trailing holes exist; for a block device
    // checks that it is at least that large), optionally flushes to disk, and closes. Further
    // writes fail. Must be called: a writer destroyed without finish() leaves what was written.
    virtual Status finish(qint64 finalSize, bool syncToDisk) = 0;
};

// How openForWrite() treats what already exists at the path.
enum class OpenMode {
    // Create a new regular file; Conflict if anything exists at the path.
    CreateExclusive,
    // Remove an existing non-directory at the path (a symlink is removed, never followed),
    // then create a new regular file. Conflict if a directory is there.
    ReplaceExisting,
    // Open an existing regular file or block device for writing in place, without truncating
    // (restore of a system image onto a device). NotFound if nothing exists.
    ExistingInPlace,
};

// The restore overwrite policy (SPEC §6) for a node whose target path is taken.
enum class OverwritePolicy {
    Skip,       // leave what is there; the node is not restored
    Overwrite,  // remove what is there (never a directory tree) and restore in its place
    KeepBoth,   // keep what is there; restore under the first free "<name>.restored-<n>"
};

// What restore should do with one node after applying the overwrite policy.
struct TargetDecision
{
    enum class Action {
        Create, // nothing (or nothing any more) is at `path`: create the node there
        Merge,  // a directory is there and a directory is restored: reuse it
        Skip,   // keep what is there and do not restore this node
    };
    Action action = Action::Create;
    QByteArray path;
};

// Which parts of Metadata applyMetadata() restores.
struct ApplyOptions
{
    bool owner = true;  // uid/gid, by name when the name exists on this machine
    bool xattrs = true; // user.* always; other namespaces where the OS permits
    bool mode = true;   // permission bits incl. setuid/setgid/sticky (not on symlinks)
    bool times = true;  // atime and mtime with nanoseconds, applied last
};

// The platform seam for reading and writing file systems with full fidelity. Paths are raw
// bytes and are never decoded. Every failure is an Error value naming the operation and the
// path: ErrorCode::NotFound when the node does not exist (a file that vanished between a
// listing and its stat is NotFound, so a walker can skip it with a warning), Forbidden for
// EACCES/EPERM, Io otherwise. Implementations are thread-safe.
// One entry of FileSystem::listDirectoryStat.
struct ListedEntry
{
    QByteArray name;
    Result<Metadata> metadata; // statBasic() of the entry, or why it could not be read
};

class FileSystem
{
public:
    virtual ~FileSystem() = default;

    // ---- Reading (backup) ----

    // Metadata of the node at `path`, never following a symlink (lstat): names of uid/gid,
    // symlink target and xattrs included. An FS without xattr support gives an empty list.
    virtual Result<Metadata> stat(const QByteArray &path) = 0;
    // The same without names, symlink target and xattrs: one lstat. For scans that only need
    // types and sizes (progress totals).
    virtual Result<Metadata> statBasic(const QByteArray &path) = 0;
    // stat() for a node that was seen before as `previous` (an incremental backup's parent):
    // when the node's type, inode and ctime are unchanged, its xattrs and symlink target are
    // taken from `previous` rather than read again, since changing either changes the ctime.
    // The default reads everything.
    virtual Result<Metadata> statSince(const QByteArray &path, const Metadata &previous)
    {
        Q_UNUSED(previous);
        return stat(path);
    }
    // A hint that the first `bytes` of the regular file at `path` will be read soon: the
    // implementation may start reading them in the background. Best effort, no errors.
    virtual void prefetch(const QByteArray &path, qint64 bytes)
    {
        Q_UNUSED(path);
        Q_UNUSED(bytes);
    }
    // Names in directory `path`, sorted bytewise, without "." and "..".
    virtual Result<QList<QByteArray>> listDirectory(const QByteArray &path) = 0;
    // listDirectory() with statBasic() of each entry (an entry that vanished or cannot be
    // stat'ed carries its error). Implementations may stat relative to the open directory,
    // which spares a path lookup per entry.
    virtual Result<QList<ListedEntry>> listDirectoryStat(const QByteArray &path);
    // What stat() / statSince() add to `basic` (statBasic() of the same `path`): names of
    // uid/gid, symlink target and xattrs, the latter two taken from `previous` when the node's
    // type, inode and ctime are unchanged. The default stats again.
    virtual Result<Metadata> completeMetadata(const QByteArray &path, const Metadata &basic, const Metadata *previous)
    {
        Q_UNUSED(basic);
        return previous ? statSince(path, *previous) : stat(path);
    }
    // Opens a regular file or block device for reading, never following a symlink and without
    // updating its atime where permitted. InvalidArgument for other node types.
    virtual Result<std::unique_ptr<FileReader>> openForRead(const QByteArray &path) = 0;
    // Whether the block device at `path` is mounted (by device number or source path).
    // InvalidArgument if `path` is not a block device.
    virtual Result<bool> isMounted(const QByteArray &path) = 0;

    // ---- Writing (restore) ----

    // Decides where a node of type `incoming` is restored when its target is `path`, and,
    // for OverwritePolicy::Overwrite, removes the non-directory in the way. A directory tree
    // is never removed: Overwrite of a directory by a non-directory is Conflict. KeepBoth
    // picks the first free keepBothCandidate() (Conflict after 10000 attempts). The choice
    // is not atomic: create the node with an exclusive call and retry on Conflict.
    virtual Result<TargetDecision> prepareTarget(const QByteArray &path, NodeType incoming,
                                                 OverwritePolicy policy) = 0;
    // Creates a directory with `mode`. An existing directory at `path` is accepted as is;
    // anything else there is Conflict.
    virtual Status createDirectory(const QByteArray &path, quint32 mode) = 0;
    // Creates symlink `path` pointing at `target` (any bytes; it need not exist).
    virtual Status createSymlink(const QByteArray &target, const QByteArray &path) = 0;
    // Creates `newPath` as another name of `existingPath` (which is not followed if a symlink).
    virtual Status createHardLink(const QByteArray &existingPath, const QByteArray &newPath) = 0;
    // Creates a FIFO, a socket node, or (with CAP_MKNOD, usually root) a character or block
    // device from `metadata.type`, `mode` and `rdev`. Unsupported for other types.
    virtual Status createSpecial(const QByteArray &path, const Metadata &metadata) = 0;
    // Opens a regular file for writing as `mode` says. New files are created with
    // permissions 0600 until applyMetadata() sets the real ones.
    virtual Result<std::unique_ptr<FileWriter>> openForWrite(const QByteArray &path,
                                                             OpenMode mode) = 0;
    // Replaces `path` with `data` atomically: writes a temporary file in the same directory
    // (".<name>.kura-tmp-XXXXXX", created exclusively with a random suffix), sets `mode`,
    // flushes it (fdatasync), renames it over `path` and flushes the directory (fsync).
    // On failure before the rename the temporary file is removed and `path` is untouched;
    // a failure of the final directory fsync is reported although `path` is already replaced.
    virtual Status writeAtomically(const QByteArray &path, const QByteArray &data,
                                   quint32 mode = 0600) = 0;
    // Restores metadata onto the node at `path` (never following a symlink) in this order:
    // owner and group, xattrs, mode, then atime/mtime. Owner changes happen only as root or
    // for the own uid (group only); failures to set owner, group or xattrs are returned as
    // warnings, failures of mode or times as the error. Directories: call this after their
    // contents are complete (see DirectoryFinisher), or creating children changes the mtime.
    virtual Result<QList<Error>> applyMetadata(const QByteArray &path, const Metadata &metadata,
                                               const ApplyOptions &options = {}) = 0;
};

} // namespace Kura::Fs
