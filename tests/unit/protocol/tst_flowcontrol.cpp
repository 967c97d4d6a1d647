#include <protocol/flowcontrol.h>

#include <testsupport.h>

#include <QTest>

#include <deque>

using namespace Kura;
using namespace Kura::Protocol;

class tst_FlowControl : public QObject
{
    Q_OBJECT

private slots:
    void sendWindowRefusesWhatDoesNotFit();
    void sendWindowRejectsExcessAcknowledgement();
    void receiveWindowRejectsOverrun();
    void receiveWindowBatchesAcknowledgements();
    void receiveWindowAcknowledgesWhenAllConsumed();
    void receiveWindowRejectsConsumingMoreThanReceived();
    void neverExceedsWindowInSimulation_data();
    void neverExceedsWindowInSimulation();
    void discardedDataOfCancelledStreamReturnsCredit();
    void rateLimiterHoldsTheAverageRate();
    void rateLimiterLetsLargeChunksThroughInDebt();
};

void tst_FlowControl::sendWindowRefusesWhatDoesNotFit()
{
    SendWindow window(100);
    QVERIFY_RESULT(window.onSent(60));
    QVERIFY(window.canSend(40));
    QVERIFY(!window.canSend(41));
    const Status refused = window.onSent(41);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), ErrorCode::Conflict);
    QVERIFY(refused.error().retryable());
    QCOMPARE(window.inFlightBytes(), 60);
    QVERIFY_RESULT(window.onAcknowledged(60));
    QCOMPARE(window.availableBytes(), 100);
    QVERIFY(!window.canSend(-1));
}

void tst_FlowControl::sendWindowRejectsExcessAcknowledgement()
{
    SendWindow window(100);
    QVERIFY_RESULT(window.onSent(10));
    const Status excess = window.onAcknowledged(11);
    QVERIFY(!excess);
    QCOMPARE(excess.error().code(), ErrorCode::Corrupt);
    QCOMPARE(window.inFlightBytes(), 10);
    QVERIFY(!window.onAcknowledged(0));
}

void tst_FlowControl::receiveWindowRejectsOverrun()
{
    ReceiveWindow window(100);
    QVERIFY_RESULT(window.onReceived(100));
    const Status overrun = window.onReceived(1);
    QVERIFY(!overrun);
    QCOMPARE(overrun.error().code(), ErrorCode::Corrupt);
    QVERIFY(overrun.error().message().contains(QStringLiteral("exceeded the receive window")));
}

void tst_FlowControl::receiveWindowBatchesAcknowledgements()
{
    ReceiveWindow window(100, 30);
    QVERIFY_RESULT(window.onReceived(50));
    auto ack = window.onConsumed(10);
    QVERIFY_RESULT(ack);
    QCOMPARE(*ack, 0);
    ack = window.onConsumed(25);
    QVERIFY_RESULT(ack);
    QCOMPARE(*ack, 35);
    QCOMPARE(window.unacknowledgedBytes(), 15);
}

void tst_FlowControl::receiveWindowAcknowledgesWhenAllConsumed()
{
    ReceiveWindow window(100, 60);
    QVERIFY_RESULT(window.onReceived(20));
    const auto ack = window.onConsumed(20);
    QVERIFY_RESULT(ack);
    QCOMPARE(*ack, 20); // below the threshold, but nothing else is outstanding
    QCOMPARE(window.unacknowledgedBytes(), 0);
}

void tst_FlowControl::receiveWindowRejectsConsumingMoreThanReceived()
{
    ReceiveWindow window(100);
    QVERIFY_RESULT(window.onReceived(5));
    const auto ack = window.onConsumed(6);
    QVERIFY(!ack);
    QCOMPARE(ack.error().code(), ErrorCode::InvalidArgument);
}

void tst_FlowControl::neverExceedsWindowInSimulation_data()
{
    QTest::addColumn<qint64>("window");
    QTest::addColumn<qint64>("threshold");
    QTest::addColumn<quint64>("seed");
    QTest::newRow("small window, immediate acks") << qint64(1000) << qint64(0) << quint64(1);
    QTest::newRow("small window, batched acks") << qint64(1000) << qint64(400) << quint64(2);
    QTest::newRow("window equal to largest frame") << qint64(255) << qint64(200) << quint64(3);
    QTest::newRow("large window") << qint64(100000) << qint64(25000) << quint64(4);
}

