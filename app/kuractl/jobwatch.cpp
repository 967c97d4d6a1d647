#include "jobwatch.h"

#include "format.h"

#include <utility>

using namespace Qt::StringLiterals;

namespace Kuractl {

QString progressLine(const Client::JobInfo &job)
{
    const Client::JobProgress &p = job.progress;
    QStringList parts;
    if (const auto fraction = p.fraction())
        parts << u"%1%"_s.arg(int(*fraction * 100));
    parts << (p.sourceBytes > 0
            ? u"%1 of %2"_s.arg(formatBytes(p.bytesDone), formatBytes(p.sourceBytes))
            : formatBytes(p.bytesDone));
    parts << (p.files > 0 ? u"%1/%2 files"_s.arg(p.filesDone).arg(p.files)
                          : u"%1 files"_s.arg(p.filesDone));
    if (p.bytesPerSecond)
        parts << formatBytes(*p.bytesPerSecond) + u"/s"_s;
    if (p.etaSeconds)
        parts << u"ETA "_s + formatDuration(*p.etaSeconds);
    return parts.join(u"  "_s);
}

QString describeJob(const Client::JobInfo &job)
{
    const Client::JobProgress &p = job.progress;
    QList<QPair<QString, QString>> pairs { { u"job"_s, QString::number(job.id) },
        { u"server"_s, QString::number(job.serverId) }, { u"kind"_s, job.kind },
        { u"trigger"_s, job.trigger }, { u"state"_s, Client::jobStateName(job.state) } };
    if (!job.reason.isEmpty())
        pairs.append({ u"reason"_s, job.reason });
    pairs.append({ { u"plan"_s, job.planSummary }, { u"queued"_s, formatTime(job.queued) },
        { u"started"_s, formatTime(job.started) }, { u"ended"_s, formatTime(job.ended) },
        { u"progress"_s, progressLine(job) },
        { u"transferred"_s, formatBytes(p.transferredBytes) } });
    if (job.generationId)
        pairs.append({ u"generation"_s, QString::number(*job.generationId) });
    QString text = keyValues(pairs);
    if (!job.events.isEmpty()) {
        Table events({ u"TIME"_s, u"LEVEL"_s, u"EVENT"_s });
        for (const Client::JobEvent &event : job.events)
            events.addRow({ formatTime(event.time), event.level, event.text });
        text += u"\n"_s + events.toString();
    }
    return text;
}

std::optional<std::chrono::milliseconds> intervalOption(Session &session)
{
    bool ok = false;
    const double seconds = session.value(u"interval"_s).toDouble(&ok);
    if (ok && seconds >= 0.05 && seconds <= 3600)
        return std::chrono::milliseconds(qint64(seconds * 1000));
    session.fail(ExitUsage,
        u"--interval \"%1\": expected seconds from 0.05 to 3600"_s.arg(
            session.value(u"interval"_s)));
    return std::nullopt;
}

JobWatch::JobWatch(Session &session, qint64 jobId, std::chrono::milliseconds interval)
    : QObject(&session)
    , m_session(session)
    , m_events(session.client())
    , m_jobId(jobId)
    , m_terminal(stderrIsTerminal())
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(interval);
    connect(&m_timer, &QTimer::timeout, this, &JobWatch::poll);
}

void JobWatch::start()
{
    followEvents();
    poll();
}

// Each change of the job as it happens; polling continues as the fallback, and takes over
// alone when the server offers no events.
void JobWatch::followEvents()
{
    connect(&m_events, &Client::EventSubscription::jobChanged, this,
        [this](const Client::JobInfo &job) {
            if (job.id != m_jobId)
                return;
            if (!job.isFinished())
                return show(job);
            m_timer.stop();
            poll(); // the whole job, with its events, to end with
        });
    connect(&m_events, &Client::EventSubscription::refused, &m_events,
        &Client::EventSubscription::stop);
    connect(&m_events, &Client::EventSubscription::disconnected, &m_events,
        &Client::EventSubscription::stop);
    m_events.start();
}

void JobWatch::poll()
{
    if (m_ended)
        return;
    if (m_polling) {
        m_pollAgain = true;
        return;
    }
    m_polling = true;
    m_session.client().job(m_jobId, this, [this](Client::ApiResult<Client::JobInfo> job) {
        m_polling = false;
        if (!job)
            return retryOrFail(job.error());
        m_unreachableFor.invalidate();
        if (job->isFinished())
            return end(*job);
        show(*job);
        if (std::exchange(m_pollAgain, false))
            return poll();
        m_timer.start();
    });
}

void JobWatch::retryOrFail(const Client::ApiError &error)
{
    if (!error.unreachable) {
        clearLine();
        return m_session.fail(error);
    }
    if (!m_unreachableFor.isValid()) {
        m_unreachableFor.start();
        clearLine();
        printErr(u"kuractl: %1; still trying\n"_s.arg(error.message));
    }
    if (m_unreachableFor.elapsed() >= m_session.client().timeout().count()) {
        clearLine();
        return m_session.fail(error);
    }
    m_timer.start();
}

void JobWatch::show(const Client::JobInfo &job)
{
    const QString state = Client::jobStateName(job.state);
    if (m_terminal) {
        const QString line = u"job %1 %2  %3"_s.arg(job.id).arg(state, progressLine(job));
        printErr(u"\r"_s + line.leftJustified(m_lineWidth));
        m_lineWidth = line.size();
    } else if (m_lastState != job.state) {
        printErr(u"job %1 %2\n"_s.arg(job.id).arg(state));
    }
    m_lastState = job.state;
}

void JobWatch::end(const Client::JobInfo &job)
{
    m_ended = true;
    m_timer.stop();
    m_events.stop();
    clearLine();
    const int code = job.state == Client::JobState::Succeeded ? ExitOk : ExitFailed;
    if (m_session.json()) {
        // The API's JSON of the finished job, as it comes.
        m_session.client().send(Client::Requests::job(m_jobId), this,
            m_session.then<QByteArray>([this, code](const QByteArray &body) {
                writeOut(body + '\n');
                m_session.finish(code);
            }));
        return;
    }
    printOut(describeJob(job));
    m_session.finish(code);
}

void JobWatch::clearLine()
{
    if (m_terminal && m_lineWidth > 0)
        printErr(u"\r"_s + QString(m_lineWidth, u' ') + u"\r"_s);
    m_lineWidth = 0;
}

} // namespace Kuractl
