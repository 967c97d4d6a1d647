#pragma once

#include <catalog/database.h>
#include <core/error.h>
#include <policy/types.h>

#include <QList>
#include <QString>

#include <optional>

namespace Kura::Catalog {

enum class GenerationStatus { Running, Complete, Failed };
enum class CopyState { Pending, Copying, Complete, Failed };
QString generationStatusName(GenerationStatus status);
QString copyStateName(CopyState state);

struct NewGeneration {
    qint64 serverId = 0;
    std::optional<qint64> jobId;
    Policy::JobKind kind = Policy::JobKind::FileBackup; // FileBackup or SystemBackup
    Policy::Plan plan; // the plan at the time: its menu and retention stay with the generation
    qint64 startMs = 0;
};

struct GenerationStats {
    qint64 endMs = 0;
    qint64 sourceBytes = 0;
    qint64 files = 0;
    qint64 newBytes = 0; // bytes this generation added to the repository
    QString snapshotId; // the snapshot in the repository
};

struct GenerationRecord {
    qint64 id = 0;
    qint64 serverId = 0;
    std::optional<qint64> jobId;
    Policy::JobKind kind = Policy::JobKind::FileBackup;
    QString planSummary;
    Policy::Storage storage = Policy::Storage::Local;
    Policy::Timing timing = Policy::Timing::Immediate;
    int retentionDays = 0;
    qint64 startMs = 0;
    std::optional<qint64> endMs;
    qint64 sourceBytes = 0;
    qint64 files = 0;
    qint64 newBytes = 0;
    GenerationStatus status = GenerationStatus::Running;
    QString snapshotId;
};

struct GenerationCopy {
    QString region;
    CopyState state = CopyState::Pending;
    std::optional<qint64> replicatedMs;
};

// Generations (SPEC §5) and their copies per region (§7) of one tenant. Every function takes
// the tenant id; another tenant's generation or server id gives NotFound.
class GenerationStore {
public:
    explicit GenerationStore(Database &database)
        : m_db(database)
    {
    }

    // Starts a generation in state Running. InvalidArgument for a restore kind.
    Result<qint64> create(qint64 tenantId, const NewGeneration &generation);
    // Running -> Complete with its statistics. Conflict if it is not running.
    Status complete(qint64 tenantId, qint64 generationId, const GenerationStats &stats);
    // Running -> Failed (a stopped or failed backup leaves no visible generation).
    Status markFailed(qint64 tenantId, qint64 generationId, qint64 endMs);
    Result<GenerationRecord> generation(qint64 tenantId, qint64 generationId);
    // Newest first.
    Result<QList<GenerationRecord>> listForServer(qint64 tenantId, qint64 serverId);
    // Forgets one generation (retention sweep) or all of a server's (unprotect).
    Status remove(qint64 tenantId, qint64 generationId);
    Result<int> removeForServer(qint64 tenantId, qint64 serverId);

    // Creates or updates the copy of a generation in `region`.
    Status setCopy(qint64 tenantId, qint64 generationId, const GenerationCopy &copy);
    Result<QList<GenerationCopy>> copies(qint64 tenantId, qint64 generationId);

private:
    Database &m_db;
};

} // namespace Kura::Catalog
