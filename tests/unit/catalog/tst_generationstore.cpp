#include "catalogfixture.h"

#include <catalog/generationstore.h>
#include <testsupport.h>

#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace Kura;
using namespace Kura::Catalog;

class tst_GenerationStore : public QObject {
    Q_OBJECT
private slots:
    void init();
    void keepsPlanOfItsTime();
    void completeOnlyOnce();
    void rejectsRestoreKinds();
    void copiesPerRegion();
    void removeAndRemoveForServer();

private:
    qint64 start(qint64 startMs, const Policy::Plan &plan);
    std::unique_ptr<Test::CatalogFixture> m_f;
    qint64 m_server = 0;
};

void tst_GenerationStore::init()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s)); // stray warnings fail the test
    m_f = std::make_unique<Test::CatalogFixture>();
    QVERIFY(m_f->ok());
    m_server = m_f->addServer(m_f->alpha(), u"web"_s);
    QVERIFY(m_server > 0);
}

qint64 tst_GenerationStore::start(qint64 startMs, const Policy::Plan &plan)
{
    NewGeneration g;
    g.serverId = m_server;
    g.plan = plan;
    g.startMs = startMs;
    return GenerationStore(m_f->db()).create(m_f->alpha(), g).value_or(0);
}

void tst_GenerationStore::keepsPlanOfItsTime()
{
    Policy::Plan monthly = Test::CatalogFixture::plan(Policy::Timing::Daily);
    monthly.retentionDays = 30;
    Policy::Plan yearly = monthly;
    yearly.retentionDays = 365;
    yearly.storage = Policy::Storage::Double;
    const qint64 first = start(1000, monthly);
    const qint64 second = start(2000, yearly);
    QVERIFY(first && second);
    GenerationStore store(m_f->db());
    auto list = store.listForServer(m_f->alpha(), m_server);
    QVERIFY_RESULT(list);
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(0).id, second);
    QCOMPARE(list->at(0).retentionDays, 365);
    QCOMPARE(list->at(0).storage, Policy::Storage::Double);
    QCOMPARE(list->at(0).planSummary, u"double/daily 03-06/365d/files"_s);
    QCOMPARE(list->at(1).retentionDays, 30);
    QCOMPARE(list->at(1).status, GenerationStatus::Running);
}

void tst_GenerationStore::completeOnlyOnce()
{
    const qint64 id = start(1000, Test::CatalogFixture::plan(Policy::Timing::Immediate));
    GenerationStore store(m_f->db());
    QVERIFY_RESULT(store.complete(m_f->alpha(), id, { 5000, 1 << 20, 42, 4096, u"snap-1"_s }));
    auto g = store.generation(m_f->alpha(), id);
    QVERIFY_RESULT(g);
    QCOMPARE(g->status, GenerationStatus::Complete);
    QCOMPARE(g->endMs, 5000);
    QCOMPARE(g->sourceBytes, 1 << 20);
    QCOMPARE(g->files, 42);
    QCOMPARE(g->newBytes, 4096);
    QCOMPARE(g->snapshotId, u"snap-1"_s);
    auto again = store.complete(m_f->alpha(), id, { 6000, 1, 1, 1, u"snap-2"_s });
    QVERIFY(!again);
    QCOMPARE(again.error().code(), ErrorCode::Conflict);
    QCOMPARE(store.complete(m_f->alpha(), 99999, {}).error().code(), ErrorCode::NotFound);
    const qint64 failed = start(7000, Test::CatalogFixture::plan(Policy::Timing::Immediate));
    QVERIFY_RESULT(store.markFailed(m_f->alpha(), failed, 8000));
    QCOMPARE(store.generation(m_f->alpha(), failed)->status, GenerationStatus::Failed);
}

void tst_GenerationStore::rejectsRestoreKinds()
{
    NewGeneration g;
    g.serverId = m_server;
    g.kind = Policy::JobKind::SystemRestore;
    auto refused = GenerationStore(m_f->db()).create(m_f->alpha(), g);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), ErrorCode::InvalidArgument);
}

void tst_GenerationStore::copiesPerRegion()
{
    const qint64 id = start(1000, Test::CatalogFixture::plan(Policy::Timing::Daily));
    GenerationStore store(m_f->db());
    QVERIFY_RESULT(store.setCopy(m_f->alpha(), id, { u"JP1"_s, CopyState::Complete, 1000 }));
    QVERIFY_RESULT(store.setCopy(m_f->alpha(), id, { u"JP2"_s, CopyState::Pending, std::nullopt }));
    QVERIFY_RESULT(store.setCopy(m_f->alpha(), id, { u"JP2"_s, CopyState::Complete, 9000 }));
    auto copies = store.copies(m_f->alpha(), id);
    QVERIFY_RESULT(copies);
    QCOMPARE(copies->size(), 2);
    QCOMPARE(copies->at(1).region, u"JP2"_s);
    QCOMPARE(copies->at(1).state, CopyState::Complete);
    QCOMPARE(copies->at(1).replicatedMs, 9000);
    QCOMPARE(
        store.setCopy(m_f->alpha(), 424242, { u"JP1"_s, CopyState::Pending, {} }).error().code(),
        ErrorCode::NotFound);
}

void tst_GenerationStore::removeAndRemoveForServer()
{
    const qint64 a = start(1000, Test::CatalogFixture::plan(Policy::Timing::Daily));
    start(2000, Test::CatalogFixture::plan(Policy::Timing::Daily));
    start(3000, Test::CatalogFixture::plan(Policy::Timing::Daily));
    GenerationStore store(m_f->db());
    QVERIFY_RESULT(store.setCopy(m_f->alpha(), a, { u"JP1"_s, CopyState::Complete, 1 }));
    QVERIFY_RESULT(store.remove(m_f->alpha(), a));
    QCOMPARE(store.generation(m_f->alpha(), a).error().code(), ErrorCode::NotFound);
    QCOMPARE(store.copies(m_f->alpha(), a)->size(), 0);
    auto removed = store.removeForServer(m_f->alpha(), m_server);
    QVERIFY_RESULT(removed);
    QCOMPARE(*removed, 2);
    QCOMPARE(store.listForServer(m_f->alpha(), m_server)->size(), 0);
}

QTEST_GUILESS_MAIN(tst_GenerationStore)
#include "tst_generationstore.moc"
