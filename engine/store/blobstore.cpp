#include "blobstore.h"

namespace Kura::Store {

Result<BlobId> BlobSink::saveTree(const Tree &tree, SaveResult *result)
{
    const QByteArray bytes = encodeTree(tree);
    const BlobId id = blobId(bytes.constData(), bytes.size());
    auto saved = saveBlob(BlobType::Tree, id, bytes.constData(), bytes.size());
    if (!saved)
        return fail(saved.error());
    if (result)
        *result = *saved;
    return id;
}

} // namespace Kura::Store
