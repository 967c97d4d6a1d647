#pragma once

#include "regionmatrix.h"
#include "types.h"

#include <QList>
#include <QSet>
#include <QString>

// Which servers a generation may be restored to (SPEC §6, §7). Pure functions.
namespace Kura::Policy {

enum class CopyLocation { Local, Remote };

// One stored copy of a generation: the storage region that holds it and whether it is the
// local copy or the double-storage remote copy.
struct GenerationCopy
{
    CopyLocation location = CopyLocation::Local;
    QString region;

    bool operator==(const GenerationCopy &) const = default;
};

// What restore targeting needs of the source: the server the generation was taken from
// (its current facts: region, plan, flavor, OS), the generation's content and its copies, and
// the copy the restore would read.
struct RestoreSource
{
    ServerFacts server;
    Content content = Content::Files; // system restore or file restore
    QList<GenerationCopy> copies;     // the copies the generation has
    CopyLocation readFrom = CopyLocation::Local;
};

// Why a candidate cannot receive the restore. Stable values: the console translates them.
enum class TargetIssue {
    CopyMissing,          // the generation has no copy at `readFrom`
    LocalCopyFailed,      // reading the local copy while its storage region is marked failed
    RemoteCopyNotAllowed, // reading the remote copy while the local storage region is healthy
    TargetInRemoteRegion, // the target is in the region of the remote copy
    DifferentRegion,      // the target is in another region than the source server
    TargetNotProtected,   // the target has no plan, so it cannot have the same plan
    DifferentPlan,        // the target's plan has another menu (storage, timing, retention)
    FlavorUnknown,        // the source's or the target's flavor is empty
    DifferentFlavor,      // the flavors differ
    OsUnknown,            // system restore: the source's or target's OS id or version is empty
    DifferentOs,          // system restore: OS id or version differ
};

// The verdict for one candidate: allowed when `issues` is empty; otherwise every issue that
// applies, in TargetIssue order.
struct TargetVerdict
{
    qint64 serverId = 0;
    QList<TargetIssue> issues;

    bool allowed() const { return issues.isEmpty(); }
    bool operator==(const TargetVerdict &) const = default;
};

QString targetIssueName(TargetIssue issue);

// "Same plan" for restore targeting: the same menu, that is the same storage, timing and
// minimum retention. Windows, weekday, content and paths may differ.
bool samePlanMenu(const Plan &a, const Plan &b);

// The copy to read by default: the local copy while its storage region is healthy; the remote
// copy when the local storage region is in `failedRegions` and a remote copy exists.
CopyLocation defaultCopyToRead(const RestoreSource &source, const QSet<QString> &failedRegions);

// The verdict for each candidate, in the order given. `failedRegions` holds the storage
// regions currently marked failed. The source server itself is a candidate like any other.
QList<TargetVerdict> evaluateRestoreTargets(const RestoreSource &source,
    const QList<ServerFacts> &candidates, const RegionMatrix &matrix,
    const QSet<QString> &failedRegions);

} // namespace Kura::Policy
