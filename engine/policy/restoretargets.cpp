#include "restoretargets.h"

#include <array>

namespace Kura::Policy {
namespace {

constexpr std::array<const char *, 11> issueNames { {
    "copy_missing",
    "local_copy_failed",
    "remote_copy_not_allowed",
    "target_in_remote_region",
    "different_region",
    "target_not_protected",
    "different_plan",
    "flavor_unknown",
    "different_flavor",
    "os_unknown",
    "different_os",
} };

const GenerationCopy *findCopy(const RestoreSource &source, CopyLocation location)
{
    for (const GenerationCopy &copy : source.copies) {
        if (copy.location == location)
            return &copy;
    }
    return nullptr;
}

// The storage region of the source's local copy: the copy's own record, else the matrix.
QString localStorageRegion(const RestoreSource &source, const RegionMatrix &matrix)
{
    const GenerationCopy *local = findCopy(source, CopyLocation::Local);
    return local ? local->region : matrix.localStorageOf(source.server.region);
}

QSet<QString> remoteRegions(const RestoreSource &source, const RegionMatrix &matrix)
{
    QSet<QString> regions;
    for (const GenerationCopy &copy : source.copies) {
        if (copy.location == CopyLocation::Remote)
            regions.insert(copy.region);
    }
    const QString pair = matrix.pairOf(source.server.region);
    if (!pair.isEmpty())
        regions.insert(pair);
    return regions;
}

// Issues of the source and the copy it reads: they apply to every candidate alike.
QList<TargetIssue> sourceIssues(
    const RestoreSource &source, const RegionMatrix &matrix, const QSet<QString> &failedRegions)
{
    QList<TargetIssue> issues;
    if (!findCopy(source, source.readFrom))
        issues.append(TargetIssue::CopyMissing);
    const bool localFailed = failedRegions.contains(localStorageRegion(source, matrix));
    if (source.readFrom == CopyLocation::Local && localFailed)
        issues.append(TargetIssue::LocalCopyFailed);
    if (source.readFrom == CopyLocation::Remote && !localFailed)
        issues.append(TargetIssue::RemoteCopyNotAllowed);
    return issues;
}

void checkRegion(const RestoreSource &source, const ServerFacts &target,
    const QSet<QString> &remote, QList<TargetIssue> &issues)
{
    if (remote.contains(target.region))
        issues.append(TargetIssue::TargetInRemoteRegion);
    else if (target.region != source.server.region)
        issues.append(TargetIssue::DifferentRegion);
}

void checkPlan(
    const ServerFacts &sourceServer, const ServerFacts &target, QList<TargetIssue> &issues)
{
    if (!target.plan)
        issues.append(TargetIssue::TargetNotProtected);
    else if (!sourceServer.plan || !samePlanMenu(*sourceServer.plan, *target.plan))
        issues.append(TargetIssue::DifferentPlan);
}

void checkFlavor(
    const ServerFacts &sourceServer, const ServerFacts &target, QList<TargetIssue> &issues)
{
    if (sourceServer.flavor.isEmpty() || target.flavor.isEmpty())
        issues.append(TargetIssue::FlavorUnknown);
    else if (sourceServer.flavor != target.flavor)
        issues.append(TargetIssue::DifferentFlavor);
}

void checkOs(const ServerFacts &sourceServer, const ServerFacts &target, QList<TargetIssue> &issues)
{
    const bool unknown = sourceServer.osId.isEmpty() || sourceServer.osVersion.isEmpty()
        || target.osId.isEmpty() || target.osVersion.isEmpty();
    if (unknown)
        issues.append(TargetIssue::OsUnknown);
    else if (sourceServer.osId != target.osId || sourceServer.osVersion != target.osVersion)
        issues.append(TargetIssue::DifferentOs);
}

} // namespace

QString targetIssueName(TargetIssue issue)
{
    return QString::fromLatin1(issueNames.at(std::size_t(issue)));
}

bool samePlanMenu(const Plan &a, const Plan &b)
{
    return a.storage == b.storage && a.timing == b.timing && a.retentionDays == b.retentionDays;
}

CopyLocation defaultCopyToRead(const RestoreSource &source, const QSet<QString> &failedRegions)
{
    const GenerationCopy *local = findCopy(source, CopyLocation::Local);
    const bool localUsable = local && !failedRegions.contains(local->region);
    if (!localUsable && findCopy(source, CopyLocation::Remote))
        return CopyLocation::Remote;
    return CopyLocation::Local;
}

QList<TargetVerdict> evaluateRestoreTargets(const RestoreSource &source,
    const QList<ServerFacts> &candidates, const RegionMatrix &matrix,
    const QSet<QString> &failedRegions)
{
    const QList<TargetIssue> common = sourceIssues(source, matrix, failedRegions);
    const QSet<QString> remote = remoteRegions(source, matrix);
    QList<TargetVerdict> verdicts;
    for (const ServerFacts &target : candidates) {
        TargetVerdict verdict { target.id, common };
        checkRegion(source, target, remote, verdict.issues);
        checkPlan(source.server, target, verdict.issues);
        checkFlavor(source.server, target, verdict.issues);
        if (source.content == Content::System)
            checkOs(source.server, target, verdict.issues);
        verdicts.append(verdict);
    }
    return verdicts;
}

} // namespace Kura::Policy
