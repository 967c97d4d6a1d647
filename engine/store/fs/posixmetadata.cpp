// PosixFileSystem::applyMetadata(): restoring owner, xattrs, mode and times.

#include "posixfilesystem.h"

#include "pathtext.h"
#include "private/namecache.h"
#include "private/posixutil.h"
#include "private/xattrs.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace Kura::Fs {

using namespace Posix;

namespace {

Error ownerWarning(const QByteArray &path, quint32 uid, quint32 gid, const QString &reason)
{
    return Error(ErrorCode::Forbidden, QStringLiteral("owner of \"%1\" not restored to %2:%3: %4")
                                           .arg(displayPath(path))
                                           .arg(uid)
                                           .arg(gid)
                                           .arg(reason));
}

// chmod through an O_PATH descriptor, so that a symlink swapped in after the check cannot
// redirect the change to another file. Symlinks have no mode of their own on Linux.
Status applyMode(const QByteArray &path, quint32 mode)
{
    UniqueFd fd(openRetrying(path.constData(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.isValid())
        return failErrno("open", path, errno);
    struct stat st = {};
    if (::fstat(fd.get(), &st) != 0)
        return failErrno("fstat", path, errno);
    if (S_ISLNK(st.st_mode))
        return {};
    const QByteArray viaProc = "/proc/self/fd/" + QByteArray::number(fd.get());
    int result = ::chmod(viaProc.constData(), mode_t(mode & 07777));
    if (result != 0 && errno == ENOENT) // no /proc: fall back to the path
        result = ::fchmodat(AT_FDCWD, path.constData(), mode_t(mode & 07777), 0);
    if (result != 0)
        return failErrno("chmod", path, errno);
    return {};
}

Status applyTimes(const QByteArray &path, const Metadata &metadata)
{
    const struct timespec times[2] = { timespecFromNanoseconds(metadata.atimeNs),
                                       timespecFromNanoseconds(metadata.mtimeNs) };
    if (::utimensat(AT_FDCWD, path.constData(), times, AT_SYMLINK_NOFOLLOW) != 0)
        return failErrno("utimensat", path, errno);
    return {};
}

void applyXattrs(const QByteArray &path, const Metadata &metadata, QList<Error> &warnings)
{
    for (const Xattr &xattr : metadata.xattrs) {
        if (xattr.name.isEmpty() || xattr.name.contains('\0')) {
            warnings.append(Error(ErrorCode::InvalidArgument,
                                  QStringLiteral("setxattr \"%1\": invalid attribute name \"%2\"")
                                      .arg(displayPath(path), displayPath(xattr.name))));
            continue;
        }
        if (const int error = writeXattr(path, xattr)) {
            const QByteArray operation = "setxattr " + xattr.name;
            warnings.append(errnoError(operation.constData(), path, error));
        }
    }
}

} // namespace

Result<QList<Error>> PosixFileSystem::applyMetadata(const QByteArray &path,
                                                    const Metadata &metadata,
                                                    const ApplyOptions &options)
{
    KURA_TRY(checkPath("stat", path));
    struct stat st = {};
    if (::fstatat(AT_FDCWD, path.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return failErrno("stat", path, errno);
    QList<Error> warnings;
    // chown clears setuid/setgid bits and security.capability, so it goes first; xattrs
    // (an ACL xattr rewrites group mode bits) before the mode; the times last, because
    // every change before them updates ctime and some update mtime.
    if (options.owner) {
        const std::optional<Error> warning = applyOwner(path, metadata, st);
        if (warning)
            warnings.append(*warning);
    }
    if (options.xattrs)
        applyXattrs(path, metadata, warnings);
    if (options.mode)
        KURA_TRY(applyMode(path, metadata.mode));
    if (options.times)
        KURA_TRY(applyTimes(path, metadata));
    return warnings;
}

std::optional<Error> PosixFileSystem::applyOwner(const QByteArray &path, const Metadata &metadata,
                                                 const struct stat &current)
{
    // By name when the name exists here (ids differ between machines), else the numeric id.
    const quint32 uid = m_names->userId(metadata.userName).value_or(metadata.uid);
    const quint32 gid = m_names->groupId(metadata.groupName).value_or(metadata.gid);
    if (quint32(current.st_uid) == uid && quint32(current.st_gid) == gid)
        return std::nullopt;
    const uid_t self = ::geteuid();
    if (self != 0 && uid != quint32(self)) {
        return ownerWarning(path, uid, gid,
                            QStringLiteral("only root may give a file to another user"));
    }
    // As non-root, only the group can change, and only to a group the user belongs to.
    const uid_t newUid = self == 0 ? uid_t(uid) : uid_t(-1);
    if (::lchown(path.constData(), newUid, gid_t(gid)) != 0)
        return ownerWarning(path, uid, gid, errnoError("chown", path, errno).message());
    return std::nullopt;
}

} // namespace Kura::Fs
