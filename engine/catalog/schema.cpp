// The catalog schema, as numbered migrations. A released migration is never edited: a change
// is a new migration with the next number (docs/catalog.md, "Migrations").
//
// Portability: only SQL that SQLite and PostgreSQL both accept. Times are BIGINT milliseconds
// since the Unix epoch (UTC); booleans are INTEGER 0/1; lists are JSON array text; enums are
// the stable lower-case names from policy/types.h. Every tenant-owned table carries tenant_id,
// and child rows reference their parent through (tenant_id, id) so that a row can never point
// at another tenant's row.
#include "migrations.h"

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

    QStringList tenantsAndUsers()
    {
        return {
            u"CREATE TABLE tenants (id %ID%, name TEXT NOT NULL UNIQUE, created_ms BIGINT NOT NULL)"_s,
            u"CREATE TABLE users (id %ID%,"
            " tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,"
            " name TEXT NOT NULL, password_hash TEXT NOT NULL,"
            " role TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),"
            " disabled INTEGER NOT NULL DEFAULT 0, created_ms BIGINT NOT NULL,"
            " UNIQUE (tenant_id, name), UNIQUE (tenant_id, id))"_s,
            u"CREATE TABLE api_keys (id %ID%, tenant_id BIGINT NOT NULL, user_id BIGINT NOT NULL,"
            " name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, created_ms BIGINT NOT NULL,"
            " last_used_ms BIGINT, revoked INTEGER NOT NULL DEFAULT 0,"
            " FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id) ON DELETE CASCADE)"_s,
        };
    }

    QStringList regions()
    {
        return {
            u"CREATE TABLE regions (name TEXT PRIMARY KEY, remote_region TEXT,"
            " backup_allowed INTEGER NOT NULL DEFAULT 1,"
            " state TEXT NOT NULL DEFAULT 'ok' CHECK (state IN ('ok', 'failed')),"
            " state_changed_by TEXT, state_changed_ms BIGINT)"_s,
            u"CREATE TABLE region_health_log (id %ID%,"
            " region TEXT NOT NULL REFERENCES regions(name) ON DELETE CASCADE,"
            " state TEXT NOT NULL CHECK (state IN ('ok', 'failed')),"
            " changed_by TEXT NOT NULL, changed_ms BIGINT NOT NULL, reason TEXT NOT NULL DEFAULT '')"_s,
        };
    }

    QStringList serversAndPlans()
    {
        return {
            u"CREATE TABLE servers (id %ID%,"
            " tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,"
            " name TEXT NOT NULL, agent_id TEXT NOT NULL UNIQUE, agent_secret_hash TEXT NOT NULL,"
            " host_name TEXT NOT NULL DEFAULT '', os_id TEXT NOT NULL DEFAULT '',"
            " os_version TEXT NOT NULL DEFAULT '', arch TEXT NOT NULL DEFAULT '',"
            " flavor TEXT NOT NULL DEFAULT '', agent_version TEXT NOT NULL DEFAULT '',"
            " addresses TEXT NOT NULL DEFAULT '[]', advertised_address TEXT NOT NULL DEFAULT '',"
            " region TEXT NOT NULL, online INTEGER NOT NULL DEFAULT 0, last_seen_ms BIGINT,"
            " protected INTEGER NOT NULL DEFAULT 0, protected_since_ms BIGINT,"
            " enrolled_ms BIGINT NOT NULL,"
            " UNIQUE (tenant_id, name), UNIQUE (tenant_id, id))"_s,
            u"CREATE TABLE plans (server_id BIGINT PRIMARY KEY, tenant_id BIGINT NOT NULL,"
            " storage TEXT NOT NULL CHECK (storage IN ('local', 'double')),"
            " timing TEXT NOT NULL CHECK (timing IN ('immediate', 'daily', 'weekly')),"
            " daily_window INTEGER NOT NULL, weekday INTEGER NOT NULL, weekly_window INTEGER NOT "
            "NULL,"
            " retention_days INTEGER NOT NULL,"
            " content TEXT NOT NULL CHECK (content IN ('system', 'files')),"
            " include_paths TEXT NOT NULL DEFAULT '[]', exclude_patterns TEXT NOT NULL DEFAULT "
            "'[]',"
            " system_device TEXT NOT NULL DEFAULT '', pre_command TEXT NOT NULL DEFAULT '',"
            " post_command TEXT NOT NULL DEFAULT '', command_timeout_seconds INTEGER NOT NULL,"
            " updated_ms BIGINT NOT NULL,"
            " FOREIGN KEY (tenant_id, server_id) REFERENCES servers(tenant_id, id) ON DELETE CASCADE)"_s,
            u"CREATE TABLE enrollment_tokens (id %ID%,"
            " tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,"
            " token_hash TEXT NOT NULL UNIQUE, region TEXT NOT NULL, created_ms BIGINT NOT NULL,"
            " expires_ms BIGINT NOT NULL, used_ms BIGINT, used_by_server_id BIGINT)"_s,
        };
    }

    QStringList jobs()
    {
        return {
            u"CREATE TABLE jobs (id %ID%, tenant_id BIGINT NOT NULL, server_id BIGINT NOT NULL,"
            " kind TEXT NOT NULL CHECK (kind IN ('file_backup', 'system_backup', 'file_restore', "
            "'system_restore')),"
            " trigger_kind TEXT NOT NULL CHECK (trigger_kind IN ('scheduled', 'immediate')),"
            " state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', "
            "'stopped',"
            " 'cancelled', 'interrupted')),"
            " reason TEXT NOT NULL DEFAULT '', plan_summary TEXT NOT NULL DEFAULT '',"
            " queued_ms BIGINT NOT NULL, start_ms BIGINT, end_ms BIGINT,"
            " source_bytes BIGINT NOT NULL DEFAULT 0, transferred_bytes BIGINT NOT NULL DEFAULT 0,"
            " files BIGINT NOT NULL DEFAULT 0, bytes_done BIGINT NOT NULL DEFAULT 0,"
            " files_done BIGINT NOT NULL DEFAULT 0,"
            " target_server_id BIGINT, target_path TEXT NOT NULL DEFAULT '', generation_id BIGINT,"
            " UNIQUE (tenant_id, id),"
            " FOREIGN KEY (tenant_id, server_id) REFERENCES servers(tenant_id, id) ON DELETE CASCADE)"_s,
            u"CREATE INDEX jobs_server_queued ON jobs (tenant_id, server_id, queued_ms)"_s,
            u"CREATE TABLE job_events (id %ID%, tenant_id BIGINT NOT NULL, job_id BIGINT NOT NULL,"
            " time_ms BIGINT NOT NULL,"
            " level TEXT NOT NULL CHECK (level IN ('info', 'warning', 'error')), text TEXT NOT "
            "NULL,"
            " FOREIGN KEY (tenant_id, job_id) REFERENCES jobs(tenant_id, id) ON DELETE CASCADE)"_s,
            u"CREATE INDEX job_events_job ON job_events (tenant_id, job_id, time_ms)"_s,
        };
    }

    QStringList generations()
    {
        return {
            u"CREATE TABLE generations (id %ID%, tenant_id BIGINT NOT NULL, server_id BIGINT NOT "
            u"NULL,"
            " job_id BIGINT, kind TEXT NOT NULL CHECK (kind IN ('file_backup', 'system_backup')),"
            " plan_summary TEXT NOT NULL DEFAULT '', storage TEXT NOT NULL, timing TEXT NOT NULL,"
            " retention_days INTEGER NOT NULL, start_ms BIGINT NOT NULL, end_ms BIGINT,"
            " source_bytes BIGINT NOT NULL DEFAULT 0, files BIGINT NOT NULL DEFAULT 0,"
            " new_bytes BIGINT NOT NULL DEFAULT 0,"
            " status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed')),"
            " snapshot_id TEXT NOT NULL DEFAULT '',"
            " UNIQUE (tenant_id, id),"
            " FOREIGN KEY (tenant_id, server_id) REFERENCES servers(tenant_id, id) ON DELETE CASCADE)"_s,
            u"CREATE INDEX generations_server ON generations (tenant_id, server_id, start_ms)"_s,
            u"CREATE TABLE generation_copies (tenant_id BIGINT NOT NULL, generation_id BIGINT NOT "
            u"NULL,"
            " region TEXT NOT NULL,"
            " state TEXT NOT NULL CHECK (state IN ('pending', 'copying', 'complete', 'failed')),"
            " replicated_ms BIGINT, PRIMARY KEY (generation_id, region),"
            " FOREIGN KEY (tenant_id, generation_id) REFERENCES generations(tenant_id, id) ON DELETE CASCADE)"_s,
        };
    }

    QStringList usageAlertsAudit()
    {
        return {
            // No foreign key to servers: billing still needs a deleted server's samples.
            u"CREATE TABLE usage_samples (tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON "
            u"DELETE CASCADE,"
            " server_id BIGINT NOT NULL, server_name TEXT NOT NULL, day TEXT NOT NULL,"
            " protected_bytes BIGINT NOT NULL, storage TEXT NOT NULL, timing TEXT NOT NULL,"
            " retention_days INTEGER NOT NULL, PRIMARY KEY (tenant_id, server_id, day))"_s,
            u"CREATE INDEX usage_samples_day ON usage_samples (tenant_id, day)"_s,
            u"CREATE TABLE alerts (id %ID%, tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON "
            u"DELETE CASCADE,"
            " server_id BIGINT,"
            " kind TEXT NOT NULL CHECK (kind IN ('overdue', 'job_failed', 'scheduled_refused',"
            " 'replication_lag', 'region_failed')),"
            " subject TEXT NOT NULL,"
            " state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),"
            " opened_ms BIGINT NOT NULL, acknowledged_by TEXT, acknowledged_ms BIGINT,"
            " resolved_ms BIGINT, details TEXT NOT NULL DEFAULT '')"_s,
            // One unresolved alert per tenant, kind and subject (a server id or a region name).
            u"CREATE UNIQUE INDEX alerts_one_active ON alerts (tenant_id, kind, subject)"
            " WHERE state <> 'resolved'"_s,
            u"CREATE INDEX alerts_tenant_opened ON alerts (tenant_id, opened_ms)"_s,
            u"CREATE TABLE audit_log (id %ID%, tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON "
            u"DELETE CASCADE,"
            " user_name TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL DEFAULT '',"
            " time_ms BIGINT NOT NULL, details TEXT NOT NULL DEFAULT '')"_s,
            u"CREATE INDEX audit_log_time ON audit_log (tenant_id, time_ms)"_s,
        };
    }

    QStringList disasterRecovery()
    {
        return {
            u"CREATE TABLE dr_state (id INTEGER PRIMARY KEY CHECK (id = 1),"
            " site_role TEXT NOT NULL CHECK (site_role IN ('active', 'dr')),"
            " operation TEXT NOT NULL CHECK (operation IN ('none', 'switch_over', 'switch_back', "
            "'drill')),"
            " suppressed INTEGER NOT NULL DEFAULT 0, current_step INTEGER NOT NULL DEFAULT 0,"
            " last_catalog_copy_ms BIGINT)"_s,
            u"INSERT INTO dr_state (id, site_role, operation, suppressed, current_step)"
            " VALUES (1, 'active', 'none', 0, 0)"_s,
            u"CREATE TABLE dr_steps (id %ID%, operation TEXT NOT NULL, step INTEGER NOT NULL,"
            " done_by TEXT NOT NULL, done_ms BIGINT NOT NULL, note TEXT NOT NULL DEFAULT '')"_s,
        };
    }

} // namespace

