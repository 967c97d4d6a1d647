#pragma once

#include "agentoperations.h"
#include "auth.h"
#include "httpmessage.h"
#include "jsonbody.h"
#include "router.h"
#include "serveridentity.h"

#include <catalog/database.h>
#include <core/clock.h>
#include <policy/pricetable.h>
#include <policy/regionmatrix.h>
#include <scheduler/dispatcher.h>
#include <scheduler/scheduler.h>

namespace Kura::Api {

struct ApiOptions {
    qsizetype maxBodyBytes = DefaultMaxBodyBytes; // larger request bodies get 400
    int maxListRows = 2000; // most rows a list returns (jobs, alerts); ?limit= may ask for fewer
};

// What the routes work with. Everything is borrowed: the owner (kura-server) keeps it alive
// longer than the ApiService.
struct ApiContext {
    Catalog::Database &database;
    // Not thread-safe: the API must run on the scheduler's thread (the HTTP adapter handles
    // requests on the thread it lives in).
    Scheduler::Scheduler &scheduler;
    // Deletes a server's backup data when it is unprotected.
    Scheduler::DataRemover &remover;
    const Clock &clock;
    Authenticator &auth;
    Policy::RegionMatrix regionMatrix;
    ApiOptions options;
    // The agent listener's address and certificate, for agent packages. Null when this server
    // has no agent listener; the enrollment-token routes then answer 503.
    const ServerIdentity *identity = nullptr;
    // Restores and browsing through the agents. Null when this server has no agent sessions
    // (those routes then answer 503).
    AgentOperations *agents = nullptr;
    // The price table for estimated charges (SPEC §10); null: charges are not estimated.
    const Policy::PriceTable *prices = nullptr;
};

// The HTTP API /api/v1 (SPEC §9; docs/api.md and docs/api/openapi.yaml): a Router holding
// every route, with bearer-token authentication and role checks. handle() is what
// HttpServerAdapter calls; tests may call it directly too.
class ApiService {
public:
    explicit ApiService(ApiContext context);
    ApiService(const ApiService &) = delete;
    ApiService &operator=(const ApiService &) = delete;

    ApiResponse handle(const ApiRequest &request) const { return m_router.dispatch(request); }
    const Router &router() const { return m_router; }

private:
    ApiContext m_context;
    Router m_router;
};

} // namespace Kura::Api
