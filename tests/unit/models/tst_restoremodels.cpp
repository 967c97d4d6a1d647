// The Restore page's models under QAbstractItemModelTester: the lazily loaded generation tree
// (asynchronous listings, loading row, tristate check boxes, drag data), the restore list
// (drops, folders covering their entries, removal, refused drops) and the restore targets
// (refused servers disabled with their reasons), and the search over a whole generation (one
// search at a time, check boxes following the restore list, drag data).
#include "modeltestdata.h"

#include <restoreitems.h>
#include <restoresearchmodel.h>
#include <restoreselectionmodel.h>
#include <restoretargetsmodel.h>
#include <restoretreemodel.h>

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Api::Client;
using Models::RestoreItem;
using Models::RestoreTreeModel;

namespace {
FileEntry entry(const QString &name, const QString &kind, qint64 size = 0)
{
    return { name, kind, size, Test::utc(3, 4) };
}

// A generation's folders, answered one event-loop turn later like the API client does.
struct FakeGeneration
{
    QHash<QString, QList<FileEntry>> folders {
        { u"/"_s, { entry(u"srv"_s, u"directory"_s), entry(u"notes.txt"_s, u"file"_s, 5) } },
        { u"/srv"_s, { entry(u"b.txt"_s, u"file"_s, 20), entry(u"data"_s, u"directory"_s), entry(u"A.txt"_s, u"file"_s, 10) } },
        { u"/srv/data"_s, { entry(u"x.bin"_s, u"file"_s, 100), entry(u"y.bin"_s, u"file"_s, 200) } },
    };
    QStringList asked;

    RestoreTreeModel::Lister lister()
    {
        return [this](const QString &path, QObject *context, Callback<FolderListing> done) {
            asked << path;
            QTimer::singleShot(0, context, [this, path, done] {
                if (!folders.contains(path)) {
                    done(tl::unexpected(ApiError::fromHttp(404, R"({"error":{"code":"not_found","message":"no such folder"}})")));
                    return;
                }
                done(FolderListing { path, folders.value(path), false });
            });
            return ApiCall();
        };
    }
};

bool waitLoaded(RestoreTreeModel &model, const QString &path)
{
    return QTest::qWaitFor([&] {
        const QModelIndex folder = model.indexOf(path);
        return (path == u"/"_s || folder.isValid()) && model.isLoaded(folder);
    }, 2000);
}

QStringList namesUnder(const RestoreTreeModel &model, const QModelIndex &parent)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names << model.index(row, 0, parent).data().toString();
    return names;
}

Qt::CheckState checkOf(const RestoreTreeModel &model, const QString &path)
{
    return Qt::CheckState(model.indexOf(path).data(Qt::CheckStateRole).toInt());
}

QStringList pathsOf(const QList<RestoreItem> &items)
{
    QStringList paths;
    for (const RestoreItem &item : items)
        paths << item.path;
    return paths;
}

RestoreTarget target(qint64 id, const QString &name, bool allowed, const QStringList &issues = {})
{
    return { id, name, true, allowed, issues };
}
SearchMatch match(const QString &path, const QString &kind, qint64 size = 0)
{
    return { { path.section(u'/', -1), kind, size, Test::utc(3, 4) }, path };
}

// Answers searches after `delayMs[text]` (0 when not given), like the API client: the matches
// are the paths of `paths` whose last part contains the text; "broken" fails with 404.
struct FakeSearch
{
    QList<SearchMatch> paths { match(u"/srv/data"_s, u"directory"_s), match(u"/srv/data/x.bin"_s, u"file"_s, 100),
                               match(u"/etc/database.conf"_s, u"file"_s, 7) };
    QHash<QString, int> delayMs;
    QStringList asked;

    Models::RestoreSearchModel::Searcher searcher()
    {
        return [this](const QString &text, QObject *context, Callback<GenerationSearch> done) {
            asked << text;
            QTimer::singleShot(delayMs.value(text), context, [this, text, done] {
                if (text == u"broken"_s) {
                    done(tl::unexpected(ApiError::fromHttp(404, R"({"code":"not_found","message":"no generation 9"})")));
                    return;
                }
                GenerationSearch answer { text, {}, false };
                for (const SearchMatch &m : std::as_const(paths))
                    if (m.name.contains(text, Qt::CaseInsensitive))
                        answer.entries << m;
                done(answer);
            });
            return ApiCall();
        };
    }
};
} // namespace

