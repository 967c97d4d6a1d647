#pragma once

#include <core/error.h>
#include <store/blobstore.h>

#include <QList>
#include <QString>

namespace Kura::Server {

// One entry of a generation whose name matched a search.
struct FoundEntry
{
    QString path; // absolute, as the restore browser shows it ("/srv/www/index.html")
    Store::NodeType type = Store::NodeType::File;
    qint64 sizeBytes = 0;
    qint64 mtimeNs = 0;
};

struct GenerationSearchResult
{
    // Each folder's matching entries by name, then the matches in its subfolders, one
    // subfolder after the other by name (depth first).
    QList<FoundEntry> entries;
    bool truncated = false;    // more entries matched than were returned
};

// The most entries one search returns (GET /servers/{id}/generations/{gen}/search).
constexpr int MaxSearchResults = 1000;

// Walks every folder of the tree `root` (a generation's snapshot tree, read through `source`)
// and returns the entries whose name contains `text`, ignoring case, at most `maxResults` of
// them (1..MaxSearchResults). A folder whose name matches is returned and walked too. Every
// tree of the generation is read once, so the cost grows with the number of folders, not with
// the data. InvalidArgument for an empty text or a limit out of range; the source's error
// (Corrupt, NotFound) for a tree that cannot be read.
Result<GenerationSearchResult> searchTrees(Store::BlobSource &source, const Store::BlobId &root,
                                           const QString &text, int maxResults);

} // namespace Kura::Server
