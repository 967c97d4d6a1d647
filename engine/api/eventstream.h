#pragma once

#include "auth.h"

#include <catalog/database.h>
#include <core/clock.h>

#include <QJsonObject>
#include <QObject>

#include <memory>
#include <vector>

class QWebSocket;

namespace Kura::Api {

// Live events pushed to clients (SPEC §9; docs/api.md "Live events"): a WebSocket at
// /api/v1/events, authenticated like every route (an "Authorization: Bearer" header on the
// upgrade request, or ?token= for clients that cannot set headers). Each message is one JSON
// object {"type": "job", "job": {...}} with the job as GET /jobs/{id} shows it (without
// events), sent whenever a job of the caller's tenant is queued, starts, progresses (about
// once a second) or ends. A bad token closes the socket with code 1008 and the reason.
// Lives in the API's thread.
class EventStream : public QObject
{
    Q_OBJECT

public:
    EventStream(Catalog::Database &database, Authenticator &auth, const Clock &clock, QObject *parent = nullptr);
    ~EventStream() override;

    // Takes an upgraded socket from the HTTP adapter.
    void accept(std::unique_ptr<QWebSocket> socket);
    // Sends the job's current state to the clients of its tenant.
    void publishJob(qint64 tenantId, qint64 jobId);
    int clientCount() const { return int(m_clients.size()); }

private:
    struct Client
    {
        std::unique_ptr<QWebSocket> socket;
        qint64 tenantId = 0;
    };
    void drop(QWebSocket *socket);

    Catalog::Database &m_db;
    Authenticator &m_auth;
    const Clock &m_clock;
    std::vector<Client> m_clients;
};

} // namespace Kura::Api
