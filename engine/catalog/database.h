#pragma once

#include <catalog/dialect.h>
#include <catalog/migrations.h>
#include <core/error.h>

#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>

#include <chrono>
#include <memory>

class QObject;
class QThread;

namespace Kura::Catalog {

struct DatabaseOptions {
    // Qt SQL driver: "QSQLITE" (default, a file) or "QPSQL" (a server, for scale-out).
    QString driver = QStringLiteral("QSQLITE");
    // For QSQLITE the catalog file path; for QPSQL the database name.
    QString name;
    // QPSQL only.
    QString host;
    int port = 5432;
    QString user;
    QString password;
    // How long a statement waits for another writer before failing with Unavailable.
    std::chrono::milliseconds busyTimeout { 5000 };
    // Migrations applied at open, in order. Tests pass shorter lists to build old schemas.
    QList<Migration> migrations = catalogMigrations();
};

// An open catalog. Qt SQL connections may only be used by the thread that opened them, so
// the catalog keeps one connection per thread, named after the thread, opened on that
// thread's first call to connection() and closed when that thread finishes (or when the
// Database is destroyed). Opening applies the pending migrations and refuses a catalog
// whose schema is newer than this build knows (ErrorCode::Unsupported).
//
// Thread-safety: connection() may be called from any thread. Destroy the Database only after
// every other thread has stopped using it.
// Threads not started by QThread (std::thread) get their connection closed only when the
// Database is destroyed.
class Database {
public:
    // Opens (creating if needed) the catalog, switches SQLite to WAL journaling, turns on
    // foreign keys and applies migrations. Errors: Io (cannot open), Unsupported (newer
    // schema or unknown driver), Corrupt (a schema_version table that makes no sense).
    static Result<std::unique_ptr<Database>> open(const DatabaseOptions &options);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // This thread's connection, opened on first use. Do not pass it to another thread.
    Result<QSqlDatabase> connection();
    const Dialect &dialect() const { return m_dialect; }
    const DatabaseOptions &options() const { return m_options; }
    // The schema version after migrations (the highest applied migration).
    int schemaVersion() const { return m_schemaVersion; }
    // The connection name this thread uses (for diagnostics and tests).
    QString connectionName() const;

private:
    Database(DatabaseOptions options, Dialect dialect);
    Result<QSqlDatabase> openConnection(const QString &name);
    void closeConnection(QThread *thread);

    DatabaseOptions m_options;
    Dialect m_dialect;
    QString m_instanceTag;
    int m_schemaVersion = 0;
    mutable QMutex m_mutex;
    QHash<QThread *, QString> m_connections; // guarded by m_mutex
    // Context of the QThread::finished connections: destroying it disconnects them.
    std::unique_ptr<QObject> m_context;
};

} // namespace Kura::Catalog
