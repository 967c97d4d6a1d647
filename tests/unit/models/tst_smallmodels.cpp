// AlertsModel, RegionsModel and GenerationsModel under the model tester, with their roles and
// incremental updates.
#include "modeltestdata.h"

#include <alertsmodel.h>
#include <generationsmodel.h>
#include <regionsmodel.h>
#include <serversmodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Api::Client;

namespace {
AlertInfo alert(qint64 id, const QString &kind, const QString &state, std::optional<qint64> serverId)
{
    AlertInfo a;
    a.id = id;
    a.kind = kind;
    a.state = state;
    a.serverId = serverId;
    a.subject = serverId ? u"server:%1"_s.arg(*serverId) : u"region:JP4"_s;
    a.opened = Test::utc(20);
    return a;
}

RegionInfo region(const QString &name, const QString &remote, bool service, const QString &state)
{
    RegionInfo r;
    r.name = name;
    r.remoteRegion = remote;
    r.backupService = service;
    r.backupAllowed = service;
    r.doubleAvailable = !remote.isEmpty();
    r.state = state;
    return r;
}

GenerationInfo generation(qint64 id, const QList<GenerationCopy> &copies)
{
    GenerationInfo g;
    g.id = id;
    g.serverId = 3;
    g.kind = u"file_backup"_s;
    g.retentionDays = 30;
    g.start = Test::utc(10, 1);
    g.end = Test::utc(10, 2);
    g.status = u"complete"_s;
    g.copies = copies;
    return g;
}
} // namespace

class tst_SmallModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void alertsShowKindStateAndServer();
    void regionsKeyedByName();
    void regionsShowTheReplicationLag();
    void generationsShowCopiesAndLag();
    void generationsOfAnotherServerReset();
};

void tst_SmallModels::alertsShowKindStateAndServer()
{
    Models::ServersModel servers;
    servers.setServers({ Test::server(3, u"web-01"_s) });
    Models::AlertsModel model;
    model.setServersModel(&servers);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAlerts({ alert(2, u"job_failed"_s, u"open"_s, 3), alert(1, u"region_failed"_s, u"acknowledged"_s, {}) });
    QCOMPARE(model.index(0, Models::AlertsModel::Kind).data().toString(), u"Job failed"_s);
    QCOMPARE(model.index(0, Models::AlertsModel::Server).data().toString(), u"web-01"_s);
    QCOMPARE(model.index(1, Models::AlertsModel::Server).data().toString(), QString());
    QCOMPARE(model.index(1, Models::AlertsModel::State).data().toString(), u"Acknowledged"_s);
    QCOMPARE(model.openCount(), 1);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.updateAlert(alert(2, u"job_failed"_s, u"acknowledged"_s, 3));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.openCount(), 0);
}

void tst_SmallModels::regionsKeyedByName()
{
    Models::RegionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRegions({ region(u"JP1"_s, u"JP2"_s, true, u"ok"_s), region(u"AU1"_s, {}, false, u"ok"_s),
                       region(u"JP4"_s, {}, true, u"failed"_s) });
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, Models::RegionsModel::Pair).data().toString(), u"JP2"_s);
    QCOMPARE(model.index(1, Models::RegionsModel::BackupService).data().toString(), u"No backup service"_s);
    QCOMPARE(model.index(2, Models::RegionsModel::State).data().toString(), u"Failed"_s);
    QVERIFY(model.index(2, 0).data(Models::RegionsModel::FailedRole).toBool());
    QVERIFY(model.region(u"JP1"_s)->doubleAvailable);
    QVERIFY(!model.region(u"XX9"_s));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setRegions({ region(u"JP1"_s, u"JP2"_s, true, u"ok"_s), region(u"JP4"_s, {}, true, u"ok"_s) });
    QCOMPARE(removed.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(1, Models::RegionsModel::State).data().toString(), u"Healthy"_s);
}

