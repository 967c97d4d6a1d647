#pragma once

#include "filesystem.h"

#include <memory>
#include <optional>

struct stat;

namespace Kura::Fs {

namespace Posix {
class NameCache;
}

// FileSystem on Linux through POSIX and Linux calls used directly (never QFile/QDir, which
// decode names): lstat/fstatat, readlinkat, llistxattr/lgetxattr/lsetxattr, lchown,
// fchmodat, utimensat(AT_SYMLINK_NOFOLLOW), mknodat/mkfifoat, linkat, lseek(SEEK_DATA/
// SEEK_HOLE), fdatasync/fsync, ioctl(BLKGETSIZE64). Files are opened with O_NOFOLLOW and,
// where the caller may, O_NOATIME. Thread-safe: the only shared state is the name cache.
//
// The reading functions are in posixfilesystem.cpp and posixreader.cpp, the writing ones in
// posixwriter.cpp, metadata restore in posixmetadata.cpp.
class PosixFileSystem final : public FileSystem
{
public:
    PosixFileSystem();
    ~PosixFileSystem() override;

    Result<Metadata> stat(const QByteArray &path) override;
    Result<Metadata> statBasic(const QByteArray &path) override;
    Result<Metadata> statSince(const QByteArray &path, const Metadata &previous) override;
    void prefetch(const QByteArray &path, qint64 bytes) override;
    Result<QList<QByteArray>> listDirectory(const QByteArray &path) override;
    Result<QList<ListedEntry>> listDirectoryStat(const QByteArray &path) override;
    Result<Metadata> completeMetadata(const QByteArray &path, const Metadata &basic, const Metadata *previous) override;
    Result<std::unique_ptr<FileReader>> openForRead(const QByteArray &path) override;
    Result<bool> isMounted(const QByteArray &path) override;

    Result<TargetDecision> prepareTarget(const QByteArray &path, NodeType incoming,
                                         OverwritePolicy policy) override;
    Status createDirectory(const QByteArray &path, quint32 mode) override;
    Status createSymlink(const QByteArray &target, const QByteArray &path) override;
    Status createHardLink(const QByteArray &existingPath, const QByteArray &newPath) override;
    Status createSpecial(const QByteArray &path, const Metadata &metadata) override;
    Result<std::unique_ptr<FileWriter>> openForWrite(const QByteArray &path,
                                                     OpenMode mode) override;
    Status writeAtomically(const QByteArray &path, const QByteArray &data,
                           quint32 mode = 0600) override;
    Result<QList<Error>> applyMetadata(const QByteArray &path, const Metadata &metadata,
                                       const ApplyOptions &options = {}) override;

private:
    Result<Metadata> statReusing(const QByteArray &path, const Metadata *previous);
    Result<QList<ListedEntry>> listEntries(const QByteArray &path, bool withMetadata);
    // Sets uid/gid as applyMetadata() describes; returns a warning instead of failing.
    std::optional<Error> applyOwner(const QByteArray &path, const Metadata &metadata,
                                    const struct stat &current);

    std::unique_ptr<Posix::NameCache> m_names;
};

} // namespace Kura::Fs
