#include "catalogfixture.h"

#include <catalog/csv.h>
#include <catalog/private/sql.h>
#include <catalog/report.h>
#include <testsupport.h>

#include <QRegularExpression>

#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Catalog;
using Kura::Policy::JobState;

namespace {
constexpr qint64 DayMs = 24ll * 3600 * 1000;
constexpr qint64 Now = 1795392000000; // 2026-11-23T00:00:00Z
} // namespace

class tst_Report : public QObject {
    Q_OBJECT
private slots:
    void init();
    void windowIsFourteenDays_data();
    void windowIsFourteenDays();
    void rowsCarryEveryColumn();
    void newestFirstAndAtMost2000Rows();
    void csvHasHeaderAndOneRecordPerRow();

private:
    std::unique_ptr<Test::CatalogFixture> m_f;
    qint64 m_server = 0;
};

void tst_Report::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s)); // stray warnings fail the test
    m_f = std::make_unique<Test::CatalogFixture>();
    QVERIFY(m_f->ok());
    m_server = m_f->addServer(m_f->alpha(), u"web, primary"_s);
    QVERIFY(m_server > 0);
}

void tst_Report::windowIsFourteenDays_data()
{
    QTest::addColumn<qint64>("queuedMs");
    QTest::addColumn<bool>("included");
    QTest::newRow("now") << Now << true;
    QTest::newRow("one millisecond in the future") << Now + 1 << false;
    QTest::newRow("just inside 14 days") << Now - 14 * DayMs + 1 << true;
    QTest::newRow("exactly 14 days ago") << Now - 14 * DayMs << false;
    QTest::newRow("15 days ago") << Now - 15 * DayMs << false;
}

void tst_Report::windowIsFourteenDays()
{
    QFETCH(qint64, queuedMs);
    QFETCH(bool, included);
    QVERIFY(m_f->addJob(m_f->alpha(), m_server, queuedMs, JobState::Queued) > 0);
    auto rows = jobReport(m_f->db(), m_f->alpha(), Now);
    QVERIFY_RESULT(rows);
    QCOMPARE(rows->size(), included ? 1 : 0);
}

void tst_Report::rowsCarryEveryColumn()
{
    const qint64 failed = m_f->addJob(m_f->alpha(), m_server, Now - DayMs, JobState::Failed,
        Policy::JobKind::SystemBackup, 90000);
    QVERIFY(failed > 0);
    QVERIFY_RESULT(
        JobStore(m_f->db()).updateProgress(m_f->alpha(), failed, { 5000, 7, 2500, 3, 1200 }));
    auto rows = jobReport(m_f->db(), m_f->alpha(), Now);
    QVERIFY_RESULT(rows);
    QCOMPARE(rows->size(), 1);
    const ReportRow &r = rows->at(0);
    QCOMPARE(r.jobId, failed);
    QCOMPARE(r.serverName, u"web, primary"_s);
    QCOMPARE(r.kind, Policy::JobKind::SystemBackup);
    QCOMPARE(r.planSummary, u"local/daily 03-06/30d/files"_s);
    QCOMPARE(r.trigger, Policy::JobTrigger::Scheduled);
    QCOMPARE(r.startMs, Now - DayMs + 1000);
    QCOMPARE(r.endMs, Now - DayMs + 1000 + 90000);
    QCOMPARE(r.durationMs, 90000);
    QCOMPARE(r.sourceBytes, 5000);
    QCOMPARE(r.transferredBytes, 1200);
    QCOMPARE(r.files, 7);
    QCOMPARE(r.result, JobState::Failed);
    QCOMPARE(r.reason, u"disk full"_s);
    const qint64 queued = m_f->addJob(m_f->alpha(), m_server, Now - 10, JobState::Queued);
    auto again = jobReport(m_f->db(), m_f->alpha(), Now);
    QCOMPARE(again->at(0).jobId, queued);
    QVERIFY(!again->at(0).startMs);
    QVERIFY(!again->at(0).durationMs);
}

void tst_Report::newestFirstAndAtMost2000Rows()
{
    const qint64 other = m_f->addServer(m_f->alpha(), u"db"_s);
    {
        auto transaction = Sql::Transaction::begin(m_f->db());
        QVERIFY_RESULT(transaction);
        JobStore jobs(m_f->db());
        for (int i = 0; i < 2100; ++i) {
            NewJob n;
            n.serverId = i % 2 ? m_server : other;
            n.queuedMs = Now - 13 * DayMs + i * 60000;
            QVERIFY_RESULT(jobs.create(m_f->alpha(), n));
        }
        QVERIFY_RESULT(transaction->commit());
    }
    auto rows = jobReport(m_f->db(), m_f->alpha(), Now);
    QVERIFY_RESULT(rows);
    QCOMPARE(rows->size(), ReportMaxRows);
    QCOMPARE(rows->constFirst().queuedMs, Now - 13 * DayMs + 2099 * 60000);
    for (qsizetype i = 1; i < rows->size(); ++i)
        QVERIFY(rows->at(i - 1).queuedMs >= rows->at(i).queuedMs);
    QCOMPARE(jobReport(m_f->db(), m_f->alpha(), Now, 10)->size(), 10);
    QCOMPARE(jobReport(m_f->db(), m_f->alpha(), Now, 50000)->size(), ReportMaxRows);
    QCOMPARE(jobReport(m_f->db(), m_f->alpha(), Now, -1)->size(), 0);
}

void tst_Report::csvHasHeaderAndOneRecordPerRow()
{
    QVERIFY(m_f->addJob(m_f->alpha(), m_server, Now - 2 * 3600 * 1000, JobState::Succeeded,
                Policy::JobKind::FileBackup, 61500)
        > 0);
    auto rows = jobReport(m_f->db(), m_f->alpha(), Now);
    QVERIFY_RESULT(rows);
    const QByteArray csv = reportCsv(*rows, QTimeZone("Asia/Tokyo"));
    const QString text = QString::fromUtf8(csv.mid(3));
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    const QStringList lines = text.split(u"\r\n"_s);
    QCOMPARE(lines.size(), 3); // header, one row, the empty rest after the final CRLF
    QCOMPARE(lines.at(0), reportColumns().join(u','));
    QCOMPARE(lines.at(1),
        u"\"web, primary\",file_backup,local/daily 03-06/30d/files,scheduled,"
        "2026-11-23T07:00:01+09:00,2026-11-23T07:01:02+09:00,61,0,0,0,succeeded,"_s);
    QVERIFY(lines.at(2).isEmpty());
    const QStringList translated { u"サーバー"_s, u"種類"_s, u"プラン"_s, u"契機"_s, u"開始"_s,
        u"終了"_s, u"所要時間"_s, u"元データ"_s, u"転送量"_s, u"ファイル数"_s, u"結果"_s,
        u"理由"_s };
    QVERIFY(QString::fromUtf8(reportCsv(*rows, QTimeZone::utc(), translated))
                .contains(translated.join(u',')));
}

QTEST_GUILESS_MAIN(tst_Report)
#include "tst_report.moc"
