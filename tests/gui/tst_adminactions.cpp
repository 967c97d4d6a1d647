// The console's administration against a real server: enrolling a server (token and agent
// package the agent's package reader reads back), deleting a client after the confirmation that
// names the amount, marking a region failed and recovered, each region's replication lag, and
// API keys in Settings (create with the secret shown once, revoke); role-dependent actions.
#include "guisupport.h"

#include <apikeyspanel.h>
#include <enrollmentdialog.h>
#include <mainwindow.h>
#include <modeltext.h>
#include <regionsmodel.h>
#include <regionsview.h>
#include <serversmodel.h>
#include <serversview.h>
#include <settingsview.h>

#include <catalog/enrollmentstore.h>
#include <catalog/generationstore.h>
#include <catalog/regionstore.h>
#include <catalog/serverstore.h>
#include <catalog/userstore.h>
#include <protocol/agentpackage.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace Kura;

class tst_AdminActions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void enrollmentDialogCreatesATokenAndSavesItsPackage();
    void enrollmentDialogRevokesAnUnusedToken();
    void deleteClientAsksWithTheAmountThenRemovesTheRow();
    void deleteClientInsideRetentionShowsTheReason();
    void markRegionFailedAndRecovered();
    void regionsShowTheReplicationLag();
    void apiKeyCreatedWithItsSecretShownOnceThenRevoked();
    void nonAdminsCannotAdminister();

private:
    QAction *serversAction(const QString &name) const;
    QAction *regionsAction(const QString &name) const;

    Widgets::LanguageManager *m_languages = nullptr;
    std::unique_ptr<Test::DemoServer> m_server;
    std::unique_ptr<Widgets::Console> m_console;
};

void tst_AdminActions::initTestCase()
{
    m_languages = Test::startInEnglish(this);
    QVERIFY(m_languages);
}

void tst_AdminActions::init()
{
    QVERIFY(Test::startDemoConsole(m_server, m_console, m_languages));
}

void tst_AdminActions::cleanup()
{
    for (QWidget *widget : QApplication::topLevelWidgets())
        if (qobject_cast<QDialog *>(widget) && widget->isVisible())
            widget->close();
    m_console.reset();
    m_server.reset();
}

QAction *tst_AdminActions::serversAction(const QString &name) const
{
    return m_console->serversView()->findChild<QAction *>(name);
}

QAction *tst_AdminActions::regionsAction(const QString &name) const
{
    return m_console->regionsView()->findChild<QAction *>(name);
}

void tst_AdminActions::enrollmentDialogCreatesATokenAndSavesItsPackage()
{
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"admin"_s));
    QTRY_COMPARE(m_console->session()->servers()->rowCount(), 6);
    QTRY_VERIFY(serversAction(u"enrollAction"_s)->isEnabled());
    serversAction(u"enrollAction"_s)->trigger();
    QPointer<Widgets::EnrollmentDialog> dialog = Test::waitForTopLevel<Widgets::EnrollmentDialog>(u"enrollmentDialog"_s);
    QVERIFY(dialog);
    auto *region = dialog->findChild<QComboBox *>(u"enrollRegion"_s);
    // Regions with backup service only: AU1 has none.
    QTRY_VERIFY(region->count() > 0);
    QVERIFY(region->findData(u"JP1"_s) >= 0);
    QCOMPARE(region->findData(u"AU1"_s), -1);
    region->setCurrentIndex(region->findData(u"JP2"_s));
    dialog->findChild<QSpinBox *>(u"enrollHours"_s)->setValue(48);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"enrollCreate"_s), Qt::LeftButton);
    QTRY_VERIFY(dialog->created().id != 0);
    QTRY_VERIFY(dialog->findChild<QWidget *>(u"enrollCreated"_s)->isVisible());
    const QString token = dialog->findChild<QLineEdit *>(u"enrollToken"_s)->text();
    QCOMPARE(token, dialog->created().token);
    QVERIFY(!token.isEmpty());
    // The new token is listed (without its secret).
    auto *tokens = dialog->findChild<QTableWidget *>(u"enrollTokens"_s);
    QTRY_COMPARE(tokens->rowCount(), 1);
    QCOMPARE(tokens->item(0, 1)->text(), u"JP2"_s);
    QCOMPARE(tokens->item(0, 2)->text(), u"Active"_s);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"agent.zip"_s);
    QVERIFY(dialog->savePackageTo(path));
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    auto package = Protocol::readAgentPackageFile(path);
    QVERIFY_RESULT(package);
    QCOMPARE(package->token, token);
    QCOMPARE(package->region, u"JP2"_s);
    QCOMPARE(package->primaryAddress, m_server->identity.agentAddress);
    QCOMPARE(package->certificateSha256, m_server->identity.certificateSha256);
    QCOMPARE(package->expiresAtMs, m_server->clock.nowMs() + 48 * 3600 * 1000LL);
    // The token in the package works once for enrolling.
    auto grant = Catalog::EnrollmentStore(m_server->db()).consume(m_server->tenant(), token, m_server->clock.nowMs());
    QVERIFY_RESULT(grant);
    QCOMPARE(grant->region, u"JP2"_s);
    // A folder that does not exist: the error is shown in the dialog.
    QVERIFY(!dialog->savePackageTo(dir.filePath(u"missing/agent.zip"_s)));
    QVERIFY(dialog->findChild<QLabel *>(u"enrollError"_s)->isVisible());
    dialog->close();
}

