#pragma once

#include <core/error.h>

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Kura::Catalog {

class Dialect;

// One numbered step of the catalog schema. Statements may use the Dialect placeholders
// ("%ID%"). Rule: a released migration is never edited; changes go in a new, higher number.
struct Migration {
    int version = 0;
    QString name;
    QStringList statements;
};

// The catalog's migrations, versions 1..n in order.
QList<Migration> catalogMigrations();

// The highest version in `migrations` (0 for an empty list).
int latestVersion(const QList<Migration> &migrations);

// The version recorded in the catalog's schema_version table (0 if the table is missing).
Result<int> readSchemaVersion(const QSqlDatabase &db, const Dialect &dialect);

// Brings the catalog up to the last of `migrations`, each migration in its own write
// transaction that also records its version. Returns the resulting version.
// Errors: Unsupported when the catalog is newer than the last known migration (the message
// names both versions); Internal when `migrations` is not numbered 1..n; the SQL error of a
// failing statement (that migration is rolled back, earlier ones stay applied).
Result<int> applyMigrations(
    const QSqlDatabase &db, const Dialect &dialect, const QList<Migration> &migrations);

} // namespace Kura::Catalog
