#include "jobsmodel.h"

#include "modeltext.h"
#include "serversmodel.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Kura::Models {

using Api::Client::JobInfo;
using Api::Client::JobState;

bool sameJob(const JobInfo &a, const JobInfo &b)
{
    const auto &pa = a.progress;
    const auto &pb = b.progress;
    return a.id == b.id && a.serverId == b.serverId && a.kind == b.kind && a.trigger == b.trigger
        && a.state == b.state && a.reason == b.reason && a.planSummary == b.planSummary
        && a.queued == b.queued && a.started == b.started && a.ended == b.ended
        && pa.sourceBytes == pb.sourceBytes && pa.files == pb.files && pa.bytesDone == pb.bytesDone
        && pa.filesDone == pb.filesDone && pa.transferredBytes == pb.transferredBytes
        && pa.bytesPerSecond == pb.bytesPerSecond && pa.etaSeconds == pb.etaSeconds
        && a.targetServerId == b.targetServerId && a.targetPath == b.targetPath
        && a.generationId == b.generationId;
}

JobsModel::JobsModel(QObject *parent)
    : KeyedTableModel(parent)
    , m_nowMs([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

int JobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const JobInfo &job = m_jobs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(job, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Reason || index.column() == State)
            return job.reason.isEmpty() ? QVariant() : QVariant(job.reason);
        if (index.column() == Progress && job.progress.sourceBytes > 0)
            return Tr::tr("%1 of %2, %3 of %4 files")
                .arg(sizeText(job.progress.bytesDone), sizeText(job.progress.sourceBytes),
                     countText(job.progress.filesDone), countText(job.progress.files));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Id || index.column() == Rate || index.column() == Eta
            || index.column() == Transferred)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return job.id;
    case SortRole:
        return sortValue(job, index.column());
    case StateRole:
        return int(job.state);
    case FractionRole: {
        if (job.state == JobState::Succeeded)
            return 1.0;
        const auto fraction = job.progress.fraction();
        return fraction ? *fraction : -1.0;
    }
    case RunningRole:
        return job.state == JobState::Running;
    case StalledRole:
        return isStalled(job.id);
    case ServerIdRole:
        return job.serverId;
    case RateRole:
        return rateOf(job).value_or(-1.0);
    case EtaRole:
        return etaOf(job).value_or(-1);
    default:
        return {};
    }
}

QVariant JobsModel::display(const JobInfo &job, int column) const
{
    const bool running = job.state == JobState::Running;
    switch (column) {
    case Id:
        return job.id;
    case Server:
        return m_servers ? m_servers->nameOf(job.serverId) : u"#%1"_s.arg(job.serverId);
    case Kind:
        return jobKindText(job.kind);
    case Trigger:
        return triggerText(job.trigger);
    case State:
        return running && isStalled(job.id) ? Tr::tr("Running (stalled)") : jobStateText(job.state);
    case Progress: {
        const auto fraction = job.progress.fraction();
        if (job.state == JobState::Queued)
            return QString();
        if (!fraction)
            return sizeText(job.progress.bytesDone);
        //: Progress of a job: percentage done
        return Tr::tr("%1 %").arg(QLocale().toString(*fraction * 100.0, 'f', 0));
    }
    case Rate: {
        const auto rate = rateOf(job);
        return rate ? rateText(*rate) : QString();
    }
    case Eta: {
        const auto eta = etaOf(job);
        return eta ? durationText(*eta) : QString();
    }
    case Transferred:
        return sizeText(job.progress.transferredBytes);
    case Started:
        return dateTimeText(job.started.isValid() ? job.started : job.queued);
    case Ended:
        return dateTimeText(job.ended);
    case Reason:
        return job.reason;
    default:
        return {};
    }
}

QVariant JobsModel::sortValue(const JobInfo &job, int column) const
{
    switch (column) {
    case Id:
        return job.id;
    case State:
        return int(job.state);
    case Progress:
        return job.progress.fraction().value_or(-1.0);
    case Rate:
        return rateOf(job).value_or(-1.0);
    case Eta:
        return etaOf(job).value_or(-1);
    case Transferred:
        return job.progress.transferredBytes;
    case Started:
        return (job.started.isValid() ? job.started : job.queued).toMSecsSinceEpoch();
    case Ended:
        return job.ended.isValid() ? job.ended.toMSecsSinceEpoch() : qint64(-1);
    default:
        return display(job, column);
    }
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id: return Tr::tr("Job");
    case Server: return Tr::tr("Server");
    case Kind: return Tr::tr("Kind");
    case Trigger: return Tr::tr("Trigger");
    case State: return Tr::tr("State");
    case Progress: return Tr::tr("Progress");
    case Rate: return Tr::tr("Rate");
    case Eta: return Tr::tr("Time Left");
    case Transferred: return Tr::tr("Transferred");
    case Started: return Tr::tr("Started");
    case Ended: return Tr::tr("Ended");
    case Reason: return Tr::tr("Reason");
    default: return {};
    }
}

