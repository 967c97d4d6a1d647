// The agent's local pieces: the tree cache of the parent generation, its saved state, and
// the pre/post commands with their timeout.
#include <agent/agentstate.h>
#include <agent/commands.h>
#include <agent/treecache.h>
#include <store/crypto.h>

#include <testsupport.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Kura;

namespace {

const QByteArray IdKey(32, 'k');

struct StoredTree
{
    Store::BlobId id;
    QByteArray bytes;
};

StoredTree makeTree(const QByteArray &name, qint64 size)
{
    Store::Tree tree;
    Store::Node node;
    node.name = name;
    node.type = Store::NodeType::File;
    node.size = size;
    tree.nodes << node;
    const QByteArray bytes = Store::encodeTree(tree);
    return { Store::keyedHash(IdKey, bytes.constData(), bytes.size()), bytes };
}

} // namespace

class tst_AgentParts : public QObject
{
    Q_OBJECT

private slots:
    void treeCacheRoundTrip();
    void treeCacheDamage();
    void treeCacheKeepsNewestGenerations();
    void stateRoundTrip();
    void stateErrors();
    void commandOutputAndExitCode();
    void commandTimeoutAndStop();
};

void tst_AgentParts::treeCacheRoundTrip()
{
    QTemporaryDir dir;
    const StoredTree child = makeTree("a.txt", 10), root = makeTree("b.txt", 20);
    {
        auto writer = Agent::TreeCacheWriter::create(dir.path());
        QVERIFY_RESULT(writer);
        QVERIFY_RESULT((*writer)->add(child.id, child.bytes.constData(), child.bytes.size()));
        QVERIFY_RESULT((*writer)->add(root.id, root.bytes.constData(), root.bytes.size()));
        QVERIFY_RESULT((*writer)->add(root.id, root.bytes.constData(), root.bytes.size())); // once only
        QVERIFY_RESULT((*writer)->commit(root.id));
    }
    auto cache = Agent::TreeCache::open(dir.path(), root.id, IdKey);
    QVERIFY_RESULT(cache);
    QCOMPARE((*cache)->size(), 2);
    QVERIFY((*cache)->contains(child.id));
    auto tree = (*cache)->tree(child.id);
    QVERIFY_RESULT(tree);
    QCOMPARE(tree->nodes.first().name, QByteArray("a.txt"));
    QCOMPARE((*cache)->tree(makeTree("other", 1).id).error().code(), ErrorCode::NotFound);
    QCOMPARE(Agent::TreeCache::open(dir.path(), child.id, IdKey).error().code(), ErrorCode::NotFound);
    // A writer that is never committed leaves nothing behind.
    {
        auto writer = Agent::TreeCacheWriter::create(dir.path());
        QVERIFY_RESULT(writer);
        QVERIFY_RESULT((*writer)->add(child.id, child.bytes.constData(), child.bytes.size()));
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
}

void tst_AgentParts::treeCacheDamage()
{
    QTemporaryDir dir;
    const StoredTree root = makeTree("b.txt", 20);
    auto writer = Agent::TreeCacheWriter::create(dir.path());
    QVERIFY_RESULT(writer);
    QVERIFY_RESULT((*writer)->add(root.id, root.bytes.constData(), root.bytes.size()));
    QVERIFY_RESULT((*writer)->commit(root.id));
    const QString path = dir.path() + u'/' + root.id.toHex() + u".trees"_s;

    // A flipped byte in a tree: found when the tree is read (its id no longer matches).
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    file.seek(file.size() - 3);
    char c = 0;
    file.getChar(&c);
    file.seek(file.size() - 3);
    file.putChar(char(c ^ 0x40));
    file.close();
    auto cache = Agent::TreeCache::open(dir.path(), root.id, IdKey);
    QVERIFY_RESULT(cache);
    QCOMPARE((*cache)->tree(root.id).error().code(), ErrorCode::Corrupt);

    // A truncated file: refused at open and removed, so the next backup reads everything.
    QVERIFY(QFile::resize(path, QFileInfo(path).size() - 5));
    cache = Agent::TreeCache::open(dir.path(), root.id, IdKey);
    QCOMPARE(cache.error().code(), ErrorCode::Corrupt);
    QVERIFY2(cache.error().message().contains(u"runs past the end"_s), qPrintable(cache.error().message()));
    QVERIFY(!QFile::exists(path));

    // Not a cache file at all.
    QFile garbage(path);
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write("hello");
    garbage.close();
    QCOMPARE(Agent::TreeCache::open(dir.path(), root.id, IdKey).error().code(), ErrorCode::Corrupt);
}

void tst_AgentParts::treeCacheKeepsNewestGenerations()
{
    QTemporaryDir dir;
    QList<Store::BlobId> roots;
    for (int i = 0; i < 5; ++i) {
        const StoredTree root = makeTree("f" + QByteArray::number(i), i);
        auto writer = Agent::TreeCacheWriter::create(dir.path());
        QVERIFY_RESULT(writer);
        QVERIFY_RESULT((*writer)->add(root.id, root.bytes.constData(), root.bytes.size()));
        QVERIFY_RESULT((*writer)->commit(root.id));
        roots << root.id;
        QTest::qWait(20); // distinct modification times
    }
    QCOMPARE(QDir(dir.path()).entryList({ u"*.trees"_s }, QDir::Files).size(), Agent::TreeCache::KeepGenerations);
    QVERIFY(Agent::TreeCache::open(dir.path(), roots.last(), IdKey).has_value());
    QCOMPARE(Agent::TreeCache::open(dir.path(), roots.first(), IdKey).error().code(), ErrorCode::NotFound);
}

void tst_AgentParts::stateRoundTrip()
{
    QTemporaryDir dir;
    Agent::AgentState state;
    state.primaryAddress = u"backup.example.com:8641"_s;
    state.certificateSha256 = QByteArray(32, '\x11');
    state.token = u"1.token"_s;
    state.region = u"JP1"_s;
    QVERIFY_RESULT(state.save(dir.path()));
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(Agent::AgentState::fileIn(dir.path())).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);
    auto loaded = Agent::AgentState::load(dir.path());
    QVERIFY_RESULT(loaded);
    QVERIFY(!loaded->isEnrolled());
    QCOMPARE(loaded->token, state.token);

    state.agentId = u"1.abc"_s;
    state.secret = QByteArray(32, '\x22');
    QVERIFY_RESULT(state.save(dir.path()));
    loaded = Agent::AgentState::load(dir.path());
    QVERIFY_RESULT(loaded);
    QVERIFY(loaded->isEnrolled());
    QVERIFY(loaded->token.isEmpty()); // the used token is not kept
    QCOMPARE(loaded->authKey(), state.authKey());
    QCOMPARE(loaded->authKey().size(), 32);
}

