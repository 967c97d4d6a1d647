#pragma once

// Shared set-up for the catalog tests: a real SQLite catalog in a temporary folder, two
// tenants, and helpers that create servers, plans and jobs with few lines.
#include <catalog/database.h>
#include <catalog/jobstore.h>
#include <catalog/serverstore.h>
#include <catalog/tenantstore.h>
#include <policy/types.h>

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace Kura::Test {

class CatalogFixture {
public:
    // Opens a fresh catalog with two tenants ("alpha" and "beta"). Check ok() afterwards.
    CatalogFixture();

    bool ok() const { return m_db != nullptr; }
    QString path() const { return m_dir.filePath(QStringLiteral("catalog.sqlite")); }
    Catalog::Database &db() { return *m_db; }
    qint64 alpha() const { return m_alpha; }
    qint64 beta() const { return m_beta; }

    // Creates a server (agent id "<tenant>-<name>") in region JP1; returns 0 on error.
    qint64 addServer(qint64 tenantId, const QString &name, qint64 nowMs = 1000);
    // Protects a server with a plan of the given timing; false on error.
    bool protect(qint64 tenantId, qint64 serverId, Policy::Timing timing, qint64 nowMs);
    // Adds a job in the given final (or queued/running) state; returns 0 on error.
    qint64 addJob(qint64 tenantId, qint64 serverId, qint64 queuedMs, Policy::JobState state,
        Policy::JobKind kind = Policy::JobKind::FileBackup, qint64 durationMs = 60000);

    static Policy::Plan plan(Policy::Timing timing);

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Catalog::Database> m_db;
    qint64 m_alpha = 0;
    qint64 m_beta = 0;
};

} // namespace Kura::Test
