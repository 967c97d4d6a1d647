#pragma once

#include "repository.h"

#include <core/progress.h>

namespace Kura::Store {

// One problem found by check, with what it affects.
struct CheckProblem
{
    Error error;
    QString pack;              // damaged or missing pack, if any
    QStringList snapshots;     // snapshots that reference damaged data
    QStringList files;         // "snapshot-prefix:/path" of affected files (at most a few hundred)
};

struct CheckReport
{
    qint64 packs = 0;
    qint64 blobs = 0;
    qint64 snapshots = 0;
    qint64 packsRead = 0;
    QList<CheckProblem> problems; // errors: the repository is damaged
    QStringList notes;            // harmless findings (unreferenced packs left by an interrupted backup)
    bool ok() const { return problems.isEmpty(); }
};

// Verifies a repository. The structural check loads every index and snapshot and walks every
// tree, checking that each referenced blob is indexed and each indexed pack exists with a
// plausible size. With readData, every pack is read in full: its name must be the SHA-256
// of its bytes, its header must match the index, and every blob must decrypt, decompress and
// hash to its id. Problems name the pack, and the snapshots and files that are affected.
class Checker
{
public:
    explicit Checker(Repository &repository) : m_repository(repository) {}
    void setProgress(Progress *progress) { m_progress = progress; }
    Result<CheckReport> run(bool readData);

private:
    Repository &m_repository;
    Progress *m_progress = nullptr;
};

} // namespace Kura::Store
