// The Reports page against a real server: filters, and CSV export exactly as filtered, made of
// the server's own CSV records.
#include "guisupport.h"
#include <mainwindow.h>
#include <QTableView>
#include <QPlainTextEdit>
#include <QLabel>

#include <reportmodel.h>
#include <reportsview.h>
#include <serversmodel.h>

#include <api/client/apiclient.h>

#include <QComboBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Kura;

class tst_ReportsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void filtersNarrowTheRows();
    void exportWritesTheFilteredRowsOfTheServersCsv();
    void unfilteredExportIsTheServersDocument();
    void doubleClickShowsTheJobWithItsLog();

private:
    QByteArray serverCsv();
    QString exportToFile();

    Widgets::LanguageManager *m_languages = nullptr;
    std::unique_ptr<Test::DemoServer> m_server;
    std::unique_ptr<Widgets::Console> m_console;
    QTemporaryDir m_dir;
};

void tst_ReportsView::initTestCase()
{
    m_languages = Test::startInEnglish(this);
    QVERIFY(m_languages);
}

void tst_ReportsView::init()
{
    QVERIFY(Test::startDemoConsole(m_server, m_console, m_languages));
    QVERIFY(Test::logIn(*m_console->session(), *m_server, u"viewer"_s));
    QTRY_COMPARE(m_console->session()->servers()->rowCount(), 6);
    QTRY_VERIFY(m_console->session()->report()->rowCount() > 20);
}

void tst_ReportsView::cleanup()
{
    m_console.reset();
    m_server.reset();
}

// Activating a row (double-click, Enter) opens the job in full: its report columns and its log
// from GET /jobs/{id}.
void tst_ReportsView::doubleClickShowsTheJobWithItsLog()
{
    m_console->window()->showPage(Widgets::Page::Reports);
    auto *table = m_console->reportsView()->findChild<QTableView *>(u"reportTable"_s);
    QVERIFY(table);
    // A failed job, so that its reason shows as well.
    const QAbstractItemModel *model = table->model();
    int failed = -1;
    for (int row = 0; row < model->rowCount() && failed < 0; ++row)
        if (model->index(row, Models::ReportModel::Result).data(Models::ReportModel::ResultRole).toInt()
            == int(Api::Client::JobState::Failed))
            failed = row;
    QVERIFY(failed >= 0);
    const QModelIndex index = model->index(failed, Models::ReportModel::Server);
    const QString server = index.data().toString();
    const QString reason = model->index(failed, Models::ReportModel::Reason).data().toString();
    QVERIFY(!reason.isEmpty());
    emit table->activated(index);
    auto *dialog = Test::waitForTopLevel<QDialog>(u"jobDetailsDialog"_s);
    QVERIFY(dialog);
    QCOMPARE(dialog->windowTitle(), u"Job %1"_s.arg(index.data(Models::KeyedTableModel::IdRole).toLongLong()));
    QStringList labels;
    for (QLabel *label : dialog->findChildren<QLabel *>())
        labels << label->text();
    QVERIFY2(labels.contains(server) && labels.contains(reason), qPrintable(labels.join(u" | "_s)));
    auto *log = dialog->findChild<QPlainTextEdit *>(u"jobDetailsLog"_s);
    QTRY_VERIFY(log->toPlainText().contains(u"Backup started by the schedule"_s));
    QVERIFY(log->toPlainText().contains(reason));
    dialog->close();
}

QByteArray tst_ReportsView::serverCsv()
{
    QByteArray csv;
    bool done = false;
    m_console->client()->jobReportCsv(QString::fromUtf8(QTimeZone::systemTimeZoneId()), this,
                                      [&](Api::Client::ApiResult<QByteArray> result) {
                                          csv = result.value_or(QByteArray());
                                          done = true;
                                      });
    (void)QTest::qWaitFor([&] { return done; }, 5000);
    return csv;
}

QString tst_ReportsView::exportToFile()
{
    const QString path = m_dir.filePath(u"report-%1.csv"_s.arg(QDateTime::currentMSecsSinceEpoch()));
    QSignalSpy exported(m_console->reportsView(), &Widgets::ReportsView::exported);
    m_console->reportsView()->exportTo(path);
    if (!exported.wait(5000))
        return {};
    return path;
}

void tst_ReportsView::filtersNarrowTheRows()
{
    auto *view = m_console->reportsView();
    auto *result = view->findChild<QComboBox *>(u"reportResult"_s);
    auto *server = view->findChild<QComboBox *>(u"reportServer"_s);
    const int all = view->filter()->rowCount();
    QCOMPARE(all, m_console->session()->report()->rowCount());
    result->setCurrentIndex(2); // failed or interrupted
    QCOMPARE(view->filter()->rowCount(), 1);
    result->setCurrentIndex(0);
    server->setCurrentIndex(server->findText(u"web-01"_s));
    QCOMPARE(view->filter()->rowCount(), 10);
    for (int row = 0; row < view->filter()->rowCount(); ++row)
        QCOMPARE(view->filter()->index(row, Models::ReportModel::Server).data().toString(), u"web-01"_s);
}

void tst_ReportsView::exportWritesTheFilteredRowsOfTheServersCsv()
{
    auto *view = m_console->reportsView();
    view->findChild<QComboBox *>(u"reportServer"_s)->setCurrentIndex(
        view->findChild<QComboBox *>(u"reportServer"_s)->findText(u"app-02"_s));
    const int rows = view->filter()->rowCount();
    QCOMPARE(rows, 11); // nine daily backups, one stopped, one running
    const QString path = exportToFile();
    QVERIFY(!path.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    const QList<QByteArray> lines = bytes.mid(3).split('\n');
    QCOMPARE(lines.size(), rows + 2); // header, rows, and the empty piece after the last CRLF
    QVERIFY(lines.first().startsWith("server,kind,plan,trigger,start,end"));
    for (int i = 1; i <= rows; ++i) {
        QVERIFY2(lines.at(i).startsWith("app-02,"), lines.at(i).constData());
        QVERIFY(lines.at(i).endsWith('\r'));
    }
    // Every exported record is one of the server's own, byte for byte.
    const QByteArray full = serverCsv();
    for (int i = 1; i <= rows; ++i)
        QVERIFY(full.contains(lines.at(i) + '\n'));
}

void tst_ReportsView::unfilteredExportIsTheServersDocument()
{
    const QString path = exportToFile();
    QVERIFY(!path.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), serverCsv());
}

QTEST_MAIN(tst_ReportsView)
#include "tst_reportsview.moc"
