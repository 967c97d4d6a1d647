// The plan dialog (SPEC §3, §7): double storage only where a pair exists (with the reason
// otherwise) and only after the transfer is confirmed, windows in UTC and local time (this
// test runs with TZ=Asia/Tokyo), system content needs a device, the maximum generations.
#include "guisupport.h"

#include <plandialog.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Api::Client;

namespace {
ServerInfo serverIn(const QString &region)
{
    ServerInfo s;
    s.id = 3;
    s.name = u"web-01"_s;
    s.region = region;
    return s;
}

RegionInfo regionInfo(const QString &name, const QString &remote, bool service = true)
{
    RegionInfo r;
    r.name = name;
    r.remoteRegion = remote;
    r.backupService = service;
    r.backupAllowed = service;
    r.doubleAvailable = !remote.isEmpty();
    r.state = u"ok"_s;
    return r;
}

template<class T>
T *child(QWidget &dialog, const QString &name)
{
    T *found = dialog.findChild<T *>(name);
    if (!found)
        qFatal("no child %s", qPrintable(name));
    return found;
}
} // namespace

class tst_PlanDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void doubleIsDisabledWithTheReasonWithoutPair();
    void doubleNeedsConfirmedTransfer();
    void unknownRegionAndNoServiceAreExplained();
    void systemContentNeedsADevice();
    void maxGenerationsFollowsTimingAndRetention();
    void windowsShowUtcAndLocalTime();
    void existingPlanIsLoadedAndReturned();
    void existingDoublePlanKeepsItsConfirmation();
    void okSubmitsAndWaitsForTheServer();
};

void tst_PlanDialog::initTestCase()
{
    Test::isolateSettings();
    auto *languages = new Widgets::LanguageManager(this);
    QVERIFY(languages->setLanguage(Widgets::Language::English));
}

void tst_PlanDialog::doubleIsDisabledWithTheReasonWithoutPair()
{
    Widgets::PlanDialog dialog(serverIn(u"JP4"_s), regionInfo(u"JP4"_s, {}));
    auto *doubleStorage = child<QRadioButton>(dialog, u"storageDouble"_s);
    QVERIFY(!doubleStorage->isEnabled());
    const QString reason = u"Double storage is not offered for region \"JP4\": it has no paired region."_s;
    QCOMPARE(doubleStorage->toolTip(), reason);
    QCOMPARE(child<QLabel>(dialog, u"doubleNote"_s)->text(), reason);
    QVERIFY(child<QRadioButton>(dialog, u"storageLocal"_s)->isChecked());
    QVERIFY(dialog.validationProblem().isEmpty());
}

void tst_PlanDialog::doubleNeedsConfirmedTransfer()
{
    Widgets::PlanDialog dialog(serverIn(u"JP1"_s), regionInfo(u"JP1"_s, u"JP2"_s));
    dialog.show();
    auto *doubleStorage = child<QRadioButton>(dialog, u"storageDouble"_s);
    auto *confirm = child<QCheckBox>(dialog, u"confirmTransfer"_s);
    auto *ok = child<QPushButton>(dialog, u"planOk"_s);
    QVERIFY(doubleStorage->isEnabled());
    QVERIFY(!confirm->isVisible());
    doubleStorage->click();
    QVERIFY(confirm->isVisible());
    QVERIFY(confirm->text().contains(u"JP2"_s));
    QVERIFY(!ok->isEnabled());
    QCOMPARE(child<QLabel>(dialog, u"planProblem"_s)->text(),
             u"Confirm the transfer of backup data to region \"JP2\" to use double storage."_s);
    confirm->click();
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.plan().storage, u"double"_s);
    QVERIFY(dialog.transferConfirmed());
}

void tst_PlanDialog::unknownRegionAndNoServiceAreExplained()
{
    Widgets::PlanDialog unknown(serverIn(u"XX9"_s), std::nullopt);
    QVERIFY(!child<QRadioButton>(unknown, u"storageDouble"_s)->isEnabled());
    QVERIFY(unknown.doubleUnavailableReason().contains(u"\"XX9\""_s));
    Widgets::PlanDialog noService(serverIn(u"AU1"_s), regionInfo(u"AU1"_s, {}, false));
    QCOMPARE(noService.validationProblem(),
             u"Servers of region \"AU1\" cannot be protected: the region has no backup service."_s);
    QVERIFY(!child<QPushButton>(noService, u"planOk"_s)->isEnabled());
}

void tst_PlanDialog::systemContentNeedsADevice()
{
    Widgets::PlanDialog dialog(serverIn(u"JP1"_s), regionInfo(u"JP1"_s, u"JP2"_s));
    child<QRadioButton>(dialog, u"contentSystem"_s)->click();
    QVERIFY(!child<QPushButton>(dialog, u"planOk"_s)->isEnabled());
    QCOMPARE(dialog.validationProblem(),
             u"Enter the boot volume (a block device or an image file) for the system backup."_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"systemDevice"_s), u"/dev/vda"_s);
    QVERIFY(child<QPushButton>(dialog, u"planOk"_s)->isEnabled());
    QCOMPARE(dialog.plan().content, u"system"_s);
    QCOMPARE(dialog.plan().systemDevice, u"/dev/vda"_s);
}

