#pragma once

#include "chunker.h"
#include "index.h"
#include "tree.h"

#include <core/error.h>

namespace Kura::Store {

// What saveBlob did.
struct SaveResult
{
    bool stored = false;    // false: the blob was already stored
    qint64 storedBytes = 0; // bytes it takes where it went (sealed size in a pack, or sent)
};

// Where restores read blobs from: the local repository, or a kura-server over the wire.
// Implementations verify every blob against its id before returning it. Thread-safe.
class BlobSource
{
public:
    virtual ~BlobSource() = default;
    // The raw (decrypted, decompressed) bytes of a blob; ErrorCode::Corrupt when they do not
    // match `id`, NotFound when the blob is unknown.
    virtual Result<QByteArray> loadBlob(BlobType type, const BlobId &id) = 0;
    virtual Result<Tree> loadTree(const BlobId &id) = 0;
    // A hint: these blobs are loaded soon, about in this order. A source far from its data (a
    // kura-server over the wire) asks for them ahead; the local repository has no use for it.
    virtual void prefetch(BlobType type, const QList<BlobId> &ids)
    {
        Q_UNUSED(type)
        Q_UNUSED(ids)
    }
};

// Where backups put their blobs and trees: the local repository, or a kura-server over the
// wire (source-side deduplication). Thread-safe: the archiver's workers save concurrently.
class BlobSink
{
public:
    virtual ~BlobSink() = default;
    // How content is cut and named: both must match the repository the blobs end up in, so
    // that equal content deduplicates across backups.
    virtual const Chunker &chunker() const = 0;
    virtual BlobId blobId(const char *data, qsizetype size) const = 0;
    // True when the blob is known to be stored (a parent snapshot's content is reused only
    // then); a false answer is always safe.
    virtual bool hasBlob(BlobType type, const BlobId &id) const = 0;
    // Stores the blob unless it is already there. `data` is the raw content; `id` its blobId().
    virtual Result<SaveResult> saveBlob(BlobType type, const BlobId &id, const char *data, qsizetype size) = 0;
    // A tree of the parent snapshot (to find unchanged files); errors make the archiver read
    // that folder's files again.
    virtual Result<Tree> loadParentTree(const BlobId &id) = 0;
    // Makes everything saved so far durable on the sink's side.
    virtual Status flush() = 0;

    // Encodes and saves a tree; returns its id.
    Result<BlobId> saveTree(const Tree &tree, SaveResult *result = nullptr);
};

} // namespace Kura::Store
