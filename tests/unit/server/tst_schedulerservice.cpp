#include "../scheduler/schedulerfixture.h"

#include <server/schedulerservice.h>

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace Kura;
using namespace std::chrono_literals;

class tst_SchedulerService : public QObject
{
    Q_OBJECT
private slots:
    void ticksOnItsOwnThreadAndStartsDueRunsOnce();
};

// The service drives the real scheduler over the real catalog from a separate thread (as in
// kura-server): a due daily run is dispatched once, however many ticks follow in the window.
void tst_SchedulerService::ticksOnItsOwnThreadAndStartsDueRunsOnce()
{
    Test::SchedulerFixture fixture;
    QVERIFY(fixture.ok());
    const qint64 server = fixture.addServer(QStringLiteral("web1"), Test::SchedulerFixture::dailyPlan(0));
    QVERIFY(server > 0);
    fixture.clock.setNowMs(Test::utcMs(0, 2.9)); // inside window 00-03, after any planned start

    QThread thread;
    thread.setObjectName(QStringLiteral("kura-scheduler"));
    auto *service = new Server::SchedulerService(*fixture.scheduler, 20ms);
    service->moveToThread(&thread);
    connect(&thread, &QThread::finished, service, &QObject::deleteLater);
    QSignalSpy ticks(service, &Server::SchedulerService::ticked);
    QVERIFY(ticks.isValid());
    thread.start();
    QMetaObject::invokeMethod(service, [service] { service->start(); }, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(ticks.size() >= 5, 10000);
    QMetaObject::invokeMethod(service, [service] { service->stop(); }, Qt::BlockingQueuedConnection);
    thread.quit();
    QVERIFY(thread.wait(10000));

    for (const QList<QVariant> &tick : std::as_const(ticks))
        QVERIFY2(tick.first().toString().isEmpty(), qPrintable(tick.first().toString()));
    QCOMPARE(fixture.dispatcher.dispatched.size(), 1);
    QCOMPARE(fixture.dispatcher.dispatched.first().request.serverId, server);
    QCOMPARE(fixture.dispatcher.dispatched.first().request.trigger, Policy::JobTrigger::Scheduled);
}

QTEST_GUILESS_MAIN(tst_SchedulerService)
#include "tst_schedulerservice.moc"