void tst_AdminActions::enrollmentDialogRevokesAnUnusedToken()
{
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"admin"_s));
    QVERIFY(Catalog::EnrollmentStore(m_server->db()).create(m_server->tenant(), u"JP1"_s, m_server->clock.nowMs(), 3600000));
    QTRY_VERIFY(serversAction(u"enrollAction"_s)->isEnabled());
    serversAction(u"enrollAction"_s)->trigger();
    auto *dialog = Test::waitForTopLevel<Widgets::EnrollmentDialog>(u"enrollmentDialog"_s);
    QVERIFY(dialog);
    auto *tokens = dialog->findChild<QTableWidget *>(u"enrollTokens"_s);
    QTRY_COMPARE(tokens->rowCount(), 1);
    auto *revoke = dialog->findChild<QPushButton *>(u"enrollRevoke"_s);
    QVERIFY(!revoke->isEnabled());
    tokens->selectRow(0);
    QVERIFY(revoke->isEnabled());
    QTest::mouseClick(revoke, Qt::LeftButton);
    auto *box = Test::waitForTopLevel<QMessageBox>(u"confirmBox"_s);
    QVERIFY(box);
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmYes"_s), Qt::LeftButton);
    QTRY_COMPARE(tokens->rowCount(), 0);
    QCOMPARE(Catalog::EnrollmentStore(m_server->db()).list(m_server->tenant(), 10)->size(), 0);
    dialog->close();
}

void tst_AdminActions::deleteClientAsksWithTheAmountThenRemovesTheRow()
{
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"admin"_s));
    QTRY_COMPARE(m_console->session()->servers()->rowCount(), 6);
    const qint64 build = Test::serverIdByName(*m_console->session(), u"build-05"_s);
    m_console->serversView()->selectServer(build);
    QTRY_VERIFY(serversAction(u"deleteServerAction"_s)->isEnabled());
    serversAction(u"deleteServerAction"_s)->trigger();
    auto *box = Test::waitForTopLevel<QMessageBox>(u"confirmBox"_s);
    QVERIFY(box);
    QCOMPARE(box->windowTitle(), u"Delete Client \"build-05\""_s);
    QVERIFY2(box->text().contains(u"\"build-05\""_s) && box->text().contains(u"0 generations, 0 bytes"_s),
             qPrintable(box->text()));
    QVERIFY(Catalog::ServerStore(m_server->db()).server(m_server->tenant(), build));
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmYes"_s), Qt::LeftButton);
    QTRY_COMPARE(m_console->session()->servers()->rowCount(), 5);
    QVERIFY(!m_console->session()->servers()->serverById(build));
    QCOMPARE(Catalog::ServerStore(m_server->db()).server(m_server->tenant(), build).error().code(), ErrorCode::NotFound);
}

