#include "posixfilesystem.h"

#include "pathtext.h"
#include "private/mountinfo.h"
#include "private/namecache.h"
#include "private/posixreader.h"
#include "private/posixutil.h"
#include "private/xattrs.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace Kura::Fs {

using namespace Posix;

namespace {

// Symlink targets are at most PATH_MAX on Linux; the limit guards against a lying st_size.
constexpr qsizetype MaxSymlinkBytes = 65536;

Result<QByteArray> readSymlink(const QByteArray &path, qint64 sizeHint)
{
    qsizetype capacity = qBound<qsizetype>(64, qsizetype(sizeHint) + 1, MaxSymlinkBytes);
    while (true) {
        QByteArray target(capacity, Qt::Uninitialized);
        const ssize_t got
            = ::readlinkat(AT_FDCWD, path.constData(), target.data(), size_t(capacity));
        if (got < 0)
            return failErrno("readlink", path, errno);
        if (got < capacity) {
            target.truncate(got);
            return target;
        }
        if (capacity >= MaxSymlinkBytes)
            return failErrno("readlink", path, ENAMETOOLONG);
        capacity = std::min(capacity * 4, MaxSymlinkBytes);
    }
}

// Reads a small procfs file with read() until end of file (its st_size is 0).
Result<QByteArray> readProcFile(const QByteArray &path)
{
    constexpr qsizetype MaxBytes = qsizetype(16) * 1024 * 1024;
    UniqueFd fd(openRetrying(path.constData(), O_RDONLY | O_CLOEXEC));
    if (!fd.isValid())
        return failErrno("open", path, errno);
    QByteArray text;
    char buffer[65536];
    while (text.size() < MaxBytes) {
        const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return failErrno("read", path, errno);
        if (got == 0)
            return text;
        text.append(buffer, got);
    }
    return failErrno("read", path, EFBIG);
}

QByteArray joinDirectoryPath(const QByteArray &directory, const QByteArray &name)
{
    return directory.endsWith('/') ? directory + name : directory + '/' + name;
}

QByteArray canonicalPath(const QByteArray &path)
{
    char *resolved = ::realpath(path.constData(), nullptr);
    if (!resolved)
        return path;
    QByteArray result(resolved);
    std::free(resolved);
    return result;
}

} // namespace

PosixFileSystem::PosixFileSystem() : m_names(std::make_unique<NameCache>()) { }

PosixFileSystem::~PosixFileSystem() = default;

Result<Metadata> PosixFileSystem::stat(const QByteArray &path)
{
    return statReusing(path, nullptr);
}

Result<Metadata> PosixFileSystem::statSince(const QByteArray &path, const Metadata &previous)
{
    return statReusing(path, &previous);
}

