// Console models benchmark (docs/benchmarks.md, "Console models"): the item models and proxies
// the console's pages show, fed as the session feeds them, at the scale of SPEC §13 (10,000
// servers, the report's 2,000 rows, 50 running jobs among 2,000 recent ones). Each figure is
// the median of several runs in milliseconds; the proxies are attached and sorted as in the
// views, so their work is part of every figure.
#include <jobsfiltermodel.h>
#include <jobsmodel.h>
#include <reportmodel.h>
#include <serversfiltermodel.h>
#include <serversmodel.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Api::Client;
using namespace Kura::Models;

namespace {

constexpr int Runs = 7;
const QDateTime Base(QDate(2026, 11, 23), QTime(0, 0), QTimeZone::utc());

ServerInfo server(qint64 id)
{
    static const QStringList regions { u"JP1"_s, u"JP2"_s, u"US1"_s, u"SG1"_s };
    ServerInfo s;
    s.id = id;
    s.name = u"srv-%1"_s.arg(id, 5, 10, QLatin1Char('0'));
    s.region = regions.at(int(id % regions.size()));
    s.online = id % 17 != 0;
    s.isProtected = id % 3 != 0;
    s.facts.osId = u"debian"_s;
    s.facts.osVersion = u"12"_s;
    s.facts.flavor = u"m1.small"_s;
    s.lastSeen = Base.addSecs(-id);
    if (s.isProtected) {
        s.plan = PlanInfo {};
        s.plan->timing = u"daily"_s;
        s.plan->dailyWindow = int(id % 24);
        s.planSummary = u"local/daily/30/files"_s;
        s.lastBackup = Base.addSecs(-3600 - id);
    }
    return s;
}

ReportRow reportRow(qint64 id, int servers)
{
    ReportRow r;
    r.jobId = id;
    r.serverId = 1 + id % servers;
    r.serverName = u"srv-%1"_s.arg(r.serverId, 5, 10, QLatin1Char('0'));
    r.kind = id % 5 == 0 ? u"restore"_s : u"file_backup"_s;
    r.trigger = u"scheduled"_s;
    r.planSummary = u"local/daily/30/files"_s;
    r.queued = Base.addSecs(-id * 600);
    r.start = r.queued.addSecs(30);
    r.end = r.start.addSecs(300 + id % 900);
    r.durationSeconds = r.start.secsTo(r.end);
    r.sourceBytes = 1'000'000'000 + id * 7919;
    r.transferredBytes = r.sourceBytes / 10;
    r.files = 10'000 + id;
    r.result = id % 23 == 0 ? JobState::Failed : JobState::Succeeded;
    return r;
}

JobInfo job(qint64 id, int servers, bool running)
{
    JobInfo j;
    j.id = id;
    j.serverId = 1 + id % servers;
    j.kind = u"file_backup"_s;
    j.trigger = u"scheduled"_s;
    j.state = running ? JobState::Running : JobState::Succeeded;
    j.queued = Base.addSecs(-id);
    j.started = j.queued.addSecs(5);
    if (!running)
        j.ended = j.started.addSecs(600);
    j.progress.sourceBytes = 50'000'000'000;
    j.progress.bytesDone = running ? 1'000'000 * id : j.progress.sourceBytes;
    return j;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

// Runs `prepare` (untimed) and then `work` (timed) Runs times; the median in milliseconds.
double measure(const std::function<void()> &prepare, const std::function<void()> &work)
{
    QList<double> times;
    for (int run = 0; run < Runs; ++run) {
        prepare();
        QElapsedTimer timer;
        timer.start();
        work();
        times << double(timer.nsecsElapsed()) / 1e6;
    }
    return median(times);
}

void report(const char *what, double ms)
{
    std::printf("| %-58s | %9.3f |\n", what, ms);
    std::fflush(stdout);
}

void benchServers(int count)
{
    QList<ServerInfo> servers;
    for (qint64 id = 1; id <= count; ++id)
        servers << server(id);
    QList<ServerInfo> changed = servers;
    for (qsizetype i = 0; i < changed.size(); i += 100) // 1 %
        changed[i].lastSeen = changed[i].lastSeen.addSecs(60);

    ServersModel model;
    ServersFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(ServersModel::Name, Qt::AscendingOrder);
    report("servers: initial load (sorted proxy attached)",
           measure([&] { model.clear(); }, [&] { model.setServers(servers); }));
    report("servers: unchanged refresh",
           measure([&] { model.setServers(servers); }, [&] { model.setServers(servers); }));
    report("servers: refresh with 1 % changed",
           measure([&] { model.setServers(servers); }, [&] { model.setServers(changed); }));
    int column = 0;
    report("servers: sort by another column (proxy)",
           measure([&] { column = (column + 1) % ServersModel::ColumnCount; }, [&] { proxy.sort(column, Qt::DescendingOrder); }));
    proxy.sort(ServersModel::Name, Qt::AscendingOrder);
    report("servers: text filter \"srv-0123\" (proxy)",
           measure([&] { proxy.setText({}); }, [&] { proxy.setText(u"srv-0123"_s); }));
    report("servers: clear the text filter (proxy)",
           measure([&] { proxy.setText(u"srv-0123"_s); }, [&] { proxy.setText({}); }));
    report("servers: state filter offline (proxy)",
           measure([&] { proxy.setStateFilter(ServersFilterModel::StateFilter::All); },
                   [&] { proxy.setStateFilter(ServersFilterModel::StateFilter::Offline); }));
}

void benchReport(int rows, int servers)
{
    JobReport report2000;
    report2000.days = 14;
    report2000.maxRows = rows;
    report2000.generated = Base;
    for (qint64 id = 1; id <= rows; ++id)
        report2000.rows << reportRow(id, servers);
    ReportModel model;
    ReportFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(KeyedTableModel::SortRole);
    proxy.sort(ReportModel::Start, Qt::DescendingOrder);
    report("report: initial load of 2,000 rows",
           measure([&] { model.clear(); }, [&] { model.setReport(report2000); }));
    report("report: unchanged refresh",
           measure([&] { model.setReport(report2000); }, [&] { model.setReport(report2000); }));
    int column = 0;
    report("report: sort by another column (proxy)",
           measure([&] { column = (column + 1) % ReportModel::ColumnCount; }, [&] { proxy.sort(column, Qt::AscendingOrder); }));
    report("report: filter by server (proxy)",
           measure([&] { proxy.setServerId(std::nullopt); }, [&] { proxy.setServerId(7); }));
    report("report: filter failed results (proxy)",
           measure([&] { proxy.setServerId(std::nullopt); proxy.setResults({}); },
                   [&] { proxy.setResults({ JobState::Failed }); }));
}

void benchJobs(int running, int finished, int servers)
{
    QList<JobInfo> jobs;
    for (qint64 id = 1; id <= running + finished; ++id)
        jobs << job(id, servers, id <= running);
    qint64 clockMs = Base.toMSecsSinceEpoch();
    JobsModel model;
    model.setClock([&clockMs] { return clockMs; });
    JobsFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(JobsModel::Progress, Qt::DescendingOrder); // the column that moves
    report("jobs: initial load (50 running, 1,950 finished)",
           measure([&] { model.clear(); }, [&] { model.setJobs(jobs); }));
    // One second of live events: every running job reports progress once.
    QList<double> perEvent;
    const double tick = measure(
        [&] { clockMs += 1000; },
        [&] {
            for (int i = 0; i < running; ++i) {
                jobs[i].progress.bytesDone += 25'000'000 + i;
                QElapsedTimer one;
                one.start();
                model.updateJob(jobs.at(i));
                perEvent << double(one.nsecsElapsed()) / 1e6;
            }
        });
    // The proxy really followed: its rows are in order of the moved progress.
    for (int row = 0; row + 1 < proxy.rowCount(); ++row) {
        const double here = proxy.index(row, JobsModel::Progress).data(JobsModel::FractionRole).toDouble();
        const double next = proxy.index(row + 1, JobsModel::Progress).data(JobsModel::FractionRole).toDouble();
        if (here < next) {
            std::fprintf(stderr, "jobs proxy out of order at row %d after live updates\n", row);
            std::exit(1);
        }
    }
    report("jobs: one second of live events (50 updates)", tick);
    report("jobs: one live event (median of every update)", median(perEvent));
    std::sort(perEvent.begin(), perEvent.end());
    report("jobs: one live event (slowest)", perEvent.last());
    report("jobs: poll of every job (1 s fallback)",
           measure([&] { clockMs += 1000; for (int i = 0; i < running; ++i) jobs[i].progress.bytesDone += 1000; },
                   [&] { model.setJobs(jobs); }));
    report("jobs: rate and stall re-evaluated (no new figures)",
           measure([&] { clockMs += 1000; }, [&] { model.refreshDerived(); }));
    report("jobs: state filter active (proxy)",
           measure([&] { proxy.setStateFilter(JobsFilterModel::StateFilter::All); },
                   [&] { proxy.setStateFilter(JobsFilterModel::StateFilter::Active); }));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int servers = args.size() > 1 ? args.at(1).toInt() : 10'000;
    const int reportRows = args.size() > 2 ? args.at(2).toInt() : 2'000;
    const int running = args.size() > 3 ? args.at(3).toInt() : 50;
    if (servers <= 0 || reportRows <= 0 || running <= 0) {
        std::fprintf(stderr, "usage: bench_console [servers > 0] [reportRows > 0] [runningJobs > 0]\n");
        return 2;
    }
    std::printf("Console models: %d servers, %d report rows, %d running jobs; medians of %d runs\n\n",
                servers, reportRows, running, Runs);
    std::printf("| %-58s | %9s |\n|---|---:|\n", "what", "ms");
    benchServers(servers);
    benchReport(reportRows, servers);
    benchJobs(running, reportRows - running, servers);
    return 0;
}