class tst_RestoreModels : public QObject
{
    Q_OBJECT

private slots:
    void treeLoadsFoldersLazily();
    void treeChecksAreTristate();
    void treeReportsFailedFolders();
    void treeDropsAnswersOfAnOldTree();
    void treeDragDataRoundTrips();
    void selectionAcceptsDropsAndKeepsFewestPaths();
    void selectionRejectsBadDrops();
    void decodeNamesWhatIsWrong_data();
    void decodeNamesWhatIsWrong();
    void targetsDisableRefusedServersWithReasons();
    void searchListsMatchesWithBoxesFollowingTheRestoreList();
    void searchKeepsOnlyTheNewestAnswer();
    void searchFailureSaysWhy();
};

void tst_RestoreModels::treeLoadsFoldersLazily()
{
    // No model tester here: it fetches every folder it sees, and this test shows that nothing
    // is fetched before a view asks.
    FakeGeneration generation;
    RestoreTreeModel model;
    QCOMPARE(model.rowCount(), 0);
    model.setLister(generation.lister());
    QCOMPARE(generation.asked, QStringList { u"/"_s });
    // The top folder is loading: one "Loading..." row that cannot be selected or checked.
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(model.index(0, 0).data(RestoreTreeModel::LoadingRole).toBool());
    QCOMPARE(model.index(0, 0).data().toString(), u"Loading..."_s);
    QVERIFY(!(model.flags(model.index(0, 0)) & Qt::ItemIsSelectable));
    QVERIFY(model.isLoading());
    QVERIFY(waitLoaded(model, u"/"_s));
    QVERIFY(!model.isLoading());
    QCOMPARE(namesUnder(model, {}), (QStringList { u"srv"_s, u"notes.txt"_s }));

    // Folders first, then by name without case; nothing below /srv is asked before it is needed.
    const QModelIndex srv = model.indexOf(u"/srv"_s);
    QVERIFY(srv.isValid());
    QVERIFY(model.hasChildren(srv));
    QVERIFY(model.canFetchMore(srv));
    QCOMPARE(model.rowCount(srv), 0);
    QVERIFY(!model.canFetchMore(model.indexOf(u"/notes.txt"_s)));
    QVERIFY(!model.hasChildren(model.indexOf(u"/notes.txt"_s)));
    QStringList inserted; // what each insertion under /srv brought first
    connect(&model, &QAbstractItemModel::rowsInserted, this, [&](const QModelIndex &parent, int first) {
        if (parent == srv)
            inserted << model.index(first, 0, parent).data().toString();
    });
    model.fetchMore(srv);
    QVERIFY(!model.canFetchMore(srv));
    QVERIFY(model.isLoading());
    QVERIFY(waitLoaded(model, u"/srv"_s));
    QCOMPARE(inserted, (QStringList { u"Loading..."_s, u"data"_s }));
    QCOMPARE(namesUnder(model, srv), (QStringList { u"data"_s, u"A.txt"_s, u"b.txt"_s }));
    QCOMPARE(generation.asked, (QStringList { u"/"_s, u"/srv"_s }));

    const QModelIndex b = model.indexOf(u"/srv/b.txt"_s);
    QCOMPARE(b.data(RestoreTreeModel::PathRole).toString(), u"/srv/b.txt"_s);
    QCOMPARE(b.data(RestoreTreeModel::KindRole).toString(), u"file"_s);
    QCOMPARE(model.index(b.row(), RestoreTreeModel::Size, srv).data(RestoreTreeModel::SizeRole).toLongLong(), 20);
    QCOMPARE(model.index(b.row(), RestoreTreeModel::Type, srv).data().toString(), u"File"_s);
    QVERIFY(!model.index(b.row(), RestoreTreeModel::Modified, srv).data().toString().isEmpty());
    QCOMPARE(model.headerData(RestoreTreeModel::Name, Qt::Horizontal).toString(), u"Name"_s);
    QCOMPARE(model.parent(b), srv);
}