Result<Metadata> PosixFileSystem::statReusing(const QByteArray &path, const Metadata *previous)
{
    KURA_TRY(checkPath("stat", path));
    struct stat st = {};
    if (::fstatat(AT_FDCWD, path.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return failErrno("stat", path, errno);
    return completeMetadata(path, metadataFromStat(st), previous);
}

Result<Metadata> PosixFileSystem::completeMetadata(const QByteArray &path, const Metadata &basic,
                                                   const Metadata *previous)
{
    KURA_TRY(checkPath("stat", path));
    Metadata metadata = basic;
    metadata.userName = m_names->userName(metadata.uid);
    metadata.groupName = m_names->groupName(metadata.gid);
    if (previous && metadata.type == previous->type && metadata.inode == previous->inode
        && metadata.ctimeNs == previous->ctimeNs) {
        metadata.symlinkTarget = previous->symlinkTarget;
        metadata.xattrs = previous->xattrs;
        return metadata;
    }
    if (metadata.type == NodeType::Symlink) {
        Result<QByteArray> target = readSymlink(path, metadata.size);
        if (!target)
            return fail(target.error());
        metadata.symlinkTarget = std::move(*target);
    }
    Result<QList<Xattr>> xattrs = readXattrs(path);
    if (!xattrs)
        return fail(xattrs.error());
    metadata.xattrs = std::move(*xattrs);
    return metadata;
}

void PosixFileSystem::prefetch(const QByteArray &path, qint64 bytes)
{
    if (checkPath("prefetch", path))
        prefetchFile(path, bytes);
}

Result<Metadata> PosixFileSystem::statBasic(const QByteArray &path)
{
    KURA_TRY(checkPath("stat", path));
    struct stat st = {};
    if (::fstatat(AT_FDCWD, path.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return failErrno("stat", path, errno);
    return metadataFromStat(st);
}

Result<QList<QByteArray>> PosixFileSystem::listDirectory(const QByteArray &path)
{
    auto entries = listEntries(path, false);
    if (!entries)
        return fail(entries.error());
    QList<QByteArray> names;
    names.reserve(entries->size());
    for (ListedEntry &entry : *entries)
        names.append(std::move(entry.name));
    return names;
}

Result<QList<ListedEntry>> PosixFileSystem::listDirectoryStat(const QByteArray &path)
{
    return listEntries(path, true);
}

Result<QList<ListedEntry>> PosixFileSystem::listEntries(const QByteArray &path, bool withMetadata)
{
    KURA_TRY(checkPath("list", path));
    const int fd = openRetrying(path.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        struct stat st = {};
        const bool symlink = (error == ELOOP || error == ENOTDIR)
            && ::fstatat(AT_FDCWD, path.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0
            && S_ISLNK(st.st_mode);
        if (symlink) {
            return fail(ErrorCode::InvalidArgument,
                        QStringLiteral("list \"%1\": is a symbolic link, not a directory")
                            .arg(displayPath(path)));
        }
        return failErrno("list", path, error);
    }
    // getdents64 straight on the descriptor: fdopendir() would add an fstat and two fcntl calls
    // per folder, which a walk over many small folders notices.
    UniqueFd directory(fd);
    QList<ListedEntry> entries;
    alignas(8) char buffer[32 * 1024];
    while (true) {
        const ssize_t got = ::getdents64(directory.get(), buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return failErrno("list", path, errno);
        if (got == 0)
            break;
        for (ssize_t offset = 0; offset < got;) {
            const auto *entry = reinterpret_cast<const struct dirent64 *>(buffer + offset);
            offset += entry->d_reclen;
            const char *name = entry->d_name;
            if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
                continue;
            entries.append({ QByteArray(name), Metadata {} });
        }
    }
    std::sort(entries.begin(), entries.end(),
              [](const ListedEntry &a, const ListedEntry &b) { return a.name < b.name; });
    if (withMetadata) {
        // Relative to the open directory: no lookup of the directory's own path per entry.
        for (ListedEntry &entry : entries) {
            struct stat st = {};
            if (::fstatat(directory.get(), entry.name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0)
                entry.metadata = metadataFromStat(st);
            else
                entry.metadata = failErrno("stat", joinDirectoryPath(path, entry.name), errno);
        }
    }
    return entries;
}

Result<std::unique_ptr<FileReader>> PosixFileSystem::openForRead(const QByteArray &path)
{
    return openPosixReader(path);
}

Result<bool> PosixFileSystem::isMounted(const QByteArray &path)
{
    KURA_TRY(checkPath("stat", path));
    struct stat st = {};
    if (::fstatat(AT_FDCWD, path.constData(), &st, 0) != 0)
        return failErrno("stat", path, errno);
    if (!S_ISBLK(st.st_mode)) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("\"%1\" is not a block device").arg(displayPath(path)));
    }
    const Result<QByteArray> mountInfo = readProcFile(QByteArrayLiteral("/proc/self/mountinfo"));
    if (!mountInfo)
        return fail(mountInfo.error());
    const quint32 majorNumber = major(st.st_rdev);
    const quint32 minorNumber = minor(st.st_rdev);
    return mountInfoListsDevice(*mountInfo, majorNumber, minorNumber, canonicalPath(path))
        || mountInfoListsDevice(*mountInfo, majorNumber, minorNumber, path);
}

} // namespace Kura::Fs
