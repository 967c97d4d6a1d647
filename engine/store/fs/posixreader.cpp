#include "private/posixreader.h"

#include "pathtext.h"

#include <cerrno>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace Kura::Fs::Posix {

namespace {

// O_NOATIME keeps backups from touching every file's atime, but only the owner (or
// CAP_FOWNER) may use it; anyone else gets EPERM and opens without it.
int openNoFollow(const QByteArray &path)
{
    const int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK;
    const int fd = openRetrying(path.constData(), flags | O_NOATIME);
    if (fd < 0 && errno == EPERM)
        return openRetrying(path.constData(), flags);
    return fd;
}

Error notReadable(const QByteArray &path, const char *what)
{
    return Error(ErrorCode::InvalidArgument,
                 QStringLiteral("open \"%1\": is a %2, not a regular file or block device")
                     .arg(displayPath(path), QLatin1String(what)));
}

} // namespace

void prefetchFile(const QByteArray &path, qint64 bytes)
{
    const UniqueFd fd(openNoFollow(path));
    if (fd.isValid())
        (void)::posix_fadvise(fd.get(), 0, off_t(bytes), POSIX_FADV_WILLNEED);
}

Result<Metadata> statDescriptor(int fd, const QByteArray &path)
{
    struct stat st = {};
    if (::fstat(fd, &st) != 0)
        return failErrno("fstat", path, errno);
    Metadata metadata = metadataFromStat(st);
    if (metadata.type == NodeType::BlockDevice) {
        quint64 bytes = 0;
        if (::ioctl(fd, BLKGETSIZE64, &bytes) != 0)
            return failErrno("ioctl BLKGETSIZE64", path, errno);
        metadata.size = qint64(bytes);
    }
    return metadata;
}

Result<std::unique_ptr<FileReader>> openPosixReader(const QByteArray &path)
{
    KURA_TRY(checkPath("open", path));
    // O_NONBLOCK so that opening a FIFO planted at the path cannot hang the backup; it is
    // rejected right after the fstat below.
    UniqueFd fd(openNoFollow(path));
    if (!fd.isValid() && errno == ELOOP)
        return tl::unexpected<Error>(notReadable(path, "symbolic link"));
    if (!fd.isValid())
        return failErrno("open", path, errno);
    Result<Metadata> atOpen = statDescriptor(fd.get(), path);
    if (!atOpen)
        return fail(atOpen.error());
    if (atOpen->type != NodeType::File && atOpen->type != NodeType::BlockDevice)
        return tl::unexpected<Error>(notReadable(path, nodeTypeName(atOpen->type)));
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK) != 0)
        return failErrno("fcntl", path, errno);
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    return std::unique_ptr<FileReader>(
        new PosixFileReader(path, std::move(fd), std::move(*atOpen)));
}

PosixFileReader::PosixFileReader(QByteArray path, UniqueFd fd, Metadata atOpen)
    : m_path(std::move(path))
    , m_fd(std::move(fd))
    , m_atOpen(std::move(atOpen))
{
}

Result<qint64> PosixFileReader::read(char *buffer, qint64 maxBytes)
{
    Result<qint64> got = readAt(m_position, buffer, maxBytes);
    if (got)
        m_position += *got;
    return got;
}

Result<qint64> PosixFileReader::readAt(qint64 offset, char *buffer, qint64 maxBytes)
{
    if (offset < 0 || maxBytes < 0) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("read \"%1\": negative offset or length")
                        .arg(displayPath(m_path)));
    }
    qint64 total = 0;
    while (total < maxBytes) {
        const ssize_t got = ::pread(m_fd.get(), buffer + total, size_t(maxBytes - total),
                                    off_t(offset + total));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return failErrno("read", m_path, errno);
        if (got == 0)
            break;
        total += got;
    }
    return total;
}

Result<QList<Extent>> PosixFileReader::dataExtents()
{
    const qint64 end = m_atOpen.size;
    const QList<Extent> whole = end > 0 ? QList<Extent> { Extent { 0, end } } : QList<Extent> {};
    // Every byte of a device is data to the reader; its zero areas are the chunker's business.
    if (m_atOpen.type == NodeType::BlockDevice)
        return whole;
    QList<Extent> extents;
    qint64 position = 0;
    while (position < end) {
        const off_t data = ::lseek(m_fd.get(), off_t(position), SEEK_DATA);
        if (data < 0 && errno == ENXIO)
            break; // only a hole remains
        if (data < 0 && (errno == EINVAL || errno == ENOTSUP))
            return whole; // the file system cannot tell: treat everything as data
        if (data < 0)
            return failErrno("lseek SEEK_DATA", m_path, errno);
        if (data >= end)
            break;
        const off_t hole = ::lseek(m_fd.get(), data, SEEK_HOLE);
        if (hole < 0)
            return failErrno("lseek SEEK_HOLE", m_path, errno);
        if (hole <= data)
            return whole; // inconsistent answers (a racing writer): do not loop, read it all
        const qint64 stop = std::min<qint64>(hole, end);
        extents.append(Extent { qint64(data), stop - qint64(data) });
        position = stop;
    }
    return extents;
}

Result<Metadata> PosixFileReader::restat()
{
    return statDescriptor(m_fd.get(), m_path);
}

} // namespace Kura::Fs::Posix
