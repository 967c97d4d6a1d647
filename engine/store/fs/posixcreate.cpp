// PosixFileSystem: creating nodes on restore and the overwrite policy.

#include "posixfilesystem.h"

#include "pathtext.h"
#include "private/posixutil.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace Kura::Fs {

using namespace Posix;

namespace {

constexpr int MaxKeepBothAttempts = 10000;

// 1: something exists at `path`; 0: nothing; -1 with errno set: lstat failed otherwise.
int probe(const QByteArray &path, struct stat &st)
{
    if (::fstatat(AT_FDCWD, path.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0)
        return 1;
    return errno == ENOENT ? 0 : -1;
}

Result<TargetDecision> firstFreeAlternative(const QByteArray &path)
{
    for (int attempt = 1; attempt <= MaxKeepBothAttempts; ++attempt) {
        const QByteArray candidate = keepBothCandidate(path, attempt);
        struct stat st = {};
        const int found = probe(candidate, st);
        if (found < 0)
            return failErrno("stat", candidate, errno);
        if (found == 0)
            return TargetDecision { TargetDecision::Action::Create, candidate };
    }
    return fail(ErrorCode::Conflict, QStringLiteral("keep both \"%1\": no free name after %2 tries")
                                         .arg(displayPath(path))
                                         .arg(MaxKeepBothAttempts));
}

Result<TargetDecision> overwrite(const QByteArray &path, bool existingIsDirectory,
                                 NodeType incoming)
{
    if (existingIsDirectory) {
        return fail(ErrorCode::Conflict,
                    QStringLiteral("overwrite \"%1\": will not replace a directory by a %2")
                        .arg(displayPath(path), QLatin1String(nodeTypeName(incoming))));
    }
    if (::unlink(path.constData()) != 0 && errno != ENOENT)
        return failErrno("unlink", path, errno);
    return TargetDecision { TargetDecision::Action::Create, path };
}

} // namespace

Result<TargetDecision> PosixFileSystem::prepareTarget(const QByteArray &path, NodeType incoming,
                                                      OverwritePolicy policy)
{
    KURA_TRY(checkPath("stat", path));
    struct stat st = {};
    const int found = probe(path, st);
    if (found < 0)
        return failErrno("stat", path, errno);
    if (found == 0)
        return TargetDecision { TargetDecision::Action::Create, path };
    const bool existingIsDirectory = S_ISDIR(st.st_mode);
    if (existingIsDirectory && incoming == NodeType::Directory)
        return TargetDecision { TargetDecision::Action::Merge, path };
    switch (policy) {
    case OverwritePolicy::Skip: return TargetDecision { TargetDecision::Action::Skip, path };
    case OverwritePolicy::Overwrite: return overwrite(path, existingIsDirectory, incoming);
    case OverwritePolicy::KeepBoth: return firstFreeAlternative(path);
    }
    return fail(ErrorCode::InvalidArgument, QStringLiteral("unknown overwrite policy"));
}

Status PosixFileSystem::createDirectory(const QByteArray &path, quint32 mode)
{
    KURA_TRY(checkPath("mkdir", path));
    if (::mkdir(path.constData(), mode_t(mode & 07777)) == 0)
        return {};
    const int error = errno;
    struct stat st = {};
    if (error == EEXIST && probe(path, st) == 1 && S_ISDIR(st.st_mode))
        return {};
    return failErrno("mkdir", path, error);
}

Status PosixFileSystem::createSymlink(const QByteArray &target, const QByteArray &path)
{
    KURA_TRY(checkPath("symlink", path));
    KURA_TRY(checkPath("symlink target", target));
    if (::symlinkat(target.constData(), AT_FDCWD, path.constData()) != 0)
        return failErrno("symlink", path, errno);
    return {};
}

Status PosixFileSystem::createHardLink(const QByteArray &existingPath, const QByteArray &newPath)
{
    KURA_TRY(checkPath("link", existingPath));
    KURA_TRY(checkPath("link", newPath));
    // No AT_SYMLINK_FOLLOW: a symlink is linked itself, as it was on the source.
    if (::linkat(AT_FDCWD, existingPath.constData(), AT_FDCWD, newPath.constData(), 0) != 0)
        return failErrno("link", newPath, errno);
    return {};
}

Status PosixFileSystem::createSpecial(const QByteArray &path, const Metadata &metadata)
{
    KURA_TRY(checkPath("mknod", path));
    const mode_t permissions = mode_t(metadata.mode & 07777);
    mode_t type = 0;
    switch (metadata.type) {
    case NodeType::Fifo:
        if (::mkfifoat(AT_FDCWD, path.constData(), permissions) != 0)
            return failErrno("mkfifo", path, errno);
        return {};
    case NodeType::CharDevice: type = S_IFCHR; break;
    case NodeType::BlockDevice: type = S_IFBLK; break;
    case NodeType::Socket: type = S_IFSOCK; break;
    default:
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("create \"%1\": a %2 is not a special file")
                        .arg(displayPath(path), QLatin1String(nodeTypeName(metadata.type))));
    }
    if (::mknodat(AT_FDCWD, path.constData(), type | permissions, dev_t(metadata.rdev)) != 0)
        return failErrno("mknod", path, errno);
    return {};
}

} // namespace Kura::Fs
