#pragma once

#include <store/archiver.h>
#include <store/localstore.h>
#include <store/restorer.h>
#include <store/fs/posixfilesystem.h>

#include <QTemporaryDir>

namespace Kura::Test {

// A repository in a temporary folder with a cheap KDF, and the POSIX file system.
struct RepoFixture
{
    QTemporaryDir dir;
    std::unique_ptr<Store::Repository> repo;
    Fs::PosixFileSystem fs;

    bool init(int compressionLevel = 3);
    QString repoPath() const { return dir.path() + QStringLiteral("/repo"); }
    QByteArray path(const char *relative) const { return QFile::encodeName(dir.path()) + '/' + relative; }
    Result<Store::BackupResult> backup(const QList<QByteArray> &paths, Store::SnapshotKind kind = Store::SnapshotKind::Files,
                                       const QList<QByteArray> &excludes = {});
    Result<Store::RestoreResult> restore(const Store::Snapshot &snapshot, const QByteArray &target,
                                         const QList<QByteArray> &includes = {},
                                         Fs::OverwritePolicy policy = Fs::OverwritePolicy::Overwrite);
};

// Compares two trees: names, types, content, mode, times (mtime), symlink targets, xattrs
// and which files are hard links of each other. Returns the first difference, or empty.
QString compareTrees(const QByteArray &expected, const QByteArray &actual);

} // namespace Kura::Test
