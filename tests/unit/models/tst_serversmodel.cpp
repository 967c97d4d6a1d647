// ServersModel: incremental updates by id (only changed rows signal), roles, filter proxy, and a
// fleet of 10,000 servers.
#include "modeltestdata.h"

#include <serversfiltermodel.h>
#include <serversmodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura;
using Models::ServersModel;
using Test::server;

class tst_ServersModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void firstListInsertsRows();
    void unchangedListEmitsNothing();
    void changedServerSignalsOnlyItsRow();
    void changesInTwoPlacesSignalTwoRuns();
    void goneServersAreRemovedNewOnesAppended();
    void duplicateIdsKeepTheLast();
    void rolesCarryRawValues();
    void filterByTextAndState_data();
    void filterByTextAndState();
    void tenThousandServersUpdateIncrementally();
};

void tst_ServersModel::firstListInsertsRows()
{
    ServersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setServers({ server(1, u"a"_s), server(2, u"b"_s, true) });
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowOf(2), 1);
    QCOMPARE(model.index(1, ServersModel::Protection).data().toString(), u"Protected"_s);
    QCOMPARE(model.index(0, ServersModel::Protection).data().toString(), u"Unprotected"_s);
    QCOMPARE(model.index(0, ServersModel::LastBackup).data().toString(), u"Never"_s);
}

void tst_ServersModel::unchangedListEmitsNothing()
{
    ServersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList list { server(1, u"a"_s), server(2, u"b"_s) };
    model.setServers(list);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy updated(&model, &ServersModel::updated);
    model.setServers(list);
    QCOMPARE(changed.count() + inserted.count() + removed.count() + reset.count(), 0);
    QCOMPARE(updated.count(), 1);
    QCOMPARE(updated.first(), (QVariantList { 0, 0, 0 }));
}

void tst_ServersModel::changedServerSignalsOnlyItsRow()
{
    ServersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList list { server(1, u"a"_s), server(2, u"b"_s), server(3, u"c"_s) };
    model.setServers(list);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    list[1].online = false;
    model.setServers(list);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 1);
    QCOMPARE(changed.first().at(1).toModelIndex().column(), ServersModel::ColumnCount - 1);
    QCOMPARE(model.index(1, ServersModel::Connection).data().toString(), u"Offline"_s);
}

void tst_ServersModel::changesInTwoPlacesSignalTwoRuns()
{
    ServersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<Api::Client::ServerInfo> list;
    for (int i = 1; i <= 6; ++i)
        list << server(i, u"s%1"_s.arg(i));
    model.setServers(list);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    list[1].name = u"x"_s;
    list[2].name = u"y"_s;
    list[5].name = u"z"_s;
    model.setServers(list);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 2);
    QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 5);
}

void tst_ServersModel::goneServersAreRemovedNewOnesAppended()
{
    ServersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setServers({ server(1, u"a"_s), server(2, u"b"_s), server(3, u"c"_s), server(4, u"d"_s) });
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setServers({ server(5, u"e"_s), server(4, u"d"_s), server(1, u"a"_s) });
    QCOMPARE(removed.count(), 1); // rows 1-2 in one run
    QCOMPARE(removed.first().at(1).toInt(), 1);
    QCOMPARE(removed.first().at(2).toInt(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.idAt(0), 1);
    QCOMPARE(model.idAt(1), 4);
    QCOMPARE(model.idAt(2), 5);
    QCOMPARE(model.rowOf(5), 2);
    QCOMPARE(model.rowOf(2), -1);
    QCOMPARE(model.nameOf(4), u"d"_s);
    QCOMPARE(model.nameOf(99), u"#99"_s);
}

void tst_ServersModel::duplicateIdsKeepTheLast()
{
    ServersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setServers({ server(1, u"first"_s), server(1, u"last"_s) });
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, ServersModel::Name).data().toString(), u"last"_s);
}

void tst_ServersModel::rolesCarryRawValues()
{
    ServersModel model;
    auto s = server(7, u"web"_s, true, false);
    s.lastBackup = Test::utc(3, 4);
    model.setServers({ s });
    const QModelIndex index = model.index(0, ServersModel::LastBackup);
    QCOMPARE(index.data(ServersModel::IdRole).toLongLong(), 7);
    QCOMPARE(index.data(ServersModel::OnlineRole).toBool(), false);
    QCOMPARE(index.data(ServersModel::ProtectedRole).toBool(), true);
    QCOMPARE(index.data(ServersModel::LastBackupRole).toDateTime(), Test::utc(3, 4));
    QCOMPARE(index.data(ServersModel::SortRole).toLongLong(), Test::utc(3, 4).toMSecsSinceEpoch());
    QVERIFY(model.index(0, ServersModel::Plan).data().toString().contains(u"03:00-06:00 UTC"_s));
}

void tst_ServersModel::filterByTextAndState_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("state");
    QTest::addColumn<QStringList>("names");
    using F = Models::ServersFilterModel::StateFilter;
    QTest::newRow("everything") << QString() << int(F::All) << QStringList { u"db-01"_s, u"edge"_s, u"web-01"_s };
    QTest::newRow("text in name, any case") << u"WEB"_s << int(F::All) << QStringList { u"web-01"_s };
    QTest::newRow("text in flavor") << u"large"_s << int(F::All) << QStringList { u"db-01"_s };
    QTest::newRow("protected only") << QString() << int(F::Protected) << QStringList { u"db-01"_s, u"web-01"_s };
    QTest::newRow("unprotected only") << QString() << int(F::Unprotected) << QStringList { u"edge"_s };
    QTest::newRow("offline only") << QString() << int(F::Offline) << QStringList { u"edge"_s };
    QTest::newRow("text and state") << u"01"_s << int(F::Offline) << QStringList {};
}

void tst_ServersModel::filterByTextAndState()
{
    QFETCH(QString, text);
    QFETCH(int, state);
    QFETCH(QStringList, names);
    ServersModel model;
    auto db = server(2, u"db-01"_s, true);
    db.facts.flavor = u"m1.large"_s;
    model.setServers({ server(1, u"web-01"_s, true), db, server(3, u"edge"_s, false, false) });
    Models::ServersFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.sort(ServersModel::Name);
    filter.setText(text);
    filter.setStateFilter(Models::ServersFilterModel::StateFilter(state));
    QStringList shown;
    for (int row = 0; row < filter.rowCount(); ++row)
        shown << filter.index(row, ServersModel::Name).data().toString();
    QCOMPARE(shown, names);
}

void tst_ServersModel::tenThousandServersUpdateIncrementally()
{
    ServersModel model;
    QList<Api::Client::ServerInfo> fleet;
    fleet.reserve(10000);
    for (int i = 1; i <= 10000; ++i)
        fleet << server(i, u"server-%1"_s.arg(i, 5, 10, QLatin1Char('0')), i % 2 == 0);
    model.setServers(fleet);
    QCOMPARE(model.rowCount(), 10000);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    fleet[4321].online = false;
    fleet[9999].lastBackup = Test::utc(5);
    model.setServers(fleet);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 4321);
    QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 9999);
}

QTEST_GUILESS_MAIN(tst_ServersModel)
#include "tst_serversmodel.moc"