void tst_RestoreModels::treeChecksAreTristate()
{
    FakeGeneration generation;
    RestoreTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLister(generation.lister());
    QVERIFY(waitLoaded(model, u"/"_s));
    model.fetchMore(model.indexOf(u"/srv"_s));
    QVERIFY(waitLoaded(model, u"/srv"_s));
    QSignalSpy changed(&model, &RestoreTreeModel::checksChanged);

    // Checking a folder checks everything loaded under it, and what loads later.
    QVERIFY(model.setData(model.indexOf(u"/srv"_s), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(checkOf(model, u"/srv/A.txt"_s), Qt::Checked);
    model.fetchMore(model.indexOf(u"/srv/data"_s));
    QVERIFY(waitLoaded(model, u"/srv/data"_s));
    QCOMPARE(checkOf(model, u"/srv/data/y.bin"_s), Qt::Checked);
    QCOMPARE(pathsOf(model.checkedItems()), QStringList { u"/srv"_s });

    // Unchecking one file makes its folders partial; the fewest paths cover the rest.
    QVERIFY(model.setData(model.indexOf(u"/srv/data/x.bin"_s), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(checkOf(model, u"/srv/data"_s), Qt::PartiallyChecked);
    QCOMPARE(checkOf(model, u"/srv"_s), Qt::PartiallyChecked);
    QCOMPARE(pathsOf(model.checkedItems()), (QStringList { u"/srv/data/y.bin"_s, u"/srv/A.txt"_s, u"/srv/b.txt"_s }));

    // Checking it again makes the folders whole again.
    QVERIFY(model.setData(model.indexOf(u"/srv/data/x.bin"_s), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(checkOf(model, u"/srv"_s), Qt::Checked);
    QCOMPARE(pathsOf(model.checkedItems()), QStringList { u"/srv"_s });
    // A click on a partial box checks it (no user tristate).
    QVERIFY(!(model.flags(model.indexOf(u"/srv"_s)) & Qt::ItemIsUserTristate));

    // setCheckedPaths mirrors the restore list without reporting a user change.
    changed.clear();
    model.setCheckedPaths({ u"/srv/data/x.bin"_s, u"/notes.txt"_s, u"/not/loaded"_s });
    QCOMPARE(changed.count(), 0);
    QCOMPARE(checkOf(model, u"/srv"_s), Qt::PartiallyChecked);
    QCOMPARE(checkOf(model, u"/srv/A.txt"_s), Qt::Unchecked);
    QCOMPARE(pathsOf(model.checkedItems()), (QStringList { u"/srv/data/x.bin"_s, u"/notes.txt"_s }));
    QCOMPARE(model.checkedItems().last().size, 5);
    QVERIFY(!model.setData(model.indexOf(u"/srv"_s), Qt::Checked, Qt::DisplayRole));
}

void tst_RestoreModels::treeReportsFailedFolders()
{
    FakeGeneration generation;
    generation.folders[u"/"_s].append(entry(u"gone"_s, u"directory"_s));
    RestoreTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLister(generation.lister());
    QVERIFY(waitLoaded(model, u"/"_s));
    QSignalSpy failed(&model, &RestoreTreeModel::loadFailed);
    const QModelIndex gone = model.indexOf(u"/gone"_s);
    model.fetchMore(gone);
    QVERIFY(failed.wait(2000));
    QCOMPARE(failed.first().at(0).toString(), u"/gone"_s);
    QVERIFY(!failed.first().at(1).toString().isEmpty());
    QCOMPARE(model.rowCount(gone), 0);
    QVERIFY(!model.hasChildren(gone));
    QVERIFY(!model.canFetchMore(gone)); // no endless retries by the view
    QVERIFY(gone.data(Qt::ToolTipRole).toString().contains(u"could not be listed"_s));
}

void tst_RestoreModels::treeDropsAnswersOfAnOldTree()
{
    FakeGeneration generation;
    RestoreTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLister(generation.lister());
    model.clear(); // before the answer for "/" arrives
    QTest::qWait(50);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isLoading());
    QVERIFY(!model.canFetchMore({}));
}

void tst_RestoreModels::treeDragDataRoundTrips()
{
    FakeGeneration generation;
    RestoreTreeModel model;
    model.setLister(generation.lister());
    QVERIFY(waitLoaded(model, u"/"_s));
    model.fetchMore(model.indexOf(u"/srv"_s));
    QVERIFY(waitLoaded(model, u"/srv"_s));
    QCOMPARE(model.mimeTypes(), QStringList { QString::fromLatin1(Models::RestoreMimeType) });
    const QModelIndex a = model.indexOf(u"/srv/A.txt"_s);
    const QModelIndex data = model.indexOf(u"/srv/data"_s);
    // Every column of a selected row comes along; each entry is listed once.
    std::unique_ptr<QMimeData> mime(model.mimeData({ a, a.siblingAtColumn(1), data }));
    QVERIFY(mime);
    auto items = Models::decodeRestoreItems(mime->data(QString::fromLatin1(Models::RestoreMimeType)));
    QVERIFY(items);
    QCOMPARE(*items, (QList<RestoreItem> { { u"/srv/A.txt"_s, u"file"_s, 10 }, { u"/srv/data"_s, u"directory"_s, 0 } }));
    QCOMPARE(mime->text(), u"/srv/A.txt\n/srv/data"_s);
    QVERIFY(model.flags(a) & Qt::ItemIsDragEnabled);
}

void tst_RestoreModels::selectionAcceptsDropsAndKeepsFewestPaths()
{
    Models::RestoreSelectionModel list;
    QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&list, &Models::RestoreSelectionModel::itemsChanged);
    QMimeData mime;
    mime.setData(QString::fromLatin1(Models::RestoreMimeType),
                 Models::encodeRestoreItems({ { u"/srv/a.txt"_s, u"file"_s, 10 }, { u"/srv/data/x.bin"_s, u"file"_s, 100 } }));
    QVERIFY(list.flags({}) & Qt::ItemIsDropEnabled);
    QVERIFY(list.canDropMimeData(&mime, Qt::CopyAction, -1, -1, {}));
    QVERIFY(list.dropMimeData(&mime, Qt::CopyAction, -1, -1, {}));
    QCOMPARE(list.paths(), (QStringList { u"/srv/a.txt"_s, u"/srv/data/x.bin"_s }));
    QCOMPARE(list.totalFileBytes(), 110);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(list.index(1, Models::RestoreSelectionModel::Type).data().toString(), u"File"_s);

    // The same entry again adds nothing; a folder replaces the entries below it; an entry
    // below a listed folder is covered; "/srv/data2" is not below "/srv/data".
    QCOMPARE(list.addItems({ { u"/srv/a.txt"_s, u"file"_s, 10 } }), 0);
    QCOMPARE(list.addItems({ { u"/srv/data"_s, u"directory"_s, 0 } }), 1);
    QCOMPARE(list.paths(), (QStringList { u"/srv/a.txt"_s, u"/srv/data"_s }));
    QCOMPARE(list.addItems({ { u"/srv/data/y.bin"_s, u"file"_s, 1 }, { u"/srv/data2"_s, u"directory"_s, 0 } }), 1);
    QCOMPARE(list.paths(), (QStringList { u"/srv/a.txt"_s, u"/srv/data"_s, u"/srv/data2"_s }));

    QVERIFY(list.removeRows(0, 2));
    QCOMPARE(list.paths(), QStringList { u"/srv/data2"_s });
    QVERIFY(!list.removeRows(1, 1));
    list.clear();
    QCOMPARE(list.rowCount(), 0);
}

void tst_RestoreModels::selectionRejectsBadDrops()
{
    Models::RestoreSelectionModel list;
    QSignalSpy rejected(&list, &Models::RestoreSelectionModel::dropRejected);
    QMimeData text;
    text.setText(u"/etc/passwd"_s);
    QVERIFY(!list.canDropMimeData(&text, Qt::CopyAction, -1, -1, {}));
    QVERIFY(!list.dropMimeData(&text, Qt::CopyAction, -1, -1, {}));
    QMimeData bad;
    bad.setData(QString::fromLatin1(Models::RestoreMimeType), R"([{"path":"relative","kind":"file","size":1}])");
    QVERIFY(!list.dropMimeData(&bad, Qt::CopyAction, -1, -1, {}));
    QCOMPARE(rejected.count(), 1);
    QVERIFY(rejected.first().at(0).toString().contains(u"not absolute"_s));
    QCOMPARE(list.rowCount(), 0);
}

void tst_RestoreModels::decodeNamesWhatIsWrong_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("[{") << u"not JSON"_s;
    QTest::newRow("object") << QByteArray("{}") << u"not a JSON array"_s;
    QTest::newRow("number item") << QByteArray("[1]") << u"item 0 is not an object"_s;
    QTest::newRow("dot dot") << QByteArray(R"([{"path":"/a/../b","kind":"file","size":1}])") << u"\"..\" part"_s;
    QTest::newRow("double slash") << QByteArray(R"([{"path":"/a//b","kind":"file","size":1}])") << u"empty"_s;
    QTest::newRow("kind") << QByteArray(R"([{"path":"/a","kind":"pipe","size":1}])") << u"unknown kind \"pipe\""_s;
    QTest::newRow("size") << QByteArray(R"([{"path":"/a","kind":"file","size":-1}])") << u"size"_s;
    QTest::newRow("size text") << QByteArray(R"([{"path":"/a","kind":"file","size":"1"}])") << u"size"_s;
}

void tst_RestoreModels::decodeNamesWhatIsWrong()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    auto items = Models::decodeRestoreItems(data);
    QVERIFY(!items);
    QVERIFY2(items.error().message().contains(expected), qPrintable(items.error().message()));
    QVERIFY(Models::decodeRestoreItems("[]"));
    QVERIFY(Models::isSameOrUnder(u"/a/b"_s, u"/a"_s));
    QVERIFY(!Models::isSameOrUnder(u"/ab"_s, u"/a"_s));
    QVERIFY(Models::isSameOrUnder(u"/ab"_s, u"/"_s));
}

void tst_RestoreModels::targetsDisableRefusedServersWithReasons()
{
    Models::RestoreTargetsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTargets(2, { target(1, u"zeta"_s, true), target(5, u"osaka"_s, false, { u"different_region"_s, u"different_flavor"_s }),
                          target(2, u"web"_s, true), target(3, u"alpha"_s, true) });
    QCOMPARE(model.rowCount(), 4);
    // Allowed first (the source first), then the refused.
    QCOMPARE(model.index(0).data(Models::RestoreTargetsModel::IdRole).toLongLong(), 2);
    QCOMPARE(model.index(1).data(Models::RestoreTargetsModel::NameRole).toString(), u"alpha"_s);
    QCOMPARE(model.index(3).data(Models::RestoreTargetsModel::IdRole).toLongLong(), 5);
    QCOMPARE(model.firstAllowedRow(), 0);
    QVERIFY(model.index(0).data().toString().contains(u"original server"_s));

    const QModelIndex refused = model.index(model.rowOf(5));
    QVERIFY(!(model.flags(refused) & Qt::ItemIsEnabled));
    QVERIFY(!(model.flags(refused) & Qt::ItemIsSelectable));
    QVERIFY(model.flags(model.index(0)) & Qt::ItemIsEnabled);
    QVERIFY(!refused.data(Models::RestoreTargetsModel::AllowedRole).toBool());
    QCOMPARE(refused.data(Models::RestoreTargetsModel::ReasonRole).toString(),
             u"it is in another region; it has another flavor"_s);
    QVERIFY(refused.data(Qt::ToolTipRole).toString().contains(u"it is in another region"_s));
    QCOMPARE(refused.data().toString(), u"osaka - not possible: it is in another region; it has another flavor"_s);
    QCOMPARE(Models::restoreIssueText(u"something_new"_s), u"the server refuses it (something_new)"_s);

    model.setTargets(2, { target(5, u"osaka"_s, false, { u"different_plan"_s }) });
    QCOMPARE(model.firstAllowedRow(), -1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_RestoreModels::searchListsMatchesWithBoxesFollowingTheRestoreList()
{
    FakeSearch server;
    Models::RestoreSearchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSearcher(server.searcher());
    QSignalSpy states(&model, &Models::RestoreSearchModel::stateChanged);
    model.search(u"DATA"_s);
    QCOMPARE(model.state(), Models::RestoreSearchModel::State::Searching);
    QTRY_COMPARE(model.state(), Models::RestoreSearchModel::State::Done);
    QCOMPARE(states.count(), 2);
    QCOMPARE(model.text(), u"DATA"_s);
    QCOMPARE(model.rowCount(), 2); // "/srv/data" and "/etc/database.conf"
    using Column = Models::RestoreSearchModel::Column;
    QCOMPARE(model.index(0, Column::Path).data().toString(), u"/srv/data"_s);
    QCOMPARE(model.index(0, Column::Type).data().toString(), u"Folder"_s);
    QCOMPARE(model.index(0, Column::Size).data().toString(), QString());
    QCOMPARE(model.index(1, Column::Size).data(Models::RestoreSearchModel::SortRole).toLongLong(), 7);
    QVERIFY(!model.index(1, Column::Modified).data().toString().isEmpty());
    QVERIFY(model.flags(model.index(0, Column::Path)) & Qt::ItemIsUserCheckable);
    QVERIFY(model.flags(model.index(0, Column::Size)) & Qt::ItemIsDragEnabled);
    auto checkOf = [&model](int row) { return Qt::CheckState(model.index(row, 0).data(Qt::CheckStateRole).toInt()); };
    QCOMPARE(checkOf(0), Qt::Unchecked);

    // A box asks for the change; the restore list answers with its paths.
    QSignalSpy requested(&model, &Models::RestoreSearchModel::checkRequested);
    QVERIFY(model.setData(model.index(1, 0), int(Qt::Checked), Qt::CheckStateRole));
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().at(0).value<RestoreItem>(), (RestoreItem { u"/etc/database.conf"_s, u"file"_s, 7 }));
    QCOMPARE(requested.first().at(1).toBool(), true);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setSelectedPaths({ u"/etc"_s }); // a folder above covers the entry
    QCOMPARE(changed.count(), 1);
    QCOMPARE(checkOf(0), Qt::Unchecked);
    QCOMPARE(checkOf(1), Qt::Checked);
    QVERIFY(model.setData(model.index(1, 0), int(Qt::Unchecked), Qt::CheckStateRole));
    QCOMPARE(requested.last().at(1).toBool(), false);

    // Dragged entries read back as restore items.
    std::unique_ptr<QMimeData> mime(model.mimeData({ model.index(1, 2), model.index(0, 0), model.index(0, 1) }));
    QVERIFY(mime);
    auto items = Models::decodeRestoreItems(mime->data(QString::fromLatin1(Models::RestoreMimeType)));
    QVERIFY(items);
    QCOMPARE(pathsOf(*items), (QStringList { u"/srv/data"_s, u"/etc/database.conf"_s }));

    // An empty text clears without asking the server.
    model.search(u"  "_s);
    QCOMPARE(model.state(), Models::RestoreSearchModel::State::Idle);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(server.asked, QStringList { u"DATA"_s });
}

// Typing on: the search in flight is abandoned and its late answer does not replace the newer
// one; another generation drops everything.
void tst_RestoreModels::searchKeepsOnlyTheNewestAnswer()
{
    FakeSearch server;
    server.delayMs.insert(u"x.bin"_s, 150);
    Models::RestoreSearchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSearcher(server.searcher());
    model.search(u"x.bin"_s);
    model.search(u"conf"_s);
    QTRY_COMPARE(model.state(), Models::RestoreSearchModel::State::Done);
    QTest::qWait(250); // the slow answer arrives now
    QCOMPARE(model.text(), u"conf"_s);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.itemAt(0).path, u"/etc/database.conf"_s);
    model.search(u"x.bin"_s);
    model.setSearcher(server.searcher()); // another generation, before the answer
    QTest::qWait(250);
    QCOMPARE(model.state(), Models::RestoreSearchModel::State::Idle);
    QCOMPARE(model.rowCount(), 0);
}

void tst_RestoreModels::searchFailureSaysWhy()
{
    FakeSearch server;
    Models::RestoreSearchModel model;
    model.setSearcher(server.searcher());
    model.search(u"data"_s);
    QTRY_COMPARE(model.rowCount(), 2);
    model.search(u"broken"_s);
    QTRY_COMPARE(model.state(), Models::RestoreSearchModel::State::Failed);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.error().isEmpty());
    // Without a generation, nothing is searched.
    model.setSearcher({});
    model.search(u"data"_s);
    QCOMPARE(model.state(), Models::RestoreSearchModel::State::Idle);
    QCOMPARE(server.asked, (QStringList { u"data"_s, u"broken"_s }));
}

QTEST_GUILESS_MAIN(tst_RestoreModels)
#include "tst_restoremodels.moc"
