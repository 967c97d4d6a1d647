#include "flowcontrol.h"

#include <chrono>

using namespace Qt::StringLiterals;

namespace Kura::Protocol {

SendWindow::SendWindow(qint64 windowBytes) : m_window(qMax<qint64>(0, windowBytes)) { }

Status SendWindow::onSent(qint64 bytes)
{
    if (!canSend(bytes)) {
        return fail(ErrorCode::Conflict,
                    u"send window full: %1 bytes do not fit, %2 of %3 bytes in flight"_s.arg(bytes)
                        .arg(m_inFlight)
                        .arg(m_window),
                    true);
    }
    m_inFlight += bytes;
    return {};
}

Status SendWindow::onAcknowledged(qint64 bytes)
{
    if (bytes <= 0 || bytes > m_inFlight) {
        return fail(ErrorCode::Corrupt,
                    u"peer acknowledged %1 bytes but only %2 are in flight"_s.arg(bytes).arg(m_inFlight));
    }
    m_inFlight -= bytes;
    return {};
}

ReceiveWindow::ReceiveWindow(qint64 windowBytes, qint64 ackThresholdBytes)
    : m_window(qMax<qint64>(0, windowBytes))
    , m_threshold(qMax<qint64>(0, ackThresholdBytes))
{
}

Status ReceiveWindow::onReceived(qint64 bytes)
{
    if (bytes < 0 || bytes > m_window - m_unacknowledged) {
        return fail(ErrorCode::Corrupt,
                    u"peer exceeded the receive window: %1 more bytes with %2 of %3 unacknowledged"_s
                        .arg(bytes)
                        .arg(m_unacknowledged)
                        .arg(m_window));
    }
    m_unacknowledged += bytes;
    return {};
}

Result<qint64> ReceiveWindow::onConsumed(qint64 bytes)
{
    if (bytes < 0 || bytes > unconsumedBytes()) {
        return fail(ErrorCode::InvalidArgument,
                    u"consumed %1 bytes but only %2 are unconsumed"_s.arg(bytes).arg(unconsumedBytes()));
    }
    m_pendingAck += bytes;
    if (m_pendingAck == 0 || (m_pendingAck < m_threshold && unconsumedBytes() > 0))
        return qint64(0);
    const qint64 ack = m_pendingAck;
    m_unacknowledged -= ack;
    m_pendingAck = 0;
    return ack;
}

qint64 RateLimiter::clockMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

qint64 RateLimiter::take(qint64 bytes, qint64 nowMs)
{
    if (m_rate <= 0)
        return 0;
    // In thousandths of a byte, so that frequent calls lose nothing to rounding.
    const qint64 full = m_rate * 1000;
    if (!m_stampMs)
        m_milliTokens = full; // starts full
    else if (nowMs > *m_stampMs)
        m_milliTokens = qMin(full, m_milliTokens + (nowMs - *m_stampMs) * m_rate);
    m_stampMs = nowMs;
    const qint64 needed = qMin(bytes, m_rate) * 1000;
    if (m_milliTokens < needed)
        return (needed - m_milliTokens + m_rate - 1) / m_rate;
    m_milliTokens -= bytes * 1000;
    return 0;
}

} // namespace Kura::Protocol
