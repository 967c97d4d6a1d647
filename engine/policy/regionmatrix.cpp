#include "regionmatrix.h"

#include "private/jsonfields.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

static void initPolicyResources()
{
    // The resource lives in a static library; make sure its initializer is linked in.
    Q_INIT_RESOURCE(policy_defaults);
}

namespace Kura::Policy {
namespace {

const QString RegionsKey = QStringLiteral("regions");

tl::unexpected<Error> bad(const QString &path, const QString &what)
{
    return fail(ErrorCode::Corrupt, path + QStringLiteral(": ") + what);
}

bool isValidRegionName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
    return pattern.match(name).hasMatch();
}

Result<RegionInfo> parseRegion(const QJsonObject &object, const QString &path)
{
    KURA_TRY(Json::checkKnownKeys(object,
        { QStringLiteral("name"), QStringLiteral("backupService"), QStringLiteral("localStorage"),
            QStringLiteral("remoteStorage") },
        path));
    RegionInfo info;
    auto name = Json::stringField(object, QStringLiteral("name"), path);
    KURA_TRY(name);
    if (!isValidRegionName(*name))
        return bad(Json::fieldPath(path, QStringLiteral("name")),
            QStringLiteral("\"%1\" is not a region name (1-32 of A-Z a-z 0-9 - _)").arg(*name));
    info.name = *name;
    auto service = Json::optionalBool(object, QStringLiteral("backupService"), path, true);
    KURA_TRY(service);
    info.backupService = *service;
    auto local = Json::optionalString(
        object, QStringLiteral("localStorage"), path, info.backupService ? info.name : QString());
    KURA_TRY(local);
    auto remote = Json::optionalString(object, QStringLiteral("remoteStorage"), path, QString());
    KURA_TRY(remote);
    info.localStorage = *local;
    info.remoteStorage = *remote;
    if (!info.backupService && !info.localStorage.isEmpty())
        return bad(Json::fieldPath(path, QStringLiteral("localStorage")),
            QStringLiteral("set for a region without backup service"));
    if (!info.backupService && !info.remoteStorage.isEmpty())
        return bad(Json::fieldPath(path, QStringLiteral("remoteStorage")),
            QStringLiteral("set for a region without backup service"));
    return info;
}

// A storage site must be a listed region that offers backup service.
Status checkStorageSite(const QList<RegionInfo> &regions, const QString &site, const QString &path)
{
    for (const RegionInfo &info : regions) {
        if (info.name == site) {
            if (!info.backupService)
                return bad(path, QStringLiteral("\"%1\" has no backup service").arg(site));
            return {};
        }
    }
    return bad(path, QStringLiteral("\"%1\" is not a region of the matrix").arg(site));
}

Status checkReferences(const QList<RegionInfo> &regions)
{
    for (qsizetype i = 0; i < regions.size(); ++i) {
        const RegionInfo &info = regions.at(i);
        const QString path = QStringLiteral("regions[%1]").arg(i);
        if (!info.backupService)
            continue;
        KURA_TRY(
            checkStorageSite(regions, info.localStorage, path + QStringLiteral(".localStorage")));
        if (info.remoteStorage.isEmpty())
            continue;
        const QString remotePath = path + QStringLiteral(".remoteStorage");
        KURA_TRY(checkStorageSite(regions, info.remoteStorage, remotePath));
        if (info.remoteStorage == info.localStorage || info.remoteStorage == info.name)
            return bad(remotePath,
                QStringLiteral("\"%1\" is the region itself or its local storage")
                    .arg(info.remoteStorage));
    }
    return {};
}

} // namespace

Result<RegionMatrix> RegionMatrix::fromJson(const QByteArray &json)
{
    auto root = Json::parseObject(json, MaxJsonBytes, QStringLiteral("region matrix"));
    KURA_TRY(root);
    KURA_TRY(Json::checkKnownKeys(*root, { QStringLiteral("version"), RegionsKey }, QString()));
    KURA_TRY(Json::checkVersion(*root, 1));
    auto array = Json::arrayField(*root, RegionsKey, MaxRegions);
    KURA_TRY(array);
    RegionMatrix matrix;
    QSet<QString> names;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QString path = QStringLiteral("regions[%1]").arg(i);
        auto object = Json::objectAt(*array, i, path);
        KURA_TRY(object);
        auto info = parseRegion(*object, path);
        KURA_TRY(info);
        if (names.contains(info->name))
            return bad(path + QStringLiteral(".name"),
                QStringLiteral("\"%1\" is listed twice").arg(info->name));
        names.insert(info->name);
        matrix.m_regions.append(*info);
    }
    KURA_TRY(checkReferences(matrix.m_regions));
    return matrix;
}

QByteArray RegionMatrix::toJson() const
{
    QJsonArray regions;
    for (const RegionInfo &info : m_regions) {
        QJsonObject object { { QStringLiteral("name"), info.name } };
        if (!info.backupService) {
            object.insert(QStringLiteral("backupService"), false);
        } else {
            object.insert(QStringLiteral("localStorage"), info.localStorage);
            object.insert(QStringLiteral("remoteStorage"),
                info.remoteStorage.isEmpty() ? QJsonValue() : QJsonValue(info.remoteStorage));
        }
        regions.append(object);
    }
    const QJsonObject root { { QStringLiteral("version"), 1 }, { RegionsKey, regions } };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

const RegionInfo *RegionMatrix::find(const QString &region) const
{
    for (const RegionInfo &info : m_regions) {
        if (info.name == region)
            return &info;
    }
    return nullptr;
}

bool RegionMatrix::hasBackupService(const QString &region) const
{
    const RegionInfo *info = find(region);
    return info && info->backupService;
}

QString RegionMatrix::localStorageOf(const QString &region) const
{
    const RegionInfo *info = find(region);
    return info && info->backupService ? info->localStorage : QString();
}

QString RegionMatrix::pairOf(const QString &region) const
{
    const RegionInfo *info = find(region);
    return info && info->backupService ? info->remoteStorage : QString();
}

QByteArray defaultRegionMatrixJson()
{
    initPolicyResources();
    QFile file(QStringLiteral(":/kura/policy/regions.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

RegionMatrix defaultRegionMatrix()
{
    auto matrix = RegionMatrix::fromJson(defaultRegionMatrixJson());
    // The built-in copy is tested; an empty matrix (every region without service) is the
    // safe answer should it ever fail to parse.
    Q_ASSERT(matrix);
    return matrix ? *matrix : RegionMatrix();
}

} // namespace Kura::Policy
