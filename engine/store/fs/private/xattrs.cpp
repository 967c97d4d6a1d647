#include "xattrs.h"

#include "posixutil.h"

#include <algorithm>
#include <cerrno>
#include <sys/xattr.h>

namespace Kura::Fs::Posix {

namespace {

// The kernel's limits (XATTR_LIST_MAX, XATTR_SIZE_MAX); a larger size is an error, not an
// allocation.
constexpr ssize_t MaxListBytes = 65536;
constexpr ssize_t MaxValueBytes = 65536;
constexpr int Attempts = 8; // sizes can change between the probe and the read

bool unsupported(int errnum)
{
    return errnum == ENOTSUP || errnum == EOPNOTSUPP;
}

Result<QByteArray> readNameList(const QByteArray &path)
{
    for (int attempt = 0; attempt < Attempts; ++attempt) {
        const ssize_t probe = ::llistxattr(path.constData(), nullptr, 0);
        if (probe < 0 && unsupported(errno))
            return QByteArray();
        if (probe < 0)
            return failErrno("llistxattr", path, errno);
        if (probe == 0)
            return QByteArray();
        if (probe > MaxListBytes)
            return failErrno("llistxattr", path, E2BIG);
        QByteArray names(probe, Qt::Uninitialized);
        const ssize_t got = ::llistxattr(path.constData(), names.data(), size_t(names.size()));
        if (got >= 0) {
            names.truncate(got);
            return names;
        }
        if (errno != ERANGE)
            return failErrno("llistxattr", path, errno);
    }
    return failErrno("llistxattr", path, ERANGE);
}

// The value of `name`, or nothing when the attribute vanished meanwhile.
Result<std::optional<QByteArray>> readValue(const QByteArray &path, const QByteArray &name)
{
    for (int attempt = 0; attempt < Attempts; ++attempt) {
        const ssize_t probe = ::lgetxattr(path.constData(), name.constData(), nullptr, 0);
        if (probe < 0 && errno == ENODATA)
            return std::optional<QByteArray>();
        if (probe < 0)
            return failErrno("lgetxattr", path, errno);
        if (probe > MaxValueBytes)
            return failErrno("lgetxattr", path, E2BIG);
        QByteArray value(probe, Qt::Uninitialized);
        const ssize_t got = ::lgetxattr(path.constData(), name.constData(), value.data(),
                                        size_t(value.size()));
        if (got >= 0) {
            value.truncate(got);
            return std::optional<QByteArray>(value);
        }
        if (errno == ENODATA)
            return std::optional<QByteArray>();
        if (errno != ERANGE)
            return failErrno("lgetxattr", path, errno);
    }
    return failErrno("lgetxattr", path, ERANGE);
}

} // namespace

Result<QList<Xattr>> readXattrs(const QByteArray &path)
{
    const Result<QByteArray> names = readNameList(path);
    if (!names)
        return fail(names.error());
    QList<Xattr> xattrs;
    for (const QByteArray &name : names->split('\0')) {
        if (name.isEmpty())
            continue;
        const Result<std::optional<QByteArray>> value = readValue(path, name);
        if (!value)
            return fail(value.error());
        if (value->has_value())
            xattrs.append(Xattr { name, **value });
    }
    std::sort(xattrs.begin(), xattrs.end(),
              [](const Xattr &a, const Xattr &b) { return a.name < b.name; });
    return xattrs;
}

int writeXattr(const QByteArray &path, const Xattr &xattr)
{
    const int result = ::lsetxattr(path.constData(), xattr.name.constData(),
                                   xattr.value.constData(), size_t(xattr.value.size()), 0);
    return result == 0 ? 0 : errno;
}

} // namespace Kura::Fs::Posix
