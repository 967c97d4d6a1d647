#include "posixutil.h"

#include "../pathtext.h"

#include <QtGlobal>

#include <cerrno>
#include <limits>
#include <fcntl.h>
#include <unistd.h>

namespace Kura::Fs::Posix {

UniqueFd &UniqueFd::operator=(UniqueFd &&other) noexcept
{
    if (this != &other)
        reset(other.release());
    return *this;
}

int UniqueFd::release()
{
    const int fd = m_fd;
    m_fd = -1;
    return fd;
}

void UniqueFd::reset(int fd)
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
}

int UniqueFd::close()
{
    if (m_fd < 0)
        return 0;
    // Linux closes the descriptor even when close() fails, so it must not be retried.
    const int result = ::close(m_fd);
    m_fd = -1;
    return result == 0 ? 0 : errno;
}

Error errnoError(const char *operation, const QByteArray &path, int errnum)
{
    Error base = Error::fromErrno(QString::fromLatin1(operation), displayPath(path), errnum);
    switch (errnum) {
    case EEXIST:
    case ENOTEMPTY:
        return Error(ErrorCode::Conflict, base.message(), base.retryable());
    case ENOTSUP:
#if EOPNOTSUPP != ENOTSUP
    case EOPNOTSUPP:
#endif
        return Error(ErrorCode::Unsupported, base.message(), base.retryable());
    default:
        return base;
    }
}

Status checkPath(const char *operation, const QByteArray &path)
{
    if (path.isEmpty()) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1: empty path").arg(QLatin1String(operation)));
    }
    if (path.contains('\0')) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("%1 \"%2\": path holds a NUL byte")
                        .arg(QLatin1String(operation), displayPath(path)));
    }
    return {};
}

NodeType nodeTypeFromMode(mode_t mode)
{
    switch (mode & S_IFMT) {
    case S_IFDIR: return NodeType::Directory;
    case S_IFLNK: return NodeType::Symlink;
    case S_IFCHR: return NodeType::CharDevice;
    case S_IFBLK: return NodeType::BlockDevice;
    case S_IFIFO: return NodeType::Fifo;
    case S_IFSOCK: return NodeType::Socket;
    default: return NodeType::File;
    }
}

Metadata metadataFromStat(const struct stat &st)
{
    Metadata metadata;
    metadata.type = nodeTypeFromMode(st.st_mode);
    metadata.mode = quint32(st.st_mode & 07777);
    metadata.uid = quint32(st.st_uid);
    metadata.gid = quint32(st.st_gid);
    metadata.atimeNs = nanosecondsFromTimespec(st.st_atim);
    metadata.mtimeNs = nanosecondsFromTimespec(st.st_mtim);
    metadata.ctimeNs = nanosecondsFromTimespec(st.st_ctim);
    metadata.device = quint64(st.st_dev);
    metadata.inode = quint64(st.st_ino);
    metadata.links = quint64(st.st_nlink);
    metadata.size = qint64(st.st_size);
    metadata.rdev = quint64(st.st_rdev);
    return metadata;
}

namespace {
constexpr qint64 NanosecondsPerSecond = 1000000000;
}

qint64 nanosecondsFromTimespec(const struct timespec &time)
{
    // qint64 nanoseconds span the years 1678 to 2262; times outside are clamped.
    constexpr qint64 MaxSeconds = std::numeric_limits<qint64>::max() / NanosecondsPerSecond - 1;
    const qint64 seconds = qBound(-MaxSeconds, qint64(time.tv_sec), MaxSeconds);
    return seconds * NanosecondsPerSecond + qint64(time.tv_nsec);
}

struct timespec timespecFromNanoseconds(qint64 nanoseconds)
{
    // Floor division: tv_nsec must be in [0, 1e9) also before 1970.
    qint64 seconds = nanoseconds / NanosecondsPerSecond;
    qint64 rest = nanoseconds % NanosecondsPerSecond;
    if (rest < 0) {
        rest += NanosecondsPerSecond;
        --seconds;
    }
    struct timespec time = {};
    time.tv_sec = time_t(seconds);
    time.tv_nsec = long(rest);
    return time;
}

int writeAllAt(int fd, const char *data, qint64 size, qint64 offset)
{
    while (size > 0) {
        const ssize_t written = ::pwrite(fd, data, size_t(size), off_t(offset));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (written == 0)
            return EIO;
        data += written;
        size -= written;
        offset += written;
    }
    return 0;
}

int openRetrying(const char *path, int flags, mode_t mode)
{
    int fd;
    do {
        fd = ::open(path, flags, mode);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

} // namespace Kura::Fs::Posix
