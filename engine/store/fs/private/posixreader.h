#pragma once

// The POSIX FileReader. Not a public API: obtain one through PosixFileSystem::openForRead().

#include "../filesystem.h"
#include "posixutil.h"

namespace Kura::Fs::Posix {

class PosixFileReader final : public FileReader
{
public:
    PosixFileReader(QByteArray path, UniqueFd fd, Metadata atOpen);

    const QByteArray &path() const override { return m_path; }
    const Metadata &metadataAtOpen() const override { return m_atOpen; }
    Result<qint64> read(char *buffer, qint64 maxBytes) override;
    Result<qint64> readAt(qint64 offset, char *buffer, qint64 maxBytes) override;
    Result<QList<Extent>> dataExtents() override;
    Result<Metadata> restat() override;

private:
    QByteArray m_path;
    UniqueFd m_fd;
    Metadata m_atOpen;
    qint64 m_position = 0;
};

// Opens `path` (a regular file or a block device) for reading; see FileSystem::openForRead().
Result<std::unique_ptr<FileReader>> openPosixReader(const QByteArray &path);

// Asks the kernel to start reading the first `bytes` of the regular file at `path` into the
// page cache in the background (posix_fadvise WILLNEED); best effort, silent on failure.
void prefetchFile(const QByteArray &path, qint64 bytes);

// Metadata of an open descriptor; for a block device `size` is the device size.
Result<Metadata> statDescriptor(int fd, const QByteArray &path);

} // namespace Kura::Fs::Posix
