#include "allocationprobe.h"
#include "storetestutil.h"

#include <store/tree.h>

#include <testsupport.h>

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamWriter>
#include <QCborValue>
#include <QTest>

using namespace Kura;
using namespace Kura::Store;
using namespace Qt::StringLiterals;

namespace {

// Field keys of a node map (docs/repository-format.md, "Trees").
enum Field : int {
    Name = 0, Type, Mode, Uid, Gid, User, Group, Mtime, Atime, Ctime, Device, Inode, Links, Size,
    Rdev, LinkTarget, Xattrs, Content, Subtree
};

BlobId idOf(quint64 seed) { return *BlobId::fromByteArray(Test::randomBytes(32, seed)); }

Node fullFile()
{
    Node n;
    n.name = QByteArray("line one\nline two \xff\xfe invalid UTF-8");
    n.type = NodeType::File;
    n.mode = 04755;
    n.uid = 0xffffffffu;
    n.gid = 1000;
    n.user = "alice";
    n.group = QByteArray("gr\xc3\xbcppe");
    n.mtimeNs = -1234567890123456789;
    n.atimeNs = std::numeric_limits<qint64>::max();
    n.ctimeNs = std::numeric_limits<qint64>::min();
    n.device = ~quint64(0);
    n.inode = 1ull << 40;
    n.links = 3;
    n.size = (5ll << 30) + 7; // over 4 GiB
    n.rdev = 0;
    n.xattrs = { { "user.empty", {} },
                 { QByteArray("user.bin", 8), QByteArray("\0\x01\0value with NULs\0", 19) },
                 { "security.selinux", QByteArray(300, 's') } };
    n.content = { { idOf(1), 1024 * 1024 }, { BlobId(), 0xffffffffu }, { idOf(2), 1 }, { BlobId(), 4096 } };
    return n;
}

Node simpleNode(const QByteArray &name, NodeType type)
{
    Node n;
    n.name = name;
    n.type = type;
    if (type == NodeType::Directory)
        n.subtree = idOf(qHash(name));
    return n;
}

// A tree of hand-made node maps: lets a test write what encodeTree never would.
QByteArray treeOf(const QCborArray &nodes, const QCborValue &version = 1)
{
    return QCborValue(QCborMap { { 0, version }, { 1, nodes } }).toCbor();
}

QCborMap nodeMap(const QByteArray &name, NodeType type = NodeType::File)
{
    return QCborMap { { Name, name }, { Type, int(type) } };
}

QCborMap with(QCborMap map, int key, const QCborValue &value)
{
    map.insert(key, value);
    return map;
}

QCborMap without(QCborMap map, int key)
{
    map.remove(key);
    return map;
}

QByteArray bytesId(quint64 seed) { return idOf(seed).toByteArray(); }

// A tree of one node {name "f", type file, key: item} where the value is the raw CBOR `item`,
// for values that QCborValue cannot hold. Keys are below 24, so each is one byte.
QByteArray treeWithRawField(int key, const QByteArray &item)
{
    return QByteArray("\xa2\x00\x01\x01\x81\xa3\x00\x41"
                      "f\x01\x00",
                      11)
        + char(key) + item;
}

} // namespace

class tst_TreeFormat : public QObject
{
    Q_OBJECT
private slots:
    void roundTrips_data();
    void roundTrips();
    void encodingIsDeterministic();
    void acceptsOptionalFieldsWrittenEmpty();
    void rejectsBadTrees_data();
    void rejectsBadTrees();
    void rejectsUnknownVersion_data();
    void rejectsUnknownVersion();
    void rejectsIntegersOutOfRange_data();
    void rejectsIntegersOutOfRange();
    void rejectsSubtreeOnANonDirectory();
    void largeCountsDoNotAllocate_data();
    void largeCountsDoNotAllocate();
};

