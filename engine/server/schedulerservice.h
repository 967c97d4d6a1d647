#pragma once

#include <scheduler/scheduler.h>

#include <QObject>
#include <QTimer>

#include <chrono>

namespace Kura::Server {

// Drives a Scheduler in real time: calls tick() at a fixed interval on the thread this object
// lives on (the server's scheduler thread, where the Scheduler and its catalog connection are
// used). Move it to that thread before start(). A failed tick is reported and retried at the
// next interval; it never stops the service.
class SchedulerService : public QObject
{
    Q_OBJECT
public:
    SchedulerService(Scheduler::Scheduler &scheduler, std::chrono::milliseconds interval,
                     QObject *parent = nullptr);

    // Ticks once at once, then every interval. Call from the object's thread (or queue it).
    void start();
    void stop();

signals:
    // After every tick: `error` is empty when it succeeded.
    void ticked(const QString &error);

private:
    void tick();

    Scheduler::Scheduler &m_scheduler;
    QTimer m_timer;
};

} // namespace Kura::Server
