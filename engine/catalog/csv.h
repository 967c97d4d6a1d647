#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

// The CSV format every Kura export uses (SPEC §8, §10), shared by the console, the API and
// kuractl: UTF-8 with a byte-order mark, RFC 4180 quoting, CRLF line ends.
namespace Kura::Catalog::Csv {

// One field: quoted when it contains a comma, a double quote, CR or LF (or starts or ends
// with a space, which some readers would trim), with inner quotes doubled.
QString field(const QString &value);

// One record: the quoted fields joined by commas, followed by CRLF.
QString record(const QStringList &fields);

// A whole document: the UTF-8 byte-order mark, then one record per row.
QByteArray document(const QList<QStringList> &rows);

// An ISO 8601 time with an explicit offset in `zone` at that instant, to the second:
// "2026-11-23T09:00:00+09:00" (UTC gives "+00:00", never "Z"). An invalid zone means UTC.
QString isoTime(qint64 msSinceEpoch, const QTimeZone &zone);

} // namespace Kura::Catalog::Csv