void tst_TreeFormat::roundTrips_data()
{
    QTest::addColumn<Tree>("tree");
    QTest::newRow("empty directory") << Tree();
    QTest::newRow("a file with every field") << Tree { { fullFile() } };
    Node link = simpleNode("link", NodeType::Symlink);
    link.linkTarget = QByteArray("../target\nwith newline\xff");
    Node device = simpleNode("sda", NodeType::BlockDevice);
    device.rdev = (8ull << 8) | 1;
    Node dir = simpleNode("sub dir", NodeType::Directory);
    dir.xattrs = { { "user.a", "b" } };
    Tree mixed { { simpleNode("\x01", NodeType::Fifo), simpleNode("-", NodeType::Socket), dir, device,
                   simpleNode("tty", NodeType::CharDevice), link, fullFile() } };
    std::sort(mixed.nodes.begin(), mixed.nodes.end(), [](const Node &a, const Node &b) { return a.name < b.name; });
    QTest::newRow("every node type") << mixed;
    Node longName = simpleNode(QByteArray(MaxNameBytes, 'n'), NodeType::File);
    QTest::newRow("longest name") << Tree { { longName } };
    Tree many;
    for (int i = 0; i < 2000; ++i)
        many.nodes << simpleNode("file" + QByteArray::number(i + 10000), i % 5 ? NodeType::File : NodeType::Directory);
    QTest::newRow("2000 nodes") << many;
}

void tst_TreeFormat::roundTrips()
{
    QFETCH(Tree, tree);
    auto decoded = decodeTree(encodeTree(tree));
    QVERIFY_RESULT(decoded);
    QCOMPARE(decoded->nodes.size(), tree.nodes.size());
    for (qsizetype i = 0; i < tree.nodes.size(); ++i)
        QVERIFY2(decoded->nodes[i] == tree.nodes[i], tree.nodes[i].name.toPercentEncoding().constData());
    QVERIFY(*decoded == tree);
}

void tst_TreeFormat::encodingIsDeterministic()
{
    // Equal trees must give equal bytes: the tree's id is the hash of its encoding.
    const Tree tree { { simpleNode("a", NodeType::Directory), fullFile() } };
    QCOMPARE(encodeTree(tree), encodeTree(Tree(tree)));
}

void tst_TreeFormat::acceptsOptionalFieldsWrittenEmpty()
{
    const QByteArray bytes = treeOf({ with(with(with(nodeMap("f"), LinkTarget, QByteArray()), Xattrs, QCborArray()),
                                           Content, QCborArray()) });
    auto decoded = decodeTree(bytes);
    QVERIFY_RESULT(decoded);
    QCOMPARE(*decoded, Tree { { simpleNode("f", NodeType::File) } });
}

