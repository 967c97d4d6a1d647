#include "schedulerservice.h"

namespace Kura::Server {

SchedulerService::SchedulerService(Scheduler::Scheduler &scheduler, std::chrono::milliseconds interval,
                                   QObject *parent)
    : QObject(parent), m_scheduler(scheduler), m_timer(this)
{
    m_timer.setInterval(interval);
    connect(&m_timer, &QTimer::timeout, this, &SchedulerService::tick);
}

void SchedulerService::start()
{
    tick();
    m_timer.start();
}

void SchedulerService::stop()
{
    m_timer.stop();
}

void SchedulerService::tick()
{
    const Status done = m_scheduler.tick();
    emit ticked(done ? QString() : done.error().toString());
}

} // namespace Kura::Server
