#pragma once

#include <core/clock.h>
#include <core/error.h>

#include <QByteArray>
#include <QString>
#include <QTest>

#include <atomic>

namespace Kura::Test {

// A clock that only moves when told to. Thread-safe.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1767225600000) // 2026-01-01T00:00:00Z
        : m_now(startMs)
    {
    }
    qint64 nowMs() const override { return m_now.load(); }
    void setNowMs(qint64 ms) { m_now.store(ms); }
    void advanceMs(qint64 ms) { m_now.fetch_add(ms); }
    void advanceDays(double days) { advanceMs(qint64(days * 86400000.0)); }

private:
    std::atomic<qint64> m_now;
};

// Deterministic pseudo-random bytes (xorshift) so that tests are repeatable.
QByteArray randomBytes(qsizetype size, quint64 seed);
// Writes `data` to `path`, creating parent folders; fails the test on error.
bool writeFile(const QString &path, const QByteArray &data);
QByteArray readFile(const QString &path);

} // namespace Kura::Test

// Verifies that a Result holds a value; on failure prints the error text.
#define QVERIFY_RESULT(expr)                                                                       \
    do {                                                                                           \
        const auto &kuraResult_ = (expr);                                                          \
        if (!kuraResult_)                                                                          \
            QFAIL(qPrintable(QStringLiteral(#expr " failed: ") + kuraResult_.error().toString())); \
    } while (false)
