#pragma once

// Helpers for the kura_fs tests: build fixtures with raw POSIX calls, so the fixtures do not
// depend on the code under test.

#include <store/fs/filesystem.h>

#include <QByteArray>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Kura::Test {

inline QByteArray rawPath(const QTemporaryDir &dir)
{
    return QFile::encodeName(dir.path());
}

// The error of a Result, or an Internal error saying that it unexpectedly succeeded.
template<class T>
Error errorOf(const Result<T> &result)
{
    if (result)
        return Error(ErrorCode::Internal, QStringLiteral("unexpectedly succeeded"));
    return result.error();
}

// Creates (or truncates) `path` with `data`; false on any error.
inline bool writeRaw(const QByteArray &path, const QByteArray &data, mode_t mode = 0644)
{
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, data.constData(), size_t(data.size())) == data.size();
    return ::close(fd) == 0 && ok;
}

// Writes `data` at `offset` of an existing or new file without truncating it.
inline bool writeRawAt(const QByteArray &path, qint64 offset, const QByteArray &data)
{
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    const bool ok = ::pwrite(fd, data.constData(), size_t(data.size()), off_t(offset)) == data.size();
    return ::close(fd) == 0 && ok;
}

// A sparse file of `size` bytes: a hole everywhere except `data` at `dataOffset`.
inline bool makeSparse(const QByteArray &path, qint64 size, qint64 dataOffset, const QByteArray &data)
{
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    bool ok = ::ftruncate(fd, off_t(size)) == 0;
    ok = ok && ::pwrite(fd, data.constData(), size_t(data.size()), off_t(dataOffset)) == data.size();
    return ::close(fd) == 0 && ok;
}

inline QByteArray readRaw(const QByteArray &path)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return QByteArray();
    QByteArray out;
    char buffer[65536];
    ssize_t got;
    while ((got = ::read(fd, buffer, sizeof buffer)) > 0)
        out.append(buffer, got);
    ::close(fd);
    return out;
}

inline struct stat lstatRaw(const QByteArray &path)
{
    struct stat st = {};
    if (::lstat(path.constData(), &st) != 0)
        st.st_mode = 0;
    return st;
}

inline bool exists(const QByteArray &path)
{
    struct stat st = {};
    return ::lstat(path.constData(), &st) == 0;
}

// Removes everything below `directory` with raw names. QTemporaryDir cannot: QDir decodes
// names, so a file named in Latin-1 on a UTF-8 system would be left behind.
inline bool removeContentsRaw(const QByteArray &directory)
{
    const auto removeOne = [](const char *path, const struct stat *, int, struct FTW *where) {
        return where->level == 0 ? 0 : ::remove(path);
    };
    return ::nftw(directory.constData(), removeOne, 16, FTW_DEPTH | FTW_PHYS) == 0;
}

// Bytes 0..size-1 in a repeating pattern that differs per seed.
inline QByteArray pattern(qsizetype size, int seed)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char((i * 131 + seed * 7 + (i >> 12)) % 251 + 1);
    return out;
}

} // namespace Kura::Test