void tst_TreeFormat::rejectsBadTrees_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *name, const QByteArray &bytes, const QString &message) {
        QTest::newRow(name) << bytes << message;
    };
    const auto one = [](const QCborMap &node) { return treeOf({ node }); };
    const QByteArray good = encodeTree(Tree { { simpleNode("a", NodeType::File) } });
    QVERIFY(decodeTree(good).has_value());

    // The frame around the nodes.
    row("empty input", QByteArray(), u"not a map"_s);
    row("an array instead of a map", QCborValue(QCborArray { 1, QCborArray() }).toCbor(), u"not a map"_s);
    row("map of three entries", QCborValue(QCborMap { { 0, 1 }, { 1, QCborArray() }, { 2, 0 } }).toCbor(),
        u"not a map of two"_s);
    row("keys swapped", QCborValue(QCborMap { { 1, QCborArray() }, { 0, 1 } }).toCbor(), u"expected key 0"_s);
    row("version as text", treeOf({}, u"1"_s), u"expected an unsigned integer"_s);
    row("nodes not an array", QCborValue(QCborMap { { 0, 1 }, { 1, QCborMap() } }).toCbor(), u"bounded array"_s);
    row("trailing byte", good + '\0', u"trailing"_s);
    row("a second tree after the first", good + good, u"trailing"_s);
    row("last byte missing", good.chopped(1), QString());
    row("node array longer than its nodes", QByteArray(good).replace(4, 1, "\x82"), QString());

    // Names.
    row("unsorted names", treeOf({ nodeMap("b"), nodeMap("a") }), u"node 1 is not sorted"_s);
    row("duplicate names", treeOf({ nodeMap("a"), nodeMap("a") }), u"node 1 is not sorted or duplicates"_s);
    row("byte order, not locale order", treeOf({ nodeMap("a"), nodeMap("B") }), u"not sorted"_s);
    row("name with a slash", one(nodeMap("a/b")), u"not a valid file name"_s);
    row("name of a slash", one(nodeMap("/")), u"not a valid file name"_s);
    row("empty name", one(nodeMap("")), u"not a valid file name"_s);
    row("dot", one(nodeMap(".")), u"not a valid file name"_s);
    row("dot dot", one(nodeMap("..")), u"not a valid file name"_s);
    row("name with NUL", one(nodeMap(QByteArray("a\0b", 3))), u"not a valid file name"_s);
    row("name too long", one(nodeMap(QByteArray(MaxNameBytes + 1, 'n'))), u"longer than 4096"_s);
    row("name missing", one(without(nodeMap("a"), Name)), u"lacks name or type"_s);
    row("type missing", one(without(nodeMap("a"), Type)), u"lacks name or type"_s);

    // Structure of a node.
    row("directory without subtree", one(nodeMap("d", NodeType::Directory)), u"directory without a subtree"_s);
    row("directory with a zero subtree", one(with(nodeMap("d", NodeType::Directory), Subtree, QByteArray(32, '\0'))),
        u"directory without a subtree"_s);
    const QCborArray someContent { bytesId(1), 100 };
    row("content on a symlink", one(with(nodeMap("l", NodeType::Symlink), Content, someContent)),
        u"content on a node that is not a file"_s);
    row("content on a directory",
        one(with(with(nodeMap("d", NodeType::Directory), Subtree, bytesId(2)), Content, someContent)),
        u"content on a node that is not a file"_s);
    row("unknown field 19", one(with(nodeMap("f"), 19, 0)), u"field 19 unknown"_s);
    row("unknown field 1000", one(with(nodeMap("f"), 1000, 0)), u"field 1000 unknown"_s);
    row("text key", one(QCborMap { { Name, QByteArray("f") }, { Type, 0 }, { u"mode"_s, 0 } }),
        u"expected an unsigned integer"_s);
    QByteArray repeated;
    {
        QCborStreamWriter w(&repeated);
        w.startMap(2);
        w.append(0);
        w.append(1);
        w.append(1);
        w.startArray(1);
        w.startMap(3);
        w.append(Name);
        w.append(QByteArray("f"));
        w.append(Type);
        w.append(0);
        w.append(Name);
        w.append(QByteArray("g"));
        w.endMap();
        w.endArray();
        w.endMap();
    }
    row("repeated field", repeated, u"field 0 unknown or repeated"_s);
    QCborMap big = nodeMap("f");
    for (int key = Mode; key <= Rdev; ++key)
        big.insert(key, 0);
    big.insert(Xattrs, QCborArray());
    big.insert(Content, QCborArray());
    big.insert(LinkTarget, QByteArray());
    big.insert(Subtree, bytesId(3));
    QVERIFY(big.size() == 19);
    QByteArray twenty = QCborValue(big).toCbor();
    twenty[0] = char(0xb4); // claim 20 pairs (one more than there are fields)
    row("more pairs than fields", treeOf({}).chopped(1) + "\x81" + twenty, u"bounded map"_s);

    // Wrong types and ranges.
    row("name as text", one(with(nodeMap("f"), Name, u"f"_s)), u"expected a byte string"_s);
    row("type as text", one(with(nodeMap("f"), Type, u"file"_s)), u"expected an unsigned integer"_s);
    row("type 7", one(with(nodeMap("f"), Type, 7)), u"field 1 out of range"_s);
    row("mode negative", one(with(nodeMap("f"), Mode, -1)), u"expected an unsigned integer"_s);
    row("mode above 07777", one(with(nodeMap("f"), Mode, 010000)), u"field 2 out of range"_s);
    row("uid above 32 bits", one(with(nodeMap("f"), Uid, qint64(1) << 32)), u"field 3 out of range"_s);
    row("user as an integer", one(with(nodeMap("f"), User, 5)), u"expected a byte string"_s);
    row("user too long", one(with(nodeMap("f"), User, QByteArray(257, 'u'))), u"longer than 256"_s);
    row("mtime as text", one(with(nodeMap("f"), Mtime, u"2026"_s)), u"expected an integer"_s);
    row("mtime as a float", one(with(nodeMap("f"), Mtime, 1.5)), u"expected an integer"_s);
    row("links as bool", one(with(nodeMap("f"), Links, true)), u"expected an unsigned integer"_s);
    row("size negative", one(with(nodeMap("f"), Size, -1)), u"negative size"_s);
    row("link target too long", one(with(nodeMap("l", NodeType::Symlink), LinkTarget, QByteArray(65537, 't'))),
        u"longer than 65536"_s);
    row("xattrs not an array", one(with(nodeMap("f"), Xattrs, QCborMap())), u"xattrs are not"_s);
    row("xattrs of odd length", one(with(nodeMap("f"), Xattrs, QCborArray { QByteArray("n") })), u"xattrs are not"_s);
    row("xattr name as text", one(with(nodeMap("f"), Xattrs, QCborArray { u"n"_s, QByteArray("v") })),
        u"expected a byte string"_s);
    row("xattr name too long", one(with(nodeMap("f"), Xattrs, QCborArray { QByteArray(257, 'n'), QByteArray() })),
        u"longer than 256"_s);
    row("content of odd length", one(with(nodeMap("f"), Content, QCborArray { bytesId(1) })), u"content is not"_s);
    row("content id of 31 bytes", one(with(nodeMap("f"), Content, QCborArray { bytesId(1).left(31), 10 })),
        u"id is not 32 bytes"_s);
    row("content id of 33 bytes", one(with(nodeMap("f"), Content, QCborArray { bytesId(1) + 'x', 10 })),
        u"longer than 32"_s);
    row("content id all zero", one(with(nodeMap("f"), Content, QCborArray { QByteArray(32, '\0'), 10 })),
        u"all zero"_s);
    row("content id as text", one(with(nodeMap("f"), Content, QCborArray { u"id"_s, 10 })),
        u"expected a byte string"_s);
    row("content part of length 0", one(with(nodeMap("f"), Content, QCborArray { bytesId(1), 0 })),
        u"content part length 0"_s);
    row("content part above 32 bits", one(with(nodeMap("f"), Content, QCborArray { QCborValue(nullptr), qint64(1) << 32 })),
        u"content part length 4294967296"_s);
    row("subtree of 31 bytes", one(with(nodeMap("d", NodeType::Directory), Subtree, bytesId(4).left(31))),
        u"id is not 32 bytes"_s);
    row("subtree as text", one(with(nodeMap("d", NodeType::Directory), Subtree, u"00"_s)),
        u"expected a byte string"_s);
    row("node that is not a map", treeOf({ QCborArray { QByteArray("f"), 0 } }), u"node is not a bounded map"_s);
    row("error names the node", treeOf({ nodeMap("a"), with(nodeMap("b"), Mode, -5) }), u"node 1:"_s);
}

