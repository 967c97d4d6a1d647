#pragma once

#include <catalog/database.h>
#include <core/error.h>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>
#include <QVariantList>

#include <optional>

// Small helpers shared by the catalog's stores: every statement is prepared and its values
// bound, never assembled from input.
namespace Kura::Catalog::Sql {

// Prepares `sql` on `db`, binds `values` in order to its "?" placeholders and executes it.
Result<QSqlQuery> run(const QSqlDatabase &db, const Dialect &dialect, const QString &sql,
    const QVariantList &values = {});
// The same on this thread's connection of `database`.
Result<QSqlQuery> run(Database &database, const QString &sql, const QVariantList &values = {});
// Runs an INSERT ... RETURNING id and returns the id.
Result<qint64> insert(Database &database, const QString &sql, const QVariantList &values);
// Runs a statement that must change exactly one row; NotFound naming `what` otherwise.
Status updateOne(
    Database &database, const QString &sql, const QVariantList &values, const QString &what);

// A write transaction on this thread's connection, rolled back unless committed.
// Not nestable.
class Transaction {
public:
    static Result<Transaction> begin(Database &database);
    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&) = delete;
    ~Transaction();
    Status commit();

private:
    Transaction(QSqlDatabase db, const Dialect *dialect)
        : m_db(std::move(db))
        , m_dialect(dialect)
    {
    }
    QSqlDatabase m_db;
    const Dialect *m_dialect;
    bool m_open = true;
};

// NULL for an empty optional.
QVariant nullable(const std::optional<qint64> &value);
QVariant nullable(const QString &value);
std::optional<qint64> optionalInt(const QVariant &value);

// A string list as JSON array text, and back (invalid text gives Corrupt).
QString toJsonArray(const QStringList &list);
Result<QStringList> fromJsonArray(const QString &text, const QString &what);

} // namespace Kura::Catalog::Sql
