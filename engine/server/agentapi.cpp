#include "agentapi.h"

#include "generationsearch.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Kura::Server {
namespace {

constexpr int BrowseTimeoutMs = 15000;

QString kindName(Protocol::BrowseEntry::Kind kind)
{
    switch (kind) {
    case Protocol::BrowseEntry::Kind::Directory:
        return u"directory"_s;
    case Protocol::BrowseEntry::Kind::File:
        return u"file"_s;
    case Protocol::BrowseEntry::Kind::Symlink:
        return u"symlink"_s;
    case Protocol::BrowseEntry::Kind::Other:
        break;
    }
    return u"other"_s;
}

QString nodeKindName(Store::NodeType type)
{
    switch (type) {
    case Store::NodeType::Directory:
        return u"directory"_s;
    case Store::NodeType::File:
        return u"file"_s;
    case Store::NodeType::Symlink:
        return u"symlink"_s;
    default:
        return u"other"_s;
    }
}

QString isoTime(qint64 mtimeNs)
{
    return QDateTime::fromMSecsSinceEpoch(mtimeNs / 1000000, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

Status AgentApi::startRestore(const Api::RestoreOrder &order)
{
    RestoreRequest request;
    request.tenantId = order.tenantId;
    request.jobId = order.jobId;
    request.targetServerId = order.targetServerId;
    request.kind = order.system ? Policy::JobKind::SystemRestore : Policy::JobKind::FileRestore;
    request.snapshotId = order.snapshotId;
    request.targetPath = order.targetPath;
    request.selectedPaths = order.selectedPaths;
    request.overwrite = order.overwrite == u"overwrite"_s ? Protocol::OverwritePolicy::Overwrite
        : order.overwrite == u"keep_both"_s              ? Protocol::OverwritePolicy::KeepBoth
                                                         : Protocol::OverwritePolicy::Skip;
    request.device = order.device;
    return m_hub.startRestore(request);
}

Result<QJsonObject> AgentApi::browse(qint64 tenantId, qint64 serverId, const QString &path, int maxEntries)
{
    // The API answers synchronously; the agent's reply arrives on this thread's event loop.
    QEventLoop loop;
    std::optional<Result<Protocol::BrowseReply>> reply;
    m_hub.browse(tenantId, serverId, path, maxEntries, [&](Result<Protocol::BrowseReply> r) {
        reply = std::move(r);
        loop.quit();
    });
    if (!reply) {
        QTimer::singleShot(BrowseTimeoutMs, &loop, &QEventLoop::quit);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    if (!reply)
        return fail(ErrorCode::Unavailable, u"the agent did not answer within %1 s"_s.arg(BrowseTimeoutMs / 1000));
    if (!*reply)
        return fail(reply->error());
    QJsonArray entries;
    for (const Protocol::BrowseEntry &e : std::as_const((*reply)->entries))
        entries.append(QJsonObject { { u"name"_s, e.name }, { u"kind"_s, kindName(e.kind) },
                                     { u"size"_s, double(e.sizeBytes) },
                                     { u"modified"_s, QDateTime::fromMSecsSinceEpoch(e.modifiedMs, Qt::UTC).toString(Qt::ISODateWithMs) } });
    return QJsonObject { { u"path"_s, (*reply)->path }, { u"entries"_s, entries }, { u"truncated"_s, (*reply)->truncated } };
}

Result<QJsonObject> AgentApi::browseGeneration(qint64 tenantId, const QString &snapshotId, const QString &path)
{
    auto repo = m_repositories.repository(tenantId);
    if (!repo)
        return fail(repo.error());
    auto snapshot = (*repo)->loadSnapshot(snapshotId);
    if (!snapshot)
        return fail(snapshot.error());
    auto tree = (*repo)->loadTree(snapshot->tree);
    for (const QString &part : path.split(u'/', Qt::SkipEmptyParts)) {
        if (!tree)
            return fail(tree.error());
        const QByteArray name = part.toUtf8();
        const auto it = std::find_if(tree->nodes.cbegin(), tree->nodes.cend(), [&](const Store::Node &n) { return n.name == name; });
        if (it == tree->nodes.cend() || it->type != Store::NodeType::Directory)
            return fail(ErrorCode::NotFound, u"the generation has no folder \"%1\""_s.arg(path));
        tree = (*repo)->loadTree(it->subtree);
    }
    if (!tree)
        return fail(tree.error());
    QJsonArray entries;
    for (const Store::Node &n : std::as_const(tree->nodes))
        entries.append(QJsonObject { { u"name"_s, QString::fromUtf8(n.name) }, { u"kind"_s, nodeKindName(n.type) },
                                     { u"size"_s, double(n.size) },
                                     { u"modified"_s, isoTime(n.mtimeNs) } });
    return QJsonObject { { u"path"_s, path }, { u"entries"_s, entries }, { u"truncated"_s, false } };
}

Result<QJsonObject> AgentApi::searchGeneration(qint64 tenantId, const QString &snapshotId, const QString &text,
                                               int maxResults)
{
    auto repo = m_repositories.repository(tenantId);
    if (!repo)
        return fail(repo.error());
    auto snapshot = (*repo)->loadSnapshot(snapshotId);
    if (!snapshot)
        return fail(snapshot.error());
    auto found = searchTrees(**repo, snapshot->tree, text, maxResults);
    if (!found)
        return fail(found.error());
    QJsonArray entries;
    for (const FoundEntry &e : std::as_const(found->entries))
        entries.append(QJsonObject { { u"path"_s, e.path }, { u"name"_s, e.path.section(u'/', -1) },
                                     { u"kind"_s, nodeKindName(e.type) }, { u"size"_s, double(e.sizeBytes) },
                                     { u"modified"_s, isoTime(e.mtimeNs) } });
    return QJsonObject { { u"query"_s, text }, { u"entries"_s, entries }, { u"truncated"_s, found->truncated } };
}

} // namespace Kura::Server
