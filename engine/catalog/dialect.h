#pragma once

#include <core/error.h>

#include <QSqlError>
#include <QString>
#include <QStringList>

namespace Kura::Catalog {

// The one place where SQL differs between the database engines the catalog supports.
// Everything else in the catalog is written in SQL that SQLite and PostgreSQL both accept
// (BIGINT, TEXT, INSERT ... RETURNING, ON CONFLICT, partial indexes, LIMIT).
class Dialect {
public:
    enum class Kind { Sqlite, Postgres };

    // The dialect for a Qt SQL driver name ("QSQLITE" or "QPSQL"); Unsupported otherwise.
    static Result<Dialect> forDriver(const QString &driverName);

    Kind kind() const { return m_kind; }

    // Replaces the placeholders used in schema statements:
    // "%ID%" becomes the auto-increment primary key column type.
    QString adapt(const QString &sql) const;

    // Statement that starts a write transaction. SQLite takes the write lock at once
    // ("BEGIN IMMEDIATE") so that the busy timeout applies instead of a deadlock error.
    QString beginWrite() const;

    // Statements run on every new connection (foreign keys, busy timeout).
    QStringList connectionSetup(int busyTimeoutMs) const;

    // Qt connect options for a new connection.
    QString connectOptions(int busyTimeoutMs) const;

    // Maps a driver error to the engine's error type: busy/locked -> Unavailable (retryable),
    // constraint violations -> Conflict, everything else -> Io.
    Error toError(const QSqlError &error, const QString &context) const;

private:
    explicit Dialect(Kind kind)
        : m_kind(kind)
    {
    }
    Kind m_kind;
};

} // namespace Kura::Catalog
