#include "error.h"

#include <cstring>

namespace Kura {

const char *errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::Corrupt: return "corrupt";
    case ErrorCode::Io: return "io";
    case ErrorCode::InvalidArgument: return "invalid_argument";
    case ErrorCode::Unauthorized: return "unauthorized";
    case ErrorCode::Forbidden: return "forbidden";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Unavailable: return "unavailable";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

Error Error::withContext(const QString &context) const
{
    return Error(m_code, context + QStringLiteral(": ") + m_message, m_retryable);
}

QString Error::toString() const
{
    return QString::fromLatin1(errorCodeName(m_code)) + QStringLiteral(": ") + m_message;
}

Error Error::fromErrno(const QString &operation, const QString &path, int errnum)
{
    const QString text = QString::fromLocal8Bit(std::strerror(errnum));
    const ErrorCode code = errnum == ENOENT ? ErrorCode::NotFound
        : (errnum == EACCES || errnum == EPERM) ? ErrorCode::Forbidden
                                                : ErrorCode::Io;
    const bool retryable = errnum == EINTR || errnum == EAGAIN || errnum == EBUSY;
    return Error(code, QStringLiteral("%1 \"%2\": %3").arg(operation, path, text), retryable);
}

} // namespace Kura
