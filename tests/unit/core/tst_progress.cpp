#include <core/progress.h>

#include <QTest>

using namespace std::chrono_literals;

class tst_Progress : public QObject
{
    Q_OBJECT
private slots:
    void rateAndEtaOverWindow();
    void stalledWhenNothingMoves();
    void formatsSizesAndDurations_data();
    void formatsSizesAndDurations();
};

void tst_Progress::rateAndEtaOverWindow()
{
    Kura::Progress progress;
    progress.addBytesTotal(1000);
    Kura::ProgressSampler sampler(10s, 30s);
    auto s = sampler.sample(progress, 0ms);
    QCOMPARE(s.etaSeconds, -1);
    progress.addBytesDone(100);
    s = sampler.sample(progress, 1000ms);
    QCOMPARE(s.bytesPerSecond, 100.0);
    QCOMPARE(s.etaSeconds, 9);
    QVERIFY(!s.stalled);
}

void tst_Progress::stalledWhenNothingMoves()
{
    Kura::Progress progress;
    Kura::ProgressSampler sampler(10s, 30s);
    progress.addBytesDone(5);
    QVERIFY(!sampler.sample(progress, 0ms).stalled);
    QVERIFY(!sampler.sample(progress, 29s).stalled);
    QVERIFY(sampler.sample(progress, 31s).stalled);
    progress.addFilesDone(1);
    QVERIFY(!sampler.sample(progress, 32s).stalled);
}

void tst_Progress::formatsSizesAndDurations_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("size");
    QTest::newRow("bytes") << qint64(12) << QStringLiteral("12 B");
    QTest::newRow("mebibytes") << qint64(3 * 1024 * 1024 + 512 * 1024) << QStringLiteral("3.5 MiB");
}

void tst_Progress::formatsSizesAndDurations()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, size);
    QCOMPARE(Kura::formatBytes(bytes), size);
    QCOMPARE(Kura::formatDuration(3725), QStringLiteral("1h02m"));
    QCOMPARE(Kura::formatDuration(65), QStringLiteral("1m05s"));
}

QTEST_GUILESS_MAIN(tst_Progress)
#include "tst_progress.moc"
