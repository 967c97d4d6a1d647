#pragma once

#include <core/error.h>

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Kura::Api::Client {

// Reads the fields of one JSON object of an API answer and remembers the first problem,
// named with its path ("facts.hostName: expected a string"). Absent fields and null take the
// empty value unless they are Required; a present field of the wrong type is always a
// problem. Internal to kura_apiclient.
class JsonReader {
public:
    enum Need { Optional, Required };

    explicit JsonReader(const QJsonObject &object)
        : m_object(object)
    {
    }

    QString string(const QString &key, Need need = Optional);
    qint64 integer(const QString &key, Need need = Optional);
    int smallInteger(const QString &key, Need need = Optional);
    std::optional<qint64> optionalInteger(const QString &key);
    // Any JSON number (sizes and averages that need not be whole).
    double number(const QString &key, Need need = Optional);
    bool boolean(const QString &key, Need need = Optional);
    // A "YYYY-MM-DD" date; invalid when absent or null.
    QDate date(const QString &key, Need need = Optional);
    // An ISO 8601 time, converted to UTC; invalid when absent or null.
    QDateTime time(const QString &key, Need need = Optional);
    QStringList stringList(const QString &key);
    // A nested object; empty when absent or null.
    QJsonObject object(const QString &key, Need need = Optional);
    bool has(const QString &key) const;

    // Records a problem of `key` (only the first one is kept).
    void fail(const QString &key, const QString &problem);
    // Takes over a problem found while reading the nested object `key`.
    void adopt(const QString &key, const Error &nested);
    // Takes over a problem whose message already names the field with its path.
    void take(const Error &error);
    bool ok() const { return !m_error; }

    // `value` when every field was read well, the first problem otherwise.
    template <class T> Result<T> finish(T value) const
    {
        if (m_error)
            return ::Kura::fail(*m_error);
        return value;
    }

private:
    // The value of `key`, or nullopt (with a problem when required) when absent or null.
    std::optional<QJsonValue> present(const QString &key, Need need);

    QJsonObject m_object;
    std::optional<Error> m_error;
};

} // namespace Kura::Api::Client
