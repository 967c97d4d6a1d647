#include "tree.h"

#include <QCborStreamReader>
#include <QCborStreamWriter>

#include <limits>

namespace Kura::Store {
namespace {

// Integer keys of a node map (docs/repository-format.md, "Trees").
enum Key : int {
    KeyName = 0, KeyType, KeyMode, KeyUid, KeyGid, KeyUser, KeyGroup, KeyMtime, KeyAtime, KeyCtime,
    KeyDevice, KeyInode, KeyLinks, KeySize, KeyRdev, KeyLinkTarget, KeyXattrs, KeyContent, KeySubtree,
    KeyCount
};
constexpr int TreeVersion = 1;

void writeBytes(QCborStreamWriter &w, const QByteArray &b) { w.appendByteString(b.constData(), b.size()); }

void writeNode(QCborStreamWriter &w, const Node &n)
{
    const quint64 fields = 15 + !n.linkTarget.isEmpty() + !n.xattrs.isEmpty() + !n.content.isEmpty()
        + !n.subtree.isNull();
    w.startMap(fields);
    w.append(KeyName); writeBytes(w, n.name);
    w.append(KeyType); w.append(quint64(n.type));
    w.append(KeyMode); w.append(quint64(n.mode));
    w.append(KeyUid); w.append(quint64(n.uid));
    w.append(KeyGid); w.append(quint64(n.gid));
    w.append(KeyUser); writeBytes(w, n.user);
    w.append(KeyGroup); writeBytes(w, n.group);
    w.append(KeyMtime); w.append(n.mtimeNs);
    w.append(KeyAtime); w.append(n.atimeNs);
    w.append(KeyCtime); w.append(n.ctimeNs);
    w.append(KeyDevice); w.append(n.device);
    w.append(KeyInode); w.append(n.inode);
    w.append(KeyLinks); w.append(n.links);
    w.append(KeySize); w.append(n.size);
    w.append(KeyRdev); w.append(n.rdev);
    if (!n.linkTarget.isEmpty()) { w.append(KeyLinkTarget); writeBytes(w, n.linkTarget); }
    if (!n.xattrs.isEmpty()) {
        w.append(KeyXattrs);
        w.startArray(quint64(n.xattrs.size()) * 2);
        for (const auto &x : n.xattrs) { writeBytes(w, x.name); writeBytes(w, x.value); }
        w.endArray();
    }
    if (!n.content.isEmpty()) {
        w.append(KeyContent);
        w.startArray(quint64(n.content.size()) * 2);
        for (const auto &part : n.content) {
            if (part.isHole()) w.append(nullptr);
            else writeBytes(w, part.id.toByteArray());
            w.append(quint64(part.length));
        }
        w.endArray();
    }
    if (!n.subtree.isNull()) { w.append(KeySubtree); writeBytes(w, n.subtree.toByteArray()); }
    w.endMap();
}

// A small pull parser over QCborStreamReader with bounds on every length.
class Parser
{
public:
    explicit Parser(const QByteArray &bytes) : m_r(bytes), m_bytesSize(bytes.size()) {}

    Result<Tree> tree()
    {
        if (!m_r.isMap() || !m_r.isLengthKnown() || m_r.length() != 2)
            return error(QStringLiteral("tree is not a map of two entries"));
        m_r.enterContainer();
        KURA_TRY(expectKey(0));
        auto version = uint64();
        if (!version) return fail(version.error());
        if (*version != TreeVersion)
            return fail(ErrorCode::Unsupported, QStringLiteral("tree version %1 is unknown").arg(*version));
        KURA_TRY(expectKey(1));
        if (!m_r.isArray() || !m_r.isLengthKnown() || m_r.length() > quint64(MaxTreeNodes))
            return error(QStringLiteral("tree nodes are not a bounded array"));
        Tree t;
        const quint64 count = m_r.length();
        m_r.enterContainer();
        for (quint64 i = 0; i < count; ++i) {
            auto n = node();
            if (!n) return fail(n.error().withContext(QStringLiteral("node %1").arg(i)));
            if (!t.nodes.isEmpty() && !(t.nodes.last().name < n->name))
                return error(QStringLiteral("node %1 is not sorted or duplicates a name").arg(i));
            t.nodes.append(std::move(*n));
        }
        m_r.leaveContainer();
        m_r.leaveContainer();
        if (m_r.lastError() != QCborError::NoError || m_r.hasNext() || m_r.currentOffset() != m_bytesSize)
            return error(QStringLiteral("trailing or malformed data after the tree"));
        return t;
    }

private:
    tl::unexpected<Error> error(const QString &what) { return fail(ErrorCode::Corrupt, what); }