// A sender and a receiver connected by an in-order queue; random frame sizes, random
// delivery and consumption. The receiver's check must never fire and the sender's
// in-flight bytes must never exceed the window; every byte is eventually acknowledged.
void tst_FlowControl::neverExceedsWindowInSimulation()
{
    QFETCH(qint64, window);
    QFETCH(qint64, threshold);
    QFETCH(quint64, seed);
    SendWindow sender(window);
    ReceiveWindow receiver(window, threshold);
    std::deque<qint64> wire;     // Data frames in flight to the receiver
    std::deque<qint64> acks;     // ChunkAcks in flight to the sender
    qint64 unconsumed = 0;
    qint64 sent = 0;
    const QByteArray random = Test::randomBytes(30000, seed);
    for (qsizetype i = 0; i + 2 < random.size(); i += 3) {
        const qint64 size = quint8(random.at(i));
        const int action = quint8(random.at(i + 1)) % 4;
        if (action == 0 && sender.canSend(size)) {
            QVERIFY_RESULT(sender.onSent(size));
            wire.push_back(size);
            sent += size;
        } else if (action == 1 && !wire.empty()) {
            QVERIFY_RESULT(receiver.onReceived(wire.front()));
            unconsumed += wire.front();
            wire.pop_front();
        } else if (action == 2 && unconsumed > 0) {
            const qint64 consumed = qMin<qint64>(unconsumed, 1 + quint8(random.at(i + 2)));
            unconsumed -= consumed;
            const auto ack = receiver.onConsumed(consumed);
            QVERIFY_RESULT(ack);
            if (*ack > 0)
                acks.push_back(*ack);
        } else if (action == 3 && !acks.empty()) {
            QVERIFY_RESULT(sender.onAcknowledged(acks.front()));
            acks.pop_front();
        }
        QVERIFY(sender.inFlightBytes() <= window);
        QVERIFY(receiver.unacknowledgedBytes() <= window);
    }
    // Drain: deliver, consume and acknowledge everything.
    for (qint64 size : wire) {
        QVERIFY_RESULT(receiver.onReceived(size));
        unconsumed += size;
    }
    const auto last = receiver.onConsumed(unconsumed);
    QVERIFY_RESULT(last);
    if (*last > 0)
        acks.push_back(*last);
    for (qint64 ack : acks)
        QVERIFY_RESULT(sender.onAcknowledged(ack));
    QCOMPARE(sender.inFlightBytes(), 0);
    QCOMPARE(receiver.unacknowledgedBytes(), 0);
    QVERIFY(sent > window); // the window was reused many times
}

void tst_FlowControl::discardedDataOfCancelledStreamReturnsCredit()
{
    // The sender sent 3 frames, then the stream was cancelled; the receiver discards them as
    // they arrive and acknowledges at once, so the sender gets its whole window back.
    SendWindow sender(300);
    ReceiveWindow receiver(300, 1000);
    for (int i = 0; i < 3; ++i)
        QVERIFY_RESULT(sender.onSent(100));
    QVERIFY(!sender.canSend(1));
    qint64 returned = 0;
    for (int i = 0; i < 3; ++i) {
        QVERIFY_RESULT(receiver.onReceived(100));
        const auto ack = receiver.onConsumed(100);
        QVERIFY_RESULT(ack);
        returned += *ack;
    }
    QCOMPARE(returned, 300);
    QVERIFY_RESULT(sender.onAcknowledged(returned));
    QCOMPARE(sender.availableBytes(), 300);
}

// Each step: take(bytes, nowMs) must answer `wait`.
struct RateStep
{
    qint64 bytes, nowMs, wait;
};

static void expectWaits(RateLimiter &limiter, std::initializer_list<RateStep> steps)
{
    int index = 0;
    for (const RateStep &step : steps) {
        QVERIFY2(limiter.take(step.bytes, step.nowMs) == step.wait,
                 qPrintable(QStringLiteral("step %1: %2 bytes at %3 ms").arg(index).arg(step.bytes).arg(step.nowMs)));
        ++index;
    }
}

void tst_FlowControl::rateLimiterHoldsTheAverageRate()
{
    QCOMPARE(RateLimiter(0).take(1 << 30, 0), 0); // no limit
    // 1,000 bytes a second; 100-byte chunks asked for every millisecond for ten seconds.
    RateLimiter limiter(1000);
    qint64 sent = 0;
    qint64 nextTry = 0;
    for (qint64 now = 5000; now <= 15000; ++now) {
        if (now < nextTry)
            continue;
        const qint64 wait = limiter.take(100, now);
        if (wait == 0)
            sent += 100;
        else
            nextTry = now + wait;
    }
    // A full second's worth at the start, then the rate.
    QCOMPARE(sent, 1000 + 10 * 1000);
    // Waiting is what it says: the time until the tokens are there. A clock that goes back
    // adds nothing.
    RateLimiter drained(1000);
    expectWaits(drained, { { 1000, 0, 0 }, { 100, 0, 100 }, { 100, 99, 1 }, { 100, 100, 0 }, { 100, 50, 100 } });
    // Asked every millisecond at 500 bytes a second, nothing is lost to rounding.
    RateLimiter slow(500);
    QCOMPARE(slow.take(500, 0), 0);
    qint64 at = 1;
    while (slow.take(100, at) != 0)
        ++at;
    QCOMPARE(at, 200);
}

void tst_FlowControl::rateLimiterLetsLargeChunksThroughInDebt()
{
    RateLimiter limiter(1000);
    // Larger than a second's worth: it goes when the bucket is full, and the debt is paid after.
    expectWaits(limiter, { { 5000, 0, 0 }, { 5000, 0, 5000 }, { 5000, 4000, 1000 }, { 5000, 5000, 0 }, { 1, 5000, 4001 } });
}

QTEST_GUILESS_MAIN(tst_FlowControl)
#include "tst_flowcontrol.moc"