void tst_SmallModels::regionsShowTheReplicationLag()
{
    Models::RegionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    constexpr qint64 HourMs = 3600 * 1000;
    RegionInfo jp1 = region(u"JP1"_s, u"JP2"_s, true, u"ok"_s);
    jp1.replication = RegionReplication { { u"JP2"_s }, 0, {}, 0, 24 * HourMs };
    RegionInfo jp2 = region(u"JP2"_s, u"JP1"_s, true, u"ok"_s);
    jp2.replication = RegionReplication { { u"JP1"_s }, 2, Test::utc(10, 2), 3 * HourMs + 5 * 60000, 24 * HourMs };
    const RegionInfo us1 = region(u"US1"_s, {}, true, u"ok"_s);
    model.setRegions({ jp1, jp2, us1 });
    const int column = Models::RegionsModel::ReplicationLag;
    QCOMPARE(model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString(), u"Replication Lag"_s);
    QVERIFY(!model.headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(model.index(0, column).data().toString(), u"Up to date"_s);
    QCOMPARE(model.index(0, column).data(Models::RegionsModel::ReplicationLagRole).toLongLong(), 0);
    // Source texts; the console's English translation gives the plural forms.
    QCOMPARE(model.index(1, column).data().toString(), u"3 h 05 min (2 generation(s) waiting)"_s);
    QCOMPARE(model.index(1, column).data(Models::KeyedTableModel::SortRole).toLongLong(), 3 * HourMs + 5 * 60000);
    QVERIFY(!model.index(1, column).data(Models::RegionsModel::ReplicationOverdueRole).toBool());
    const QString tip = model.index(1, column).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"from JP1 into JP2"_s) && tip.contains(u"2 generation(s) waiting"_s)
                 && tip.contains(u"24 hour(s)"_s),
             qPrintable(tip));
    QCOMPARE(model.index(2, column).data().toString(), QString()); // nothing copies into US1
    QCOMPARE(model.index(2, column).data(Models::RegionsModel::ReplicationLagRole).toLongLong(), -1);
    QVERIFY(model.index(2, column).data(Qt::ToolTipRole).toString().contains(u"US1"_s));

    // Past the target: one row changes, flagged overdue.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    jp2.replication->waitingGenerations = 1;
    jp2.replication->lagMs = 30 * HourMs;
    model.setRegions({ jp1, jp2, us1 });
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(1, column).data().toString(), u"30 h 00 min (1 generation(s) waiting)"_s);
    QVERIFY(model.index(1, column).data(Models::RegionsModel::ReplicationOverdueRole).toBool());
    QVERIFY(model.index(1, column).data(Qt::ToolTipRole).toString().contains(u"past the target"_s));
}

void tst_SmallModels::generationsShowCopiesAndLag()
{
    Models::GenerationsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const GenerationCopy local { u"JP1"_s, u"complete"_s, Test::utc(10, 2) };
    model.setGenerations(3, { generation(2, { local, { u"JP2"_s, u"complete"_s, Test::utc(10, 5) } }),
                              generation(1, { local, { u"JP2"_s, u"copying"_s, {} } }),
                              generation(0, { local }) });
    QCOMPARE(model.index(0, 0).data(Models::GenerationsModel::ReplicationLagRole).toLongLong(), 3 * 3600);
    QCOMPARE(model.index(0, Models::GenerationsModel::Copies).data().toString(),
             u"JP1: Complete, JP2: Complete, replicated after 3 h 00 min"_s);
    QCOMPARE(model.index(1, 0).data(Models::GenerationsModel::ReplicationLagRole).toLongLong(), -1);
    QCOMPARE(model.index(1, Models::GenerationsModel::Copies).data().toString(), u"JP1: Complete, JP2: Copying"_s);
    QCOMPARE(model.index(2, 0).data(Models::GenerationsModel::ReplicationLagRole).toLongLong(), -1);
    // The source text; the English translation of the console turns it into "30 days".
    QCOMPARE(model.index(2, Models::GenerationsModel::Retention).data().toString(), u"30 day(s)"_s);
}

void tst_SmallModels::generationsOfAnotherServerReset()
{
    Models::GenerationsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setGenerations(3, { generation(1, {}) });
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setGenerations(4, { generation(9, {}) });
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.serverId(), 4);
    QCOMPARE(model.rowCount(), 1);
}

QTEST_GUILESS_MAIN(tst_SmallModels)
#include "tst_smallmodels.moc"