void tst_TreeFormat::rejectsBadTrees()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    QVERIFY_ERROR(decodeTree(bytes), ErrorCode::Corrupt, message);
}

void tst_TreeFormat::rejectsUnknownVersion_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    QTest::newRow("version 0") << treeOf({}, 0) << u"tree version 0 is unknown"_s;
    QTest::newRow("version 2") << treeOf({ nodeMap("a") }, 2) << u"tree version 2 is unknown"_s;
    QTest::newRow("version 2^64 - 1") << QByteArray("\xa2\x00\x1b\xff\xff\xff\xff\xff\xff\xff\xff\x01\x80", 13)
                                      << u"18446744073709551615"_s;
}

void tst_TreeFormat::rejectsUnknownVersion()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    QVERIFY_ERROR(decodeTree(bytes), ErrorCode::Unsupported, message);
}

void tst_TreeFormat::rejectsIntegersOutOfRange_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QByteArray>("item");
    // CBOR can hold integers from -2^64 to 2^64 - 1; times and sizes are 64-bit signed.
    const QByteArray twoTo63("\x1b\x80\x00\x00\x00\x00\x00\x00\x00", 9);        // 2^63
    const QByteArray minusTwoTo64("\x3b\xff\xff\xff\xff\xff\xff\xff\xff", 9);   // -2^64
    const QByteArray minusTwoTo63Minus1("\x3b\x80\x00\x00\x00\x00\x00\x00\x00", 9); // -2^63 - 1
    QTest::newRow("mtime 2^63") << int(Mtime) << twoTo63;
    QTest::newRow("mtime -2^64") << int(Mtime) << minusTwoTo64;
    QTest::newRow("ctime -2^63 - 1") << int(Ctime) << minusTwoTo63Minus1;
    QTest::newRow("size -2^63 - 1") << int(Size) << minusTwoTo63Minus1;
    QTest::newRow("size -2^64") << int(Size) << minusTwoTo64;
}

