// ReportModel and ReportFilterModel: rows keyed by job id, raw roles, filters by server, result,
// kind and date, and the positions the CSV export keeps.
#include "modeltestdata.h"

#include <reportmodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura;
using Api::Client::JobState;
using Api::Client::ReportRow;
using Models::ReportModel;

namespace {
ReportRow row(qint64 jobId, qint64 serverId, const QString &kind, JobState result, int day)
{
    ReportRow r;
    r.jobId = jobId;
    r.serverId = serverId;
    r.serverName = u"server-%1"_s.arg(serverId);
    r.kind = kind;
    r.trigger = u"scheduled"_s;
    r.queued = Test::utc(day, 11);
    r.start = Test::utc(day, 12);
    r.end = Test::utc(day, 13);
    r.durationSeconds = 3600;
    r.sourceBytes = jobId * 1000;
    r.result = result;
    return r;
}

Api::Client::JobReport report()
{
    Api::Client::JobReport out;
    out.days = 14;
    out.maxRows = 2000;
    // Newest first, as the server sends it.
    out.rows = { row(6, 2, u"file_backup"_s, JobState::Running, 20),
                 row(5, 1, u"system_backup"_s, JobState::Failed, 19),
                 row(4, 2, u"file_backup"_s, JobState::Succeeded, 18),
                 row(3, 1, u"file_backup"_s, JobState::Interrupted, 15),
                 row(2, 2, u"file_restore"_s, JobState::Succeeded, 12),
                 row(1, 1, u"file_backup"_s, JobState::Cancelled, 10) };
    return out;
}
} // namespace

class tst_ReportModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void rowsAndRoles();
    void newReportUpdatesInPlace();
    void filters_data();
    void filters();
    void sortsByRawValues();
};

void tst_ReportModel::rowsAndRoles()
{
    ReportModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReport(report());
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.columnCount(), int(ReportModel::ColumnCount));
    const QModelIndex first = model.index(0, ReportModel::Result);
    QCOMPARE(first.data().toString(), u"Running"_s);
    QCOMPARE(first.data(ReportModel::ResultRole).toInt(), int(JobState::Running));
    QCOMPARE(first.data(ReportModel::PositionRole).toInt(), 0);
    QCOMPARE(model.index(1, ReportModel::Kind).data().toString(), u"System backup"_s);
    QCOMPARE(model.index(1, ReportModel::Duration).data().toString(), u"1 h 00 min"_s);
    QCOMPARE(model.headerData(ReportModel::SourceBytes, Qt::Horizontal, Qt::DisplayRole).toString(),
             u"Source Data"_s);
}

void tst_ReportModel::newReportUpdatesInPlace()
{
    ReportModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReport(report());
    auto next = report();
    next.rows[0].result = JobState::Succeeded; // job 6 finished
    next.rows.prepend(row(7, 1, u"file_backup"_s, JobState::Queued, 21));
    next.rows.removeLast(); // job 1 fell out of the 14 days
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setReport(next);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 6);
    // Positions follow the new report: job 7 is first, job 6 second.
    QCOMPARE(model.index(model.rowOf(7), 0).data(ReportModel::PositionRole).toInt(), 0);
    QCOMPARE(model.index(model.rowOf(6), 0).data(ReportModel::PositionRole).toInt(), 1);
}

void tst_ReportModel::filters_data()
{
    QTest::addColumn<qint64>("server");
    QTest::addColumn<QList<int>>("results");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<QList<int>>("positions");
    const QList<int> none;
    QTest::newRow("no filter") << qint64(0) << none << QString() << QDate() << QDate() << QList<int> { 0, 1, 2, 3, 4, 5 };
    QTest::newRow("server 1") << qint64(1) << none << QString() << QDate() << QDate() << QList<int> { 1, 3, 5 };
    QTest::newRow("failed or interrupted") << qint64(0) << QList<int> { int(JobState::Failed), int(JobState::Interrupted) }
                                           << QString() << QDate() << QDate() << QList<int> { 1, 3 };
    QTest::newRow("file backups") << qint64(0) << none << u"file_backup"_s << QDate() << QDate() << QList<int> { 0, 2, 3, 5 };
    QTest::newRow("dates 12 to 18") << qint64(0) << none << QString() << QDate(2026, 11, 12) << QDate(2026, 11, 18)
                                    << QList<int> { 2, 3, 4 };
    QTest::newRow("everything at once") << qint64(2) << QList<int> { int(JobState::Succeeded) } << u"file_backup"_s
                                        << QDate(2026, 11, 1) << QDate(2026, 11, 30) << QList<int> { 2 };
    QTest::newRow("nothing matches") << qint64(3) << none << QString() << QDate() << QDate() << QList<int> {};
}

void tst_ReportModel::filters()
{
    QFETCH(qint64, server);
    QFETCH(QList<int>, results);
    QFETCH(QString, kind);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(QList<int>, positions);
    ReportModel model;
    model.setReport(report());
    Models::ReportFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setServerId(server ? std::optional<qint64>(server) : std::nullopt);
    QSet<JobState> states;
    for (int state : results)
        states.insert(JobState(state));
    filter.setResults(states);
    filter.setKind(kind);
    filter.setDateRange(from, to);
    QCOMPARE(filter.acceptedPositions(), positions);
}

void tst_ReportModel::sortsByRawValues()
{
    ReportModel model;
    auto data = report();
    data.rows[0].sourceBytes = 9 * 1024; // "9 KiB" would sort after "10 KiB" as text
    data.rows[1].sourceBytes = 10 * 1024;
    model.setReport(data);
    Models::ReportFilterModel filter;
    filter.setSourceModel(&model);
    filter.sort(ReportModel::SourceBytes, Qt::DescendingOrder);
    QCOMPARE(filter.index(0, 0).data(ReportModel::IdRole).toLongLong(), 5);
    QCOMPARE(filter.index(1, 0).data(ReportModel::IdRole).toLongLong(), 6);
}

QTEST_GUILESS_MAIN(tst_ReportModel)
#include "tst_reportmodel.moc"
