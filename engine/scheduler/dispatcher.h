#pragma once

#include <core/error.h>
#include <policy/types.h>

#include <QString>

namespace Kura::Scheduler {

// A job the scheduler hands to the agent side (SPEC §4).
struct DispatchRequest
{
    qint64 tenantId = 0;
    qint64 jobId = 0;
    qint64 serverId = 0;
    Policy::JobKind kind = Policy::JobKind::FileBackup;
    Policy::JobTrigger trigger = Policy::JobTrigger::Immediate;
    Policy::Plan plan;
};

// The agent side of job execution, implemented by the server's agent sessions. The
// scheduler decides *whether* and *when* a job runs; the dispatcher runs it and reports back
// through Scheduler::jobStarted / jobProgress / jobFinished.
class Dispatcher
{
public:
    virtual ~Dispatcher() = default;
    // Whether the server's agent is connected now, and since when it was last seen if not.
    virtual bool isConnected(qint64 tenantId, qint64 serverId) const = 0;
    // Starts the job on the agent. Called once per admitted job.
    virtual void dispatch(const DispatchRequest &request) = 0;
    // Asks the agent to stop a running job; the outcome comes back as jobFinished(Stopped).
    virtual void stop(qint64 tenantId, qint64 jobId) = 0;
};

// Where expired generations' data goes away: the server implements it over the repository
// (forget the snapshots, then prune unreferenced data).
class DataRemover
{
public:
    virtual ~DataRemover() = default;
    virtual Status forgetSnapshots(qint64 tenantId, qint64 serverId, const QStringList &snapshotIds) = 0;
};

} // namespace Kura::Scheduler
