#pragma once

#include <QString>
#include <QMetaType>

#include <tl/expected.hpp>

namespace Kura {

// Stable error categories. Callers branch on the code, never on the message.
// The numeric values are part of the API (JSON "code" strings come from errorCodeName()).
enum class ErrorCode {
    NotFound,          // an object, file, snapshot or row that should exist does not
    Corrupt,           // bytes that fail a check: bad magic, MAC, hash, length, encoding
    Io,                // the operating system refused a read, write, sync or rename
    InvalidArgument,   // a caller gave something malformed (bad option, bad path, bad id)
    Unauthorized,      // wrong passphrase, key, token or identity
    Forbidden,         // authenticated, but not allowed (role, tenant, policy)
    Conflict,          // the state does not allow it now (locked, already running, quota)
    Unavailable,       // a peer or service is not reachable right now
    Cancelled,         // stopped on request
    Unsupported,       // a format version or feature this build does not know
    Internal,          // a bug: an invariant did not hold
};

const char *errorCodeName(ErrorCode code);

// An error value: a code, a developer message with context (path, object id, offset),
// and whether trying again may succeed. The engine does not translate messages.
class Error
{
public:
    Error() = default;
    Error(ErrorCode code, QString message, bool retryable = false)
        : m_code(code), m_message(std::move(message)), m_retryable(retryable)
    {
    }

    ErrorCode code() const { return m_code; }
    const QString &message() const { return m_message; }
    bool retryable() const { return m_retryable; }

    // "<context>: <message>", for wrapping an error as it travels up.
    Error withContext(const QString &context) const;
    QString toString() const;

    // An I/O error for `path` from errno value `errnum` ("open \"/x\": No such file").
    static Error fromErrno(const QString &operation, const QString &path, int errnum);

private:
    ErrorCode m_code = ErrorCode::Internal;
    QString m_message;
    bool m_retryable = false;
};

template<class T>
using Result = tl::expected<T, Error>;
using Status = Result<void>;

inline tl::unexpected<Error> fail(ErrorCode code, QString message, bool retryable = false)
{
    return tl::unexpected<Error>(Error(code, std::move(message), retryable));
}
inline tl::unexpected<Error> fail(Error error)
{
    return tl::unexpected<Error>(std::move(error));
}

} // namespace Kura

Q_DECLARE_METATYPE(Kura::Error)

// Evaluate a Result-returning expression; return its error from the enclosing function.
#define KURA_TRY(expr)                                                                             \
    do {                                                                                           \
        auto kuraTryResult_ = (expr);                                                              \
        if (!kuraTryResult_)                                                                       \
            return ::tl::unexpected<::Kura::Error>(std::move(kuraTryResult_.error()));            \
    } while (false)

// Assigns the value of a Result expression to `target`, or returns its error.
#define KURA_READ(target, expr)                                                                    \
    do {                                                                                           \
        auto kuraRead_ = (expr);                                                                   \
        if (!kuraRead_)                                                                            \
            return ::tl::unexpected<::Kura::Error>(std::move(kuraRead_.error()));                 \
        target = std::move(*kuraRead_);                                                            \
    } while (false)