    Status expectKey(quint64 key)
    {
        auto k = uint64();
        if (!k) return fail(k.error());
        if (*k != key) return error(QStringLiteral("expected key %1, found %2").arg(key).arg(*k));
        return {};
    }

    Result<quint64> uint64()
    {
        if (!m_r.isUnsignedInteger()) return error(QStringLiteral("expected an unsigned integer"));
        const quint64 v = m_r.toUnsignedInteger();
        m_r.next();
        return v;
    }

    Result<qint64> int64()
    {
        if (m_r.isUnsignedInteger()) {
            const quint64 v = m_r.toUnsignedInteger();
            if (v > quint64(std::numeric_limits<qint64>::max()))
                return error(QStringLiteral("integer %1 is out of range").arg(v));
            m_r.next();
            return qint64(v);
        }
        if (!m_r.isNegativeInteger()) return error(QStringLiteral("expected an integer"));
        // CBOR stores -1 - n; toNegativeInteger() gives -(n + 1) as an unsigned magnitude (0 means 2^64).
        const quint64 magnitude = quint64(m_r.toNegativeInteger());
        if (magnitude == 0 || magnitude > quint64(std::numeric_limits<qint64>::max()) + 1)
            return error(QStringLiteral("negative integer is out of range"));
        m_r.next();
        return qint64(0 - magnitude);
    }

    Result<QByteArray> bytes(qsizetype maxSize)
    {
        if (!m_r.isByteArray()) return error(QStringLiteral("expected a byte string"));
        if (!m_r.isLengthKnown() || m_r.length() > quint64(maxSize))
            return error(QStringLiteral("byte string longer than %1").arg(maxSize));
        QByteArray data;
        auto r = m_r.readByteArray(); // Qt 6.4 returns the string piece by piece
        while (r.status == QCborStreamReader::Ok) {
            data += r.data;
            r = m_r.readByteArray();
        }
        if (r.status != QCborStreamReader::EndOfString) return error(QStringLiteral("bad byte string"));
        return data;
    }

    Result<BlobId> id()
    {
        auto b = bytes(32);
        if (!b) return fail(b.error());
        auto parsed = BlobId::fromByteArray(*b);
        if (!parsed) return error(QStringLiteral("id is not 32 bytes"));
        return *parsed;
    }

    Result<QList<ExtendedAttribute>> xattrs()
    {
        if (!m_r.isArray() || !m_r.isLengthKnown() || m_r.length() % 2 || m_r.length() > 2 * 4096)
            return error(QStringLiteral("xattrs are not a bounded array of pairs"));
        const quint64 count = m_r.length();
        m_r.enterContainer();
        QList<ExtendedAttribute> out;
        for (quint64 i = 0; i < count; i += 2) {
            auto name = bytes(255 + 1);
            if (!name) return fail(name.error());
            auto value = bytes(16 * 1024 * 1024);
            if (!value) return fail(value.error());
            out.append({ *name, *value });
        }
        m_r.leaveContainer();
        return out;
    }

    Result<QList<ContentPart>> content()
    {
        if (!m_r.isArray() || !m_r.isLengthKnown() || m_r.length() % 2 || m_r.length() > 2 * 64 * 1024 * 1024)
            return error(QStringLiteral("content is not a bounded array of pairs"));
        const quint64 count = m_r.length();
        m_r.enterContainer();
        QList<ContentPart> out;
        out.reserve(qsizetype(qMin<quint64>(count / 2, 1 << 16)));
        for (quint64 i = 0; i < count; i += 2) {
            ContentPart part;
            if (m_r.isNull()) {
                m_r.next();
            } else {
                auto chunk = id();
                if (!chunk) return fail(chunk.error());
                if (chunk->isNull()) return error(QStringLiteral("chunk id is all zero"));
                part.id = *chunk;
            }
            auto length = uint64();
            if (!length) return fail(length.error());
            if (*length == 0 || *length > 0xffffffffull) return error(QStringLiteral("content part length %1").arg(*length));
            part.length = quint32(*length);
            out.append(part);
        }
        m_r.leaveContainer();
        return out;
    }

