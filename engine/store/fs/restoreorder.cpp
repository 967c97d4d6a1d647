#include "restoreorder.h"

#include <algorithm>

namespace Kura::Fs {

void DirectoryFinisher::add(const QByteArray &path, const Metadata &metadata)
{
    m_pending.append({ path, metadata });
}

DirectoryFinisher::Report DirectoryFinisher::finish(FileSystem &fileSystem,
                                                    const ApplyOptions &options)
{
    std::stable_sort(m_pending.begin(), m_pending.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    Report report;
    for (const auto &[path, metadata] : std::as_const(m_pending)) {
        const Result<QList<Error>> applied = fileSystem.applyMetadata(path, metadata, options);
        if (applied)
            report.warnings += *applied;
        else
            report.errors.append(applied.error());
    }
    m_pending.clear();
    return report;
}

std::optional<QByteArray> HardLinkTracker::firstPathOf(const QByteArray &path,
                                                       const Metadata &metadata)
{
    if (metadata.links < 2 || metadata.type == NodeType::Directory)
        return std::nullopt;
    const std::pair<quint64, quint64> key { metadata.device, metadata.inode };
    const auto it = m_firstPaths.constFind(key);
    if (it != m_firstPaths.constEnd())
        return it.value();
    m_firstPaths.insert(key, path);
    return std::nullopt;
}

} // namespace Kura::Fs
