#pragma once

// User and group name lookups (getpwuid_r, getgrgid_r, getpwnam_r, getgrnam_r), cached for
// the life of the cache because walkers ask for the same few ids millions of times.
// Thread-safe. Not a public API.

#include <QByteArray>
#include <QHash>
#include <QMutex>

#include <optional>

namespace Kura::Fs::Posix {

class NameCache
{
public:
    // The name of `uid`/`gid`, or empty when the id has no entry.
    QByteArray userName(quint32 uid);
    QByteArray groupName(quint32 gid);
    // The id of a name on this machine, or nothing when the name is unknown here.
    std::optional<quint32> userId(const QByteArray &name);
    std::optional<quint32> groupId(const QByteArray &name);

private:
    QMutex m_mutex;
    QHash<quint32, QByteArray> m_userNames;   // guarded by m_mutex
    QHash<quint32, QByteArray> m_groupNames;  // guarded by m_mutex
    QHash<QByteArray, std::optional<quint32>> m_userIds;  // guarded by m_mutex
    QHash<QByteArray, std::optional<quint32>> m_groupIds; // guarded by m_mutex
};

} // namespace Kura::Fs::Posix
