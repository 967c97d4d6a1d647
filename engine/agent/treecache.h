#pragma once

#include <core/error.h>
#include <store/blobid.h>
#include <store/tree.h>

#include <QFile>
#include <QHash>
#include <QMutex>
#include <QSet>

#include <memory>

namespace Kura::Agent {

// The agent's local cache of the trees of its last generations (ARCHITECTURE "Data flow",
// step 2): with it, files whose size, mtime, ctime and inode are unchanged reuse their chunk
// lists without being read, and unchanged folders are not even asked about.
//
// One file per generation, "<root tree id>.trees" in the cache folder: the magic line
// "KURA-TREES 1\n", then records of [32-byte tree id][4-byte big-endian length][tree bytes].
// Every tree read back is verified against its id, so a damaged cache only costs reading
// the files again. The newest KeepGenerations files are kept.
class TreeCache
{
public:
    static constexpr int KeepGenerations = 3;

    // Opens the cache of the generation whose root is `root`. NotFound when there is none;
    // Corrupt when the file is damaged (it is then removed).
    static Result<std::unique_ptr<TreeCache>> open(const QString &folder, const Store::BlobId &root,
                                                   const QByteArray &idKey);

    bool contains(const Store::BlobId &id) const { return m_entries.contains(id); }
    Result<Store::Tree> tree(const Store::BlobId &id) const;
    qsizetype size() const { return m_entries.size(); }

private:
    TreeCache() = default;
    mutable QMutex m_mutex;
    mutable QFile m_file;
    QByteArray m_idKey;
    QHash<Store::BlobId, std::pair<qint64, quint32>> m_entries; // offset of the bytes, length
};

// Writes the trees of a backup in progress; commit() makes it the cache of that generation.
// Thread-safe.
class TreeCacheWriter
{
public:
    static Result<std::unique_ptr<TreeCacheWriter>> create(const QString &folder);
    ~TreeCacheWriter();

    Status add(const Store::BlobId &id, const char *data, qsizetype size);
    // Flushes, renames to "<root>.trees" and removes all but the newest KeepGenerations.
    Status commit(const Store::BlobId &root);

private:
    TreeCacheWriter() = default;
    QMutex m_mutex;
    QString m_folder;
    QFile m_file;
    QSet<Store::BlobId> m_written;
    bool m_committed = false;
};

} // namespace Kura::Agent
