#include "private/posixwriter.h"

#include "pathtext.h"
#include "posixfilesystem.h"
#include "private/posixreader.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Kura::Fs {

using namespace Posix;

namespace {

constexpr qint64 ZeroBlockBytes = 4096;
constexpr qsizetype MaxTemporaryStemBytes = 200;

bool allZero(const char *data, qint64 size)
{
    return size == 0 || (data[0] == 0 && std::memcmp(data, data + 1, size_t(size - 1)) == 0);
}

Result<UniqueFd> createExclusive(const QByteArray &path)
{
    UniqueFd fd(openRetrying(path.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                             0600));
    if (!fd.isValid())
        return failErrno("create", path, errno);
    return fd;
}

// Removes the non-directory at `path`, if any; a directory there is Conflict.
Status removeNonDirectory(const QByteArray &path)
{
    struct stat st = {};
    if (::fstatat(AT_FDCWD, path.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? Status() : failErrno("stat", path, errno);
    if (S_ISDIR(st.st_mode)) {
        return fail(ErrorCode::Conflict,
                    QStringLiteral("replace \"%1\": is a directory").arg(displayPath(path)));
    }
    if (::unlink(path.constData()) != 0 && errno != ENOENT)
        return failErrno("unlink", path, errno);
    return {};
}

Error notWritable(const QByteArray &path, NodeType type)
{
    return Error(ErrorCode::InvalidArgument,
                 QStringLiteral("open \"%1\": is a %2, not a regular file or block device")
                     .arg(displayPath(path), QLatin1String(nodeTypeName(type))));
}

Result<std::unique_ptr<FileWriter>> openInPlace(const QByteArray &path)
{
    // Check the type before opening: opening a FIFO or a character device for writing can
    // block or have side effects (a tape drive rewinds).
    struct stat st = {};
    if (::fstatat(AT_FDCWD, path.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return failErrno("stat", path, errno);
    if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))
        return tl::unexpected<Error>(notWritable(path, nodeTypeFromMode(st.st_mode)));
    UniqueFd fd(openRetrying(path.constData(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
    if (!fd.isValid())
        return failErrno("open", path, errno);
    const Result<Metadata> metadata = statDescriptor(fd.get(), path);
    if (!metadata)
        return fail(metadata.error());
    if (metadata->type != NodeType::File && metadata->type != NodeType::BlockDevice)
        return tl::unexpected<Error>(notWritable(path, metadata->type));
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK) != 0)
        return failErrno("fcntl", path, errno);
    return std::unique_ptr<FileWriter>(
        new PosixFileWriter(path, std::move(fd), metadata->type, false));
}

// Flushes the directory entry of a rename or create to disk.
Status syncDirectory(const QByteArray &directory)
{
    UniqueFd fd(openRetrying(directory.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.isValid())
        return failErrno("open directory", directory, errno);
    if (::fsync(fd.get()) != 0)
        return failErrno("fsync", directory, errno);
    return {};
}

// Writes `data` to the open temporary file, sets its mode, flushes and closes it.
Status fillTemporary(UniqueFd &fd, const QByteArray &temporary, const QByteArray &data,
                     quint32 mode)
{
    if (const int error = writeAllAt(fd.get(), data.constData(), data.size(), 0))
        return failErrno("write", temporary, error);
    if (::fchmod(fd.get(), mode_t(mode & 07777)) != 0)
        return failErrno("chmod", temporary, errno);
    if (::fdatasync(fd.get()) != 0)
        return failErrno("fdatasync", temporary, errno);
    if (const int error = fd.close())
        return failErrno("close", temporary, error);
    return {};
}

} // namespace

Result<std::unique_ptr<FileWriter>> PosixFileSystem::openForWrite(const QByteArray &path,
                                                                  OpenMode mode)
{
    KURA_TRY(checkPath("open", path));
    if (mode == OpenMode::ExistingInPlace)
        return openInPlace(path);
    if (mode == OpenMode::ReplaceExisting)
        KURA_TRY(removeNonDirectory(path));
    Result<UniqueFd> fd = createExclusive(path);
    if (!fd)
        return fail(fd.error());
    return std::unique_ptr<FileWriter>(
        new PosixFileWriter(path, std::move(*fd), NodeType::File, true));
}

Status PosixFileSystem::writeAtomically(const QByteArray &path, const QByteArray &data,
                                        quint32 mode)
{
    KURA_TRY(checkPath("write", path));
    const QByteArray directory = parentPath(path);
    // The name is shortened so that the temporary stays within NAME_MAX (255) bytes.
    const QByteArray stem = baseName(path).left(MaxTemporaryStemBytes);
    QByteArray temporary = joinPath(directory, "." + stem + ".kura-tmp-XXXXXX");
    UniqueFd fd(::mkostemp(temporary.data(), O_CLOEXEC));
    if (!fd.isValid())
        return failErrno("create temporary file for", path, errno);
    Status written = fillTemporary(fd, temporary, data, mode);
    if (written && ::rename(temporary.constData(), path.constData()) != 0)
        written = failErrno("rename to", path, errno);
    if (!written) {
        fd.reset();
        ::unlink(temporary.constData());
        return written;
    }
    return syncDirectory(directory);
}

namespace Posix {

PosixFileWriter::PosixFileWriter(QByteArray path, UniqueFd fd, NodeType type, bool freshFile)
    : m_path(std::move(path))
    , m_fd(std::move(fd))
    , m_type(type)
    , m_freshFile(freshFile)
{
}

Status PosixFileWriter::writeRange(qint64 offset, const char *data, qint64 size)
{
    if (!m_fd.isValid()) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("write \"%1\": already finished").arg(displayPath(m_path)));
    }
    if (offset < 0) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("write \"%1\": negative offset").arg(displayPath(m_path)));
    }
    if (const int error = writeAllAt(m_fd.get(), data, size, offset))
        return failErrno("write", m_path, error);
    return {};
}

Status PosixFileWriter::writeAt(qint64 offset, const QByteArray &data)
{
    return writeRange(offset, data.constData(), data.size());
}

Status PosixFileWriter::writeAtSkippingZeros(qint64 offset, const QByteArray &data)
{
    if (!m_freshFile || offset < 0)
        return writeAt(offset, data);
    // Walk the data in blocks aligned to the file's 4 KiB grid; write runs of non-zero blocks
    // with one call each and leave zero blocks unwritten, so they stay holes.
    const char *bytes = data.constData();
    const qint64 size = data.size();
    qint64 position = 0;
    qint64 runStart = -1;
    while (position < size) {
        const qint64 blockEnd
            = std::min(size, ((offset + position) / ZeroBlockBytes + 1) * ZeroBlockBytes - offset);
        const bool zero = allZero(bytes + position, blockEnd - position);
        if (zero && runStart >= 0) {
            KURA_TRY(writeRange(offset + runStart, bytes + runStart, position - runStart));
            runStart = -1;
        } else if (!zero && runStart < 0) {
            runStart = position;
        }
        position = blockEnd;
    }
    if (runStart >= 0)
        KURA_TRY(writeRange(offset + runStart, bytes + runStart, size - runStart));
    return {};
}

Status PosixFileWriter::setFinalSize(qint64 finalSize)
{
    if (m_type == NodeType::BlockDevice) {
        const Result<Metadata> device = statDescriptor(m_fd.get(), m_path);
        if (!device)
            return fail(device.error());
        if (device->size < finalSize) {
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("device \"%1\" holds %2 bytes, %3 are needed")
                            .arg(displayPath(m_path))
                            .arg(device->size)
                            .arg(finalSize));
        }
        return {};
    }
    if (::ftruncate(m_fd.get(), off_t(finalSize)) != 0)
        return failErrno("truncate", m_path, errno);
    return {};
}

Status PosixFileWriter::finish(qint64 finalSize, bool syncToDisk)
{
    if (!m_fd.isValid()) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("finish \"%1\": already finished").arg(displayPath(m_path)));
    }
    KURA_TRY(setFinalSize(finalSize));
    if (syncToDisk && ::fsync(m_fd.get()) != 0)
        return failErrno("fsync", m_path, errno);
    if (const int error = m_fd.close())
        return failErrno("close", m_path, error);
    return {};
}

} // namespace Posix

} // namespace Kura::Fs
