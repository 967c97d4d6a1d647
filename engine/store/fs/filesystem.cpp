#include "filesystem.h"

namespace Kura::Fs {

namespace {
constexpr qint64 MaxReadBytesAtOnce = qint64(256) * 1024 * 1024;
}

Result<QByteArray> FileReader::readBytesAt(qint64 offset, qint64 maxBytes)
{
    if (maxBytes < 0 || maxBytes > MaxReadBytesAtOnce || offset < 0) {
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("read of %1 bytes at offset %2 is out of range (limit %3)")
                        .arg(maxBytes)
                        .arg(offset)
                        .arg(MaxReadBytesAtOnce));
    }
    QByteArray buffer(maxBytes, Qt::Uninitialized);
    const Result<qint64> got = readAt(offset, buffer.data(), maxBytes);
    if (!got)
        return fail(got.error());
    buffer.truncate(*got);
    return buffer;
}

Result<bool> FileReader::changedSinceOpen()
{
    const Result<Metadata> now = restat();
    if (!now)
        return fail(now.error());
    return contentMayDiffer(metadataAtOpen(), *now);
}

} // namespace Kura::Fs
