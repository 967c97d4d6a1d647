#include "generationsearch.h"

#include <vector>

using namespace Qt::StringLiterals;

namespace Kura::Server {
namespace {

// A folder still to walk: its tree and its path ("" for the top folder).
struct PendingFolder
{
    Store::BlobId tree;
    QString path;
};

} // namespace

Result<GenerationSearchResult> searchTrees(Store::BlobSource &source, const Store::BlobId &root,
                                           const QString &text, int maxResults)
{
    if (text.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"the search text is empty"_s);
    if (maxResults < 1 || maxResults > MaxSearchResults)
        return fail(ErrorCode::InvalidArgument,
                    u"at most 1 to %1 results can be asked for, not %2"_s.arg(MaxSearchResults).arg(maxResults));
    GenerationSearchResult out;
    // Depth first with an explicit stack (a deep tree cannot exhaust the call stack). Each
    // folder's subfolders are pushed in reverse so that they are walked in name order.
    std::vector<PendingFolder> stack { { root, QString() } };
    while (!stack.empty()) {
        const PendingFolder folder = std::move(stack.back());
        stack.pop_back();
        auto tree = source.loadTree(folder.tree);
        if (!tree)
            return fail(tree.error().withContext(u"folder \"%1\""_s.arg(folder.path.isEmpty() ? u"/"_s : folder.path)));
        std::vector<PendingFolder> subfolders;
        for (const Store::Node &node : std::as_const(tree->nodes)) {
            const QString path = folder.path + u'/' + QString::fromUtf8(node.name);
            if (QStringView(path).mid(folder.path.size() + 1).contains(text, Qt::CaseInsensitive)) {
                if (out.entries.size() == maxResults) {
                    out.truncated = true;
                    return out;
                }
                out.entries.append({ path, node.type, node.size, node.mtimeNs });
            }
            if (node.type == Store::NodeType::Directory)
                subfolders.push_back({ node.subtree, path });
        }
        stack.insert(stack.end(), std::make_move_iterator(subfolders.rbegin()),
                     std::make_move_iterator(subfolders.rend()));
    }
    return out;
}

} // namespace Kura::Server
