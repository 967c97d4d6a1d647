#include "treecache.h"

#include <store/crypto.h>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QtEndian>

#include <cstring>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Kura::Agent {
namespace {

const QByteArray Magic = "KURA-TREES 1\n"_ba;
constexpr quint32 MaxTreeBytes = 64 * 1024 * 1024;

QString cachePath(const QString &folder, const Store::BlobId &root)
{
    return folder + u'/' + root.toHex() + u".trees"_s;
}

} // namespace

Result<std::unique_ptr<TreeCache>> TreeCache::open(const QString &folder, const Store::BlobId &root,
                                                   const QByteArray &idKey)
{
    const QString path = cachePath(folder, root);
    std::unique_ptr<TreeCache> cache(new TreeCache);
    cache->m_idKey = idKey;
    cache->m_file.setFileName(path);
    if (!cache->m_file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound, u"no local cache of generation %1"_s.arg(root.toHex()));
    auto damaged = [&](const QString &what) {
        cache->m_file.close();
        QFile::remove(path);
        return Error(ErrorCode::Corrupt, u"the local tree cache \"%1\" is damaged (%2); it was removed"_s.arg(path, what));
    };
    if (cache->m_file.read(Magic.size()) != Magic)
        return fail(damaged(u"no header"_s));
    const qint64 end = cache->m_file.size();
    qint64 offset = Magic.size();
    while (offset < end) {
        char header[36];
        if (end - offset < 36 || cache->m_file.read(header, 36) != 36)
            return fail(damaged(u"truncated record at byte %1"_s.arg(offset)));
        const auto id = Store::BlobId::fromBytes(header, 32);
        const quint32 length = qFromBigEndian<quint32>(header + 32);
        offset += 36;
        if (length > MaxTreeBytes || offset + length > end)
            return fail(damaged(u"record at byte %1 runs past the end"_s.arg(offset - 36)));
        cache->m_entries.insert(*id, { offset, length });
        offset += length;
        cache->m_file.seek(offset);
    }
    if (!cache->m_entries.contains(root))
        return fail(damaged(u"the root tree is missing"_s));
    return cache;
}

Result<Store::Tree> TreeCache::tree(const Store::BlobId &id) const
{
    const auto it = m_entries.constFind(id);
    if (it == m_entries.constEnd())
        return fail(ErrorCode::NotFound, u"tree %1 is not in the local cache"_s.arg(id.toHex()));
    QByteArray bytes;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_file.seek(it->first))
            return fail(ErrorCode::Io, u"cannot read the local tree cache: %1"_s.arg(m_file.errorString()));
        bytes = m_file.read(it->second);
    }
    if (bytes.size() != qsizetype(it->second) || Store::keyedHash(m_idKey, bytes.constData(), bytes.size()) != id)
        return fail(ErrorCode::Corrupt, u"tree %1 in the local cache does not match its id"_s.arg(id.toHex()));
    return Store::decodeTree(bytes);
}

Result<std::unique_ptr<TreeCacheWriter>> TreeCacheWriter::create(const QString &folder)
{
    if (!QDir().mkpath(folder))
        return fail(ErrorCode::Io, u"cannot create the cache folder \"%1\""_s.arg(folder));
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // Left over from a backup that was killed: one backup runs at a time on an agent.
    const QStringList stale = QDir(folder).entryList({ u".in-progress-*"_s }, QDir::Files | QDir::Hidden);
    for (const QString &name : stale)
        QFile::remove(folder + u'/' + name);
    std::unique_ptr<TreeCacheWriter> writer(new TreeCacheWriter);
    writer->m_folder = folder;
    writer->m_file.setFileName(folder + u"/.in-progress-"_s + QString::number(QDateTime::currentMSecsSinceEpoch())
                               + u'-' + QString::number(quintptr(writer.get()), 16) + u".trees"_s);
    if (!writer->m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(ErrorCode::Io, u"cannot write \"%1\": %2"_s.arg(writer->m_file.fileName(), writer->m_file.errorString()));
    writer->m_file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    writer->m_file.write(Magic);
    return writer;
}

TreeCacheWriter::~TreeCacheWriter()
{
    if (!m_committed) {
        m_file.close();
        m_file.remove();
    }
}

Status TreeCacheWriter::add(const Store::BlobId &id, const char *data, qsizetype size)
{
    QMutexLocker lock(&m_mutex);
    if (m_written.contains(id))
        return {};
    char header[36];
    std::memcpy(header, id.bytes.data(), 32);
    qToBigEndian<quint32>(quint32(size), header + 32);
    if (m_file.write(header, 36) != 36 || m_file.write(data, size) != size)
        return fail(ErrorCode::Io, u"cannot write the local tree cache: %1"_s.arg(m_file.errorString()));
    m_written.insert(id);
    return {};
}

Status TreeCacheWriter::commit(const Store::BlobId &root)
{
    QMutexLocker lock(&m_mutex);
    if (!m_file.flush() || ::fdatasync(m_file.handle()) != 0)
        return fail(ErrorCode::Io, u"cannot flush the local tree cache: %1"_s.arg(m_file.errorString()));
    m_file.close();
    const QString target = cachePath(m_folder, root);
    QFile::remove(target);
    if (!QFile::rename(m_file.fileName(), target))
        return fail(ErrorCode::Io, u"cannot rename the local tree cache to \"%1\""_s.arg(target));
    m_committed = true;
    QFileInfoList caches = QDir(m_folder).entryInfoList({ u"*.trees"_s }, QDir::Files, QDir::Time);
    for (qsizetype i = TreeCache::KeepGenerations; i < caches.size(); ++i)
        if (!caches[i].fileName().startsWith(u'.'))
            QFile::remove(caches[i].absoluteFilePath());
    return {};
}

} // namespace Kura::Agent
