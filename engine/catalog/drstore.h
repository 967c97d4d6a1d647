#pragma once

#include <catalog/database.h>
#include <core/error.h>

#include <QList>
#include <QString>

#include <optional>

namespace Kura::Catalog {

enum class SiteRole { Active, Dr };
enum class DrOperation { None, SwitchOver, SwitchBack, Drill };
QString siteRoleName(SiteRole role);
QString drOperationName(DrOperation operation);

// The six steps of SPEC §12 for switch-over, switch-back and drill.
constexpr int DrStepCount = 6;

struct DrStep {
    DrOperation operation = DrOperation::None;
    int step = 0; // 1..6
    QString doneBy;
    qint64 doneMs = 0;
    QString note;

    bool operator==(const DrStep &) const = default;
};

struct DrState {
    SiteRole siteRole = SiteRole::Active;
    DrOperation operation = DrOperation::None; // the latest operation, None before the first
    bool suppressed = false; // job execution suppressed (no job starts)
    int currentStep = 0; // last completed step of `operation`, 0..6
    std::optional<qint64> lastCatalogCopyMs; // recovery point
    QList<DrStep> steps; // steps of the latest operation, in order
};

// Disaster-recovery state of this kura-server installation (SPEC §12). Installation-wide:
// it concerns the backup server itself, not any tenant's data.
class DrStore {
public:
    explicit DrStore(Database &database)
        : m_db(database)
    {
    }

    Result<DrState> state();
    Status setSiteRole(SiteRole role);
    Status setSuppressed(bool suppressed);
    Status setLastCatalogCopy(qint64 copyMs);
    // Records that `step` of `operation` was done by `doneBy`. Steps follow in order: step 1
    // starts a new operation (only when none is in progress, i.e. the last one reached
    // step 6), every later step must be the next one of the same operation. Conflict
    // otherwise; InvalidArgument for operation None or a step outside 1..6.
    Status recordStep(const DrStep &step);

private:
    Database &m_db;
};

} // namespace Kura::Catalog
