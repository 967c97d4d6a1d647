#include "localstore.h"

#include "crypto.h"

#include "fs/posixfilesystem.h"

#include <QDateTime>
#include <QDir>
#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Kura::Store {
namespace {

const QString TempPrefix = QStringLiteral(".tmp-");

QByteArray nativePath(const QString &path)
{
    return QFile::encodeName(path);
}

bool isObjectName(const QString &name)
{
    if (name.size() != 64)
        return false;
    for (QChar c : name)
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    return true;
}

Status writeAll(int fd, const char *data, qsizetype size, const QString &path)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail(Error::fromErrno(QStringLiteral("write"), path, errno));
        }
        data += n;
        size -= n;
    }
    return {};
}

QString tempPathIn(const QString &folder)
{
    return folder + u'/' + TempPrefix + QString::fromLatin1(secureRandom(12).toHex());
}

class LocalWriter final : public ObjectWriter
{
public:
    LocalWriter(const LocalStore *store, ObjectKind kind, QString tempPath, int fd)
        : m_store(store), m_kind(kind), m_tempPath(std::move(tempPath)), m_fd(fd)
    {
    }
    ~LocalWriter() override
    {
        if (m_fd >= 0) {
            ::close(m_fd);
            ::unlink(nativePath(m_tempPath).constData());
        }
    }
    Status write(const char *data, qsizetype size) override
    {
        KURA_TRY(writeAll(m_fd, data, size, m_tempPath));
        m_written += size;
        return {};
    }
    Status commit(const QString &name) override
    {
        const QString target = m_store->pathOf(m_kind, name);
        if (::fdatasync(m_fd) != 0)
            return fail(Error::fromErrno(QStringLiteral("sync"), m_tempPath, errno));
        ::close(m_fd);
        m_fd = -1;
        const QString folder = QFileInfo(target).absolutePath();
        QDir().mkpath(folder);
        if (::rename(nativePath(m_tempPath).constData(), nativePath(target).constData()) != 0) {
            const int err = errno;
            ::unlink(nativePath(m_tempPath).constData());
            return fail(Error::fromErrno(QStringLiteral("rename"), target, err));
        }
        return syncFolder(folder);
    }
    qint64 bytesWritten() const override { return m_written; }

private:
    const LocalStore *m_store;
    ObjectKind m_kind;
    QString m_tempPath;
    int m_fd;
    qint64 m_written = 0;
};

} // namespace

QString objectKindName(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Config: return QStringLiteral("config");
    case ObjectKind::Key: return QStringLiteral("key");
    case ObjectKind::Lock: return QStringLiteral("lock");
    case ObjectKind::Snapshot: return QStringLiteral("snapshot");
    case ObjectKind::Index: return QStringLiteral("index");
    case ObjectKind::Pack: return QStringLiteral("pack");
    }
    return {};
}