void tst_AdminActions::deleteClientInsideRetentionShowsTheReason()
{
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"admin"_s));
    QTRY_COMPARE(m_console->session()->servers()->rowCount(), 6);
    const qint64 web = Test::serverIdByName(*m_console->session(), u"web-01"_s);
    m_console->serversView()->selectServer(web);
    QTRY_VERIFY(serversAction(u"deleteServerAction"_s)->isEnabled());
    serversAction(u"deleteServerAction"_s)->trigger();
    auto *box = Test::waitForTopLevel<QMessageBox>(u"confirmBox"_s);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"generations"_s), qPrintable(box->text()));
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmYes"_s), Qt::LeftButton);
    auto *error = Test::waitForTopLevel<QMessageBox>(u"errorBox"_s);
    QVERIFY(error);
    QCOMPARE(error->windowTitle(), u"Delete Client \"web-01\""_s);
    error->close();
    QVERIFY(Catalog::ServerStore(m_server->db()).server(m_server->tenant(), web));
    QCOMPARE(m_console->session()->servers()->rowCount(), 6);
}

void tst_AdminActions::markRegionFailedAndRecovered()
{
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"admin"_s));
    m_console->window()->showPage(Widgets::Page::Regions);
    m_console->session()->refreshRegions();
    auto *regions = m_console->session()->regions();
    QTRY_VERIFY(regions->region(u"US1"_s).has_value());
    auto *view = m_console->regionsView();
    view->selectRegion(u"US1"_s);
    QCOMPARE(view->selectedRegion(), u"US1"_s);
    QTRY_VERIFY(regionsAction(u"markRegionFailedAction"_s)->isEnabled());
    QVERIFY(!regionsAction(u"markRegionRecoveredAction"_s)->isEnabled());
    regionsAction(u"markRegionFailedAction"_s)->trigger();
    auto *ask = Test::waitForTopLevel<QInputDialog>(u"regionStateDialog"_s);
    QVERIFY(ask);
    QVERIFY2(ask->labelText().contains(u"US1"_s), qPrintable(ask->labelText()));
    // Cancel changes nothing.
    ask->reject();
    QTest::qWait(100);
    QCOMPARE(Catalog::RegionStore(m_server->db()).region(u"US1"_s)->state, Catalog::RegionState::Ok);

    regionsAction(u"markRegionFailedAction"_s)->trigger();
    ask = Test::waitForTopLevel<QInputDialog>(u"regionStateDialog"_s);
    QVERIFY(ask);
    ask->setTextValue(u"storage array lost power"_s);
    ask->accept();
    QTRY_COMPARE(regions->region(u"US1"_s)->state, u"failed"_s);
    QCOMPARE(Catalog::RegionStore(m_server->db()).region(u"US1"_s)->state, Catalog::RegionState::Failed);
    QCOMPARE(Catalog::RegionStore(m_server->db()).history(u"US1"_s)->last().reason, u"storage array lost power"_s);
    // The table shows it.
    int row = 0;
    while (row < regions->rowCount() && regions->index(row, 0).data(Models::RegionsModel::NameRole).toString() != u"US1"_s)
        ++row;
    QCOMPARE(regions->index(row, Models::RegionsModel::State).data().toString(), u"Failed"_s);
    QTRY_VERIFY(regionsAction(u"markRegionRecoveredAction"_s)->isEnabled());
    QVERIFY(!regionsAction(u"markRegionFailedAction"_s)->isEnabled());

    regionsAction(u"markRegionRecoveredAction"_s)->trigger();
    ask = Test::waitForTopLevel<QInputDialog>(u"regionStateDialog"_s);
    QVERIFY(ask);
    ask->accept();
    QTRY_COMPARE(regions->region(u"US1"_s)->state, u"ok"_s);
    QCOMPARE(Catalog::RegionStore(m_server->db()).region(u"US1"_s)->state, Catalog::RegionState::Ok);
}

