#include "lock.h"

#include "crypto.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QThread>

#include <cerrno>
#include <signal.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Kura::Store {
namespace {

// Start time of process `pid` in clock ticks since boot (field 22 of /proc/<pid>/stat), or
// -1 when there is no such process, 0 when unknown.
qint64 processStartTime(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return ::kill(pid_t(pid), 0) == 0 || errno == EPERM ? 0 : -1;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')'); // the command name may contain spaces
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    return fields.size() > 19 ? fields[19].toLongLong() : 0;
}

} // namespace

QByteArray LockInfo::encode() const
{
    const QJsonObject o {
        { u"exclusive"_s, exclusive }, { u"host"_s, host }, { u"pid"_s, double(pid) },
        { u"process_start"_s, double(processStart) }, { u"command"_s, command },
        { u"time"_s, time.toUTC().toString(Qt::ISODate) },
    };
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<LockInfo> LockInfo::decode(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return fail(ErrorCode::Corrupt, QStringLiteral("lock is not a JSON object"));
    const QJsonObject o = doc.object();
    LockInfo info;
    info.exclusive = o.value(u"exclusive"_s).toBool();
    info.host = o.value(u"host"_s).toString();
    // Whole numbers in range only: a lock file is outside input like any repository object.
    const double pid = o.value(u"pid"_s).toDouble(-1);
    const double start = o.value(u"process_start"_s).toDouble(-1);
    if (pid < 1 || pid > 4194304 || pid != double(qint64(pid)) || start < 0 || start > 9007199254740992.0)
        return fail(ErrorCode::Corrupt, QStringLiteral("lock has an invalid pid or process start"));
    info.pid = qint64(pid);
    info.processStart = qint64(start);
    info.command = o.value(u"command"_s).toString();
    info.time = QDateTime::fromString(o.value(u"time"_s).toString(), Qt::ISODate);
    if (!info.time.isValid() || info.pid <= 0)
        return fail(ErrorCode::Corrupt, QStringLiteral("lock lacks a valid time or pid"));
    return info;
}

bool LockInfo::isStale(const QDateTime &now) const
{
    if (host == QSysInfo::machineHostName()) {
        const qint64 start = processStartTime(pid);
        if (start < 0)
            return true;
        if (start > 0 && processStart > 0 && start != processStart)
            return true; // the pid was reused by another process
        return false;
    }
    return time.secsTo(now) > RepositoryLock::StaleAfterSeconds;
}

QString LockInfo::describe() const
{
    return QStringLiteral("%1 lock of \"%2\" (pid %3 on %4, refreshed %5)")
        .arg(exclusive ? u"an exclusive"_s : u"a shared"_s, command)
        .arg(pid)
        .arg(host, time.toUTC().toString(Qt::ISODate));
}

RepositoryLock::RepositoryLock(ObjectStore &store, LockInfo info)
    : m_store(store), m_info(std::move(info))
{
    m_refresher = std::thread([this] { refreshLoop(); });
}

RepositoryLock::~RepositoryLock()
{
    (void)release();
}

Result<std::unique_ptr<RepositoryLock>> RepositoryLock::acquire(ObjectStore &store, bool exclusive,
                                                                const QString &command, int waitMs)
{
    LockInfo mine;
    mine.exclusive = exclusive;
    mine.host = QSysInfo::machineHostName();
    mine.pid = ::getpid();
    mine.processStart = processStartTime(mine.pid);
    mine.command = command;
    qint64 waited = 0;
    for (;;) {
        mine.name = QString::fromLatin1(secureRandom(32).toHex());
        mine.time = QDateTime::currentDateTimeUtc();
        KURA_TRY(store.put(ObjectKind::Lock, mine.name, mine.encode()));
        auto names = store.list(ObjectKind::Lock);
        if (!names) {
            (void)store.remove(ObjectKind::Lock, mine.name);
            return fail(names.error());
        }
        std::optional<LockInfo> conflict;
        for (const QString &name : std::as_const(*names)) {
            if (name == mine.name)
                continue;
            auto bytes = store.get(ObjectKind::Lock, name);
            if (!bytes)
                continue; // removed meanwhile
            auto other = LockInfo::decode(*bytes);
            if (!other || other->isStale(QDateTime::currentDateTimeUtc())) {
                (void)store.remove(ObjectKind::Lock, name); // a dead process's lock, or garbage
                continue;
            }
            other->name = name;
            if (exclusive || other->exclusive)
                conflict = *other;
        }
        if (!conflict)
            return std::unique_ptr<RepositoryLock>(new RepositoryLock(store, mine));
        (void)store.remove(ObjectKind::Lock, mine.name);
        if (waited >= waitMs)
            return fail(ErrorCode::Conflict, QStringLiteral("the repository is locked: %1").arg(conflict->describe()),
                        true);
        const int pause = 200 + int(quint8(secureRandom(1)[0])); // jitter breaks symmetric races
        QThread::msleep(pause);
        waited += pause;
    }
}

void RepositoryLock::refreshLoop()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        if (m_wake.wait_for(lock, std::chrono::seconds(RefreshSeconds), [this] { return m_stop; }))
            break;
        m_info.time = QDateTime::currentDateTimeUtc();
        (void)m_store.put(ObjectKind::Lock, m_info.name, m_info.encode());
    }
}

Status RepositoryLock::release()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stop)
            return {};
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_refresher.joinable())
        m_refresher.join();
    return m_store.remove(ObjectKind::Lock, m_info.name);
}

} // namespace Kura::Store