QList<Migration> catalogMigrations()
{
    const QStringList initial = tenantsAndUsers() + regions() + serversAndPlans() + jobs()
        + generations() + usageAlertsAudit() + disasterRecovery();
    return {
        { 1, u"initial schema"_s, initial },
        // The §8 report reads a tenant's newest jobs by queue time; without this index it
        // scans every job of the tenant (docs/catalog.md, "Benchmark").
        { 2, u"report index"_s,
            { u"CREATE INDEX jobs_tenant_queued ON jobs (tenant_id, queued_ms)"_s,
                u"CREATE INDEX servers_tenant_protected ON servers (tenant_id, protected)"_s } },
        // The end of each server's newest successful backup, kept with the server so that the
        // overdue check and the server list need not aggregate the jobs table. Backfilled here;
        // JobStore::finish keeps it current.
        { 3, u"server last backup"_s,
            { u"ALTER TABLE servers ADD COLUMN last_backup_ms BIGINT"_s,
                u"UPDATE servers SET last_backup_ms = (SELECT MAX(j.end_ms) FROM jobs j"
                " WHERE j.tenant_id = servers.tenant_id AND j.server_id = servers.id AND j.state = "
                "'succeeded'"
                " AND j.kind IN ('file_backup', 'system_backup'))"_s } },
        // A per-agent bandwidth limit (bytes per second, 0: none) that backups and restores
        // of the server's agent respect.
        { 4, u"server bandwidth limit"_s,
            { u"ALTER TABLE servers ADD COLUMN bandwidth_limit BIGINT NOT NULL DEFAULT 0"_s } },
        // The most an API key may do (a role name); NULL: everything its user may.
        { 5, u"api key role"_s, { u"ALTER TABLE api_keys ADD COLUMN role TEXT"_s } },
    };
}

} // namespace Kura::Catalog
