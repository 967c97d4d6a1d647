#include "database.h"

#include "private/sql.h"

#include <QAtomicInteger>
#include <QObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

    QAtomicInteger<quint64> instanceCounter;

    Status enableWal(const QSqlDatabase &db, const Dialect &dialect)
    {
        if (dialect.kind() != Dialect::Kind::Sqlite)
            return {};
        auto query = Sql::run(db, dialect, u"PRAGMA journal_mode = WAL"_s);
        if (!query)
            return fail(query.error());
        const QString mode = query->next() ? query->value(0).toString() : QString();
        // An in-memory database reports "memory"; everything else must become WAL.
        if (mode.compare("wal"_L1, Qt::CaseInsensitive) != 0 && mode != "memory"_L1)
            return fail(ErrorCode::Io,
                u"catalog \"%1\" refused WAL journaling (mode is \"%2\")"_s.arg(
                    db.databaseName(), mode));
        return {};
    }

} // namespace

Database::Database(DatabaseOptions options, Dialect dialect)
    : m_options(std::move(options))
    , m_dialect(dialect)
    , m_instanceTag(QString::number(instanceCounter.fetchAndAddRelaxed(1) + 1))
    , m_context(std::make_unique<QObject>())
{
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseOptions &options)
{
    auto dialect = Dialect::forDriver(options.driver);
    if (!dialect)
        return fail(dialect.error());
    if (options.name.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"catalog path or database name is empty"_s);
    std::unique_ptr<Database> database(new Database(options, *dialect));
    auto db = database->connection();
    if (!db)
        return fail(db.error());
    KURA_TRY(enableWal(*db, *dialect));
    auto version = applyMigrations(*db, *dialect, options.migrations);
    if (!version)
        return fail(version.error().withContext(u"catalog \"%1\""_s.arg(options.name)));
    database->m_schemaVersion = *version;
    return database;
}

Database::~Database()
{
    m_context.reset();
    QMutexLocker locker(&m_mutex);
    const QStringList names = m_connections.values();
    m_connections.clear();
    locker.unlock();
    for (const QString &name : names) {
        QSqlDatabase::database(name, false).close();
        QSqlDatabase::removeDatabase(name);
    }
}

QString Database::connectionName() const
{
    QThread *thread = QThread::currentThread();
    return u"kura-catalog-%1-%2-%3"_s.arg(m_instanceTag, thread->objectName())
        .arg(quintptr(thread), 0, 16);
}

Result<QSqlDatabase> Database::connection()
{
    QThread *thread = QThread::currentThread();
    {
        QMutexLocker locker(&m_mutex);
        const auto it = m_connections.constFind(thread);
        if (it != m_connections.cend())
            return QSqlDatabase::database(*it, false);
    }
    return openConnection(connectionName());
}

Result<QSqlDatabase> Database::openConnection(const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(m_options.driver, name);
    db.setDatabaseName(m_options.name);
    if (m_dialect.kind() == Dialect::Kind::Postgres) {
        db.setHostName(m_options.host);
        db.setPort(m_options.port);
        db.setUserName(m_options.user);
        db.setPassword(m_options.password);
    }
    const int timeoutMs = int(m_options.busyTimeout.count());
    db.setConnectOptions(m_dialect.connectOptions(timeoutMs));
    if (!db.open()) {
        const Error error
            = m_dialect.toError(db.lastError(), u"open catalog \"%1\""_s.arg(m_options.name));
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return fail(ErrorCode::Io, error.message());
    }
    for (const QString &statement : m_dialect.connectionSetup(timeoutMs))
        KURA_TRY(Sql::run(db, m_dialect, statement));
    QThread *thread = QThread::currentThread();
    {
        QMutexLocker locker(&m_mutex);
        m_connections.insert(thread, name);
    }
    // QThread::finished is emitted from the finishing thread itself, so the connection is
    // closed by the thread that owns it. The main thread's connection is closed in ~Database.
    QObject::connect(
        thread, &QThread::finished, m_context.get(), [this, thread] { closeConnection(thread); },
        Qt::DirectConnection);
    return db;
}

void Database::closeConnection(QThread *thread)
{
    QMutexLocker locker(&m_mutex);
    const QString name = m_connections.take(thread);
    locker.unlock();
    if (name.isEmpty())
        return;
    QSqlDatabase::database(name, false).close();
    QSqlDatabase::removeDatabase(name);
}

} // namespace Kura::Catalog