void tst_AgentParts::stateErrors()
{
    QTemporaryDir dir;
    QCOMPARE(Agent::AgentState::load(dir.path()).error().code(), ErrorCode::NotFound);
    auto write = [&](const QByteArray &json) {
        QFile file(Agent::AgentState::fileIn(dir.path()));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(json);
    };
    write("not json");
    QCOMPARE(Agent::AgentState::load(dir.path()).error().code(), ErrorCode::Corrupt);
    write(R"({"format": 2, "primaryAddress": "a:1"})");
    QVERIFY(Agent::AgentState::load(dir.path()).error().message().contains(u"unknown format 2"_s));
    write(R"({"format": 1, "primaryAddress": "a:1", "certificateSha256": "abcd", "token": "t"})");
    QVERIFY(Agent::AgentState::load(dir.path()).error().message().contains(u"certificateSha256"_s));
    write(R"({"format": 1, "primaryAddress": "a:1", "certificateSha256": ")" + QByteArray(64, 'a') + R"("})");
    QVERIFY(Agent::AgentState::load(dir.path()).error().message().contains(u"neither an identity nor"_s));
}

void tst_AgentParts::commandOutputAndExitCode()
{
    Agent::CommandOutcome ok = Agent::runCommand(u"echo dumped; echo warn >&2"_s, 10, nullptr);
    QVERIFY(ok.succeeded());
    QVERIFY(ok.output.contains(u"dumped"_s) && ok.output.contains(u"warn"_s));
    QVERIFY(ok.describe(u"pre-command"_s).startsWith(u"pre-command exited with 0"_s));
    Agent::CommandOutcome failed = Agent::runCommand(u"echo no space left; exit 3"_s, 10, nullptr);
    QVERIFY(!failed.succeeded());
    QCOMPARE(failed.exitCode, 3);
    QCOMPARE(failed.describe(u"pre-command"_s), u"pre-command exited with 3: no space left"_s);
    // Output is bounded; the end is kept.
    Agent::CommandOutcome loud = Agent::runCommand(u"head -c 200000 /dev/zero | tr '\\\\0' x; echo END"_s, 10, nullptr);
    QVERIFY(loud.output.size() <= Agent::MaxCommandOutputBytes);
    QVERIFY(loud.output.trimmed().endsWith(u"END"_s));
}

void tst_AgentParts::commandTimeoutAndStop()
{
    QElapsedTimer timer;
    timer.start();
    Agent::CommandOutcome slow = Agent::runCommand(u"sleep 30"_s, 1, nullptr);
    QVERIFY(slow.timedOut);
    QVERIFY(!slow.succeeded());
    QVERIFY(timer.elapsed() < 10000);
    QVERIFY(slow.describe(u"pre-command"_s).contains(u"timed out"_s));

    std::atomic<bool> cancel { true };
    Agent::CommandOutcome stopped = Agent::runCommand(u"sleep 30"_s, 60, &cancel);
    QVERIFY(stopped.stopped);
    QVERIFY(!stopped.succeeded());
}

QTEST_GUILESS_MAIN(tst_AgentParts)
#include "tst_agentparts.moc"
