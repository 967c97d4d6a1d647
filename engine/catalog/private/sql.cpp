#include "sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace Kura::Catalog::Sql {
namespace {

    QString describe(const QString &sql)
    {
        return u"catalog statement \"%1\""_s.arg(sql.simplified().left(72));
    }

} // namespace

Result<QSqlQuery> run(
    const QSqlDatabase &db, const Dialect &dialect, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return fail(dialect.toError(query.lastError(), describe(sql)));
    for (const QVariant &value : values) {
        // A null QString would be bound as SQL NULL; text columns want '' (use nullable()
        // for a real NULL).
        const bool nullString = !value.isNull()
            && value.metaType() == QMetaType::fromType<QString>() && value.toString().isNull();
        query.addBindValue(nullString ? QVariant(u""_s) : value);
    }
    if (!query.exec())
        return fail(dialect.toError(query.lastError(), describe(sql)));
    return query;
}

Result<QSqlQuery> run(Database &database, const QString &sql, const QVariantList &values)
{
    auto db = database.connection();
    if (!db)
        return fail(db.error());
    return run(*db, database.dialect(), sql, values);
}

Result<qint64> insert(Database &database, const QString &sql, const QVariantList &values)
{
    auto query = run(database, sql, values);
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(ErrorCode::Internal, describe(sql) + u" returned no id"_s);
    return query->value(0).toLongLong();
}

Status updateOne(
    Database &database, const QString &sql, const QVariantList &values, const QString &what)
{
    auto query = run(database, sql, values);
    if (!query)
        return fail(query.error());
    if (query->numRowsAffected() != 1)
        return fail(ErrorCode::NotFound, u"%1 not found"_s.arg(what));
    return {};
}

Result<Transaction> Transaction::begin(Database &database)
{
    auto db = database.connection();
    if (!db)
        return fail(db.error());
    auto started = run(*db, database.dialect(), database.dialect().beginWrite());
    if (!started)
        return fail(started.error());
    return Transaction(*db, &database.dialect());
}

Transaction::Transaction(Transaction &&other) noexcept
    : m_db(std::move(other.m_db))
    , m_dialect(other.m_dialect)
    , m_open(other.m_open)
{
    other.m_open = false;
}

Transaction::~Transaction()
{
    if (m_open)
        (void)run(m_db, *m_dialect, u"ROLLBACK"_s);
}

Status Transaction::commit()
{
    auto done = run(m_db, *m_dialect, u"COMMIT"_s);
    if (!done)
        return fail(done.error());
    m_open = false;
    return {};
}

QVariant nullable(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

QVariant nullable(const QString &value)
{
    return value.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

std::optional<qint64> optionalInt(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

QString toJsonArray(const QStringList &list)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

Result<QStringList> fromJsonArray(const QString &text, const QString &what)
{
    if (text.isEmpty() || text == "[]"_L1) // the common case, without a JSON parse
        return QStringList();
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isArray())
        return fail(
            ErrorCode::Corrupt, u"%1 is not a JSON array: \"%2\""_s.arg(what, text.left(40)));
    QStringList out;
    for (const QJsonValue &value : doc.array()) {
        if (!value.isString())
            return fail(ErrorCode::Corrupt, u"%1 holds a non-string element"_s.arg(what));
        out << value.toString();
    }
    return out;
}

} // namespace Kura::Catalog::Sql
