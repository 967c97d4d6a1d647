#pragma once

#include "httpmessage.h"

#include <core/error.h>

#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace Kura::Api {

// The default largest request body accepted (1 MiB): plans and logins are far smaller.
constexpr qsizetype DefaultMaxBodyBytes = 1024 * 1024;

// Parses a request body that must be one JSON object of at most `maxBytes` bytes. An empty
// body gives an empty object (every field then counts as missing). InvalidArgument with the
// parse error and its offset for anything else.
Result<QJsonObject> parseJsonObject(const QByteArray &body, qsizetype maxBytes);

// Reads the fields of a JSON object with type checks. The first problem is kept (later
// reads return defaults and record nothing) so a handler reads every field, then checks ok()
// once. Errors are InvalidArgument with a message naming the field and details
// {"field": "<path>"}, where the path is the field's dotted name ("plan.dailyWindow").
class FieldReader {
public:
    explicit FieldReader(const QJsonObject &object, QString prefix = {});

    QString requiredString(const QString &name);
    QString optionalString(const QString &name, const QString &fallback = {});
    int optionalInt(const QString &name, int fallback);
    bool optionalBool(const QString &name, bool fallback);
    QStringList optionalStringList(const QString &name);
    // A nested object; a missing one is reported when `required`.
    QJsonObject object(const QString &name, bool required);
    bool has(const QString &name) const { return m_object.contains(name); }

    // Records a problem with a field's value (an unknown enum name, say).
    void fail(const QString &name, const QString &message);
    // Records an unknown-field problem for every key that was never read.
    void rejectUnknownFields();
    // Takes over the first problem of a reader for a nested object.
    void adopt(const FieldReader &nested);

    bool ok() const { return !m_error.has_value(); }
    const Error &error() const { return *m_error; }
    QJsonObject details() const { return m_details; }
    // The 400 response of the first problem.
    ApiResponse response() const { return ApiResponse::error(*m_error, m_details); }
    QString path(const QString &name) const;

private:
    QJsonValue take(const QString &name);
    void failType(const QString &name, const char *expected);

    QJsonObject m_object;
    QString m_prefix;
    QSet<QString> m_read;
    std::optional<Error> m_error;
    QJsonObject m_details;
};

} // namespace Kura::Api
