#pragma once

#include <core/error.h>

#include <QByteArray>
#include <QStringList>

#include <memory>

namespace Kura::Store {

// The kinds of object a repository holds. Each kind is a flat namespace of names; names of
// everything but Config are 64 lower-case hex digits (SHA-256 of the stored bytes, or random
// for keys and locks).
enum class ObjectKind { Config, Key, Lock, Snapshot, Index, Pack };

QString objectKindName(ObjectKind kind);

// A streamed write of one new object. Data is not visible under any name until commit();
// destroying an uncommitted writer discards what was written.
class ObjectWriter
{
public:
    virtual ~ObjectWriter() = default;
    virtual Status write(const char *data, qsizetype size) = 0;
    // Makes the object durable and visible as `name` (write, sync, rename, sync folder).
    virtual Status commit(const QString &name) = 0;
    virtual qint64 bytesWritten() const = 0;
};

// Where a repository's objects live: a local folder, or (later) an S3-compatible bucket.
// Every method is thread-safe. Nothing else in the store touches the storage directly.
class ObjectStore
{
public:
    virtual ~ObjectStore() = default;

    // Creates the empty structure; fails with Conflict if a repository is already there.
    virtual Status initialize() = 0;
    // Writes a whole object atomically and durably, replacing any object of that name.
    virtual Status put(ObjectKind kind, const QString &name, const QByteArray &data) = 0;
    virtual Result<std::unique_ptr<ObjectWriter>> create(ObjectKind kind) = 0;
    // Reads `length` bytes at `offset` (length -1: to the end). Reading past the end is
    // ErrorCode::Corrupt (the object is shorter than its index says); a missing object is NotFound.
    virtual Result<QByteArray> get(ObjectKind kind, const QString &name, qint64 offset = 0,
                                   qint64 length = -1) = 0;
    virtual Result<QStringList> list(ObjectKind kind) = 0;
    virtual Status remove(ObjectKind kind, const QString &name) = 0;
    virtual Result<qint64> size(ObjectKind kind, const QString &name) = 0;
    // Human-readable location for messages ("/srv/kura/repo").
    virtual QString location() const = 0;
};

} // namespace Kura::Store