// Advances `tracking` of running `job` to `now`; returns whether its rate or stall changed.
bool JobsModel::advance(const JobInfo &job, qint64 now, Tracking &tracking) const
{
    const bool before = tracking.stalled;
    const auto oldRate = tracking.recentRate;
    if (job.progress.bytesDone != tracking.bytesDone) {
        const qint64 elapsed = now - tracking.movedAtMs;
        if (elapsed > 0 && job.progress.bytesDone > tracking.bytesDone)
            tracking.recentRate = double(job.progress.bytesDone - tracking.bytesDone) * 1000.0 / double(elapsed);
        tracking.bytesDone = job.progress.bytesDone;
        tracking.movedAtMs = now;
    }
    tracking.stalled = now - tracking.movedAtMs >= m_stallAfterMs;
    if (tracking.stalled)
        tracking.recentRate = 0.0;
    return before != tracking.stalled || oldRate != tracking.recentRate;
}

QList<qint64> JobsModel::track(const QList<JobInfo> &jobs)
{
    const qint64 now = m_nowMs();
    QHash<qint64, Tracking> next;
    QList<qint64> changedIds;
    for (const JobInfo &job : jobs) {
        if (job.state != JobState::Running)
            continue;
        Tracking tracking = m_tracking.value(job.id, Tracking { job.progress.bytesDone, now, {}, false });
        if (advance(job, now, tracking))
            changedIds << job.id;
        next.insert(job.id, tracking);
    }
    m_tracking = next;
    return changedIds;
}

void JobsModel::setJobs(const QList<JobInfo> &jobs)
{
    const QList<qint64> derived = track(jobs);
    applyUpdate(m_jobs, jobs, [](const JobInfo &j) { return j.id; }, sameJob);
    // Rows whose rate or stall changed although the server's figures did not (a job that
    // stopped moving). Rows already reported by applyUpdate are reported again; harmless.
    for (qint64 id : derived) {
        const int row = rowOf(id);
        if (row >= 0)
            emitRowsChanged(row, row);
    }
}

void JobsModel::updateJob(const JobInfo &job)
{
    const int row = rowOf(job.id);
    if (row < 0) {
        QList<JobInfo> all = m_jobs;
        all.prepend(job);
        setJobs(all);
        return;
    }
    // A known job (every live progress event): only its row is compared and reported.
    bool derivedChanged = false;
    if (job.state == JobState::Running) {
        const qint64 now = m_nowMs();
        auto it = m_tracking.find(job.id);
        if (it == m_tracking.end())
            it = m_tracking.insert(job.id, Tracking { job.progress.bytesDone, now, {}, false });
        derivedChanged = advance(job, now, *it);
    } else {
        derivedChanged = m_tracking.remove(job.id) > 0;
    }
    const bool changed = !sameJob(m_jobs.at(row), job);
    if (!changed && !derivedChanged)
        return;
    m_jobs[row] = job;
    emitRowsChanged(row, row);
    emit updated(0, 1, 0);
}

void JobsModel::refreshDerived()
{
    const qint64 now = m_nowMs();
    for (auto it = m_tracking.begin(); it != m_tracking.end(); ++it) {
        const int row = rowOf(it.key());
        if (row >= 0 && advance(m_jobs.at(row), now, *it))
            emitRowsChanged(row, row);
    }
}

void JobsModel::clear()
{
    m_tracking.clear();
    clearRows(m_jobs);
}

std::optional<JobInfo> JobsModel::jobById(qint64 id) const
{
    const int row = rowOf(id);
    if (row < 0)
        return std::nullopt;
    return m_jobs.at(row);
}

bool JobsModel::hasActiveJobs() const
{
    for (const JobInfo &job : m_jobs) {
        if (!job.isFinished())
            return true;
    }
    return false;
}

void JobsModel::setServersModel(ServersModel *servers)
{
    if (m_servers)
        disconnect(m_servers, nullptr, this, nullptr);
    m_servers = servers;
    if (!servers)
        return;
    connect(servers, &ServersModel::updated, this, &JobsModel::serverNamesChanged);
    connect(servers, &QAbstractItemModel::modelReset, this, &JobsModel::serverNamesChanged);
    serverNamesChanged();
}

void JobsModel::serverNamesChanged()
{
    if (rowCount() > 0)
        emit dataChanged(index(0, Server), index(rowCount() - 1, Server));
}

std::optional<double> JobsModel::rateOf(const JobInfo &job) const
{
    if (job.state != JobState::Running)
        return std::nullopt;
    const auto it = m_tracking.constFind(job.id);
    if (it != m_tracking.cend() && it->recentRate)
        return it->recentRate;
    if (job.progress.bytesPerSecond)
        return double(*job.progress.bytesPerSecond);
    return std::nullopt;
}

std::optional<qint64> JobsModel::etaOf(const JobInfo &job) const
{
    if (job.state != JobState::Running)
        return std::nullopt;
    const auto rate = rateOf(job);
    const qint64 left = job.progress.sourceBytes - job.progress.bytesDone;
    if (rate && *rate > 0 && job.progress.sourceBytes > 0 && left >= 0)
        return qint64(double(left) / *rate + 0.5);
    if (isStalled(job.id))
        return std::nullopt;
    return job.progress.etaSeconds;
}

bool JobsModel::isStalled(qint64 jobId) const
{
    const auto it = m_tracking.constFind(jobId);
    return it != m_tracking.cend() && it->stalled;
}

} // namespace Kura::Models
