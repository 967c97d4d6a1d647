// The Restore page against real servers: with the console's embedded server and its
// in-process agent, a folder of the local machine is backed up, two files are dragged from the
// generation's tree onto the restore list, a third in a folder never opened is found by the
// server's search of the whole generation and checked, and the three are restored into another
// folder, then compared byte for byte (and a file not chosen stays away); with the demo server,
// targets the policy refuses are listed disabled with their reasons.
#include "guisupport.h"

#include <plandialog.h>

#include <generationsmodel.h>
#include <jobsmodel.h>
#include <mainwindow.h>
#include <restoresearchmodel.h>
#include <restoresearchpanel.h>
#include <restoreselectionmodel.h>
#include <restoretargetsmodel.h>
#include <restoretreemodel.h>
#include <restoreview.h>
#include <serversmodel.h>
#include <serversview.h>

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialog>
#include <QDropEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Api::Client;

namespace {
void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(data), data.size());
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray pseudoRandom(qsizetype size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    quint32 x = seed * 2654435761u + 1;
    for (qsizetype i = 0; i < size; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out[i] = char(x);
    }
    return out;
}

// The job's final state, asking the server until it has finished (at most `ms`).
std::optional<JobInfo> waitForJob(ApiClient *client, qint64 jobId, int ms)
{
    std::optional<JobInfo> last;
    bool inFlight = false;
    (void)QTest::qWaitFor([&] {
        if (last && last->isFinished())
            return true;
        if (!inFlight) {
            inFlight = true;
            client->job(jobId, client, [&](ApiResult<JobInfo> result) {
                inFlight = false;
                if (result)
                    last = *result;
            });
        }
        return false;
    }, ms);
    (void)QTest::qWaitFor([&] { return !inFlight; }, 5000);
    return last;
}

// Drags `mime` onto `target` the way a drop arrives from the tree: enter, move, drop.
bool dropOnto(QWidget *target, const QMimeData *mime)
{
    const QPoint at = target->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &move);
    if (!move.isAccepted())
        return false;
    QDropEvent drop(QPointF(at), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

bool dropOnto(QAbstractItemView *view, const QMimeData *mime)
{
    return dropOnto(view->viewport(), mime);
}
} // namespace

class tst_RestoreView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void restoreFilesChosenByDragAndSearchIntoAnotherFolder();
    void refusedTargetsAreShownDisabledWithTheirReason();
    void systemGenerationIsWrittenToADevice();

private:
    Widgets::LanguageManager *m_languages = nullptr;
    QTemporaryDir m_dir;
};

void tst_RestoreView::initTestCase()
{
    m_languages = Test::startInEnglish(this);
    QVERIFY(m_languages);
    QVERIFY(m_dir.isValid());
}