Status syncFolder(const QString &path)
{
    const int fd = ::open(nativePath(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return fail(Error::fromErrno(QStringLiteral("open folder"), path, errno));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0)
        return fail(Error::fromErrno(QStringLiteral("sync folder"), path, err));
    return {};
}

Status writeFileDurably(const QString &path, const QByteArray &data)
{
    // The file-system seam's atomic replace: temp file, fdatasync, rename, folder fsync.
    static Fs::PosixFileSystem fileSystem;
    return fileSystem.writeAtomically(nativePath(path), data, 0600);
}

LocalStore::LocalStore(QString root)
    : m_root(QDir::cleanPath(QDir(root).absolutePath()))
{
}

QString LocalStore::folderOf(ObjectKind kind) const
{
    switch (kind) {
    case ObjectKind::Config: return m_root;
    case ObjectKind::Key: return m_root + QStringLiteral("/keys");
    case ObjectKind::Lock: return m_root + QStringLiteral("/locks");
    case ObjectKind::Snapshot: return m_root + QStringLiteral("/snapshots");
    case ObjectKind::Index: return m_root + QStringLiteral("/index");
    case ObjectKind::Pack: return m_root + QStringLiteral("/data");
    }
    return m_root;
}

QString LocalStore::pathOf(ObjectKind kind, const QString &name) const
{
    if (kind == ObjectKind::Config)
        return m_root + QStringLiteral("/config");
    if (kind == ObjectKind::Pack)
        return folderOf(kind) + u'/' + name.left(2) + u'/' + name;
    return folderOf(kind) + u'/' + name;
}

Status LocalStore::initialize()
{
    if (QFileInfo::exists(pathOf(ObjectKind::Config, {})))
        return fail(ErrorCode::Conflict,
                    QStringLiteral("a repository already exists at \"%1\"").arg(m_root));
    const QDir keys(folderOf(ObjectKind::Key));
    if (keys.exists() && !keys.entryList(QDir::Files | QDir::Hidden).isEmpty())
        return fail(ErrorCode::Conflict,
                    QStringLiteral("\"%1\" holds key files but no config (an interrupted init?); "
                                   "remove the folder or choose another one")
                        .arg(m_root));
    QDir dir;
    if (!dir.mkpath(m_root))
        return fail(ErrorCode::Io, QStringLiteral("cannot create folder \"%1\"").arg(m_root));
    for (ObjectKind kind : { ObjectKind::Key, ObjectKind::Lock, ObjectKind::Snapshot,
                             ObjectKind::Index, ObjectKind::Pack }) {
        if (!dir.mkpath(folderOf(kind)))
            return fail(ErrorCode::Io,
                        QStringLiteral("cannot create folder \"%1\"").arg(folderOf(kind)));
    }
    for (int i = 0; i < 256; ++i) {
        const QString sub = folderOf(ObjectKind::Pack) + u'/'
            + QStringLiteral("%1").arg(i, 2, 16, QLatin1Char('0'));
        if (!dir.mkpath(sub))
            return fail(ErrorCode::Io, QStringLiteral("cannot create folder \"%1\"").arg(sub));
    }
    KURA_TRY(syncFolder(folderOf(ObjectKind::Pack)));
    return syncFolder(m_root);
}

Status LocalStore::put(ObjectKind kind, const QString &name, const QByteArray &data)
{
    if (kind != ObjectKind::Config && !isObjectName(name))
        return fail(ErrorCode::InvalidArgument, QStringLiteral("bad object name \"%1\"").arg(name));
    const QString path = pathOf(kind, name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    return writeFileDurably(path, data);
}

Result<std::unique_ptr<ObjectWriter>> LocalStore::create(ObjectKind kind)
{
    const QString temp = tempPathIn(folderOf(kind));
    const int fd = ::open(nativePath(temp).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(Error::fromErrno(QStringLiteral("create"), temp, errno));
    return std::unique_ptr<ObjectWriter>(new LocalWriter(this, kind, temp, fd));
}

Result<QByteArray> LocalStore::get(ObjectKind kind, const QString &name, qint64 offset, qint64 length)
{
    if (kind != ObjectKind::Config && !isObjectName(name))
        return fail(ErrorCode::InvalidArgument, QStringLiteral("bad object name \"%1\"").arg(name));
    const QString path = pathOf(kind, name);
    const int fd = ::open(nativePath(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(Error::fromErrno(QStringLiteral("open"), path, errno));
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return fail(Error::fromErrno(QStringLiteral("stat"), path, err));
    }
    if (length < 0)
        length = qMax<qint64>(0, st.st_size - offset);
    if (offset < 0 || offset + length > st.st_size) {
        ::close(fd);
        return fail(ErrorCode::Corrupt, QStringLiteral("%1 \"%2\" has %3 bytes, cannot read %4 at %5")
                                            .arg(objectKindName(kind), path)
                                            .arg(st.st_size)
                                            .arg(length)
                                            .arg(offset));
    }
    QByteArray out(length, Qt::Uninitialized);
    qint64 done = 0;
    while (done < length) {
        const ssize_t n = ::pread(fd, out.data() + done, size_t(length - done), offset + done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : EIO;
            ::close(fd);
            return fail(Error::fromErrno(QStringLiteral("read"), path, err));
        }
        done += n;
    }
    ::close(fd);
    return out;
}

Result<QStringList> LocalStore::list(ObjectKind kind)
{
    if (kind == ObjectKind::Config)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("config is not a listable kind"));
    QStringList names;
    const QString folder = folderOf(kind);
    if (!QFileInfo(folder).isDir())
        return fail(ErrorCode::NotFound, QStringLiteral("folder \"%1\" is missing").arg(folder));
    QStringList folders;
    if (kind == ObjectKind::Pack) {
        for (const QString &sub : QDir(folder).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            folders << folder + u'/' + sub;
    } else {
        folders << folder;
    }
    for (const QString &f : folders)
        for (const QString &name : QDir(f).entryList(QDir::Files | QDir::Hidden))
            if (isObjectName(name))
                names << name;
    names.sort();
    return names;
}

Status LocalStore::remove(ObjectKind kind, const QString &name)
{
    if (kind != ObjectKind::Config && !isObjectName(name))
        return fail(ErrorCode::InvalidArgument, QStringLiteral("bad object name \"%1\"").arg(name));
    const QString path = pathOf(kind, name);
    if (::unlink(nativePath(path).constData()) != 0)
        return fail(Error::fromErrno(QStringLiteral("remove"), path, errno));
    return syncFolder(QFileInfo(path).absolutePath());
}

Result<qint64> LocalStore::size(ObjectKind kind, const QString &name)
{
    const QString path = pathOf(kind, name);
    struct stat st;
    if (::stat(nativePath(path).constData(), &st) != 0)
        return fail(Error::fromErrno(QStringLiteral("stat"), path, errno));
    return qint64(st.st_size);
}

Status LocalStore::removeStaleTemporaries(qint64 ageSeconds)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QStringList folders = { m_root };
    for (ObjectKind kind : { ObjectKind::Key, ObjectKind::Lock, ObjectKind::Snapshot,
                             ObjectKind::Index, ObjectKind::Pack })
        folders << folderOf(kind);
    for (const QString &folder : folders) {
        const auto entries = QDir(folder).entryInfoList({ TempPrefix + u'*', QStringLiteral(".*.kura-tmp-*") },
                                                        QDir::Files | QDir::Hidden);
        for (const QFileInfo &info : entries)
            if (now - info.lastModified().toSecsSinceEpoch() > ageSeconds)
                QFile::remove(info.absoluteFilePath());
    }
    return {};
}

} // namespace Kura::Store
