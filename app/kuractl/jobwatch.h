#pragma once

#include "session.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <api/client/eventsubscription.h>

#include <chrono>

namespace Kuractl {

// The human description of a job: its figures, then its events.
QString describeJob(const Client::JobInfo &job);
// "45%  1.20 GiB of 2.60 GiB  120/300 files  50.00 MiB/s  ETA 0:28"
QString progressLine(const Client::JobInfo &job);
// The seconds of an --interval option; nullopt (after a usage failure) when malformed.
std::optional<std::chrono::milliseconds> intervalOption(Session &session);

// Follows a job until it ends (kuractl job --wait, backup --wait): listens to the server's live
// job events and, in case they are missed or unavailable, asks for its status every
// `interval`; draws a progress line on standard error when that is a terminal (otherwise
// prints each change of state), then prints the job (or its JSON with --json) and ends the
// session with ExitOk when it succeeded and ExitFailed otherwise. A server that stops
// answering is asked again until it has been unreachable for the client's timeout.
class JobWatch : public QObject {
    Q_OBJECT

public:
    JobWatch(Session &session, qint64 jobId, std::chrono::milliseconds interval);
    void start();

private:
    void poll();
    void retryOrFail(const Client::ApiError &error);
    void show(const Client::JobInfo &job);
    void end(const Client::JobInfo &job);
    void clearLine();
    void followEvents();

    Session &m_session;
    Client::EventSubscription m_events;
    qint64 m_jobId = 0;
    QTimer m_timer;
    std::optional<Client::JobState> m_lastState;
    QElapsedTimer m_unreachableFor; // valid while polls fail to reach the server
    bool m_terminal = false;
    qsizetype m_lineWidth = 0; // of the progress line drawn last
    bool m_polling = false; // a status request is in flight
    bool m_pollAgain = false; // an event said the job ended while a request was in flight
    bool m_ended = false;
};

} // namespace Kuractl