// The demo fleet's web-01 (JP1, double storage) has a generation of about an hour ago whose copy
// in JP2 is still on its way; the page follows the server's clock, shows a failed older copy
// past the 24-hour target, and "Up to date" once the copies have arrived.
void tst_AdminActions::regionsShowTheReplicationLag()
{
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"viewer"_s));
    m_console->window()->showPage(Widgets::Page::Regions);
    auto *view = m_console->regionsView();
    QTableView *table = view->table();
    QVERIFY(!table->isColumnHidden(Models::RegionsModel::ReplicationLag));
    QCOMPARE(table->model()->headerData(Models::RegionsModel::ReplicationLag, Qt::Horizontal).toString(),
             u"Replication Lag"_s);
    auto cell = [table](const QString &region) {
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QModelIndex index = table->model()->index(row, Models::RegionsModel::ReplicationLag);
            if (index.data(Models::RegionsModel::NameRole).toString() == region)
                return index;
        }
        return QModelIndex();
    };
    QTRY_VERIFY(cell(u"JP2"_s).isValid());

    const qint64 web = Test::serverIdByName(*m_console->session(), u"web-01"_s);
    auto generations = Catalog::GenerationStore(m_server->db()).listForServer(m_server->tenant(), web);
    QVERIFY_RESULT(generations);
    const Catalog::GenerationRecord newest = generations->first();
    const qint64 lagMs = m_server->clock.nowMs() - *newest.endMs;
    QCOMPARE(cell(u"JP2"_s).data(Models::RegionsModel::ReplicationLagRole).toLongLong(), lagMs);
    QCOMPARE(cell(u"JP2"_s).data().toString(), Models::durationText(lagMs / 1000) + u" (1 generation waiting)"_s);
    QVERIFY(cell(u"JP2"_s).data(Qt::DecorationRole).isNull());
    const QString tip = cell(u"JP2"_s).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"from JP1 into JP2: 1 generation waiting"_s) && tip.contains(u"within 24 hours"_s),
             qPrintable(tip));
    QCOMPARE(cell(u"JP1"_s).data().toString(), u"Up to date"_s); // app-02 in JP2 stores locally
    QCOMPARE(cell(u"US1"_s).data().toString(), QString());
    QCOMPARE(cell(u"US1"_s).data(Qt::ToolTipRole).toString(), u"No region keeps its double-storage copies in US1."_s);

    // The page follows the server's clock.
    m_server->clock.advanceMs(2 * 3600 * 1000LL);
    regionsAction(u"refreshRegionsAction"_s)->trigger();
    QTRY_COMPARE(cell(u"JP2"_s).data(Models::RegionsModel::ReplicationLagRole).toLongLong(), lagMs + 2 * 3600 * 1000LL);
    QVERIFY(!cell(u"JP2"_s).data(Models::RegionsModel::ReplicationOverdueRole).toBool());

    // The copy of the day before failed: it waits again, past the target, and a warning icon
    // and the tool tip say so.
    const Catalog::GenerationRecord dayBefore = generations->at(1);
    QVERIFY_RESULT(Catalog::GenerationStore(m_server->db())
                       .setCopy(m_server->tenant(), dayBefore.id, { u"JP2"_s, Catalog::CopyState::Failed, std::nullopt }));
    regionsAction(u"refreshRegionsAction"_s)->trigger();
    QTRY_COMPARE(cell(u"JP2"_s).data(Models::RegionsModel::ReplicationLagRole).toLongLong(),
                 m_server->clock.nowMs() - *dayBefore.endMs);
    QVERIFY(cell(u"JP2"_s).data().toString().endsWith(u" (2 generations waiting)"_s));
    QVERIFY(cell(u"JP2"_s).data(Models::RegionsModel::ReplicationOverdueRole).toBool());
    QVERIFY(!cell(u"JP2"_s).data(Qt::DecorationRole).isNull());
    QVERIFY(cell(u"JP2"_s).data(Qt::ToolTipRole).toString().contains(u"past the target of 24 hours"_s));

    // Both copies arrive.
    for (qint64 id : { newest.id, dayBefore.id })
        QVERIFY_RESULT(Catalog::GenerationStore(m_server->db())
                           .setCopy(m_server->tenant(), id, { u"JP2"_s, Catalog::CopyState::Complete, m_server->clock.nowMs() }));
    regionsAction(u"refreshRegionsAction"_s)->trigger();
    QTRY_COMPARE(cell(u"JP2"_s).data().toString(), u"Up to date"_s);
    QVERIFY(cell(u"JP2"_s).data(Qt::DecorationRole).isNull());
}

