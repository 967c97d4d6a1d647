#pragma once

#include <policy/planrules.h>

#include <QDateTime>
#include <QFile>
#include <QString>
#include <QTimeZone>

// Helpers shared by the policy tests.
namespace Kura::Test {

// Milliseconds since the epoch of an ISO 8601 UTC time such as "2026-01-05T03:00:00Z".
inline qint64 utcMs(const char *iso)
{
    const QDateTime time = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
    Q_ASSERT(time.isValid());
    return time.toMSecsSinceEpoch();
}

inline QString isoOf(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

inline QByteArray resourceFile(const char *name)
{
    QFile file(QStringLiteral(KURA_RESOURCES_DIR "/") + QString::fromLatin1(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline Policy::Plan dailyPlan(int window, int retentionDays = 7)
{
    Policy::Plan plan;
    plan.timing = Policy::Timing::Daily;
    plan.dailyWindow = window;
    plan.retentionDays = retentionDays;
    return plan;
}

inline Policy::Plan weeklyPlan(int weekday, int window, int retentionDays = 7)
{
    Policy::Plan plan;
    plan.timing = Policy::Timing::Weekly;
    plan.weekday = weekday;
    plan.weeklyWindow = window;
    plan.retentionDays = retentionDays;
    return plan;
}

inline Policy::Plan immediatePlan(int retentionDays = 7)
{
    Policy::Plan plan;
    plan.timing = Policy::Timing::Immediate;
    plan.retentionDays = retentionDays;
    return plan;
}

} // namespace Kura::Test

#include <random>

namespace Kura::Test {

// `count` deterministic mutations of `valid` (byte flips, insertions, deletions, truncations),
// for checking that a parser answers every input with a value or an error, never a crash.
inline QList<QByteArray> mutationsOf(const QByteArray &valid, int count, quint64 seed)
{
    std::mt19937_64 random(seed);
    QList<QByteArray> inputs;
    for (int i = 0; i < count; ++i) {
        QByteArray bytes = valid;
        const int edits = 1 + int(random() % 4);
        for (int e = 0; e < edits && !bytes.isEmpty(); ++e) {
            const qsizetype at = qsizetype(random() % quint64(bytes.size()));
            switch (random() % 4) {
            case 0:
                bytes[at] = char(random() % 256);
                break;
            case 1:
                bytes.insert(at, "{}[]\",:0-e9n"[random() % 12]);
                break;
            case 2:
                bytes.remove(at, 1 + qsizetype(random() % 8));
                break;
            default:
                bytes.truncate(at);
                break;
            }
        }
        inputs.append(bytes);
    }
    return inputs;
}

} // namespace Kura::Test
