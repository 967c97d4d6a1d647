#pragma once

#include <core/error.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// The region matrix of SPEC §7: which regions have a backup service, where a region's
// backups are stored, and which remote region holds the second copy of `double` plans.
namespace Kura::Policy {

// One row of the matrix. A region without backup service has empty storage names.
struct RegionInfo
{
    QString name; // e.g. "JP1"
    bool backupService = true;
    QString localStorage;  // storage site of the region's backups (usually the region itself)
    QString remoteStorage; // storage site of the second copy of `double` plans; empty: none

    bool operator==(const RegionInfo &) const = default;
};

// An immutable, validated region matrix. Values are cheap to copy.
//
// JSON form (see docs/policy.md and resources/regions.json):
//   { "version": 1,
//     "regions": [ { "name": "JP1", "localStorage": "JP1", "remoteStorage": "JP2" },
//                  { "name": "AU1", "backupService": false } ] }
// "backupService" defaults to true, "localStorage" to the region's own name, and
// "remoteStorage" to none (absent or null). Region names are 1-32 characters of A-Z, a-z,
// 0-9, '-' and '_', compared exactly.
class RegionMatrix
{
public:
    // Largest JSON document and number of regions accepted.
    static constexpr qsizetype MaxJsonBytes = 1024 * 1024;
    static constexpr qsizetype MaxRegions = 1000;

    RegionMatrix() = default;

    // Parses and validates `json`. Errors are ErrorCode::Corrupt with a message that names
    // the bad field (for example `regions[2].remoteStorage: "JP9" is not a region of the
    // matrix`). Every referenced storage site must be a listed region that has backup service,
    // and a region's remote storage must differ from its local storage.
    static Result<RegionMatrix> fromJson(const QByteArray &json);

    // The canonical JSON form (version 1), accepted by fromJson().
    QByteArray toJson() const;

    QList<RegionInfo> regions() const { return m_regions; }
    bool contains(const QString &region) const { return find(region) != nullptr; }

    // False for regions marked "no backup service" and for regions not in the matrix.
    bool hasBackupService(const QString &region) const;
    // Storage site of the region's backups; empty when the region has no backup service.
    QString localStorageOf(const QString &region) const;
    // The double-storage remote site of `region`; empty when there is none.
    QString pairOf(const QString &region) const;
    // True when a `double` plan may be chosen for servers of `region`.
    bool isDoubleAllowed(const QString &region) const { return !pairOf(region).isEmpty(); }

private:
    const RegionInfo *find(const QString &region) const;

    QList<RegionInfo> m_regions;
};

// The default matrix of SPEC §7 (JP1<->JP2 pairs, JP4, JP5, US1, UK1, SG1, DE1, HK1 local
// only, AU1 without backup service), parsed from the copy of resources/regions.json built
// into the library.
RegionMatrix defaultRegionMatrix();

// The built-in JSON text of the default matrix.
QByteArray defaultRegionMatrixJson();

} // namespace Kura::Policy