void tst_TreeFormat::rejectsIntegersOutOfRange()
{
    QFETCH(int, field);
    QFETCH(QByteArray, item);
    const QByteArray bytes = treeWithRawField(field, item);
    auto decoded = decodeTree(bytes);
    QVERIFY2(!decoded, decoded ? qPrintable(u"decoded as mtime %1 ctime %2 size %3"_s.arg(decoded->nodes[0].mtimeNs)
                                               .arg(decoded->nodes[0].ctimeNs).arg(decoded->nodes[0].size))
                               : "");
    if (!decoded)
        QCOMPARE(decoded.error().code(), ErrorCode::Corrupt);
}

void tst_TreeFormat::rejectsSubtreeOnANonDirectory()
{
    // A subtree belongs to directories only (tree.h), as content belongs to files only.
    const QByteArray bytes = treeOf({ with(nodeMap("f", NodeType::File), Subtree, bytesId(9)) });
    auto decoded = decodeTree(bytes);
    QVERIFY(!decoded);
}

void tst_TreeFormat::largeCountsDoNotAllocate_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray header = treeOf({}).chopped(1); // ends before the node array's head
    QTest::newRow("4 Mi nodes claimed") << header + QByteArray("\x9a\x00\x40\x00\x00", 5);
    QTest::newRow("16 MiB xattr value claimed")
        << treeWithRawField(Xattrs, QByteArray("\x82\x41n\x5a\x01\x00\x00\x00", 8));
    QTest::newRow("64 KiB link target claimed") << treeWithRawField(LinkTarget, QByteArray("\x5a\x00\x01\x00\x00", 5));
    QTest::newRow("2^27 content items claimed") << treeWithRawField(Content, QByteArray("\x9a\x08\x00\x00\x00", 5));
}

void tst_TreeFormat::largeCountsDoNotAllocate()
{
    QFETCH(QByteArray, bytes);
    std::size_t largest = 0;
    {
        Test::AllocationProbe probe;
        const auto decoded = decodeTree(bytes);
        largest = probe.largestRequest();
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().code(), ErrorCode::Corrupt);
    }
    if (!Test::AllocationProbe::isAvailable())
        QSKIP("allocations cannot be measured in this build");
    // The content list is reserved up to 64 Ki parts before they are read (about 2.4 MB).
    QVERIFY2(largest <= 65536 * sizeof(ContentPart) + 4096, qPrintable(u"largest allocation %1 bytes"_s.arg(largest)));
}

QTEST_GUILESS_MAIN(tst_TreeFormat)
#include "tst_treeformat.moc"
