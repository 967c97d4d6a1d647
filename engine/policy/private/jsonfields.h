#pragma once

#include <core/error.h>

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// Small checked accessors for the policy's JSON inputs (region matrix, price table).
// Every error is ErrorCode::Corrupt and names the field by its path, e.g. `regions[2].name`.
namespace Kura::Policy::Json {

// Parses `json` (at most `maxBytes`) and returns its root object. `what` names the document.
Result<QJsonObject> parseObject(const QByteArray &json, qsizetype maxBytes, const QString &what);

// Checks that "version" is present and equals `expected`.
Status checkVersion(const QJsonObject &object, int expected);

// The array under `key`, which must exist and hold at most `maxItems` entries.
Result<QJsonArray> arrayField(const QJsonObject &object, const QString &key, qsizetype maxItems);

// Element `index` of an array, which must be an object. `path` is e.g. `regions[3]`.
Result<QJsonObject> objectAt(const QJsonArray &array, qsizetype index, const QString &path);

// A required string field; `path` is the object's path.
Result<QString> stringField(const QJsonObject &object, const QString &key, const QString &path);

// An optional string field: absent or null gives `fallback`.
Result<QString> optionalString(
    const QJsonObject &object, const QString &key, const QString &path, const QString &fallback);

// An optional boolean field: absent gives `fallback`.
Result<bool> optionalBool(
    const QJsonObject &object, const QString &key, const QString &path, bool fallback);

// A required integer field (a JSON number without fraction) within [min, max].
Result<qint64> integerField(
    const QJsonObject &object, const QString &key, const QString &path, qint64 min, qint64 max);

// A required finite number within [min, max].
Result<double> numberField(
    const QJsonObject &object, const QString &key, const QString &path, double min, double max);

// Fails when `object` has a key outside `allowed` (catches misspelled fields).
Status checkKnownKeys(const QJsonObject &object, const QStringList &allowed, const QString &path);

// "path.key", or "key" when path is empty.
QString fieldPath(const QString &path, const QString &key);

} // namespace Kura::Policy::Json
