#pragma once

#include "objectstore.h"

#include <QDateTime>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace Kura::Store {

// What a lock object records (plaintext JSON in locks/<random id>).
struct LockInfo
{
    QString name; // object name
    bool exclusive = false;
    QString host;
    qint64 pid = 0;
    qint64 processStart = 0; // process start time in clock ticks since boot (Linux), 0 if unknown
    QString command;         // what holds it, e.g. "backup"
    QDateTime time;          // last refresh, UTC

    QByteArray encode() const;
    static Result<LockInfo> decode(const QByteArray &json);
    // A lock whose holder is gone: same host and the process no longer exists (or is another
    // process with the same pid), or, from another host, not refreshed for StaleAfterSeconds.
    bool isStale(const QDateTime &now) const;
    QString describe() const;
};

// A shared (backup, restore, check) or exclusive (prune) lock on a repository. Shared locks
// coexist; an exclusive lock excludes every other lock. The lock is refreshed in the
// background while held and removed on destruction. Locks of dead processes are recognised
// and removed by the next process that meets them.
class RepositoryLock
{
public:
    static constexpr qint64 RefreshSeconds = 300;
    static constexpr qint64 StaleAfterSeconds = 1800;

    ~RepositoryLock();
    RepositoryLock(const RepositoryLock &) = delete;
    RepositoryLock &operator=(const RepositoryLock &) = delete;

    // Takes the lock, retrying for up to `waitMs` while it conflicts. ErrorCode::Conflict
    // names the holder of the conflicting lock.
    static Result<std::unique_ptr<RepositoryLock>> acquire(ObjectStore &store, bool exclusive,
                                                           const QString &command, int waitMs = 0);
    Status release();

private:
    RepositoryLock(ObjectStore &store, LockInfo info);
    void refreshLoop();

    ObjectStore &m_store;
    LockInfo m_info;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false; // guarded by m_mutex
    std::thread m_refresher;
};

} // namespace Kura::Store
