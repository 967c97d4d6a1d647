#pragma once

// Helpers for process-level tests of kura-repo: run the real binary as a child process,
// generate and change a tree of files, and compare a restored tree with what was backed up.

#include <QByteArray>
#include <QJsonArray>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <memory>

namespace Kura::Test {

// Exit codes of kura-repo (docs/kura-repo.md, app/kura-repo/repocommands.h).
enum RepoExit {
    RepoExitOk = 0,
    RepoExitError = 1,
    RepoExitWarnings = 3,
    RepoExitDamaged = 4,
    RepoExitWrongPassword = 5,
    RepoExitLocked = 6,
};

// What a finished kura-repo process left behind.
struct CommandResult {
    int exitCode = -1;
    bool crashed = false; // killed by a signal or never started
    bool timedOut = false;
    QByteArray out;
    QByteArray err;
    QString processError; // why the process could not run, if it could not
    qint64 elapsedMs = 0;

    bool ok() const { return !crashed && !timedOut && exitCode == 0; }
    // One line for failure messages: the exit code and both output streams.
    QString describe() const;
};

// Runs kura-repo against one repository folder with a fixed passphrase (KURA_PASSWORD).
class RepoCli {
public:
    static constexpr const char *DefaultPassphrase = "correct horse battery staple";

    explicit RepoCli(QString repository, QByteArray passphrase = DefaultPassphrase);

    const QString &repository() const { return m_repository; }
    static QString binary();

    // Runs `kura-repo -r REPOSITORY arguments...` to the end (killed after timeoutMs).
    CommandResult run(const QStringList &arguments, int timeoutMs = 120000) const;
    // Same with another passphrase.
    CommandResult runWithPassphrase(
        const QByteArray &passphrase, const QStringList &arguments) const;
    // Starts the command and returns at once; finish() collects the result.
    std::unique_ptr<QProcess> start(const QStringList &arguments) const;
    static CommandResult finish(QProcess &process, int timeoutMs = 120000);
    // Sends SIGKILL and reaps the process.
    static void kill(QProcess &process);

    // `init --kdf-cost 10` (a cheap KDF keeps tests fast).
    CommandResult init() const;
    // The snapshots as `snapshots --json` prints them, oldest first; empty on failure.
    QJsonArray snapshots() const;
    QStringList snapshotIds() const;
    // Names of the locks in locks/ (not temporaries), data packs as paths, and objects of one
    // folder (index, snapshots, keys).
    QStringList lockNames() const;
    QStringList packPaths() const;
    QStringList objectPaths(const QString &folder) const;

private:
    QProcess *prepare(const QStringList &arguments, const QByteArray &passphrase) const;

    QString m_repository;
    QByteArray m_passphrase;
};

// Relative path -> SHA-256 of the content for files, "dir" for directories.
using Manifest = QMap<QString, QByteArray>;

// The manifest of the tree under `root` (symlinks are not followed; the tests make none).
Manifest manifestOf(const QString &root);
// Where restore puts the tree backed up from the absolute path `source`.
QString restoredPath(const QString &target, const QString &source);
// Compares the tree under `root` with `expected`; returns the differences (empty if equal).
// Paths in `ignore` are left out on both sides.
QStringList compareTree(
    const QString &root, const Manifest &expected, const QStringList &ignore = {});

// A tree of several hundred files: small text-like and random files in nested folders,
// a few medium files and two files above the chunker's 8 MiB maximum chunk.
// Everything is derived from the seed, so a failing run can be replayed.
class TreeGenerator {
public:
    TreeGenerator(QString root, quint64 seed);

    const QString &root() const { return m_root; }
    // Creates the tree; `scale` 1.0 gives about 40 MB.
    bool create(double scale = 1.0);
    // Changes the tree like a day of work: rewrites, adds and deletes small files, replaces
    // one medium file and overwrites a stretch inside one large file. Returns false on I/O error.
    bool mutate();
    QStringList files() const; // relative paths of the regular files

private:
    QByteArray content(qsizetype size, bool compressible);
    QString smallFileName(int index) const;

    QString m_root;
    QRandomGenerator m_random;
    int m_nextFile = 0;
    int m_round = 0;
};

} // namespace Kura::Test
