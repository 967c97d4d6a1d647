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

Result<QList<ListedEntry>> FileSystem::listDirectoryStat(const QByteArray &path)
{
    auto names = listDirectory(path);
    if (!names)
        return fail(names.error());
    QList<ListedEntry> entries;
    entries.reserve(names->size());
    const QByteArray prefix = path.endsWith('/') ? path : path + '/';
    for (QByteArray &name : *names) {
        auto metadata = statBasic(prefix + name);
        entries.append({ std::move(name), std::move(metadata) });
    }
    return entries;
}

Result<bool> FileReader::changedSinceOpen()
{
    const Result<Metadata> now = restat();
    if (!now)
        return fail(now.error());
    return contentMayDiffer(metadataAtOpen(), *now);
}

} // namespace Kura::Fs
