#include "backuptestutil.h"

#include <QDir>
#include <QFile>

#include <sys/stat.h>
#include <sys/xattr.h>
#include <dirent.h>
#include <unistd.h>

#include <map>

namespace Kura::Test {

bool RepoFixture::init(int compressionLevel)
{
    if (!dir.isValid())
        return false;
    Store::InitOptions options;
    options.scrypt.n = 1024;
    options.compressionLevel = compressionLevel;
    auto created = Store::Repository::init(std::make_unique<Store::LocalStore>(repoPath()), "test passphrase", options);
    if (!created)
        return false;
    repo = std::move(*created);
    return true;
}

Result<Store::BackupResult> RepoFixture::backup(const QList<QByteArray> &paths, Store::SnapshotKind kind,
                                                const QList<QByteArray> &excludes)
{
    Store::BackupOptions options;
    options.paths = paths;
    options.kind = kind;
    options.excludes = excludes;
    options.host = QStringLiteral("testhost");
    Store::Archiver archiver(*repo, fs);
    return archiver.run(options);
}

Result<Store::RestoreResult> RepoFixture::restore(const Store::Snapshot &snapshot, const QByteArray &target,
                                                  const QList<QByteArray> &includes, Fs::OverwritePolicy policy)
{
    Store::RestoreOptions options;
    options.target = target;
    options.includes = includes;
    options.overwrite = policy;
    Store::Restorer restorer(*repo, fs);
    return restorer.restore(snapshot, options);
}

namespace {

QByteArray readAll(const QByteArray &path)
{
    QFile file(QFile::decodeName(path));
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray("<unreadable>");
    return file.readAll();
}

QList<QByteArray> entries(const QByteArray &path)
{
    QList<QByteArray> names;
    DIR *dir = ::opendir(path.constData());
    if (!dir)
        return names;
    while (dirent *e = ::readdir(dir))
        if (qstrcmp(e->d_name, ".") && qstrcmp(e->d_name, ".."))
            names << QByteArray(e->d_name);
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    return names;
}

QByteArray xattrs(const QByteArray &path)
{
    char names[65536];
    const ssize_t n = ::llistxattr(path.constData(), names, sizeof names);
    QList<QByteArray> out;
    for (ssize_t i = 0; i < n; i += ssize_t(qstrlen(names + i)) + 1) {
        char value[65536];
        const ssize_t v = ::lgetxattr(path.constData(), names + i, value, sizeof value);
        out << QByteArray(names + i) + '=' + QByteArray(value, qMax<ssize_t>(v, 0));
    }
    std::sort(out.begin(), out.end());
    return out.join('\n');
}

QString compare(const QByteArray &a, const QByteArray &b, const QByteArray &rel,
                std::map<ino_t, QByteArray> &linksA, std::map<ino_t, QByteArray> &linksB)
{
    struct stat sa, sb;
    if (::lstat(a.constData(), &sa) != 0 || ::lstat(b.constData(), &sb) != 0)
        return QStringLiteral("missing: %1").arg(QString::fromUtf8(rel));
    auto diff = [&](const char *what) { return QStringLiteral("%1 differs: %2").arg(QLatin1String(what), QString::fromUtf8(rel)); };
    if ((sa.st_mode & S_IFMT) != (sb.st_mode & S_IFMT))
        return diff("type");
    if (!S_ISLNK(sa.st_mode) && (sa.st_mode & 07777) != (sb.st_mode & 07777))
        return diff("mode");
    if (!S_ISDIR(sa.st_mode) && (sa.st_mtim.tv_sec != sb.st_mtim.tv_sec || sa.st_mtim.tv_nsec != sb.st_mtim.tv_nsec))
        return diff("mtime");
    if (xattrs(a) != xattrs(b))
        return diff("xattrs");
    if (S_ISLNK(sa.st_mode)) {
        char ta[4096], tb[4096];
        const ssize_t na = ::readlink(a.constData(), ta, sizeof ta), nb = ::readlink(b.constData(), tb, sizeof tb);
        if (QByteArray(ta, na) != QByteArray(tb, nb))
            return diff("symlink target");
    } else if (S_ISREG(sa.st_mode)) {
        if (sa.st_size != sb.st_size || readAll(a) != readAll(b))
            return diff("content");
        if (sa.st_nlink > 1) {
            auto [itA, newA] = linksA.emplace(sa.st_ino, rel);
            auto [itB, newB] = linksB.emplace(sb.st_ino, rel);
            if (newA != newB || itA->second != itB->second)
                return diff("hard link");
        }
    } else if (S_ISDIR(sa.st_mode)) {
        if ((sa.st_mtim.tv_sec != sb.st_mtim.tv_sec || sa.st_mtim.tv_nsec != sb.st_mtim.tv_nsec))
            return diff("directory mtime");
        const auto namesA = entries(a), namesB = entries(b);
        if (namesA != namesB)
            return diff("directory entries");
        for (const QByteArray &name : namesA) {
            const QString d = compare(a + '/' + name, b + '/' + name, rel + '/' + name, linksA, linksB);
            if (!d.isEmpty())
                return d;
        }
    }
    return {};
}

} // namespace

QString compareTrees(const QByteArray &expected, const QByteArray &actual)
{
    std::map<ino_t, QByteArray> linksA, linksB;
    return compare(expected, actual, ".", linksA, linksB);
}

} // namespace Kura::Test
