#pragma once

// Small POSIX helpers shared by the PosixFileSystem sources. Not a public API.

#include "../metadata.h"

#include <core/error.h>

#include <QByteArray>

#include <sys/stat.h>
#include <time.h>

namespace Kura::Fs::Posix {

// Owns a file descriptor and closes it on destruction.
class UniqueFd
{
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) { }
    UniqueFd(UniqueFd &&other) noexcept : m_fd(other.release()) { }
    UniqueFd &operator=(UniqueFd &&other) noexcept;
    UniqueFd(const UniqueFd &) = delete;
    UniqueFd &operator=(const UniqueFd &) = delete;
    ~UniqueFd() { reset(); }

    int get() const { return m_fd; }
    bool isValid() const { return m_fd >= 0; }
    int release();
    void reset(int fd = -1);
    // Closes now and reports the close error (EIO on NFS, for example), if any.
    int close();

private:
    int m_fd = -1;
};

// Error::fromErrno() for a raw path, with codes refined for file-system use: EEXIST and
// ENOTEMPTY are Conflict, ENOTSUP/EOPNOTSUPP are Unsupported.
Error errnoError(const char *operation, const QByteArray &path, int errnum);
inline tl::unexpected<Error> failErrno(const char *operation, const QByteArray &path, int errnum)
{
    return tl::unexpected<Error>(errnoError(operation, path, errnum));
}

// Rejects a path the OS would misread: empty, or holding a NUL byte (C strings end there,
// so "a\0b" would silently become "a"). Paths may come from an untrusted snapshot.
Status checkPath(const char *operation, const QByteArray &path);

NodeType nodeTypeFromMode(mode_t mode);
// The fields of `st` (no names, no symlink target, no xattrs).
Metadata metadataFromStat(const struct stat &st);

qint64 nanosecondsFromTimespec(const struct timespec &time);
struct timespec timespecFromNanoseconds(qint64 nanoseconds);

// Writes all of `size` bytes at `offset` (pwrite, retried on EINTR and short writes).
// Returns 0 or an errno value.
int writeAllAt(int fd, const char *data, qint64 size, qint64 offset);
// open() retried on EINTR.
int openRetrying(const char *path, int flags, mode_t mode = 0);

} // namespace Kura::Fs::Posix
