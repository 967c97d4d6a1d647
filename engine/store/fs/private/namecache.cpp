#include "namecache.h"

#include <QMutexLocker>

#include <cerrno>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <vector>

namespace Kura::Fs::Posix {

namespace {

// Calls a reentrant lookup (getpwuid_r and friends) with a buffer that grows on ERANGE, and
// hands the entry to `extract` while the buffer that its strings point into is alive.
template<class Entry, class Value, class Lookup, class Extract>
std::optional<Value> lookUp(Lookup lookup, Extract extract)
{
    std::vector<char> buffer(1024);
    for (int attempt = 0; attempt < 8; ++attempt) {
        Entry entry = {};
        Entry *found = nullptr;
        const int result = lookup(&entry, buffer.data(), buffer.size(), &found);
        if (result == ERANGE) {
            buffer.resize(buffer.size() * 4);
            continue;
        }
        if (result == EINTR)
            continue;
        if (result != 0 || found == nullptr)
            return std::nullopt;
        return extract(entry);
    }
    return std::nullopt;
}

QByteArray findUserName(quint32 uid)
{
    return lookUp<passwd, QByteArray>(
               [uid](passwd *e, char *b, size_t n, passwd **r) {
                   return getpwuid_r(uid_t(uid), e, b, n, r);
               },
               [](const passwd &e) { return QByteArray(e.pw_name); })
        .value_or(QByteArray());
}

QByteArray findGroupName(quint32 gid)
{
    return lookUp<group, QByteArray>(
               [gid](group *e, char *b, size_t n, group **r) {
                   return getgrgid_r(gid_t(gid), e, b, n, r);
               },
               [](const group &e) { return QByteArray(e.gr_name); })
        .value_or(QByteArray());
}

std::optional<quint32> findUserId(const QByteArray &name)
{
    return lookUp<passwd, quint32>(
        [&name](passwd *e, char *b, size_t n, passwd **r) {
            return getpwnam_r(name.constData(), e, b, n, r);
        },
        [](const passwd &e) { return quint32(e.pw_uid); });
}

std::optional<quint32> findGroupId(const QByteArray &name)
{
    return lookUp<group, quint32>(
        [&name](group *e, char *b, size_t n, group **r) {
            return getgrnam_r(name.constData(), e, b, n, r);
        },
        [](const group &e) { return quint32(e.gr_gid); });
}

template<class Key, class Value, class Find>
Value cached(QMutex &mutex, QHash<Key, Value> &cache, const Key &key, Find find)
{
    {
        QMutexLocker locker(&mutex);
        const auto it = cache.constFind(key);
        if (it != cache.constEnd())
            return it.value();
    }
    // Look up without the lock: NSS may be slow (LDAP). A duplicate lookup is harmless.
    Value value = find(key);
    QMutexLocker locker(&mutex);
    cache.insert(key, value);
    return value;
}

} // namespace

QByteArray NameCache::userName(quint32 uid)
{
    return cached(m_mutex, m_userNames, uid, findUserName);
}

QByteArray NameCache::groupName(quint32 gid)
{
    return cached(m_mutex, m_groupNames, gid, findGroupName);
}

std::optional<quint32> NameCache::userId(const QByteArray &name)
{
    if (name.isEmpty() || name.contains('\0'))
        return std::nullopt;
    return cached(m_mutex, m_userIds, name, findUserId);
}

std::optional<quint32> NameCache::groupId(const QByteArray &name)
{
    if (name.isEmpty() || name.contains('\0'))
        return std::nullopt;
    return cached(m_mutex, m_groupIds, name, findGroupId);
}

} // namespace Kura::Fs::Posix