void tst_RestoreView::restoreFilesChosenByDragAndSearchIntoAnotherFolder()
{
    const QString source = m_dir.filePath(u"source"_s);
    writeFile(source + u"/alpha.txt"_s, "alpha, to be restored\n");
    writeFile(source + u"/data/beta.bin"_s, pseudoRandom(300 * 1024, 7));
    writeFile(source + u"/gamma.txt"_s, "gamma stays in the backup\n");
    writeFile(source + u"/deep/nested/Found-Me.txt"_s, "found by the search, never opened in the tree\n");

    Widgets::Console console(m_languages);
    Widgets::ConsoleOptions options;
    options.embedded = true;
    options.dataFolder = m_dir.filePath(u"server"_s);
    console.session()->setServersInterval(200);
    console.start(options);
    QTRY_COMPARE_WITH_TIMEOUT(console.session()->state(), Models::Session::State::Connected, 30000);
    auto *servers = console.session()->servers();
    QTRY_COMPARE_WITH_TIMEOUT(servers->rowCount(), 1, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(servers->serverAt(0).online, 30000);
    const qint64 local = servers->serverAt(0).id;
    ApiClient *client = console.session()->client();

    // Protect the local machine from the Servers page: the plan dialog's "Add Folder..." browses
    // the machine through its agent and adds the chosen folder to the include paths.
    Widgets::MainWindow *window = console.window();
    auto *serversView = console.serversView();
    console.session()->refreshRegions();
    serversView->selectServer(local);
    auto *protectAction = serversView->findChild<QAction *>(u"protectAction"_s);
    QTRY_VERIFY(protectAction && protectAction->isEnabled());
    protectAction->trigger();
    QPointer<Widgets::PlanDialog> planDialog = Test::waitForTopLevel<Widgets::PlanDialog>(u"planDialog"_s);
    QVERIFY(planDialog);
    auto *addFolder = planDialog->findChild<QPushButton *>(u"addIncludeFolder"_s);
    QVERIFY(addFolder && addFolder->isEnabled());
    addFolder->click();
    auto *includePicker = Test::waitForTopLevel<QDialog>(u"restoreFolderDialog"_s);
    QVERIFY(includePicker);
    auto *includeFolders = includePicker->findChild<QTreeView *>(u"folderTree"_s)->model();
    QTRY_VERIFY_WITH_TIMEOUT(includeFolders->rowCount() > 0
                                 && !includeFolders->index(0, 0).data(Models::RestoreTreeModel::LoadingRole).toBool(), 10000);
    includePicker->findChild<QLineEdit *>(u"folderPath"_s)->setText(source);
    includePicker->accept();
    QCOMPARE(planDialog->plan().includePaths, QStringList { source });
    auto *planOk = planDialog->findChild<QPushButton *>(u"planOk"_s);
    QVERIFY2(planOk->isEnabled(), qPrintable(planDialog->validationProblem()));
    QTest::mouseClick(planOk, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(servers->serverAt(0).isProtected, 10000);
    QTRY_VERIFY(!planDialog);

    // Back Up Now, and the Jobs page's model follows the job live up to 100 %.
    auto *backUpAction = serversView->findChild<QAction *>(u"backUpAction"_s);
    QTRY_VERIFY(backUpAction->isEnabled());
    backUpAction->trigger();
    auto *jobs = console.session()->jobs();
    qint64 backupJob = 0;
    QTRY_VERIFY_WITH_TIMEOUT((backupJob = jobs->rowCount() > 0 ? jobs->idAt(0) : 0) != 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(jobs->jobById(backupJob) && jobs->jobById(backupJob)->state == JobState::Succeeded,
                             60000);
    const auto finished = *jobs->jobById(backupJob);
    QVERIFY(finished.progress.fraction());
    QCOMPARE(*finished.progress.fraction(), 1.0);
    QVERIFY(finished.progress.sourceBytes >= 300 * 1024);
    console.session()->refreshServers();

    // The Servers page's "Restore..." opens the page with the server chosen.
    serversView->selectServer(local);
    auto *restoreAction = serversView->findChild<QAction *>(u"restoreAction"_s);
    QVERIFY(restoreAction && restoreAction->isEnabled());
    restoreAction->trigger();
    QCOMPARE(window->currentPage(), Widgets::Page::Restore);
    auto *view = console.restoreView();
    QCOMPARE(view->serverId(), local);
    // The newest complete generation is chosen, its tree starts loading, its targets arrive.
    QTRY_VERIFY_WITH_TIMEOUT(view->generationId() != 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(view->targets()->rowCount() == 1, 10000);
    QCOMPARE(view->targetServerId(), local);

    // Open the folders down to the source, as a user clicking the arrows.
    Models::RestoreTreeModel *tree = view->treeModel();
    QTreeView *treeView = view->tree();
    auto *proxy = qobject_cast<QAbstractProxyModel *>(treeView->model());
    QVERIFY(proxy);
    QString folder;
    for (const QString &part : source.split(u'/', Qt::SkipEmptyParts)) {
        folder += u'/' + part;
        QTRY_VERIFY2_WITH_TIMEOUT(tree->indexOf(folder).isValid(), qPrintable(folder), 10000);
        treeView->expand(proxy->mapFromSource(tree->indexOf(folder)));
    }
    QTRY_VERIFY_WITH_TIMEOUT(tree->indexOf(source + u"/alpha.txt"_s).isValid(), 10000);
    QVERIFY(!tree->isLoading() || tree->indexOf(source + u"/data"_s).isValid());
    treeView->expand(proxy->mapFromSource(tree->indexOf(source + u"/data"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(tree->indexOf(source + u"/data/beta.bin"_s).isValid(), 10000);

    // Select the two files (extended selection) and drag them onto the restore list.
    const QModelIndex alpha = proxy->mapFromSource(tree->indexOf(source + u"/alpha.txt"_s));
    const QModelIndex beta = proxy->mapFromSource(tree->indexOf(source + u"/data/beta.bin"_s));
    treeView->selectionModel()->select(alpha, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    treeView->selectionModel()->select(beta, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(treeView->selectionModel()->selectedRows().size(), 2);
    std::unique_ptr<QMimeData> mime(proxy->mimeData(treeView->selectionModel()->selectedIndexes()));
    QVERIFY(mime);
    QVERIFY(dropOnto(view->restoreList(), mime.get()));
    QCOMPARE(view->selection()->paths(), (QStringList { source + u"/alpha.txt"_s, source + u"/data/beta.bin"_s }));
    // The tree's boxes follow the list.
    QCOMPARE(Qt::CheckState(tree->indexOf(source + u"/alpha.txt"_s).data(Qt::CheckStateRole).toInt()), Qt::Checked);
    QCOMPARE(Qt::CheckState(tree->indexOf(source + u"/data"_s).data(Qt::CheckStateRole).toInt()), Qt::Checked);
    QCOMPARE(Qt::CheckState(tree->indexOf(source).data(Qt::CheckStateRole).toInt()), Qt::PartiallyChecked);

    // Dropped on the target folder field instead, entries are chosen too (not typed as text).
    const QModelIndex gamma = proxy->mapFromSource(tree->indexOf(source + u"/gamma.txt"_s));
    std::unique_ptr<QMimeData> third(proxy->mimeData({ gamma }));
    auto *folderField = view->findChild<QLineEdit *>(u"restoreFolder"_s);
    QVERIFY(dropOnto(folderField, third.get()));
    QCOMPARE(view->selection()->rowCount(), 3);
    QVERIFY(folderField->text().isEmpty());
    view->restoreList()->selectRow(2);
    QTest::keyClick(view->restoreList(), Qt::Key_Delete);
    QCOMPARE(view->selection()->paths(), (QStringList { source + u"/alpha.txt"_s, source + u"/data/beta.bin"_s }));
    QCOMPARE(Qt::CheckState(tree->indexOf(source + u"/gamma.txt"_s).data(Qt::CheckStateRole).toInt()), Qt::Unchecked);

    // The search covers the whole generation on the server: a file in a folder never opened
    // here is found, checked in the results and so put on the restore list.
    QVERIFY(tree->indexOf(source + u"/deep"_s).isValid());
    QVERIFY(!tree->isLoaded(tree->indexOf(source + u"/deep"_s)));
    Models::RestoreSearchModel *found = view->searchModel();
    QSignalSpy searchStates(found, &Models::RestoreSearchModel::stateChanged);
    QTest::keyClicks(view->searchField(), u"FOUND-me"_s);
    QVERIFY(view->searchPanel()->isVisible());
    QVERIFY(!treeView->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(found->state(), Models::RestoreSearchModel::State::Done, 10000);
    // One search after the pause in typing, not one per key.
    QCOMPARE(searchStates.count(), 2);
    QCOMPARE(searchStates.first().first().value<Models::RestoreSearchModel::State>(),
             Models::RestoreSearchModel::State::Searching);
    QCOMPARE(found->text(), u"FOUND-me"_s);
    QCOMPARE(found->rowCount(), 1);
    const QString foundPath = source + u"/deep/nested/Found-Me.txt"_s;
    QTableView *results = view->searchPanel()->table();
    const QModelIndex result = results->model()->index(0, Models::RestoreSearchModel::Path);
    QCOMPARE(result.data().toString(), foundPath);
    QVERIFY(view->searchPanel()->statusText().contains(u"1 entry"_s));
    QVERIFY(!tree->isLoaded(tree->indexOf(source + u"/deep"_s))); // the tree still has not opened it
    QVERIFY(results->model()->setData(result, int(Qt::Checked), Qt::CheckStateRole));
    QCOMPARE(view->selection()->paths(),
             (QStringList { source + u"/alpha.txt"_s, source + u"/data/beta.bin"_s, foundPath }));
    QCOMPARE(Qt::CheckState(result.data(Qt::CheckStateRole).toInt()), Qt::Checked);

    // A result dragged onto the restore list is chosen too; its box follows, and unchecking it
    // takes it off again.
    view->searchField()->setText(u"gamma"_s);
    QTRY_COMPARE_WITH_TIMEOUT(found->text(), u"gamma"_s, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(found->state(), Models::RestoreSearchModel::State::Done, 10000);
    QCOMPARE(found->rowCount(), 1);
    std::unique_ptr<QMimeData> dragged(results->model()->mimeData({ results->model()->index(0, 0) }));
    QVERIFY(dropOnto(view->restoreList(), dragged.get()));
    QCOMPARE(view->selection()->rowCount(), 4);
    const QModelIndex gammaResult = results->model()->index(0, Models::RestoreSearchModel::Path);
    QCOMPARE(Qt::CheckState(gammaResult.data(Qt::CheckStateRole).toInt()), Qt::Checked);
    QVERIFY(results->model()->setData(gammaResult, int(Qt::Unchecked), Qt::CheckStateRole));
    QCOMPARE(view->selection()->paths(),
             (QStringList { source + u"/alpha.txt"_s, source + u"/data/beta.bin"_s, foundPath }));
    // Cleared, the search gives the tree back.
    view->searchField()->clear();
    QVERIFY(treeView->isVisible());
    QCOMPARE(found->state(), Models::RestoreSearchModel::State::Idle);

    // Another folder as the target; the summary names what, from where, to where.
    const QString target = m_dir.filePath(u"restored"_s);
    QVERIFY(QDir().mkpath(target));
    // Browse... lists the target's own folders through its agent; the chosen one is the place.
    view->findChild<QPushButton *>(u"restoreBrowse"_s)->click();
    auto *picker = Test::waitForTopLevel<QDialog>(u"restoreFolderDialog"_s);
    QVERIFY(picker);
    auto *folders = picker->findChild<QTreeView *>(u"folderTree"_s)->model();
    QTRY_VERIFY_WITH_TIMEOUT(folders->rowCount() > 0
                                 && !folders->index(0, 0).data(Models::RestoreTreeModel::LoadingRole).toBool(), 10000);
    QStringList topFolders;
    for (int row = 0; row < folders->rowCount(); ++row)
        topFolders << folders->index(row, 0).data().toString();
    QVERIFY2(topFolders.contains(target.section(u'/', 1, 1)), qPrintable(topFolders.join(u", "_s)));
    picker->findChild<QLineEdit *>(u"folderPath"_s)->setText(target);
    picker->accept();
    QCOMPARE(view->findChild<QLineEdit *>(u"restoreFolder"_s)->text(), target);
    QVERIFY(view->findChild<QRadioButton *>(u"restoreOtherFolder"_s)->isChecked());
    view->setTargetFolder(target);
    view->setOverwrite(Widgets::RestoreView::Overwrite::Skip);
    auto *start = view->findChild<QPushButton *>(u"restoreStart"_s);
    QVERIFY2(start->isEnabled(), qPrintable(view->findChild<QLabel *>(u"restoreBlocker"_s)->text()));
    QTest::mouseClick(start, Qt::LeftButton);
    auto *summary = Test::waitForTopLevel<QMessageBox>(u"restoreSummary"_s);
    QVERIFY(summary);
    QVERIFY(summary->text().contains(u"alpha.txt"_s));
    QVERIFY(summary->text().contains(target));
    QVERIFY(summary->text().contains(u"Skip"_s));
    QTest::mouseClick(summary->findChild<QPushButton *>(u"restoreSummaryStart"_s), Qt::LeftButton);

    auto *status = view->findChild<QLabel *>(u"restoreStatus"_s);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"Restore started as job"_s), 10000);
    const qint64 restoreJob = status->text().section(u"job "_s, 1).section(u'.', 0, 0).toLongLong();
    QVERIFY(restoreJob > 0);
    const auto restore = waitForJob(client, restoreJob, 60000);
    QVERIFY(restore);
    QVERIFY2(restore->state == JobState::Succeeded, qPrintable(restore->reason));
    QCOMPARE(restore->targetServerId, local);
    QCOMPARE(restore->targetPath, target);
    // The finished restore shows its final totals: the three files chosen, all of them done.
    QCOMPARE(restore->progress.files, 3);
    QCOMPARE(restore->progress.fraction().value_or(0.0), 1.0);
    QVERIFY(restore->progress.sourceBytes >= 300 * 1024);

    // Byte for byte, each under its original path below the target; the rest is not there.
    QCOMPARE(fileBytes(target + source + u"/alpha.txt"_s), fileBytes(source + u"/alpha.txt"_s));
    const QByteArray restoredBeta = fileBytes(target + source + u"/data/beta.bin"_s);
    QCOMPARE(restoredBeta.size(), 300 * 1024);
    QCOMPARE(QCryptographicHash::hash(restoredBeta, QCryptographicHash::Sha256),
             QCryptographicHash::hash(fileBytes(source + u"/data/beta.bin"_s), QCryptographicHash::Sha256));
    QCOMPARE(fileBytes(target + foundPath), fileBytes(foundPath));
    QVERIFY(!QFile::exists(target + source + u"/gamma.txt"_s));

    // "Show it in Jobs" opens the Jobs page.
    emit status->linkActivated(u"jobs"_s);
    QCOMPARE(window->currentPage(), Widgets::Page::Jobs);
}

void tst_RestoreView::refusedTargetsAreShownDisabledWithTheirReason()
{
    Test::DemoServer server;
    QVERIFY(server.ok());
    const auto plan = Test::demoPlan(Policy::Timing::Daily, Policy::Storage::Local, 30);
    const qint64 web = server.addServer(u"web-01"_s, u"JP1"_s, plan);
    const qint64 twin = server.addServer(u"web-02"_s, u"JP1"_s, plan);
    const qint64 osaka = server.addServer(u"osaka-01"_s, u"JP4"_s, plan);
    const qint64 large = server.addServer(u"big-01"_s, u"JP1"_s, plan, u"debian"_s, u"12"_s, u"m1.xlarge"_s);
    QVERIFY(web && twin && osaka && large);
    QVERIFY(server.addFinishedBackup(web, 1.0, Policy::JobState::Succeeded, 5LL << 30));

    ApiClient client;
    Models::Session session(&client);
    QVERIFY(Test::logIn(session, server, u"operator"_s));
    QTRY_COMPARE(session.servers()->rowCount(), 4);
    Widgets::RestoreView view(&session);
    view.resize(1100, 700);
    view.show();
    QVERIFY(!view.findChild<QLineEdit *>(u"restoreDevice"_s)->isVisibleTo(&view)); // files until told otherwise
    view.selectServer(web);
    QTRY_VERIFY(view.generationId() != 0);
    QTRY_COMPARE(view.targets()->rowCount(), 4);

    QComboBox *combo = view.targetCombo();
    QCOMPARE(combo->count(), 4);
    QCOMPARE(view.targetServerId(), web); // the original server, allowed, comes first
    auto rowOf = [&](qint64 id) { return view.targets()->rowOf(id); };
    const QModelIndex osakaIndex = combo->model()->index(rowOf(osaka), 0);
    const QModelIndex largeIndex = combo->model()->index(rowOf(large), 0);
    const QModelIndex twinIndex = combo->model()->index(rowOf(twin), 0);
    QVERIFY(!(combo->model()->flags(osakaIndex) & Qt::ItemIsEnabled));
    QVERIFY(!(combo->model()->flags(largeIndex) & Qt::ItemIsEnabled));
    QVERIFY(combo->model()->flags(twinIndex) & Qt::ItemIsEnabled);
    QCOMPARE(combo->itemText(rowOf(osaka)), u"osaka-01 - not possible: it is in another region"_s);
    QVERIFY(combo->itemData(rowOf(large), Qt::ToolTipRole).toString().contains(u"it has another flavor"_s));
    QVERIFY(view.findChild<QLabel *>(u"restoreTargetNote"_s)->text().contains(u"2 servers cannot receive it"_s));
    // A refused server cannot be chosen; an allowed one can.
    QVERIFY(!view.selectTarget(osaka));
    QCOMPARE(view.targetServerId(), web);
    QVERIFY(view.selectTarget(twin));
    QCOMPARE(view.targetServerId(), twin);
    // Nothing is chosen yet, so the restore cannot start, and the page says why.
    QVERIFY(!view.findChild<QPushButton *>(u"restoreStart"_s)->isEnabled());
    QVERIFY(view.findChild<QLabel *>(u"restoreBlocker"_s)->text().contains(u"drag them onto the restore list"_s));

    // This server runs no agents: its 503 is shown plainly, on the page and in an error box.
    view.selection()->addItems({ { u"/srv/www/index.html"_s, u"file"_s, 100 } });
    auto *start = view.findChild<QPushButton *>(u"restoreStart"_s);
    QVERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    auto *summary = Test::waitForTopLevel<QMessageBox>(u"restoreSummary"_s);
    QVERIFY(summary);
    QVERIFY(summary->text().contains(u"web-02"_s));
    QVERIFY(summary->text().contains(u"original location"_s));
    QTest::mouseClick(summary->findChild<QPushButton *>(u"restoreSummaryStart"_s), Qt::LeftButton);
    auto *error = Test::waitForTopLevel<QMessageBox>(u"errorBox"_s);
    QVERIFY(error);
    QVERIFY2(error->text().contains(u"The restore cannot start now"_s), qPrintable(error->text()));
    QVERIFY(error->text().contains(u"no agent sessions"_s));
    QVERIFY(view.findChild<QLabel *>(u"restoreStatus"_s)->text().contains(u"cannot start now"_s));
    error->close();
}

void tst_RestoreView::systemGenerationIsWrittenToADevice()
{
    Test::DemoServer server;
    QVERIFY(server.ok());
    const auto plan = Test::demoPlan(Policy::Timing::Weekly, Policy::Storage::Local, 365, Policy::Content::System);
    const qint64 db = server.addServer(u"db-01"_s, u"JP1"_s, plan);
    const qint64 spare = server.addServer(u"db-spare"_s, u"JP1"_s, plan);
    QVERIFY(db && spare);
    QVERIFY(server.addFinishedBackup(db, 2.0, Policy::JobState::Succeeded, 80LL << 30));

    ApiClient client;
    Models::Session session(&client);
    QVERIFY(Test::logIn(session, server, u"operator"_s));
    QTRY_COMPARE(session.servers()->rowCount(), 2);
    Widgets::RestoreView view(&session);
    view.resize(1100, 700);
    view.show();
    view.selectServer(db);
    QTRY_VERIFY(view.generationId() != 0);
    QTRY_COMPARE(view.targets()->rowCount(), 2);
    // A system image is restored whole: no tree, no place; a device instead, with the warning.
    QVERIFY(view.isSystemRestore());
    QCOMPARE(view.treeModel()->rowCount(), 0);
    auto *device = view.findChild<QLineEdit *>(u"restoreDevice"_s);
    QVERIFY(device->isVisibleTo(&view));
    QVERIFY(!view.findChild<QRadioButton *>(u"restoreOriginal"_s)->isVisibleTo(&view));
    QVERIFY(view.findChild<QLabel *>(u"restoreSystemNote"_s)->text().contains(u"Network settings are not restored"_s));
    auto *start = view.findChild<QPushButton *>(u"restoreStart"_s);
    QVERIFY(!start->isEnabled());
    QVERIFY(view.findChild<QLabel *>(u"restoreBlocker"_s)->text().contains(u"device"_s));
    QVERIFY(view.selectTarget(spare));
    view.setTargetDevice(u"/dev/vdb"_s);
    QVERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    auto *summary = Test::waitForTopLevel<QMessageBox>(u"restoreSummary"_s);
    QVERIFY(summary);
    QVERIFY(summary->text().contains(u"/dev/vdb"_s));
    QVERIFY(summary->text().contains(u"db-spare"_s));
    QVERIFY(summary->text().contains(u"Network settings are not restored"_s));
    const QPointer<QMessageBox> box(summary);
    summary->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!box); // closed and deleted; nothing started
    QVERIFY(view.findChild<QLabel *>(u"restoreStatus"_s)->text().isEmpty());
}

QTEST_MAIN(tst_RestoreView)
#include "tst_restoreview.moc"
