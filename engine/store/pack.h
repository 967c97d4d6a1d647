#pragma once

#include "blobid.h"
#include "compressor.h"
#include "crypto.h"
#include "objectstore.h"

#include <QList>

namespace Kura::Store {

// One blob's place in a pack, as the pack header and the index record it.
struct PackEntry
{
    BlobType type = BlobType::Data;
    Compression compression = Compression::None;
    BlobId id;
    quint32 offset = 0;    // of the sealed blob in the pack
    quint32 length = 0;    // sealed length in the pack
    quint32 rawLength = 0; // plaintext length after decompression

    bool operator==(const PackEntry &) const = default;
};

// Pack file layout (docs/repository-format.md):
//   sealed blob 0 | sealed blob 1 | ... | sealed header | u32 LE header length | "KURAPK01"
// The header lists the entries in order; offsets are implied by the lengths.
constexpr qsizetype PackFooterSize = 12;
constexpr quint32 MaxPackHeaderBytes = 16 * 1024 * 1024;
constexpr quint32 MaxBlobBytes = 64 * 1024 * 1024;

QByteArray encodePackHeader(const QList<PackEntry> &entries);
// Parses a decrypted header; checks that the entries tile [0, headerOffset) exactly.
Result<QList<PackEntry>> decodePackHeader(const QByteArray &plain, qint64 headerOffset);
// Reads and verifies the header of pack `name` from the store.
Result<QList<PackEntry>> readPackHeader(ObjectStore &store, const QByteArray &key,
                                        const QString &name);

// Writes one pack: blobs are streamed to the store as they are added.
class PackWriter
{
public:
    static Result<std::unique_ptr<PackWriter>> create(ObjectStore &store, QByteArray key);

    // Appends an already compressed and sealed blob.
    Status add(BlobType type, const BlobId &id, Compression compression, quint32 rawLength,
               const QByteArray &sealed);
    qint64 size() const { return m_size; }
    int count() const { return int(m_entries.size()); }
    // Writes the header, commits the pack under the SHA-256 of its bytes and returns that id.
    Result<BlobId> finish();
    const QList<PackEntry> &entries() const { return m_entries; }

private:
    PackWriter(std::unique_ptr<ObjectWriter> writer, QByteArray key);
    Status append(const char *data, qsizetype size);

    std::unique_ptr<ObjectWriter> m_writer;
    QByteArray m_key;
    std::unique_ptr<Sha256Stream> m_hash;
    QList<PackEntry> m_entries;
    qint64 m_size = 0;
};

} // namespace Kura::Store
