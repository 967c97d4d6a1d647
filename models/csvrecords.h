#pragma once

#include <core/error.h>

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace Kura::Models {

// One record of an RFC 4180 document: its bytes exactly as they stand (with the line end) and
// its fields unquoted.
struct CsvRecord
{
    QByteArray raw;
    QStringList fields;
};

// A CSV document as the server writes it (UTF-8, optional byte-order mark, RFC 4180 quoting,
// CRLF or LF line ends).
struct CsvDocument
{
    QByteArray byteOrderMark; // "\xEF\xBB\xBF" or empty
    QList<CsvRecord> records;
};

// Largest document accepted (the report has at most 2000 rows).
constexpr qsizetype MaxCsvBytes = 64 * 1024 * 1024;

// Splits `document` into records. Errors (ErrorCode::Corrupt) name the record and byte offset:
// a quote inside an unquoted field, text after a closing quote, an unterminated quoted field,
// bytes that are not UTF-8, or a document above MaxCsvBytes.
Result<CsvDocument> parseCsv(const QByteArray &document);

// The document made of the BOM, the header record (records[0]) and the data records at
// `positions` (0 = the first record after the header), each kept byte for byte. Positions out
// of range are an error (ErrorCode::InvalidArgument).
Result<QByteArray> selectCsvRows(const CsvDocument &document, const QList<int> &positions);

} // namespace Kura::Models