void tst_PlanDialog::maxGenerationsFollowsTimingAndRetention()
{
    Widgets::PlanDialog dialog(serverIn(u"JP1"_s), regionInfo(u"JP1"_s, u"JP2"_s));
    auto *label = child<QLabel>(dialog, u"maxGenerations"_s);
    QCOMPARE(label->text(), u"Keeps at most 35 generations: 5 backups in 24 hours for 7 days."_s);
    child<QRadioButton>(dialog, u"timingDaily"_s)->click();
    auto *retention = child<QComboBox>(dialog, u"retention"_s);
    retention->setCurrentIndex(retention->findData(30));
    QCOMPARE(label->text(), u"Keeps at most 90 generations: 3 backups in 24 hours for 30 days."_s);
    retention->setCurrentIndex(retention->findData(365));
    QCOMPARE(dialog.plan().retentionDays, 365);
    QCOMPARE(dialog.plan().timing, u"daily"_s);
    QVERIFY(label->text().startsWith(u"Keeps at most 1095 generations"_s));
}

void tst_PlanDialog::windowsShowUtcAndLocalTime()
{
    QCOMPARE(qEnvironmentVariable("TZ"), u"Asia/Tokyo"_s);
    const QDate monday(2026, 11, 23);
    QCOMPARE(Widgets::dailyWindowText(1, monday), u"03:00-06:00 UTC (12:00-15:00 local time)"_s);
    QCOMPARE(Widgets::dailyWindowText(7, monday), u"21:00-24:00 UTC (06:00-09:00 local time)"_s);
    QCOMPARE(Widgets::weeklyWindowText(1, 2, monday), u"16:00-24:00 UTC (Tuesday 01:00-09:00 local time)"_s);
    Widgets::PlanDialog dialog(serverIn(u"JP1"_s), regionInfo(u"JP1"_s, u"JP2"_s));
    auto *daily = child<QComboBox>(dialog, u"dailyWindow"_s);
    QCOMPARE(daily->count(), 8);
    QVERIFY(!daily->isEnabled()); // on demand by default
    child<QRadioButton>(dialog, u"timingDaily"_s)->click();
    QVERIFY(daily->isEnabled());
    QCOMPARE(daily->itemText(0), u"00:00-03:00 UTC (09:00-12:00 local time)"_s);
    QCOMPARE(child<QComboBox>(dialog, u"weeklyWindow"_s)->count(), 3);
}

void tst_PlanDialog::existingPlanIsLoadedAndReturned()
{
    ServerInfo server = serverIn(u"JP1"_s);
    server.isProtected = true;
    PlanInfo plan;
    plan.timing = u"weekly"_s;
    plan.weekday = 5;
    plan.weeklyWindow = 2;
    plan.retentionDays = 30;
    plan.includePaths = { u"/srv"_s, u"/etc"_s };
    plan.excludePatterns = { u"*.tmp"_s };
    plan.preCommand = u"pg_dump -f /srv/dump.sql"_s;
    server.plan = plan;
    Widgets::PlanDialog dialog(server, regionInfo(u"JP1"_s, u"JP2"_s));
    QCOMPARE(dialog.windowTitle(), u"Edit Plan of \"web-01\""_s);
    child<QPlainTextEdit>(dialog, u"includePaths"_s)->appendPlainText(u"\n  \n/home"_s);
    const PlanInfo out = dialog.plan();
    QCOMPARE(out.timing, u"weekly"_s);
    QCOMPARE(out.weekday, 5);
    QCOMPARE(out.weeklyWindow, 2);
    QCOMPARE(out.retentionDays, 30);
    QCOMPARE(out.includePaths, (QStringList { u"/srv"_s, u"/etc"_s, u"/home"_s })); // blank lines dropped
    QCOMPARE(out.excludePatterns, QStringList { u"*.tmp"_s });
    QCOMPARE(out.preCommand, plan.preCommand); // fields the dialog does not show are kept
    QVERIFY(!dialog.transferConfirmed()); // local storage: nothing to confirm
}

void tst_PlanDialog::existingDoublePlanKeepsItsConfirmation()
{
    ServerInfo server = serverIn(u"JP1"_s);
    server.isProtected = true;
    PlanInfo plan;
    plan.storage = u"double"_s;
    server.plan = plan;
    Widgets::PlanDialog dialog(server, regionInfo(u"JP1"_s, u"JP2"_s));
    QVERIFY(child<QPushButton>(dialog, u"planOk"_s)->isEnabled());
    QVERIFY(dialog.transferConfirmed());
    child<QCheckBox>(dialog, u"confirmTransfer"_s)->click();
    QVERIFY(!child<QPushButton>(dialog, u"planOk"_s)->isEnabled());
}

void tst_PlanDialog::okSubmitsAndWaitsForTheServer()
{
    Widgets::PlanDialog dialog(serverIn(u"JP1"_s), regionInfo(u"JP1"_s, u"JP2"_s));
    QSignalSpy submitted(&dialog, &Widgets::PlanDialog::submitted);
    auto *ok = child<QPushButton>(dialog, u"planOk"_s);
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(submitted.count(), 1);
    QVERIFY(!ok->isEnabled()); // busy until the server answers
    QVERIFY(dialog.result() != QDialog::Accepted);
    dialog.showError(u"The server refused the value of \"plan.dailyWindow\": out of range"_s);
    QVERIFY(ok->isEnabled());
    QCOMPARE(child<QLabel>(dialog, u"planProblem"_s)->text(),
             u"The server refused the value of \"plan.dailyWindow\": out of range"_s);
}

QTEST_MAIN(tst_PlanDialog)
#include "tst_plandialog.moc"