void tst_AdminActions::apiKeyCreatedWithItsSecretShownOnceThenRevoked()
{
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"admin"_s));
    m_console->window()->showPage(Widgets::Page::Settings);
    Widgets::ApiKeysPanel *panel = m_console->settingsView()->apiKeysPanel();
    QTRY_VERIFY(panel->table()->isVisible());
    auto *create = panel->findChild<QPushButton *>(u"createApiKey"_s);
    QTest::mouseClick(create, Qt::LeftButton);
    auto *ask = Test::waitForTopLevel<QDialog>(u"apiKeyCreateDialog"_s);
    QVERIFY(ask);
    auto *ok = ask->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled()); // a name is needed
    ask->findChild<QLineEdit *>(u"apiKeyName"_s)->setText(u"nightly ci"_s);
    auto *role = ask->findChild<QComboBox *>(u"apiKeyRole"_s);
    role->setCurrentIndex(role->findData(u"operator"_s));
    QTest::mouseClick(ok, Qt::LeftButton);

    auto *secretDialog = Test::waitForTopLevel<QDialog>(u"apiKeySecretDialog"_s);
    QVERIFY(secretDialog);
    const QString secret = secretDialog->findChild<QLineEdit *>(u"apiKeySecret"_s)->text();
    QVERIFY(secret.startsWith(QString::number(m_server->tenant()) + u'.'));
    QTest::mouseClick(secretDialog->findChild<QPushButton *>(u"copyApiKey"_s), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), secret);
    secretDialog->close();

    QTRY_COMPARE(panel->table()->rowCount(), 1);
    QCOMPARE(panel->table()->item(0, 0)->text(), u"nightly ci"_s);
    QCOMPARE(panel->table()->item(0, 1)->text(), u"Operator"_s);
    QCOMPARE(panel->table()->item(0, 5)->text(), u"Active"_s);
    // The key works with its role: an operator.
    auto user = Catalog::UserStore(m_server->db()).authenticateApiKey(m_server->tenant(), secret, m_server->clock.nowMs());
    QVERIFY_RESULT(user);
    QCOMPARE(user->role, Catalog::Role::Operator);

    panel->table()->selectRow(0);
    auto *revoke = panel->findChild<QPushButton *>(u"revokeApiKey"_s);
    QVERIFY(revoke->isEnabled());
    QTest::mouseClick(revoke, Qt::LeftButton);
    auto *box = Test::waitForTopLevel<QMessageBox>(u"confirmBox"_s);
    QVERIFY(box);
    QVERIFY(box->text().contains(u"nightly ci"_s));
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmYes"_s), Qt::LeftButton);
    QTRY_COMPARE(panel->table()->item(0, 5)->text(), u"Revoked"_s);
    QCOMPARE(Catalog::UserStore(m_server->db()).authenticateApiKey(m_server->tenant(), secret, m_server->clock.nowMs()).error().code(),
             ErrorCode::Unauthorized);
    panel->table()->selectRow(0);
    QVERIFY(!revoke->isEnabled());
}

void tst_AdminActions::nonAdminsCannotAdminister()
{
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"operator"_s));
    QTRY_COMPARE(m_console->session()->servers()->rowCount(), 6);
    m_console->serversView()->selectServer(Test::serverIdByName(*m_console->session(), u"build-05"_s));
    QVERIFY(!serversAction(u"enrollAction"_s)->isEnabled());
    QVERIFY(!serversAction(u"deleteServerAction"_s)->isEnabled());
    m_console->session()->refreshRegions();
    QTRY_VERIFY(m_console->session()->regions()->region(u"US1"_s).has_value());
    m_console->regionsView()->selectRegion(u"US1"_s);
    QVERIFY(!regionsAction(u"markRegionFailedAction"_s)->isEnabled());
    m_console->regionsView()->selectRegion(u"JP4"_s); // failed in the demo fleet
    QVERIFY(!regionsAction(u"markRegionRecoveredAction"_s)->isEnabled());
    m_console->window()->showPage(Widgets::Page::Settings);
    Widgets::ApiKeysPanel *panel = m_console->settingsView()->apiKeysPanel();
    QVERIFY(!panel->table()->isVisible());
    QVERIFY(panel->findChild<QLabel *>(u"apiKeysNote"_s)->isVisible());
    QVERIFY(!panel->findChild<QPushButton *>(u"createApiKey"_s)->isVisible());
}

QTEST_MAIN(tst_AdminActions)
#include "tst_adminactions.moc"