    Status field(Node &n, quint64 key)
    {
        auto setU = [&](auto &dst, quint64 max) -> Status {
            auto v = uint64();
            if (!v) return fail(v.error());
            if (*v > max) return error(QStringLiteral("field %1 out of range").arg(key));
            dst = std::remove_reference_t<decltype(dst)>(*v);
            return {};
        };
        auto setI = [&](qint64 &dst) -> Status {
            auto v = int64();
            if (!v) return fail(v.error());
            dst = *v;
            return {};
        };
        auto setB = [&](QByteArray &dst, qsizetype max) -> Status {
            auto v = bytes(max);
            if (!v) return fail(v.error());
            dst = *v;
            return {};
        };
        switch (key) {
        case KeyName: return setB(n.name, MaxNameBytes);
        case KeyType: return setU(n.type, quint64(NodeType::Socket));
        case KeyMode: return setU(n.mode, 07777);
        case KeyUid: return setU(n.uid, 0xffffffffull);
        case KeyGid: return setU(n.gid, 0xffffffffull);
        case KeyUser: return setB(n.user, 256);
        case KeyGroup: return setB(n.group, 256);
        case KeyMtime: return setI(n.mtimeNs);
        case KeyAtime: return setI(n.atimeNs);
        case KeyCtime: return setI(n.ctimeNs);
        case KeyDevice: return setU(n.device, ~0ull);
        case KeyInode: return setU(n.inode, ~0ull);
        case KeyLinks: return setU(n.links, ~0ull);
        case KeySize: {
            KURA_TRY(setI(n.size));
            if (n.size < 0) return error(QStringLiteral("negative size"));
            return {};
        }
        case KeyRdev: return setU(n.rdev, ~0ull);
        case KeyLinkTarget: return setB(n.linkTarget, 64 * 1024);
        case KeyXattrs: {
            auto v = xattrs();
            if (!v) return fail(v.error());
            n.xattrs = *v;
            return {};
        }
        case KeyContent: {
            auto v = content();
            if (!v) return fail(v.error());
            n.content = *v;
            return {};
        }
        case KeySubtree: {
            auto v = id();
            if (!v) return fail(v.error());
            n.subtree = *v;
            return {};
        }
        default: return error(QStringLiteral("unknown node field %1").arg(key));
        }
    }

    Result<Node> node()
    {
        if (!m_r.isMap() || !m_r.isLengthKnown() || m_r.length() > KeyCount)
            return error(QStringLiteral("node is not a bounded map"));
        const quint64 count = m_r.length();
        m_r.enterContainer();
        Node n;
        quint32 seen = 0;
        for (quint64 i = 0; i < count; ++i) {
            auto key = uint64();
            if (!key) return fail(key.error());
            if (*key >= KeyCount || (seen & (1u << *key)))
                return error(QStringLiteral("node field %1 unknown or repeated").arg(*key));
            seen |= 1u << *key;
            KURA_TRY(field(n, *key));
        }
        m_r.leaveContainer();
        if (!(seen & (1u << KeyName)) || !(seen & (1u << KeyType)))
            return error(QStringLiteral("node lacks name or type"));
        if (n.name.isEmpty() || n.name.contains('/') || n.name.contains('\0') || n.name == "." || n.name == "..")
            return error(QStringLiteral("node name \"%1\" is not a valid file name")
                             .arg(QString::fromUtf8(n.name.toPercentEncoding())));
        if (n.type == NodeType::Directory && n.subtree.isNull())
            return error(QStringLiteral("directory without a subtree"));
        if (n.type != NodeType::File && !n.content.isEmpty())
            return error(QStringLiteral("content on a node that is not a file"));
        if (n.type != NodeType::Directory && !n.subtree.isNull())
            return error(QStringLiteral("subtree on a node that is not a directory"));
        return n;
    }

    QCborStreamReader m_r;
    qint64 m_bytesSize = 0;
};

} // namespace

QByteArray encodeTree(const Tree &tree)
{
    QByteArray out;
    QCborStreamWriter w(&out);
    w.startMap(2);
    w.append(0);
    w.append(TreeVersion);
    w.append(1);
    w.startArray(quint64(tree.nodes.size()));
    for (const Node &n : tree.nodes)
        writeNode(w, n);
    w.endArray();
    w.endMap();
    return out;
}

Result<Tree> decodeTree(const QByteArray &bytes)
{
    Parser parser(bytes);
    return parser.tree();
}

} // namespace Kura::Store
