#pragma once

// The POSIX FileWriter. Not a public API: obtain one through PosixFileSystem::openForWrite().

#include "../filesystem.h"
#include "posixutil.h"

namespace Kura::Fs::Posix {

class PosixFileWriter final : public FileWriter
{
public:
    // `freshFile`: the file was created empty by us, so unwritten regions read as zeros.
    PosixFileWriter(QByteArray path, UniqueFd fd, NodeType type, bool freshFile);

    const QByteArray &path() const override { return m_path; }
    Status writeAt(qint64 offset, const QByteArray &data) override;
    Status writeAtSkippingZeros(qint64 offset, const QByteArray &data) override;
    Status finish(qint64 finalSize, bool syncToDisk) override;

private:
    Status writeRange(qint64 offset, const char *data, qint64 size);
    Status setFinalSize(qint64 finalSize);

    QByteArray m_path;
    UniqueFd m_fd;
    NodeType m_type;
    bool m_freshFile;
};

} // namespace Kura::Fs::Posix
