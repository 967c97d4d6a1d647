#pragma once

#include "keyedtablemodel.h"

#include <api/client/apitypes.h>

#include <QPointer>

#include <functional>
#include <optional>

namespace Kura::Models {

class ServersModel;

// Jobs of the tenant (GET /jobs), newest first as the server sends them, updated incrementally
// by job id. For running jobs the model keeps its own samples of bytesDone, so it shows the
// recent rate (between the last two samples that moved) next to the server's average, an ETA
// from it, and a *stalled* state when nothing moved for stallAfterMs() (SPEC §13).
class JobsModel : public KeyedTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Server, Kind, Trigger, State, Progress, Rate, Eta, Transferred, Started, Ended, Reason, ColumnCount };
    enum Role {
        StateRole = FirstCustomRole, // int: Api::Client::JobState
        FractionRole,                // double 0..1, or -1 while the total is unknown
        RunningRole,                 // bool
        StalledRole,                 // bool: running and nothing moved for stallAfterMs()
        ServerIdRole,                // qint64
        RateRole,                    // double bytes per second, -1: unknown
        EtaRole,                     // qint64 seconds, -1: unknown
    };

    explicit JobsModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setJobs(const QList<Api::Client::JobInfo> &jobs);
    // One job's fresh state (a live event, or the answer after start or stop); a new job is
    // added, a known one compared and reported alone (constant time: no other row is looked at).
    void updateJob(const Api::Client::JobInfo &job);
    // Re-evaluates rate and stall of the running jobs against the clock without new figures
    // (between server updates); reports the rows whose derived values changed.
    void refreshDerived();
    void clear();

    std::optional<Api::Client::JobInfo> jobById(qint64 id) const;
    const Api::Client::JobInfo &jobAt(int row) const { return m_jobs.at(row); }
    bool hasActiveJobs() const;

    // Server names for the Server column; the column follows the model's changes.
    void setServersModel(ServersModel *servers);
    // The clock for rate and stall detection (milliseconds since the epoch). Tests pass a
    // manual one; the default reads the system clock.
    void setClock(std::function<qint64()> nowMs) { m_nowMs = std::move(nowMs); }
    void setStallAfterMs(qint64 ms) { m_stallAfterMs = ms; }
    qint64 stallAfterMs() const { return m_stallAfterMs; }

    // Rate in bytes per second that the model shows for `job`: the recent rate when known,
    // else the server's average; nullopt when neither is known.
    std::optional<double> rateOf(const Api::Client::JobInfo &job) const;
    std::optional<qint64> etaOf(const Api::Client::JobInfo &job) const;
    bool isStalled(qint64 jobId) const;

private:
    struct Tracking
    {
        qint64 bytesDone = 0;
        qint64 movedAtMs = 0;        // when bytesDone last changed
        std::optional<double> recentRate;
        bool stalled = false;
    };

    QVariant display(const Api::Client::JobInfo &job, int column) const;
    QVariant sortValue(const Api::Client::JobInfo &job, int column) const;
    // Updates the samples of running jobs; returns the ids whose derived values changed.
    QList<qint64> track(const QList<Api::Client::JobInfo> &jobs);
    bool advance(const Api::Client::JobInfo &job, qint64 now, Tracking &tracking) const;
    void serverNamesChanged();

    QList<Api::Client::JobInfo> m_jobs;
    QHash<qint64, Tracking> m_tracking;
    QPointer<ServersModel> m_servers;
    std::function<qint64()> m_nowMs;
    qint64 m_stallAfterMs = 30000;
};

bool sameJob(const Api::Client::JobInfo &a, const Api::Client::JobInfo &b);

} // namespace Kura::Models
