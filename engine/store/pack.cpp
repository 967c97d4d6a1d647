#include "pack.h"

#include "crypto.h"

#include <QtEndian>

namespace Kura::Store {
namespace {

const QByteArray PackMagic("KURAPK01", 8);
constexpr quint8 PackHeaderVersion = 1;
constexpr qsizetype EntrySize = 1 + 1 + 32 + 4 + 4;

} // namespace

QByteArray encodePackHeader(const QList<PackEntry> &entries)
{
    QByteArray out;
    out.reserve(5 + entries.size() * EntrySize);
    out.append(char(PackHeaderVersion));
    char count[4];
    qToLittleEndian<quint32>(quint32(entries.size()), count);
    out.append(count, 4);
    for (const PackEntry &e : entries) {
        out.append(char(e.type));
        out.append(char(e.compression));
        out.append(reinterpret_cast<const char *>(e.id.bytes.data()), 32);
        char numbers[8];
        qToLittleEndian<quint32>(e.length, numbers);
        qToLittleEndian<quint32>(e.rawLength, numbers + 4);
        out.append(numbers, 8);
    }
    return out;
}

Result<QList<PackEntry>> decodePackHeader(const QByteArray &plain, qint64 headerOffset)
{
    if (plain.size() < 5)
        return fail(ErrorCode::Corrupt, QStringLiteral("pack header of %1 bytes is truncated").arg(plain.size()));
    if (quint8(plain[0]) != PackHeaderVersion)
        return fail(ErrorCode::Unsupported,
                    QStringLiteral("pack header version %1 is unknown").arg(quint8(plain[0])));
    const quint32 count = qFromLittleEndian<quint32>(plain.constData() + 1);
    if (qint64(count) * EntrySize != plain.size() - 5)
        return fail(ErrorCode::Corrupt, QStringLiteral("pack header says %1 entries but has %2 bytes")
                                            .arg(count)
                                            .arg(plain.size()));
    QList<PackEntry> entries;
    entries.reserve(count);
    qint64 offset = 0;
    const char *p = plain.constData() + 5;
    for (quint32 i = 0; i < count; ++i, p += EntrySize) {
        PackEntry e;
        if (quint8(p[0]) > quint8(BlobType::Tree) || quint8(p[1]) > quint8(Compression::Zstd))
            return fail(ErrorCode::Corrupt, QStringLiteral("pack entry %1 has unknown type or compression").arg(i));
        e.type = BlobType(p[0]);
        e.compression = Compression(p[1]);
        e.id = *BlobId::fromBytes(p + 2, 32);
        e.length = qFromLittleEndian<quint32>(p + 34);
        e.rawLength = qFromLittleEndian<quint32>(p + 38);
        if (e.length < SealOverhead || e.length > MaxBlobBytes + SealOverhead + 1024
            || e.rawLength > MaxBlobBytes)
            return fail(ErrorCode::Corrupt, QStringLiteral("pack entry %1 has impossible length %2/%3")
                                                .arg(i)
                                                .arg(e.length)
                                                .arg(e.rawLength));
        if (offset + e.length > qint64(0xffffffff))
            return fail(ErrorCode::Corrupt, QStringLiteral("pack entry %1 lies beyond 4 GiB").arg(i));
        e.offset = quint32(offset);
        offset += e.length;
        if (offset > headerOffset)
            return fail(ErrorCode::Corrupt, QStringLiteral("pack entry %1 extends past the header").arg(i));
        entries.append(e);
    }
    if (offset != headerOffset)
        return fail(ErrorCode::Corrupt, QStringLiteral("pack entries cover %1 bytes, header starts at %2")
                                            .arg(offset)
                                            .arg(headerOffset));
    return entries;
}

Result<QList<PackEntry>> readPackHeader(ObjectStore &store, const QByteArray &key, const QString &name)
{
    auto context = [&](const Error &e) { return e.withContext(QStringLiteral("pack %1").arg(name)); };
    auto size = store.size(ObjectKind::Pack, name);
    if (!size)
        return fail(context(size.error()));
    if (*size < PackFooterSize + SealOverhead)
        return fail(ErrorCode::Corrupt, QStringLiteral("pack %1 is only %2 bytes").arg(name).arg(*size));
    auto footer = store.get(ObjectKind::Pack, name, *size - PackFooterSize, PackFooterSize);
    if (!footer)
        return fail(context(footer.error()));
    if (footer->mid(4) != PackMagic)
        return fail(ErrorCode::Corrupt, QStringLiteral("pack %1 has no pack footer").arg(name));
    const quint32 headerLength = qFromLittleEndian<quint32>(footer->constData());
    if (headerLength > MaxPackHeaderBytes || headerLength > *size - PackFooterSize
        || headerLength < SealOverhead)
        return fail(ErrorCode::Corrupt,
                    QStringLiteral("pack %1 declares a header of %2 bytes").arg(name).arg(headerLength));
    const qint64 headerOffset = *size - PackFooterSize - headerLength;
    auto sealed = store.get(ObjectKind::Pack, name, headerOffset, headerLength);
    if (!sealed)
        return fail(context(sealed.error()));
    auto plain = unseal(key, *sealed);
    if (!plain)
        return fail(context(plain.error().withContext(QStringLiteral("header"))));
    auto entries = decodePackHeader(*plain, headerOffset);
    if (!entries)
        return fail(context(entries.error()));
    return entries;
}

Result<std::unique_ptr<PackWriter>> PackWriter::create(ObjectStore &store, QByteArray key)
{
    auto writer = store.create(ObjectKind::Pack);
    if (!writer)
        return fail(writer.error());
    return std::unique_ptr<PackWriter>(new PackWriter(std::move(*writer), std::move(key)));
}

PackWriter::PackWriter(std::unique_ptr<ObjectWriter> writer, QByteArray key)
    : m_writer(std::move(writer)), m_key(std::move(key)), m_hash(std::make_unique<Sha256Stream>())
{
}

Status PackWriter::append(const char *data, qsizetype size)
{
    KURA_TRY(m_writer->write(data, size));
    m_hash->add(data, size);
    m_size += size;
    return {};
}

Status PackWriter::add(BlobType type, const BlobId &id, Compression compression, quint32 rawLength,
                       const QByteArray &sealed)
{
    if (m_size + sealed.size() > qint64(0xffffffff))
        return fail(ErrorCode::InvalidArgument, QStringLiteral("a pack cannot grow beyond 4 GiB"));
    PackEntry e { type, compression, id, quint32(m_size), quint32(sealed.size()), rawLength };
    KURA_TRY(append(sealed.constData(), sealed.size()));
    m_entries.append(e);
    return {};
}

Result<BlobId> PackWriter::finish()
{
    const QByteArray header = seal(m_key, encodePackHeader(m_entries));
    char length[4];
    qToLittleEndian<quint32>(quint32(header.size()), length);
    KURA_TRY(append(header.constData(), header.size()));
    KURA_TRY(append(length, 4));
    KURA_TRY(append(PackMagic.constData(), PackMagic.size()));
    const BlobId id = m_hash->finish();
    KURA_TRY(m_writer->commit(id.toHex()));
    return id;
}

} // namespace Kura::Store
