#include "policytestutil.h"

#include <policy/retention.h>

#include <QTest>

using namespace Kura;
using namespace Kura::Policy;
using Kura::Test::utcMs;

using Generations = QList<GenerationInfo>;
using Reasons = QList<RetentionReason>;

namespace {

const qint64 Now = utcMs("2026-06-30T12:00:00Z");

GenerationInfo generation(qint64 id, qint64 ageMs, int retentionDays, Timing timing)
{
    return GenerationInfo { id, Now - ageMs, retentionDays, timing };
}

} // namespace

class tst_Retention : public QObject
{
    Q_OBJECT
private slots:
    void decides_data();
    void decides();
    void keepsOrderAndLockTimes();
    void namesReasonsStably();
};

void tst_Retention::decides_data()
{
    QTest::addColumn<Generations>("generations");
    QTest::addColumn<std::optional<Timing>>("current");
    QTest::addColumn<Reasons>("expected");
    const auto W = RetentionReason::WithinRetention, N = RetentionReason::NewestOfImmediatePlan;
    const auto U = RetentionReason::UnknownRetention, P = RetentionReason::RetentionPassed;
    const auto D = Timing::Daily, I = Timing::Immediate, Wk = Timing::Weekly;
    const qint64 day = MsPerDay;
    const std::optional<Timing> daily = D, immediate = I, none;

    QTest::newRow("no generations") << Generations {} << daily << Reasons {};
    QTest::newRow("one day short of 7")
        << Generations { generation(1, 6 * day, 7, D) } << daily << Reasons { W };
    QTest::newRow("1 ms before 7 days")
        << Generations { generation(1, 7 * day - 1, 7, D) } << daily << Reasons { W };
    QTest::newRow("exactly 7 days")
        << Generations { generation(1, 7 * day, 7, D) } << daily << Reasons { P };
    QTest::newRow("daily plan: the newest expires too")
        << Generations { generation(1, 40 * day, 30, D) } << daily << Reasons { P };
    QTest::newRow("immediate plan: newest kept past retention")
        << Generations { generation(1, 50 * day, 7, I), generation(2, 40 * day, 7, I) } << immediate
        << Reasons { P, N };
    QTest::newRow("immediate plan: newest kept, younger ones within retention")
        << Generations { generation(1, 10 * day, 7, I), generation(2, 3 * day, 7, I) } << immediate
        << Reasons { P, W };
    QTest::newRow("plan changed 365 -> 7: old generations keep 365") << Generations {
        generation(1, 100 * day, 365, D), generation(2, 8 * day, 7, D), generation(3, day, 7, D)
    } << daily << Reasons { W, P, W };
    QTest::newRow("plan changed 7 -> 365: old generations keep 7")
        << Generations { generation(1, 10 * day, 7, Wk), generation(2, 10 * day - 1, 365, D) }
        << daily << Reasons { P, W };
    QTest::newRow("now immediate: newest taken under daily is kept")
        << Generations { generation(1, 60 * day, 30, D), generation(2, 45 * day, 30, D) }
        << immediate << Reasons { P, N };
    QTest::newRow("now daily: newest taken under immediate is kept")
        << Generations { generation(1, 60 * day, 7, D), generation(2, 45 * day, 7, I) } << daily
        << Reasons { P, N };
    QTest::newRow("now daily: older immediate generation expires")
        << Generations { generation(1, 60 * day, 7, I), generation(2, 45 * day, 7, D) } << daily
        << Reasons { P, P };
    QTest::newRow("not protected: generation's own timing counts")
        << Generations { generation(1, 60 * day, 7, D), generation(2, 45 * day, 7, I) } << none
        << Reasons { P, N };
    QTest::newRow("same timestamp: the greater id is the newest")
        << Generations { generation(5, 40 * day, 7, I), generation(4, 40 * day, 7, I) } << immediate
        << Reasons { N, P };
    QTest::newRow("unsorted input") << Generations { generation(3, 8 * day, 7, I),
        generation(1, 20 * day, 7, I), generation(2, 9 * day, 7, I) }
                                    << immediate << Reasons { N, P, P };
    QTest::newRow("a non-positive retention never expires")
        << Generations { generation(1, 900 * day, 0, D), generation(2, 900 * day, -3, D) } << daily
        << Reasons { U, U };
    QTest::newRow("mixed plans over a year") << Generations { generation(1, 364 * day, 365, Wk),
        generation(2, 365 * day, 365, Wk), generation(3, 29 * day, 30, D),
        generation(4, 31 * day, 30, D), generation(5, 6 * day, 7, I), generation(6, 2 * day, 7, I) }
                                             << immediate << Reasons { W, P, W, P, W, W };
}

void tst_Retention::decides()
{
    QFETCH(Generations, generations);
    QFETCH(std::optional<Timing>, current);
    QFETCH(Reasons, expected);
    const QList<RetentionDecision> decisions = applyRetention(generations, current, Now);
    QCOMPARE(decisions.size(), expected.size());
    for (qsizetype i = 0; i < decisions.size(); ++i) {
        QCOMPARE(decisions.at(i).reason, expected.at(i));
        QCOMPARE(decisions.at(i).keep, expected.at(i) != RetentionReason::RetentionPassed);
    }
}

void tst_Retention::keepsOrderAndLockTimes()
{
    const Generations generations { generation(9, MsPerDay, 30, Timing::Daily),
        generation(4, 2 * MsPerDay, 7, Timing::Weekly) };
    const auto decisions = applyRetention(generations, Timing::Daily, Now);
    QCOMPARE(decisions.at(0).generationId, 9);
    QCOMPARE(decisions.at(0).retentionEndsMs, Now - MsPerDay + 30 * MsPerDay);
    QCOMPARE(decisions.at(1).generationId, 4);
    QCOMPARE(decisions.at(1).retentionEndsMs, Now - 2 * MsPerDay + 7 * MsPerDay);
    QCOMPARE(retentionEndsMs(generations.at(1)), decisions.at(1).retentionEndsMs);
}

void tst_Retention::namesReasonsStably()
{
    QCOMPARE(
        retentionReasonName(RetentionReason::WithinRetention), QStringLiteral("within_retention"));
    QCOMPARE(retentionReasonName(RetentionReason::NewestOfImmediatePlan),
        QStringLiteral("newest_of_immediate_plan"));
    QCOMPARE(
        retentionReasonName(RetentionReason::RetentionPassed), QStringLiteral("retention_passed"));
}

QTEST_GUILESS_MAIN(tst_Retention)
#include "tst_retention.moc"
